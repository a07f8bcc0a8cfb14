"""A metadata title without its site name: "Headline | Site", "Site - Headline",
"Headline: Section: Site".

A part of a title is taken for the site's name on evidence only: it is the page's ``og:site_name``
(or another name the page gives itself), a host name ("example.com"), or the host's own label
("The Atlantic" on theatlantic.com). Next to a site name, a short part is a section ("News",
"Opinion") and goes too. With no evidence, a title split by ``|`` (a separator headlines do not
use) keeps its longest part, and a title split by dashes (which headlines do use) is kept whole.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

_PIPES = r"\||::|·|•|»"
_DASHES = r"-|–|—|/"
_SEPARATORS = re.compile(rf"\s+({_PIPES}|{_DASHES})\s+")
_COLON = re.compile(r"\s*:\s+")
_LEAD = re.compile(r"^(?:[|·•»/–—-]+\s+)+")
_TRAIL = re.compile(r"(?:\s+[|·•/–—:-]+)+$")
_HOST = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}/?$", re.IGNORECASE)
_ADDRESS = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_WORD_LETTER = re.compile(r"[^\W\d_]")
_NOTICE_WORDS = re.compile(
    r"(?i)\bcopyright\b|©|\(c\)|\ball rights reserved\b|\b(?:19|20)\d\d\b(?:\s*[-–]\s*\d{2,4})?"
)
_COPYRIGHT = re.compile(r"(?i)^(?:copyright\b|©|\(c\)\s)|\ball rights reserved\b")
_NAME_SEPARATOR = re.compile(rf"\s+(?:{_PIPES}|-|–|—)\s+")
_PUBLISHER_WORDS = frozenset(
    "magazine media news online staff team editors digital desk newsroom".split()
)
_TAGLINE_WORDS = 5  # with no host to tell, a part this long after a name is its tagline
_SECTION_WORDS = 3  # a part this short next to the site's name is a section
_FUZZY_WORDS = 3  # a part this short may be the site's name with a word more ("The Daily Caller")
_MIN_KEY = 4  # shorter host labels are only matched whole
_GENERIC_LABELS = {"www", "m", "amp", "blog", "blogs", "news", "com", "org", "net", "co", "web"}


def compact(text: str) -> str:
    """Letters and digits only, case-folded: "The A.V. Club" -> "theavclub"."""
    return "".join(_WORD.findall(text.casefold()))


def clean_title(text: str) -> str:
    """A title with HTML entities decoded (some pages escape them twice), on one line, without
    separators left dangling at either end ("» Headline", "Headline |")."""
    if "&" in text and ";" in text:
        text = html.unescape(text)
    text = " ".join(text.split())
    return _TRAIL.sub("", _LEAD.sub("", text)).strip()


def display_name(name: str | None, hosts: Sequence[str | None] = ()) -> str | None:
    """The site's name as a reader should see it: a name given as an address
    ("https://www.example.com/") becomes its host ("example.com"); a copyright notice
    ("Copyright (c) CondéNet 2015", which pages put where the name belongs) is no name, and the
    page's host (``hosts``: its addresses) stands in; a tagline after the name ("My Daily
    Magazine - Art, Design, DIY …") is left out when the host names the part before it, or, with
    no host to tell, when it is much the longer part; "Section - Site" keeps the part the host
    names. Other names are kept."""
    name = " ".join((name or "").split())
    host = next((h for h in (_host(u) for u in hosts if u) if h), "")
    if _COPYRIGHT.search(name) or not _WORD_LETTER.search(name):
        return host or None  # a copyright notice, or only its year ("2015")
    if _ADDRESS.match(name) and " " not in name:
        name = _host(name)
    pieces = _NAME_SEPARATOR.split(name, maxsplit=1)
    if len(pieces) == 2:
        first, rest = pieces
        keys = site_keys([host]) if host else set()
        if is_site_name(first, keys, fuzzy=True):
            name = first
        elif is_site_name(rest, keys, fuzzy=True):
            name = rest  # "Politics - The Washington Post" on washingtonpost.com
        elif not keys and len(rest.split()) >= max(len(first.split()) + 2, _TAGLINE_WORDS):
            name = first
    return name or host or None


def publisher_free(byline: str | None, names: Sequence[str | None]) -> str | None:
    """The byline without the parts that are the site itself ("UPROXX Media" on uproxx.com,
    "Teen Vogue Magazine" on teenvogue.com, "…; CNN" on cnn.com, "Condé Nast" where the page's
    copyright names it: the publisher, not a writer); ``names`` are the site's names, the
    copyright holder and the page's addresses. A name that only ends with the site's ("Daniel
    Lemire" on lemire.me) is the writer's."""
    if not byline:
        return byline
    keys = site_keys([_host(n) if _ADDRESS.match(n) else n for n in names if n])
    parts = [p.strip() for p in byline.split(";")]
    kept = [p for p in parts if p and not _is_publisher(p, keys)]
    return "; ".join(kept) or None


def _is_publisher(part: str, keys: set[str]) -> bool:
    words = part.split()
    while len(words) > 1 and words[-1].casefold() in _PUBLISHER_WORDS:
        words.pop()  # "GQ Magazine" on gq.com, "Kulu Media News Desk" on kulu-media.com
    if len(words) > _FUZZY_WORDS:
        return False
    key = compact(" ".join(words))
    # starts with the site's name: "Daniel Lemire" on lemire.me ends with it and is the writer;
    # a one-word byline that starts the site's name ("Luxurious", Luxurious Magazine) is it too
    return any(
        key == k
        or (len(k) >= _MIN_KEY and key.startswith(k))
        or (len(words) == 1 and len(key) >= _MIN_KEY and k.startswith(key))
        for k in keys
    )


def copyright_holder(notice: str | None) -> str | None:
    """Who a copyright notice names: "Copyright (c) Condé Nast 2023" -> "Condé Nast",
    "© 2019 Deutsche Welle (www.dw.com)" -> "Deutsche Welle"."""
    text = _NOTICE_WORDS.sub(" ", re.sub(r"\([^)]*\)|\S+\.\w{2,}\S*", " ", notice or ""))
    name = " ".join(text.replace(",", " ").split()).strip(" .-")
    return name if _WORD_LETTER.search(name) and len(name.split()) <= _FUZZY_WORDS else None


def _host(address: str) -> str:
    """ "https://www.example.com/a" -> "example.com"; "" when it has no host."""
    host = urlsplit(address if "//" in address else f"//{address}").hostname or ""
    return host.removeprefix("www.")


def host_labels(host: str) -> list[str]:
    """The distinctive labels of a host name: "www.cricket.com.au" -> ["cricket"]."""
    host = urlsplit(host).hostname or host if "//" in host else host
    labels = [p for p in host.casefold().strip("/").split(".") if p]
    if len(labels) > 1:
        labels = labels[:-1]  # the top-level domain
    return [p for p in labels if p not in _GENERIC_LABELS]


def site_keys(names: Sequence[str]) -> set[str]:
    """What a site-name part of a title may look like, compacted: the names and host labels."""
    keys: set[str] = set()
    for name in names:
        name = name.strip()
        if not name:
            continue
        if _HOST.match(name):
            keys.update(compact(label) for label in host_labels(name))
        keys.add(compact(name))
    keys.discard("")
    return keys


def is_site_name(part: str, keys: set[str], fuzzy: bool = False) -> bool:
    """Whether a title part is the site's name (or, ``fuzzy``, its name with a word more or
    less: "The Daily Caller" for dailycaller, "Rosa-Luxemburg-Stiftung" for rosalux)."""
    key = compact(part)
    if not key:
        return False
    if key in keys or _HOST.match(part.strip()):
        return True
    if not fuzzy or len(part.split()) > _FUZZY_WORDS:
        return False
    return any(len(k) >= _MIN_KEY and (key.startswith(k) or key.endswith(k)) for k in keys)


def _drop_sections(pieces: list[str], end: bool = True, start: bool = True) -> list[str]:
    """Without short parts at the ``end`` or ``start`` when the rest is twice as long."""
    pieces = list(pieces)
    while len(pieces) > 1:
        words = [len(p.split()) for p in pieces]
        if end and words[-1] <= _SECTION_WORDS and sum(words[:-1]) >= max(2 * words[-1], 4):
            pieces.pop()
        elif start and words[0] <= _SECTION_WORDS and sum(words[1:]) >= max(2 * words[0], 4):
            pieces.pop(0)
        else:
            break
    return pieces


def _strip_colon_parts(title: str, keys: set[str]) -> str:
    """ "Site: Headline" -> "Headline"; "Headline: Section: Site: Vol 2" -> "Headline"."""
    pieces = _COLON.split(title)
    if len(pieces) < 2:
        return title
    if is_site_name(pieces[0], keys) and " ".join(pieces[1:]).strip():
        return ": ".join(pieces[1:]).strip()
    site = next((i for i, p in enumerate(pieces) if i and is_site_name(p, keys)), None)
    if site is None:
        return title
    pieces = [p for p in pieces[:site] if p.strip()]  # and what follows the site's name
    while len(pieces) > 1 and is_site_name(pieces[-1], keys, fuzzy=True):
        pieces.pop()
    return ": ".join(_drop_sections(pieces)) if pieces else title


def strip_site_name(title: str, site_names: Sequence[str] = ()) -> str:
    """``title`` without a site-name part ("Headline | Site", "Site - Headline")."""
    title = clean_title(title)
    keys = site_keys(site_names)
    parts = _SEPARATORS.split(title)
    pieces, separators = parts[0::2], parts[1::2]
    if len(pieces) < 2:
        return _strip_colon_parts(title, keys)
    marked = [is_site_name(p, keys) for p in pieces]
    if not any(marked):
        marked[0] = is_site_name(pieces[0], keys, fuzzy=True)
        marked[-1] = is_site_name(pieces[-1], keys, fuzzy=True)
    if all(marked):
        return title
    # the headline is the longest run of parts that are not the site's name
    runs: list[tuple[int, int]] = []
    for i, site in enumerate(marked):
        if not site:
            if runs and runs[-1][1] == i:
                runs[-1] = (runs[-1][0], i + 1)
            else:
                runs.append((i, i + 1))
    first, last = max(runs, key=lambda r: sum(len(p.split()) for p in pieces[r[0] : r[1]]))
    run = pieces[first:last]
    if any(marked):
        # next to the site's name, a short part is a section
        run = _drop_sections(run, end=last < len(pieces), start=first > 0)
        first = pieces.index(run[0], first)
        last = first + len(run)
        if len(run) == 1:
            return _strip_colon_parts(run[0], keys)
    return _longest_or_whole(run, separators[first : last - 1])


def _longest_or_whole(pieces: Sequence[str], separators: Sequence[str]) -> str:
    """Parts split by pipes are the headline and sections: the longest; parts split by dashes
    may be one headline ("Fans feared the worst – then the star spoke"): all of them."""
    if all(re.fullmatch(_PIPES, s) for s in separators):
        return max(pieces, key=lambda p: len(p.split()))
    return _join(pieces, separators)


def _join(pieces: Sequence[str], separators: Sequence[str]) -> str:
    out = pieces[0]
    for sep, piece in zip(separators, pieces[1:], strict=True):
        out += f" {sep} {piece}"
    return out
