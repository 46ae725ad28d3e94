"""SCH rules: JSON Schema errors, each kind at the line and column of its node."""

from __future__ import annotations

import pytest
from conftest import lint_text, located, write_schema

from lint_corpus.schema import load_schema

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["title", "webUrl"],
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "webUrl": {"type": "string", "format": "uri"},
        "date": {"type": "string", "format": "date-time"},
        "count": {"type": "integer", "maximum": 10},
        "kind": {"enum": ["a", "b"]},
        "fixed": {"const": "x"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "when": {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]},
        "provider": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": {"type": "string"}, "domain": {"type": "string"}},
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}

HEAD = '---\ntitle: "T"\nwebUrl: "https://site.example/a"\n'  # lines 1-3


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    return load_schema(str(write_schema(tmp_path_factory.mktemp("schema"), SCHEMA)))


VALID = [
    pytest.param(HEAD + "---\n", id="minimal"),
    pytest.param(HEAD + 'date: "2020-12-07T16:22:00Z"\ncount: 10\nkind: b\nfixed: x\n---\n',
                 id="all-fields"),
    # Unquoted timestamps are validated as the text written, so date-time passes.
    pytest.param(HEAD + "date: 2020-12-07T16:22:00Z\n---\n", id="unquoted-timestamp"),
    pytest.param(HEAD + "when:\ntags: []\nprovider:\n  name: N\n---\n", id="null-and-nested"),
    pytest.param("No front matter here: an article is not a record.\n", id="no-front-matter"),
]


VALID += [
    pytest.param('+++\ntitle = "T"\nwebUrl = "https://site.example/a"\n'
                 'date = 2021-06-30T10:00:00Z\ntags = ["a", "b"]\n[provider]\nname = "N"\n+++\n',
                 id="toml"),
]


@pytest.mark.parametrize("text", VALID)
def test_valid_documents(text, schema):
    assert lint_text(text, select=["SCH"], schema=schema) == []


INVALID = [
    # (text, [(code, line, column)], message fragment of the first finding)
    pytest.param('---\ntitle: "T"\n---\n', [("SCH001", 2, 1)], "missing required key `webUrl`",
                 id="required-top-level"),
    pytest.param("---\ncount: 1\n---\n", [("SCH001", 2, 1), ("SCH001", 2, 1)],
                 "missing required key `", id="two-required-missing"),
    pytest.param(HEAD + "provider:\n  domain: d\n---\n", [("SCH001", 5, 3)],
                 "missing required key `name` in provider", id="required-nested"),
    pytest.param(HEAD + "provider: {domain: d}\n---\n", [("SCH001", 4, 11)],
                 "in provider", id="required-in-flow-mapping"),
    pytest.param(HEAD + 'count: "ten"\n---\n', [("SCH002", 4, 8)],
                 '`count`: expected integer, got string "ten"', id="type"),
    pytest.param(HEAD + "tags:\n  - a\n  - 7\n---\n", [("SCH002", 6, 5)],
                 "`tags[1]`: expected string, got integer 7", id="type-in-list"),
    pytest.param(HEAD + "count: 2.5\n---\n", [("SCH002", 4, 8)], "got number 2.5",
                 id="float-for-integer"),
    pytest.param(HEAD + "count: yes\n---\n", [("SCH002", 4, 8)], "got boolean true",
                 id="yaml11-bool-is-a-boolean"),
    pytest.param(HEAD + 'date: "yesterday"\n---\n', [("SCH003", 4, 7)],
                 '"yesterday" is not a valid date-time', id="format-date-time"),
    # An unquoted date is the text "2020-12-07": not a date-time.
    pytest.param(HEAD + "date: 2020-12-07\n---\n", [("SCH003", 4, 7)], "2020-12-07",
                 id="format-unquoted-date"),
    pytest.param('---\ntitle: "T"\nwebUrl: "site.example/a"\n---\n', [("SCH003", 3, 9)],
                 "is not a valid uri", id="format-uri"),
    pytest.param(HEAD + "titel: x\n---\n", [("SCH004", 4, 1)], "unknown key `titel`",
                 id="additional-top-level"),
    pytest.param(HEAD + "provider:\n  name: N\n  colour: red\n---\n", [("SCH004", 6, 3)],
                 "unknown key `colour` in provider", id="additional-nested"),
    pytest.param(HEAD + "kind: c\n---\n", [("SCH005", 4, 7)], '"c" is not one of "a", "b"',
                 id="enum"),
    pytest.param(HEAD + "count: 11\n---\n", [("SCH005", 4, 8)], "maximum", id="maximum"),
    pytest.param(HEAD + "fixed: y\n---\n", [("SCH005", 4, 8)], '"y" must be "x"', id="const"),
    pytest.param('---\ntitle: ""\nwebUrl: "https://a.example"\n---\n', [("SCH005", 2, 8)],
                 "`title`", id="min-length"),
    # anyOf: the branch that matches the type explains the error (best match).
    pytest.param(HEAD + 'when: "soon"\n---\n', [("SCH003", 4, 7)],
                 '`when`: "soon" is not a valid date-time', id="anyof-best-match-format"),
    # No branch is better: the message lists every type the branches accept.
    pytest.param(HEAD + "when: 12\n---\n", [("SCH002", 4, 7)],
                 "`when`: expected string or null, got integer 12", id="anyof-all-types"),
]


