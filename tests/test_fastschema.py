"""The jsonschema-rs fast path never changes a finding.

It may only answer "certainly valid". Each case compares its answer with jsonschema's
on the same data; whole-corpus runs compare the findings with the fast path on and off.
"""

from __future__ import annotations

import copy
import dataclasses

import pytest
from conftest import EXAMPLES, SEEDS, make_linter, to_document, write_schema
from test_schema_builtin import RECORD

from lint_corpus.fastschema import unsupported_keywords
from lint_corpus.schema import load_schema

pytest.importorskip("jsonschema_rs")


def _record_data() -> dict:
    return to_document(RECORD, "record.md").front_matter.yaml.data


def _set(path: str, value):
    def mutate(data):
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is _DELETE:
            del node[int(last) if last.isdigit() else last]
        else:
            node[int(last) if last.isdigit() else last] = value
    return mutate


_DELETE = object()

MUTATIONS = [
    ("unchanged", lambda data: None),
    ("quality above 100 is allowed", _set("quality", 240)),
    ("empty heat is allowed", _set("heat", None)),
    ("video type", _set("type", "video")),
    ("related item without images", _set("related.0.images", _DELETE)),
    ("extra HTML field", _set("featuredContent", "<p>Hello</p>")),
    ("missing title", _set("title", _DELETE)),
    ("title as a number", _set("title", 42)),
    ("bad date", _set("publishedDateTime", "2022-13-45 25:61")),
    ("date without zone", _set("publishedDateTime", "2022-10-03T08:30:00")),
    ("bad url", _set("webUrl", "not a url")),
    ("url with a space", _set("webUrl", "https://valley-gazette.example/a b")),
    ("relative url", _set("originalUrl", "/2022/10/sleeping-car")),
    ("negative width", _set("images.0.width", -5)),
    ("width as text", _set("images.0.width", "1024")),
    ("float width", _set("images.0.width", 1024.0)),
    ("bool as number", _set("quality", True)),
    ("unknown type", _set("type", "podcast")),
    ("published as yes-string", _set("published", "yes")),
    ("topics not a list", _set("topics", "Heritage")),
    ("empty title", _set("title", "")),
    ("provider without name", _set("provider.name", _DELETE)),
    ("related url broken", _set("related.0.webUrl", "http//broken")),
    ("null provider", _set("provider", None)),
    ("huge integer", _set("heat", 10**40)),
    ("nan quality", _set("quality", float("nan"))),
    ("non-string key", _set("images.0.7", "seven")),
]


@pytest.mark.parametrize("label,mutate", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_fast_path_agrees_with_jsonschema(label, mutate):
    schema = load_schema("news-article")
    assert schema.is_valid is not None, "the shipped schema should have a fast path"
    data = copy.deepcopy(_record_data())
    mutate(data)
    valid = not list(schema.validator.iter_errors(data))
    fast = schema.is_valid(data)
    assert not (fast and not valid), f"{label}: fast path says valid, jsonschema does not"
    if label in ("nan quality", "non-string key"):
        return  # the fast path may decline these; the answer then comes from jsonschema
    assert fast == valid


@pytest.mark.parametrize("schema,expected", [
    ({"type": "object", "properties": {"a": {"type": "string"}}}, set()),
    ({"properties": {"pattern": {"type": "string"}}}, set()),  # a property, not a keyword
    ({"properties": {"a": {"type": "string", "pattern": "^[^\\w]+$"}}}, {"pattern"}),
    ({"patternProperties": {"^x-": {}}}, {"patternProperties"}),
    ({"properties": {"n": {"multipleOf": 0.1}}}, {"multipleOf"}),
    ({"enum": [{"pattern": 1}], "default": {"x-custom": 2}}, set()),  # data, not schemas
    ({"$defs": {"x": {"dependencies": {"a": ["b"]}}}}, {"dependencies"}),
])
def test_unsupported_keywords(schema, expected):
    assert unsupported_keywords(schema) == expected


def test_schema_with_a_pattern_has_no_fast_path(tmp_path):
    path = write_schema(tmp_path, {"properties": {"slug": {"pattern": "^[a-z-]+$"}}})
    assert load_schema(str(path)).is_valid is None


def test_fast_path_follows_local_refs(tmp_path):
    write_schema(tmp_path, {"$defs": {"url": {"type": "string", "format": "uri"}}},
                 "common.json")
    path = write_schema(tmp_path, {"type": "object",
                                   "properties": {"link": {"$ref": "common.json#/$defs/url"}}})
    schema = load_schema(str(path))
    assert schema.is_valid is not None
    assert schema.is_valid({"link": "https://example.org/a"})
    assert not schema.is_valid({"link": "no scheme"})
    assert not schema.is_valid({"link": 3})


def _findings(paths, schema):
    linter = make_linter(select=["ALL"], schema=schema)
    found = []
    for path in paths:
        doc = to_document(path.read_bytes(), path.name)
        found.extend((f.path, f.line, f.column, f.code, f.message) for f in linter.lint(doc))
    return found


@pytest.mark.parametrize("folder", [EXAMPLES, SEEDS], ids=["examples", "seeds"])
def test_findings_identical_with_and_without_fast_path(folder):
    if folder is None:
        pytest.skip("the seeds are not beside this checkout")
    paths = sorted(p for p in folder.rglob("*") if p.is_file())
    fast = load_schema("news-article")
    slow = dataclasses.replace(fast, is_valid=None)
    with_fast = _findings(paths, fast)
    assert with_fast == _findings(paths, slow)
    if folder == EXAMPLES:  # its records break the schema in many ways
        assert sum(code.startswith("SCH") for _, _, _, code, _ in with_fast) >= 5


def test_format_answers_are_remembered_and_bounded(monkeypatch):
    from lint_corpus import fastschema

    calls = []

    def is_even_length(value):
        calls.append(value)
        if value == "boom":
            raise ValueError(value)
        return isinstance(value, str) and len(value) % 2 == 0

    monkeypatch.setattr(fastschema, "FORMAT_MEMO_SIZE", 3)
    check = fastschema._format(is_even_length, ValueError)
    answers = [check(v) for v in ["ab", "abc", "ab", "boom", "boom", "abc"]]
    assert answers == [True, False, True, False, False, False]
    assert calls == ["ab", "abc", "boom"]  # each value checked once
    for value in ["cd", "efgh", "ij"]:  # past the bound the table starts afresh
        check(value)
    check("ab")
    assert calls[-1] == "ab"
    assert check(12) is False and check(12) is False  # not a string: not remembered
    assert calls.count(12) == 2
