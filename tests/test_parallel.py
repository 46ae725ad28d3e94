"""``--jobs N``: a process pool gives exactly the findings, output and fixes of one process."""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import replace

import pytest
from conftest import REPO

from lint_corpus import cli as cli_module
from lint_corpus import executors
from lint_corpus.executors import Item, PoolExecutor, Worker, chunked
from lint_corpus.sources import Source


def _generator():
    spec = importlib.util.spec_from_file_location("lc_generate", REPO / "benchmarks" /
                                                  "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATE = _generator()

ODD_FILES = {
    "odd/broken.md": "---\ntitle: DM: Diablo\n---\nBody  \n",
    "odd/unclosed.md": "---\ntitle: x\nThe body starts here.\n",
    "odd/bytes.md": b"caf\xe9 au lait\n",
    "odd/bom.md": "\ufeffA line with a BOM.\n",
    "odd/clean.md": "Nothing to report here.\n",
    "odd/big.md": "x" * 40_000 + "\n",
}


def make_corpus(folder, count: int = 48):
    for name, text in GENERATE.documents(count):
        path = folder / "corpus" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, content in ODD_FILES.items():
        path = folder / "corpus" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder / "corpus"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("parallel"))


BASE = ["--isolated", "--no-cache", "--no-progress", "--max-file-size", "32KB"]


@pytest.mark.parametrize("selection", [
    ["--select", "ENC,FM,SCH,TXT,LC", "--schema", "news-article"],
    ["--select", "ALL", "--schema", "news-article"],  # corpus statistics: map-reduce
])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_with_jobs_2_equals_jobs_1(cli, corpus, selection, fmt):
    args = ["check", "corpus", *BASE, *selection, "--output-format", fmt, "--statistics"]
    one = cli([*args, "--jobs", "1"], cwd=corpus.parent)
    two = cli([*args, "--jobs", "2"], cwd=corpus.parent)
    assert one.code == two.code == 1
    assert one.out == two.out
    assert one.err == two.err
    assert one.out.count("CH005" if "ALL" in selection else "FM009") > 0


def test_output_order_is_the_sorted_path_order(cli, corpus):
    result = cli(["check", "corpus", *BASE, "--jobs", "2", "--output-format", "json-lines",
                  "-q"], cwd=corpus.parent)
    paths = [line.split('"path": "')[1].split('"')[0] for line in result.out.splitlines()]
    assert paths == sorted(paths)  # each file's findings together, files in order


