"""Front matter: finding the block, composing its YAML once, and what YAML hides.

The YAML is *composed* with PyYAML's C parser (a node tree with source marks) and
never handed to a constructor, so unsafe tags build nothing. Values for schema
validation are built here from the nodes, with a bound on alias expansion and with
timestamps kept as their source text. While building, the walk records duplicate
keys and YAML 1.1 surprises; rules only read those records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # PyYAML built without libyaml still works, only slower.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader

# The tag PyYAML resolves for a plain scalar depends only on its text (the safe
# loader has no path resolvers), and front matter repeats its keys and many values
# in every record: resolved once per process, in a bounded table.
_RESOLVED: dict[tuple[str, Any], str] = {}
_RESOLVED_SIZE = 20_000
_RESOLVED_MAX_CHARS = 40  # longer values are text, and rarely repeat


class _FastLoader(_BaseLoader):
    def resolve(self, kind, value, implicit):
        if kind is not ScalarNode or len(value) > _RESOLVED_MAX_CHARS:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) >= _RESOLVED_SIZE:
                _RESOLVED.clear()
            _RESOLVED[key] = tag
        return tag

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"
TIMESTAMP, BINARY, MERGE, VALUE = _T + "timestamp", _T + "binary", _T + "merge", _T + "value"
MAP, SEQ, OMAP, PAIRS, SET = _T + "map", _T + "seq", _T + "omap", _T + "pairs", _T + "set"
KNOWN_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, BINARY, MERGE, VALUE, MAP, SEQ, OMAP,
              PAIRS, SET}

# Re-visits of already built nodes (through aliases) allowed before we call it a bomb.
MAX_ALIAS_EXPANSION = 10_000

_OPENER = re.compile(r"---[ \t]*(?:\r?\n|\Z)")
# Line starts are matched on the line break before them, a literal the regex engine
# searches for in C; "^" with re.M is tried at every character of the block.
_CLOSER = re.compile(r"\n(---|\.\.\.)[ \t]*(?:\r?\n|\Z)")
_STRAY_CLOSER = re.compile(r"\n---(?=[^-\s])")
_KEY_LINE = re.compile(r"""(?:[^\s#:'"-][^:]*|"[^"]*"|'[^']*'):(?:[ \t]|$)""")
_SCALAR_CTOR = SafeConstructor()  # used only for its scalar conversions


def _timestamp_problem(node: ScalarNode) -> str | None:
    """Why a YAML loader fails on this timestamp ("day is out of range for month" for
    2024-02-30), or None when it loads. ISO dates, most of them, are checked without
    YAML's own (30 times slower) constructor."""
    try:
        datetime.fromisoformat(node.value)
        return None
    except ValueError:
        pass
    try:
        _SCALAR_CTOR.construct_yaml_timestamp(node)
    except (ValueError, OverflowError) as exc:
        return str(exc)
    return None


@dataclass(slots=True)
class YamlError:
    offset: int  # into the document text
    message: str  # PyYAML's wording of the problem
    context: str | None = None
    context_offset: int | None = None


@dataclass(slots=True)
class Surprise:
    """A plain scalar that YAML 1.1 reads differently from how it looks."""

    kind: str  # "bool", "sexagesimal", "octal", "timestamp", "invalid-timestamp"
    node: ScalarNode
    is_key: bool
    value: Any


@dataclass(slots=True)
class Duplicate:
    key: ScalarNode
    first: ScalarNode


@dataclass(slots=True)
class YamlAnalysis:
    root: Node | None = None
    data: Any = None
    error: YamlError | None = None
    duplicates: list[Duplicate] = field(default_factory=list)
    surprises: list[Surprise] = field(default_factory=list)
    bad_tags: list[tuple[Node, str]] = field(default_factory=list)
    expansion: tuple[Node, str] | None = None  # (node, "bomb" | "recursive")
    comment_cuts: list[tuple[ScalarNode, int]] = field(default_factory=list)
    anchor_eaten: list[ScalarNode] = field(default_factory=list)
    fields: list[TextField] | None = None  # see text_fields(), walked when first asked


@dataclass
class Block:
    """A metadata block opening a document, YAML or TOML; offsets index its text."""

    text: str = field(repr=False)  # the whole document text
    start: int  # the opening delimiter ("---" or "+++")
    content_start: int
    content_end: int
    end: int  # where the body starts
    closed: bool

    @property
    def content(self) -> str:
        return self.text[self.content_start : self.content_end]

    @property
    def is_empty(self) -> bool:
        return not self.content.strip()


@dataclass
class FrontMatter(Block):
    """The YAML front matter block of a document, between ``---`` lines."""

    closer: str = ""  # "---" or "..."
    stray_closer: int | None = None  # a "---text" line that was probably meant to close

    @cached_property
    def yaml(self) -> YamlAnalysis:
        return analyse_yaml(self.content, self.content_start, self.text)

    def schema_data(self) -> Any:
        """The values to validate, or None when the YAML does not give them (a syntax
        error, an alias bomb, an empty block)."""
        analysis = self.yaml
        if analysis.root is None or analysis.error or analysis.expansion:
            return None
        return analysis.data

    # -- node locations -----------------------------------------------------------

    def span(self, node: Node) -> tuple[int, int]:
        """Document offsets of ``node``'s source text."""
        return self.content_start + node.start_mark.index, self.content_start + node.end_mark.index

    def lookup(self, path) -> tuple[Node | None, Node | None]:
        """(key node, value node) for a JSON path, following the last duplicate key."""
        node, key_node = self.yaml.root, None
        for part in path:
            if isinstance(node, MappingNode):
                found = None
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and k.value == str(part):
                        found = (k, v)  # keep going: the last duplicate wins
                if found is None:
                    return key_node, node
                key_node, node = found
            elif isinstance(node, SequenceNode) and isinstance(part, int) \
                    and part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                return key_node, node
        return key_node, node

    def key_node(self, mapping: Node, name: str) -> Node | None:
        if isinstance(mapping, MappingNode):
            for k, _ in mapping.value:
                if isinstance(k, ScalarNode) and k.value == name:
                    return k
        return None


def split_front_matter(text: str, start: int = 0) -> FrontMatter | None:
    """Find a front matter block opened by ``---`` on the document's first line."""
    if not text.startswith("---", start):
        return None
    opener = _OPENER.match(text, start)
    if opener is None:
        return None  # "----" or "--- text": a rule, not a front matter block
    content_start = opener.end()
    if content_start == len(text):
        return FrontMatter(text, start, content_start, content_start, content_start, False)
    # The opener ends with a line break: search from it, so a closer on the very next
    # line is found too.
    closer = _CLOSER.search(text, content_start - 1)
    if closer is not None:
        return FrontMatter(text, start, content_start, closer.start() + 1, closer.end(), True,
                           closer.group(1))
    stray = _STRAY_CLOSER.search(text, content_start - 1)
    end = stray.start() + 1 if stray else _guess_yaml_end(text, content_start)
    return FrontMatter(text, start, content_start, end, end, False,
                       stray_closer=end if stray else None)


def _guess_yaml_end(text: str, pos: int) -> int:
    """Where an unclosed front matter most likely ends: the first line that is not YAML."""
    while pos < len(text):
        newline = text.find("\n", pos)
        line_end = len(text) if newline < 0 else newline + 1
        line = text[pos:line_end].rstrip("\r\n")
        stripped = line.strip()
        if stripped and not (line[0] in " \t#" or stripped == "-" or stripped.startswith("- ")
                             or _KEY_LINE.match(line)):
            return pos
        pos = line_end
    return len(text)


def analyse_yaml(content: str, base: int, text: str) -> YamlAnalysis:
    result = YamlAnalysis()
    if not content.strip():
        return result
    try:
        result.root = yaml.compose(content, Loader=_FastLoader)
    except yaml.YAMLError as exc:
        result.error = _describe_error(content, base, exc)
        return result
    except RecursionError:
        result.error = YamlError(base, "front matter is nested too deeply to parse")
        return result
    if result.root is None:
        return result
    builder = _Builder(result, content)
    try:
        result.data = builder.build(result.root, is_key=False)
    except _ExpansionLimit as stop:
        result.expansion = (stop.node, stop.kind)
        result.data = None
    except RecursionError:
        result.error = YamlError(base, "front matter is nested too deeply to parse")
        result.data = None
    return result


def _describe_error(content: str, base: int, exc: yaml.YAMLError) -> YamlError:
    # libyaml's wording differs from PyYAML's documented messages ("mapping values
    # are not allowed here"); errors are rare, so re-parse with the Python parser.
    if not isinstance(exc, yaml.reader.ReaderError):
        try:
            yaml.compose(content, Loader=yaml.SafeLoader)
        except yaml.YAMLError as py_exc:
            exc = py_exc
        except RecursionError:
            pass
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character
        code = ord(char) if isinstance(char, str) else char
        return YamlError(base + exc.position,
                         f"unacceptable character #x{code:04x}: control characters are not allowed")
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        context_offset = base + exc.context_mark.index if exc.context_mark is not None else None
        return YamlError(base + exc.problem_mark.index, exc.problem or str(exc), exc.context,
                         context_offset)
    return YamlError(base, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


class _ExpansionLimit(Exception):
    def __init__(self, node: Node, kind: str) -> None:
        self.node, self.kind = node, kind


_OCTAL = re.compile(r"[-+]?0[0-7_]+$")
_COMMENT_AFTER = re.compile(r"[ \t]+#(?=\S)")


class _Builder:
    """Builds JSON-like values from nodes and records what the walk reveals."""

    def __init__(self, result: YamlAnalysis, content: str) -> None:
        self.result = result
        self.content = content
        self.visited: set[int] = set()
        self.active: set[int] = set()
        self.revisits = 0

    def build(self, node: Node, is_key: bool) -> Any:
        node_id = id(node)
        if node_id in self.visited:
            if node_id in self.active:
                raise _ExpansionLimit(node, "recursive")
            self.revisits += 1
            if self.revisits > MAX_ALIAS_EXPANSION:
                raise _ExpansionLimit(node, "bomb")
            first_visit = False
        else:
            self.visited.add(node_id)
            first_visit = True
        tag = node.tag
        if tag.startswith("tag:yaml.org,2002:python/") or tag.startswith("!!python/"):
            if first_visit:
                self.result.bad_tags.append((node, tag))
            return None
        if tag not in KNOWN_TAGS and first_visit:
            self.result.bad_tags.append((node, tag))
        if isinstance(node, ScalarNode):
            return self.scalar(node, is_key, first_visit)
        self.active.add(node_id)
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, False) for item in node.value]
            return self.mapping(node, first_visit)
        finally:
            self.active.discard(node_id)

    def scalar(self, node: ScalarNode, is_key: bool, first_visit: bool) -> Any:
        tag, value = node.tag, node.value
        plain = not node.style
        if tag == STR or tag not in KNOWN_TAGS:
            if plain and first_visit and not is_key:
                self.check_plain_text(node)
            return value
        if tag == NULL:
            return None
        try:
            if tag == BOOL:
                result = _SCALAR_CTOR.construct_yaml_bool(node)
                if plain and first_visit and value.lower() not in ("true", "false"):
                    self.result.surprises.append(Surprise("bool", node, is_key, result))
                return result
            if tag == INT:
                result = _SCALAR_CTOR.construct_yaml_int(node)
                if plain and first_visit:
                    if ":" in value:
                        self.result.surprises.append(Surprise("sexagesimal", node, is_key, result))
                    elif _OCTAL.match(value):
                        self.result.surprises.append(Surprise("octal", node, is_key, result))
                return result
            if tag == FLOAT:
                result = _SCALAR_CTOR.construct_yaml_float(node)
                if plain and first_visit and ":" in value:
                    self.result.surprises.append(Surprise("sexagesimal", node, is_key, result))
                return result
        except (ConstructorError, ValueError):
            return value
        if tag == TIMESTAMP:
            # Schemas must see the source text, not a datetime object.
            if plain and first_visit:
                problem = _timestamp_problem(node)
                self.result.surprises.append(
                    Surprise("invalid-timestamp", node, is_key, problem) if problem
                    else Surprise("timestamp", node, is_key, value))
            return value
        return value  # binary, merge, value: keep the source text

    def check_plain_text(self, node: ScalarNode) -> None:
        end = node.end_mark.index
        line_end = self.content.find("\n", end)
        rest = self.content[end : len(self.content) if line_end < 0 else line_end]
        if _COMMENT_AFTER.match(rest):
            self.result.comment_cuts.append((node, end + rest.index("#")))
        start = node.start_mark.index
        if self.content.startswith("&", start) and not node.value.startswith("&"):
            anchor = self.content[start + 1 :].split(None, 1)[0]
            if "*" + anchor not in self.content:
                self.result.anchor_eaten.append(node)

    def mapping(self, node: MappingNode, first_visit: bool) -> Any:
        if node.tag == SET:
            return [self.build(k, True) for k, _ in node.value]
        result: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        seen: dict[Any, ScalarNode] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                source = self.build(value_node, False)
                for part in source if isinstance(source, list) else [source]:
                    if isinstance(part, dict):
                        for k, v in part.items():
                            merged.setdefault(k, v)
                continue
            key = self.build(key_node, True)
            if isinstance(key_node, ScalarNode):
                identity = (key if _hashable(key) else key_node.value)
                if first_visit and identity in seen:
                    self.result.duplicates.append(Duplicate(key_node, seen[identity]))
                seen[identity] = key_node
                json_key = key_node.value  # the schema sees the key as written
            else:
                json_key = repr(key)
            result[json_key] = self.build(value_node, False)
        if merged:
            merged.update(result)
            return merged
        return result


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


@dataclass(slots=True)
class TextField:
    """A string value of a front matter mapping, at any depth."""

    label: str  # where it sits: "related[0].excerpt"
    key: ScalarNode
    node: ScalarNode
    owner: Any  # the data of the mapping that holds it (None inside an alias's copy)


def text_fields(analysis: YamlAnalysis) -> list[TextField]:
    """Every string scalar that is a mapping value, each node once, in document order.

    Walked once per document and shared by the rules that read text fields (chrome,
    leftover HTML, truncation).
    """
    if analysis.fields is not None:
        return analysis.fields
    found: list[TextField] = []
    if analysis.root is not None:
        seen: set[int] = set()
        stack: list[tuple[str, Node, Any]] = [("", analysis.root, analysis.data)]
        while stack:
            label, node, data = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, MappingNode):
                children = []
                for key, value in node.value:
                    if not isinstance(key, ScalarNode):
                        continue
                    child = f"{label}.{key.value}" if label else key.value
                    if isinstance(value, ScalarNode):
                        if value.tag == STR and id(value) not in seen:
                            seen.add(id(value))
                            found.append(TextField(child, key, value, data))
                    else:
                        children.append((child, value, data.get(key.value)
                                         if isinstance(data, dict) else None))
                stack.extend(reversed(children))
            elif isinstance(node, SequenceNode):
                items = data if isinstance(data, list) else ()
                stack.extend((f"{label}[{i}]", item, items[i] if i < len(items) else None)
                             for i, item in reversed(list(enumerate(node.value))))
    found.sort(key=lambda f: f.node.start_mark.index)
    analysis.fields = found
    return found


