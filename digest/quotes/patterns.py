"""The vocabulary of attribution: speech verbs, who can speak, and the patterns around a quote.

Compiled once at import. :mod:`digest.quotes.attribution` applies them to a paragraph whose quotes
are masked (each replaced by :data:`MASK`); :mod:`digest.quotes.focus` reuses the pieces.
"""

from __future__ import annotations

import re

MASK = "\u2063¶\u2063"  # stands for a quote inside a masked paragraph

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|adding|wrote|writes|tweeted|tweets|posted|asked|asks|"
    "noted|notes|continued|continues|explained|explains|stated|states|claimed|claims|argued|"
    "argues|insisted|insists|warned|warns|recalled|recalls|declared|declares|announced|"
    "announces|replied|replies|responded|responds|answered|remarked|observed|acknowledged|"
    "admitted|conceded|concluded|emphasized|stressed|suggested|suggests|believes|believed|"
    "thinks|thought|called|calls|described|describes|reported|reports|predicted|promised|"
    "vowed|urged|joked|quipped|shouted|yelled|whispered|testified|boasted|complained|"
    "countered|cautioned|mused|pointed out|went on|saying|telling|writing|describing|calling|"
    "blasted|slammed|labeled|labelled|dubbed|branded|praised|criticized|accused|lamented|"
    "explaining|noting|adding|arguing|insisting|warning|according|tweeting|announcing|"
    "identified|referred|referring|urging|asserted|asserts|declaring|recounted|wondered|"
    "predicting|promising|vowing|telling|called for|opined|mocked|hailed|lauded|touted|"
    "quoted|cited|echoed|questioned|demanded|confirmed|denied|disputed|conceded|stressing|"
    "reads|read|emailed|texted|messaged|shared|writing|retweeted|pleaded|begged|scoffed|"
    "grumbled|sighed|exclaimed|announced|characterized|summed up|put it|weighed in|"
    "likened|likens|implied|implies|urges|urging|telling|insist|argue|claim|contend|contended|"
    "indicated|indicates|maintained|maintains|contends|sings|sang|attacked|dismissed|"
    "dismisses|derided|denounced|condemned|lambasted|ridiculed|recounted|offered|offers|"
    "written|puts it|applauded|shot back|fired back|hit back|put it|cried|screamed|chanted|"
    "chanting|chant|ruled|admitting|mentioned|mentions|protested|accuse|"
    "lambasting|slamming|blasting|criticizing|mocking|accusing|praising|revealed|rejected|"
    "asking|claiming(?=\\s+(?:that|to)\\b)|exhorted|denounce|alleging|alleged|alleges|"
    "ask|"
    "call(?=\\s+(?:them|him|her|it|the|this|that|these|those|themselves)\\b)|"
    "declares|concludes|add|pressed|reiterated|reiterates|recalled|pledged|pledges|boasts|jokes|quips|adds|"
    "assured|assures|fumed|fumes|retaliated|repeated|agreed(?=\\s*[.,:])"
)
VERB = rf"(?:{SPEECH_VERBS}|Tweeted|Tweets|Wrote|Writes)"
PRONOUN = r"(?:he|she|they|He|She|They)\b"
# "Obama's former campaign strategist"; not "It's" or "That's"
POSSESSOR = (  # "Obama's", "Ivana Trump's"
    r"(?!(?:It|That|He|She|There|What|Here|Let|Who|This|Where)[’']s)(?:[A-Z][a-z]+\s)?[A-Z][a-z]+[’']s"
)
DET = (
    rf"(?<![\w’'-])(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Mm]y|[Oo]ur|"
    rf"[Mm]ultiple|[Ss]everal|[Mm]any|[Ss]ome|[Oo]ther|{POSSESSOR})\b"  # (not the "a" of "Ivana")
)
_FUNCTION = (
    r"(?:who|whom|whose|that|which|what|where|when|while|if|by|with|at|in|on|of|for|to|from|about|as|after|before|"
    r"and|or|but|him|her|them|it|is|was|were|has|had|have|be|been|not|he|she|they|we|you|i|"
    r"over|whether|than|into|through|during|against|under|between|without|within|since|until|"
    r"would|could|should|will|can|may|might|must|shall|did|does|do|"
    # irregular past tenses end a description too: "his campaign sent out a text"
    r"sent|made|took|gave|went|came|got|put|began|found|kept|held|left|met|ran|saw|brought)"
)
_ED_ADJECTIVES = r"(?:retired|unnamed|elected|alleged|indicted|embattled|respected|unidentified)"
_ADVERB = r"(?:also|then|still|now|again|later|once|too|often|always|never|usually|sometimes|"
_ADVERB += r"(?!(?:family|ally|rally|daily|assembly)\b)[a-z]+ly)"
_NOT_IN_NOMINAL = rf"(?:{_FUNCTION}|{_ADVERB}|(?!{_ED_ADJECTIVES}\b)[a-z]+ed|{SPEECH_VERBS})\b"
_NOMINAL_WORD = rf"(?!{_NOT_IN_NOMINAL})[^\W_][\w.’'&-]*"  # "a 52-count complaint", "P&G"
NOMINAL = (  # "the top U.S. diplomat", "Trump’s potential VP"
    rf"(?:{DET}\s+(?:{_NOMINAL_WORD}\s+){{0,6}}(?:(?!{_NOT_IN_NOMINAL})[a-z][\w-]+|[A-Z]{{2,}}\b))"
)
_NAME_TOKEN = r"(?:[A-Z][\w.’'-]*|(?:de|van|von|bin|al|del|la|le|da)(?=\s+[A-Z]))"
NAME = rf"(?:[A-Z][\w.’'-]*(?:\s+{_NAME_TOKEN}){{0,5}})"
# "63 percent said", "31% of Republicans said": a share of those polled, opening a clause
# (not "PolitiFact rated 32% of Republican claims")
SHARE = (
    r"(?:(?<![a-z]\s)(?<![\d.,])\d[\d.,]*\s*(?:%|percent)"
    r"(?:\s+of\s+(?:[\w-]+\s+){0,4}?[A-Za-z][\w-]*)?)"
)
WHO = rf"(?:{PRONOUN}|{NOMINAL}|{NAME}|{SHARE})"
WHOLE_NAME = rf"{NAME}(?![\w’'-]|\s+[A-Z])"  # not "Ms" out of "Ms Rusoff-Hoen"
PAREN = r"(?:\s*\([^()]{1,40}\))?"  # "(R-Fla.)" between a name and its verb
OF_PLACE = (
    # "X of Clemson University", "Planned Parenthood Advocates of Kansas and Mid-Missouri"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w.]*(?:\s+(?:and\s+)?[A-Z][\w.-]*){0,4})?"
)
# ", a senior adviser to the campaign,", ", Mr. Obama's deputy national security adviser,",
# ", of Springfield, Va.,", ", R-Fla.,", ", the attorney general of Oklahoma, one of the states …,"
_APPOS_PART = (
    # (not a clause of its own: "X, while Y said"; but "X, while being interviewed, said")
    r",\s(?!(?:and|but|or|so|while(?!\s+[a-z]+ing\b)|because|as|when|if|though|although|he|she|"
    r"they|it|we|i)\b)"
    r"(?:[^,¶A-Z][^,¶]{0,139}?|(?:[A-Z][\w.]*\s)?[A-Z][\w.-]*(?:[’']s?)\s[^,¶]{0,100}?"
    r"|[A-Z][^,¶]{0,40}?)"
)
APPOS = rf"(?:(?:{_APPOS_PART}){{1,2}}(?:,\s[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?,)?"
ADVERBS = r"(?:(?:also|later|then|now|has|had|have|would|once|recently|previously|simply|"
ADVERBS += r"repeatedly|again|further|first|earlier|often|flatly|[a-z]+ly|"
ADVERBS += r"(?:would|could|did|does|do|wo|ca|is|was)n[’']t)\s+)*"  # "wouldn’t say"

