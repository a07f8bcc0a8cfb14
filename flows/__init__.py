"""Prefect flows: thin wrappers that turn the ``digest`` stages into tasks and flows."""
