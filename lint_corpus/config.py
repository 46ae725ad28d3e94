"""Configuration: ``lint-corpus.toml``, ``.lint-corpus.toml`` or ``pyproject.toml``.

The first of these found in the working folder or above it is used
(``[tool.lint-corpus]`` in pyproject.toml, top-level keys in the others). CLI flags
override it. Paths in a config file are relative to that file's folder.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from lint_corpus.errors import ConfigError
from lint_corpus.model import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = ("lint-corpus.toml", ".lint-corpus.toml", "pyproject.toml")
DEFAULT_INCLUDE = ["*.md", "*.markdown", "*.txt"]
DEFAULT_EXCLUDE = [".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
                   ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
                   ".lint-corpus-cache", "build", "dist", "site-packages"]
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


@dataclass
class Settings:
    root: Path = field(default_factory=Path.cwd)  # paths in the config are relative to this
    config_path: Path | None = None
    paths: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = field(default_factory=list)
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    schema: str | None = None
    schemas: dict[str, str] = field(default_factory=dict)
    packs: list[str] = field(default_factory=list)
    builtin_packs: bool = True
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    html_fields: list[str] = field(default_factory=lambda: ["featuredContent", "content"])
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # per-rule options

    @property
    def all_excludes(self) -> list[str]:
        return self.exclude + self.extend_exclude


_KEY_TYPES: dict[str, Any] = {
    "paths": list, "include": list, "exclude": list, "extend-exclude": list,
    "select": list, "extend-select": list, "ignore": list, "per-file-ignores": dict,
    "severity": dict, "schema": str, "schemas": dict, "packs": list, "builtin-packs": bool,
    "max-file-size": (int, str), "html-fields": list, "rules": dict,
}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.I)


def parse_size(value: int | str, where: str = "max-file-size") -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _SIZE.match(str(value))
    if not match:
        raise ConfigError(f"{where}: {value!r} is not a size (try 5000000, '5MB' or '512KiB')")
    number = float(match.group(1))
    unit = (match.group(2) or "b").lower()[:1]
    factor = {"b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit]
    size = int(number * factor)
    if size < 1:  # a limit of 0 would skip every non-empty file: never what was meant
        raise ConfigError(f"{where}: {value!r} is not a size (try 5000000, '5MB' or '512KiB')")
    return size


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_table(candidate):
                    continue
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        # Another tool's broken file is not ours to judge; a broken table of ours must
        # not be skipped in silence (loading it reports where the TOML breaks).
        return "tool.lint-corpus" in text
    return "lint-corpus" in data.get("tool", {})


def load_settings(config: Path | None = None, *, isolated: bool = False,
                  cwd: Path | None = None) -> Settings:
    cwd = cwd or Path.cwd()
    if isolated:
        return Settings(root=cwd)
    path = config if config is not None else find_config(cwd)
    if path is None:
        return Settings(root=cwd)
    if not path.is_file():
        raise ConfigError(f"config file {path}: not found")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("lint-corpus", {})
    return settings_from_mapping(data, path)


def settings_from_mapping(data: dict[str, Any], path: Path | None) -> Settings:
    where = str(path) if path else "settings"
    settings = Settings(root=path.parent.resolve() if path else Path.cwd(), config_path=path)
    for key, value in data.items():
        expected = _KEY_TYPES.get(key)
        if expected is None:
            known = ", ".join(sorted(_KEY_TYPES))
            raise ConfigError(f"{where}: unknown key {key!r} (known keys: {known})")
        if not isinstance(value, expected):
            raise ConfigError(f"{where}: {key!r} has the wrong type "
                              f"({type(value).__name__}); see the README's configuration table")
        attr = key.replace("-", "_")
        if key == "severity":
            value = _parse_severities(value, where)
        elif key == "max-file-size":
            value = parse_size(value, f"{where}: max-file-size")
        elif key == "per-file-ignores":
            value = {str(k): _str_list(v, f"{where}: per-file-ignores[{k!r}]")
                     for k, v in value.items()}
        elif key in ("schemas",):
            value = {str(k): str(v) for k, v in value.items()}
        elif isinstance(value, list):
            value = _str_list(value, f"{where}: {key}")
        setattr(settings, attr, value)
    return settings


def _str_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return list(value)


def _parse_severities(value: dict[str, Any], where: str) -> dict[str, Severity]:
    out = {}
    for selector, level in value.items():
        try:
            out[str(selector)] = Severity.parse(str(level))
        except ValueError as exc:
            raise ConfigError(f"{where}: severity[{selector!r}]: {exc}") from None
    return out


SETTING_NAMES = {f.name for f in fields(Settings)}
