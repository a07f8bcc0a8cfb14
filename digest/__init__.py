"""digest: a "What you need to know" newsletter pipeline.

The package is Prefect-free: one module per stage, joined by the thin flow in ``flows/``.
ingest -> clean -> summarize -> quotes -> compose -> render -> deliver
"""

__version__ = "0.1.0"
