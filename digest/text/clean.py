"""Clean: remove what is not the story (captions, photo credits, sign-up footers, credits).

Rules are line-based and general rather than tied to one publisher: each rule is a regular
expression over a single line; a paragraph whose lines are all removed disappears. Headings
(short lines with no sentence punctuation) are dropped from the body, since they are not
sentences a summary could use.

Text decoded with the wrong encoding somewhere upstream ("â€œHelloâ€\x9d", "PeÃ±a Nieto") is
repaired first, with ftfy, so quote marks and names read as the publisher wrote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import ftfy

from digest.models import Article

_PUBLISHERS = r"(?:NTD|AP|AFP|Reuters|Getty(?: Images)?|EPA|Xinhua|Shutterstock|The Epoch Times)"

# A whole line that is only a credit, caption or piece of site furniture.
LINE_RULES: dict[str, re.Pattern[str]] = {
    "photo credit": re.compile(
        rf"^(?:{_PUBLISHERS}\s+)?(?:Photo|Image|Video|Illustration)s?(?:\s+(?:by|credit)\b.*)?$"
        rf"|^(?:Photo|Image|Picture)s?\s*(?:credit)?\s*:.*$"
        rf"|^{_PUBLISHERS}\s+(?:Photo|Image)s?$",
        re.IGNORECASE,
    ),
    "caption": re.compile(
        r"^.{0,400}\((?:[^()]|\([^()]*\))*?(?:\bvia\b|/|Getty|\bAP\b|AFP|Reuters|\bPhoto\b|"
        r"\bPool\b|Shutterstock|Courtesy)(?:[^()]|\([^()]*\))*\)\s*$"
    ),
    "syndication line": re.compile(
        r"^(?:From|Originally published (?:in|by|on)|Republished from)\s+(?:[Tt]he\s+)?"
        r"(?:[A-Z][\w’'&.-]*\s*){1,5}$",
    ),
    "credit line": re.compile(
        r"^.{0,200}\bcontributed (?:to )?(?:this|the) (?:report|article|story)\b.{0,40}$"
        r"|^.{0,200}\bcontributed reporting\b.{0,40}$"
        r"|^(?:Reporting|Writing|Editing|Additional reporting) by\b.{0,200}$",
        re.IGNORECASE,
    ),
    "sign-up footer": re.compile(
        r"^(?:Sign up|Subscribe)\b.{0,80}$"
        r"|^.{0,60}\bnewsletter icon\b.{0,20}$"
        r"|^By (?:registering|signing up|subscribing)\b.*(?:newsletter|Privacy Policy|Terms).*$"
        r"|^Stay informed\b.{0,80}$",
        re.IGNORECASE,
    ),
    "read more": re.compile(
        r"^(?:Read|Click|See) (?:more|the rest|the full (?:story|article))\b.{0,40}$"
        r"|^(?:Share|Follow us|Share this (?:article|story))\b.{0,60}$"
        r"|^(?:Advertisement|ADVERTISEMENT|Related:?.{0,80})$",
        re.IGNORECASE,
    ),
    "social share": re.compile(
        r"^(?:Share(?: (?:on|via|to))? ?(?:Facebook|Twitter|X|LinkedIn|WhatsApp|Reddit|Email|"
        r"Telegram|this)?:?|Tweet|Print|Email|Copy (?:link|URL)|Pin it|Comments?(?: \(\d+\))?)$",
        re.IGNORECASE,
    ),
    "byline": re.compile(
        r"^By\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}"
        r"(?:(?:,\s*|\s+(?:and|&)\s+)[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}){0,3}"
        r"(?:\s*[|,]\s*.{0,60})?$"
    ),
    "timestamp": re.compile(
        r"^(?:Updated|Published|Posted|Last updated)\b:?.{0,60}\d{4}.{0,30}$", re.IGNORECASE
    ),
}

_SENTENCE_END = re.compile(r"[.!?…:;,]\s*$")
_CLOSERS = "\"”’')]» \t"


@dataclass(frozen=True)
class CleanReport:
    removed: tuple[tuple[str, str], ...]  # (rule, line)


def classify_line(line: str) -> str | None:
    """The name of the rule that removes ``line``, or None when the line is story text."""
    stripped = line.strip()
    if not stripped:
        return None
    for name, pattern in LINE_RULES.items():
        if pattern.match(stripped):
            return name
    return None


def is_heading(paragraph: str) -> bool:
    """A short one-line paragraph without sentence punctuation (a section title)."""
    return (
        "\n" not in paragraph
        and len(paragraph.split()) <= 14
        and not _SENTENCE_END.search(paragraph.rstrip(_CLOSERS))
    )


def repair_text(text: str) -> str:
    """``text`` with mojibake undone and Unicode composed (NFC); curly quotes stay curly."""
    return ftfy.fix_text(text, uncurl_quotes=False)


def clean_text(text: str) -> tuple[str, CleanReport]:
    """Clean a body of blank-line-separated paragraphs; lines inside a paragraph are joined."""
    text = repair_text(text)
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    footer = False
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        keep_lines: list[str] = []
        for line in lines:
            rule = "sign-up footer" if footer else classify_line(line)
            if rule == "sign-up footer":
                footer = True  # everything after a sign-up block is site furniture
            if rule:
                removed.append((rule, line))
            else:
                keep_lines.append(line)
        if not keep_lines:
            continue
        joined = " ".join(keep_lines)
        if is_heading(joined):
            removed.append(("heading", joined))
            continue
        kept.append(joined)
    return "\n\n".join(kept), CleanReport(tuple(removed))


_SYNDICATED_FROM = re.compile(r"^From\s+((?:[Tt]he\s+)?[A-Z].{1,60})$")


def clean_article(article: Article) -> tuple[Article, CleanReport]:
    """The article with boilerplate removed; a "From The X" line names the source if unknown."""
    text, report = clean_text(article.text)
    source_name = article.source_name
    for rule, line in report.removed:
        match = _SYNDICATED_FROM.match(line) if rule == "syndication line" else None
        if match and not source_name:
            source_name = match.group(1).strip()
    title = repair_text(article.title)
    return replace(article, text=text, title=title, source_name=source_name), report
