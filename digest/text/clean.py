"""Clean: remove what is not the story (captions, photo credits, sign-up footers, credits).

Rules are line-based and general rather than tied to one publisher: each rule is a regular
expression over a single line, and removes that line only; a paragraph whose lines are all
removed disappears. Short blocks with no sentence punctuation (headings, menu entries) are kept
only between paragraphs of body text (see :func:`clean_text`); the summarizer does not use them
as sentences. A dateline opening the first paragraph ("WASHINGTON (AP) — ") is taken off.

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
        rf"|^(?:Photo|Image|Picture|Foto)s?\s*(?:credit)?\s*:.*$"
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
    "site notice": re.compile(
        r"^(?=.{0,300}$).*(?:\b(?:I|we|you) (?:may )?(?:earn|receive|get) (?:a )?(?:small )?"
        r"(?:commission|compensation)|\baffiliate[ -](?:links?|commission|partners?)\b|"
        r"\bletters? to the editor\b.*\b(?:form|submit|email)\b|\bsubmit (?:your|a) letter\b|"
        r"\b(?:subscribers? only|already a subscriber|subscribe now|log ?in to (?:read|continue))|"
        r"\ball rights reserved\b|^©|^copyright (?:©|\(c\)|\d{4})|"
        r"\bno (?:reproduction|redistribution) without (?:prior )?(?:written )?permission\b|"
        r"\b(?:we use|(?:this|our) (?:site|website) uses) cookies\b|"
        r"\baccept (?:\w+ ){0,2}cookies\b|"
        r"\bjavascript is (?:disabled|turned off)\b|\b(?:please )?enable javascript\b|"
        r"^this entry was posted\b|\bfollow any responses to this entry\b|"
        r"^you can leave a response\b)",
        re.IGNORECASE,
    ),
    "counter": re.compile(  # a slide or page counter of a gallery: "2/5", "Page 1 of 3"
        r"^(?:(?:Page|Slide|Seite|Photo|Image|Picture|Foto|Bild)\s+)?\d{1,3}\s*(?:/|of|von)\s*"
        r"\d{1,3}$",
        re.IGNORECASE,
    ),
    # a page template's unfilled placeholders ("{{ content.status === 'published' ? …"):
    # the page was saved before its script filled it in
    "template code": re.compile(
        r"\{\{[^{}]{0,300}$|(?:\s*\{\{[^{}]{0,300}\}\}\s*)+$"
        # the rest of an expression broken across lines: "nrco.content.status === 'x' ? …"
        r"|[\w$]+(?:\.[\w$]+){2,}\s*(?:===|!==|==|&&|\|\||\?)"
    ),
    "teaser": re.compile(r"^(?:VIDEO|WATCH|PHOTOS?|GALLERY|LISTEN|PODCAST)\s*:\s*[^.!?]{0,100}$"),
    "byline": re.compile(
        r"^By\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}"
        r"(?:(?:,\s*|\s+(?:and|&)\s+)[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}){0,3}"
        r"(?:\s*[|,]\s*.{0,60})?$"
    ),
    "timestamp": re.compile(
        r"^(?:Updated|Published|Posted|Last updated)\b:?.{0,60}\d{4}.{0,30}$", re.IGNORECASE
    ),
}

# Sentence ends of every script: Latin, CJK, Arabic/Urdu (؟ ۔ ، ؛), Devanagari and Bengali
# (। ॥), Armenian (։), Ethiopic (። ፧), Burmese (။), Tibetan (།), Khmer (។).
_SENTENCE_END = re.compile(r"[.!?…:;,。！？；：，、؟۔،؛।॥։።፧။།។]\s*$")
# Scripts written without spaces between words (CJK, Thai, Lao, Burmese, Khmer): two
# characters count as about one word.
_CJK = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0eff\u1000-\u109f"
    r"\u1780-\u17ff]"
)
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


def word_count(text: str) -> int:
    """Words in ``text``; in scripts written without spaces two characters count as one."""
    return len(text.split()) + len(_CJK.findall(text)) // 2


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with sentence punctuation of any script (closing quotes aside)."""
    return bool(_SENTENCE_END.search(text.rstrip(_CLOSERS)))


def is_heading(paragraph: str) -> bool:
    """A short one-line paragraph without sentence punctuation (a section title)."""
    return "\n" not in paragraph and word_count(paragraph) <= 14 and not ends_sentence(paragraph)


def repair_text(text: str) -> str:
    """``text`` with mojibake undone and Unicode composed (NFC); curly quotes stay curly."""
    return ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False)


