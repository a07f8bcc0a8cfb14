"""Evaluation: quality figures on annotated files (``digest eval``), never used by a run.

``summaries`` (ROUGE), ``quotes`` (span F1, speaker accuracy, key quotes), ``split`` (the
even/odd halves by a hash of the id).
"""

from digest.evaluation.quotes import evaluate_quotes
from digest.evaluation.split import subset
from digest.evaluation.summaries import evaluate_summaries, format_summary_table

__all__ = ["evaluate_quotes", "evaluate_summaries", "format_summary_table", "subset"]
