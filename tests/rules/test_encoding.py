"""ENC rules: how the bytes decode."""

from __future__ import annotations

import codecs

import pytest
from conftest import fix_text, lint_text, located, to_document

from lint_corpus.model import Applicability

ENC = ["ENC"]

VALID = [
    pytest.param(b"plain ascii text\n", id="ascii"),
    pytest.param("caf\u00e9 and \u2019quotes\u2019 in UTF-8\n".encode(), id="utf8"),
    pytest.param(b"---\ntitle: x\n---\nbody\n", id="front-matter"),
    # A UTF-16 file with its BOM: decoded as UTF-16, the BOM is not a finding.
    pytest.param(codecs.BOM_UTF16_LE + "---\ntitle: x\n---\n".encode("utf-16-le"), id="utf16"),
    pytest.param(b"", id="empty"),
]


@pytest.mark.parametrize("data", VALID)
def test_valid_bytes_give_no_encoding_finding(data):
    assert lint_text(data, select=ENC) == []


INVALID = [
    # (bytes, expected (code, line, column) list, message fragment)
    pytest.param(b"\xef\xbb\xbf---\ntitle: x\n---\n", [("ENC001", 1, 1)],
                 "byte order mark", id="bom-before-front-matter"),
    pytest.param(b"\xef\xbb\xbfJust text.\n", [("ENC001", 1, 1)], "byte order mark",
                 id="bom-before-text"),
    pytest.param(b"line one\ncaf\xe9 au lait\n", [("ENC002", 2, 4)], "byte 0xe9", id="latin1"),
    pytest.param(b"\x93quoted\x94\n", [("ENC002", 1, 1)], "(2 undecodable bytes in the file)",
                 id="cp1252-quotes"),
    # Columns count characters: two multi-byte letters before the bad byte.
    pytest.param("\u00e9t\u00e9 ".encode() + b"\xff\n", [("ENC002", 1, 5)], "byte 0xff",
                 id="column-after-multibyte"),
    pytest.param(b"ok\n\n  x\x81y\n", [("ENC002", 3, 4)], "byte 0x81", id="undefined-in-cp1252"),
]


@pytest.mark.parametrize("data, expected, fragment", INVALID)
def test_invalid_bytes(data, expected, fragment):
    findings = lint_text(data, select=ENC)
    assert located(findings) == expected
    assert fragment in findings[0].message


def test_bom_fix_removes_only_the_mark_and_front_matter_is_still_found():
    data = b"\xef\xbb\xbf---\ntitle: x\n---\nbody\n"
    doc = to_document(data)
    assert doc.front_matter is not None and doc.front_matter.closed
    finding = lint_text(data, select=ENC)[0]
    assert finding.fix.applicability is Applicability.SAFE
    assert fix_text(data, select=ENC) == "---\ntitle: x\n---\nbody\n"


@pytest.mark.parametrize("data, repaired", [
    (b"caf\xe9 au lait\n", "caf\u00e9 au lait\n"),
    (b"\x93quoted\x94 and \x96 dash\n", "\u201cquoted\u201d and \u2013 dash\n"),
])
def test_undecodable_fix_is_unsafe_and_redecodes_as_cp1252(data, repaired):
    finding = lint_text(data, select=ENC)[0]
    assert finding.fix.applicability is Applicability.UNSAFE
    assert fix_text(data, select=ENC) == data.decode("utf-8", "surrogateescape")  # safe: nothing
    assert fix_text(data, select=ENC, unsafe=True) == repaired


def test_byte_undefined_in_cp1252_gets_no_fix():
    # 0x81 is not a Windows-1252 character, so the guess would be wrong.
    finding = lint_text(b"x\x81y\n", select=ENC)[0]
    assert finding.fix is None


def test_utf16_document_round_trips_its_bytes():
    data = codecs.BOM_UTF16_BE + "---\ntitle: \u00e9\n---\n".encode("utf-16-be")
    doc = to_document(data)
    assert doc.encoding == "utf-16-be"
    assert doc.front_matter is not None
    assert doc.encode() == data


def test_bad_utf16_reports_the_first_bad_code_unit():
    # A lone high surrogate (D800) followed by a plain letter cannot decode.
    data = codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8" + "c".encode("utf-16-le")
    findings = lint_text(data, select=ENC)
    assert [f.code for f in findings] == ["ENC002"]
    assert (findings[0].line, findings[0].column) == (1, 3)
    assert "UTF-16-LE" in findings[0].message


# In a file with undecodable bytes, `fix` writes nothing until the bytes are repaired,
# so another rule's fix there is only as safe as the repair (or no fix at all).
BEHIND_REPAIR = [
    # (bytes, the other finding's applicability; None: no fix)
    pytest.param(b"caf\xe9 au lait\nend   \n", Applicability.UNSAFE, id="cp1252-repairable"),
    pytest.param(b"x\x81y\nend   \n", None, id="not-repairable"),
    pytest.param(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8"
                 + "c\nend   \n".encode("utf-16-le"), None, id="bad-utf16"),
    pytest.param(b"caf\xc3\xa9 au lait\nend   \n", Applicability.SAFE, id="valid-utf8"),
]


@pytest.mark.parametrize("data, applicability", BEHIND_REPAIR)
def test_fixes_in_undecodable_file_wait_for_the_repair(data, applicability):
    findings = lint_text(data, select=["ENC", "TXT004"])
    trailing = [f for f in findings if f.code == "TXT004"]
    assert len(trailing) == 1
    fix = trailing[0].fix
    assert (fix.applicability if fix is not None else None) is applicability
    if applicability is Applicability.UNSAFE:
        assert fix_text(data, select=["ENC", "TXT004"]) == data.decode("utf-8", "surrogateescape")
        assert fix_text(data, select=["ENC", "TXT004"], unsafe=True) == "caf\u00e9 au lait\nend\n"