def clean_text(text: str) -> tuple[str, CleanReport]:
    """Clean a body of blank-line-separated paragraphs; lines inside a paragraph are joined.

    Decided per block: a line that a rule matches goes, alone; a short block without sentence
    punctuation (a heading, a menu entry, a list item) stays only between paragraphs of body
    text, so a run of headings or links before the story or after it goes, while a section
    title or an ingredient inside the story stays. After a sign-up line, the short blocks that
    follow it go with it, but the first real paragraph ends that: a sign-up box in the middle
    of an article never takes the rest of the article with it.
    """
    text = repair_text(text)
    blocks: list[str] = []
    removed: list[tuple[str, str]] = []
    after_signup = False
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        keep_lines: list[str] = []
        for line in lines:
            rule = classify_line(line)
            if rule:
                removed.append((rule, line))
                after_signup = after_signup or rule == "sign-up footer"
            else:
                keep_lines.append(line)
        if not keep_lines:
            continue
        joined = " ".join(keep_lines)
        if after_signup and is_heading(joined):
            removed.append(("sign-up footer", joined))
            continue
        after_signup = False
        blocks.append(joined)
    blocks = join_broken_lines(blocks)
    body = [i for i, block in enumerate(blocks) if not is_heading(block)]
    first = highlights_start(blocks, body[0]) if body else 0
    kept: list[str] = []
    for i, block in enumerate(blocks):
        if body and first <= i <= body[-1]:
            kept.append(block)
        else:
            removed.append(("heading", block))
    if kept:
        kept[0], dateline = split_dateline(kept[0])
        if dateline:
            removed.append(("dateline", dateline))
    return "\n\n".join(kept), CleanReport(tuple(removed))


HIGHLIGHT_ITEMS = 3  # a list of at least this many items of at least
HIGHLIGHT_WORDS = 6  # this many words each, just before the story, is its highlights box


def highlights_start(blocks: list[str], first_body: int) -> int:
    """Where the story starts: at its first paragraph, or at a list of highlights (bullets of
    whole statements without final stops) that runs up to it; a short menu or tag list does
    not count."""
    start = first_body
    while start > 0 and _is_highlight(blocks[start - 1]):
        start -= 1
    return start if first_body - start >= HIGHLIGHT_ITEMS else first_body


def _is_highlight(block: str) -> bool:
    return block.startswith(("- ", "• ")) and word_count(block) - 1 >= HIGHLIGHT_WORDS


# A block cut off mid-sentence (a page that sets each line apart with <br>): it ends with a
# lower-case word or a comma, and the next block goes on with a lower-case word
_RUNS_ON = re.compile(r"[a-z\u00df-\u00ff][,;]?$")
_GOES_ON = re.compile(r"^[a-z\u00df-\u00ff]+\b(?![\w'’-]*[A-Z])")
# no sentence or heading ends with an article, "of", "and" or a possessive ("… won the" |
# "Africa Movie Academy Award …"): the next block goes on with it whatever its first letter
# (a heading may end with another preposition: "What tin to bake focaccia in")
_CUT_AFTER = re.compile(r"\b(?:the|a|an|of|and|or|whose|his|their|its|our|your|my)$")
_GOES_ON_ANY = re.compile(r"^[^\W\d_]")
_RUN_ON_WORDS = 4  # a shorter block is a label or menu entry, not a cut line
MAX_RUN_ON = 50  # blocks joined into one paragraph at most


def join_broken_lines(blocks: list[str]) -> list[str]:
    """``blocks`` with each sentence cut across blocks joined again ("… making the rounds on
    social media," | "show Nigerian actress … in new" | "make-up photos.")."""
    joined: list[str] = []
    run = 0
    for block in blocks:
        previous = joined[-1] if joined else ""
        if (
            run < MAX_RUN_ON
            and len(previous.split()) >= _RUN_ON_WORDS
            and _RUNS_ON.search(previous)
            and (
                _GOES_ON.match(block) or (_CUT_AFTER.search(previous) and _GOES_ON_ANY.match(block))
            )
        ):
            joined[-1] = f"{previous} {block}"
            run += 1
        else:
            joined.append(block)
            run = 0
    return joined


_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.\'’-]+(?:[ ,]+[A-Z][A-Za-z.\'’-]+){0,4}\s*)?"
    # a date may stand between the place and the agency: "SEOUL, Aug. 20 (Yonhap) -- "
    r"(?:[ ,]+\d{1,2},?\s*)?"
    r"\((?:AP|AFP|Reuters|CNN|UPI|dpa|Xinhua|EFE|Bloomberg|CNSNews\.com|Yonhap|Kyodo|AAP|PTI|ANI|"
    r"IANS|TASS|ANSA|Anadolu|Bernama|KUNA|WAM|Lusa|Sputnik|IRNA)\)\s*(?:[-—–]+|:)?\s+"
    r"|^[A-Z][A-Z.\'’-]{2,}(?:[ ,]+[A-Z][A-Za-z.\'’-]+){0,3}\s+[—–]+\s+"
    # a place in title case before the agency, German style: "Frankfurt/Main (dpa) - "
    r"|^[A-ZÄÖÜ][\w.'’/-]+(?: [A-ZÄÖÜ][\w.'’/-]+){0,2}\s+"
    r"\((?:dpa|AFP|AP|Reuters|KNA|epd|APA|sda|SDA|dts|EFE|ANSA|Belga)\)\s*[-—–]+\s+"
    # Japanese and Chinese agency datelines: "【6月18日 AFP】", "新华社北京11月17日电 "
    r"|^【[^】\n]{1,30}】\s*"
    r"|^(?:新华社|中新社|中新网)[^\s，。]{0,16}?电(?:（记者[^）]{0,20}）)?\s*"
)


def split_dateline(paragraph: str) -> tuple[str, str]:
    """The paragraph without a leading dateline ("WASHINGTON (AP) — ", "(CNN) -- "), and it."""
    match = _DATELINE.match(paragraph)
    if not match or len(paragraph) - match.end() < 20:
        return paragraph, ""
    rest = paragraph[match.end() :]
    return rest[:1].upper() + rest[1:], match.group(0).strip()


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
