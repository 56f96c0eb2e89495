"""Start-up: load the due index, repair it where files disagree, and sweep crash leftovers.

Reads 4,096 index shards and lists the leaf directories; user files are read only for shards
that are missing, corrupt or disagree with the directory, and for keys left in the journal.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from pathlib import Path

from bot.store.due_index import KEY_RE, SHARD_FILE_RE, DueIndex, Entry
from bot.store.files import CorruptFileError, fsync_dir
from bot.store.journal import FILE_RE as JOURNAL_RE
from bot.store.records import UserFiles

log = logging.getLogger(__name__)

_HEX2_RE = re.compile(r"[0-9a-f]{2}")
_HEX1_RE = re.compile(r"[0-9a-f]")


def _unlink(path: str | Path) -> bool:
    with contextlib.suppress(OSError):
        os.unlink(path)
        return True
    return False


def recover(files: UserFiles, index: DueIndex) -> int:
    """Bring the index in line with the user files; returns the next journal generation."""
    bad: set[str] = set()
    journals: list[tuple[int, Path]] = []
    with os.scandir(index.dir) as it:
        for e in it:
            if m := SHARD_FILE_RE.fullmatch(e.name):
                try:
                    entries = index.read_shard(Path(e.path), m[1])
                except (CorruptFileError, OSError) as exc:
                    reason = str(exc) if isinstance(exc, CorruptFileError) else "unreadable"
                    files.quarantine.move(Path(e.path), f"index shard {m[1]}", reason)
                    bad.add(m[1])
                    continue
                index.replace_shard(m[1], entries)
            elif m := JOURNAL_RE.fullmatch(e.name):
                journals.append((int(m[1]), Path(e.path)))
            elif e.name.endswith(".tmp"):
                _unlink(e.path)

    for leftover in files.root.glob("*.tmp"):
        _unlink(leftover)
    on_disk, swept = _scan_users(files)
    stale = {s for s in set(on_disk) | index.shards() if index.keys_in(s) != on_disk.get(s, set())}
    rebuild = stale | bad
    for shard in sorted(rebuild):
        _rebuild_shard(files, index, shard, on_disk.get(shard, set()))
    if rebuild:
        log.warning(
            "rebuilt %d due-index shard(s) from user files (%d corrupt, %d out of step)",
            len(rebuild),
            len(bad),
            len(rebuild - bad),
        )

    pending: set[str] = set()
    for _, path in journals:
        with contextlib.suppress(OSError):
            raw = path.read_bytes().decode("ascii", "replace")
            pending.update(k for k in raw.split("\n") if KEY_RE.fullmatch(k))
    dirty: set[str] = set()
    for key in pending:
        if key[:3] in rebuild:
            continue
        loaded = files.read(key, None)
        if index.set(key, None if loaded is None else index.safe_entry(*loaded)):
            dirty.add(key[:3])
    for shard in dirty:
        index.write_shard(shard)
    for _, path in journals:
        os.unlink(path)
    if journals:
        fsync_dir(index.dir)
    if swept or dirty:
        log.info(
            "crash recovery: removed %d temp file(s), repaired %d index entr(ies)",
            swept,
            len(dirty),
        )
    return max((g for g, _ in journals), default=-1) + 1


def _scan_users(files: UserFiles) -> tuple[dict[str, set[str]], int]:
    """List user keys per shard from directory names alone; delete crash temp files."""
    found: dict[str, set[str]] = {}
    swept = 0
    with os.scandir(files.dir) as tops:
        top_dirs = [
            t for t in tops if _HEX2_RE.fullmatch(t.name) and t.is_dir(follow_symlinks=False)
        ]
    for top in top_dirs:
        with os.scandir(top.path) as leaves:
            leaf_dirs = [
                d for d in leaves if _HEX1_RE.fullmatch(d.name) and d.is_dir(follow_symlinks=False)
            ]
        for leaf in leaf_dirs:
            shard = top.name + leaf.name
            files.leaves.add(shard)
            keys: set[str] = set()
            with os.scandir(leaf.path) as entries:
                for f in entries:
                    stem, _, ext = f.name.partition(".")
                    if ext == "tmp":
                        swept += _unlink(f.path)
                    elif ext == "json" and KEY_RE.fullmatch(stem) and stem.startswith(shard):
                        keys.add(stem)
            if keys:
                found[shard] = keys
    return found, swept


def _rebuild_shard(files: UserFiles, index: DueIndex, shard: str, keys: set[str]) -> None:
    entries: dict[str, Entry] = {}
    for key in sorted(keys):
        loaded = files.read(key, None)
        if loaded is not None:
            entries[key] = index.safe_entry(*loaded)
    index.replace_shard(shard, entries)
    index.write_shard(shard)


def rehome(files: UserFiles) -> None:
    """After the secret was lost, rename every user file to its name under the new secret."""
    paths = sorted(files.dir.glob("*/*/*.json"))
    if not paths:
        return
    moved = 0
    for path in paths:
        uid = files.uid_in(path)
        label = f"user file {path.stem[:12]}"
        if uid is None:
            files.quarantine.move(path, label, "unreadable while renaming")
            continue
        key = files.key(uid)
        target = files.path(key)
        if target == path:
            continue
        files.ensure_leaf(key)
        if target.exists():
            files.quarantine.move(path, label, "duplicate while renaming")
            continue
        os.replace(path, target)
        moved += 1
    log.error(
        "store secret was missing or damaged: created a new one, renamed %d user files", moved
    )
