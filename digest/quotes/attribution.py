"""Attribution: who said each quote, from the narration around it.

Works on a paragraph with its quotes masked out (each replaced by :data:`MASK`), sentence by
sentence (abbreviation-aware, so "Mr. Obama" does not end a sentence):

- after the quote: ``, X said`` / ``, said X`` / ``, the ministry said in a statement`` /
  ``China affairs commentator Li Linyi told`` / ``― X``;
- before it, in the same sentence: ``X said:`` / ``X called the remarks …`` /
  ``according to X,`` (the nearest such clause before the quote);
- the subject of the sentence when its verb introduces the quote, tried after each opening
  comma and never a place; the last sentence of a narration paragraph before a quote paragraph;
  as a last resort the named subject of the quote's sentence (``how="subject"``);
- the sentence before, when it attributes speech to someone (``…, according to Feng. “…”``);
- otherwise the speaker of a neighbouring quote in the paragraph (:func:`inherit`).

What is found here is the mention as written ("he", "Secretary Blinken", "the Indiana
governor"); :mod:`digest.quotes.focus` resolves it to the speaker. Unknown stays None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from digest.quotes.patterns import (
    ABBREVIATIONS,
    ACCORDING_AT_END,
    AFTER,
    BEFORE,
    BREAK,
    COLON,
    COLON_SUBJECT,
    DET,
    MASK,
    NAME,
    OF_PLACE,
    OWNED_WORDS,
    PAREN,
    PASSIVE,
    PLAIN_SUBJECT,
    PRONOUN,
    SUBJECT,
    VERB,
)
from digest.text.names import NOT_NAMES, STATES, TITLES, clean_name, looks_like_person


@dataclass
class Attribution:
    who: str | None
    cue: str | None
    how: str  # "after", "before", "previous sentence", "none"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries that do not break after abbreviations or initials."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in BREAK.finditer(text):
        word = re.search(r"([\w.]+)[.!?…]?$", text[start : match.start() + 1])
        token = (word.group(1) if word else "").rstrip(".").lower()
        if token in ABBREVIATIONS or re.fullmatch(r"[^\W\d_](?:\.[^\W\d_])*", token):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def find_attribution(
    masked: str, start: int, end: int, closed: bool = False, since: int = 0
) -> Attribution:
    """Who the quote masked at ``masked[start:end]`` is attributed to, as written.

    ``closed``: the quote ends its sentence (“… the timing.”), so a capitalised word after it
    starts the next sentence and is not "X said" of this quote. ``since``: where the sentence
    starts at the latest, when an earlier quote closed one (its period is masked away)."""
    sentences = sentence_spans(masked)
    k = next((i for i, (s, e) in enumerate(sentences) if s <= start < e), len(sentences) - 1)
    s_start, s_end = sentences[k]
    s_start = max(s_start, since if since <= start else 0)
    after = masked[end:s_end].split(MASK)[0]
    if closed and re.match(r"\s+[A-Z]", after):
        after = ""
    if re.match(r"[\s,]*(?:and|but|while)\s", after):
        after = ""  # "… “very encouraged” and Trump calling it …": a clause of its own
    for pattern in AFTER:
        m = pattern.match(after)
        if m and (who := _accept(m)):
            return Attribution(_head_of_phrase(m, who), m.group("cue") or None, "after")
    m = ACCORDING_AT_END.search(after)  # "… of “Bobby!” at a conference, according to X."
    if m and (who := _accept(m)):
        return Attribution(who, m.group("cue"), "after")
    before = masked[s_start:start]
    m = COLON.search(before)
    addressee = bool(m and re.search(rf"\b{VERB}\s+$", before[: m.start()]))  # "told The Post:"
    # "uploaded to LiveLeak:" is a place, "More from Jones:" and "a statement by X:" are sources
    addressee = addressee or bool(m and _PLACE_OF.search(before, 0, m.start()))
    if m and not before.rstrip().endswith(":"):  # a dash: "the candidate Mitt Romney -- “…”"
        addressee = addressee or len(m.group("who").split()) < 2
        addressee = addressee or bool(_OBJECT_OF.search(before, 0, m.start()))
    if m and not addressee and (who := _accept(m)) and not re.search(rf"{VERB}\s*:\s*$", before):
        return Attribution(who, ":", "before")
    said = _speech_in(before, "before")
    if said.who:
        return said
    m = COLON_SUBJECT.match(before)
    if m and (who := _accept(m)) and _can_speak(who):
        return Attribution(who, ":", "before")  # "Clinton has since apologized for it: “…”"
    m = _subject_match(PLAIN_SUBJECT, before)
    if m and (who := _accept(m)):
        return Attribution(who, m.group("verb"), "subject")  # "Lewandowski ripped Comey as “…”"
    if k > 0 and not masked[s_start:start].strip():
        p_start, p_end = sentences[k - 1]
        previous = masked[p_start:p_end].split(MASK)[-1]  # after its own quotes: "…, X writes."
        said = _speech_in(previous, "previous sentence")  # "X seemed taken aback and mentioned …"
        if said.who:
            return said
    return Attribution(None, None, "none")


# "said Clinton ally James Carville", "said Oversight ranking Democrat Elijah Cummings (D-Md.)",
# "said Air Force 1st Lt. Tyler Livingston": an English noun phrase ends with its head, the
# words before it modify it; the speaker is the name that closes the phrase.
_PHRASE_HEAD = re.compile(
    rf"\s+(?P<between>(?:(?:[a-z][\w-]*|\d+(?:st|nd|rd|th)|[A-Z][a-z]{{0,3}}\.)\s+){{1,4}})"
    rf"(?P<name>{NAME}?)(?=\s*(?:\([^()]{{1,40}}\))?\s*(?:[,;:¶]|[.!?]\s|[.!?]?$))"
)


def _head_of_phrase(m: re.Match[str], who: str) -> str:
    """The name closing the noun phrase that the inverted speaker mention ``who`` opens
    (``said <who> <modifiers> <Full Name>``), else ``who``."""
    if "cue" not in m.groupdict() or not m.group("cue") or m.start("who") < m.end("cue"):
        return who
    head = _PHRASE_HEAD.match(m.string, m.end("who"))
    if head is None or re.fullmatch(PRONOUN, who) or re.match(DET, who):
        return who
    words = head.group("between").split()
    title_before = who.split()[-1].lower().rstrip(".") in TITLES
    if any(
        (w in NOT_NAMES and not (w == "and" and title_before)) or re.fullmatch(VERB, w)
        for w in words
    ):
        return who  # "said Clinton on Monday", "said Cruz and Kasich"
    name = clean_name(head.group("name").rstrip("."))[0]
    return name if len(name.split()) >= 2 and looks_like_person(name) else who


# "the director for the Iowa Democratic Party said", "in Tulsa, Oklahoma, arguing": a name
# that is the object of a preposition is not the subject of the verb after it.
_PLACE_OF = re.compile(r"\b(?:of|for|at|with|in|on|to)\s+(?:the\s+)?$")
# (also "Planned Parenthood Advocates of Kansas and Mid-Missouri sharply criticized")
_OBJECT_OF = re.compile(
    r"\b(?:of|for|at|with|from|in|by|to|through|into|across|against|around|behind)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*"
    r"\s+and\s+)?$"
)


def narration_speaker(paragraph: str, subject: bool = False) -> Attribution:
    """Who the last sentence of a narration paragraph says is speaking ("Trump was quick to
    add that …"), for a quote paragraph that follows it; with ``subject`` (the quote paragraph
    has no narration of its own), else the sentence's subject, as a weak attribution."""
    start, end = sentence_spans(paragraph.rstrip())[-1]
    said = _speech_in(paragraph[start:end], "previous paragraph")
    if said.who is None and subject:  # "Viguerie is upbeat about …": weak, never shown
        m = _subject_match(PLAIN_SUBJECT, paragraph[start:end])
        if m and (who := _accept(m)):
            return Attribution(who, m.group("verb"), "subject")
    return said


