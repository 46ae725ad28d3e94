"""Reporters: findings in, text out. One module per output format."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from lint_corpus.model import Finding, Rule
from lint_corpus.report import github, json_formats, sarif, text

Reporter = Callable[[list[Finding], dict[str, Rule], TextIO], None]

FORMATS: dict[str, Reporter] = {
    "text": text.report,
    "json": json_formats.report_json,
    "json-lines": json_formats.report_json_lines,
    "github": github.report,
    "sarif": sarif.report,
}
