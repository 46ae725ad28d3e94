"""JSONL corpora: each record is a document; its other fields are its front matter."""

from __future__ import annotations

import gzip
import json
import re
import shutil

import pytest
from test_parallel import GENERATE

from lint_corpus.jsonl import front_matter_text, record_document, split_record_path

ARGS = ["--isolated", "--no-progress", "--no-cache"]

RECORDS = [
    {"title": "Caf&eacute; owners &amp; the council",
     "excerpt": "The council approves a budget for the harbour and the cafÃ© owners cheer.",
     "quality": "high",
     "text": "First line of the text.\nSecond line with trailing space \n"},
    None,  # a blank line
    {"title": "No text here", "body": "the text is under another name"},
    [1, 2],
    '{"title": "cut short", "text": "x"',
    {"text": "Only a text, clean.\n"},
]


def write_jsonl(path, records, compress=False):
    lines = []
    for record in records:
        if record is None:
            lines.append("")
        elif isinstance(record, str):
            lines.append(record)
        else:
            lines.append(json.dumps(record, ensure_ascii=False))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def test_findings_are_located_by_record_line_and_text_line(cli, tmp_path):
    write_jsonl(tmp_path / "c.jsonl", RECORDS)
    result = cli(["check", "c.jsonl", *ARGS, "--select", "ALL", "--schema", "news-article"],
                 cwd=tmp_path)
    lines = result.out.splitlines()
    assert "c.jsonl#1:2:32: TXT004 [*] trailing whitespace" in lines
    # Fields: on the record's first line, named in the message.
    assert "c.jsonl#1:1:1: TXT001 [*] [excerpt] mojibake `Ã©` (should read `é`)" in lines
    assert any(re.match(r"c\.jsonl#1:1:1: HTML002 \[\*\] `title`: ", line) for line in lines)
    assert "c.jsonl#1:1:1: SCH002 `quality`: expected integer, got string \"high\"" in lines
    assert "c.jsonl#1:1:1: SCH001 missing required key `webUrl`" in lines
    # Records that are not documents, each at its own line; blank lines are skipped.
    assert "c.jsonl#3:1:1: LC003 record has no 'text' field (choose the text field with " \
           "--text-field)" in lines
    assert "c.jsonl#4:1:1: LC003 record is a JSON array, not an object" in lines
    assert any(line.startswith("c.jsonl#5:1:1: LC003 record is not valid JSON") for line in lines)
    assert not any(line.startswith(("c.jsonl#2:", "c.jsonl#6:")) for line in lines)
    assert "in 1 file.\n" in result.out


def test_text_field_option(cli, tmp_path):
    write_jsonl(tmp_path / "c.jsonl", [{"title": "x", "body": "Trailing \n"}])
    assert "LC003" in cli(["check", "c.jsonl", *ARGS], cwd=tmp_path).out
    result = cli(["check", "c.jsonl", *ARGS, "--text-field", "body"], cwd=tmp_path)
    assert result.out.startswith("c.jsonl#1:1:9: TXT004")


def test_github_and_sarif_point_at_the_record_line(cli, tmp_path):
    write_jsonl(tmp_path / "c.jsonl", [None, {"text": "Trailing \n"}])
    github = cli(["check", "c.jsonl", *ARGS, "--output-format", "github"], cwd=tmp_path)
    assert github.out.startswith("::notice file=c.jsonl,line=2,title=TXT004 ")
    assert "(c.jsonl#2:1:9)" in github.out
    sarif = cli(["check", "c.jsonl", *ARGS, "--output-format", "sarif"], cwd=tmp_path).json()
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "c.jsonl"
    assert location["region"] == {"startLine": 2}
    as_json = cli(["check", "c.jsonl", *ARGS, "--output-format", "json"], cwd=tmp_path).json()
    assert (as_json[0]["path"], as_json[0]["line"], as_json[0]["column"]) == ("c.jsonl#2", 1, 9)
    assert split_record_path("a/c.jsonl.gz#12") == ("a/c.jsonl.gz", 12)
    assert split_record_path("a/notes.md") == ("a/notes.md", None)


def _corpus(tmp_path, count):
    folder = tmp_path / "md"
    folder.mkdir()
    records = []
    for index, (name, text) in enumerate(GENERATE.documents(count)):
        (folder / f"{index:03d}{'.md' if name.endswith('.md') else '.txt'}").write_text(text)
        records.append(GENERATE.to_record(name, text))
    write_jsonl(tmp_path / "c.jsonl", records)
    return folder


def _by_document(output: str, pattern: str) -> list[str]:
    out = []
    for line in output.splitlines():
        match = re.match(pattern, line)
        if match:
            out.append(f"{int(match.group(1))}:{match.group(2)}")
    return out


def test_a_jsonl_corpus_gives_the_findings_of_the_same_files(cli, tmp_path):
    """Bodies and fields are checked as in Markdown files (timestamps are strings in JSON)."""
    _corpus(tmp_path, 24)
    selection = ["--select", "ALL", "--ignore", "FM009,TXT004", "--schema", "news-article"]
    files = cli(["check", "md", *ARGS, *selection], cwd=tmp_path)
    records = cli(["check", "c.jsonl", *ARGS, *selection], cwd=tmp_path)
    from_files = _by_document(files.out, r"md/(\d+)\.\w+:(.*)")
    from_records = [f"{int(n) - 1}:{rest}" for n, rest in
                    (item.split(":", 1) for item in
                     _by_document(records.out, r"c\.jsonl#(\d+):(.*)"))]
    assert from_files == from_records
    assert any(" CH005 " in line for line in from_files)


