"""Inline suppression comments.

In a body (HTML comments, as markdownlint does)::

    <!-- lint-corpus: disable-next-line CH001 -->
    <!-- lint-corpus: disable-line TXT004 -->      (on the line it silences)
    <!-- lint-corpus: disable CH001, DUP001 -->    ... <!-- lint-corpus: enable CH001 -->
    <!-- lint-corpus: disable-file SCH -->

In front matter the same directives are YAML comments::

    # lint-corpus: disable-next-line FM009
    published: 2020-12-07T16:22:00Z  # lint-corpus: disable-line FM009

Codes may be full codes, prefixes or rule names; no codes means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lint_corpus.registry import matches_selector

_DIRECTIVE = re.compile(
    r"(?P<opener><!--|#)[ \t]*lint-corpus:[ \t]*"
    r"(?P<verb>disable-next-line|disable-line|disable-file|disable|enable)\b"
    r"(?P<codes>[^\n>]*?)[ \t]*(?:-->|$)",
    re.M,
)
_SPLIT = re.compile(r"[\s,]+")
ALL = ("ALL",)


@dataclass
class Suppressions:
    file_wide: list[str] = field(default_factory=list)
    by_line: dict[int, list[str]] = field(default_factory=dict)  # 1-based line → selectors
    ranges: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)

    def suppresses(self, line: int, code: str, name: str) -> bool:
        if self.file_wide and matches_selector(self.file_wide, code, name):
            return True
        selectors = self.by_line.get(line)
        if selectors and matches_selector(selectors, code, name):
            return True
        for first, last, codes in self.ranges:
            if first <= line <= last and matches_selector(codes, code, name):
                return True
        return False


def find_suppressions(doc) -> Suppressions | None:
    text = doc.text
    if "lint-corpus:" not in text:
        return None  # the common case costs one substring search
    fm = doc.front_matter
    fm_span = (fm.content_start, fm.content_end) if fm is not None else (0, 0)
    found = Suppressions()
    open_ranges: dict[str, int] = {}
    last_line = doc.line_count
    for match in _DIRECTIVE.finditer(text):
        in_front_matter = fm_span[0] <= match.start() < fm_span[1]
        if (match.group("opener") == "#") != in_front_matter:
            continue  # "#" comments only count in YAML; HTML comments only outside it
        codes = tuple(c for c in _SPLIT.split(match.group("codes").strip()) if c) or ALL
        line = doc.line_index(match.start()) + 1
        verb = match.group("verb")
        if verb == "disable-file":
            found.file_wide.extend(codes)
        elif verb == "disable-line":
            found.by_line.setdefault(line, []).extend(codes)
        elif verb == "disable-next-line":
            target = _next_content_line(doc, line)
            found.by_line.setdefault(target, []).extend(codes)
        elif verb == "disable":
            for code in codes:
                open_ranges.setdefault(code, line)
        else:  # enable
            closing = list(open_ranges) if codes == ALL else codes
            for code in closing:
                start = open_ranges.pop(code, None)
                if start is not None:
                    found.ranges.append((start, line, (code,)))
    for code, start in open_ranges.items():
        found.ranges.append((start, last_line, (code,)))
    return found


def _next_content_line(doc, line: int) -> int:
    """The line after ``line`` that holds text (blank lines are skipped)."""
    for index in range(line, doc.line_count):
        if doc.line_text(index).strip():
            return index + 1
    return line + 1
