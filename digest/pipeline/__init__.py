"""Pipeline: the stages over many articles that the Prefect tasks in ``flows/`` call.

``stages`` (clean, summarize, quote, each article on its own; settings turned into the objects
the stages need), ``select`` (de-duplication, time window, grouping, ranking), ``report``
(the run's article table and preview).
"""

from digest.pipeline.select import Selection, Story, select_stories
from digest.pipeline.stages import clean_all, load_all, quote_all, summarize_all

__all__ = [
    "Selection",
    "Story",
    "clean_all",
    "load_all",
    "quote_all",
    "select_stories",
    "summarize_all",
]