def _speech_in(text: str, how: str) -> Attribution:
    """The nearest "X said" in ``text``, else its subject when a speech verb follows it."""
    found = _last_accepted(text)
    if found:
        return Attribution(found[0], found[1], how)
    m = _subject_match(SUBJECT, text)
    if m and (who := _accept(m)):
        return Attribution(who, m.group("cue"), how)
    return Attribution(None, None, "none")


def _subject_match(pattern: re.Pattern[str], sentence: str) -> re.Match[str] | None:
    """The subject of ``sentence`` by ``pattern``, tried at its start and after each of its
    first commas ("At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton said"): the
    first that is a plausible speaker, not a place and not a passive ("X was called")."""
    commas = [m.end() for m in re.finditer(r",\s+", sentence[:200])]
    starts = [0, *commas[:4]]
    for start in starts:
        m = pattern.match(sentence, start)
        if not m or not _accept(m) or _PLACE.fullmatch(m.group("who")):
            continue
        if _who(m) == m.group("who") and _MODIFIER.match(sentence, m.end("who")):
            continue  # "YAF member in the 1960s …": a name used as a modifier, not the subject
        groups = m.groupdict()
        if "between" in groups and _is_passive(groups["between"], groups["cue"]):
            continue
        if "between" in groups and re.search(r"(?:^|,\s)(?:he|she|they|we|I)\s", groups["between"]):
            continue  # "Back then, he held up …": the clause has a subject of its own
        if "aux" in groups and groups["aux"] in ("is ", "was ") and groups["verb"].endswith("ed"):
            continue
        return m
    return None


