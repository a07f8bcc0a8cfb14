"""Error pages: a saved or fetched page that is the site's error, not an article.

A server that answers 200 with its error page ("soft 404"), a page saved while access was
refused, or a feed entry whose link gave "Access denied" is no story. It is recognised by its
form, not by site: the headline (or, without one, the first line) is an HTTP error phrase
("403 Forbidden", "Page not found", "Access denied", "Service unavailable") and the text is
short, as error pages are. A story about a 404 error or one headlined "Forbidden love" keeps
its text: it is long, or its headline says more than the error.
"""

from __future__ import annotations

import re

from digest.models import Article

MAX_WORDS = 120  # an error page's text: a line or two of apology and links
_PHRASES = (
    r"bad request|unauthori[sz]ed|forbidden|access (?:is )?denied|(?:page |file )?not found|"
    r"page (?:does not|doesn[’']t) exist|too many requests|internal server error|server error|"
    r"bad gateway|service (?:temporarily )?unavailable|gateway time-?out|something went wrong|"
    r"an error (?:has )?occurred"
)
_STATUS = r"(?:40[0-9]|41[0-9]|42[0-9]|45[01]|50[0-9])"
# the whole line is the error: an optional "Error"/"HTTP", a status code, a phrase, or both
_ERROR = re.compile(
    rf"(?i)^\W*(?:(?:error|http(?: error)?)\s*)?"
    rf"(?:{_STATUS}\b\W*(?:{_PHRASES})?|(?:{_STATUS}\b\W*)?(?:{_PHRASES}))\W*$"
)


def error_page(title: str, text: str) -> str | None:
    """The error's words ("403 Forbidden") when the page is an error page, else None."""
    if len(text.split()) > MAX_WORDS:
        return None
    first = next((line for line in text.splitlines() if line.strip()), "")
    for line in (title, first):
        line = " ".join(line.split())
        if not line or len(line) > 60:
            continue
        if _ERROR.match(line):
            return line
    return None


def why_not_an_article(cleaned: Article) -> str | None:
    """Why a cleaned article is no story to send (no text left, an error page), or None."""
    if not cleaned.paragraphs:
        return "no article text left after cleaning"
    words = error_page(cleaned.title, cleaned.text)
    if words:
        return f"an error page (“{words}”), not an article; check the saved file or the URL"
    return None
