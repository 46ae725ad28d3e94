"""FM rules: the front matter block and its YAML.

``VALID`` texts must give no FM finding; each ``INVALID`` case gives the expected
(code, line, column) findings, and, for fixable rules, the text after a safe and after
an unsafe fix run.
"""

from __future__ import annotations

import time

import pytest
import yaml
from conftest import codes, fix_text, lint_text, located

from lint_corpus.model import Applicability

FM = ["FM"]

VALID = [
    pytest.param("---\ntitle: \"A headline\"\ndate: \"2021-06-30\"\n---\nBody.\n", id="quoted"),
    pytest.param("---\ntitle: x\n...\nBody.\n", id="dots-closer"),
    pytest.param("---\ntitle: x\n---", id="closer-at-eof-no-newline"),
    pytest.param("---\r\ntitle: x\r\n---\r\nBody.\r\n", id="crlf"),
    pytest.param("---\nprovider:\n  name: X\n  domain: x.example\ntopics:\n  - AI\n---\n",
                 id="nested"),
    pytest.param("---\npublished: false\nok: true\nlabel: \"no\"\n---\n", id="real-booleans"),
    # PyYAML reads y and n as strings, so they are not booleans to warn about.
    pytest.param("---\ny: n\nanswer: Y\n---\n", id="y-and-n-are-strings"),
    pytest.param("---\ntitle: x  # a real comment\n---\n", id="comment-after-value"),
    pytest.param("---\nbase: &b {a: 1}\nuse: *b\n---\n", id="anchor-used-by-alias"),
    pytest.param("Just an article.\n\n---\n\nA thematic break above.\n", id="no-front-matter"),
    pytest.param("----\ntitle: x\n", id="four-dashes-is-not-an-opener"),
    pytest.param("---\ntitle: x\n---\n\n---\nnot: front matter\n---\n", id="second-block-in-body"),
    pytest.param("---\ntime: \"10:00\"\nzip: \"01234\"\n---\n", id="quoted-numbers"),
    pytest.param("---\nbody: !!str 2020-01-01\n---\n", id="standard-tag"),
    # TOML front matter (Hugo, Zola): not YAML, and no YAML rule reads it.
    pytest.param('+++\ntitle = "A headline"\ndate = 2021-06-30T10:00:00Z\n+++\nBody.\n',
                 id="toml"),
    pytest.param('+++\ntitle = "Update: all systems: go"\n[params]\nshow = "yes"\n+++\n',
                 id="toml-colons-in-a-string"),
]


@pytest.mark.parametrize("text", VALID)
def test_valid_front_matter(text):
    assert lint_text(text, select=FM) == []


