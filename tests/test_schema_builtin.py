"""The shipped news-article schema, and schema loading in general (drafts, YAML, $ref)."""

from __future__ import annotations

import json

import pytest
from conftest import lint_text, located, write_schema

from lint_corpus.errors import SchemaLoadError
from lint_corpus.resources import builtin_schemas
from lint_corpus.schema import load_schema, missing_format_checkers

RECORD = """---
category: news
title: "Rail museum restores a 1930s sleeping car"
excerpt: "Volunteers spent six winters on the woodwork and the brass fittings."
publishedDateTime: "2022-10-03T08:30:00Z"
originalUrl: "https://valley-gazette.example/2022/10/sleeping-car"
webUrl: "https://valley-gazette.example/2022/10/sleeping-car"
ampWebUrl: "https://valley-gazette.example/amp/2022/10/sleeping-car"
cdnAmpWebUrl: "https://valley--gazette-example.cdn.ampcache.example/c/s/amp/sleeping-car"
type: article
quality: 64
heat: 8
published: false

provider:
  name: Valley Gazette
  domain: valley-gazette.example

topics:
  - Heritage

images:
  - url: "https://img.valley-gazette.example/sleeping-car.jpg"
    width: 1024
    height: 576
    isCached: true

related:
  - title: "Heritage lines report their busiest summer"
    excerpt: "Steam specials sold out across the region."
    publishedDateTime: "2022-09-12T17:05:00Z"
    webUrl: "https://railway-weekly.example/heritage-summer"
    type: article
    provider:
      name: Railway Weekly
      domain: railway-weekly.example
    quality: 45
    images:
      - url: "https://img.railway-weekly.example/summer.jpg"
        width: 600
        height: 338
        isCached: true

secured: "Zx9Cv7Bn5==;Mq3We1=="
---
"""


def check(text: str):
    return lint_text(text, select=["SCH"], schema="news-article")


