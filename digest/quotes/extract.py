"""Quotes: every direct quote in an article and who said it.

Two steps, both rule-based (no model can be downloaded here):

1. :func:`find_quote_spans` pairs quote marks paragraph by paragraph: curly, straight and
   doubled-apostrophe quotes, quotes interrupted by attribution, and quotes that go on into the
   next paragraph (the paragraph ends with the quote open and the next one opens with a quote
   mark) are joined into one. An unbalanced mark never raises: the quote runs on to the end of
   its paragraph.
2. ``_attribute`` walks the paragraphs with their quotes masked out, keeping who is in focus,
   and asks :mod:`digest.quotes.attribution` who each quote is attributed to (speech-verb patterns,
   appositions, pronouns and descriptions); a quote with no attribution takes the speaker of a
   neighbouring quote, or of the previous paragraph when its own paragraph opens with the quote.
   Names resolve to the full name first introduced in the article
   (:class:`digest.text.names.NameBook`). Unknown stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from digest.models import Quote
from digest.quotes.attribution import (
    MASK,
    Attribution,
    find_attribution,
    inherit,
    narration_speaker,
)
from digest.quotes.candidates import Candidate, Scene, candidates
from digest.quotes.confidence import Evidence, evidence_features, load_model, mention_kind
from digest.quotes.evidence import Said, evidence_of, is_person_name, ranked_evidence
from digest.quotes.focus import Context, people, resolve
from digest.quotes.marks import (
    QUOTE_OPENERS,
    SINGLE_OPENERS,
    Span,
    find_quote_spans,
    uses_single_marks,
)
from digest.quotes.ranker import Ranker, load_ranker
from digest.quotes.roles import RoleBook
from digest.text.names import NameBook, looks_like_person


@dataclass
class _Found:
    span: Span
    text: str
    speaker: str | None = None
    cue: str | None = None
    how: str | None = None  # "pattern", "pronoun", "inherited", ...
    named: bool = False  # a title after "on" or a possessive: CBS’s “Face the Nation”
    evidence: Evidence | None = None  # what the attribution rests on, for its confidence
    who: str | None = None  # the rules' mention as written ("he", "Trump")
    scene: Scene | None = None  # where the quote sits, for the candidate ranker


def extract_quotes(text: str) -> list[Quote]:
    """Every direct quote in an article body (paragraphs separated by blank lines), each
    attributed quote with the model's confidence in its speaker."""
    return [quote for quote, _, _ in extract_detailed(text)]


def extract_with_features(
    text: str, rank: bool = True, ranker: Ranker | None = None
) -> list[tuple[Quote, dict[str, float]]]:
    """:func:`extract_quotes` with each quote's confidence features (empty: no speaker)."""
    return [(quote, fs) for quote, fs, _ in extract_detailed(text, rank, ranker)]


def extract_detailed(
    text: str, rank: bool = True, ranker: Ranker | None = None
) -> list[tuple[Quote, dict[str, float], list[Candidate]]]:
    """Each quote with its confidence features and its candidate speakers (as the rules saw
    them, before the ranker). ``rank=False``: the rules' pick stands; ``ranker``: another
    than the shipped one (the fitting script's)."""
    text = text.replace("\u00a0", " ")  # no-break spaces inside names ("Stu\u00a0Burguiere")
    paragraphs = [p for p in re.split(r"\s*\n\s*", text) if p.strip()]
    single = uses_single_marks(paragraphs)
    openers = QUOTE_OPENERS + (SINGLE_OPENERS if single else ())
    masked = _mask_all(paragraphs, single)
    book = NameBook(masked, words=text)
    roles = RoleBook(masked, book)
    found: list[_Found] = []
    pending: _Found | None = None
    for p_index, paragraph in enumerate(paragraphs):
        spans = find_quote_spans(paragraph, p_index, single)
        for span_index, span in enumerate(spans):
            if pending is not None and span_index == 0 and paragraph.lstrip().startswith(openers):
                pending.text = f"{pending.text} {span.text}"  # continued from the last paragraph
                pending = pending if span.continued else None
                continue
            item = _Found(span, span.text)
            lead = paragraph[max(0, span.start - span.mark - 12) : span.start - span.mark]
            item.named = _is_title(span.text) and bool(_NAMING.search(lead))
            found.append(item)
            pending = item if span.continued else None
        if not spans:
            pending = None
    _attribute(paragraphs, found, Context(book, roles), openers)
    kept = [f for f in found if _is_quote(f)]  # decided on the rules' attribution
    listed = [_candidates(f, book, masked) for f in kept]
    if rank:
        ranker = ranker or load_ranker()
        for f, cands in zip(kept, listed, strict=True):
            _rerank(f, cands, ranker, book)
    model = load_model()
    features = [
        evidence_features(f.evidence, book, f.text, masked) if f.evidence and f.speaker else {}
        for f in kept
    ]
    offsets: list[int] = []  # where each paragraph starts in ``text``
    for paragraph in paragraphs:
        offsets.append(text.find(paragraph, offsets[-1] + 1 if offsets else 0))
    return [
        (
            Quote(
                text=f.text.strip(),
                speaker=f.speaker,
                start=offsets[f.span.paragraph] + f.span.start,
                end=offsets[f.span.paragraph] + f.span.end,
                cue=f.cue,
                how=f.how if f.speaker else None,
                confidence=round(model.score(fs), 4) if fs else None,
                mention=mention_kind(f.evidence.who) if f.evidence and f.speaker else None,
            ),
            fs,
            cands,
        )
        for f, fs, cands in zip(kept, features, listed, strict=True)
    ]


