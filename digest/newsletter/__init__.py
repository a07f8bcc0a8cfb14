"""Newsletter: compose the day's digest, render it (Jinja2 + premailer), build the message.

``compose`` (items, subject), ``render`` (HTML and text parts, inlined CSS), ``message``
(the RFC 5322 message and its headers), ``preview`` (screenshots in headless Chromium).
"""

from digest.newsletter.compose import compose_digest, subject_line
from digest.newsletter.message import build_message
from digest.newsletter.render import Brand, render_digest

__all__ = ["Brand", "build_message", "compose_digest", "render_digest", "subject_line"]
