"""TOML front matter between ``+++`` lines, as Hugo and Zola write it.

Parsed with the standard library's ``tomllib`` (``tomli`` before Python 3.11). Its
values are validated against the same JSON Schema as YAML front matter, located by
their keys' lines (TOML has no node tree to carry source marks), and its lines are
never body text: no body rule reads or removes them.
"""

from __future__ import annotations

import datetime
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from lint_corpus.frontmatter import Block

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_OPENER = re.compile(r"\+\+\+[ \t]*(?:\r?\n|\Z)")
_CLOSER = re.compile(r"\n\+\+\+[ \t]*(?:\r?\n|\Z)")
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\r?\n|\Z)")
# tomllib's messages end with the place: "Invalid value (at line 3, column 9)".
_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)$")
_HEADER = re.compile(r"^[ \t]*\[", re.M)  # a "[table]" or "[[array]]" header

Span = tuple[int, int]  # document offsets, the "node" that schema locations use


@dataclass(slots=True)
class TomlError:
    offset: int  # into the document text
    message: str  # tomllib's wording, without its place


@dataclass
class TomlFrontMatter(Block):
    """A TOML front matter block, between ``+++`` lines."""

    @cached_property
    def parsed(self) -> tuple[dict[str, Any] | None, TomlError | None]:
        """(data, None), or (None, the error) when the block is not valid TOML."""
        try:
            return _as_json(tomllib.loads(self.content)), None
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            place = _PLACE.search(message)
            offset = self.content_start
            if place:
                line, column = int(place.group(1)), int(place.group(2))
                offset = self._line_start(line) + column - 1
                message = message[:place.start()].rstrip()
            return None, TomlError(min(offset, self.content_end), message)

    def schema_data(self) -> dict[str, Any] | None:
        return self.parsed[0]

    def _line_start(self, line: int) -> int:
        """Document offset of line ``line`` (1-based) of the block's content."""
        offset = self.content_start
        for _ in range(line - 1):
            newline = self.text.find("\n", offset, self.content_end)
            if newline < 0:
                return offset
            offset = newline + 1
        return offset

    # -- locations, in the interface the schema rules use for YAML nodes -------------

    def span(self, node: Span) -> Span:
        return node

    def lookup(self, path) -> tuple[Span | None, Span | None]:
        """(key span, value span) of the deepest key of ``path`` found in the text.

        A key is found on its ``key = value`` line among its table's own keys (the
        top of the block, or the lines under a ``[table]`` header); an array item is
        located at its array, a key inside an inline value at that value.
        """
        key_span = node = None
        region: Span | None = (self.content_start, self.content_end)
        for part in path:
            if not isinstance(part, str) or region is None:
                break
            found = self._find_key(region, part)
            if found is None:
                break
            key_span, node, region = found
        return key_span, node

    def key_node(self, node: Span | None, name: str) -> Span | None:
        found = self._find_key(node or (self.content_start, self.content_end), name)
        return found[0] if found else None

    def _find_key(self, region: Span, name: str) -> tuple[Span, Span, Span | None] | None:
        """(key span, value span, the table's region or None) of ``name`` in ``region``;
        a table's value is its region, from its header to the next."""
        start, end = region
        key = "(?:{0}|\"{0}\"|'{0}')".format(re.escape(name))
        own_header = _HEADER.match(self.text, start)
        if own_header is not None:  # a table's region starts at its header line
            newline = self.text.find("\n", start, end)
            start = end if newline < 0 else newline + 1
        header = _HEADER.search(self.text, start, end)
        own_keys_end = header.start() if header else end
        assignment = re.compile(rf"^[ \t]*({key})[ \t]*=[ \t]*(.*?)[ \t]*$", re.M)
        match = assignment.search(self.text, start, own_keys_end)
        if match is not None:
            return match.span(1), match.span(2), None
        table = re.compile(rf"^[ \t]*\[\[?[ \t]*(?:[^\]\n]*\.)?{key}[ \t]*\]\]?[ \t]*$",
                           re.M).search(self.text, start, end)
        if table is None:
            return None
        following = _HEADER.search(self.text, table.end(), end)
        section = (table.start(), following.start() if following else end)
        return table.span(), section, section


def split_toml_front_matter(text: str, start: int = 0) -> TomlFrontMatter | None:
    """Find a ``+++`` block opening the document. One never closed runs to the first
    blank line, where the body most likely starts."""
    if not text.startswith("+++", start):
        return None
    opener = _OPENER.match(text, start)
    if opener is None:
        return None
    content_start = opener.end()
    closer = _CLOSER.search(text, content_start - 1)
    if closer is not None:
        return TomlFrontMatter(text, start, content_start, closer.start() + 1, closer.end(),
                               True)
    blank = _BLANK_LINE.search(text, content_start - 1)
    end = blank.start() + 1 if blank else len(text)
    return TomlFrontMatter(text, start, content_start, end, end, False)


def _as_json(value: Any) -> Any:
    """TOML values as JSON Schema sees them: dates and times as their ISO text, as YAML
    timestamps are kept as text."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return value
