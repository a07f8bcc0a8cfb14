"""Summarize: pick whole sentences of the article (extractive), in article order.

Every method follows one contract, :class:`~digest.summaries.document.SentenceSelector`: given
the article's sentences (grouped by paragraph) and a count, return the indices of the chosen
sentences. ``lead`` and the sumy algorithms live in :mod:`digest.summaries.methods`; ``digest``
(the default) is the project's own method in :mod:`digest.summaries.ranker`.
:class:`ArticleSummarizer` then applies the word budget and article order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar, cast

from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words, normalize_language

from digest.errors import ConfigError
from digest.models import Article, Summary
from digest.summaries.document import Document, SentenceSelector
from digest.summaries.methods import SUMY_METHODS, LeadSelector, SumySelector, sumy_factories
from digest.summaries.ranker import NAME_SENTENCES, DigestSelector
from digest.summaries.readable import LABEL, left_out
from digest.text.clean import split_dateline
from digest.text.names import PLACES, NameBook, find_mentions, first_name_gender
from digest.text.sentences import NewsTokenizer
from digest.text.stemming import english_stemmer

METHODS = ("digest", "lead", *SUMY_METHODS)
T = TypeVar("T")
DEFAULT_METHOD = "digest"


def get_selector(
    name: str, tokenizer: NewsTokenizer | None = None, language: str = "english"
) -> SentenceSelector:
    """The selector for a method name (``default`` means the project's own method)."""
    tok = tokenizer or NewsTokenizer(language)
    key = DEFAULT_METHOD if name == "default" else name.lower()
    if key == "lead":
        return LeadSelector()
    if key == "digest":
        # nltk's English stems, found in less time (digest.text.stemming)
        english = normalize_language(language) == "english"
        stemmer = english_stemmer() if english else Stemmer(language)
        return DigestSelector(tok, stemmer, frozenset(get_stop_words(language)))
    factories = sumy_factories()
    if key not in factories:
        raise ConfigError(
            f"unknown summarizer {name!r}; choose one of: default, {', '.join(METHODS)}"
        )
    return SumySelector(factories[key], tok, Stemmer(language), language)


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A date written before the story's first words: "December 28, 2014: Markets opened lower".
_DATE_LEAD = re.compile(
    rf"^(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\s*[:—–-]\s+"
)
_SPACES = re.compile(r"\s+")
# A wiki's citation mark inside a sentence: "The Water-Making Spell[2] (Aguamenti) was …"
_CITATION_MARK = re.compile(r"(?<=\w)\[\d{1,3}\]")
# A reference mark before the closing stop: "... for over 50 years (1)." / "... in 2019.[12]"
_REFERENCE_MARK = re.compile(
    r"\s*(?:\(\d{1,3}(?:[,–-]\s?\d{1,3})*\)|\[\d{1,3}\])(?=[.!?]?$)|(?<=[.!?])\[\d{1,3}\]$"
)


def without_headline(sentence: str, title: str) -> str:
    """The sentence without a copy of the headline run into its start ("What the Airlines Did
    Well in 2014 Not often do the airlines …"), when what follows is a sentence of its own."""
    head = _SPACES.sub(" ", title).strip().rstrip(".!?:")
    if len(head.split()) < 3 or not sentence.casefold().startswith(head.casefold()):
        return sentence
    rest = sentence[len(head) :].lstrip(" .:;—–-|")
    return rest if len(rest.split()) >= 5 and rest[:1].isupper() else sentence


def tidy_sentence(sentence: str, title: str = "") -> str:
    """A summary sentence without a leading dateline ("WASHINGTON (AP) — ", "(CNN) -- ",
    "December 28, 2014: ") or a copy of the headline run into it."""
    sentence = split_dateline(without_headline(sentence, title))[0]
    sentence = _REFERENCE_MARK.sub("", sentence)
    sentence = _CITATION_MARK.sub("", sentence)
    label = LABEL.match(sentence)
    if label and len(sentence[label.end() :].split()) >= 6 and sentence[label.end()].isupper():
        sentence = sentence[label.end() :]
    match = _DATE_LEAD.match(sentence)
    if match and len(sentence[match.end() :].split()) >= 5:
        rest = sentence[match.end() :]
        sentence = rest[:1].upper() + rest[1:]
    return sentence


# An opening that points back at something the sentence before named: a person ("He", "The
# man"), a thing ("This biography", "These"), an argument ("Thus"); or a personal pronoun in the
# first words, before any name ("According to them", "Lovers of his classic tale", "Maybe she").
_PERSONAL = re.compile(
    r"^[“\"‘']?(?:He|She|They|His|Her|Their|Him|Them|Those|Thus|Such"
    r"|(?:This|These)(?! (?:year|week|month|season|morning|afternoon|evening|weekend|time)s?\b)"
    r"|The (?:man|woman|boy|girl|couple|pair))\b"
    r"|^[A-Z][a-z]*,?\s+(?:(?:of|to|for|with|about|from|by|on)\s+)?(?:he|she|him|her|his|them)\b"
    r"|^That(?:['’]s| is| was)\b|^Dies(?:e[rsmn]?)?\b"
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
)


_QUESTION_END = re.compile(r"\?[\"”’']?\s*$")


def _points_back(sentences: Sequence[str], i: int) -> bool:
    """Sentence ``i`` needs the one before it: it points back, or answers its question."""
    return bool(_PERSONAL.match(sentences[i]) or (i and _QUESTION_END.search(sentences[i - 1])))


def introduce_people(
    document: Document, ranked: Iterable[int], chosen: list[int], count: int, max_words: int
) -> list[int]:
    """The summary without a sentence that points back ("He", "This biography", "According to
    them") while the sentence before it in the article (where its person is named) is not in
    the summary (the article's first sentence has none): it is replaced by the next sentence
    in rank order (``ranked`` is read again for each refill). So is a sentence that names
    someone by surname only ("Archer-Bradshaw said …") whose full name neither the headline nor
    an earlier sentence of the summary gives, unless :class:`_Surnames` can write it in full.
    And the answer to a question the summary does not ask ("Why is it always in the last place
    you look?" | "Because when you find it, you stop looking.")."""
    banned: set[int] = set()
    names = _Surnames(document)
    for _ in range(count + 1):
        dangling = [
            i for i in chosen if i - 1 not in chosen and _points_back(document.sentences, i)
        ] + names.unintroduced(chosen, max_words)
        if not dangling:
            return chosen
        banned.update(dangling)
        refilled = fit_budget(document, (i for i in ranked if i not in banned), count, max_words)
        if not refilled:
            return chosen
        chosen = refilled
    return chosen


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


class _Surnames:
    """Who a bare surname in the article stands for (its people book built on first use).

    A chosen sentence naming someone by surname only ("Archer-Bradshaw said …") whose full name
    the reader has not met in the headline or an earlier sentence of the summary, where the
    article writes that full name as a person's (after a title or role, before an age or
    "said"), is introduced: the surname is written in full ("Ramona Archer-Bradshaw said …")
    when one person of the article has that surname and the word budget allows; otherwise the
    sentence is replaced. A surname whose full name is not so attested is left as written (the
    ranker scores it down): "Cup" beside "One Cup" is no person."""

    def __init__(self, document: Document) -> None:
        self._document = document
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
            text = " ".join(self._document.sentences[:NAME_SENTENCES])
            self._lower = frozenset(_LOWER_WORDS.findall(text))
        return tokens[0].lower() not in self._lower and word.lower() not in self._lower

    def _people(self) -> NameBook:
        if self._book is None:
            self._book = NameBook(" ".join(self._document.sentences[:NAME_SENTENCES]))
        return self._book

    def full_name(self, surname: str) -> str:
        if surname not in self._full:
            self._full[surname] = self._people().resolve(surname)
        return self._full[surname]

    def _attested(self, full: str) -> bool:
        """The article writes ``full`` as a person's name: after a title or role ("Dr", "Mayor",
        "chief executive"), before an age (", 34,"), an apposition (", a data scientist", ",
        who") or a speech verb ("said")."""
        text = " ".join(self._document.sentences[:NAME_SENTENCES])
        name = re.escape(full)
        return bool(
            re.search(rf"{_PERSON_BEFORE}\s+{name}\b", text)
            or re.search(
                rf"\b{name}(?:,\s*(?:\d{{1,3}}\s*,|(?:a|an|who)\s)|\s+(?:{_SPEECH})\b)", text
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
            for mention in reversed(find_mentions(sentence)):
                if " " in mention.name:
                    continue
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
                # the first mention, written in full (mentions are read last to first, so an
                # earlier one of the same surname is the one rewritten)
                sentence = sentence[: mention.start] + full + sentence[mention.end :]
                words += extra
            texts[i] = sentence
            seen = f"{seen} {sentence}"
        return texts, unsure

    def unintroduced(self, chosen: list[int], max_words: int = 1_000_000) -> list[int]:
        """The chosen sentences whose bare surname cannot be introduced (see :meth:`introduce`)."""
        return self.introduce(chosen, max_words)[1]


def fit_budget(document: Document, ranked: Iterable[int], count: int, max_words: int) -> list[int]:
    """Take sentences in rank order while they fit ``count`` and ``max_words``; article order.
    The ranking is read no further than the ``count``-th sentence taken."""
    chosen: list[int] = []
    words = 0
    for i in ranked:
        if len(chosen) >= count:
            break
        length = len(document.sentences[i].split())
        if words + length <= max_words and i not in chosen:
            chosen.append(i)
            words += length
    return sorted(chosen)


class ArticleSummarizer:
    """Summaries for many articles with one method, tokenizer and stemmer (built once)."""

    def __init__(
        self,
        method: str = DEFAULT_METHOD,
        sentences: int = 3,
        max_words: int = 100,
        language: str = "english",
    ) -> None:
        self.method = DEFAULT_METHOD if method == "default" else method.lower()
        self.count = sentences
        self.max_words = max_words
        self.tokenizer = NewsTokenizer(language)
        self._selector = get_selector(self.method, self.tokenizer, language)

    def document(self, text: str, title: str = "") -> Document:
        return Document.from_text(text, self.tokenizer, title)

    def sentences(self, text: str, title: str = "") -> list[str]:
        document = self.document(text, title)
        if not document.sentences:
            return []
        count = self.count
        ranked: Iterable[int]
        if self.method != DEFAULT_METHOD:
            ranked = self._rank(document)
        else:
            # Sentences that do not read on their own are left out; when no sentence does (a
            # page of teasers or headings), the summary is the best one alone, not three. The
            # ranking and this check go only as far down the order as the summary reads.
            ranked = Drawn(self._ranking(document))
            sentences = document.sentences
            readable = Drawn(i for i in ranked if not left_out(sentences[i], title))
            ranked, count = (readable, count) if readable.any() else (ranked, 1)
        chosen = fit_budget(document, ranked, count, self.max_words)
        if self.method != DEFAULT_METHOD:
            return [tidy_sentence(document.sentences[i], title) for i in chosen]
        chosen = introduce_people(document, ranked, chosen, count, self.max_words)
        texts, _ = _Surnames(document).introduce(chosen, self.max_words)
        return [tidy_sentence(texts[i], title) for i in chosen]

    def summarize(self, article: Article) -> Summary:
        return Summary(article.id, tuple(self.sentences(article.text, article.title)), self.method)

    def _rank(self, document: Document) -> list[int]:
        ranker = getattr(self._selector, "rank", None)
        if ranker is not None:
            return list(ranker(document))
        return self._selector(document, self.count)

    def _ranking(self, document: Document) -> Iterator[int]:
        ranking = getattr(self._selector, "ranking", None)
        return ranking(document) if ranking is not None else iter(self._rank(document))


class Drawn(Generic[T]):
    """The items of an iterator, drawn from it only as far as they are read and kept for the
    next reader (each reader goes through them from the first)."""

    def __init__(self, items: Iterable[T]) -> None:
        self._source = iter(items)
        self._drawn: list[T] = []

    def __iter__(self) -> Iterator[T]:
        i = 0
        while True:
            if i == len(self._drawn):
                item = next(self._source, _END)
                if item is _END:
                    return
                self._drawn.append(cast(T, item))
            yield self._drawn[i]
            i += 1

    def any(self) -> bool:
        return next(iter(self), _END) is not _END


_END = object()
