"""The findings cache: same results as without it, misses when anything relevant changes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest
from test_parallel import make_corpus

from lint_corpus import cache as cache_module
from lint_corpus import cli as cli_module
from lint_corpus import executors
from lint_corpus.engine import Linter

CORE = ["--isolated", "--no-progress", "--select", "ENC,FM,SCH,TXT,LC,HTML",
        "--schema", "news-article", "--jobs", "1"]
ALL = ["--isolated", "--no-progress", "--select", "ALL", "--schema", "news-article",
       "--jobs", "1"]


@pytest.fixture
def corpus(tmp_path):
    return make_corpus(tmp_path, count=20)


@pytest.fixture
def lint_calls(monkeypatch):
    """Paths of the documents linted, in this process."""
    calls: list[str] = []
    original = Linter.lint

    def counting(self, doc, relpath=None):
        calls.append(doc.path)
        return original(self, doc, relpath)

    monkeypatch.setattr(Linter, "lint", counting)
    return calls


def database(root):
    return root / ".lint-corpus-cache" / f"v{cache_module.FORMAT}.sqlite"


def entries(root) -> list[str]:
    """The keys of the document entries (not the corpus statistics)."""
    with sqlite3.connect(database(root)) as db:
        return sorted(key for (key,) in db.execute("SELECT key FROM entries")
                      if not key.startswith("corpus-"))


def test_second_run_reads_the_cache_and_prints_the_same(cli, corpus, lint_calls):
    root = corpus.parent
    cold = cli(["check", "corpus", *CORE, "--statistics"], cwd=root)
    assert len(lint_calls) == 26 and cold.code == 1
    assert (root / ".lint-corpus-cache" / "CACHEDIR.TAG").is_file()
    assert len(entries(root)) == 26  # one entry per document, found by its key
    lint_calls.clear()
    warm = cli(["check", "corpus", *CORE, "--statistics"], cwd=root)
    assert lint_calls == []
    assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err)
    uncached = cli(["check", "corpus", *CORE, "--statistics", "--no-cache"], cwd=root)
    assert uncached.out == cold.out
    for fmt in ("json", "sarif", "github"):
        a = cli(["check", "corpus", *CORE, "--output-format", fmt], cwd=root)
        b = cli(["check", "corpus", *CORE, "--output-format", fmt, "--no-cache"], cwd=root)
        assert a.out == b.out


def test_a_changed_file_is_linted_again_alone(cli, corpus, lint_calls):
    root = corpus.parent
    cli(["check", "corpus", *CORE], cwd=root)
    (corpus / "odd" / "clean.md").write_text("Now with trailing space \n", encoding="utf-8")
    lint_calls.clear()
    result = cli(["check", "corpus", *CORE], cwd=root)
    assert lint_calls == ["corpus/odd/clean.md"]
    assert "corpus/odd/clean.md:1:24: TXT004" in result.out


@pytest.mark.parametrize("change", ["select", "severity", "schema", "pack", "option"])
def test_settings_schemas_and_packs_are_in_the_key(cli, corpus, lint_calls, change):
    root = corpus.parent
    schema = root / "schema.json"
    schema.write_text(json.dumps({"type": "object", "required": ["title"]}))
    pack = root / "pack.yaml"
    pack.write_text("pack: house\nrules:\n  - code: HS001\n    name: plug\n"
                    "    message: plug\n    phrases: [\"Register Now\"]\n")
    args = ["check", "corpus", "--isolated", "--no-progress", "--jobs", "1",
            "--schema", "schema.json", "--pack", "pack.yaml"]
    cli(args, cwd=root)
    lint_calls.clear()
    cli(args, cwd=root)
    assert lint_calls == []
    if change == "select":
        args += ["--ignore", "TXT004"]
    elif change == "severity":
        args += ["--severity", "TXT004=error"]
    elif change == "schema":
        schema.write_text(json.dumps({"type": "object", "required": ["title", "heat"]}))
    elif change == "pack":
        pack.write_text(pack.read_text().replace("Register Now", "Subscribe"))
    else:
        (root / "lint-corpus.toml").write_text("[rules.CH005]\nmin-documents = 5\n")
        args = [a for a in args if a != "--isolated"]
    cli(args, cwd=root)
    assert len(lint_calls) == 26


def test_corpus_rules_key_on_every_document(cli, corpus, lint_calls):
    """With CH/TRL on, a change anywhere re-lints everything: statistics changed."""
    root = corpus.parent
    cold = cli(["check", "corpus", *ALL], cwd=root)
    lint_calls.clear()
    assert cli(["check", "corpus", *ALL], cwd=root).out == cold.out
    assert lint_calls == []
    article = corpus / "000001.txt"
    article.write_text(article.read_text() + "One more line\n", encoding="utf-8")
    changed = cli(["check", "corpus", *ALL], cwd=root)
    assert len(lint_calls) == 26
    assert changed.out == cli(["check", "corpus", *ALL, "--no-cache"], cwd=root).out


def test_statistics_are_cached_and_the_first_pass_skipped(cli, corpus, monkeypatch):
    root = corpus.parent
    cold = cli(["check", "corpus", *ALL, "--jobs", "2"], cwd=root)

    def no_first_pass(*args, **kwargs):
        raise AssertionError("the corpus statistics were gathered again")

    monkeypatch.setattr(cli_module._Run, "_statistics", no_first_pass)
    warm = cli(["check", "corpus", *ALL, "--jobs", "2"], cwd=root)
    assert warm.out == cold.out


def test_fix_skips_documents_the_cache_says_have_nothing_to_fix(cli, corpus, monkeypatch):
    root = corpus.parent
    report = cli(["check", "corpus", *CORE, "--output-format", "json"], cwd=root).json()
    with_fixes = {f["path"] for f in report if f["fix"] and f["fix"]["applicability"] == "safe"}
    fixed: list[str] = []
    original = executors.fix_document

    def counting(doc, lint, unsafe=False):
        fixed.append(doc.path)
        return original(doc, lint, unsafe)

    monkeypatch.setattr(executors, "fix_document", counting)
    result = cli(["fix", "corpus", *CORE], cwd=root)
    assert set(fixed) == with_fixes  # only documents with a safe fix were fixed
    assert 0 < len(with_fixes) < 26
    assert f"in {len(with_fixes)} files." in result.out
    fixed.clear()
    again = cli(["fix", "corpus", *CORE], cwd=root)
    assert fixed == []  # the fixed files' new contents were cached by the fix itself
    assert again.out == cli(["check", "corpus", *CORE, "--no-cache"], cwd=root).out


def test_no_cache_and_cache_dir(cli, corpus, tmp_path):
    root = corpus.parent
    cli(["check", "corpus", *CORE, "--no-cache"], cwd=root)
    assert not (root / ".lint-corpus-cache").exists()
    elsewhere = tmp_path / "elsewhere"
    cli(["check", "corpus", *CORE, "--cache-dir", str(elsewhere)], cwd=root)
    assert not (root / ".lint-corpus-cache").exists()
    assert (elsewhere / "CACHEDIR.TAG").is_file() and list(elsewhere.glob("*.sqlite"))


def test_clean_removes_the_cache_and_nothing_else(cli, corpus, tmp_path):
    root = corpus.parent
    cli(["check", "corpus", *CORE], cwd=root)
    assert (root / ".lint-corpus-cache").is_dir()
    result = cli(["clean", "--isolated"], cwd=root)
    assert result.code == 0 and not (root / ".lint-corpus-cache").exists()
    assert cli(["clean", "--isolated"], cwd=root).code == 0  # nothing to clean is fine
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("x")
    refused = cli(["clean", "--cache-dir", str(precious)], cwd=root)
    assert refused.code == 2 and (precious / "keep.txt").exists()


def test_a_damaged_entry_is_a_miss(cli, corpus, lint_calls):
    root = corpus.parent
    cold = cli(["check", "corpus", *CORE], cwd=root)
    with sqlite3.connect(database(root)) as db:
        db.execute("UPDATE entries SET value = ?", (b"{not json",))
    lint_calls.clear()
    assert cli(["check", "corpus", *CORE], cwd=root).out == cold.out
    assert len(lint_calls) == 26
    lint_calls.clear()
    assert cli(["check", "corpus", *CORE], cwd=root).out == cold.out
    assert lint_calls == []  # rewritten by the run that missed


@pytest.mark.parametrize("damage", ["garbage", "folder", "read-only"])
def test_a_damaged_or_unwritable_cache_is_no_error(cli, corpus, lint_calls, damage):
    root = corpus.parent
    cold = cli(["check", "corpus", *CORE, "--no-cache"], cwd=root)
    cache = root / ".lint-corpus-cache"
    if damage == "garbage":
        cli(["check", "corpus", *CORE], cwd=root)
        for path in cache.glob("*.sqlite*"):
            path.write_bytes(b"this is not a database" * 100)
    elif damage == "folder":
        cache.mkdir()
        database(root).mkdir()  # a folder where the database should be
    else:
        cache.mkdir()
        cache.chmod(0o500)
    try:
        for _ in range(2):
            lint_calls.clear()
            result = cli(["check", "corpus", *CORE], cwd=root)
            assert (result.code, result.out) == (cold.code, cold.out)
            assert "Traceback" not in result.err
    finally:
        cache.chmod(0o700)
    if damage == "garbage":  # replaced by a fresh database, which the second run read
        assert lint_calls == []


def test_entries_survive_changing_the_working_folder(cli, corpus, lint_calls):
    """Keys use paths relative to the config; printed paths come from the run."""
    root = corpus.parent
    (root / "lint-corpus.toml").write_text('select = ["ENC", "FM", "TXT"]\n')
    args = ["check", "--no-progress", "--jobs", "1"]
    top = cli([*args, "corpus"], cwd=root)
    assert (root / ".lint-corpus-cache").is_dir()
    lint_calls.clear()
    inside = cli([*args, "."], cwd=corpus)
    assert lint_calls == []
    assert inside.out == top.out.replace("corpus/", "")


@pytest.mark.slow
def test_parallel_batches_share_the_cache_safely(corpus):
    """As pre-commit runs them: several processes writing one cache at once."""
    root = corpus.parent
    files = sorted(str(p.relative_to(root)) for p in corpus.rglob("*") if p.is_file())
    batches = [files[i::3] for i in range(3)] * 2
    procs = [subprocess.Popen([sys.executable, "-m", "lint_corpus", "check", *CORE, *batch],
                              cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for batch in batches]
    outs = [p.communicate()[0] for p in procs]
    assert outs[:3] == outs[3:]
    assert not [p for p in (root / ".lint-corpus-cache").rglob("*") if ".tmp" in p.name]
    again = [subprocess.run([sys.executable, "-m", "lint_corpus", "check", *CORE, *batch],
                            cwd=root, capture_output=True).stdout for batch in batches[:3]]
    assert again == outs[:3]


def test_run_key_covers_referenced_schema_files(tmp_path):
    common = tmp_path / "common.json"
    common.write_text(json.dumps({"$defs": {"url": {"type": "string"}}}))
    main = tmp_path / "main.json"
    main.write_text(json.dumps({"properties": {"u": {"$ref": "common.json#/$defs/url"}}}))
    assert cache_module.schema_files(main) == {main.resolve(), common.resolve()}
