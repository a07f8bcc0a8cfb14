"""The web app (``digest web``): sign-up with double opt-in, signed one-click unsubscribe,
preferences, and the archive of delivered digests. A small Starlette ASGI app run by uvicorn;
it shares the state directory (subscribers, archive, signing key) with the runs."""

from digest.web.app import create_app

__all__ = ["create_app"]