# (text, expected findings, safe-fixed text or None, unsafe-fixed text or None)
INVALID = [
    pytest.param("---\ntitle: x\nThe article starts here.\n", [("FM001", 1, 1)],
                 None, "---\ntitle: x\n---\nThe article starts here.\n", id="FM001-unclosed"),
    pytest.param("---\ntitle: x\n", [("FM001", 1, 1)], None, "---\ntitle: x\n---\n",
                 id="FM001-whole-file"),
    pytest.param("---\ntitle: x\n---The article\n", [("FM001", 3, 1)], None,
                 "---\ntitle: x\n---\nThe article\n", id="FM001-glued-closer"),
    pytest.param("---\r\ntitle: x\r\nBody\r\n", [("FM001", 1, 1)], None,
                 "---\r\ntitle: x\r\n---\r\nBody\r\n", id="FM001-keeps-crlf"),
    pytest.param("---\nprovider:\n  name: DM: Dungeon Masters\n---\n", [("FM002", 3, 11)],
                 '---\nprovider:\n  name: "DM: Dungeon Masters"\n---\n', None, id="FM002-colon"),
    pytest.param("---\ntitle: @handle writes\n---\n", [("FM002", 2, 8)],
                 '---\ntitle: "@handle writes"\n---\n', None, id="FM002-at-sign"),
    pytest.param("---\ntitle: [Component Name] - Guide\n---\n", [("FM002", 2, 25)],
                 '---\ntitle: "[Component Name] - Guide"\n---\n', None,
                 id="FM002-flow-sequence"),
    pytest.param('---\ntitle: "He said "no" to it"\n---\n', [("FM002", 2, 18)],
                 '---\ntitle: "He said \\"no\\" to it"\n---\n', None, id="FM002-inner-quotes"),
    pytest.param("---\ntitle: 'Harbour's pier'\n---\n", [("FM002", 2, 17)],
                 "---\ntitle: 'Harbour''s pier'\n---\n", None, id="FM002-inner-apostrophe"),
    pytest.param("---\nrelated:\n  - title: Ferries: a guide\n    url: /f\n---\n",
                 [("FM002", 3, 19)],
                 '---\nrelated:\n  - title: "Ferries: a guide"\n    url: /f\n---\n', None,
                 id="FM002-in-a-list-item"),
    pytest.param("---\nname: A: B\ntitle: C: D\n---\n", [("FM002", 2, 8)],
                 '---\nname: "A: B"\ntitle: "C: D"\n---\n', None, id="FM002-one-line-at-a-time"),
    # No fix where the value is not the rest of the line, or not alone on it.
    pytest.param("---\ntitle: Update: all go # a note\n---\n", [("FM002", 2, 14)], None, None,
                 id="FM002-comment-after-the-value"),
    pytest.param("---\ntitle: Update: all\n  go today\n---\n", [("FM002", 2, 14)], None, None,
                 id="FM002-value-continued-on-the-next-line"),
    pytest.param('---\ntitle: "Update: all\nurl: /u\n---\n', [("FM002", 4, 1)], None, None,
                 id="FM002-quote-left-open"),
    pytest.param("---\nprovider:\n\tname: X\n---\n", [("FM003", 3, 1)], None, None,
                 id="FM003-tab"),
    pytest.param("---\nreleased: \"2020\"\nother: 1\nreleased: \"2021\"\n---\n",
                 [("FM004", 4, 1)], None, None, id="FM004-duplicate"),
    pytest.param("---\nprovider:\n  name: A\n  name: B\n---\n", [("FM004", 4, 3)], None, None,
                 id="FM004-nested-duplicate"),
    pytest.param("---\n- title\n- date\n---\n", [("FM005", 2, 1)], None, None, id="FM005-list"),
    pytest.param("---\njust words\n---\n", [("FM005", 2, 1)], None, None, id="FM005-scalar"),
    pytest.param("---\n---\nBody.\n", [("FM006", 1, 1)], None, "Body.\n", id="FM006-empty"),
    pytest.param("---\n# only a comment\n---\nBody.\n", [("FM006", 1, 1)], None, "Body.\n",
                 id="FM006-comment-only"),
    pytest.param("---\ncountry: no\n---\n", [("FM007", 2, 10)], "---\ncountry: false\n---\n",
                 "---\ncountry: false\n---\n", id="FM007-value"),
    pytest.param("---\non: push\n---\n", [("FM007", 2, 1)], None, '---\n"on": push\n---\n',
                 id="FM007-key-unsafe"),
    pytest.param("---\nlive: Yes\nold: OFF\n---\n", [("FM007", 2, 7), ("FM007", 3, 6)],
                 "---\nlive: true\nold: false\n---\n", "---\nlive: true\nold: false\n---\n",
                 id="FM007-case"),
    pytest.param("---\nstart: 10:00\n---\n", [("FM008", 2, 8)], None,
                 '---\nstart: "10:00"\n---\n', id="FM008-sexagesimal"),
    pytest.param("---\nzip: 01234\n---\n", [("FM008", 2, 6)], None, '---\nzip: "01234"\n---\n',
                 id="FM008-octal"),
    pytest.param("---\npublishedDateTime: 2020-12-07T16:22:00Z\n---\n", [("FM009", 2, 20)],
                 None, '---\npublishedDateTime: "2020-12-07T16:22:00Z"\n---\n',
                 id="FM009-datetime"),
    pytest.param("---\nrelated:\n  - date: 2021-06-30\n---\n", [("FM009", 3, 11)], None,
                 '---\nrelated:\n  - date: "2021-06-30"\n---\n', id="FM009-nested-date"),
    pytest.param("---\npublishedDateTime: 2024-02-30\n---\n", [("FM018", 2, 20)], None,
                 '---\npublishedDateTime: "2024-02-30"\n---\n', id="FM018-no-such-day"),
    pytest.param("---\nrelated:\n  - date: 2024-05-01T25:00:00Z\n---\n", [("FM018", 3, 11)],
                 None, '---\nrelated:\n  - date: "2024-05-01T25:00:00Z"\n---\n',
                 id="FM018-no-such-hour"),
    pytest.param("---\nupdated: 2023-13-01 10:00:00 -5\n---\n", [("FM018", 2, 10)], None,
                 '---\nupdated: "2023-13-01 10:00:00 -5"\n---\n', id="FM018-yaml-spaced-form"),
    pytest.param("---\ntitle: !!python/object/apply:os.system [\"echo hi\"]\n---\n",
                 [("FM010", 2, 8)], None, None, id="FM010-python-tag"),
    pytest.param("---\nbody: !include other.md\n---\n", [("FM011", 2, 7)], None, None,
                 id="FM011-local-tag"),
    pytest.param("---\na: &a [*a]\n---\n", [("FM012", 2, 4)], None, None, id="FM012-recursive"),
    pytest.param("---\ntitle: We are #1 in town\n---\n", [("FM013", 2, 15)], None,
                 '---\ntitle: "We are #1 in town"\n---\n', id="FM013-hash"),
    pytest.param("---\ntitle: &Co announce results\n---\n", [("FM014", 2, 8)], None,
                 '---\ntitle: "&Co announce results"\n---\n', id="FM014-anchor"),
    pytest.param("title: \"A headline\"\ndate: \"2021-06-30\"\n---\nBody.\n", [("FM015", 1, 1)],
                 None, "---\ntitle: \"A headline\"\ndate: \"2021-06-30\"\n---\nBody.\n",
                 id="FM015-no-opener"),
    pytest.param("\n\n---\ntitle: x\n---\nBody.\n", [("FM016", 3, 1)], None,
                 "---\ntitle: x\n---\nBody.\n", id="FM016-blank-lines-first"),
    pytest.param("+++\ntitle = A headline\n+++\nBody.\n", [("FM017", 2, 9)], None, None,
                 id="FM017-unquoted-string"),
    pytest.param('+++\ntitle = "A"\ntitle = "B"\n+++\n', [("FM017", 3, 12)], None, None,
                 id="FM017-duplicate-key"),
    pytest.param('+++\ntitle = "A headline"\n\nBody.\n', [("FM017", 1, 1)], None, None,
                 id="FM017-unclosed"),
    pytest.param("+++\n", [("FM017", 1, 1)], None, None, id="FM017-opener-alone"),
]


