"""``path:line:col: CODE message`` lines, then a summary."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from lint_corpus.model import Applicability, Finding, Rule


def report(findings: list[Finding], catalogue: dict[str, Rule], out: TextIO) -> None:
    # One write per batch: a call per finding cost more than formatting it.
    out.write("".join(
        f"{f.path}:{f.line}:{f.column}: {f.code}"
        f"{' [*]' if f.fix is not None and f.fix.applicability is Applicability.SAFE else ''}"
        f" {f.message}\n" for f in findings))


def summary(findings: list[Finding], files: int, out: TextIO) -> None:
    if not findings:
        out.write(f"All checks passed ({files} file{'s' if files != 1 else ''}).\n")
        return
    by_severity = Counter(str(f.severity) for f in findings)
    parts = ", ".join(f"{by_severity[s]} {s}{'s' if by_severity[s] != 1 else ''}"
                      for s in ("error", "warning", "info") if by_severity[s])
    safe = sum(1 for f in findings if f.fix and f.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for f in findings if f.fix and f.fix.applicability is Applicability.UNSAFE)
    n = len(findings)
    out.write(f"Found {n} finding{'s' if n != 1 else ''} ({parts}) in {files} "
              f"file{'s' if files != 1 else ''}.\n")
    if safe:
        out.write(f"[*] {safe} fixable with `lint-corpus fix`.\n")
    if unsafe:
        out.write(f"{unsafe} more fixable with `lint-corpus fix --unsafe-fixes`.\n")


def statistics(findings: list[Finding], catalogue: dict[str, Rule], out: TextIO) -> None:
    counts = Counter(f.code for f in findings)
    fixable = Counter(f.code for f in findings
                      if f.fix and f.fix.applicability is Applicability.SAFE)
    width = max((len(str(c)) for c in counts.values()), default=1)
    for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = catalogue.get(code)
        name = rule.name if rule else ""
        mark = "[*]" if fixable[code] else "   "
        out.write(f"{count:>{width}}\t{code}\t{mark} {name}\n")