@pytest.mark.parametrize("compress", [False, True])
def test_fix_rewrites_the_records_atomically(cli, tmp_path, compress):
    name = "c.jsonl.gz" if compress else "c.jsonl"
    path = write_jsonl(tmp_path / name, RECORDS, compress=compress)
    before = (gzip.decompress(path.read_bytes()) if compress else path.read_bytes()).split(b"\n")
    result = cli(["fix", name, *ARGS, "--show-fixes"], cwd=tmp_path)
    assert result.code == 1
    assert f"{name}#1: HTML002, TXT001, TXT004" in result.out
    after = (gzip.decompress(path.read_bytes()) if compress else path.read_bytes()).split(b"\n")
    assert len(after) == len(before)
    assert after[1:] == before[1:]  # records without fixes keep their exact bytes
    fixed = json.loads(after[0])
    assert fixed == {"title": "Café owners & the council",
                     "excerpt": "The council approves a budget for the harbour and the café "
                                "owners cheer.",
                     "quality": "high",
                     "text": "First line of the text.\nSecond line with trailing space\n"}
    assert list(fixed) == list(RECORDS[0])  # field order kept
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no temporary file left
    again = cli(["fix", name, *ARGS], cwd=tmp_path)
    assert "Fixed" not in again.out
    assert (gzip.decompress(path.read_bytes()) if compress else path.read_bytes()).split(
        b"\n") == after


def test_fix_of_a_jsonl_corpus_matches_the_fix_of_the_files(cli, tmp_path):
    folder = _corpus(tmp_path, 16)
    shutil.copy(tmp_path / "c.jsonl", tmp_path / "two.jsonl")
    cli(["fix", "md", *ARGS, "--select", "ALL", "--ignore", "FM009,TXT004"], cwd=tmp_path)
    one = cli(["fix", "c.jsonl", *ARGS, "--select", "ALL", "--jobs", "1"], cwd=tmp_path)
    two = cli(["fix", "two.jsonl", *ARGS, "--select", "ALL", "--jobs", "2"], cwd=tmp_path)
    assert one.out.replace("c.jsonl", "X") == two.out.replace("two.jsonl", "X")
    assert (tmp_path / "c.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    records = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text().splitlines()]
    for index, record in enumerate(records):
        text = next(folder.glob(f"{index:03d}.*")).read_text()
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        assert record["text"] == body


def test_diff_writes_nothing(cli, tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", RECORDS)
    before = path.read_bytes()
    result = cli(["fix", "c.jsonl", *ARGS, "--diff"], cwd=tmp_path)
    assert "--- a/c.jsonl#1\n+++ b/c.jsonl#1\n" in result.out
    assert path.read_bytes() == before


def test_read_only_jsonl_is_reported_and_left_alone(cli, tmp_path, monkeypatch):
    path = write_jsonl(tmp_path / "c.jsonl", RECORDS)
    before = path.read_bytes()
    import lint_corpus.cli as cli_module

    real_access = cli_module.os.access
    monkeypatch.setattr(cli_module.os, "access",
                        lambda p, mode: False if str(p).endswith("c.jsonl") else
                        real_access(p, mode))
    result = cli(["fix", "c.jsonl", *ARGS], cwd=tmp_path)
    assert path.read_bytes() == before
    assert result.out.startswith("c.jsonl:1:1: LC004 cannot write fixes")
    assert "c.jsonl#1:2:32: TXT004 [*] trailing whitespace" in result.out


def test_check_with_jobs_2_equals_jobs_1(cli, tmp_path):
    _corpus(tmp_path, 30)
    args = ["check", "c.jsonl", *ARGS, "--select", "ALL", "--schema", "news-article"]
    assert cli([*args, "--jobs", "1"], cwd=tmp_path).out == \
        cli([*args, "--jobs", "2"], cwd=tmp_path).out


def test_fields_become_front_matter_that_reads_back_the_same():
    fields = json.loads('{"a": 1.5e+20, "b": [1, {"c": null, "d": []}], "no": true, '
                        '"e": {}, "f": "x: y # z", "": "empty key", "g": [[1, 2], []]}',
                        object_pairs_hook=__import__("lint_corpus.jsonl").jsonl._Object)
    text = front_matter_text(fields) + "body\n"
    doc, record = record_document(json.dumps({**json.loads(json.dumps(_plain(fields))),
                                              "text": "body\n"}).encode(), "x.jsonl", 1,
                                  "text", 10_000)
    assert doc.text == text
    assert doc.front_matter.yaml.error is None
    assert doc.front_matter.yaml.data == {"a": 1.5e20, "b": [1, {"c": None, "d": []}],
                                          "no": True, "e": {}, "f": "x: y # z",
                                          "": "empty key", "g": [[1, 2], []]}
    assert not doc.front_matter.yaml.surprises


def _plain(value):
    from lint_corpus.jsonl import _plain as plain

    return plain(value)