@pytest.mark.parametrize("text, expected, safe, unsafe", INVALID)
def test_invalid_front_matter(text, expected, safe, unsafe):
    findings = lint_text(text, select=FM)
    assert located(findings) == expected
    assert fix_text(text, select=FM) == (text if safe is None else safe)
    if unsafe is not None:
        assert fix_text(text, select=FM, unsafe=True) == unsafe
        # A fixed text is clean: the fix really repaired what the rule reported.
        assert lint_text(unsafe, select=FM) == []


@pytest.mark.parametrize("text, fragment", [
    ("---\nname: DM: Dungeon Masters\n---\n", "a value holding `: ` must be quoted"),
    ("---\ntitle: \u201cA: b\u201d\n---\n", "curly quotes do not quote"),
    ("---\ntitle: `code`\n---\n", "must be quoted"),
    ("---\ntitle: *star\n---\n", "a value starting with `*` must be quoted"),
    ("---\ntitle: [Component Name] - Guide\n---\n", "is read as a list or mapping"),
    # TOML: the parser's words, and where an unclosed block is read up to.
    ("+++\ntitle = A headline\n+++\n", "TOML syntax error: Invalid value"),
    ('+++\ntitle = "A"\ndate = 2024-01-01\n\nBody.\n', "read up to line 3"),
    ("+++\n", "never closed and holds nothing"),
])
def test_syntax_error_messages_give_a_hint(text, fragment):
    (finding,) = lint_text(text, select=["FM002", "FM017"])
    assert fragment in finding.message