def _candidates(f: _Found, book: NameBook, masked: str) -> list[Candidate]:
    if f.scene is None:
        return []
    return candidates(f.scene, book, f.speaker, f.how, f.who, f.text, masked)


def ranked_as_person(speaker: str | None, book: NameBook) -> bool:
    """Whether the ranker may put another person in place of the rules' ``speaker``: a
    person's name, not a description, a place or an organisation ("the crowd", "U.N. General
    Assembly"), which give way only as :class:`Ranker` ``descriptions`` says."""
    if speaker is None:
        return True
    return is_person_name(speaker, book) and looks_like_person(speaker)


def _rerank(f: _Found, found: list[Candidate], ranker: Ranker, book: NameBook) -> None:
    """The ranker's choice among the candidates replaces the rules' pick when it is surer."""
    person = ranked_as_person(f.speaker, book)
    choice = ranker.choose(found, f.speaker, person)
    if not choice.changed or choice.speaker is None or f.scene is None:
        if f.evidence is not None:
            f.evidence = replace(f.evidence, rank_share=choice.share)
        return
    f.evidence = ranked_evidence(
        choice.speaker, choice.share, f.scene, book, f.text, f.how, f.span.start <= f.span.mark + 1
    )
    f.speaker, f.how, f.cue = choice.speaker, "ranked", None


def _mask_all(paragraphs: list[str], single: bool = False) -> str:
    return "\n\n".join(mask_quotes(p, find_quote_spans(p, 0, single)) for p in paragraphs)


def mask_quotes(paragraph: str, spans: list[Span] | None = None) -> str:
    """The paragraph with each quote (marks included) replaced by :data:`MASK`."""
    spans = find_quote_spans(paragraph) if spans is None else spans
    out: list[str] = []
    last = 0
    for span in spans:
        out.append(paragraph[last : max(span.start - span.mark, last)])
        out.append(MASK)
        last = min(span.end + (0 if span.continued else span.mark), len(paragraph))
    out.append(paragraph[last:])
    return "".join(out)


def _is_quote(found: _Found) -> bool:
    """Scare quotes and titles (short, unattributed, mid-sentence) are not quotes."""
    words = len(found.text.split())
    if found.named or (found.how in ("inherited", "subject") and _is_title(found.text)):
        return False  # a title, even in a paragraph with a quote
    if found.speaker is not None or found.cue is not None:
        return True
    if words >= 2 and _is_title(found.text):
        return False  # “The Steve Harvey Morning Show,”, “Contract with America.”
    if words >= 4:
        return True
    return bool(re.search(r"[.,!?…]$", found.text))


_NAMING = re.compile(r"(?:\bon|\w[’']s?)\s*$")  # "said on “Morning Joe”", "CBS’ “Face the Nation”"
_MINOR_WORDS = frozenset("a an the of in on at to for and or but with from by as is vs de".split())


