"""What ingest lets through: every article from any source passes here before the stages.

- Links: ``url`` and ``image_url`` are kept only if they are absolute ``http(s)`` URLs
  (:func:`digest.text.safety.safe_url`); a ``javascript:``, ``data:``, ``vbscript:`` or relative
  one is dropped and reported as a :class:`Problem`.
- Text: bidi override characters are removed everywhere; the one-line fields (title, author,
  source name) lose control and format characters too.
- Size: the text is cut to ``max_chars`` (``DIGEST_MAX_ARTICLE_CHARS``) before any sentence
  splitting, at a paragraph or word boundary, and the cut is reported.
"""

from __future__ import annotations

from dataclasses import replace

from digest.models import Article, LoadResult, Problem
from digest.text.safety import clean_line, safe_url, strip_bidi, url_problem

DEFAULT_MAX_ARTICLE_CHARS = 100_000
DEFAULT_MAX_ENTRIES = 200  # per feed


def _line(value: str | None) -> str | None:
    if value is None:
        return None
    return clean_line(strip_bidi(value)) or None


def cut_text(text: str, max_chars: int) -> str:
    """``text`` cut to at most ``max_chars``: at the last paragraph break, else the last space."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    for mark in ("\n\n", " "):
        at = head.rfind(mark)
        if at > max_chars // 2:
            return head[:at].rstrip()
    return head


def guard_article(
    article: Article, max_chars: int = DEFAULT_MAX_ARTICLE_CHARS
) -> tuple[Article, list[Problem]]:
    problems: list[Problem] = []
    url, image = safe_url(article.url), safe_url(article.image_url)
    if article.url and url is None:
        problems.append(Problem(article.source, "ingest", url_problem(article.url, "link")))
    if article.image_url and image is None:
        problems.append(Problem(article.source, "ingest", url_problem(article.image_url, "image")))
    text = strip_bidi(article.text)
    if len(text) > max_chars:
        cut = cut_text(text, max_chars)
        problems.append(
            Problem(
                article.source,
                "ingest",
                f"article text is {len(text):,} characters; kept the first {len(cut):,} "
                "(raise DIGEST_MAX_ARTICLE_CHARS to keep more)",
            )
        )
        text = cut
    guarded = replace(
        article,
        title=_line(article.title) or "",
        text=text,
        url=url,
        image_url=image,
        author=_line(article.author),
        source_name=_line(article.source_name),
    )
    return guarded, problems


def guard_result(result: LoadResult, max_chars: int = DEFAULT_MAX_ARTICLE_CHARS) -> LoadResult:
    """Every article of ``result`` guarded; the problems found added to its own."""
    guarded = LoadResult(problems=list(result.problems))
    for article in result.articles:
        kept, problems = guard_article(article, max_chars)
        guarded.articles.append(kept)
        guarded.problems.extend(problems)
    return guarded
