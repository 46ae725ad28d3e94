"""``--executor dask``: the same pipeline on a real Dask cluster gives the same results.

The cluster is a ``distributed.LocalCluster`` with two worker processes
(``processes=True``): the work crosses process boundaries as it would on a cluster.
"""

from __future__ import annotations

import shutil

import pytest
from test_jsonl import _corpus
from test_parallel import make_corpus

distributed = pytest.importorskip("distributed")

ARGS = ["--isolated", "--no-progress", "--no-cache", "--select", "ALL",
        "--schema", "news-article"]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("dask")
    make_corpus(root, count=24)
    _corpus(root, 12)  # md/ and c.jsonl
    return root


def dask_args(cluster):
    return ["--executor", "dask", "--scheduler", cluster.scheduler_address]


@pytest.mark.slow
@pytest.mark.parametrize("target", ["corpus", "c.jsonl"])
def test_check_on_dask_equals_the_local_run(cli, cluster, corpus, target):
    local = cli(["check", target, *ARGS, "--jobs", "1", "--output-format", "json"],
                cwd=corpus)
    remote = cli(["check", target, *ARGS, *dask_args(cluster), "--output-format", "json"],
                 cwd=corpus)
    assert (remote.code, remote.out, remote.err) == (local.code, local.out, local.err)
    assert any(f["code"] == "CH005" for f in local.json())  # corpus statistics were used


@pytest.mark.slow
def test_fix_on_dask_equals_the_local_run(cli, cluster, corpus, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        shutil.copytree(corpus / "corpus", folder / "corpus")
        shutil.copy(corpus / "c.jsonl", folder / "c.jsonl")
    local = cli(["fix", "corpus", "c.jsonl", *ARGS, "--jobs", "1", "--show-fixes"], cwd=one)
    remote = cli(["fix", "corpus", "c.jsonl", *ARGS, *dask_args(cluster), "--show-fixes"],
                 cwd=two)
    assert (remote.code, remote.out) == (local.code, local.out)
    assert "Fixed" in local.out
    files = {p.relative_to(one): p.read_bytes() for p in one.rglob("*") if p.is_file()}
    assert files == {p.relative_to(two): p.read_bytes() for p in two.rglob("*") if p.is_file()}


def test_scheduler_needs_the_dask_executor(cli, corpus):
    result = cli(["check", "corpus", "--scheduler", "tcp://127.0.0.1:1", "--isolated"],
                 cwd=corpus)
    assert result.code == 2 and "--executor dask" in result.err
    result = cli(["check", "corpus", "--executor", "dask", "--isolated"], cwd=corpus)
    assert result.code == 2 and "--scheduler" in result.err
