"""Quotes: find direct quotes and who said them, then pick the key quotes a story shows.

``extract`` finds the quote marks and drives the rest: ``patterns`` (the attribution
vocabulary), ``attribution`` (the mention as written), ``focus`` (who a mention refers to),
``roles`` (what the article calls each person), ``keyquotes`` (the 1-3 quotes a story shows).
"""

from digest.quotes.extract import extract_quotes, find_quote_spans
from digest.quotes.keyquotes import select_key_quotes

__all__ = ["extract_quotes", "find_quote_spans", "select_key_quotes"]
