"""Configuration a deployer sets: the send rate and the database URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.dialogue import Engine
from bot.settings import Settings
from bot.telegram.app import build_application
from tests.e2e.harness import TOKEN


def _settings(tmp_path: Path, **extra: object) -> Settings:
    return Settings(
        telegram_bot_token=TOKEN,
        optout_data_dir=tmp_path,
        _env_file=None,  # type: ignore[call-arg]
        **extra,
    )


@pytest.mark.parametrize(("value", "limit"), [(None, 30.0), ("12.5", 12.5), ("0", None)])
def test_telegram_send_rate_sets_the_overall_limit(
    value: str | None, limit: float | None, tmp_path: Path, kb, monkeypatch: pytest.MonkeyPatch
) -> None:
    if value is not None:
        monkeypatch.setenv("TELEGRAM_SEND_RATE", value)
    app = build_application(_settings(tmp_path), Engine(kb), store=None, schedule_jobs=False)  # type: ignore[arg-type]
    limiter = app.bot.rate_limiter._base_limiter  # type: ignore[union-attr]
    assert (limiter.max_rate if limiter else None) == limit  # 0: no overall limit at all


def test_a_negative_send_rate_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_SEND_RATE", "-1")
    with pytest.raises(ValidationError):
        _settings(tmp_path)


def test_the_database_url_is_secret_and_optional(tmp_path: Path) -> None:
    assert _settings(tmp_path).database_url() is None
    url = "postgresql://optout:pw@db/optout"
    configured = _settings(tmp_path, optout_database_url=url)
    assert configured.database_url() == url
    assert "pw" not in repr(configured)


def test_a_cache_directory_given_in_dot_env_is_where_the_build_cache_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cache import BuildCache

    monkeypatch.setenv("OPTOUT_CACHE_DIR", "")  # recorded, so what export sets is undone after
    monkeypatch.delenv("OPTOUT_CACHE_DIR")
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(f"OPTOUT_CACHE_DIR={tmp_path / 'kept'}\n", encoding="utf-8")
    Settings().export_cache_dir()
    assert BuildCache.default().directory == tmp_path / "kept"


def test_the_environment_wins_over_dot_env_for_the_cache_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cache import BuildCache

    monkeypatch.setenv("OPTOUT_CACHE_DIR", str(tmp_path / "from-env"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(f"OPTOUT_CACHE_DIR={tmp_path / 'kept'}\n", encoding="utf-8")
    Settings().export_cache_dir()
    assert BuildCache.default().directory == tmp_path / "from-env"
