"""All settings, read once from ``DIGEST_*`` environment variables and ``.env``.

Build one :class:`Settings` at the edge (CLI or flow) and pass it down; no other module reads the
environment. Every field is documented in ``.env.example``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from digest.errors import ConfigError
from digest.text.safety import safe_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="DIGEST_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
        populate_by_name=True,
    )

    # Where articles come from and where the digest goes.
    sources: Annotated[list[str], NoDecode] = Field(default_factory=lambda: ["seeds"])
    outbox: Path = Path("outbox")
    state_dir: Path = Path(".digest-state")
    run_lock_wait: float = Field(default=30.0, ge=0, le=86400)
    templates_dir: Path = PROJECT_ROOT / "email_templates"

    # Selection.
    window_hours: float = Field(default=24, ge=0)
    max_per_source: int = Field(default=0, ge=0)

    # Fetching feeds and pages.
    http_timeout: float = Field(default=15.0, gt=0, le=300)
    http_max_bytes: int = Field(default=5_000_000, ge=10_000)
    user_agent: str = "digest/0.1 (newsletter digest pipeline)"
    teaser_words: int = Field(default=120, ge=0)
    http_deadline: float = Field(default=30.0, gt=0, le=600)
    http_allow_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_feed_entries: int = Field(default=200, ge=1, le=100_000)
    max_article_chars: int = Field(default=100_000, ge=1_000, le=10_000_000)

    # Orchestration.
    batch_size: int = Field(default=25, ge=1, le=1000)
    task_runner: Literal["thread", "dask"] = "thread"
    workers: int | None = Field(default=None, ge=0, le=64)
    dask_address: str | None = None
    schedule_cron: str = "0 6 * * *"

    # Delivery.
    delivery: Literal["outbox", "smtp"] = "outbox"
    subscribers: Path | None = None
    unsubscribe_mailto: str | None = None
    smtp_host: str = "localhost"
    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    smtp_security: Literal["none", "starttls", "ssl"] = "starttls"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_ca_file: Path | None = None
    smtp_timeout: float = Field(default=30.0, gt=0, le=600)
    smtp_retries: int = Field(default=3, ge=0, le=20)
    smtp_backoff: float = Field(default=2.0, ge=0, le=600)
    smtp_rate: float = Field(default=0.0, ge=0)
    smtp_max_connect_failures: int = Field(default=3, ge=1, le=1000)
    dkim_key_file: Path | None = None
    dkim_selector: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    dkim_domain: str | None = Field(default=None, pattern=r"^[A-Za-z0-9.-]+\.[A-Za-z]{2,63}$")

    # The web app (sign-up, confirmation, unsubscribe, archive) and its signed links.
    public_url: str = "http://127.0.0.1:8000"
    secret_key: SecretStr | None = None
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8000, ge=1, le=65535)
    confirm_hours: float = Field(default=48, gt=0, le=24 * 30)
    subscribe_rate: int = Field(default=5, ge=1, le=1000)

    # Content.
    summarizer: str = "default"
    summary_sentences: int = Field(default=3, ge=1, le=10)
    summary_max_words: int = Field(default=100, ge=10, le=1000)
    max_quotes: int = Field(default=3, ge=0, le=10)
    max_items: int = Field(default=20, ge=1, le=200)

    # The newsletter's identity.
    newsletter_name: str = "The Morning Digest"
    tagline: str = "What you need to know, summarized in one email."
    from_address: str = Field(default="The Morning Digest <digest@localhost>", alias="DIGEST_FROM")
    to_address: str = Field(default="Subscribers <subscribers@localhost>", alias="DIGEST_TO")
    timezone: str = "UTC"
    web_url: str = "https://example.com/digest"
    unsubscribe_url: str = "https://example.com/unsubscribe"
    preferences_url: str = "https://example.com/preferences"
    postal_address: str = "The Morning Digest, 1 Example Street, Springfield, USA"
    brand_color: str = "#0b2545"
    accent_color: str = "#b3122e"
    logo_url: str | None = None
    show_images: bool = True
    sections: str = Field(default="none", pattern="^(none|source)$")
    html_budget_bytes: int = Field(default=90_000, ge=0)

    @field_validator("brand_color", "accent_color")
    @classmethod
    def _hex_colour(cls, value: str) -> str:
        import re

        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError("must be a colour like #0b2545")
        return value

    @field_validator("logo_url")
    @classmethod
    def _absolute_logo(cls, value: str | None) -> str | None:
        if value is not None and safe_url(value) is None:
            raise ValueError("must be an absolute http(s):// URL")
        return value

    @property
    def smtp_port_or_default(self) -> int:
        return self.smtp_port or {"none": 25, "starttls": 587, "ssl": 465}[self.smtp_security]

    @field_validator(
        "subscribers",
        "smtp_ca_file",
        "logo_url",
        "smtp_username",
        "unsubscribe_mailto",
        "secret_key",
        "dkim_key_file",
        "dkim_selector",
        "dkim_domain",
        mode="before",
    )
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("sources", "http_allow_hosts", mode="before")
    @classmethod
    def _split_sources(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("public_url")
    @classmethod
    def _public_base(cls, value: str) -> str:
        from urllib.parse import urlsplit

        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            raise ValueError("must be the app's base URL, like https://news.example.org")
        return value.rstrip("/")

    @field_validator("web_url", "unsubscribe_url", "preferences_url")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        if safe_url(value, mailto=True) is None:
            raise ValueError("must be an absolute http(s):// or mailto: URL")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"unknown time zone {value!r} (use an IANA name like Europe/Paris)"
            ) from exc
        return value


def load_settings(env_file: str | Path | None = ".env", **overrides: Any) -> Settings:
    """Read the settings once; turn validation errors into one readable :class:`ConfigError`."""
    clean = {key: value for key, value in overrides.items() if value is not None}
    try:
        return Settings(_env_file=env_file, **clean)  # type: ignore[call-arg]
    except ValidationError as exc:
        problems = "; ".join(
            f"DIGEST_{'_'.join(str(p) for p in err['loc']).upper().removeprefix('DIGEST_')}: "
            f"{err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(
            f"invalid settings ({problems}); fix them in .env or the environment"
        ) from exc
