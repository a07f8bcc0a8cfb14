"""Whether an English sentence has a clause: a finite verb somewhere, by its form.

The project has no part-of-speech tagger, so a verb is recognised by cues that need none, each
cheap and general to English rather than to any site:

- an auxiliary, modal or copula ("is", "was", "has", "can", "will", "n't", "'re", "it's");
- a subject pronoun ("I", "we", "they", "he", "she", "who"): a clause follows it;
- a past form (a word of five or more letters ending in "-ed") or a common irregular one
  ("said", "took", "went", "made");
- a word ending in "-s" followed by a determiner or a capitalised word ("denies Samsung",
  "teaches his grandson"): a plural noun is rarely followed by either.

A sentence with none of these ("Ahhh, at last, Memorial Day weekend.", "Great as a side with
pasta recipes.", "Just no, Aaron Sorkin.") is a fragment: a caption, a tagline, a list item or
a reviewer's verdict. Only sentences that read as English (several of its commonest function
words, none of German's) are judged: the cues are English.
"""

from __future__ import annotations

import re

_AUX = frozenset(
    "am is are was were be been being has have had do does did will would shall should can "
    "could may might must cannot won't can't don't doesn't didn't isn't aren't wasn't weren't "
    "hasn't haven't hadn't wouldn't shouldn't couldn't".split()
)
_SUBJECT = frozenset("i we they he she who you there".split())
_IRREGULAR = frozenset(
    "said says told tells went goes took takes made makes got gets came comes saw sees gave "
    "gives found finds knew knows thought thinks felt feels left leaves kept keeps began begins "
    "ran runs won wins lost loses held holds brought brings bought buys built builds sent sends "
    "spent spends stood stands wrote writes became becomes fell falls met meets paid pays led "
    "leads sat sits drove drives rose rises spoke speaks broke breaks chose chooses wore wears "
    "grew grows drew draws threw throws flew flies ate eats let lets shut put puts set sets "
    "hit hits cut cuts read reads run seem seems looks means needs wants shows offers "
    "provides includes helps works uses remains lives asks calls allows turns starts moves "
    "adds brings sold sells sought seeks struck taught teaches caught catches fought hung "
    "lay lies slept swore swam sang sank shot shook stole stuck sprang spun dug fed fled "
    "forgot forgave froze hid hurt bent bound bled bit blew bore dealt dreamt drank meant "
    "heard hears understood overcame withdrew undertook".split()
)
_DETERMINER = frozenset(
    "the a an his her their its our your my this that these those some every each no "
    "him them us me it".split()
)
_FUNCTION = frozenset(
    "of in and or for with to on at by from as into than then but nor so the a an and".split()
)
_ADVERB = frozenset("now still also often just only never always already even then".split())
_ENGLISH = frozenset("the a an of to in and for with on at by from is was are that".split())
_GERMAN = frozenset(
    "der die das und ist nicht mit von den ein eine zu sich auf für dem des".split()
)
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_OBJECT = frozenset("him them us me".split())
_POINTER = frozenset("that what here who it there".split())
_VERB_SUFFIX = frozenset("re ve ll d m t".split())


_CUES = _AUX | _SUBJECT | _IRREGULAR
_PUNCT = "\"'“”‘’()[],.;:!?…—–-*"


def _quick_verb(sentence: str) -> bool:
    """Most sentences: an auxiliary, a subject pronoun, a common verb or "-ed" (not after
    "to"), found with a split and a set instead of a word-by-word look."""
    words = [w.strip(_PUNCT) for w in sentence.lower().replace("’", "'").split()]
    if not _CUES.isdisjoint(words) or any(len(w) >= 4 and w.endswith("ed") for w in words):
        if "to" not in words:
            return True
        return any(
            (w in _CUES or (len(w) >= 4 and w.endswith("ed"))) and (i == 0 or words[i - 1] != "to")
            for i, w in enumerate(words)
        )
    return False


def is_english(words: list[str]) -> bool:
    lower = [w.lower() for w in words]
    english = sum(w in _ENGLISH for w in lower)
    return english >= 1 and not any(w in _GERMAN for w in lower)


def has_verb(sentence: str) -> bool:
    """Whether any cue of a finite verb is in the sentence (see the module's docstring)."""
    if _quick_verb(sentence):
        return True
    words = _TOKEN.findall(sentence)
    lower = [w.lower().replace("’", "'") for w in words]
    for i, word in enumerate(lower):
        if word in _SUBJECT or (
            (word in _AUX or word in _IRREGULAR) and lower[i - 1 : i] != ["to"]
        ):
            return True
        if len(word) >= 4 and word.endswith("ed"):
            return True
        if "'" in word:
            base, _, suffix = word.partition("'")
            if base in _SUBJECT or base in _POINTER or suffix in _VERB_SUFFIX:
                return True
        previous = lower[i - 1] if i > 0 else ""
        after = lower[i + 1] if i + 1 < len(lower) else ""
        # "join them", "describe him": a word before an object pronoun
        if after in _OBJECT and words[i].islower() and word not in _FUNCTION:
            return True
        # "Liverpool lose their", "Bec and Bridge take a bow": a name, a word, a determiner
        if (
            previous
            and words[i - 1][0].isupper()
            and words[i].islower()
            and word not in _FUNCTION
            and after in _DETERMINER
        ):
            return True
        # "The season ends at", "The name refers to": a determiner, a noun, a verb in "-s"
        if (
            i >= 2
            and lower[i - 2] in _DETERMINER
            and not previous.endswith("s")
            and word.endswith("s")
            and after in _FUNCTION
        ):
            return True
        if (
            i > 0
            and len(word) >= 4
            and word.endswith("s")
            and not word.endswith(("ss", "us", "is", "'s"))
            and i + 1 < len(words)
            and (lower[i + 1] in _DETERMINER or words[i + 1][0].isupper())
        ):
            return True
        if word.endswith("s") and len(word) >= 3 and not word.endswith(("ss", "us", "is", "'s")):
            j = i + 1
            while j < len(lower) and (lower[j] in _ADVERB or lower[j].endswith("ly")):
                j += 1
            after = lower[j] if j < len(lower) else ""
            # "fans follow Tebow", "explosions go off": a plural noun, then a lower-case word
            # that is not a function word, is a plural subject and its verb
            if (
                j < len(words)
                and words[j].islower()
                and after not in _FUNCTION
                and after not in _DETERMINER
                and not after.endswith("s")
            ):
                return True
            # "McCoy celebrates after", "Goode tries to": a name, then a verb in "-s"
            if i > 0 and words[i - 1][0].isupper() and words[i].islower() and after in _FUNCTION:
                return True
    return False


def is_verbless(sentence: str) -> bool:
    """An English sentence of four or more words without a cue of a finite verb."""
    if _quick_verb(sentence):
        return False
    words = _TOKEN.findall(sentence)
    return len(words) >= 4 and is_english(words) and not has_verb(sentence)