def test_fix_with_jobs_2_equals_jobs_1(cli, corpus, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(corpus, one / "corpus")
    shutil.copytree(corpus, two / "corpus")
    args = ["fix", "corpus", *BASE, "--select", "ALL", "--schema", "news-article",
            "--show-fixes"]
    first = cli([*args, "--jobs", "1"], cwd=one)
    second = cli([*args, "--jobs", "2"], cwd=two)
    assert (first.code, first.out, first.err) == (second.code, second.out, second.err)
    assert "Fixed" in first.out
    files_one = {p.relative_to(one): p.read_bytes() for p in one.rglob("*") if p.is_file()}
    files_two = {p.relative_to(two): p.read_bytes() for p in two.rglob("*") if p.is_file()}
    assert files_one == files_two
    assert files_one != {p.relative_to(corpus.parent): p.read_bytes()
                         for p in corpus.rglob("*") if p.is_file()}


def test_diff_with_jobs_2_equals_jobs_1(cli, corpus):
    args = ["fix", "corpus", *BASE, "--diff"]
    one = cli([*args, "--jobs", "1"], cwd=corpus.parent)
    two = cli([*args, "--jobs", "2"], cwd=corpus.parent)
    assert one.out == two.out and one.out.startswith("--- a/corpus/")
    assert one.err == two.err


def test_small_runs_stay_in_one_process_unless_asked(corpus, monkeypatch):
    monkeypatch.chdir(corpus.parent)
    parser = cli_module.build_parser()
    run = cli_module._Run(parser.parse_args(["check", "corpus/odd", "--isolated"]), "check")
    assert run.jobs == 1  # a handful of files: a pool would cost more than it saves
    monkeypatch.setattr(cli_module, "cpu_count", lambda: 4)
    run = cli_module._Run(parser.parse_args(["check", "corpus", "--isolated"]), "check")
    assert run.jobs == 1 if len(run.sources) < cli_module.MIN_PARALLEL_FILES else 4
    run = cli_module._Run(parser.parse_args(["check", "corpus/odd", "--isolated", "-j", "3"]),
                          "check")
    assert run.jobs == 3
    run = cli_module._Run(parser.parse_args(["check", "corpus/odd", "--isolated", "-j", "0"]),
                          "check")
    assert run.jobs == 4


def test_negative_jobs_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main(["check", "--jobs", "-1"])
    assert exit_info.value.code == 2
    assert "--jobs" in capsys.readouterr().err


@pytest.mark.slow
def test_spawned_workers_rebuild_the_rules_from_the_context(corpus, monkeypatch):
    """Nothing but the context crosses to a worker: it works without fork, too."""
    monkeypatch.chdir(corpus.parent)
    parser = cli_module.build_parser()
    args = parser.parse_args(["check", "corpus/odd", "--isolated", "--no-cache",
                              "--schema", "news-article"])
    run = cli_module._Run(args, "check")
    ctx = run.context()
    items = [Item(Source(s.path, s.display, s.relpath)) for s in run.sources]
    local = Worker(ctx)
    expected = [o.findings for o in local.run("lint", items)]
    pool = PoolExecutor(ctx, None, 2, start_method="spawn")
    try:
        got = [o.findings for _, outcomes in pool.map("lint", chunked(items, 2))
               for o in outcomes]
    finally:
        pool.close()
    assert got == expected
    assert any(expected)


# -- the statistics pass of a pool runs in a forked child ------------------------------

fork_only = pytest.mark.skipif(executors.pool_start_method() != "fork",
                               reason="the child is forked")


@fork_only
def test_child_returns_the_work_result():
    assert executors.in_child(lambda: {"documents": 3, "keys": [1, 2]}) == \
        {"documents": 3, "keys": [1, 2]}


@fork_only
def test_child_error_is_reported_not_raised_as_is():
    def broken():
        raise ValueError("counter overflow")

    with pytest.raises(executors.ChildFailed, match="ValueError: counter overflow"):
        executors.in_child(broken)


@fork_only
def test_child_that_dies_is_reported():
    import os

    with pytest.raises(executors.ChildFailed, match="exit code 7"):
        executors.in_child(lambda: os._exit(7))


@fork_only
def test_pool_gathers_statistics_in_a_child_with_the_same_counts(cli, corpus, monkeypatch):
    gathered = []
    real = executors.in_child

    def spy(work):
        gathered.append(real(work))
        return gathered[-1]

    monkeypatch.setattr(cli_module, "in_child", spy)
    result = cli(["check", corpus, "--jobs", "2", "--select", "ALL", *BASE])
    assert result.code == 1 and len(gathered) == 1
    settings = replace(cli_module.load_settings(None, isolated=True), max_file_size=32_000)
    serial = cli_module.gather_corpus(cli_module.collect_sources([str(corpus)], settings),
                                      settings)
    serial.compact()
    pooled = gathered[0]
    assert pooled.documents == serial.documents
    assert pooled.lines == serial.lines and pooled.sentences == serial.sentences
    assert list(pooled.titles.keys) == list(serial.titles.keys)


# -- what travels between processes pickles to equal objects ---------------------------

def _transported():
    from collections import Counter

    from lint_corpus.executors import Outcome
    from lint_corpus.model import Applicability, Edit, Finding, Fix, Severity

    source = Source("/x/a.md", "a.md", "a.md")
    findings = [
        Finding("a.md", 3, 1, 3, 9, "CH001", "boilerplate-line", severity, "share bar",
                fix, 10, 18)
        for severity in Severity
        for fix in (None, Fix.safe("remove 1 line", Edit.delete(10, 19)),
                    Fix((Edit(1, 2, "x"), Edit.insert(5, "\n")), Applicability.UNSAFE, "two"),
                    Fix((), Applicability.UNSAFE, ""))
    ]
    return [
        source,
        Item(source, 7, b'{"text": "x"}\n', "digest", True, None),
        Item(source, problem="cannot read file"),
        *findings,
        Outcome("a.md", findings, 1, Counter({"CH001": 2}), True, "--- diff", b"{}\n", True),
    ]


@pytest.mark.parametrize("value", _transported(), ids=lambda value: type(value).__name__)
def test_transported_objects_pickle_to_equal_objects(value):
    import pickle

    copy = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == value and type(copy) is type(value)
    for name in ("severity", "fix"):
        if hasattr(value, name) and getattr(value, name) is not None:
            assert type(getattr(copy, name)) is type(getattr(value, name))


@fork_only
def test_large_corpus_statistics_come_from_spawned_workers_alike(cli, corpus, monkeypatch,
                                                                   tmp_path):
    # From SPAWN_STATISTICS_FILES files the first pass spawns its workers (they share
    # no pages with the parent): the statistics and the findings stay the same.
    log = tmp_path / "pools.txt"  # the pass runs in a child process: it writes here
    real_pool = executors.PoolExecutor

    def pool(*args, **kwargs):
        with log.open("a") as out:
            out.write(f"{kwargs.get('start_method')}\n")
        return real_pool(*args, **kwargs)

    args = ["check", corpus, "--jobs", "2", "--select", "ALL", *BASE,
            "--output-format", "json"]
    forked = cli(args)
    monkeypatch.setattr(cli_module, "SPAWN_STATISTICS_FILES", 1)
    monkeypatch.setattr(cli_module, "PoolExecutor", pool)
    spawned = cli(args)
    assert "spawn" in log.read_text().split()
    assert (spawned.code, spawned.out) == (forked.code, forked.out)


def _worker_gc_thresholds():
    import gc

    return gc.get_threshold()


def test_cli_and_spawned_workers_collect_young_objects_less_often(corpus, monkeypatch):
    import gc

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        cli_module.main(["rules", "--isolated"])
        assert gc.get_threshold() == executors.GC_THRESHOLDS
        gc.set_threshold(700, 10, 10)  # a spawned worker does not inherit it
        monkeypatch.chdir(corpus.parent)
        args = cli_module.build_parser().parse_args(["check", "corpus/odd", "--isolated",
                                                     "--no-cache"])
        pool = PoolExecutor(cli_module._Run(args, "check").context(), None, 1,
                            start_method="spawn")
        try:
            got = pool.pool.submit(_worker_gc_thresholds).result()
        finally:
            pool.close()
        assert got == executors.GC_THRESHOLDS
    finally:
        gc.set_threshold(*before)
