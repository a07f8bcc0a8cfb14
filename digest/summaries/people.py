"""Who a summary sentence needs: the sentence before it, or its person introduced.

A summary takes sentences out of their article; one that points back ("He said", "Because of
that", the answer to a question) reads only after the sentence it points to, and a bare
surname ("Archer-Bradshaw said") only after the person's full name. :func:`points_back` and
:class:`Surnames` tell :func:`digest.summaries.summarizer.introduce_people` which sentences a
summary must replace, and :meth:`Surnames.introduce` writes a surname in full where that is
certain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digest.summaries.document import Document
from digest.summaries.ranker import NAME_SENTENCES
from digest.text.names import PLACES, NameBook, find_mentions, first_name_gender

# An opening that points back at something the sentence before named: a person ("He", "The
# man"), a thing ("This biography", "These"), an argument ("Thus"); or a personal pronoun in the
# first words, before any name ("According to them", "Lovers of his classic tale", "Maybe she").
_PERSONAL = re.compile(
    r"^[“\"‘']?(?:He|She|They|His|Her|Their|Him|Them|Those|Thus|Such"
    r"|(?:This|These)(?! (?:year|week|month|season|morning|afternoon|evening|weekend|time)s?\b)"
    r"|The (?:man|woman|boy|girl|couple|pair))\b"
    # a person named before by role ("The Pennsylvania official was just talking about …")
    r"|^The (?:[A-Z][\w.-]+ )?(?:official|spokesman|spokeswoman|spokesperson|suspect|victim"
    r"|teenager|gunman|driver)s?(?:,| (?:was|is|were|are|had|has|said|says|told|added|who|also)\b)"
    r"|^[A-Z][a-z]*,?\s+(?:(?:of|to|for|with|about|from|by|on)\s+)?(?:he|she|him|her|his|them)\b"
    r"|^That(?:['’]s| is| was)\b|^Dies(?:e[rsmn]?)?\b"
    # "it" as a noun phrase's subject ("It is the organization's fourth title"), not the
    # "it" of "It is unclear whether …" or "It is the first time …"
    r"|^It(?:['’]s| is| was) (?:the|its|his|her|their) "
    r"(?!first|second|third|last|only|latest)\w+['’]s?\b"
    # a connective that builds on the sentence before ("Because of that, …", "As a result")
    r"|^(?:Because of|Due to|Despite|In spite of|Thanks to|As a result of|Other than|Apart from"
    r"|Besides|On top of|In addition to|After|Before|Like|Unlike|Beyond|Given|With|In)"
    r" (?:that|this|these|those|which)\b(?! (?:year|week|month|season|time)s?\b)"
    r"|^(?:As a result|As such|For (?:that|this) reason|That said|Even so|In (?:that|this) case)\b"
    r"|^(?:But )?(?:It|That|This) (?:doesn['’]t|does not|didn['’]t|did not) (?:stop|end) there\b"
    r"|^(?:But )?(?:that|this)['’]?s? (?:is )?not all\b"
    # a speaker's attribution opening the sentence, its quotation left in the one before
    # ("Matiullah Matie asks as he steers ...", "Smith said.")
    r"|^(?:[A-Z][\w'’-]+\s){1,3}(?:says|said|asks|asked|adds|added|explains|explained)"
    r"(?:[.,]|\s+(?:as|while|before|after|when)\b)"
    # a personal pronoun among the first words after an opening that is not a name, before any
    # name or noun phrase that could be its antecedent ("So many thoughts were racing through
    # her head", "But, maybe she ...")
    r"|^[“\"‘']?(?:So|But|And|Or|Yet|Then|Now|Maybe|Perhaps|Still|Soon|Later|Suddenly|Finally"
    r"|Even|Only|Just|Many|Some|Most|All|Both|Few|Several|Every|Nothing|Everything|Nobody"
    r"|Everyone|No|Not|Never|When|While|After|Before|If|As|Because|Though|Although)\b,?"
    r"(?:\s+(?!(?:a|an|the)\b)[a-z][\w’'-]*,?){0,8}?\s+(?:he|she|him|her)\b"
    # the same connectives in the other languages the digest reads ("同时，…", "Außerdem …")
    r"|^(?:同时|此外|另外|但是|然而|因此|所以|而且|不过|对此|与此同时)[，,]"
    r"|^(?:また|しかし|そのため|一方|さらに|ただ)[、,]"
    r"|^(?:Außerdem|Deshalb|Daher|Trotzdem|Dennoch|Allerdings|Zudem|Darüber hinaus"
    r"|Además|Sin embargo|Por eso|Por ello|Asimismo|Cependant|Toutefois|Par ailleurs|En outre"
    r"|Pourtant|Tuttavia|Inoltre|Quindi|Daarom|Bovendien)\b"
)


_QUESTION_END = re.compile(r"\?[\"”’']?\s*$")


def points_back(sentences: Sequence[str], i: int) -> bool:
    """Sentence ``i`` needs the one before it: it points back, or answers its question."""
    return bool(_PERSONAL.match(sentences[i]) or (i and _QUESTION_END.search(sentences[i - 1])))


# what a person's name follows or is followed by, for a surname to be written in full
_PERSON_BEFORE = (
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Rev|Officer|Sgt|Sergeant|Capt"
    r"|Captain|Gen|General|Col|Judge|Justice|Sen|Senator|Rep|Gov|Governor|President|Minister"
    r"|Secretary|Mayor|Chief|Inspector|Detective|Constable|Coach|Manager|Director"
    r"|spokesman|spokeswoman|spokesperson|manager|coach|director|officer|executive|chairman"
    r"|chairwoman|chair|founder|president|minister|secretary|mayor|senator|governor|lawyer"
    r"|attorney|professor|researcher|scientist|analyst|author|actor|actress|singer|player"
    r"|striker|midfielder|defender|goalkeeper|boss|leader|partner|wife|husband|son|daughter"
    r"|father|mother|brother|sister|friend|neighbour|neighbor|teacher|doctor|nurse|student)\.?"
)
_IN_A_LIST = re.compile(r"[A-Z][\w’'-]+(?:,? (?:and|or|&)|,) $")
_SPEECH = "said|says|told|added|explained|wrote|asked|admitted|insisted"
_LOWER_WORDS = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*")


class Surnames:
    """Who a bare surname in the article stands for (its people book built on first use).

    A chosen sentence naming someone by surname only ("Archer-Bradshaw said …") whose full name
    the reader has not met in the headline or an earlier sentence of the summary, where the
    article writes that full name as a person's (after a title or role, before an age, an
    apposition or "said"), is introduced: its first mention is written in full ("Ramona
    Archer-Bradshaw said …")
    when one person of the article has that surname and the word budget allows; otherwise the
    sentence is replaced. A surname whose full name is not so attested is left as written (the
    ranker scores it down): "Cup" beside "One Cup" is no person."""

    def __init__(self, document: Document) -> None:
        self._document = document
        # where names are looked up: the opening sentences (a summary's pool)
        self._opening = " ".join(document.sentences[:NAME_SENTENCES])
        self._book: NameBook | None = None
        self._full: dict[str, str] = {}
        self._lower: frozenset[str] | None = None

    def _is_surname_of(self, word: str, full: str) -> bool:
        """``word`` is the surname of a person's full name ("Archer-Bradshaw" of "Ramona
        Archer-Bradshaw"): two or three words ending with it, opening with a first name
        (gender-guesser's male or female), neither of them a place or a word the article
        writes in lowercase ("One China", "German Formula", "College Brighton" are no
        people)."""
        tokens = full.split()
        if not 2 <= len(tokens) <= 3 or len(set(tokens)) != len(tokens) or tokens[-1] != word:
            return False
        if first_name_gender(tokens[0]) is None or first_name_gender(word) is not None:
            return False  # "Charles Spaniel Alfie": a first name is no surname
        middle = tokens[1:-1]
        if middle and not (re.fullmatch(r"[A-Z]\.", middle[0]) or first_name_gender(middle[0])):
            return False  # a middle name is a first name or an initial ("King Charles Spaniel")
        if word.lower() in PLACES:
            return False
        if self._lower is None:
            self._lower = frozenset(_LOWER_WORDS.findall(self._opening))
        return tokens[0].lower() not in self._lower and word.lower() not in self._lower

    def _people(self) -> NameBook:
        if self._book is None:
            self._book = NameBook(self._opening)
        return self._book

    def full_name(self, surname: str) -> str:
        if surname not in self._full:
            self._full[surname] = self._people().resolve(surname)
        return self._full[surname]

    def _attested(self, full: str) -> bool:
        """The article writes ``full`` as a person's name: after a title or role ("Dr", "Mayor",
        "chief executive"), before an age (", 34,"), an apposition (", a data scientist", ",
        who") or a speech verb ("said")."""
        name = re.escape(full)
        return bool(
            re.search(rf"{_PERSON_BEFORE}\s+{name}\b", self._opening)
            or re.search(
                rf"\b{name}(?:,\s*(?:\d{{1,3}}\s*,|(?:a|an|who)\s)|\s+(?:{_SPEECH})\b)",
                self._opening,
            )
        )

    def _only_one(self, surname: str, full: str) -> bool:
        """No one else of the article has the surname (a family: "Pettingill" stays unsure)."""
        return [f for f in self._people().full if f.split()[-1] == surname] == [full]

    def introduce(self, chosen: list[int], max_words: int) -> tuple[dict[int, str], list[int]]:
        """The chosen sentences' texts with their people introduced, and the sentences (in
        article order) whose person cannot be: the summary leaves those out."""
        seen = self._document.title
        texts: dict[int, str] = {}
        unsure: list[int] = []
        words = sum(len(self._document.sentences[i].split()) for i in chosen)
        for i in sorted(chosen):
            sentence = self._document.sentences[i]
            written: list[tuple[int, int, str]] = []  # (start, end, full name) to write
            for mention in find_mentions(sentence):
                if " " in mention.name or any(full.endswith(mention.name) for *_, full in written):
                    continue  # a name, or a surname already written in full at its first mention
                full = self.full_name(mention.name)
                if full in sentence or full in seen or not self._is_surname_of(mention.name, full):
                    continue
                if not self._attested(full) or _IN_A_LIST.search(sentence, 0, mention.start):
                    # perhaps no person ("FA Cup" beside "One Cup"), or one of a list of
                    # surnames ("Officers Liu and Ramos"): left as written
                    continue
                extra = len(full.split()) - 1
                if not self._only_one(mention.name, full) or words + extra > max_words:
                    unsure.append(i)
                    break
                written.append((mention.start, mention.end, full))
                words += extra
            for start, end, full in reversed(written):
                sentence = sentence[:start] + full + sentence[end:]
            texts[i] = sentence
            seen = f"{seen} {sentence}"
        return texts, unsure

    def unintroduced(self, chosen: list[int], max_words: int = 1_000_000) -> list[int]:
        """The chosen sentences whose bare surname cannot be introduced (see :meth:`introduce`)."""
        return self.introduce(chosen, max_words)[1]
