"""Reporters: text, json, json-lines, github annotations, SARIF 2.1.0."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from conftest import lint_text

from lint_corpus.config import Settings
from lint_corpus.model import Edit, Finding, Fix, Severity
from lint_corpus.registry import load_catalogue
from lint_corpus.report import FORMATS
from lint_corpus.report import text as text_report
from lint_corpus.report.github import escape_data, escape_property

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json"
JSON_KEYS = ["path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
             "message", "fix"]

# Three findings: FM004 (error, no fix), FM007 (warning, safe fix), FM009 (info, unsafe fix).
DOC = "---\ntitle: \"a\"\ntitle: \"b\"\nlive: yes\ndate: 2021-06-30\n---\n"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(Settings(), plugins=False)


@pytest.fixture(scope="module")
def findings():
    return lint_text(DOC, path="news/doc.md", select=["FM"])


def render(fmt, findings, catalogue) -> str:
    out = io.StringIO()
    FORMATS[fmt](findings, catalogue, out)
    return out.getvalue()


def test_formats_offered():
    assert set(FORMATS) == {"text", "json", "json-lines", "github", "sarif"}


def test_text(findings, catalogue):
    assert render("text", findings, catalogue).splitlines() == [
        "news/doc.md:3:1: FM004 duplicate key `title` (first on line 2); loaders keep only the "
        "last value",
        "news/doc.md:4:7: FM007 [*] `yes` is read as the boolean true by YAML 1.1 but as a "
        "string by YAML 1.2; write `true`, or quote it if it is text",
        "news/doc.md:5:7: FM009 unquoted timestamp `2021-06-30` loads as a date object, not a "
        "string; quote it so every loader sees the same text",
    ]


@pytest.mark.parametrize("found, files, lines", [
    ([], 3, ["All checks passed (3 files)."]),
    ([], 1, ["All checks passed (1 file)."]),
    (None, 2, ["Found 3 findings (1 error, 1 warning, 1 info) in 2 files.",
               "[*] 1 fixable with `lint-corpus fix`.",
               "1 more fixable with `lint-corpus fix --unsafe-fixes`."]),
])
def test_text_summary(findings, found, files, lines):
    out = io.StringIO()
    text_report.summary(findings if found is None else found, files, out)
    assert out.getvalue().splitlines() == lines


def test_json_has_exactly_the_documented_keys(findings, catalogue):
    data = json.loads(render("json", findings, catalogue))
    assert [list(item) for item in data] == [JSON_KEYS] * 3
    first, second, third = data
    assert first == {"path": "news/doc.md", "line": 3, "column": 1, "end_line": 3,
                     "end_column": 6, "code": "FM004", "rule": "duplicate-key",
                     "severity": "error", "message": first["message"], "fix": None}
    assert second["fix"] == {"applicability": "safe", "description": "write `true`"}
    assert (second["severity"], third["severity"]) == ("warning", "info")
    assert third["fix"] == {"applicability": "unsafe", "description": "quote the timestamp"}


def test_json_of_nothing_is_an_empty_array(catalogue):
    assert json.loads(render("json", [], catalogue)) == []


def test_json_lines_one_object_per_line(findings, catalogue):
    lines = render("json-lines", findings, catalogue).splitlines()
    assert [json.loads(line) for line in lines] == json.loads(render("json", findings, catalogue))
    assert render("json-lines", [], catalogue) == ""


def test_json_keeps_unicode(catalogue):
    found = [Finding("caf\u00e9.md", 1, 1, 1, 2, "TXT006", "irregular-whitespace",
                     Severity.INFO, "irregular space U+00A0 in \u201cx\u201d")]
    assert "caf\u00e9.md" in render("json", found, catalogue)


# -- GitHub annotations ------------------------------------------------------------------


@pytest.mark.parametrize("value, data, prop", [
    ("plain", "plain", "plain"),
    ("100% sure", "100%25 sure", "100%25 sure"),
    ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
    ("key: value, more", "key: value, more", "key%3A value%2C more"),
    ("%3A", "%253A", "%253A"),  # the escape character is escaped first
])
def test_github_escaping(value, data, prop):
    assert escape_data(value) == data
    assert escape_property(value) == prop


def test_github_annotations(findings, catalogue):
    assert render("github", findings, catalogue).splitlines() == [
        "::error file=news/doc.md,line=3,col=1,endLine=3,endColumn=6,title=FM004 duplicate-key"
        "::FM004 duplicate key `title` (first on line 2); loaders keep only the last value",
        "::warning file=news/doc.md,line=4,col=7,endLine=4,endColumn=10,"
        "title=FM007 yaml11-boolean::FM007 `yes` is read as the boolean true by YAML 1.1 but "
        "as a string by YAML 1.2; write `true`, or quote it if it is text",
        "::notice file=news/doc.md,line=5,col=7,endLine=5,endColumn=17,"
        "title=FM009 unquoted-timestamp::FM009 unquoted timestamp `2021-06-30` loads as a date "
        "object, not a string; quote it so every loader sees the same text",
    ]


def test_github_escapes_paths_and_messages(catalogue):
    found = [Finding("dir,x/a:b.md", 2, 1, 4, 3, "TXT002", "control-character",
                     Severity.WARNING, "50% of\nlines: bad")]
    (line,) = render("github", found, catalogue).splitlines()
    assert line == ("::warning file=dir%2Cx/a%3Ab.md,line=2,col=1,endLine=4,"
                    "title=TXT002 control-character::TXT002 50%25 of%0Alines: bad")


# -- SARIF -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    # The official SARIF 2.1.0 schema (see tests/data/README.md), checked with formats on.
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_is_valid_against_the_official_schema(findings, catalogue, sarif_validator):
    log = json.loads(render("sarif", findings, catalogue))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator.iter_errors(log)]
    assert errors == []


def test_sarif_schema_check_is_real(findings, catalogue, sarif_validator):
    # The validator rejects a broken log, so the test above can fail.
    log = json.loads(render("sarif", findings, catalogue))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    del log["runs"][0]["results"][1]["message"]
    assert len(list(sarif_validator.iter_errors(log))) >= 2


def test_sarif_structure(findings, catalogue):
    log = json.loads(render("sarif", findings, catalogue))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "lint-corpus"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted(catalogue)  # the whole catalogue, sorted
    fm004 = next(r for r in rules if r["id"] == "FM004")
    assert fm004["name"] == "duplicate-key"
    assert fm004["shortDescription"]["text"] == catalogue["FM004"].summary
    assert "## What it does" in fm004["help"]["markdown"]
    assert fm004["defaultConfiguration"]["level"] == "error"
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("FM004", "error"), ("FM007", "warning"), ("FM009", "note")]
    for result, finding in zip(results, findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"] == finding.message
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "news/doc.md"
        assert location["region"] == {"startLine": finding.line, "startColumn": finding.column,
                                      "endLine": finding.end_line,
                                      "endColumn": finding.end_column}
    assert results[1]["properties"]["fix"] == {"applicability": "safe",
                                               "description": "write `true`"}


def test_sarif_empty_region_and_escaped_uri(catalogue, sarif_validator):
    found = [Finding("my docs/caf\u00e9.md", 1, 1, 1, 1, "LC003", "unreadable-file",
                     Severity.ERROR, "cannot read file: Permission denied")]
    log = json.loads(render("sarif", found, catalogue))
    (result,) = log["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["region"] == {"startLine": 1, "startColumn": 1}
    assert location["artifactLocation"]["uri"] == "my%20docs/caf%C3%A9.md"
    assert list(sarif_validator.iter_errors(log)) == []


def test_sarif_from_the_command_line_to_a_file(cli, tmp_path, sarif_validator):
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    result = cli(["check", "--isolated", "--select", "FM", "--output-format", "sarif", "-o",
                  "report.sarif", "doc.md"], cwd=tmp_path)
    assert result.code == 1 and result.out == ""
    assert "Found 3 findings" in result.err  # the summary goes to stderr for machine formats
    log = json.loads((tmp_path / "report.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["FM004", "FM007", "FM009"]
    assert list(sarif_validator.iter_errors(log)) == []


def test_finding_dict_for_a_fix(catalogue):
    finding = Finding("a.md", 1, 1, 1, 2, "X1", "x", Severity.INFO, "m",
                      Fix.safe("do it", Edit(0, 1, "")))
    assert finding.to_dict()["fix"] == {"applicability": "safe", "description": "do it"}
