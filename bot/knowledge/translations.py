"""Translations kept beside the English knowledge, one directory per language.

`knowledge/translations/<lang>/` mirrors the files that hold texts: `cards/<file>.yaml`
(`cards: {card id: texts}`), `checklist.yaml` (`items: {item id: texts}`) and `letters.yaml`
(`letters: {letter id: texts}`). Each block is what the English file has under `en:` for that
record. Before the records are validated, every block is put under its language key, so a
translation is validated exactly like English (the same fields, the same placeholders) and a
translator works in files of their own, as datarequests.org keeps one catalogue per language.
Translations are not facts: sources, conditions and paths' platforms stay in the English file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.i18n import languages
from bot.yamlfile import load_yaml

TRANSLATIONS = "translations"

Blocks = dict[str, dict[str, Any]]  # record id → language → texts
Errors = list[tuple[str, str]]  # (file, message): the loader turns them into its problems


def read_translations(directory: Path, original: Path, section: str, errors: Errors) -> Blocks:
    """The translated blocks for the records in `section` of `original` (under `directory`)."""
    relative = original.relative_to(directory)
    blocks: Blocks = {}
    root = directory / TRANSLATIONS
    if not root.is_dir():
        return blocks
    for language_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        language = language_dir.name
        path = language_dir / relative
        if not path.exists():
            continue
        if language not in languages():
            errors.append((str(path), f"{language!r} is not a language of bot/locales"))
            continue
        try:
            data = load_yaml(path) or {}
        except (OSError, yaml.YAMLError) as exc:
            errors.append((str(path), f"cannot read YAML: {exc}"))
            continue
        records = data.get(section) if isinstance(data, dict) else None
        if not isinstance(records, dict):
            errors.append((str(path), f"needs a `{section}:` mapping of ids"))
            continue
        for record_id, texts in records.items():
            blocks.setdefault(str(record_id), {})[language] = texts
    return blocks


def merge_translations(
    directory: Path,
    original: Path,
    section: str,
    records: list[dict[str, Any]] | dict[str, dict[str, Any]],
    errors: Errors,
) -> None:
    """Put each translated block under its language key in the English records (in place).

    A block for a record English does not have, or for a language the English file already
    writes inline, is an error: it would be read nowhere or twice.
    """
    blocks = read_translations(directory, original, section, errors)
    if not blocks:
        return
    keyed = (
        {str(r.get("id")): r for r in records if isinstance(r, dict)}
        if isinstance(records, list)
        else {k: r for k, r in records.items() if isinstance(r, dict)}
    )
    where = str(directory / TRANSLATIONS / "<lang>" / original.relative_to(directory))
    for rid, translated in blocks.items():
        record = keyed.get(rid)
        if record is None:
            errors.append((where, f"translation of unknown record {rid!r}"))
            continue
        for language, texts in translated.items():
            if language in record:
                errors.append((where, f"{rid!r}: {language!r} is also written inline"))
                continue
            record[language] = texts
