"""Prefect flows: thin wrappers that turn the ``digest`` stages into tasks and flows."""

from flows.runtime import quiet_ephemeral_server

quiet_ephemeral_server()
