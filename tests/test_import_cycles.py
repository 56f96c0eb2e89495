"""`bot/` has no import cycle: modules can be read, tested and imported bottom-up.

A cycle hidden by an import inside a function works until someone moves that import; this walks
every module-level import instead (an import under `if TYPE_CHECKING:` or inside a function
does not run when the module is imported, so it does not count). Importing `a.b.c` runs the
`__init__` of `a` and `a.b` too, so those count as imported as well.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import bot

Graph = dict[str, set[str]]


def module_names(root: Path, package: str) -> dict[str, Path]:
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _run_at_import(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements that run when the module is imported (class bodies do; functions not)."""
    for node in body:
        yield node
        if isinstance(node, ast.If):
            if not _type_checking(node.test):
                yield from _run_at_import(node.body)
            yield from _run_at_import(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _run_at_import(block)
            for handler in node.handlers:
                yield from _run_at_import(handler.body)
        elif isinstance(node, ast.With | ast.ClassDef):
            yield from _run_at_import(node.body)


def _imported(name: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    is_package = path.name == "__init__.py"
    for node in _run_at_import(ast.parse(path.read_text(encoding="utf-8")).body):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield sub if sub in known else base


def import_graph(root: Path, package: str) -> Graph:
    """Module → the modules of `package` that importing it runs (module-level imports only)."""
    known = module_names(root, package)
    graph: Graph = {}
    for name, path in known.items():
        own = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
        targets: set[str] = set()
        for target in _imported(name, path, known):
            parts = target.split(".")
            for i in range(1, len(parts) + 1):  # a.b.c runs a and a.b first
                prefix = ".".join(parts[:i])
                if prefix in known and prefix not in own and prefix != name:
                    targets.add(prefix)
        graph[name] = targets
    return graph


def find_cycle(graph: Graph) -> list[str] | None:
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        return list(exc.args[1])
    return None


def test_bot_has_no_import_cycle() -> None:
    root = Path(bot.__file__).parent
    graph = import_graph(root, "bot")
    assert "bot.knowledge.services" in graph["bot.knowledge"], "the walk sees imports"
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def _package(tmp_path: Path, files: dict[str, str]) -> Graph:
    root = tmp_path / "pkg"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return import_graph(root, "pkg")


@pytest.mark.parametrize(
    "a_imports",
    [
        "from pkg.b import thing",
        "import pkg.b",
        "from . import b",
        "from .sub.c import thing",  # sub/__init__ imports b
        "try:\n    from pkg.b import thing\nexcept ImportError:\n    pass",
        "class A:\n    from pkg.b import thing",
    ],
)
def test_a_cycle_is_found(tmp_path: Path, a_imports: str) -> None:
    graph = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": a_imports + "\n",
            "b.py": "from pkg.a import x\n",
            "sub/__init__.py": "from pkg import b\n",
            "sub/c.py": "",
        },
    )
    assert find_cycle(graph) is not None


def test_imports_that_do_not_run_at_import_are_no_cycle(tmp_path: Path) -> None:
    graph = _package(
        tmp_path,
        {
            "__init__.py": "from pkg.a import x\n",
            "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import y\n"
            "x = 1\ndef f():\n    from pkg.b import y\n",
            "b.py": "from pkg.a import x\n",
            "sub/__init__.py": "from pkg.sub.c import z\n",
            "sub/c.py": "from pkg.sub import d\nz = 1\n",  # a parent package is already running
            "sub/d.py": "",
        },
    )
    assert graph["pkg.b"] == {"pkg.a"}  # pkg itself is running when pkg.b is imported
    assert find_cycle(graph) is None