def _last_accepted(text: str) -> tuple[str, str] | None:
    """The nearest "X said" / "X, who said" in ``text``, else "according to X": (who, cue)."""
    according, *speech = BEFORE
    accepted = [
        (m.end("cue"), who, m)
        for pattern in speech
        for m in pattern.finditer(text)
        if (who := _accept(m))
        and (
            m.re is OWNED_WORDS
            or not _OBJECT_OF.search(text, 0, m.start("who"))
            or _RECORDING_OF.search(text, 0, m.start("who"))  # "footage of Clinton asking"
        )
    ]
    if not accepted:
        accepted = [(m.end(), who, m) for m in according.finditer(text) if (who := _accept(m))]
    if not accepted:
        return None
    accepted.sort(key=lambda found: found[0])  # the nearest cue last
    end, who, m = accepted[-1]
    for other_end, other_who, other in accepted:  # "Trump’s potential VP", not its "VP"
        if other_end == end and other.start("who") < m.start("who") < other.end("who"):
            end, who, m = other_end, other_who, other
            break
    if len(accepted) > 1 and _modifying_participle(who, m.group("cue"), text[end:]):
        end, who, m = accepted[-2]  # "Christie said Trump's tweet saying … meant that “…”"
    elif len(accepted) > 1 and who.lower() == "they":
        end, who, m = accepted[-2]  # "The statement noted they had said they would take “…”"
    return who, m.group("cue") or "according to"


def _modifying_participle(who: str, cue: str, rest: str) -> bool:
    """ "Trump's tweet saying …" far from the quote: the participle describes the thing; the
    quote belongs to the clause around it."""
    thing = bool(re.match(DET, who)) and not _can_speak_as_person(who)
    return thing and cue.endswith("ing") and len(rest.split()) > 10


def _can_speak_as_person(who: str) -> bool:
    return _head(who) in PERSON_NOUNS


def _head(description: str) -> str:
    """The last word of a description, lower-cased: "the senator" -> "senator"."""
    words = re.findall(r"[a-z][\w-]*", description.lower())
    return words[-1] if words else ""


def _accept(m: re.Match[str]) -> str | None:
    """The speaker mention of a pattern match, if it can be one."""
    who = _who(m)
    return who if _plausible(who) else None


_APPOSED_NAME = re.compile(rf",\s*(?P<name>{NAME}){PAREN},")


_OF_PLACE_AFTER = re.compile(OF_PLACE)
_DOCUMENT = r"\b(?:e-?mail|letter|memo|statement|note|message|tweet|post|release|op-ed|column)s?"
_AUTHOR = re.compile(
    rf"(?:\s+(?:sent|issued|released|written|signed|posted|published|put)(?:\s+out)?)?"
    rf"\s+(?:by|from)\s+(?P<name>{NAME})"
)
_DESCRIBED_NAME = re.compile(
    rf"\s+(?:[a-z][\w-]*\s+){{0,3}}(?P<role>[a-z][\w-]*)\s+(?P<name>{NAME})"
)


