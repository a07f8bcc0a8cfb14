"""Prefect flows: thin wrappers that turn the ``digest`` stages into tasks and flows."""

from flows.runtime import one_line_digest_errors, quiet_ephemeral_server

quiet_ephemeral_server()
one_line_digest_errors()
