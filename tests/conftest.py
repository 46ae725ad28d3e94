"""Shared helpers: lint a string through the public classes, run the CLI in-process.

``lint_text`` builds exactly what the CLI builds (Settings → catalogue → RuleSet →
Linter) but from a string, so rule tests need no files. ``cli`` runs
``lint_corpus.cli.main`` in a chosen folder and captures its output.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from lint_corpus import cli as cli_module
from lint_corpus.config import Settings
from lint_corpus.document import Document
from lint_corpus.engine import Linter, SchemaMap
from lint_corpus.fix import fix_document
from lint_corpus.model import Finding
from lint_corpus.registry import RuleSet, load_catalogue
from lint_corpus.schema import LoadedSchema, load_schema

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"


def _find_seeds() -> Path | None:
    # CI clones the repo with shared/ beside it; a developer's tree has it at /work/shared.
    for candidate in (REPO.parent / "shared" / "seeds", Path("/work/shared/seeds")):
        if candidate.is_dir() and any(candidate.iterdir()):
            return candidate
    return None


SEEDS = _find_seeds()

# A clean news article (invented), shared by the tests that must leave prose alone.
ORCHESTRA = """The regional orchestra announced on Thursday that it will spend the coming season \
touring small towns that have not hosted a live concert in years.

Musicians will travel in two coaches and perform in school halls, churches and, where the \
weather allows, on village greens during the summer months.

The conductor said the idea came from a cellist who grew up in a farming valley and \
remembered waiting all year for the one visiting ensemble.

Tickets will cost the same as a cinema seat, and children under twelve will be admitted free \
at every stop of the tour.
"""
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def make_settings(**overrides) -> Settings:
    settings = Settings(root=Path.cwd())
    for key, value in overrides.items():
        setattr(settings, key, value)
    return settings


def make_linter(select=None, schema=None, settings: Settings | None = None,
                plugins: bool = False) -> Linter:
    settings = settings or make_settings()
    if select is not None:
        settings.select = list(select)
    catalogue = load_catalogue(settings, plugins=plugins)
    ruleset = RuleSet(catalogue, settings)
    schemas = None
    if schema is not None:
        schemas = SchemaMap(settings)
        schemas.default = schema if isinstance(schema, LoadedSchema) else load_schema(str(schema))
    return Linter(settings, ruleset, schemas)


def to_document(text: str | bytes, path: str = "doc.md") -> Document:
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
    return Document.from_bytes(data, path)


def lint_text(text: str | bytes, path: str = "doc.md", select=None, schema=None,
              settings: Settings | None = None) -> list[Finding]:
    """Findings for one document given as text (or bytes), sorted as the CLI sorts them.

    ``select`` is a list of selectors (default: the default rule set); ``schema`` a
    built-in schema name, a path or a ``LoadedSchema``.
    """
    linter = make_linter(select, schema, settings)
    return linter.lint(to_document(text, path))


def fix_text(text: str | bytes, path: str = "doc.md", select=None, schema=None,
             unsafe: bool = False) -> str:
    """The text after ``fix`` (to the fixpoint), as the CLI would compute it."""
    linter = make_linter(select, schema)
    doc = to_document(text, path)
    return fix_document(doc, linter.lint, unsafe=unsafe).text


def located(findings: list[Finding]) -> list[tuple[str, int, int]]:
    """(code, line, column) of each finding: what most assertions compare."""
    return [(f.code, f.line, f.column) for f in findings]


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def key_paths(data, prefix=""):
    """Every key path of a YAML mapping ("related.0.title"), nested lists included."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield f"{prefix}{key}"
            yield from key_paths(value, f"{prefix}{key}.")
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from key_paths(item, f"{prefix}{i}.")


def write_schema(folder: Path, schema: dict, name: str = "schema.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(schema), encoding="utf-8")
    return path


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``lint-corpus ARGS`` in-process inside ``cwd``; returns a CliResult."""

    def run(args: list[str], cwd: Path | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()  # drop anything printed before
        code = cli_module.main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def run_cli(cli):
    """The same helper under the name the test plan uses."""
    return cli


@pytest.fixture
def python_exe() -> str:
    return sys.executable
