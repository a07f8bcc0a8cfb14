"""nltk's English Snowball stemmer, quicker, with the same stems (issue 15).

The digest ranker stems every distinct word of an article (a 50,000-word page has ~7,500), and
nltk's ``EnglishStemmer.stem`` tries each step's suffixes one ``str.endswith`` at a time, about
70 calls a word, most of them for suffixes the word does not have. :func:`english_stemmer`
returns a subclass of nltk's stemmer (nltk itself is not changed) whose ``stem`` is nltk's own
method, compiled from its source with changes that cannot alter a stem:

1. each step's loop over its suffixes runs only when the word ends with one of them (one
   ``str.endswith`` with the whole tuple): otherwise the loop matches nothing and does nothing;
2. the loop that marks a "y" after a vowel runs only when the word holds a "y";
3. the regions R1 and R2 are found with one search for a vowel then a non-vowel, the same
   leftmost place nltk's loop over the characters finds.

About twice as fast. With an nltk other than :data:`NLTK_VERSION` (whose source the changes
were checked on), or a source not as expected, it is nltk's stemmer unchanged.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import nltk
from nltk.stem import snowball

NLTK_VERSION = "3.10.4"
_STEPS = ("0", "1a", "1b", "2", "3", "4")
_VOWELS = "aeiouy"  # nltk's English vowels
_VOWEL_THEN_OTHER = re.compile(f"[{_VOWELS}][^{_VOWELS}]")


def quick_stem_source(source: str) -> str | None:
    """nltk's ``EnglishStemmer.stem`` source with the guards above, or None when it does not
    hold each loop exactly once."""
    source = textwrap.dedent(source)
    changes = {
        f"for suffix in self.__step{step}_suffixes:": (
            f"for suffix in (self.__step{step}_suffixes"
            f" if word.endswith(self.__step{step}_suffixes) else ()):"
        )
        for step in _STEPS
    }
    changes["for i in range(1, len(chars)):"] = (
        'for i in (range(1, len(chars)) if "y" in word else ()):'
    )
    for old, new in changes.items():
        if source.count(old) != 1:
            return None
        source = source.replace(old, new)
    # the class's private names, as Python spells them inside nltk's class
    return source.replace("self.__", "self._EnglishStemmer__")


class _Regions(snowball.EnglishStemmer):
    def _r1r2_standard(self, word: str, vowels: str) -> tuple[str, str]:
        """nltk's R1 and R2: what follows the first non-vowel after a vowel, twice."""
        if vowels != _VOWELS:
            return super()._r1r2_standard(word, vowels)
        found = _VOWEL_THEN_OTHER.search(word)
        r1 = word[found.end() :] if found else ""
        found = _VOWEL_THEN_OTHER.search(r1)
        return r1, r1[found.end() :] if found else ""


@lru_cache(maxsize=1)
def _quick_class() -> type[snowball.EnglishStemmer] | None:
    if nltk.__version__ != NLTK_VERSION:
        return None
    try:
        source = quick_stem_source(inspect.getsource(snowball.EnglishStemmer.stem))
    except (OSError, TypeError):
        return None
    if source is None:
        return None
    namespace: dict[str, Any] = dict(vars(snowball))
    exec(compile(source, snowball.__file__, "exec"), namespace)  # nltk's own code, guarded
    # nltk names the stopword language after the class ("english" from "EnglishStemmer")
    return type("EnglishStemmer", (_Regions,), {"stem": namespace["stem"], "__module__": __name__})


def english_stemmer() -> Callable[[str], str]:
    """A stem function with the stems of ``nltk.stem.snowball.EnglishStemmer().stem``."""
    quick = _quick_class()
    stemmer = quick() if quick is not None else snowball.EnglishStemmer()
    return stemmer.stem
