"""YAML files as the knowledge base and the catalogues are written: a key given twice is an error,
and only `true`/`false` are booleans.

Plain YAML keeps the last of two equal keys without a word, so a card text, a message or a
synonym list written twice in the same mapping silently loses one of them. And YAML 1.1 reads
the words yes, no, on, off (and y, n) as booleans: in a word list ("stop: [turn off, off]",
"stopwords: [no, on]") they silently stopped being words. Here they stay strings, as YAML 1.2
reads them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.resolver import Resolver

# libyaml's parser where PyYAML has it (its wheels do): the YAML read at start-up parses ~8x
# faster. Mappings are still built by the Python constructor below, so the check stays.
try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


_BOOL = "tag:yaml.org,2002:bool"
_YAML12_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class _StrictLoader(_SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":  # `<<: *base` may be overridden
                continue
            key = self.construct_object(key_node, deep=deep)
            try:
                repeated = key in seen
            except TypeError:  # an unhashable key: the SafeLoader itself reports it
                continue
            if repeated:
                raise ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"the key {key!r} appears twice",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


# YAML 1.1's implicit resolvers without its booleans; YAML 1.2's true/false added back.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(_BOOL, _YAML12_BOOL, list("tTfF"))


def load_yaml(path: Path | str) -> Any:
    """The file's data; `yaml.YAMLError` for bad YAML or a repeated key, with the line."""
    with Path(path).open(encoding="utf-8") as stream:  # a stream: errors name the file
        return yaml.load(stream, Loader=_StrictLoader)
