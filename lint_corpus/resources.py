"""Where the built-in rule packs and schemas live.

A wheel carries them inside the package (``lint_corpus/_data``); a source checkout
or editable install reads the top-level ``rules/`` and ``schemas/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_dir(kind: str) -> Path:
    """The folder of built-in ``rules`` or ``schemas``."""
    shipped = _PACKAGE / "_data" / kind
    if shipped.is_dir():
        return shipped
    return _PACKAGE.parent / kind


def builtin_schemas() -> dict[str, Path]:
    """Schema name (file name without ``.schema.json``/``.json``) → path."""
    found: dict[str, Path] = {}
    folder = builtin_dir("schemas")
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            name = path.name
            for suffix in (".schema.json", ".json", ".schema.yaml", ".yaml"):
                if name.endswith(suffix):
                    found.setdefault(name[: -len(suffix)], path)
                    break
    return found


def builtin_packs() -> list[Path]:
    folder = builtin_dir("rules")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
