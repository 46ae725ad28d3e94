"""The rule catalogue in docs/ is generated from the rules' own documentation."""

from __future__ import annotations

from pathlib import Path

from lint_corpus.config import Settings
from lint_corpus.docs import catalogue_page
from lint_corpus.registry import load_catalogue

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_docs_rules_md_is_up_to_date():
    expected = catalogue_page(load_catalogue(Settings(), plugins=False))
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/rules.md is stale: regenerate it with "
        "`python -m lint_corpus rules --isolated --format markdown --page > docs/rules.md`")


def test_every_rule_documents_the_four_sections():
    for rule in load_catalogue(Settings(), plugins=False).values():
        for section in ("## What it does", "## Why it matters", "## Example", "## Fix safety"):
            assert section in rule.explanation, (rule.code, section)
