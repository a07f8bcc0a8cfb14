"""Text: repair (mojibake), cleaning (credits, captions, furniture), sentences and names.

Pure functions over strings and :class:`~digest.models.Article`; no IO.
"""

from digest.text.clean import clean_article, clean_text, repair_text
from digest.text.names import NameBook, find_mentions, looks_like_person
from digest.text.sentences import NewsTokenizer, split_sentences

__all__ = [
    "NameBook",
    "NewsTokenizer",
    "clean_article",
    "clean_text",
    "find_mentions",
    "looks_like_person",
    "repair_text",
    "split_sentences",
]
