"""The twelve breakage patterns of shared/notes/frontmatter-breakage.md, one case each (or a
few for the patterns that list several forms), with the code, line and column expected.
"""

from __future__ import annotations

import codecs
import re

import pytest
from conftest import lint_text, located

SCHEMA = "news-article"
HEAD = '---\ntitle: "Hospital trials robot porters"\n'  # lines 1-2 of most cases


def run(text, select=("FM", "ENC", "TXT", "SCH"), schema=None, path="doc.md"):
    return located(lint_text(text, path=path, select=list(select), schema=schema))


# (pattern number, text, expected findings)
CASES = [
    # 1. Unquoted ": " inside a value.
    pytest.param(HEAD + "provider:\n  name: GX: Garden Experts\n---\n", [("FM002", 4, 11)],
                 id="1-colon-in-value"),
    # 2. Unquoted " #" truncates; values starting with @ ` % [ * & ! break or change meaning.
    pytest.param(HEAD + "subtitle: Ranked #3 in the region\n---\n", [("FM013", 3, 18)],
                 id="2-hash"),
    pytest.param(HEAD + "subtitle: @porterbot replies\n---\n", [("FM002", 3, 11)],
                 id="2-at"),
    pytest.param(HEAD + "subtitle: `robots` in wards\n---\n", [("FM002", 3, 11)],
                 id="2-backtick"),
    pytest.param(HEAD + "subtitle: %20 faster\n---\n", [("FM002", 3, 11)], id="2-percent"),
    pytest.param(HEAD + "subtitle: [Robot Name] - Guide\n---\n", [("FM002", 3, 24)],
                 id="2-flow-sequence-and-junk"),
    pytest.param(HEAD + "subtitle: *the robot\n---\n", [("FM002", 3, 11)], id="2-asterisk"),
    pytest.param(HEAD + "subtitle: &Sons porters arrive\n---\n", [("FM014", 3, 11)],
                 id="2-ampersand"),
    pytest.param(HEAD + "subtitle: !urgent porters\n---\n", [("FM011", 3, 11)],
                 id="2-exclamation"),
    # 3. A UTF-8 BOM before the opening ---: still read as front matter.
    pytest.param(b"\xef\xbb\xbf" + (HEAD + "title: \"again\"\n---\n").encode(),
                 [("ENC001", 1, 1), ("FM004", 3, 1)], id="3-utf8-bom"),
    pytest.param(codecs.BOM_UTF16_LE + (HEAD + "title: \"again\"\n---\n").encode("utf-16-le"),
                 [("FM004", 3, 1)], id="3-utf16"),
    # 4. CRLF: "---\r" is a delimiter and no \r stays in values; mixed endings are found.
    pytest.param("---\r\ntitle: x\r\ntype: article\r\n---\r\nBody.\r\n", [], id="4-crlf"),
    pytest.param("---\r\ntitle: x\r\ntype: article\n---\r\nBody.\r\n", [("TXT005", 3, 14)],
                 id="4-mixed"),
    # 5. Tabs in indentation.
    pytest.param(HEAD + "provider:\n\tname: Ward News\n---\n", [("FM003", 4, 1)], id="5-tab"),
    # 6. Duplicate keys.
    pytest.param(HEAD + "released: \"2020\"\nreleased: \"2021\"\n---\n", [("FM004", 4, 1)],
                 id="6-duplicate"),
    # 7. Missing or extra delimiters.
    pytest.param(HEAD + "The robots started work on Monday.\n", [("FM001", 1, 1)],
                 id="7-no-closer"),
    pytest.param(HEAD + "...\nBody.\n", [], id="7-dots-closer-is-valid"),
    pytest.param("---\n---\nBody.\n", [("FM006", 1, 1)], id="7-empty-block"),
    pytest.param(HEAD + "---", [("TXT003", 3, 4)], id="7-no-newline-after-closer"),
    pytest.param(HEAD + "---Body glued to the closer.\n", [("FM001", 3, 1)], id="7-glued"),
    pytest.param('title: "x"\ndate: "2021-01-01"\n---\nBody.\n', [("FM015", 1, 1)],
                 id="7-no-opener"),
    # 8. Unquoted dates load as datetimes; 10:00 is 600.
    pytest.param(HEAD + "publishedDateTime: 2020-12-07T16:22:00Z\n---\n", [("FM009", 3, 20)],
                 id="8-timestamp"),
    pytest.param(HEAD + "duration: 10:00\n---\n", [("FM008", 3, 11)], id="8-sexagesimal"),
    # 9. YAML 1.1 booleans, as values and as keys.
    pytest.param(HEAD + "country: no\n---\n", [("FM007", 3, 10)], id="9-no"),
    pytest.param(HEAD + "on: push\n---\n", [("FM007", 3, 1)], id="9-on-key"),
    # 10. Mojibake in titles and URLs; smart quotes do not quote.
    pytest.param('---\ntitle: "Porters \u00e2\u20ac\u201c the robots"\n'
                 'webUrl: "https://ward.example/robots-\u00e2\u20ac\u201c-porters"\n---\n',
                 [("TXT001", 2, 17), ("TXT001", 3, 38)], id="10-mojibake"),
    pytest.param("---\ntitle: \u201cRobots: the new porters\u201d\n---\n", [("FM002", 2, 15)],
                 id="10-curly-quotes"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_pattern(text, expected):
    assert run(text) == expected


def test_pattern_3_bom_keeps_front_matter_validated():
    record = ('---\ntitle: "Hospital trials robot porters"\npublishedDateTime: "yesterday"\n'
              'webUrl: "https://ward.example/robots"\ntype: article\nprovider:\n  name: W\n---\n')
    found = run(b"\xef\xbb\xbf" + record.encode(), schema=SCHEMA)
    assert found == [("ENC001", 1, 1), ("SCH003", 3, 20)]


def test_pattern_4_no_carriage_return_reaches_the_schema():
    record = ('---\r\ntitle: "T"\r\npublishedDateTime: "2021-01-01T00:00:00Z"\r\n'
              'webUrl: "https://ward.example/r"\r\ntype: article\r\nprovider:\r\n  name: W\r\n'
              '---\r\n')
    assert run(record, schema=SCHEMA) == []  # "article\r" would fail the enum


def test_pattern_8_schema_sees_the_source_text_of_timestamps():
    record = (HEAD + "publishedDateTime: 2020-12-07T16:22:00Z\nwebUrl: \"https://w.example/r\"\n"
              "type: article\nprovider:\n  name: W\n---\n")
    assert run(record, select=["SCH", "FM"], schema=SCHEMA) == [("FM009", 3, 20)]


def test_pattern_8_sexagesimal_message_gives_the_number():
    (finding,) = lint_text(HEAD + "duration: 10:00\n---\n", select=["FM008"])
    assert "600" in finding.message


@pytest.mark.parametrize("fields, expected", [
    # 11. heat left empty is null, which the schema allows.
    ("heat:\n", []),
    # ...but a field that is a list elsewhere, given as a string, is a type error.
    ("topics: Robotics\n", [("SCH002", 8, 9)]),
    ("topics:\n", []),
    ("title2:\n", []),
])
def test_pattern_11_empty_and_drifting_values(fields, expected):
    record = ('---\ntitle: "T"\npublishedDateTime: "2021-01-01T00:00:00Z"\n'
              'webUrl: "https://w.example/r"\ntype: article\nprovider:\n  name: W\n' + fields +
              "---\n")
    assert run(record, select=["SCH"], schema=SCHEMA) == expected


_LOCATED = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): [A-Z]+\d+ ")


def test_pattern_12_every_finding_says_where(cli, tmp_path):
    for index, param in enumerate(CASES):
        text = param.values[0]
        data = text if isinstance(text, bytes) else text.encode()
        (tmp_path / f"case{index:02}.md").write_bytes(data)
    result = cli(["check", "--isolated", "--schema", SCHEMA, "-q", "."], cwd=tmp_path)
    lines = result.out.splitlines()
    assert len(lines) >= len([p for p in CASES if p.values[1]])
    for line in lines:
        match = _LOCATED.match(line)
        assert match, line
        assert int(match["line"]) >= 1 and int(match["col"]) >= 1
