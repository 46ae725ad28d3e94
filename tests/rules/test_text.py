"""TXT rules: text hygiene over the whole file."""

from __future__ import annotations

import pytest
from conftest import fix_text, lint_text, located

TXT = ["TXT"]

VALID = [
    pytest.param("Plain text with a final newline.\n", "a.txt", id="plain"),
    pytest.param("Curly \u201cquotes\u201d, caf\u00e9, na\u00efve, \u2013 dashes.\n", "a.txt",
                 id="real-unicode"),
    pytest.param("\u5357\u97d3\u306eAI\u6226\u7565\u3002\n", "a.txt", id="cjk"),
    pytest.param("Tabs\tinside\tare fine.\n", "a.txt", id="inner-tabs"),
    pytest.param("Windows\r\nline endings\r\n", "a.txt", id="crlf"),
    pytest.param("A hard break  \nin Markdown.\n", "a.md", id="markdown-hard-break"),
    pytest.param("Zero\u200dwidth joiner is needed by some scripts.\n", "a.txt", id="zwj"),
    pytest.param("", "a.txt", id="empty-file"),
]


@pytest.mark.parametrize("text, path", VALID)
def test_valid_text(text, path):
    assert lint_text(text, path=path, select=TXT) == []


# (text, path, expected findings, text after the safe fixes or None when there is no fix)
INVALID = [
    pytest.param("The senator didn\u00e2\u20ac\u2122t comment \u00e2\u20ac\u201c yet.\n",
                 "a.txt", [("TXT001", 1, 17), ("TXT001", 1, 30)],
                 "The senator didn\u2019t comment \u2013 yet.\n", id="TXT001-body"),
    pytest.param('---\ntitle: "Caf\u00c3\u00a9 opens"\n---\n', "a.md", [("TXT001", 2, 12)],
                 '---\ntitle: "Caf\u00e9 opens"\n---\n', id="TXT001-front-matter"),
    pytest.param("Breaking\x0bnews\n", "a.txt", [("TXT002", 1, 9)], "Breakingnews\n",
                 id="TXT002-vertical-tab"),
    pytest.param("a\rb\n", "a.txt", [("TXT002", 1, 2)], "ab\n", id="TXT002-bare-cr"),
    pytest.param("x\x7fy\n", "a.txt", [("TXT002", 1, 2)], "xy\n", id="TXT002-del"),
    pytest.param("no newline", "a.txt", [("TXT003", 1, 11)], "no newline\n", id="TXT003"),
    pytest.param("a\r\nb", "a.txt", [("TXT003", 2, 2)], "a\r\nb\r\n", id="TXT003-crlf"),
    pytest.param("text   \n", "a.txt", [("TXT004", 1, 5)], "text\n", id="TXT004-spaces"),
    pytest.param("text\t\n", "a.txt", [("TXT004", 1, 5)], "text\n", id="TXT004-tab"),
    pytest.param("two  \n", "a.txt", [("TXT004", 1, 4)], "two\n", id="TXT004-txt-no-hard-break"),
    pytest.param("---\ntitle: x  \n---\n", "a.md", [("TXT004", 2, 9)], "---\ntitle: x\n---\n",
                 id="TXT004-front-matter-of-markdown"),
    pytest.param("text \r\nmore\r\n", "a.txt", [("TXT004", 1, 5)], "text\r\nmore\r\n",
                 id="TXT004-before-crlf"),
    pytest.param("a\r\nb\r\nc\n", "a.txt", [("TXT005", 3, 2)], "a\r\nb\r\nc\r\n",
                 id="TXT005-to-crlf"),
    pytest.param("a\nb\nc\r\n", "a.txt", [("TXT005", 3, 2)], "a\nb\nc\n", id="TXT005-to-lf"),
    pytest.param("South\u00a0Korea\n", "a.txt", [("TXT006", 1, 6)], "South Korea\n",
                 id="TXT006-nbsp"),
    pytest.param("a\u200bb\n", "a.txt", [("TXT006", 1, 2)], "ab\n", id="TXT006-zero-width"),
    pytest.param("a\ufeffb\n", "a.txt", [("TXT006", 1, 2)], "ab\n", id="TXT006-inner-bom"),
    pytest.param("caf\ufffd\ufffd\n", "a.txt", [("TXT007", 1, 4)], None, id="TXT007"),
    # Each rule first asks cheaply whether its characters occur at all: the cases at
    # the edges of those checks.
    pytest.param("a\r\nb\x0cc\r\n", "a.txt", [("TXT002", 2, 2)], "a\r\nbc\r\n",
                 id="TXT002-form-feed-in-crlf-file"),
    pytest.param("end\t", "a.txt", [("TXT004", 1, 4), ("TXT003", 1, 5)], "end\n",
                 id="TXT004-tab-at-end-of-file"),
    pytest.param("one\r\ntwo \t\r\n", "a.txt", [("TXT004", 2, 4)], "one\r\ntwo\r\n",
                 id="TXT004-tab-before-crlf"),
    pytest.param("\ufeffa\ufeffb\n", "a.txt", [("TXT006", 1, 2)], "\ufeffab\n",
                 id="TXT006-inner-bom-after-a-leading-one"),
]


@pytest.mark.parametrize("text, path, expected, fixed", INVALID)
def test_invalid_text(text, path, expected, fixed):
    findings = lint_text(text, path=path, select=TXT)
    assert located(findings) == expected
    assert fix_text(text, path=path, select=TXT) == (text if fixed is None else fixed)
    if fixed is not None:
        assert lint_text(fixed, path=path, select=TXT) == []


def test_mojibake_message_shows_the_repair():
    (finding,) = lint_text("It didn\u00e2\u20ac\u2122t.\n", select=["TXT001"])
    assert finding.message == "mojibake `\u00e2\u20ac\u2122` (should read `\u2019`)"
    assert (finding.end_line, finding.end_column) == (1, 11)


def test_mojibake_fix_keeps_front_matter_parseable():
    text = '---\ntitle: "A \u00e2\u20ac\u0153quoted\u00e2\u20ac\ufffd word"\n---\nBody\n'
    fixed = fix_text(text, select=TXT)
    assert "A \u201cquoted" in fixed
    assert lint_text(fixed, select=["FM"]) == []


def test_replacement_character_message_is_plural_for_a_run():
    one, = lint_text("a\ufffdb\n", select=["TXT007"])
    run, = lint_text("a\ufffd\ufffdb\n", select=["TXT007"])
    assert "characters `" not in one.message and "characters `" in run.message


def test_mixed_endings_report_counts():
    (finding,) = lint_text("a\r\nb\r\nc\n", select=["TXT005"])
    assert "2 CRLF and 1 LF" in finding.message
