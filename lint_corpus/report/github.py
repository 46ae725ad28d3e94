"""GitHub Actions workflow commands: ``::error file=...,line=...::message``.

Escaping follows the runner's rules: in the message ``%``, CR and LF are
percent-encoded; in properties ``:`` and ``,`` are too.
"""

from __future__ import annotations

from typing import TextIO

from lint_corpus.jsonl import split_record_path
from lint_corpus.model import Finding, Rule, Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def report(findings: list[Finding], catalogue: dict[str, Rule], out: TextIO) -> None:
    for f in findings:
        path, record = split_record_path(f.path)
        if record is not None:  # a JSONL record: annotate its line of the file
            props = [f"file={escape_property(path)}", f"line={record}",
                     f"title={escape_property(f'{f.code} {f.rule}')}"]
            message = f"{f.code} {f.message} ({f.path}:{f.line}:{f.column})"
            out.write(f"::{_LEVEL[f.severity]} {','.join(props)}::{escape_data(message)}\n")
            continue
        props = [f"file={escape_property(f.path)}", f"line={f.line}", f"col={f.column}"]
        if f.end_line >= f.line:
            props.append(f"endLine={f.end_line}")
            if f.end_line == f.line and f.end_column > f.column:
                props.append(f"endColumn={f.end_column}")
        props.append(f"title={escape_property(f'{f.code} {f.rule}')}")
        out.write(f"::{_LEVEL[f.severity]} {','.join(props)}::"
                  f"{escape_data(f'{f.code} {f.message}')}\n")
