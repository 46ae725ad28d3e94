"""JSONL corpora: each line of a ``.jsonl`` (or ``.jsonl.gz``) file is one document.

A record's text field (``--text-field``, default ``text``) is the document body; its
other fields act as front matter. They are written out as a YAML front matter block
(one key a line, nested values in block style, every string double-quoted), so the
front matter and schema rules read records exactly as they read Markdown files and
nothing JSON-specific reaches a rule. A record without other fields is its text
alone (which may then hold a front matter of its own).

Locations: a record is named ``corpus.jsonl#17``, 17 being its line in the file, so
an editor finds it. Findings in the text keep their line and column in the text
(``corpus.jsonl#17:3:1``); findings in the fields sit on line 1, column 1, with the
field's path in the message (``[related[2].webUrl] ...``).

``fix`` rebuilds a record from the fixed document: the fixed text goes back into the
text field and, when a fix changed a field, the fields are read back from the fixed
YAML. Records that nothing changed keep their exact bytes.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, SequenceNode

from lint_corpus.document import Document, undecodable_problem
from lint_corpus.frontmatter import analyse_yaml, split_front_matter, yaml_scalar
from lint_corpus.model import Finding
from lint_corpus.schema import json_type

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
DEFAULT_TEXT_FIELD = "text"


def is_jsonl(path: str | Path) -> bool:
    return str(path).lower().endswith(JSONL_SUFFIXES)


def is_gzip(path: str | Path) -> bool:
    return str(path).lower().endswith(".gz")


def open_lines(path: Path):
    """A binary handle over the file's (decompressed) lines."""
    if is_gzip(path):
        return gzip.open(path, "rb")
    return open(path, "rb")


def iter_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line with its line break) for every line, blank ones too."""
    with open_lines(path) as handle:
        yield from enumerate(handle, 1)


def record_path(display: str, lineno: int) -> str:
    return f"{display}#{lineno}"


def split_record_path(path: str) -> tuple[str, int | None]:
    """``corpus.jsonl#17`` → (``corpus.jsonl``, 17); any other path → (path, None).

    For reporters whose locations must be real files and lines (GitHub, SARIF).
    """
    base, sep, number = path.rpartition("#")
    if sep and number.isdigit() and is_jsonl(base):
        return base, int(number)
    return path, None


class _Object(list):
    """A JSON object as its (key, value) pairs, so duplicate keys survive."""


@dataclass(slots=True)
class Record:
    """How a record became a document, so findings and fixes can be mapped back."""

    lineno: int
    raw: bytes  # the line without its line break
    newline: bytes
    pairs: _Object
    text_field: str
    text_index: int  # where the text field sits among the pairs
    prefix: str  # the synthetic front matter ("" when the record has no other field)


def _problem(path: str, lineno: int, message: str, size: int) -> Document:
    doc = Document("", path, raw_size=size, record=lineno)
    doc.read_problem = ("unreadable", message)
    return doc


def record_document(line: bytes, display: str, lineno: int, text_field: str,
                    max_size: int) -> tuple[Document, Record | None]:
    """The document for one JSONL line, or a document carrying why it is not one."""
    path = record_path(display, lineno)
    body = line.rstrip(b"\r\n")
    newline = line[len(body):]
    if len(body) > max_size:
        doc = Document("", path, raw_size=len(body), record=lineno)
        doc.read_problem = ("too-large", f"record is {len(body):,} bytes, over the limit of "
                                         f"{max_size:,}; skipped (raise max-file-size to "
                                         f"check it)")
        return doc, None
    undecodable = False
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError:
        decoded = body.decode("utf-8", errors="surrogateescape")
        undecodable = True
    try:
        value = json.loads(decoded, object_pairs_hook=_Object)
    except json.JSONDecodeError as exc:
        return _problem(path, lineno, f"record is not valid JSON: {exc.msg} (column "
                                      f"{exc.colno})", len(body)), None
    except RecursionError:
        return _problem(path, lineno, "record is nested too deeply to read", len(body)), None
    if not isinstance(value, _Object):
        return _problem(path, lineno, f"record is a JSON {_json_type(value)}, not an object",
                        len(body)), None
    text_index = -1
    for i, (key, _) in enumerate(value):
        if key == text_field:
            text_index = i  # the last one wins, as for any JSON reader
    if text_index < 0:
        return _problem(path, lineno, f"record has no {text_field!r} field (choose the text "
                                      f"field with --text-field)", len(body)), None
    text = value[text_index][1]
    if text is None:
        text = ""
    if not isinstance(text, str):
        return _problem(path, lineno, f"record's {text_field!r} field is a JSON "
                                      f"{_json_type(text)}, not a string", len(body)), None
    fields = _Object(pair for i, pair in enumerate(value) if pair[0] != text_field)
    prefix = front_matter_text(fields) if fields else ""
    doc_text = prefix + text
    doc = Document(doc_text, path, raw_size=len(body), record=lineno)
    if undecodable:
        doc.decode_problem = undecodable_problem(doc_text)
    return doc, Record(lineno, body, newline, value, text_field, text_index, prefix)


def _json_type(value: Any) -> str:
    """The JSON type name; JSON itself knows no integers."""
    if isinstance(value, _Object):
        return "object"
    name = json_type(value)
    return "number" if name == "integer" else name


# -- fields → YAML front matter -------------------------------------------------------


def front_matter_text(fields: _Object) -> str:
    out = ["---\n"]
    _mapping(fields, 0, out)
    out.append("---\n")
    return "".join(out)


# What a double-quoted YAML scalar cannot hold as it is (see frontmatter.yaml_scalar).
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]')


@functools.lru_cache(maxsize=4096)
def _key(key: str) -> str:
    return yaml_scalar(key, None)


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        if _NEEDS_ESCAPE.search(value) is None:
            return f'"{value}"'
        return yaml_scalar(value, '"')
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        mantissa, e, exponent = text.partition("e")
        if "." not in mantissa:
            mantissa += ".0"  # YAML 1.1 reads 1e+20 as a string, 1.0e+20 as a float
        return mantissa + e + exponent
    if isinstance(value, _Object):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return str(value)


def _mapping(pairs: _Object, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for key, value in pairs:
        head = f"{pad}{_key(key)}:"
        if isinstance(value, list) and value:  # a non-empty object or array
            out.append(head + "\n")
            if isinstance(value, _Object):
                _mapping(value, indent + 2, out)
            else:
                _sequence(value, indent + 2, out)
        else:
            out.append(f"{head} {_scalar(value)}\n")


def _sequence(items: list, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, list) and item:
            nested: list[str] = []
            if isinstance(item, _Object):
                _mapping(item, indent + 2, nested)
            else:
                _sequence(item, indent + 2, nested)
            nested[0] = pad + "- " + nested[0][indent + 2:]
            out.extend(nested)
        else:
            out.append(f"{pad}- {_scalar(item)}\n")


# -- findings → record locations ------------------------------------------------------


def relocate(findings: list[Finding], doc: Document) -> list[Finding]:
    """Findings on a record's document, located in its text or named by field."""
    fm = doc.front_matter if not doc.read_problem else None
    if fm is None or not fm.closed:
        return findings
    body_start = fm.end
    skipped = doc.line_index(body_start)  # lines before the text
    out = []
    for f in findings:
        if f.start >= body_start and f.line > skipped:
            f.line -= skipped
            f.end_line = max(f.line, f.end_line - skipped)
        else:
            label = field_label(fm, f.start, f.end)
            if label and f"`{label}`" not in f.message and f" {label}" not in f.message:
                f.message = f"[{label}] {f.message}"
            f.line = f.column = f.end_line = f.end_column = 1
        out.append(f)
    return out