def _is_title(text: str) -> bool:
    """Title Case throughout and short: the name of a show, book or slogan."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    return 0 < len(words) <= 10 and all(
        w[0].isupper() for w in words if w.lower() not in _MINOR_WORDS
    )


# --- attribution -----------------------------------------------------------------------------


def _attribute(
    paragraphs: list[str],
    found: list[_Found],
    context: Context,
    openers: tuple[str, ...] = QUOTE_OPENERS,
) -> None:
    by_paragraph: dict[int, list[_Found]] = {}
    for item in found:
        by_paragraph.setdefault(item.span.paragraph, []).append(item)
    book = context.book
    last_paragraph = -10
    previous = ""
    for p_index, paragraph in enumerate(paragraphs):
        items = by_paragraph.get(p_index, [])
        masked = mask_quotes(paragraph, [item.span for item in items])
        positions = [(m.start(), m.end()) for m in re.finditer(re.escape(MASK), masked)]
        here = len(people(masked, book, context.mentioned, context.written))
        cursor = 0
        since = 0  # after the last quote that closed a sentence ("… terrorism.” And then Trump")
        for item, (m_start, m_end) in zip(items, positions, strict=False):
            context.read(masked[cursor:m_start])
            cursor = m_end
            item.scene = Scene(
                masked,
                m_start,
                m_end,
                previous,
                context.focus,
                context.last_speaker,
                tuple(context.recent),
                tuple(context.mentioned),
                tuple(context.written),
            )
            last = item.span.text.rstrip()[-1:]
            attribution = find_attribution(masked, m_start, m_end, last == ".", since)
            if last in (".", "?", "!") and re.match(r"\s+[A-Z]", masked[m_end:]):
                since = m_end
            if attribution.who is None and m_start == 0 and previous.rstrip().endswith(":"):
                # "He said:" closing the paragraph before: the quote paragraph is his.
                lead_in = previous.rstrip() + " "
                attribution = find_attribution(
                    lead_in + MASK, len(lead_in), len(lead_in) + len(MASK)
                )
            if attribution.who is None and m_start == 0 and previous and MASK not in previous:
                # "Trump was quick to add that …" then a paragraph that is only the quote
                only_quotes = not masked.replace(MASK, "").strip(" .,;:—–-")
                attribution = narration_speaker(previous, subject=only_quotes)
            attribution = _whole_honorific_name(attribution, masked)
            speaker = None if attribution.who is None else resolve(attribution.who, context)
            person = bool(speaker) and is_person_name(speaker or "", book)
            if attribution.how == "subject" and not (person and len((speaker or "").split()) >= 2):
                attribution = Attribution(None, None, "none")  # not "Nothing really changed"
            if attribution.who is not None and attribution.who.lower() == "they":
                speaker = _group_before(items, item)  # "the groups say … They ask …"
            if attribution.who is not None:
                item.speaker = speaker
                item.cue = attribution.cue
                item.how = attribution.how
                item.who = attribution.who
                if speaker:
                    item.evidence = evidence_of(
                        Said(item.text, item.speaker, item.how, item.cue, item.span),
                        attribution.who,
                        masked,
                        (m_start, m_end),
                        context,
                        here,
                        len(items),
                    )
                if item.speaker and is_person_name(item.speaker, book):
                    context.last_speaker = item.speaker
                    context.push(item.speaker)
        speakers = [item.speaker for item in items]
        for k, item in enumerate(items):
            if item.speaker is None and item.how is None:
                source = inherit(speakers, k, [x.how for x in items])
                item.speaker = None if source is None else items[source].speaker
                if item.speaker is None and (
                    context.last_speaker
                    and p_index - last_paragraph == 1
                    and paragraph.lstrip().startswith(openers)
                ):
                    item.speaker = context.last_speaker
                if item.speaker:
                    weak = source is not None and items[source].how == "subject"
                    item.how = "subject" if weak else "inherited"  # weak: not a key quote
                    origin = items[source] if source is not None else None
                    item.evidence = Evidence(
                        how=item.how if origin else "inherited paragraph",
                        cue=origin.cue if origin else None,
                        who=origin.evidence.who if origin and origin.evidence else None,
                        speaker=item.speaker,
                        person=is_person_name(item.speaker, book),
                        just_quoted=True,
                        in_focus=item.speaker == context.focus,
                        people_here=here,
                        quotes_here=len(items),
                        distance=-1,
                        words=len(item.text.split()),
                        opens_paragraph=item.span.start <= item.span.mark + 1,
                        gender="",
                        source_how=(origin.how or "") if origin else "paragraph",
                    )
        context.read(masked[cursor:])
        previous = masked
        if any(item.speaker for item in items):
            last_paragraph = p_index
            named = [x.speaker for x in items if x.speaker and is_person_name(x.speaker, book)]
            if named:
                context.last_speaker = named[-1]


_HONORIFIC = frozenset({"Mr", "Ms", "Mrs", "Miss", "Dr", "Mr.", "Ms.", "Mrs.", "Dr."})


def _whole_honorific_name(attribution: Attribution, masked: str) -> Attribution:
    """ "Ms" read as the subject of "Ms Rusoff-Hoen, said:" is "Ms Rusoff-Hoen"."""
    who = (attribution.who or "").strip()
    if who not in _HONORIFIC:
        return attribution
    m = re.search(rf"(?<!\w){re.escape(who)}\s+([A-Z][\w’'-]+)", masked)
    if m is None:
        return Attribution(None, None, "none")
    return Attribution(f"{who} {m.group(1)}", attribution.cue, attribution.how)


def _group_before(items: list[_Found], item: _Found) -> str | None:
    """The group "they" most likely means: the speaker of the quote just before in the
    paragraph, when that is a plural description ("the groups", "Democrats")."""
    before = [x.speaker for x in items[: items.index(item)] if x.speaker]
    if before and re.search(r"[a-z]s$", before[-1]) and not before[-1][:1].isupper():
        return before[-1]
    if before and re.fullmatch(r"(?:[Tt]he\s+)?[A-Z]?[a-z]+s", before[-1]):
        return before[-1]
    return None
