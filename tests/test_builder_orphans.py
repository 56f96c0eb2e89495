"""A matcher builder started by the bot does not outlive a bot killed with SIGKILL (issue 11:
the kill-9 tests left nine of them running per test run)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PARENT = """
import sys, threading
from pathlib import Path
from bot.knowledge.services import DEFAULT_DIR, _build_apart
def start():
    child = _build_apart(DEFAULT_DIR, Path(sys.argv[1]), ["de", "fr", "es", "it", "pt"])
    print(child.pid, flush=True)
    child.wait()
thread = threading.Thread(target=start)
thread.start()
thread.join()
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:  # a zombie is dead, whoever reaps it
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(sys.platform != "linux", reason="parent-death signal is Linux's")
def test_a_builder_dies_with_the_bot_that_started_it(tmp_path: Path) -> None:
    root = str(Path(__file__).resolve().parents[1])
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path / "cache")],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": root},
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    assert _alive(child)  # building five languages from an empty cache takes many seconds
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    for _ in range(600):  # polls the process table; the count bounds a hang, not a timing
        if not _alive(child):
            break
        time.sleep(0.05)
    else:
        os.kill(child, signal.SIGKILL)
        pytest.fail("the builder kept running after the bot was killed")
