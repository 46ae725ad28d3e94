"""``json`` (one array) and ``json-lines`` (one object a line)."""

from __future__ import annotations

import json
from typing import TextIO

from lint_corpus.model import Finding, Rule


def report_json(findings: list[Finding], catalogue: dict[str, Rule], out: TextIO) -> None:
    json.dump([f.to_dict() for f in findings], out, ensure_ascii=False, indent=2)
    out.write("\n")


def report_json_lines(findings: list[Finding], catalogue: dict[str, Rule], out: TextIO) -> None:
    for f in findings:
        out.write(json.dumps(f.to_dict(), ensure_ascii=False))
        out.write("\n")