# verbs that put the speaker after them: "…, noted NBC’s Dante Chinni."
INVERTED_VERB = (
    r"(?:said|says|noted|notes|added|adds|wrote|writes|explained|recalled|argued|continued|"
    r"observed|quipped|joked|remarked|insisted|warned|concluded)"
)
# "according to conservative talk radio host Rush Limbaugh": lowercase role words before a name
_ROLE_WORDS = rf"(?:(?:(?!{_FUNCTION}\b)[a-z][\w-]*\s+){{1,4}}(?=[A-Z]))?"
AFTER = (
    # (not "…,” saying the city …": a participle after a quote does not name its speaker)
    re.compile(
        rf"^[\s,;:—–-]*(?P<cue>(?![a-z]+ing\b){VERB})\s+"
        rf"(?P<who>(?!(?:his|her|their|its)\b){WHO})"  # not "…,” denounced her record"
    ),
    # "said retired neurosurgeon Ben Carson", "said the Rev. Peter Wherry"
    re.compile(
        rf"^[\s,;:—–-]*(?P<cue>(?![a-z]+ing\b){VERB})\s+(?:(?:the|a|an)\s+)?"
        rf"(?:(?!{_FUNCTION}\b)[a-z0-9][\w/-]*\s+(?:of\s+)?){{0,4}}(?P<who>{NAME})"
    ),
    # "“cleareyed” interpretation of Mr. Kerry's actions, said Michael Kofman,"
    re.compile(
        rf"^[^¶,]{{0,80}}?,\s+(?P<cue>{INVERTED_VERB})\s+(?:(?!{_FUNCTION}\b)[a-z][\w-]*\s+){{0,3}}"
        rf"(?P<who>{NAME})"
    ),
    re.compile(  # (right after a quote, "“…,” Hannity started." is speech too; not "when X …")
        rf"^[\s,;:—–-]*(?!(?:when|while|after|before|because|since|if|until|although|though)\b)"
        rf"(?:[\w.’'-]+,?\s+){{0,5}}?(?P<who>{WHO})(?:[’']d\b)?{PAREN}{APPOS}\s+{ADVERBS}"
        rf"(?P<cue>{VERB}|started|began)\b"
    ),
    re.compile(rf"^[\s,]*[―—–]\s*(?P<who>{NAME})(?P<cue>)"),
    # "… an “articulate conservative” who has won twice, the editorial board writes."
    re.compile(
        rf"^[^¶]{{0,150}}?,\s+(?P<who>{PRONOUN}|{NOMINAL}|{NAME})\s+"
        rf"(?P<cue>{INVERTED_VERB}|say|reports|reported)[.!?]?\s*$"
    ),
    re.compile(rf"^[\s,;:—–-]*(?P<cue>according to)\s+{_ROLE_WORDS}(?P<who>{WHO})"),
)
ACCORDING_AT_END = re.compile(
    rf",\s+(?P<cue>according to)\s+{_ROLE_WORDS}(?P<who>{WHO}){PAREN}[.!?]?\s*$"
)
_SAYING = (
    r"(?:claim|claims|remark|remarks|comment|comments|assertion|statement|promise|pledge|vow|"
    r"warning|insistence|argument|declaration|admission|boast|tweet|words|criticism|accusation|"
    r"allegation|catch phrase|catchphrase|slogan|motto|mantra)"
)
# The subject of the sentence, when a speech verb follows it before the quote:
# "The Vermont senator emailed supporters saying: “…”".
SUBJECT = re.compile(
    rf"\s*(?:(?:And|But|So|Yet|Then|Now|Still)\s+(?:then\s+)?)?"
    rf"(?P<who>{PRONOUN}|{NOMINAL}|{WHOLE_NAME}){PAREN}{APPOS}\s+(?P<between>[^¶]*?)(?<![\w-])"
    rf"(?P<cue>{VERB})\b[^¶]*$"
)
# a person who is the subject of the sentence the quote sits in, whatever the verb
PLAIN_SUBJECT = re.compile(
    rf"\s*(?:(?:And|But|So|Yet|Then|Now|Still)\s+)?(?P<who>{WHOLE_NAME})"
    rf"{PAREN}{APPOS}\s+(?:[a-z]+ly\s+)?(?P<aux>(?:has|had|is|was|have)\s+)?"
    rf"(?P<verb>[a-z]+(?:ed|es|s)|[a-z]+ing)\b[^¶]*$"
)
COLON_SUBJECT = re.compile(
    rf"^\s*(?:[^,¶]{{0,60}},\s+){{0,2}}(?P<who>{PRONOUN}|{NOMINAL}|{NAME}){PAREN}{APPOS}\s[^¶:]*:\s*$"
)
PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|get|got)\s+$")
# "Carl Bialik: “…”", "the former candidate Mitt Romney -- “…”"
COLON = re.compile(rf"(?P<who>{NAME}|{PRONOUN}){PAREN}\s*(?::|\s--|\s—)\s*$")
# "her remark that “…”", "Trump’s claim that there have been “…”", "his statement: “…”"
OWNED_WORDS = re.compile(
    rf"(?P<who>\b[Hh]is|\b[Hh]er|{NAME}(?=[’']s\s))(?:[’']s)?\s+(?:[a-z-]+\s+){{0,2}}"
    rf"(?P<cue>{_SAYING})\b[^¶.;]{{0,80}}?(?:\bthat\b[^¶.;]{{0,40}}|:\s*)$"
)
# "His former business partner at Lenox, Lawrence B. Cummings," (a name set beside it)
_DESCRIBED_AT = (
    rf"{NOMINAL}\s+(?:at|of|for|with|from)\s+(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){{0,3}}"
    rf"(?=,\s*{NAME}{PAREN},)"
)
BEFORE = (
    re.compile(rf"\b(?:[Aa]ccording to|[Pp]er) {_ROLE_WORDS}(?P<who>{WHO})(?P<cue>)"),
    re.compile(
        rf"(?P<who>{PRONOUN}|{_DESCRIBED_AT}|{NOMINAL}|{NAME}|{SHARE})(?:[’']s(?=\s))?{PAREN}{APPOS}\s+"
        rf"{ADVERBS}(?<![\w-])(?P<cue>{VERB})\b"
    ),  # "He’s claiming", "His former partner at Lenox, Lawrence B. Cummings, called"
    # "Joel Pollak of Breitbart California observed" (a name: "footage of X asking" is not)
    re.compile(rf"(?P<who>{NAME}){OF_PLACE}{PAREN}{APPOS}\s+{ADVERBS}(?<![\w-])(?P<cue>{VERB})\b"),
    # "the groups who wrote to her on Thursday say they are “…”"
    re.compile(
        rf"(?P<who>{NOMINAL})\s+(?:who|that)\s+[^¶,]{{1,60}}?\s+(?P<cue>say|says|said|argue|argued)\b"
    ),
    # "… and Stevie Wonder, who joked of the museum, “…”"
    re.compile(rf"(?P<who>{NAME}){PAREN},\s+who\s+{ADVERBS}(?P<cue>{VERB})\b"),
    OWNED_WORDS,
)
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr sen rep gov gen lt col sgt capt prof rev st jr sr inc corp co ltd no vs etc
    jan feb mar apr jun jul aug sep sept oct nov dec ala ariz ark calif colo conn del fla ga
    ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash
    wis wyo u.s u.k u.n d.c a.m p.m e.g i.e
    """.split()
)
BREAK = re.compile(r"[.!?…][”\"’')\]]*\s+(?=[A-Z“\"'¶\u2063(])")
