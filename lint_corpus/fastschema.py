"""A compiled fast path for front matter that is valid: jsonschema-rs.

Most front matter of a corpus is valid, and jsonschema spends about a millisecond on
a news record proving it (``descend``, ``evolve`` and ``$ref`` lookups). jsonschema-rs
answers "valid?" in a few microseconds. Only its yes is trusted: when it says valid,
there are no issues; when it says invalid, or cannot take the data (a key that is not
a string, a string with lone surrogates), jsonschema finds the errors and their
locations as before. So the findings never change, provided jsonschema-rs is never
more lenient than jsonschema. To make sure of that:

- format checks call jsonschema's own checkers (date-time, uri, ...); formats that
  jsonschema does not check are only stricter in jsonschema-rs, which is safe;
- the fast path is used only for schemas whose every keyword is in ``SAME_SEMANTICS``,
  keywords both libraries implement identically for JSON data. ``pattern`` (Python
  and ECMA regexes differ on ``\\w``, ``\\s``, ``$``), ``multipleOf`` (float
  arithmetic) and a few others turn it off for that schema, which then validates as
  before, only slower.

Without jsonschema-rs (no wheel for the platform), every document takes the slow path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Keywords whose results agree between jsonschema and jsonschema-rs on JSON values.
SAME_SEMANTICS = frozenset({
    # identifiers, references and annotations
    "$schema", "$id", "$ref", "$defs", "definitions", "$comment", "$anchor", "$vocabulary",
    "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
    # assertions and applicators
    "type", "enum", "const", "format",
    "properties", "required", "additionalProperties", "propertyNames", "minProperties",
    "maxProperties", "dependentRequired",
    "items", "prefixItems", "additionalItems", "minItems", "maxItems", "uniqueItems",
    "contains", "minContains", "maxContains",
    "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
})
# Keywords whose values are maps of names to schemas: the names are not keywords.
_NAMED_SCHEMAS = frozenset({"properties", "$defs", "definitions"})
# Keywords whose values are data, not schemas.
_DATA = frozenset({"enum", "const", "default", "examples", "required", "dependentRequired",
                   "$vocabulary"})


def unsupported_keywords(contents: Any) -> set[str]:
    """Keywords of a schema outside ``SAME_SEMANTICS``."""
    found: set[str] = set()
    stack = [contents]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key not in SAME_SEMANTICS:
                    found.add(key)
                elif key in _NAMED_SCHEMAS and isinstance(value, dict):
                    stack.extend(value.values())
                elif key not in _DATA:
                    stack.append(value)
    return found


def compile_fast_path(documents: list, format_checker,
                      retrieve: Callable[[str], Any]) -> Callable[[Any], bool] | None:
    """A predicate ``data -> True`` when the data is certainly valid, or None.

    ``documents`` are the schema followed by the local schema files its ``$ref``s
    name; ``retrieve`` gives the contents of a ``file:`` URI (and refuses others).
    """
    try:
        import jsonschema_rs
    except ImportError:
        return None
    if any(unsupported_keywords(document) for document in documents):
        return None

    formats = {name: _format(check, raises)
               for name, (check, raises) in format_checker.checkers.items()}

    try:
        validator = jsonschema_rs.validator_for(documents[0], validate_formats=True,
                                                formats=formats, retriever=retrieve)
    except Exception:  # noqa: BLE001 - a schema jsonschema-rs cannot compile
        return None

    def is_valid(data: Any) -> bool:
        try:
            return validator.is_valid(data)
        except Exception:  # noqa: BLE001 - data it cannot take: ask jsonschema
            return False

    return is_valid


# Format answers remembered per checker: a corpus repeats its hostnames, dates and
# image hosts in record after record, and the checkers are Python (about 10 us a call
# for a hostname). Bounded: a full table is emptied.
FORMAT_MEMO_SIZE = 20_000


def _format(check, raises) -> Callable[[Any], bool]:
    known: dict[str, bool] = {}

    def answer(value: Any) -> bool:
        try:
            return bool(check(value))
        except raises:
            return False

    def checker(value: Any) -> bool:
        if type(value) is not str:
            return answer(value)
        known_answer = known.get(value)
        if known_answer is None:
            if len(known) >= FORMAT_MEMO_SIZE:
                known.clear()
            known_answer = known[value] = answer(value)
        return known_answer

    return checker
