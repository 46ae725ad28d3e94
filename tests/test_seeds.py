"""The real scraped documents in shared/seeds: no false front matter or schema findings,
and every finding located. Read in place at test time; skipped when absent.
"""

from __future__ import annotations

import contextlib
import io
import json
import re

import pytest
from conftest import SEEDS

from lint_corpus import cli as cli_module

pytestmark = pytest.mark.skipif(SEEDS is None, reason="shared/seeds not available")

ARTICLES = ("001_", "002_")  # scraped article text, no front matter
_UNQUOTED_TIMESTAMP = re.compile(r"^(?P<lead>[ \t]*publishedDateTime: )\d{4}-\d\d-\d\dT", re.M)
_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) ")


@pytest.fixture(scope="module")
def report():
    """(exit code, findings, stderr) of `check SEEDS --schema news-article` in JSON."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_module.main(["check", "--isolated", "--schema", "news-article",
                                "--output-format", "json", str(SEEDS)])
    return code, json.loads(out.getvalue()), err.getvalue()


def _name(finding) -> str:
    return finding["path"].rsplit("/", 1)[-1]


def test_run_ends_with_findings_and_no_error(report):
    code, findings, err = report
    assert code == 1 and findings
    assert "Traceback" not in err and "internal error" not in err
    assert not [f for f in findings if f["code"] == "LC001"]


def test_articles_get_no_front_matter_or_schema_findings(report):
    _, findings, _ = report
    wrong = [f for f in findings if _name(f).startswith(ARTICLES)
             and f["code"].startswith(("FM", "SCH", "ENC"))]
    assert wrong == []


def test_records_are_valid_news_articles(report):
    _, findings, _ = report
    records = [f for f in findings if not _name(f).startswith(ARTICLES)]
    assert [f for f in records if f["code"].startswith("SCH")] == []
    # The only front matter findings are the unquoted timestamps.
    assert {f["code"] for f in records if f["code"].startswith("FM")} == {"FM009"}


def test_every_unquoted_timestamp_is_reported_exactly_where_it_is(report):
    _, findings, _ = report
    for path in sorted(SEEDS.iterdir()):
        text = path.read_text(encoding="utf-8")
        expected = sorted((text.count("\n", 0, m.start()) + 1, len(m["lead"]) + 1)
                          for m in _UNQUOTED_TIMESTAMP.finditer(text))
        got = sorted((f["line"], f["column"]) for f in findings
                     if f["code"] == "FM009" and _name(f) == path.name)
        assert got == expected, path.name
        if not path.name.startswith(ARTICLES):
            assert expected  # the records do have unquoted timestamps


def test_every_finding_is_inside_its_file(report):
    _, findings, _ = report
    lines = {p.name: p.read_text(encoding="utf-8").split("\n") for p in SEEDS.iterdir()}
    for f in findings:
        text_lines = lines[_name(f)]
        assert 1 <= f["line"] <= len(text_lines), f
        assert 1 <= f["column"] <= len(text_lines[f["line"] - 1]) + 1, f
        assert (f["end_line"], f["end_column"]) >= (f["line"], f["column"]), f


def test_text_output_gives_path_line_column(cli, tmp_path):
    result = cli(["check", "--isolated", "--schema", "news-article", "-q", str(SEEDS)],
                 cwd=tmp_path)
    lines = result.out.splitlines()
    assert lines
    for line in lines:
        match = _LINE.match(line)
        assert match, line
        assert match["path"].startswith(str(SEEDS))