def where(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the n-th occurrence of ``needle`` in ``text``."""
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def variant(*replacements: tuple[str, str]) -> str:
    text = RECORD
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_schema_is_shipped_and_format_checkers_are_installed():
    assert "news-article" in builtin_schemas()
    # Without these, jsonschema would skip date-time and uri silently.
    assert missing_format_checkers() == []


VALID = [
    pytest.param(RECORD, id="full-record"),
    pytest.param(variant(("quality: 64", "quality: 130")), id="quality-over-100"),
    pytest.param(variant(("heat: 8", "heat:")), id="heat-empty"),
    pytest.param(variant(("heat: 8", "heat: -1")), id="heat-minus-one"),
    pytest.param(variant(("type: article", "type: video")), id="type-video"),
    pytest.param(variant(("    images:\n      - url: \"https://img.railway-weekly.example/summer"
                          ".jpg\"\n        width: 600\n        height: 338\n        isCached:"
                          " true\n", "")), id="related-without-images"),
    pytest.param(variant(("published: false", "published: false\nfeaturedContent: \"<div "
                          "class='story'><p>Six winters of <b>work</b></p></div>\"")),
                 id="html-featured-content"),
    pytest.param(variant(("category: news", "category: news\nlocale: en-GB\ntags: [trains]\n"
                          "updatedDateTime:")), id="extra-fields"),
    pytest.param(variant(('publishedDateTime: "2022-10-03T08:30:00Z"',
                          "publishedDateTime: 2022-10-03T08:30:00Z")), id="unquoted-timestamp"),
    pytest.param(variant(("excerpt: \"Volunteers spent six winters on the woodwork and the brass "
                          "fittings.\"", "excerpt:"), ("ampWebUrl: \"https://valley-gazette."
                          "example/amp/2022/10/sleeping-car\"", "ampWebUrl:")), id="nulls"),
    pytest.param(variant(("  domain: valley-gazette.example\n", "  domain: valley-gazette.example"
                          "\n  images:\n    - url: \"https://img.valley-gazette.example/logo"
                          ".png\"\n      width: 50\n      height: 50\n")), id="provider-images"),
]


@pytest.mark.parametrize("text", VALID)
def test_realistic_variants_are_accepted(text):
    assert check(text) == []


INVALID = [
    # (text, code, needle whose position the finding must have, message fragment)
    pytest.param(variant(('"2022-10-03T08:30:00Z"', '"2022-13-45T08:30:00Z"')), "SCH003",
                 '"2022-13-45', "is not a valid date-time", id="impossible-date"),
    pytest.param(variant(('"2022-10-03T08:30:00Z"', '"03/10/2022"')), "SCH003", '"03/10/2022"',
                 '"03/10/2022" is not a valid date-time', id="slashed-date"),
    pytest.param(variant(("publishedDateTime: \"2022-10-03T08:30:00Z\"",
                          "publishedDateTime: 2022-10-03")), "SCH003", "2022-10-03\n",
                 "is not a valid date-time", id="unquoted-date-only"),
    pytest.param(variant(('webUrl: "https://valley-gazette.example/2022/10/sleeping-car"',
                          'webUrl: "valley-gazette.example/2022/10/sleeping-car"')), "SCH003",
                 '"valley-gazette.example/2022/10/sleeping-car"', "is not a valid uri",
                 id="url-without-scheme"),
    pytest.param(variant(('webUrl: "https://railway-weekly.example/heritage-summer"',
                          'webUrl: "https://railway weekly.example/heritage summer"')),
                 "SCH003", '"https://railway weekly', "`related[0].webUrl`",
                 id="nested-url-with-spaces"),
    pytest.param(variant(('"https://img.railway-weekly.example/summer.jpg"', '"summer.jpg"')),
                 "SCH003", '"summer.jpg"', "`related[0].images[0].url`", id="image-url"),
    pytest.param(variant(("  domain: valley-gazette.example", "  domain: valley gazette")),
                 "SCH003", "valley gazette", "is not a valid hostname", id="domain-hostname"),
    # anyOf [url, null]: the best match is the format error, not "is not null".
    pytest.param(variant(('ampWebUrl: "https://valley-gazette.example/amp/2022/10/sleeping-car"',
                          'ampWebUrl: "amp page"')), "SCH003", '"amp page"',
                 '`ampWebUrl`: "amp page" is not a valid uri', id="anyof-best-match"),
    pytest.param(variant(("quality: 64", "quality: \"64\"")), "SCH002", '"64"',
                 '`quality`: expected integer, got string "64"', id="quality-string"),
    pytest.param(variant(("published: false", "published: \"no\"")), "SCH002", '"no"',
                 "`published`: expected boolean", id="published-string"),
    pytest.param(variant(("topics:\n  - Heritage", "topics: Heritage")), "SCH002", "Heritage",
                 "`topics`: expected array or null", id="topics-string"),
    pytest.param(variant(("quality: 64", "quality: -3")), "SCH005", "-3",
                 "less than the minimum of 0", id="quality-negative"),
    pytest.param(variant(("type: article", "type: gallery")), "SCH005", "gallery",
                 '"gallery" is not one of "article", "video"', id="type-enum"),
    pytest.param(variant(('title: "Rail museum restores a 1930s sleeping car"', 'title: ""')),
                 "SCH005", '""', "`title`", id="empty-title"),
    # A missing required key sits on the first line of the mapping that should hold it.
    pytest.param(variant(('title: "Rail museum restores a 1930s sleeping car"\n', "")),
                 "SCH001", "category", "missing required key `title`", id="missing-title"),
    pytest.param(variant(("  name: Valley Gazette\n", "")), "SCH001",
                 "domain: valley-gazette", "missing required key `name` in provider",
                 id="missing-provider-name"),
    pytest.param(variant(('  - title: "Heritage lines report their busiest summer"\n'
                          '    excerpt', "  - excerpt")), "SCH001", "excerpt: \"Steam",
                 "missing required key `title` in related[0]", id="missing-related-title"),
    pytest.param(variant(('  - url: "https://img.valley-gazette.example/sleeping-car.jpg"\n'
                          '    width', "  - width")), "SCH001", "width: 1024",
                 "missing required key `url` in images[0]", id="missing-image-url"),
]


@pytest.mark.parametrize("text, code, needle, fragment", INVALID)
def test_damage_is_caught_at_its_line_and_column(text, code, needle, fragment):
    findings = check(text)
    assert located(findings) == [(code, *where(text, needle))]
    assert fragment in findings[0].message


def test_missing_provider_is_on_the_first_line_of_the_front_matter():
    text = variant(("provider:\n  name: Valley Gazette\n  domain: valley-gazette.example\n", ""))
    assert located(check(text)) == [("SCH001", 2, 1)]


def test_example_records_with_schema_damage():
    # The bundled example corpus (see examples/README.md) exercises the same paths.
    from conftest import EXAMPLES

    text = (EXAMPLES / "record-crlf.txt").read_bytes()
    assert located(lint_text(text, select=["SCH"], schema="news-article")) == [
        ("SCH002", 9, 10), ("SCH002", 11, 12), ("SCH002", 17, 9)]


# -- other drafts, YAML schemas, $ref -------------------------------------------------------

DRAFT7 = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["title"],
    "definitions": {"when": {"type": "string", "format": "date-time"}},
    "properties": {
        "title": {"type": "string"},
        "date": {"$ref": "#/definitions/when"},
        "link": {"type": "string", "format": "uri"},
    },
    "additionalProperties": False,
}


def test_draft7_schema_with_definitions_and_formats(tmp_path):
    schema = load_schema(str(write_schema(tmp_path, DRAFT7)))
    assert type(schema.validator).__name__ == "Draft7Validator"
    text = '---\ndate: "tomorrow"\nlink: "no scheme"\nextra: 1\n---\n'
    findings = lint_text(text, select=["SCH"], schema=schema)
    assert located(findings) == [("SCH001", 2, 1), ("SCH003", 2, 7), ("SCH003", 3, 7),
                                 ("SCH004", 4, 1)]
    assert lint_text('---\ntitle: t\ndate: "2020-01-02T03:04:05+01:00"\n---\n', select=["SCH"],
                     schema=schema) == []


def test_yaml_schema_file(tmp_path):
    path = tmp_path / "record.schema.yaml"
    path.write_text("type: object\nproperties:\n  n: {type: integer}\n", encoding="utf-8")
    findings = lint_text("---\nn: many\n---\n", select=["SCH"], schema=str(path))
    assert located(findings) == [("SCH002", 2, 4)]


def test_relative_ref_to_a_sibling_file(tmp_path):
    write_schema(tmp_path, {"$defs": {"url": {"type": "string", "format": "uri"}}},
                 "common.schema.json")
    main = write_schema(tmp_path, {"type": "object", "properties": {
        "webUrl": {"$ref": "common.schema.json#/$defs/url"}}}, "main.schema.json")
    findings = lint_text('---\nwebUrl: "not a url"\n---\n', select=["SCH"], schema=str(main))
    assert located(findings) == [("SCH003", 2, 9)]


def test_unresolvable_remote_ref_stops_at_load(tmp_path):
    path = write_schema(tmp_path, {"properties": {
        "a": {"$ref": "https://schemas.invalid/common.json#/$defs/a"}}})
    with pytest.raises(SchemaLoadError, match="cannot resolve \\$ref"):
        load_schema(str(path))


def test_refs_to_embedded_ids_and_meta_schemas_still_load(tmp_path):
    path = write_schema(tmp_path, {
        "$id": "https://records.example/root.json",
        "properties": {"a": {"$ref": "https://records.example/inner.json"},
                       "b": {"$ref": "https://json-schema.org/draft/2020-12/schema"}},
        "$defs": {"inner": {"$id": "https://records.example/inner.json", "type": "string"}},
    })
    findings = lint_text("---\na: 1\nb: 2\n---\n", select=["SCH"], schema=str(path))
    assert located(findings) == [("SCH002", 2, 4), ("SCH002", 3, 4)]


@pytest.mark.parametrize("content, fragment", [
    ("{not json", "invalid JSON"),
    (json.dumps({"type": "objekt"}), "not a valid Draft202012 schema"),
    (json.dumps({"$schema": "http://json-schema.org/draft-07/schema#", "minimum": "0"}),
     "not a valid Draft7 schema at minimum"),
])
def test_broken_schemas_raise_with_the_file_name(tmp_path, content, fragment):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SchemaLoadError) as info:
        load_schema(str(path))
    assert str(path) in str(info.value) and fragment in str(info.value)
