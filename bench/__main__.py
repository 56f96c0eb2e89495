"""`make bench`: every benchmark, each against its baseline measured in the same run.

python -m bench [--quick] [accuracy] [languages] [conversations] [storage] [throughput] [coldstart]
"""

from __future__ import annotations

import importlib
import sys
import time

SUITES = ("accuracy", "languages", "conversations", "storage", "throughput", "coldstart")


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    chosen = [a for a in argv if a in SUITES] or list(SUITES)
    results = {}
    for name in chosen:
        print(f"\n######## {name} ########", flush=True)
        started = time.perf_counter()
        module = importlib.import_module(f"bench.{name}")
        status = module.main(["--quick"] if quick else [])
        results[name] = (status, time.perf_counter() - started)
    print("\n######## summary ########")
    for name, (status, seconds) in results.items():
        print(f"{name:12} {'ok' if status == 0 else 'TARGET MISSED'}  ({seconds:.0f} s)")
    return 0 if all(status == 0 for status, _ in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
