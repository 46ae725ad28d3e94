"""SARIF 2.1.0, with rule metadata taken from the rules' own documentation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from lint_corpus import __version__
from lint_corpus.jsonl import split_record_path
from lint_corpus.model import Finding, Rule, Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule_descriptor(rule: Rule) -> dict:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": rule.explanation, "markdown": rule.explanation},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"fix": str(rule.fix), "origin": rule.origin},
    }


def build(findings: list[Finding], catalogue: dict[str, Rule]) -> dict:
    codes = sorted({f.code for f in findings} | set(catalogue))
    rules = [catalogue[c] for c in codes if c in catalogue]
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    for f in findings:
        path, record = split_record_path(f.path)
        message = f.message
        if record is not None:  # a JSONL record: its line of the file
            region = {"startLine": record}
            message = f"{f.message} ({f.path}:{f.line}:{f.column})"
        else:
            region = {"startLine": f.line, "startColumn": f.column}
            if (f.end_line, f.end_column) > (f.line, f.column):
                region.update(endLine=f.end_line, endColumn=f.end_column)
        result = {
            "ruleId": f.code,
            "level": _LEVEL[f.severity],
            "message": {"text": message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": quote(path), "uriBaseId": "%SRCROOT%"},
                "region": region,
            }}],
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.fix is not None:
            result["properties"] = {"fix": {"applicability": str(f.fix.applicability),
                                            "description": f.fix.description}}
        results.append(result)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "lint-corpus",
                "version": __version__,
                "informationUri": "https://github.com/lint-corpus/lint-corpus",
                "rules": [_rule_descriptor(r) for r in rules],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def report(findings: list[Finding], catalogue: dict[str, Rule], out: TextIO) -> None:
    json.dump(build(findings, catalogue), out, ensure_ascii=False, indent=2)
    out.write("\n")
