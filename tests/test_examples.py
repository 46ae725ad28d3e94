"""The bundled example corpus: what each file is there to show (examples/README.md)."""

from __future__ import annotations

import shutil

import pytest
from conftest import EXAMPLES, REPO, lint_text, located

CORE = ["FM", "SCH", "ENC", "TXT"]  # the families this corpus pins down exactly


def findings_for(name: str, select=None):
    return lint_text((EXAMPLES / name).read_bytes(), path=name, select=select,
                     schema="news-article")


def test_corpus_shape():
    names = sorted(p.name for p in EXAMPLES.iterdir())
    assert 8 <= len(names) <= 14
    assert not [n for n in names if n.lower().startswith("readme")]
    described = (REPO / "examples" / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert f"`{name}`" in described, f"{name} is not described in examples/README.md"


def test_git_keeps_the_bytes():
    attributes = (REPO / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "examples/corpus/** -text" in attributes
    crlf = (EXAMPLES / "record-crlf.txt").read_bytes()
    assert crlf.count(b"\r\n") == crlf.count(b"\n") > 10
    assert (EXAMPLES / "record-bom.md").read_bytes().startswith(b"\xef\xbb\xbf---\n")
    with pytest.raises(UnicodeDecodeError):
        (EXAMPLES / "article-cp1252.txt").read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", ["record-clean.md", "record-valid-variants.md"])
def test_clean_records_give_no_finding_at_all(name):
    assert findings_for(name) == []


EXPECTED = [
    ("record-syntax-error.md", [("FM002", 14, 11)]),
    ("record-yaml11.md", [("FM009", 5, 20), ("FM007", 11, 12), ("FM008", 12, 14),
                          ("FM004", 13, 1), ("FM009", 24, 24), ("FM007", 31, 15)]),
    ("record-tabs.md", [("FM003", 10, 1), ("FM003", 11, 1)]),
    ("record-unclosed.md", [("FM001", 1, 1)]),
    ("record-crlf.txt", [("SCH002", 9, 10), ("SCH002", 11, 12), ("SCH002", 17, 9)]),
    ("record-bom.md", [("ENC001", 1, 1), ("SCH003", 5, 20), ("SCH003", 7, 9)]),
    ("record-schema.md", [("SCH001", 2, 1), ("TXT001", 3, 26), ("TXT001", 3, 48),
                          ("SCH005", 7, 7), ("SCH001", 13, 3)]),
    ("article-cp1252.txt", [("ENC002", 3, 124)]),
    ("article-tables.md", [("TXT001", 3, 202), ("TXT001", 3, 254)]),
    ("article-ferry-chrome.txt", []),
]


@pytest.mark.parametrize("name, expected", EXPECTED)
def test_damaged_files(name, expected):
    assert located(findings_for(name, select=CORE)) == expected


def test_every_damaged_file_has_findings_with_the_default_rules():
    for name, _ in EXPECTED:
        assert findings_for(name), name


def test_fix_on_a_copy_reaches_a_fixpoint(cli, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    args = ["fix", "--isolated", "--unsafe-fixes", "--schema", "news-article", "-q", "corpus"]
    first = cli(args, cwd=tmp_path)
    assert first.code == 1 and "Traceback" not in first.err
    fixed = {p.name: p.read_bytes() for p in corpus.iterdir()}
    assert fixed["record-crlf.txt"] == (EXAMPLES / "record-crlf.txt").read_bytes()  # no fix
    assert "caf\u00e9 on the gallery".encode() in fixed["article-cp1252.txt"]
    assert not fixed["record-bom.md"].startswith(b"\xef\xbb\xbf")
    second = cli(args, cwd=tmp_path)
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == fixed
    # What remains in the records cannot be fixed: the YAML and the values need a person.
    remaining = {line.split(": ")[1].split()[0] for line in second.out.splitlines()
                 if line.startswith("corpus/record-")}
    assert sorted(remaining) == ["FM003", "FM004", "SCH001", "SCH002", "SCH003", "SCH005"]
    # The unquoted ": " was quoted; the schema now checks that record's values too.
    assert b'name: "KX: Kitchen Experiments"' in fixed["record-syntax-error.md"]