TOML_HEAD = '+++\ntitle = "T"\nwebUrl = "https://site.example/a"\n'  # lines 1-3
INVALID += [
    # TOML front matter is validated by the same schema, located by its keys' lines.
    pytest.param('+++\ntitle = "T"\n+++\n', [("SCH001", 2, 1)],
                 "missing required key `webUrl`", id="toml-required"),
    pytest.param(TOML_HEAD + 'count = "ten"\n+++\n', [("SCH002", 4, 9)],
                 '`count`: expected integer, got string "ten"', id="toml-type"),
    pytest.param(TOML_HEAD + "titel = 1\n+++\n", [("SCH004", 4, 1)], "unknown key `titel`",
                 id="toml-additional"),
    pytest.param(TOML_HEAD + '[provider]\nname = "N"\ncolour = "red"\n+++\n',
                 [("SCH004", 6, 1)], "unknown key `colour` in provider",
                 id="toml-additional-in-a-table"),
    pytest.param(TOML_HEAD + "[provider]\ndomain = 'd'\n+++\n", [("SCH001", 4, 1)],
                 "missing required key `name` in provider", id="toml-required-in-a-table"),
    # A TOML date-time is a date-time: validated as its ISO text.
    pytest.param(TOML_HEAD + "date = 2021-06-30\n+++\n", [("SCH003", 4, 8)],
                 "is not a valid date-time", id="toml-date-is-no-date-time"),
]


@pytest.mark.parametrize("text, expected, fragment", INVALID)
def test_invalid_documents(text, expected, fragment, schema):
    findings = lint_text(text, select=["SCH"], schema=schema)
    assert located(findings) == expected
    assert fragment in findings[0].message


def test_end_position_covers_the_value(schema):
    (finding,) = lint_text(HEAD + 'count: "ten"\n---\n', select=["SCH"], schema=schema)
    assert (finding.end_line, finding.end_column) == (4, 13)


def test_duplicate_key_is_validated_with_the_last_value_and_located_there(schema):
    text = HEAD + "count: 1\ncount: \"two\"\n---\n"
    assert located(lint_text(text, select=["SCH"], schema=schema)) == [("SCH002", 5, 8)]


@pytest.mark.parametrize("text", [
    HEAD + "count: [unclosed\n---\n",  # a syntax error: FM002 reports it, not SCH
    "---\n---\n",  # empty: FM006 reports it
])
def test_no_schema_findings_when_the_yaml_cannot_be_validated(text, schema):
    assert lint_text(text, select=["SCH"], schema=schema) == []


def test_a_list_is_validated_as_the_whole_front_matter(schema):
    (finding,) = lint_text("---\n- a\n- b\n---\n", select=["SCH"], schema=schema)
    assert (finding.code, finding.line, finding.column) == ("SCH002", 2, 1)
    assert finding.message.startswith("`front matter`: expected object, got array")


def test_without_a_schema_the_sch_rules_say_nothing():
    assert lint_text('---\ntitle: 5\n---\n', select=["SCH"]) == []


def test_each_kind_can_be_selected_alone(schema):
    text = HEAD + 'count: "ten"\ndate: "x"\ntitel: 1\nkind: z\n---\n'
    everything = located(lint_text(text, select=["SCH"], schema=schema))
    assert everything == [("SCH002", 4, 8), ("SCH003", 5, 7), ("SCH004", 6, 1),
                          ("SCH005", 7, 7)]
    assert located(lint_text(text, select=["SCH003"], schema=schema)) == [("SCH003", 5, 7)]
