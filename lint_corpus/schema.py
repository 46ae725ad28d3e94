"""JSON Schema validation of front matter, with errors mapped back to YAML nodes.

Schemas are loaded and checked once per run (a broken schema stops the run with
exit code 2). Each validation error becomes a ``SchemaIssue`` located at the
offending key or value; a missing required key sits on the line of its mapping.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlparse, urlsplit

import jsonschema
import yaml
from jsonschema.exceptions import ValidationError, best_match
from jsonschema_specifications import REGISTRY as SPECIFICATIONS
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable

from lint_corpus.errors import SchemaLoadError
from lint_corpus.fastschema import compile_fast_path
from lint_corpus.frontmatter import FrontMatter
from lint_corpus.resources import builtin_schemas
from lint_corpus.toml_front_matter import TomlFrontMatter

FrontMatterBlock = FrontMatter | TomlFrontMatter  # both locate values by JSON path

REQUIRED_FORMATS = ("date-time", "uri")


@dataclass(frozen=True)
class LoadedSchema:
    name: str  # as the user wrote it: a built-in name or a path
    path: Path
    validator: Any  # a jsonschema Validator instance
    # data -> True when the data is certainly valid (jsonschema-rs); None: no fast path
    is_valid: Callable[[Any], bool] | None = None


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    kind: str  # "required", "type", "format", "additional", "other"
    start: int
    end: int
    message: str


def missing_format_checkers() -> list[str]:
    """Formats that jsonschema would skip silently because a dependency is missing."""
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return [name for name in REQUIRED_FORMATS if name not in checker.checkers]


def resolve_schema_path(ref: str, base: Path | None = None) -> Path:
    """A built-in schema name, or a path (relative to ``base``)."""
    candidate = Path(ref).expanduser()
    if not candidate.is_absolute() and base is not None:
        candidate = base / candidate
    if candidate.exists():
        return candidate
    builtins = builtin_schemas()
    if ref in builtins:
        return builtins[ref]
    names = ", ".join(sorted(builtins)) or "none"
    raise SchemaLoadError(f"schema {ref!r}: no such file, and no built-in schema by that name "
                          f"(built-in: {names})")


def _read_document(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaLoadError(f"schema {path}: cannot read: {exc}") from None
    if path.suffix in (".yaml", ".yml"):
        try:
            return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
            raise SchemaLoadError(f"schema {path}{where}: invalid YAML: "
                                  f"{getattr(exc, 'problem', exc)}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaLoadError(f"schema {path}:{exc.lineno}:{exc.colno}: invalid JSON: "
                              f"{exc.msg}") from None


def load_schema(ref: str, base: Path | None = None) -> LoadedSchema:
    path = resolve_schema_path(ref, base).resolve()
    contents = _read_document(path)
    if not isinstance(contents, (dict, bool)):
        raise SchemaLoadError(f"schema {path}: a schema must be an object or a boolean, "
                              f"not {type(contents).__name__}")
    cls = jsonschema.validators.validator_for(contents, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(contents)
    except jsonschema.SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(root)"
        raise SchemaLoadError(f"schema {path}: not a valid {cls.__name__[:-9]} schema at "
                              f"{where}: {exc.message}") from None
    if isinstance(contents, dict) and "$id" not in contents:
        # Relative $refs ("common.schema.json#/$defs/url") resolve beside the file.
        contents = {**contents, "$id": path.as_uri()}
    registry = Registry(retrieve=_retrieve_local).with_resource(
        path.as_uri(), Resource.from_contents(contents, default_specification=_spec(cls)))
    # Resolve as the validator will: the JSON Schema meta-schemas are known too.
    _check_absolute_refs(contents, SPECIFICATIONS.combine(registry).resolver(path.as_uri()), path)
    validator = cls(contents, registry=registry, format_checker=cls.FORMAT_CHECKER)
    try:
        documents = [contents, *(_read_document(f) for f in schema_files(path) - {path})]
        is_valid = compile_fast_path(documents, cls.FORMAT_CHECKER, _local_contents)
    except SchemaLoadError:
        is_valid = None  # a referenced file that does not load: validation reports it
    return LoadedSchema(ref, path, validator, is_valid)


def _check_absolute_refs(contents: Any, resolver, path: Path) -> None:
    """Stop the run on a ``$ref`` to an absolute URI that cannot be resolved.

    Otherwise validation fails on every document (one internal error per SCH rule and
    document). Relative refs depend on nested ``$id``s and are left to validation.
    """
    for ref in _refs(contents):
        if urlsplit(ref).scheme:
            try:
                resolver.lookup(ref)
            except Unresolvable:
                raise SchemaLoadError(
                    f"schema {path}: cannot resolve $ref {ref!r} (lint-corpus reads "
                    f"local files only, never the network)") from None


def _refs(contents: Any) -> Iterator[str]:
    """Every ``$ref`` string of a schema document."""
    stack = [contents]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                yield ref
            stack.extend(node.values())


def schema_files(path: Path) -> set[Path]:
    """The schema file and the local files its ``$ref``s name, transitively.

    Files that cannot be read are left out here; loading reports them.
    """
    found: set[Path] = set()
    stack = [Path(path).resolve()]
    while stack:
        current = stack.pop()
        if current in found or not current.is_file():
            continue
        found.add(current)
        try:
            contents = _read_document(current)
        except SchemaLoadError:
            continue
        base = current.as_uri()
        for ref in _refs(contents):
            target, _ = urldefrag(urljoin(base, ref))
            if target.startswith("file:"):
                stack.append(Path(unquote(urlparse(target).path)))
    return found


def _spec(cls):
    from referencing import jsonschema as ref_jsonschema

    return ref_jsonschema.specification_with(cls.META_SCHEMA.get("$schema", ""),
                                             default=ref_jsonschema.DRAFT202012)


def _local_contents(uri: str) -> Any:
    """The contents of a ``file:`` URI's schema; any other URI is refused."""
    if not uri.startswith("file:"):
        raise SchemaLoadError(f"{uri}: lint-corpus reads local files only, never the network")
    return _read_document(Path(unquote(urlparse(uri).path)))


