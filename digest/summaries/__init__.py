"""Summaries: extractive methods under one contract (``document.SentenceSelector``).

``methods`` holds ``lead`` and the sumy algorithms, ``ranker`` the project's own (``default``),
``summarizer`` the word budget and the :class:`ArticleSummarizer` the pipeline uses.
"""

from digest.summaries.document import Document, SentenceSelector
from digest.summaries.summarizer import DEFAULT_METHOD, METHODS, ArticleSummarizer, get_selector

__all__ = [
    "DEFAULT_METHOD",
    "METHODS",
    "ArticleSummarizer",
    "Document",
    "SentenceSelector",
    "get_selector",
]
