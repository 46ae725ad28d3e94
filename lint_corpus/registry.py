"""The rule catalogue and the selection of rules for a run.

Rules come from three places: the built-in families under ``lint_corpus/rules``,
third-party packages (entry-point group ``lint_corpus.rules``) and declarative YAML
packs (built-in ones from ``rules/``, more from ``packs`` in the config).

Selection works like ruff's: selectors are codes, code prefixes, rule names or
``ALL``; when ``select`` and ``ignore`` both match a rule, the more specific selector
wins, and on a tie ``ignore`` wins.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

from lint_corpus.config import Settings
from lint_corpus.errors import ConfigError, PackError
from lint_corpus.globs import GlobSet
from lint_corpus.model import Rule, Severity
from lint_corpus.packs import load_pack
from lint_corpus.resources import builtin_packs

BUILTIN_FAMILIES = ("encoding", "frontmatter", "schema", "text", "chrome", "trailing",
                    "duplicates", "html", "truncation", "tables", "internal")
ENTRY_POINT_GROUP = "lint_corpus.rules"
_PREFIX = re.compile(r"^[A-Z]{1,6}[0-9]{0,4}$")


def rules_in_module(module: ModuleType) -> list[Rule]:
    declared = getattr(module, "RULES", None)
    if declared is not None:
        return list(declared)
    return [value for value in vars(module).values() if isinstance(value, Rule)]


def builtin_rules() -> list[Rule]:
    rules: list[Rule] = []
    for family in BUILTIN_FAMILIES:
        rules.extend(rules_in_module(importlib.import_module(f"lint_corpus.rules.{family}")))
    return rules


def plugin_rules() -> list[Rule]:
    rules: list[Rule] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = ep.load()
        except Exception as exc:  # a broken plugin must not look like our bug
            raise ConfigError(f"plugin {ep.name} ({ep.value}): cannot be loaded: "
                              f"{type(exc).__name__}: {exc}") from None
        found = _rules_from(loaded)
        if not found:
            raise ConfigError(f"plugin {ep.name} ({ep.value}): provides no rules (expected a "
                              f"Rule, a list of rules, or a module defining them)")
        for rule in found:
            rule.origin = f"plugin {ep.name}"
        rules.extend(found)
    return rules


def _rules_from(obj) -> list[Rule]:
    if isinstance(obj, Rule):
        return [obj]
    if isinstance(obj, ModuleType):
        return rules_in_module(obj)
    if callable(obj) and not isinstance(obj, type):
        return _rules_from(obj())
    if isinstance(obj, Iterable):
        return [r for r in obj if isinstance(r, Rule)]
    return []


def pack_paths(settings: Settings) -> list[Path]:
    paths = builtin_packs() if settings.builtin_packs else []
    for entry in settings.packs:
        path = Path(entry).expanduser()
        if not path.is_absolute():
            path = settings.root / path
        if path.is_dir():
            paths.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        elif path.is_file():
            paths.append(path)
        else:
            raise PackError(f"rule pack {entry}: not found (looked at {path})")
    return paths


def load_catalogue(settings: Settings, *, plugins: bool = True) -> dict[str, Rule]:
    """Every known rule by code; two rules with one code is a configuration error."""
    catalogue: dict[str, Rule] = {}
    names: dict[str, str] = {}
    sources: list[Rule] = builtin_rules()
    if plugins:
        sources += plugin_rules()
    builtin = {p.resolve() for p in builtin_packs()} if settings.builtin_packs else set()
    for path in pack_paths(settings):
        rules = load_pack(path)
        if path.resolve() in builtin:
            for rule in rules:
                rule.origin = f"built-in pack {path.stem}"
        sources += rules
    for rule in sources:
        if rule.code in catalogue:
            raise ConfigError(f"rule code {rule.code} is defined twice: by "
                              f"{catalogue[rule.code].origin} and by {rule.origin}")
        if rule.name in names:
            raise ConfigError(f"rule name {rule.name!r} is used by both {names[rule.name]} "
                              f"and {rule.code}")
        catalogue[rule.code] = rule
        names[rule.name] = rule.code
    return dict(sorted(catalogue.items()))


def _specificity(selector: str, rule: Rule) -> int | None:
    if selector == "ALL":
        return 0
    if selector == rule.name:
        return 100
    if rule.code.startswith(selector):
        return len(selector)
    return None


def check_selectors(selectors: Iterable[str], catalogue: dict[str, Rule], where: str) -> None:
    for selector in selectors:
        if selector == "ALL":
            continue
        if not any(_specificity(selector, r) is not None for r in catalogue.values()):
            hint = "" if _PREFIX.match(selector) or re.fullmatch(r"[a-z0-9-]+", selector) \
                else " (selectors are codes, code prefixes, rule names or ALL)"
            raise ConfigError(f"{where}: unknown rule selector {selector!r}{hint}")


def _best(selectors: Iterable[str], rule: Rule) -> int:
    scores = [s for s in (_specificity(sel, rule) for sel in selectors) if s is not None]
    return max(scores, default=-1)


class RuleSet:
    """The selected rules, their severities and per-file ignores."""

    def __init__(self, catalogue: dict[str, Rule], settings: Settings) -> None:
        self.catalogue = catalogue
        check_selectors(settings.select or [], catalogue, "select")
        check_selectors(settings.extend_select, catalogue, "extend-select")
        check_selectors(settings.ignore, catalogue, "ignore")
        check_selectors(settings.severity, catalogue, "severity")
        for glob, selectors in settings.per_file_ignores.items():
            check_selectors(selectors, catalogue, f"per-file-ignores[{glob!r}]")
        enabled = []
        for rule in catalogue.values():
            if settings.select is None:
                chosen = 0 if rule.default_enabled else -1
            else:
                chosen = _best(settings.select, rule)
            chosen = max(chosen, _best(settings.extend_select, rule))
            if chosen >= 0 and _best(settings.ignore, rule) < chosen:
                enabled.append(rule)
        self.enabled: list[Rule] = enabled
        self.severities: dict[str, Severity] = {}
        for rule in catalogue.values():
            best, level = -1, rule.severity
            for selector, override in settings.severity.items():
                score = _specificity(selector, rule)
                if score is not None and score > best:
                    best, level = score, override
            self.severities[rule.code] = level
        self._per_file = [(GlobSet([glob]), selectors)
                          for glob, selectors in settings.per_file_ignores.items()]
        self._cache: dict[tuple[int, ...], list[Rule]] = {}

    def for_path(self, relpath: str) -> list[Rule]:
        hits = tuple(i for i, (globs, _) in enumerate(self._per_file) if globs.match(relpath))
        cached = self._cache.get(hits)
        if cached is None:
            ignored = [sel for i in hits for sel in self._per_file[i][1]]
            cached = [r for r in self.enabled if _best(ignored, r) < 0]
            self._cache[hits] = cached
        return cached

    @property
    def needs_corpus(self) -> bool:
        return any(rule.needs_corpus for rule in self.enabled)


def matches_selector(selectors: Iterable[str], code: str, name: str) -> bool:
    """For suppression comments: does any selector cover this rule?"""
    for selector in selectors:
        if selector == "ALL" or selector == name or code.startswith(selector):
            return True
    return False