def _who(m: re.Match[str]) -> str:
    """The mention; or the name set beside a description ("Another critic, Laurence Tribe,"),
    or after a role ("said RNC spokesman Sean Spicer")."""
    who = m.group("who")
    if who.lower() in ("his", "her"):
        return "he" if who.lower() == "his" else "she"  # "her remark that “…”"
    described = _DESCRIBED_NAME.match(m.string, m.end("who"))
    if (
        described
        and not re.search(rf"\b{VERB}\b", described.group(0))  # not "X told co-host Y"
        and who[:1].isupper()
        and described.group("role") in PERSON_NOUNS | TITLES
        and described.group("name").split()[0].lower() not in NOT_NAMES
    ):
        name = described.group("name")
        owned = re.match(r"\s+([a-z][\w-]*)", m.string[described.end("name") :])
        if re.search(r"[’']s$", name) and owned:  # "candidate Gary Johnson’s doctor is calling"
            return f"{name} {owned.group(1)}"
        return name
    of_place = _OF_PLACE_AFTER.match(m.string, m.end("who")) if "cue" in m.groupdict() else None
    if of_place and of_place.group(0) and not looks_like_person(who):
        who += of_place.group(0)  # "the Association of Flight Attendants called …"
    if who[:1].isupper() and not re.match(DET, who):
        return _drop_leading_words(who) if not re.fullmatch(PRONOUN, who) else who
    apposed = _APPOSED_NAME.match(m.string, m.end("who"))
    if apposed:
        return apposed.group("name")
    author = _AUTHOR.match(m.string, m.end("who"))
    if author and re.search(rf"{_DOCUMENT}(?:\s+(?:sent|put)(?:\s+out)?)?$", who):
        return author.group("name")  # "a fundraising email sent out by Sanders … warned"
    return who


_RECORDING_OF = re.compile(r"\b(?:footage|video|clip|audio|recording|tape)s?\s+of\s+$")


def _can_speak(who: str) -> bool:
    """A name, a pronoun, or a description whose head can say something ("the senator", "the
    report"); not "The challenge of transparency is exemplified by this finding: “…”"."""
    if not re.match(DET, who) or re.fullmatch(PRONOUN, who):
        return True
    head = _head(who)
    return head.rstrip("s") in PERSON_NOUNS | _SPEAKING_THINGS or head in PERSON_NOUNS


def _is_passive(before_verb: str, verb: str) -> bool:
    """ "was called", "is said" (the subject is not the speaker); "is telling" is not passive."""
    participle = verb.endswith("ed") or verb in {"told", "said", "thought", "written", "read"}
    return participle and bool(PASSIVE.search(before_verb))


def _plausible(who: str) -> bool:
    if not who.strip() or re.fullmatch(r"I(?:[’'][a-z]+)?", who.strip()):
        return False  # the writer ("I’ve got to ask you"), not a speaker the article names
    if len(who.split()) == 1 and re.fullmatch(DET, who):
        return False
    if re.fullmatch(PRONOUN, who) or re.match(DET, who.split()[0]):
        return "¶" not in who
    return bool(_drop_leading_words(who)) and "¶" not in who


def _drop_leading_words(name: str) -> str:
    """ "But Mr. Kerry" -> "Mr. Kerry", "Senate Majority Leader Mitch McConnell" keeps its
    title for clean_name; only words that never begin a name go."""
    tokens = name.split()
    while tokens and tokens[0].lower().rstrip(".,’'s") in NOT_NAMES:
        tokens.pop(0)
    return " ".join(tokens)


_PLACE = re.compile(rf"(?i:{'|'.join(STATES)}|u\.s\.|america|washington|china|russia)")


def inherit(
    speakers: Sequence[str | None], index: int, hows: Sequence[str | None] = ()
) -> int | None:
    """Which quote of the paragraph passes its speaker to quote ``index``: the nearest attributed
    one, previous first; a later quote only when its attribution follows it (“A.” “B,” X said),
    not when it is introduced after this quote ("… More from Jones: “B”")."""
    for j in range(index - 1, -1, -1):
        if speakers[j]:
            return j
    for j in range(index + 1, len(speakers)):
        if speakers[j] and (not hows or hows[j] in ("after", "inherited", None)):
            return j
        if speakers[j]:
            return None
    return None


SPEAKING_THINGS = _SPEAKING_THINGS = frozenset(
    """
    campaign statement report memo letter email e-mail ad advertisement study poll survey group
    committee agency department ministry office government administration party company union
    network newspaper paper website site page post tweet message note document complaint lawsuit
    ruling court judge panel board council commission organization association foundation
    institute center team piece voice article story book video column editorial
    """.split()
)
_MODIFIER = re.compile(r"\s+(?:members?|supporters?|officials?|voters?|leaders?|aides?)\b")
PERSON_NOUNS = frozenset(
    """
    diplomat official officials spokesman spokeswoman spokesperson president senator
    congressman congresswoman candidate nominee minister secretary governor mayor leader
    chairman chairwoman director executive ceo founder lawmaker democrat republican
    businessman businesswoman billionaire actor actress star coach manager player author
    professor commentator analyst expert adviser advisor aide source sources strategist
    attorney lawyer judge prosecutor economist scientist researcher doctor physician friend
    woman man narrator questioner organizer speaker host co-host anchor reporter writer
    """.split()
)