def _retrieve_local(uri: str) -> Resource:
    from referencing import jsonschema as ref_jsonschema

    try:
        # A shared definitions file rarely says `$schema`; read it as the default draft.
        return Resource.from_contents(_local_contents(uri),
                                      default_specification=ref_jsonschema.DRAFT202012)
    except SchemaLoadError as exc:
        raise NoSuchResource(ref=uri) from exc


# -- validation ----------------------------------------------------------------------


def validate(fm: FrontMatterBlock, schema: LoadedSchema) -> list[SchemaIssue]:
    """Schema issues of a front matter block, YAML or TOML, each located in its text."""
    data = fm.schema_data()
    if data is None:
        return []
    if schema.is_valid is not None and schema.is_valid(data):
        return []  # the common case, in microseconds; errors need jsonschema's detail
    issues: list[SchemaIssue] = []
    for error in schema.validator.iter_errors(data):
        issues.extend(_issues_for(error, fm))
    return issues


def _issues_for(error: ValidationError, fm: FrontMatterBlock) -> list[SchemaIssue]:
    if error.validator in ("anyOf", "oneOf") and error.context:
        # The branch that got furthest explains the problem best. best_match must get
        # the anyOf error itself: inside a context it ranks errors the other way round
        # (given the context directly, it picked `"x" is not null` over a bad format).
        error = best_match([error])
        if error.validator in ("anyOf", "oneOf") and all(
                e.validator == "type" and not e.relative_path for e in error.context):
            # No branch is better than another: each wants another type; list them all.
            return _type_issue(fm, list(error.absolute_path), error.instance,
                               [t for e in error.context for t in _as_list(e.validator_value)])
    path = list(error.absolute_path)
    label = _label(path)
    key_node, node = fm.lookup(path)
    validator = error.validator
    if validator == "required":
        missing = _missing_required(error)
        start, end = _first_line(fm, node)
        where = f" in {label}" if path else ""
        return [SchemaIssue("required", start, end, f"missing required key `{name}`{where}")
                for name in missing]
    if validator in ("additionalProperties", "unevaluatedProperties"):
        issues = []
        for name in _unexpected_keys(error):
            extra_key = fm.key_node(node, name)
            start, end = fm.span(extra_key) if extra_key is not None else _first_line(fm, node)
            where = f" in {label}" if path else ""
            issues.append(SchemaIssue("additional", start, end,
                                      f"unknown key `{name}`{where} (the schema allows no "
                                      f"other keys)"))
        if issues:
            return issues
    start, end = fm.span(node) if node is not None else (fm.content_start, fm.content_start)
    if validator == "type":
        return _type_issue(fm, path, error.instance, _as_list(error.validator_value))
    if validator == "format":
        return [SchemaIssue("format", start, end, f"`{label}`: {_short(error.instance)} is not a "
                                                  f"valid {error.validator_value}")]
    if validator == "enum":
        allowed = ", ".join(_short(v, 20) for v in error.validator_value)
        return [SchemaIssue("other", start, end,
                            f"`{label}`: {_short(error.instance)} is not one of {allowed}")]
    if validator == "const":
        return [SchemaIssue("other", start, end, f"`{label}`: {_short(error.instance)} must be "
                                                 f"{_short(error.validator_value)}")]
    message = _shorten_reprs(error.message)
    return [SchemaIssue("other", start, end, f"`{label}`: {message}" if path else message)]


def _type_issue(fm: FrontMatterBlock, path: list, instance: Any,
                expected: list) -> list[SchemaIssue]:
    _, node = fm.lookup(path)
    start, end = fm.span(node) if node is not None else (fm.content_start, fm.content_start)
    wanted = " or ".join(dict.fromkeys(str(t) for t in expected))
    message = f"`{_label(path)}`: expected {wanted}, got {json_type(instance)} " \
              f"{_short(instance)}"
    return [SchemaIssue("type", start, end, message)]


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _label(path: list) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "front matter"


def _first_line(fm: FrontMatterBlock, node) -> tuple[int, int]:
    if node is None:
        return fm.content_start, fm.content_start
    start, end = fm.span(node)
    newline = fm.text.find("\n", start, end)
    return start, (newline if newline >= 0 else end)


def _missing_required(error: ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    names = [n for n in error.validator_value if n not in instance]
    # jsonschema reports each missing key as its own error; keep the one it names.
    named = [n for n in names if repr(n) in error.message]
    return named or names[:1]


def _unexpected_keys(error: ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = set(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    return [k for k in instance
            if k not in known and not any(p.search(k) for p in patterns)
            and repr(k) in error.message]


def json_type(value: Any) -> str:
    """The JSON Schema type name of a loaded value ("integer" for ints)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _short(value: Any, limit: int = 60) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_LONG_REPR = re.compile(r"('[^']{60,}'|\"[^\"]{60,}\"|\{[^{}]{80,}\}|\[[^\[\]]{80,}\])")


def _shorten_reprs(message: str) -> str:
    return _LONG_REPR.sub(lambda m: m.group(0)[:57] + "…" + m.group(0)[-1], message)
