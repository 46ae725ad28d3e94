"""Bytes to ``Document``: decoding, the line index, front matter and body spans.

A document is parsed once; every rule reads the same ``Document``. Expensive parts
(the YAML tree) are computed on first use and then cached on the instance.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass
from functools import cached_property

from lint_corpus.frontmatter import FrontMatter, split_front_matter
from lint_corpus.toml_front_matter import TomlFrontMatter, split_toml_front_matter

UTF8_BOM = "\ufeff"
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_NEWLINE = re.compile(r"\n")
# Any indentation: a fence inside a list item is indented to the item's text, and a
# fence line indented further is an indented code block's line; code either way.
_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# Bytes that did not decode as UTF-8, kept by "surrogateescape" as U+DC80..U+DCFF.
UNDECODABLE = re.compile("[\udc80-\udcff]")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    """The first undecodable byte: its offset in the text and the byte itself."""

    offset: int
    byte: int
    count: int  # how many undecodable bytes the document holds


def undecodable_problem(text: str) -> DecodeProblem | None:
    """Where the first byte that did not decode sits in ``text``, and how many there are."""
    first = UNDECODABLE.search(text)
    if first is None:
        return None
    return DecodeProblem(first.start(), ord(first.group()) - 0xDC00,
                         len(UNDECODABLE.findall(text, first.start())))


class Document:
    """One document: decoded text plus everything derived from it.

    For UTF-8 files a byte order mark stays in ``text`` as U+FEFF at offset 0, so
    removing it is an ordinary edit. Undecodable bytes are kept as lone surrogates
    (Python's ``surrogateescape``), so no byte is lost and the fixer can tell
    whether the encoding was repaired.
    """

    def __init__(
        self,
        text: str,
        path: str = "<text>",
        *,
        encoding: str = "utf-8",
        encoding_prefix: bytes = b"",
        decode_problem: DecodeProblem | None = None,
        raw_size: int | None = None,
        record: int | None = None,
    ) -> None:
        self.text = text
        self.path = path
        self.encoding = encoding
        self.encoding_prefix = encoding_prefix  # BOM bytes written before UTF-16 text
        self.decode_problem = decode_problem
        self.raw_size = len(text) if raw_size is None else raw_size
        self.record = record  # record number in a JSONL corpus, else None
        # Set when the file was not read (too large, unreadable): (kind, message).
        self.read_problem: tuple[str, str] | None = None
        # Results that several rules of one family share (schema issues, line
        # features...), computed by the first rule that needs them.
        self.shared: dict[str, object] = {}

    # -- construction -------------------------------------------------------------

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<bytes>", record: int | None = None) -> Document:
        for bom, codec in _UTF16_BOMS:
            if data.startswith(bom):
                try:
                    text = data[len(bom) :].decode(codec)
                except UnicodeDecodeError as exc:
                    # Keep what decodes; report the first bad code unit.
                    text = data[len(bom) :].decode(codec, errors="replace")
                    head = data[len(bom) : len(bom) + exc.start].decode(codec, errors="replace")
                    problem = DecodeProblem(len(head), data[len(bom) + exc.start], 1)
                    return cls(text, path, encoding=codec, encoding_prefix=bom,
                               decode_problem=problem, raw_size=len(data), record=record)
                return cls(text, path, encoding=codec, encoding_prefix=bom,
                           raw_size=len(data), record=record)
        try:
            text = data.decode("utf-8")
            problem = None
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="surrogateescape")
            problem = undecodable_problem(text)
        return cls(text, path, decode_problem=problem, raw_size=len(data), record=record)

    def encode(self, text: str | None = None) -> bytes:
        """The bytes to write for ``text`` (default: this document's text)."""
        text = self.text if text is None else text
        if self.encoding == "utf-8":
            return text.encode("utf-8", errors="surrogateescape")
        return self.encoding_prefix + text.encode(self.encoding)

    # -- lines ----------------------------------------------------------------------

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(m.end() for m in _NEWLINE.finditer(self.text))
        return starts

    @property
    def line_count(self) -> int:
        starts = self.line_starts
        # A final newline does not open another line.
        return len(starts) - 1 if starts[-1] == len(self.text) and len(starts) > 1 else len(starts)

    def line_index(self, offset: int) -> int:
        """0-based line holding ``offset``."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        index = self.line_index(offset)
        column = offset - self.line_starts[index] + 1
        if index == 0 and self.text.startswith(UTF8_BOM) and offset > 0:
            column -= 1  # editors do not show the byte order mark
        return index + 1, column

    def line_span(self, index: int) -> tuple[int, int, int]:
        """(start, end of content, end including the line break) of 0-based line ``index``."""
        starts = self.line_starts
        start = starts[index]
        full_end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        end = full_end
        if end > start and self.text[end - 1] == "\n":
            end -= 1
            if end > start and self.text[end - 1] == "\r":
                end -= 1
        return start, end, full_end

    def line_text(self, index: int) -> str:
        start, end, _ = self.line_span(index)
        return self.text[start:end]

    def offset_of(self, line: int, column: int = 1) -> int:
        """Offset of 1-based ``line`` and ``column``."""
        return self.line_starts[line - 1] + column - 1

    @cached_property
    def newline(self) -> str:
        """The document's dominant line break, used by fixes that insert lines."""
        crlf = self.text.count("\r\n")
        lf = self.text.count("\n") - crlf
        return "\r\n" if crlf > lf else "\n"

    @property
    def is_markdown(self) -> bool:
        return self.path.lower().endswith(MARKDOWN_SUFFIXES)

    # -- front matter and body --------------------------------------------------------

    @cached_property
    def front_matter(self) -> FrontMatter | None:
        """The front matter block, or None when the document does not open one."""
        start = 1 if self.text.startswith(UTF8_BOM) else 0
        return split_front_matter(self.text, start)

    @cached_property
    def toml_front_matter(self) -> TomlFrontMatter | None:
        """A TOML front matter block between ``+++`` lines (Hugo, Zola), or None."""
        start = 1 if self.text.startswith(UTF8_BOM) else 0
        if not self.text.startswith("+++", start):
            return None
        return split_toml_front_matter(self.text, start)

    @property
    def metadata(self) -> dict | None:
        """The values of a closed front matter block, YAML or TOML, when they form a
        mapping; None otherwise."""
        fm = self.front_matter
        if fm is not None:
            data = fm.yaml.data if fm.closed else None
        else:
            toml = self.toml_front_matter
            data = toml.parsed[0] if toml is not None and toml.closed else None
        return data if isinstance(data, dict) else None

    @property
    def body_start(self) -> int:
        fm = self.front_matter or self.toml_front_matter
        if fm is None:
            return 1 if self.text.startswith(UTF8_BOM) else 0
        return fm.end

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @cached_property
    def body_lines(self) -> list[tuple[int, int, int]]:
        """Spans (start, content end, full end) of the body's lines, as ``line_span``."""
        first = self.line_index(self.body_start) if self.body_start < len(self.text) else None
        if first is None:
            return []
        return [self.line_span(i) for i in range(first, self.line_count)]

    @cached_property
    def fenced(self) -> list[bool]:
        """For each body line: is it fenced code, its fence lines included?

        CommonMark's rule: a fence of three or more backticks or tildes closes at a
        fence of the same character at least as long; an unclosed fence runs to the
        end. A fence may be indented (inside a list item). Computed once, for every
        rule that must leave code alone.
        """
        text = self.text
        inside = [False] * len(self.body_lines)
        body_start = self.body_start
        if text.find("```", body_start) < 0 and text.find("~~~", body_start) < 0:
            return inside  # no fence at all: most documents, found without a line loop
        fence: str | None = None
        for i, (start, end, _) in enumerate(self.body_lines):
            line = text[start:end]
            if fence is not None:
                inside[i] = True
                stripped = line.strip()
                if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                    fence = None
                continue
            match = _FENCE_OPEN.match(line)
            # "```code```" on one line is a code span: a backtick fence's info string
            # holds no backtick.
            if match and not (match.group(1)[0] == "`" and "`" in line[match.end():]):
                fence = match.group(1)
                inside[i] = True
        return inside

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {len(self.text)} chars)"
