"""Configuration from the environment (or a `.env` file); names are fixed by product.md."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_API = "https://api.telegram.org"
_TOKEN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,100}$")


class ConfigError(Exception):
    """A one-line, user-facing configuration problem (never contains the token)."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str = TELEGRAM_API
    optout_data_dir: Path = Path("./data")
    optout_database_url: SecretStr | None = None  # postgresql://…: PostgreSQL, not the data dir
    optout_retention_days: int = Field(365, ge=1)
    optout_cache_dir: Path | None = None  # read by bot/cache.py from the environment
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    port: int = Field(8443, ge=1, le=65535)
    # Telegram's overall limit; 0 lifts it (a self-hosted or local Bot API server)
    telegram_send_rate: float = Field(30.0, ge=0)
    log_level: str = "INFO"

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(v) for v in value.replace(";", ",").split(",") if v.strip()]
        if isinstance(value, int):
            return [value]
        return value

    def token(self) -> str:
        """The bot token, checked for shape; raises ConfigError with a one-line message."""
        raw = self.telegram_bot_token.get_secret_value().strip() if self.telegram_bot_token else ""
        if not raw:
            raise ConfigError("TELEGRAM_BOT_TOKEN is not set (put it in the environment or .env).")
        if not _TOKEN.match(raw):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (expected digits, a colon, "
                "then letters; get one from @BotFather)."
            )
        return raw

    def export_cache_dir(self) -> None:
        """Put an OPTOUT_CACHE_DIR given in .env into the environment, where the build cache
        (bot/cache.py) and the matcher builders it starts look for it: before, a .env line for it
        was silently ignored."""
        if self.optout_cache_dir is not None:
            os.environ.setdefault("OPTOUT_CACHE_DIR", str(self.optout_cache_dir))

    def database_url(self) -> str | None:
        """OPTOUT_DATABASE_URL, or None: the data directory is the store."""
        url = self.optout_database_url
        return (url.get_secret_value().strip() or None) if url else None

    def api_urls(self) -> tuple[str, str]:
        """(base_url, base_file_url) for python-telegram-bot; the token is appended by it."""
        base = self.telegram_base_url.rstrip("/")
        if base.endswith("/bot"):
            base = base[: -len("/bot")]
        return f"{base}/bot", f"{base}/file/bot"
