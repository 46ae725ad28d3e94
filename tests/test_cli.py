"""The command line: exit codes, error messages, reading problems, the fixer's writes."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO, SEEDS

from lint_corpus import cli as cli_module
from lint_corpus import fix as fix_module
from lint_corpus import sources
from lint_corpus.rules import text as text_rules

CLEAN = "---\ntitle: \"A headline\"\n---\nA clean body.\n"
DIRTY = "---\ntitle: \"A headline\"\n---\nTrailing space here. \n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def found(result) -> list[tuple]:
    return [(f["path"], f["code"], f["line"], f["column"]) for f in result.json()]


# -- exit codes ----------------------------------------------------------------------------


def test_exit_0_when_clean(cli, tmp_path):
    write(tmp_path, "a.md", CLEAN)
    result = cli(["check", "--isolated", "a.md"], cwd=tmp_path)
    assert (result.code, result.out) == (0, "All checks passed (1 file).\n")


def test_exit_1_with_findings_and_exit_zero_flag(cli, tmp_path):
    write(tmp_path, "a.md", DIRTY)
    result = cli(["check", "--isolated", "a.md"], cwd=tmp_path)
    assert result.code == 1
    assert result.out.startswith("a.md:4:21: TXT004 [*] trailing whitespace\n")
    assert cli(["check", "--isolated", "--exit-zero", "a.md"], cwd=tmp_path).code == 0


@pytest.mark.parametrize("args, fragment", [
    ([], "usage: lint-corpus"),
    (["check", "--no-such-flag"], "unrecognized arguments: --no-such-flag"),
    (["check", "--output-format", "xml"], "invalid choice: 'xml'"),
    (["lint"], "invalid choice: 'lint'"),
])
def test_usage_errors_exit_2(capsys, args, fragment):
    try:
        code = cli_module.main(args)
    except SystemExit as exc:  # argparse exits by itself
        code = exc.code
    assert code == 2
    assert fragment in capsys.readouterr().err


def test_missing_path_exits_2_naming_it(cli, tmp_path):
    write(tmp_path, "a.md", CLEAN)
    result = cli(["check", "--isolated", "a.md", "missing/dir", "gone.md"], cwd=tmp_path)
    assert result.code == 2
    assert result.err == "lint-corpus: error: path not found: missing/dir, gone.md\n"
    assert result.out == ""


def test_quiet_prints_findings_only_and_statistics_counts(cli, tmp_path):
    write(tmp_path, "a.md", DIRTY + "again \n")
    quiet = cli(["check", "--isolated", "-q", "a.md"], cwd=tmp_path)
    assert quiet.out.splitlines() == ["a.md:4:21: TXT004 [*] trailing whitespace",
                                      "a.md:5:6: TXT004 [*] trailing whitespace"]
    stats = cli(["check", "--isolated", "--statistics", "a.md"], cwd=tmp_path)
    assert "2\tTXT004\t[*] trailing-whitespace\n" in stats.out


def test_unwritable_output_file_exits_2(cli, tmp_path):
    write(tmp_path, "a.md", CLEAN)
    result = cli(["check", "--isolated", "-o", tmp_path / "no" / "dir" / "r.txt", "a.md"],
                 cwd=tmp_path)
    assert result.code == 2 and "cannot write" in result.err


# -- reading problems ----------------------------------------------------------------------


def test_unreadable_file_is_lc003_and_the_run_goes_on(cli, tmp_path):
    locked = write(tmp_path, "locked.md", CLEAN)
    write(tmp_path, "open.md", DIRTY)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with privileges that read any file (root)")
        result = cli(["check", "--isolated", "--output-format", "json", "."], cwd=tmp_path)
    finally:
        locked.chmod(0o644)
    assert found(result) == [("locked.md", "LC003", 1, 1), ("open.md", "TXT004", 4, 21)]
    assert "Permission denied" in result.json()[0]["message"]


def test_unreadable_file_simulated(cli, tmp_path, monkeypatch):
    # The same path as above, made to fail for everyone (root reads chmod-000 files).
    target = write(tmp_path, "locked.md", CLEAN)
    write(tmp_path, "open.md", DIRTY)

    def fake_open(path, *args, **kwargs):
        if os.path.basename(path) == target.name:
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(sources, "open", fake_open, raising=False)
    result = cli(["check", "--isolated", "--output-format", "json", "."], cwd=tmp_path)
    assert result.code == 1
    assert found(result) == [("locked.md", "LC003", 1, 1), ("open.md", "TXT004", 4, 21)]
    assert result.json()[0]["message"] == "cannot read file: Permission denied"


def test_file_over_max_size_is_lc002_and_not_read(cli, tmp_path):
    write(tmp_path, "big.md", "x \n" * 2000)  # 6000 bytes, full of TXT004
    write(tmp_path, "small.md", CLEAN)
    result = cli(["check", "--isolated", "--max-file-size", "4KB", "--output-format", "json",
                  "."], cwd=tmp_path)
    assert found(result) == [("big.md", "LC002", 1, 1)]
    assert "6,000 bytes, over the limit of 4,096" in result.json()[0]["message"]


def test_alias_bomb_is_reported_quickly(cli, tmp_path):
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for name, prev in zip("bcdefghij", "abcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    write(tmp_path, "bomb.md", "---\n" + "\n".join(lines) + "\n---\nBody.\n")
    started = time.perf_counter()
    result = cli(["check", "--isolated", "--schema", "news-article", "--output-format", "json",
                  "bomb.md"], cwd=tmp_path)
    assert time.perf_counter() - started < 5
    assert [f[1] for f in found(result)] == ["FM012"]


def test_rule_that_raises_is_lc001_and_the_run_goes_on(cli, tmp_path, monkeypatch):
    def broken(doc, ctx):
        raise ValueError("boom")
        yield  # pragma: no cover

    monkeypatch.setattr(text_rules.trailing_whitespace, "check", broken)
    write(tmp_path, "a.md", DIRTY + "caf\u00e9\u00a0noir\n")
    write(tmp_path, "b.md", DIRTY)
    result = cli(["check", "--isolated", "--output-format", "json", "."], cwd=tmp_path)
    assert result.code == 1
    assert found(result) == [("a.md", "LC001", 1, 1), ("a.md", "TXT006", 5, 5),
                             ("b.md", "LC001", 1, 1)]
    message = result.json()[0]["message"]
    assert message.startswith("rule TXT004 (trailing-whitespace) failed on this document: "
                              "ValueError: boom [test_cli.py:")


# -- broken schemas and packs ----------------------------------------------------------------


@pytest.mark.parametrize("content, fragments", [
    ('{"type": "object",\n "required": ["a"]\n', ["invalid JSON", "schema.json:3:1"]),
    ('{"type": 5}', ["schema.json", "not a valid Draft202012 schema", "at type"]),
    ('{"$schema": "http://json-schema.org/draft-07/schema#", "required": "a"}',
     ["schema.json", "not a valid Draft7 schema", "at required"]),
    ('["not", "a", "schema"]', ["schema.json", "must be an object or a boolean"]),
])
def test_bad_schema_file_exits_2_naming_it(cli, tmp_path, content, fragments):
    write(tmp_path, "schema.json", content)
    write(tmp_path, "a.md", CLEAN)
    result = cli(["check", "--isolated", "--schema", "schema.json", "a.md"], cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("lint-corpus: error: schema ")
    for fragment in fragments:
        assert fragment in result.err
    assert "Traceback" not in result.err


def test_unknown_schema_name_lists_the_builtins(cli, tmp_path):
    write(tmp_path, "a.md", CLEAN)
    result = cli(["check", "--isolated", "--schema", "newz-article", "a.md"], cwd=tmp_path)
    assert result.code == 2
    assert "'newz-article'" in result.err and "news-article" in result.err


def test_broken_pack_exits_2(cli, tmp_path):
    write(tmp_path, "p.yaml", "rules:\n  - code: ZZ001\n    message: m\n    phrases: [a]\n"
                              "    scope: everywhere\n")
    write(tmp_path, "a.md", CLEAN)
    result = cli(["check", "--isolated", "--pack", "p.yaml", "a.md"], cwd=tmp_path)
    assert result.code == 2
    assert "p.yaml: rule ZZ001: key 'scope'" in result.err


# -- undecodable bytes ----------------------------------------------------------------------

CP1252 = b"First line.\nThe caf\xe9 opened. \nLast line.\n"


def test_undecodable_byte_location(cli, tmp_path):
    write(tmp_path, "a.txt", CP1252)
    result = cli(["check", "--isolated", "--output-format", "json", "a.txt"], cwd=tmp_path)
    assert found(result) == [("a.txt", "ENC002", 2, 8), ("a.txt", "TXT004", 2, 17)]


def test_fix_never_rewrites_undecodable_bytes_without_unsafe_fixes(cli, tmp_path):
    path = write(tmp_path, "a.txt", CP1252)
    result = cli(["fix", "--isolated", "a.txt"], cwd=tmp_path)
    assert path.read_bytes() == CP1252  # the safe TXT004 fix was not written either
    assert result.code == 1
    # The report shows what the file still holds, the unwritten TXT004 included, whose
    # fix now waits for the unsafe repair (no "[*]").
    assert result.out.splitlines()[:2] == [
        "a.txt:2:8: ENC002 byte 0xe9 is not valid UTF-8; `fix` leaves this file unchanged until "
        "the bytes are repaired",
        "a.txt:2:17: TXT004 trailing whitespace"]
    assert "2 more fixable with `lint-corpus fix --unsafe-fixes`" in result.out


def test_unsafe_fixes_repair_the_bytes_and_write(cli, tmp_path):
    path = write(tmp_path, "a.txt", CP1252)
    result = cli(["fix", "--isolated", "--unsafe-fixes", "a.txt"], cwd=tmp_path)
    assert path.read_bytes() == "First line.\nThe caf\u00e9 opened.\nLast line.\n".encode()
    assert result.code == 1  # a file was changed
    again = cli(["fix", "--isolated", "--unsafe-fixes", "a.txt"], cwd=tmp_path)
    assert (again.code, again.out) == (0, "All checks passed (1 file).\n")


def test_fix_never_rewrites_a_broken_utf16_file(cli, tmp_path):
    # Undecodable UTF-16 cannot be repaired; a safe fix elsewhere must not drop the bytes.
    data = codecs.BOM_UTF16_LE + "a \n".encode("utf-16-le") + b"\x00\xd8" + \
        "b\n".encode("utf-16-le")
    path = write(tmp_path, "a.txt", data)
    result = cli(["fix", "--isolated", "--unsafe-fixes", "a.txt"], cwd=tmp_path)
    assert path.read_bytes() == data
    assert "a.txt:2:1: ENC002 " in result.out and "a.txt:1:2: TXT004 " in result.out


# -- fix: writes ---------------------------------------------------------------------------


def test_fix_exit_codes_and_summary(cli, tmp_path):
    path = write(tmp_path, "a.md", DIRTY)
    write(tmp_path, "b.md", CLEAN)
    result = cli(["fix", "--isolated", "."], cwd=tmp_path)
    assert result.code == 1  # files changed
    assert "Fixed 1 finding in 1 file.\n" in result.out
    assert path.read_text() == CLEAN.replace("A clean body.", "Trailing space here.")
    again = cli(["fix", "--isolated", "."], cwd=tmp_path)
    assert (again.code, again.out) == (0, "All checks passed (2 files).\n")


def test_fix_keeps_mode_and_replaces_the_file(cli, tmp_path):
    path = write(tmp_path, "a.md", DIRTY)
    path.chmod(0o640)
    before = path.stat()
    cli(["fix", "--isolated", "a.md"], cwd=tmp_path)
    after = path.stat()
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert after.st_ino != before.st_ino  # a new file renamed over the old one
    # No temporary file left (the findings cache has its own folder).
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".lint-corpus-cache") == \
        ["a.md"]


def test_failed_rename_leaves_the_file_and_no_temporary(cli, tmp_path, monkeypatch):
    path = write(tmp_path, "a.md", DIRTY)

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fix_module.os, "replace", failing_replace)
    result = cli(["fix", "--isolated", "--output-format", "json", "a.md"], cwd=tmp_path)
    assert path.read_text() == DIRTY
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".lint-corpus-cache") == \
        ["a.md"]
    assert found(result) == [("a.md", "LC004", 1, 1), ("a.md", "TXT004", 4, 21)]
    assert "No space left on device" in result.json()[0]["message"]


def test_read_only_file_is_lc004_and_unchanged(cli, tmp_path):
    path = write(tmp_path, "a.md", DIRTY)
    path.chmod(0o444)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running with privileges that write any file (root)")
        result = cli(["fix", "--isolated", "--output-format", "json", "a.md"], cwd=tmp_path)
    finally:
        path.chmod(0o644)
    assert path.read_text() == DIRTY
    assert ("a.md", "LC004", 1, 1) in found(result)
    assert result.code == 1


def test_read_only_file_simulated(cli, tmp_path, monkeypatch):
    path = write(tmp_path, "a.md", DIRTY)
    write(tmp_path, "b.md", DIRTY)
    real_access = os.access

    def access(target, mode, *args, **kwargs):
        if mode == os.W_OK and Path(target).name == "a.md":
            return False  # as for a non-root user on a 0444 file
        return real_access(target, mode, *args, **kwargs)

    monkeypatch.setattr(fix_module.os, "access", access)
    result = cli(["fix", "--isolated", "--output-format", "json", "."], cwd=tmp_path)
    assert path.read_text() == DIRTY
    assert (tmp_path / "b.md").read_text() != DIRTY  # the run went on
    remaining = found(result)
    assert ("a.md", "LC004", 1, 1) in remaining
    assert ("a.md", "TXT004", 4, 21) in remaining  # not fixed, so still reported
    assert not [f for f in remaining if f[0] == "b.md"]
    lc004 = next(f for f in result.json() if f["code"] == "LC004")
    assert lc004["message"] == "cannot write fixes: file is read-only; file left unchanged"


def test_diff_writes_nothing(cli, tmp_path):
    path = write(tmp_path, "a.md", DIRTY)
    result = cli(["fix", "--isolated", "--diff", "a.md"], cwd=tmp_path)
    assert path.read_text() == DIRTY
    assert result.out == ("--- a/a.md\n+++ b/a.md\n@@ -1,4 +1,4 @@\n ---\n title: \"A headline\"\n"
                          " ---\n-Trailing space here. \n+Trailing space here.\n")
    assert "Would fix 1 finding in 1 file." in result.err
    assert result.code == 1


def test_show_fixes_lists_codes_per_file(cli, tmp_path):
    write(tmp_path, "a.md", DIRTY + "one more \nno newline")
    result = cli(["fix", "--isolated", "--show-fixes", "a.md"], cwd=tmp_path)
    assert "a.md: TXT003, TXT004 ×2\n" in result.out
    assert "Fixed 3 findings in 1 file." in result.out


def test_crlf_file_keeps_crlf_after_fix(cli, tmp_path):
    text = "---\r\ndate: 2021-06-30\r\nlive: yes\r\nBody line. \r\nno newline"
    path = write(tmp_path, "a.md", text)
    cli(["fix", "--isolated", "--unsafe-fixes", "a.md"], cwd=tmp_path)
    data = path.read_bytes()
    assert data == (b'---\r\ndate: "2021-06-30"\r\nlive: true\r\n---\r\nBody line.\r\n'
                    b"no newline\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")


def test_fix_to_fixpoint_on_a_cascade(cli, tmp_path):
    # Removing the BOM turns the block into front matter, which reveals FM009 next pass.
    path = write(tmp_path, "a.md", b"\xef\xbb\xbf---\ndate: 2021-06-30\n---\n")
    cli(["fix", "--isolated", "--unsafe-fixes", "a.md"], cwd=tmp_path)
    assert path.read_bytes() == b'---\ndate: "2021-06-30"\n---\n'


@pytest.mark.skipif(SEEDS is None, reason="shared/seeds not available")
@pytest.mark.parametrize("unsafe", [False, True])
def test_fix_on_seed_copies_is_idempotent(cli, tmp_path, unsafe):
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    flags = ["fix", "--isolated", "--schema", "news-article", "--output-format", "json"]
    flags += ["--unsafe-fixes"] if unsafe else []
    first = cli([*flags, "seeds"], cwd=tmp_path)
    assert first.code == 1  # the seeds have fixable findings, so files changed
    after_first = {p.name: p.read_bytes() for p in corpus.iterdir()}
    assert after_first != {p.name: p.read_bytes() for p in SEEDS.iterdir()}
    second = cli([*flags, "seeds"], cwd=tmp_path)
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == after_first
    remaining = second.json()
    assert second.code == (1 if remaining else 0)
    assert "Fixed" not in second.out + second.err
    # Nothing the fixer could still apply is left behind.
    applicable = [f for f in remaining if f["fix"] and (
        unsafe or f["fix"]["applicability"] == "safe") and f["code"] != "ENC002"]
    assert applicable == []


# -- the package entry points and documentation commands -------------------------------------


def test_python_dash_m(tmp_path, python_exe):
    write(tmp_path, "a.md", DIRTY)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    version = subprocess.run([python_exe, "-m", "lint_corpus", "--version"], cwd=tmp_path,
                             capture_output=True, text=True, env=env, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("lint-corpus ")
    check = subprocess.run([python_exe, "-m", "lint_corpus", "check", "--isolated", "a.md"],
                           cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60)
    assert check.returncode == 1
    assert check.stdout.startswith("a.md:4:21: TXT004")


@pytest.mark.parametrize("name", ["FM004", "fm004", "duplicate-key"])
def test_explain(cli, tmp_path, name):
    result = cli(["explain", "--isolated", name], cwd=tmp_path)
    assert result.code == 0
    assert result.out.startswith("# FM004 (duplicate-key)\n\nA key appears twice")
    assert "## Fix safety" in result.out and "Severity: error." in result.out


def test_explain_unknown_rule_exits_2(cli, tmp_path):
    result = cli(["explain", "--isolated", "XX999"], cwd=tmp_path)
    assert result.code == 2 and "unknown rule 'XX999'" in result.err


def test_rules_json_and_markdown(cli, tmp_path):
    listed = cli(["rules", "--isolated", "--format", "json"], cwd=tmp_path)
    data = json.loads(listed.out)
    assert all(set(r) == {"code", "name", "summary", "explanation", "severity", "fix",
                          "default_enabled", "origin"} for r in data)
    by_code = {r["code"]: r for r in data}
    assert by_code["FM007"]["fix"] == "sometimes" and by_code["TXT003"]["severity"] == "info"
    assert [r["code"] for r in data] == sorted(by_code)
    markdown = cli(["rules", "--isolated", "--format", "markdown"], cwd=tmp_path).out
    assert markdown.startswith(
        "| code | name | severity | fix | summary |\n|---|---|---|---|---|\n")
    assert "| [FM004](#fm004) | duplicate-key | error | none |" in markdown
    assert "### FM004\n\n**duplicate-key**: A key appears twice" in markdown
    assert "#### What it does" in markdown
    text = cli(["rules", "--isolated"], cwd=tmp_path).out
    assert len(text.splitlines()) == len(data)


def test_example_corpus_exits_1_without_a_traceback(cli):
    result = cli(["check", "--isolated", "--schema", "news-article", str(EXAMPLES)],
                 cwd=REPO)
    assert result.code == 1
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert "Found " in result.out
