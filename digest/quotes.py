"""Quotes: every direct quote in an article and who said it.

Two steps, both rule-based (no model can be downloaded here):

1. :func:`find_quote_spans` pairs quote marks paragraph by paragraph: curly and straight double
   quotes, quotes interrupted by attribution, and quotes that go on into the next paragraph (the
   paragraph ends with the quote open and the next one opens with a quote mark) are joined into
   one. An unbalanced mark never raises: the quote runs to the end of its paragraph.
2. :func:`attribute` finds the speaker from the paragraph with the quotes masked out: speech-verb
   patterns on either side ("X said", "said X", "X told reporters", "according to X", "X said:"),
   appositions ("Li Linyi, a commentator, said"), pronouns and descriptions resolved to the person
   most recently in focus, and inheritance from the previous quote. Names resolve to the full name
   first introduced in the article (:class:`digest.names.NameBook`). Unknown stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digest.models import Quote
from digest.names import NOT_NAMES, NameBook, clean_name, find_mentions

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|adding|wrote|writes|tweeted|tweets|posted|asked|asks|"
    "noted|notes|continued|continues|explained|explains|stated|states|claimed|claims|argued|"
    "argues|insisted|insists|warned|warns|recalled|recalls|declared|declares|announced|"
    "announces|replied|replies|responded|responds|answered|remarked|observed|acknowledged|"
    "admitted|conceded|concluded|emphasized|stressed|suggested|suggests|believes|believed|"
    "thinks|thought|called|calls|described|describes|reported|reports|predicted|promised|"
    "vowed|urged|joked|quipped|shouted|yelled|whispered|testified|boasted|complained|"
    "countered|cautioned|mused|pointed out|went on|saying|telling|writing|describing|calling"
)
_VERB = rf"(?:{SPEECH_VERBS})"
_PRONOUN = r"(?:he|she|they|He|She|They)"
_NOMINAL = r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w.’'-]+\s+){0,5}?[a-z][\w-]+"
_NAME = r"(?:[A-Z][\w.’'-]*(?:\s+(?:(?:de|van|von|bin|al|del|la|le)\s+)?[A-Z][\w.’'-]*){0,4})"
_PAREN = r"(?:\s*\([^()]{1,30}\))?"  # "(R-Fla.)" between a name and its verb
MASK = "\u2063Q\u2063"  # stands for a quote inside the masked paragraph text

_OPENERS = {"“": "”", '"': '"'}


@dataclass(frozen=True)
class Span:
    """A quote's inner text located in the article: paragraph index and character offsets."""

    paragraph: int
    start: int
    end: int
    text: str
    continued: bool = False  # the quote goes on into the next paragraph


def find_quote_spans(paragraph: str, index: int = 0) -> list[Span]:
    """Quote spans in one paragraph; never raises on unbalanced marks."""
    spans: list[Span] = []
    i = 0
    n = len(paragraph)
    while i < n:
        ch = paragraph[i]
        if ch == "“" or (ch == '"' and _opens_straight(paragraph, i)):
            closer = _OPENERS[ch]
            j = i + 1
            while j < n:
                if paragraph[j] == closer or (closer == "”" and paragraph[j] == '"'):
                    break
                if paragraph[j] == "“" and closer == "”":
                    break  # a new opening before any close: the first one was never closed
                j += 1
            closed = j < n and paragraph[j] != "“"
            text = paragraph[i + 1 : j].strip()
            if text:
                spans.append(Span(index, i + 1, j, text, continued=not closed))
            i = j + 1 if closed else j
        else:
            i += 1
    return spans


def _opens_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:,") and not after.isspace()


@dataclass
class _Found:
    span: Span
    text: str
    speaker: str | None = None
    cue: str | None = None
    how: str | None = None  # "pattern", "pronoun", "inherited", ...


