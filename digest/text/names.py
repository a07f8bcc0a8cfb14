"""People named in an article: find name mentions and resolve short mentions to full names.

No NER model can be downloaded here, so names are capitalised word runs, with titles and
honorifics stripped ("Secretary Blinken" -> "Blinken", "Rep. Carlos Gimenez" -> "Carlos Gimenez").
A short mention resolves to the full name first introduced in the article that ends (or, for
names written surname first, begins) with it: "Blinken" -> "Antony Blinken", "Feng" -> "Feng
Chongyi". Unknown stays as written; nothing is invented.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

TITLES = frozenset(
    """
    advocate
    mr mrs ms miss dr prof sir dame lord lady rev sen senator rep representative gov governor
    president vice secretary minister premier chancellor chairman chairwoman chair mayor judge
    justice gen general adm admiral col colonel lt capt captain sgt officer commissioner
    ambassador director prime foreign state defense interior treasury attorney speaker leader
    pope king queen prince princess sheikh father brother sister pastor bishop cardinal coach
    chief deputy assistant acting former late u.s us chinese american british russian rabbi imam
    spokesman spokeswoman commentator expert professor analyst rear lieutenant sergeant corporal
    major brig journalist columnist editor correspondent anchor host u.k u.n sec atty supt insp
    det cmdr provost activist sheriff councilman councilwoman assemblyman assemblywoman constable
    delegate superintendent congressman congresswoman senators economist strategist consultant
    pollster adviser advisor aide nominee candidate investigator trooper detective alderman
    alderwoman
    """.split()
)

# Nouns that say what a person does ("commentator", "spokesman"): a role, not a name.
ROLE_NOUNS = frozenset(
    """
    diplomat official spokesman spokeswoman spokesperson president senator representative
    candidate nominee minister secretary governor mayor leader chairman chairwoman director
    executive founder lawmaker commentator expert professor analyst economist researcher
    scientist strategist adviser advisor ambassador general admiral judge attorney lawyer chief
    editor correspondent reporter author historian scholar fellow manager coach
    """.split()
)

# Capitalised words that start sentences or name things, never people on their own.
NOT_NAMES = frozenset(
    """
    the a an and but or so yet for if when while after before since as at in on of to by with
    from this that these those there here it its he she they we i you his her their our my your
    what who why how where which however meanwhile still also then yes no not mr monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july august
    september october november december god twitter facebook instagram youtube tiktok google
    reuters congress senate house white republican republicans democrat democrats democratic gop
    ccp cnn fox nbc abc cbs according asked says said told added even although though because
    unless until whether instead indeed perhaps maybe now today yesterday tonight tomorrow last
    next earlier later first finally asking speaking writing thus hence like unlike despite
    during amid among both either neither every each all some many most few several such other
    another more less only just whom whose let lets nor well oh sources source officials
    top senior longtime veteran fellow rival two three four five six seven eight nine ten
    eleven twelve dozens hundreds thousands millions can could will would should does did is
    are was were has have had do

    """.split()
)

_TOKEN = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Adm|Amb|Atty|Supt)\.|"
    r"(?:[A-Z]\.){2,}|[A-Z][a-z]*[’'][A-Z][a-z]+|[A-Z][a-zA-Z’'-]*[a-z][a-zA-Z’'-]*|[A-Z]\.)"
)
NAME_RUN = re.compile(
    rf"(?<![\w’'.]){_TOKEN}(?:\s+(?:(?:de|da|van|von|bin|al|del|la|le)\s+)?{_TOKEN})*"
)
# "Scientologist", "Republican", "Comedian", "Democratic": words, not first names
_DESCRIPTOR_ENDINGS = ("ist", "ian", "ite", "ic", "er", "ive", "al", "an")
_PRONOUNS = frozenset("He She They It We I His Her Their Its".split())
_POSSESSIVE = re.compile(r"[’']s$")


@dataclass(frozen=True)
class Mention:
    name: str  # as written, titles stripped
    start: int
    end: int
    titled: bool  # preceded by a title or honorific: certainly a person


def clean_name(raw: str) -> tuple[str, bool]:
    """Strip titles/honorifics and possessives; return (name, had_title)."""
    tokens = raw.split()
    titled = False
    if len(tokens) == 2 and tokens[0].rstrip(".").lower() in {"mr", "mrs", "ms", "miss", "dr"}:
        return _POSSESSIVE.sub(
            "", tokens[1].rstrip(",;:")
        ), True  # "Mr. Prince": the surname, even if it is a title
    while tokens:
        head = tokens[0].lower().rstrip(".,")
        if head in TITLES:
            titled = True
        elif not (head in NOT_NAMES or _POSSESSIVE.sub("", head) in NOT_NAMES):
            break
        tokens.pop(0)
    tokens = [t.rstrip(",;:") for t in tokens]
    while tokens and re.fullmatch(r"(?i)[\w-]+-year-old", tokens[0]):
        tokens.pop(0)  # "Fifteen-year-old Mustafa Ahmed"
    # "European Council President Donald Tusk": the name is what follows the last title
    last_title = max(
        (i for i, t in enumerate(tokens[:-1]) if t.lower().rstrip(".") in TITLES), default=-1
    )
    if last_title >= 0:
        tokens = tokens[last_title + 1 :]
        titled = True
    # "United Nations Samantha Power": the name is what follows an organisation's head word
    last_head = max(
        (i for i, t in enumerate(tokens[:-2]) if t.lower() in _NOT_PERSON_HEADS), default=-1
    )
    if last_head >= 0:
        tokens = tokens[last_head + 1 :]
    if tokens and tokens[-1].endswith(".") and len(tokens[-1]) > 2:
        tokens[-1] = tokens[-1].rstrip(".")
    if len(tokens) > 2 and tokens[-1].rstrip(".").lower() in {"jr", "sr", "ii", "iii", "iv"}:
        tokens.pop()
    if tokens:
        tokens[-1] = _POSSESSIVE.sub("", tokens[-1])
    if (
        len(tokens) >= 3
        and tokens[0].lower().endswith(_DESCRIPTOR_ENDINGS)
        and first_name_gender(tokens[0]) is None
        and first_name_gender(tokens[1]) is not None
    ):
        tokens = tokens[1:]  # "Scientologist John Travolta" -> "John Travolta"
    return " ".join(tokens), titled


def find_mentions(text: str) -> list[Mention]:
    """Capitalised runs in ``text`` that could be people, titles stripped."""
    mentions: list[Mention] = []
    for match in NAME_RUN.finditer(text):
        name, titled = clean_name(match.group(0))
        if not name or name.lower() in NOT_NAMES or len(name) < 2:
            continue
        if all(tok.endswith(".") for tok in name.split()):
            continue  # "U.S." and friends
        if re.search(r"[’']t\b", name):
            continue  # "Don’t Republicans …?"
        pronoun = next((i for i, t in enumerate(name.split()) if t in _PRONOUNS), None)
        if pronoun is not None:  # "in Washington D.C. He recalled": the name ends before "He"
            name = " ".join(name.split()[:pronoun])
            if not name:
                continue
        start = match.start() + match.group(0).find(name.split()[0])
        if _ORGANISATION_AFTER.match(text, match.end()):
            continue  # "America Rising PAC", "Acme Inc."
        mentions.append(Mention(name, start, start + len(name), titled))
    return mentions


_ORGANISATION_AFTER = re.compile(r"\s*(?:PACs?|Inc\.?|LLC|Corp\.?|Ltd\.?|Co\.)(?![\w-])")
_NOT_PERSON_HEADS = frozenset(
    """
    states kingdom republic union nations party house senate congress department ministry
    committee court university college school times post news network journal press council
    agency institute foundation association corporation company group bank city county state
    center centre campaign caucus administration street avenue times daily review magazine
    fund bureau service office commission board army navy force forces airlines train tower
    hotel hotels organization hall coalition alliance network federation league society
    services systems institution partners holdings valley beach island river park sea ocean
    age era gulf desert airport stadium museum cathedral hospital prison assembly parliament
    advocates speech interview debate rally
    """.split()
)


# One-word US states (as role modifiers: "the Indiana governor") and the places a sentence
# subject is never a person ("North Carolina, told …", "China said").
STATES = """
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
    """.split()
PLACES = frozenset(
    STATES
    + """
    u.s. america china russia mexico canada britain france germany japan iran iraq syria israel
    europe
    """.split()
    + ["new york", "new jersey", "new mexico", "new hampshire", "north carolina", "rhode island"]
    + ["south carolina", "north dakota", "south dakota", "west virginia", "north korea"]
    + ["south korea"]
)


# "San Bernardino, Calif.", "Springfield, Va.", "San Jose, California": a place, not a person
PLACE_TAIL = re.compile(rf",\s+(?:[A-Z][a-z]{{1,4}}\.|(?i:{'|'.join(PLACES)})\b)")


def looks_like_person(name: str) -> bool:
    """False for places, for names that end like organisations ("United States", "Fox News"),
    and for runs of capitals too long to be a name (a headline in Title Case)."""
    tokens = name.split()
    if len(tokens) > 4 or name.lower() in PLACES:
        return False
    if any(t.lower() in _MEDIA_WORDS for t in tokens[:-1]):
        return False  # "Washington Post Trump": an outlet run into a name
    return bool(tokens) and tokens[-1].lower() not in _NOT_PERSON_HEADS


_MEDIA_WORDS = frozenset("post times news journal tribune herald gazette daily".split())


_OTHER = {"male": "female", "female": "male"}
_RELATIVE = re.compile(
    r"\b(?:wife|husband|son|daughter|brother|sister|father|mother|spouse|niece|nephew)"
    r"(?:,\s*|\s+)$"
)
# "Eric Trump, son of the Republican front-runner,"
_RELATIVE_AFTER = re.compile(
    r",\s+(?:(?:his|her|the)\s+)?(?:wife|husband|son|daughter|brother|sister|father|mother|spouse|"
    r"niece|nephew)\b"
)
_HONORIFIC_GENDER = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female"}


@lru_cache(maxsize=1)
def _gender_detector() -> Any:
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def first_name_gender(first: str) -> str | None:
    """'male' or 'female' when a first name is clearly one (gender-guesser's data), else None."""
    if len(first) < 2 or first.endswith("."):
        return None
    guess = _gender_detector().get_gender(first)
    return guess if guess in ("male", "female") else None


class NameBook:
    """The full names of an article, in order of first mention, for resolving short mentions."""

    def __init__(self, text: str, words: str | None = None) -> None:
        """``text``: where names are read (the extractor's, with quotes masked); ``words``: the
        whole article, where a word is looked up in lowercase (:meth:`is_word`); "see" may be
        written only inside quotes ("(See Sexton’s full timeline …)")."""
        self.full: list[str] = []
        self._honorific: dict[str, str] = {}
        for match in re.finditer(r"\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][\w’'-]+)", text):
            self._honorific.setdefault(match.group(2), _HONORIFIC_GENDER[match.group(1).lower()])
        self._relatives: set[str] = set()  # "his wife, Heidi Cruz": not who a surname means
        self._text = text
        self._words = text if words is None else words
        self._runs: frozenset[str] | None = None  # the runs of word characters in ``_words``
        # the text's name mentions, for other readers too; "(See Sexton’s full timeline …)":
        # a word opening a sentence is no first name when the rest goes by itself elsewhere
        self._opening: dict[str, str] = {}  # "See Sexton" -> "Sexton"
        self.mentions = self._without_opening_words(find_mentions(text))
        for mention in self.mentions:
            name = strip_possessor(mention.name)
            tokens = name.split()
            headline = any(t.lower().strip("’'") in NOT_NAMES or t.endswith("’") for t in tokens)
            if 2 <= len(tokens) <= 4 and name not in self.full and looks_like_person(name):
                if headline:
                    continue  # "Horrified’ By Donald Trump"
                self.full.append(name)
                if _RELATIVE.search(
                    text, max(0, mention.start - 60), mention.start
                ) or _RELATIVE_AFTER.match(text, mention.end):
                    self._relatives.add(name)
        # "De Blasio" beside "Bill de Blasio", "Team Clinton" beside "Hillary Clinton": a word the
        # article also writes in lowercase, before another person's surname, is not a first name
        self.full = [f for f in self.full if not self._word_before_surname(f, text)]
        # "Tom told …" then "Ebeling said": once one of two Ebelings goes by his first name,
        # the bare surname means the other one.
        self._first_named: set[str] = set()
        surnames = Counter(f.split()[-1] for f in self.full)
        by_first: dict[str, list[str]] = {}
        for full in self.full:  # only names whose surname another full name shares
            if surnames[full.split()[-1]] > 1:
                by_first.setdefault(full.split()[0], []).append(full)
        self._shared_by_first = by_first
        for mention in self.mentions:
            if " " in mention.name or re.search(
                r"\b[Tt]he\s+$", text[max(0, mention.start - 5) : mention.start]
            ):
                continue  # not "The Donald"
            self._first_named.update(by_first.get(mention.name, ()))
        # the full names by surname (as :func:`_same_token` compares) and by first word, in
        # order: a mention is resolved without a pass over all of them (issue 15)
        self._by_surname: dict[str, list[str]] = {}
        self._by_first: dict[str, list[str]] = {}
        self._by_last: dict[str, list[str]] = {}
        for full in self.full:
            self._by_last.setdefault(full.split()[-1], []).append(full)
            self._by_surname.setdefault(full.split()[-1].replace("’", "'"), []).append(full)
            self._by_first.setdefault(full.split()[0], []).append(full)
        self._full = frozenset(self.full)

    def _without_opening_words(self, mentions: list[Mention]) -> list[Mention]:
        """Mentions with a sentence's opening word taken off ("See Sexton" -> "Sexton") where
        that word is no known first name, is a word (the article writes it in lowercase, or it
        ends like an adverb or a participle: "Apparently Lindsey", "Facing Trump") and never is
        written capitalised inside a sentence, the rest of the name stands alone inside one,
        and the whole name never does."""
        inside = {m.name for m in mentions if not _opens_sentence(self._text, m.start)}
        capitalised = {  # words written capitalised inside a sentence ("the New York Times")
            w for m in mentions if not _opens_sentence(self._text, m.start) for w in m.name.split()
        }
        out: list[Mention] = []
        for m in mentions:
            first, _, rest = m.name.partition(" ")
            if (
                rest
                and m.name not in inside
                and rest in inside
                and first not in capitalised
                and _opens_sentence(self._text, m.start)
                and first_name_gender(first) is None
                and (self.is_word(first) or first.lower().endswith(_ADVERB_OR_PARTICIPLE))
            ):
                start = m.start + len(first) + 1
                self._opening[m.name] = rest
                m = Mention(rest, start, start + len(rest), m.titled)
            out.append(m)
        return out

    def _word_before_surname(self, full: str, text: str) -> bool:
        first, last = full.split()[0], full.split()[-1]
        if not any(other.split()[-1] == last and other != full for other in self.full):
            return False
        return self.is_word(first)

    def text_before(self, index: int, width: int = 4) -> str:
        """The few characters of the text before ``index`` (where a mention starts)."""
        return self._text[max(0, index - width) : index]

    def is_word(self, token: str) -> bool:
        """A capitalised token that is a plain word of the article, not a name: it is no known
        first name and the article also writes it in lowercase ("Small groups …", "Team")."""
        if first_name_gender(token) is not None:
            return False
        lower = token.lower()
        if _WORD_RUN.fullmatch(lower):  # then it is found exactly when it is a whole run
            if self._runs is None:  # one pass over the text, not one per token (issue 15)
                self._runs = frozenset(_WORD_RUN.findall(self._words))
            return lower in self._runs
        return bool(re.search(rf"(?<![\w’'-]){re.escape(lower)}(?![\w’'-])", self._words))

    def gender(self, name: str) -> str | None:
        """'male', 'female' or None (unknown) for a resolved name, from the first name or
        "Mr./Ms. Surname" in the article ("Mr. Guajardo" for "Guajardo Villarreal")."""
        tokens = name.split()
        if not tokens:
            return None
        known = first_name_gender(tokens[0])  # a lone "Melanie" is a first name
        if known:
            return known
        return next((self._honorific[t] for t in reversed(tokens) if t in self._honorific), None)

    def in_full(self, mention: str) -> str | None:
        """The full name ``mention`` writes out (two words or more: "Bill Clinton", "Gov. Jeb
        Bush"), or None for a bare surname, a first name or no one the article introduces."""
        if len(clean_name(mention)[0].split()) < 2:
            return None
        full = self.resolve(mention)
        return full if full in self._full else None

    def note(self, written: list[str], mention: Mention, text: str) -> None:
        """Update ``written`` (people named in full, the latest last; :meth:`resolve`) with a
        mention of ``text``: a full name goes last; a first name alone of one of two people
        sharing a surname ("Tom told …" beside Betsy Ebeling) goes first, for a bare "Ebeling"
        after it means the other one."""
        full = self.in_full(mention.name)
        if full is not None:
            if full in written:
                written.remove(full)
            written.append(full)
            return
        if " " in mention.name or re.search(
            r"\b[Tt]he\s+$", text[max(0, mention.start - 5) : mention.start]
        ):
            return  # not "The Donald"
        for named in self._shared_by_first.get(mention.name, ()):
            if named in written:
                written.remove(named)
            written.insert(0, named)

    def resolve(self, mention: str, recent: Sequence[str] = (), written: Sequence[str] = ()) -> str:
        """The full name a mention refers to, or the mention itself when nothing matches.

        A surname two people share ("Clinton": Bill and Hillary) goes to the one whose full
        name was written out last in ``written`` (latest last): a writer names a relative in
        full when the bare surname is to mean them ("Chelsea Clinton said …; Clinton added").
        An honorific overrules ("Mrs. Clinton" is never Bill). With nothing written yet, the
        one named most recently in ``recent`` (latest last), else the first introduced."""
        name, _ = clean_name(mention)
        name = self._opening.get(name, name)
        if not name and re.fullmatch(r"[A-Z][\w’'-]+", mention):
            name = mention  # a surname that is also a title: "Prince", "Major"
        if not name:
            return mention
        tokens = name.split()
        if len(tokens) >= 2:
            # a full name ending with " " + name ends with its last word
            pool = self._by_last.get(tokens[-1], ()) if name == name.rstrip() else self.full
            longer = [f for f in pool if f.endswith(" " + name)]
            if len(longer) == 1:  # "Guajardo Villarreal" -> "Ildefonso Guajardo Villarreal"
                return longer[0]
            if name in self.full:
                return name
            for full in self.full:  # "Liberal Oscar-winner Sarandon" -> "Susan Sarandon"
                if _same_token(full.split()[-1], tokens[-1]) and tokens[0] not in full:
                    return full
            return name
        token = tokens[0]
        by_surname = list(self._by_surname.get(token.replace("’", "'"), ()))
        honorific = re.match(r"(Mr|Mrs|Ms|Miss)\b", mention)
        if honorific and len(by_surname) > 1:  # "Mr. Trump" is not Ivanka Trump
            wanted = _HONORIFIC_GENDER[honorific.group(1).lower()]
            by_surname = [
                f for f in by_surname if first_name_gender(f.split()[0]) != _OTHER[wanted]
            ]
        if len(by_surname) > 1:
            latest = next((f for f in reversed(written) if f in by_surname), None)
            if latest is not None:
                return latest
        if len(by_surname) > 1 and any(f not in self._first_named for f in by_surname):
            by_surname = [f for f in by_surname if f not in self._first_named]
        in_focus = [f for f in reversed(recent) if f in by_surname and f not in self._relatives]
        if in_focus:
            return in_focus[0]
        if by_surname:  # prefer a form that starts with a real first name
            named = [f for f in by_surname if first_name_gender(f.split()[0]) is not None]
            return (named or by_surname)[0]
        by_first = list(self._by_first.get(token, ()))
        if len(by_first) == 1 and first_name_gender(token):
            return by_first[0]  # "Hillary shot back": the one Hillary of the article
        for full in by_first:
            if not _looks_like_first_name_only(full):
                return full
        return name


_ADVERB_OR_PARTICIPLE = ("ly", "ing", "ed")
_WORD_RUN = re.compile(r"[\w’'-]+")


def _opens_sentence(text: str, start: int) -> bool:
    """``text[start:]`` opens a sentence, a paragraph or a bracket."""
    return bool(re.search(r"(?:^|[.!?:;(\[“\"‘—]\s*|\n)\s*$", text[max(0, start - 4) : start]))


def _same_token(a: str, b: str) -> bool:
    return a.replace("’", "'") == b.replace("’", "'")


def strip_possessor(name: str) -> str:
    """ "The Blaze’s Matt Walsh" -> "Matt Walsh" (what follows the last possessive)."""
    tokens = name.split()
    for i in range(len(tokens) - 1, 0, -1):
        if re.search(r"[’']s$|s[’']$", tokens[i - 1]):  # "The Blaze’s", "Fox News’"
            return " ".join(tokens[i:])
    return name


def _looks_like_first_name_only(full: str) -> bool:
    # "Hillary Clinton" must not resolve "Hillary" when a mention means the surname pattern;
    # surname-first matching is kept for two-token names whose second token is short (Asian
    # given names such as "Qin Gang", "Li Linyi", "Wang Yi"), where the family name leads.
    tokens = full.split()
    return not (len(tokens) == 2 and len(tokens[0]) <= 5)
