"""One error hierarchy for the whole library.

Every error carries a message that names the input and says what to do; the CLI turns it into
one line at the edge (``digest: error: ...``) instead of a traceback.
"""

from __future__ import annotations


class DigestError(Exception):
    """Base class of every error the library raises on purpose."""


class ConfigError(DigestError):
    """A setting or command-line value is missing or malformed."""


class SourceError(DigestError):
    """One source (file, feed, page) could not be read; the others go on."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ArticleError(DigestError):
    """One article could not be processed by a stage; it is skipped, the digest goes on."""

    def __init__(self, article_id: str, stage: str, reason: str) -> None:
        super().__init__(f"article {article_id} ({stage}): {reason}")
        self.article_id = article_id
        self.stage = stage
        self.reason = reason


class RenderError(DigestError):
    """The email templates could not be found or rendered."""


class DeliveryError(DigestError):
    """The digest could not be written or sent."""


class StateError(DigestError):
    """The state directory or its database cannot be used safely (unwritable, damaged, or held
    by another run); the run stops before it sends anything twice."""


class NothingToSendError(DigestError):
    """No article survived ingest and processing, so there is no digest to deliver."""