def extract_quotes(text: str) -> list[Quote]:
    """Every direct quote in an article body (paragraphs separated by blank lines)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text)]
    book = NameBook(_mask_all(paragraphs))
    found: list[_Found] = []
    pending: _Found | None = None
    for p_index, paragraph in enumerate(paragraphs):
        spans = find_quote_spans(paragraph, p_index)
        for span_index, span in enumerate(spans):
            if (
                pending is not None
                and span_index == 0
                and paragraph.lstrip().startswith(("“", '"'))
            ):
                pending.text = f"{pending.text} {span.text}"  # continued from the last paragraph
                pending = pending if span.continued else None
                continue
            item = _Found(span, span.text)
            found.append(item)
            pending = item if span.continued else None
        if not spans:
            pending = None
    _attribute(paragraphs, found, book)
    quotes = [
        Quote(
            text=f.text.strip(),
            speaker=f.speaker,
            start=f.span.start,
            end=f.span.end,
            cue=f.cue,
        )
        for f in found
        if _is_quote(f, paragraphs)
    ]
    return quotes


def _mask_all(paragraphs: list[str]) -> str:
    return "\n\n".join(mask_quotes(p) for p in paragraphs)


def mask_quotes(paragraph: str, spans: list[Span] | None = None) -> str:
    """The paragraph with each quote (marks included) replaced by :data:`MASK`."""
    spans = find_quote_spans(paragraph) if spans is None else spans
    out: list[str] = []
    last = 0
    for span in spans:
        out.append(paragraph[last : max(span.start - 1, last)])
        out.append(MASK)
        last = min(span.end + 1, len(paragraph))
    out.append(paragraph[last:])
    return "".join(out)


def _is_quote(found: _Found, paragraphs: list[str]) -> bool:
    """Scare quotes and titles (short, unattributed, mid-sentence) are not quotes."""
    words = len(found.text.split())
    if found.speaker is not None or found.cue is not None:
        return True
    if words >= 4:
        return True
    return bool(re.search(r"[.,!?…]$", found.text))


# --- attribution -----------------------------------------------------------------------------

_AFTER = [  # text right after the quote: ', X said' / ', said X' / ', he said'
    re.compile(
        rf"^[\s,]*(?:[\w.’'-]+\s+){{0,5}}?(?P<who>{_NAME}|{_PRONOUN}|{_NOMINAL}){_PAREN}(?:,[^,{MASK[1]}]{{1,120}},)?\s+"
        rf"(?:also\s+|later\s+|then\s+|has\s+|had\s+|would\s+|once\s+)?(?P<cue>{_VERB})\b"
    ),
    re.compile(rf"^[\s,]*(?P<cue>{_VERB})\s+(?P<who>{_NAME}|{_PRONOUN}|{_NOMINAL})"),
]
_BEFORE = [  # text before the quote: 'X said: ' / 'X said that ... ' / 'according to X, '
    re.compile(
        rf"(?:^|[.!?]\s+|,\s+|—\s*)[Aa]ccording to (?P<who>{_NAME}|{_NOMINAL}|{_PRONOUN})"
        r"(?P<cue>)[^.!?]*$"
    ),
    re.compile(
        rf"(?P<who>{_NAME}|{_PRONOUN}|{_NOMINAL}){_PAREN}(?:,[^,]{{1,120}},)?\s+"
        rf"(?:also\s+|later\s+|then\s+|has\s+|had\s+|once\s+)?(?P<cue>{_VERB})\b"
    ),
]
_SENTENCE_BREAK = re.compile(r"[.!?][”\"’)]?\s+(?=[A-Z“\"])")


def _attribute(paragraphs: list[str], found: list[_Found], book: NameBook) -> None:
    by_paragraph: dict[int, list[_Found]] = {}
    for item in found:
        by_paragraph.setdefault(item.span.paragraph, []).append(item)
    last_speaker: str | None = None
    last_paragraph = -10
    for p_index, paragraph in enumerate(paragraphs):
        items = by_paragraph.get(p_index, [])
        spans = [item.span for item in items]
        masked = mask_quotes(paragraph, spans)
        focus = _focus_person(masked, book) or last_speaker
        positions = _mask_positions(masked)
        for item, (m_start, m_end) in zip(items, positions, strict=False):
            who, cue = _match_around(masked, m_start, m_end)
            if who is not None:
                item.cue = cue
                item.speaker = _resolve(who, book, focus, last_speaker)
                item.how = "pattern"
        # Within a paragraph, unattributed quotes take the speaker of their neighbours.
        for k, item in enumerate(items):
            if item.speaker is None and item.how is None:
                neighbours = [x for x in items[:k][::-1] + items[k + 1 :] if x.speaker]
                if neighbours:
                    item.speaker = neighbours[0].speaker
                    item.how = "inherited"
                elif (
                    last_speaker
                    and p_index - last_paragraph == 1
                    and paragraph.lstrip().startswith(("“", '"'))
                ):
                    item.speaker = last_speaker
                    item.how = "inherited"
        speakers = [x.speaker for x in items if x.speaker]
        if speakers:
            last_speaker = speakers[-1]
            last_paragraph = p_index
        elif focus_name := _focus_person(masked, book, subjects_only=True):
            last_speaker = focus_name


def _mask_positions(masked: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(MASK), masked)]


def _match_around(masked: str, start: int, end: int) -> tuple[str | None, str | None]:
    after = masked[end : end + 200]
    after = after.split(MASK)[0]
    for pattern in _AFTER:
        m = pattern.match(after)
        if m:
            return m.group("who"), m.group("cue")
    before = masked[max(0, start - 300) : start]
    before = _SENTENCE_BREAK.split(before)[-1] if not before.rstrip().endswith(":") else before
    before = before.split(MASK)[-1]
    for pattern in _BEFORE:
        matches = list(pattern.finditer(before))
        if matches:  # the nearest attribution before the quote
            return matches[-1].group("who"), matches[-1].group("cue") or "according to"
    # The previous sentence of the paragraph attributes it: '..., according to Feng. “…”'
    prior = masked[max(0, start - 300) : start].rstrip()
    m = re.search(rf"according to (?P<who>{_NAME})\.$", prior)
    if m:
        return m.group("who"), "according to"
    return None, None


def _resolve(who: str, book: NameBook, focus: str | None, last_speaker: str | None) -> str | None:
    who = who.strip().rstrip(".,;:")
    if re.fullmatch(_PRONOUN, who):
        return last_speaker or focus
    if who[:1].islower() or who.split()[0].lower() in {"the", "a", "an", "one", "another"}:
        head = who.split()[-1].lower()
        return (last_speaker or focus) if head in _PERSON_NOUNS else None
    name, _ = clean_name(who)
    if not name or name.lower() in NOT_NAMES:
        return None
    return book.resolve(name)


_PERSON_NOUNS = frozenset(
    {
        "diplomat",
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "president",
        "senator",
        "congressman",
        "congresswoman",
        "candidate",
        "nominee",
        "minister",
        "secretary",
        "governor",
        "mayor",
        "leader",
        "chairman",
        "director",
        "executive",
        "ceo",
        "founder",
        "lawmaker",
        "democrat",
        "republican",
        "businessman",
        "billionaire",
        "actor",
        "actress",
        "star",
        "coach",
        "manager",
        "player",
        "author",
        "professor",
        "commentator",
    }
)


def _focus_person(masked: str, book: NameBook, subjects_only: bool = False) -> str | None:
    """The person most recently named in the paragraph's narration (outside quotes)."""
    mentions = find_mentions(masked.replace(MASK, " "))
    people = [m for m in mentions if _is_person(m.name, book)]
    if subjects_only:
        people = [m for m in people if re.match(rf"\s+(?:also\s+)?{_VERB}\b", masked[m.end :])]
    return book.resolve(people[-1].name) if people else None


def _is_person(name: str, book: NameBook) -> bool:
    resolved = book.resolve(name)
    return len(resolved.split()) >= 2 and resolved in book.full