# -- rewriting scalars (used by fixes) ---------------------------------------------------

_RESOLVER = yaml.resolver.Resolver()
_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@`")


def yaml_scalar(value: str, style: str | None = '"') -> str:
    """``value`` written as a YAML scalar that loads back as exactly that string.

    Keeps the original quoting style where the value allows it.
    """
    if not style and _plain_is_safe(value):
        return value
    if style == "'" and value.isprintable() and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    return _double_quoted(value)


def _plain_is_safe(value: str) -> bool:
    if not value or value != value.strip() or value[0] in _PLAIN_UNSAFE_START:
        return False
    if ": " in value or " #" in value or value.endswith(":") or not value.isprintable():
        return False
    return _RESOLVER.resolve(ScalarNode, value, (True, False)) == STR


def _double_quoted(value: str) -> str:
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F or ch in "\u2028\u2029\ufeff" \
                or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def rewrite_scalar(fm: FrontMatter, node: ScalarNode, new_value: str):
    """An edit that replaces ``node`` with a scalar holding ``new_value``."""
    from lint_corpus.model import Edit

    start, end = fm.span(node)
    if node.style in ("|", ">"):
        style = '"'  # a block scalar's layout cannot be kept for a changed value
    else:
        style = node.style
    return Edit(start, end, yaml_scalar(new_value, style))


def field_nodes(fm: FrontMatter, path: str) -> list[tuple[str, ScalarNode]]:
    """Scalar nodes at a dotted field path; ``*`` matches any key or list item.

    ``related.*.excerpt`` or ``related[*].excerpt`` finds each related excerpt.
    Returns (label, node) pairs, the label being the concrete path.
    """
    parts = [p for p in re.split(r"\.|\[|\]", path) if p]
    current: list[tuple[str, Node]] = [("", fm.yaml.root)] if fm.yaml.root is not None else []
    for part in parts:
        following: list[tuple[str, Node]] = []
        for label, node in current:
            if isinstance(node, MappingNode):
                chosen: dict[str, Node] = {}
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and (part == "*" or k.value == part):
                        chosen[k.value] = v  # the last duplicate wins, as when loading
                following.extend((f"{label}.{k}" if label else k, v) for k, v in chosen.items())
            elif isinstance(node, SequenceNode):
                for i, item in enumerate(node.value):
                    if part == "*" or part == str(i):
                        following.append((f"{label}[{i}]", item))
        current = following
    return [(label, node) for label, node in current
            if isinstance(node, ScalarNode) and node.tag == STR]
