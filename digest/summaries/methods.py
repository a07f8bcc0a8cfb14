"""Baseline and library methods: ``lead`` (the first N sentences) and the sumy algorithms.

The sumy algorithms are fed the project's tokenizer and stemmer (passed in), so no NLTK data is
needed.
"""

from __future__ import annotations

from collections.abc import Callable

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.utils import get_stop_words

from digest.summaries.document import Document
from digest.text.sentences import NewsTokenizer


class LeadSelector:
    """The first ``count`` sentences (the LEAD-N baseline)."""

    def __call__(self, document: Document, count: int) -> list[int]:
        return list(range(min(count, len(document.sentences))))


class SumySelector:
    """Any sumy summarizer, fed the project's tokenizer and stemmer."""

    def __init__(
        self,
        factory: Callable[[Stemmer], AbstractSummarizer],
        tokenizer: NewsTokenizer,
        stemmer: Stemmer,
        language: str = "english",
    ) -> None:
        self._factory = factory
        self._tokenizer = tokenizer
        self._stemmer = stemmer
        self._stop_words = frozenset(get_stop_words(language))

    def __call__(self, document: Document, count: int) -> list[int]:
        if not document.sentences:
            return []
        objects = [Sentence(text, self._tokenizer) for text in document.sentences]
        index = {id(obj): i for i, obj in enumerate(objects)}
        model = ObjectDocumentModel(
            [Paragraph([objects[i] for i in para]) for para in document.paragraphs]
        )
        summarizer = self._factory(self._stemmer)
        summarizer.stop_words = self._stop_words
        if hasattr(summarizer, "bonus_words"):  # Edmundson needs its three word lists
            title_words = [w.lower() for w in self._tokenizer.to_words(document.title)]
            summarizer.bonus_words = [w for w in title_words if w not in self._stop_words] or [
                "said"
            ]
            summarizer.stigma_words = ["photo", "caption", "advertisement"]
            summarizer.null_words = list(self._stop_words)
        chosen = summarizer(model, count)
        return sorted(index[id(sentence)] for sentence in chosen)


def sumy_factories() -> dict[str, Callable[[Stemmer], AbstractSummarizer]]:
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    return {
        "lexrank": LexRankSummarizer,
        "lsa": LsaSummarizer,
        "textrank": TextRankSummarizer,
        "luhn": LuhnSummarizer,
        "sumbasic": SumBasicSummarizer,
        "kl": KLSummarizer,
        "edmundson": EdmundsonSummarizer,
        "reduction": ReductionSummarizer,
    }


SUMY_METHODS = tuple(sumy_factories())
