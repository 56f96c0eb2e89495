"""A one-shot `optout-bot ask` loads only what answering needs: not python-telegram-bot or its
HTTP client, and, with the build cache filled, not what builds a matcher."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("telegram", "aiohttp", "sklearn", "scipy", "spellchecker")
PROBE = (
    "import json, sys; from bot.cli import main; "
    "main(['ask', '--json', 'how do i stop instagram ai training']); "
    f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"
)


def test_ask_imports_no_telegram_library_and_no_matcher_builder(tmp_path: Path) -> None:
    # a build cache of its own: tests running beside it load other knowledge bases into the
    # shared one, whose linear model (fitted with scikit-learn) then belongs to another pool
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OPTOUT_CACHE_DIR": str(tmp_path)}
    subprocess.run(  # fills the build cache, as any earlier answered question would have
        [sys.executable, "-m", "bot", "ask", "how do i stop facebook ai training"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    *answer, loaded = done.stdout.strip().splitlines()
    assert json.loads(answer[-1])["goal"] == "stop_training"
    assert json.loads(loaded) == []