def field_label(fm, start: int, end: int) -> str:
    """The path of the deepest field whose value holds ``start..end`` ("" for none).

    A finding on a key or on a whole mapping (a missing key) names no field here: its
    message does.
    """
    node = fm.yaml.root
    label = ""
    while node is not None:
        found = None
        if isinstance(node, MappingNode):
            children = [(f"{label}.{key.value}" if label else str(key.value), value)
                        for key, value in node.value]
        elif isinstance(node, SequenceNode):
            children = [(f"{label}[{i}]", item) for i, item in enumerate(node.value)]
        else:
            break
        for child_label, child in children:
            child_start, child_end = fm.span(child)
            if child_start <= start and end <= max(child_end, child_start + 1):
                found = (child_label, child)
                break
        if found is None:
            break
        label, node = found
    return label


# -- fixed document → record ----------------------------------------------------------


def rebuild(record: Record, fixed_text: str) -> bytes | None:
    """The record's new line for ``fixed_text``; None when it cannot be read back."""
    pairs = _Object(record.pairs)
    if record.prefix and fixed_text.startswith(record.prefix):
        text = fixed_text[len(record.prefix):]
    elif record.prefix:
        fm = split_front_matter(fixed_text)
        if fm is None or not fm.closed:
            return None
        analysis = analyse_yaml(fm.content, fm.content_start, fixed_text)
        if analysis.error or analysis.expansion or not isinstance(analysis.data, dict):
            return None
        text = fixed_text[fm.end:]
        fields = list(analysis.data.items())
        at = min(record.text_index, len(fields))
        pairs = _Object(fields[:at] + [(record.text_field, text)] + fields[at:])
    else:
        text = fixed_text
    if not record.prefix or fixed_text.startswith(record.prefix):
        pairs[record.text_index] = (record.text_field, text)
    raw = record.raw
    compact = b'": ' not in raw and b'", "' not in raw
    ascii_only = raw.isascii()
    line = json.dumps(_plain(pairs), ensure_ascii=ascii_only,
                      separators=(",", ":") if compact else (", ", ": "))
    return line.encode("utf-8", errors="surrogateescape") + record.newline


def _plain(value: Any) -> Any:
    if isinstance(value, _Object):
        return {key: _plain(item) for key, item in value}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