@pytest.mark.parametrize("value", ["2024-02-29", "2001-12-14 21:59:43.10 -5",
                                   "2024-1-5 10:00:00", "9999-12-31T23:59:59-01:00"])
def test_a_timestamp_that_loads_is_no_invalid_timestamp(value):
    text = f"---\nupdated: {value}\n---\n"
    assert [f.code for f in lint_text(text, select=FM)] == ["FM009"]
    assert yaml.safe_load(text.strip("-\n"))  # what loaders make of it, for the record


@pytest.mark.parametrize("value", ["2024-02-30", "2024-05-01T25:00:00Z", "2023-13-01 10:00:00 -5"])
def test_loaders_fail_on_an_invalid_timestamp(value):
    with pytest.raises(ValueError):
        yaml.safe_load(f"updated: {value}")
    assert [f.code for f in lint_text(f"---\nupdated: {value}\n---\n", select=FM)] == ["FM018"]


def test_duplicate_key_names_the_first_line():
    (finding,) = lint_text("---\nreleased: \"a\"\nx: 1\nreleased: \"b\"\n---\n", select=FM)
    assert "first on line 2" in finding.message


def test_tab_reports_every_tab_line_and_marks_the_one_that_broke_parsing():
    text = "---\nprovider:\n\tname: X\n\tdomain: y\n---\n"
    findings = lint_text(text, select=FM)
    assert located(findings) == [("FM003", 3, 1), ("FM003", 4, 1)]
    assert "cannot be parsed" in findings[0].message
    assert "cannot be parsed" not in findings[1].message


def test_boolean_value_fix_is_safe_but_key_fix_is_unsafe():
    key, value = lint_text("---\non: no\n---\n", select=FM)
    assert key.column == 1 and key.fix.applicability is Applicability.UNSAFE
    assert value.column == 5 and value.fix.applicability is Applicability.SAFE


def test_alias_bomb_is_stopped_quickly():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    text = "---\n" + "\n".join(lines) + "\n---\n"
    started = time.perf_counter()
    findings = lint_text(text, select=["FM", "SCH"], schema="news-article")
    assert time.perf_counter() - started < 2.0
    assert codes(findings) == ["FM012"]  # and schema validation did not run
    assert "alias bomb" in findings[0].message


def test_front_matter_errors_point_into_the_file_not_the_block():
    # Line and column are file positions: the opening delimiter counts.
    text = "---\na: 1\nb: 2\nc: d: e\n---\n"
    assert located(lint_text(text, select=FM)) == [("FM002", 4, 5)]


@pytest.mark.parametrize("scalar", [
    "yes", "No", "on", "OFF", "y", "~", "null", "", "1_000", "012", "0o12", "0x1F", "1:30",
    "-1.5e3", ".inf", ".NaN", "2024-01-31", "2024-01-31 10:00:00", "<<", "=", "plain text",
    "1", '"1"', "'quoted yes'",
])
def test_remembered_tags_are_pyyaml_tags(scalar):
    # Tags of short scalars are remembered per process: asked twice, the answer must be
    # what PyYAML's own loader resolves, in a mapping key and in a value alike.
    from lint_corpus import frontmatter

    text = f"a: {scalar}\n{scalar or 'k'}: 1\n"
    expected = yaml.compose(text, Loader=yaml.SafeLoader)
    for _ in range(2):
        got = yaml.compose(text, Loader=frontmatter._FastLoader)
        assert [(k.tag, v.tag) for k, v in got.value] == [(k.tag, v.tag) for k, v in expected.value]
