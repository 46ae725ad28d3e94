"""The pre-commit hooks, for real: a documents repository, ``pre-commit try-repo`` and
``pre-commit run`` with the README's config, pip installing this project.

pre-commit installs the hooks' repository at a commit. ``try-repo`` on a working tree
with uncommitted changes commits the staged and the modified tracked files to a shadow
clone, but leaves untracked files out; so the tests commit a snapshot of this project
as a clean clone would have it (tracked files plus untracked, not ignored ones) and
point pre-commit at that. ``try-repo`` builds its environment in a store of its own
each time; ``pre-commit run`` uses PRE_COMMIT_HOME, kept in a temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SEEDS

HOOKS = REPO / ".pre-commit-hooks.yaml"
OWN_CONFIG = REPO / ".pre-commit-config.yaml"
README = REPO / "README.md"
PLACEHOLDER_URL = "https://github.com/lint-corpus/lint-corpus"
FINDING = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+)\b")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
pre_commit_module = pytest.importorskip("pre_commit")



# Used when the seed documents are absent: safe fixes (irregular space, final newline)
# and a finding only --unsafe-fixes would fix (unquoted timestamp).
SYNTHETIC = {
    "record.md": "---\ntitle: \"A record\"\npublishedDateTime: 2020-12-07T16:22:00Z\n---\n",
    "article.txt": "A headline\n\nThe council met on\u00a0Monday and agreed the budget.",
    "clean.md": "Nothing to fix here.\n",
}


# -- environment -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    """A git and pre-commit that ignore the user's config, caches and hooks."""
    home = tmp_path_factory.mktemp("pre-commit-env")
    (home / "gitconfig").write_text("", encoding="utf-8")
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("GIT_", "PRE_COMMIT", "SKIP"))}
    base.update(GIT_CONFIG_GLOBAL=str(home / "gitconfig"), GIT_CONFIG_NOSYSTEM="1",
                PRE_COMMIT_HOME=str(home / "pre-commit-home"), PYTHONUTF8="1")
    for who in ("AUTHOR", "COMMITTER"):
        base[f"GIT_{who}_NAME"] = "lint-corpus tests"
        base[f"GIT_{who}_EMAIL"] = "tests@lint-corpus.invalid"
    return base


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


def pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args, "--color", "never"],
                          cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=600)


def lint_corpus(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lint_corpus", *args, "--no-progress"],
                          cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          timeout=300)


def findings(output: str) -> set[str]:
    return {line for line in output.splitlines() if FINDING.match(line)}


def project_files() -> list[str]:
    """What a clean clone of this project holds: tracked files plus untracked ones that
    are not ignored, so uncommitted work is tested too. Empty folders are not kept."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], cwd=REPO, capture_output=True,
                             check=True).stdout.decode()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (an sdist)
        skip = {".git", ".ci-venv", ".venv", "__pycache__", ".pytest_cache", "build", "dist"}
        return [p.relative_to(REPO).as_posix() for p in REPO.rglob("*")
                if p.is_file() and not skip & set(p.relative_to(REPO).parts)]
    return [rel for rel in out.split("\0") if rel and (REPO / rel).is_file()]


@pytest.fixture(scope="module")
def project(tmp_path_factory, env) -> tuple[Path, str]:
    """This project committed as a clean clone would have it: (path, commit)."""
    dest = tmp_path_factory.mktemp("project") / "lint-corpus"
    for rel in project_files():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, dest / rel)
    git(dest, env, "init", "-q")
    git(dest, env, "add", "-A")
    git(dest, env, "commit", "-q", "--no-verify", "-m", "snapshot")
    return dest, git(dest, env, "rev-parse", "HEAD").strip()


def readme_snippets() -> tuple[str, str]:
    """The README's lint-corpus.toml and .pre-commit-config.yaml, as printed."""
    text = README.read_text(encoding="utf-8")
    section = re.search(r"^## Use as a pre-commit hook\n(.*?)(?=^## )", text, re.S | re.M)
    assert section, "README has no 'Use as a pre-commit hook' section"
    toml = re.findall(r"^```toml\n(.*?)^```", section.group(1), re.S | re.M)
    config = re.findall(r"^```yaml\n(.*?)^```", section.group(1), re.S | re.M)
    assert toml and config, "the section needs a toml and a yaml block"
    return toml[0], config[0]


def documents_repo(root: Path, env: dict[str, str], config: str | None = None) -> Path:
    """A repository that keeps scraped documents in corpus/, set up as the README says,
    plus files the hooks must leave alone."""
    toml, _ = readme_snippets()
    root.mkdir(parents=True)
    git(root, env, "init", "-q")
    (root / "lint-corpus.toml").write_text(toml, encoding="utf-8")
    corpus = root / "corpus"
    corpus.mkdir()
    if SEEDS:
        for seed in sorted(SEEDS.iterdir()):
            shutil.copy(seed, corpus / seed.name)
            (corpus / seed.name).chmod(0o644)
    else:
        for name, text in SYNTHETIC.items():
            (corpus / name).write_text(text, encoding="utf-8")
    # Not a document type: never handed to the hooks.
    (root / "tool.py").write_text("# an irregular\u00a0space\n", encoding="utf-8")
    if config is not None:
        (root / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
        # A text file outside the documents folder: the README's `files:` keeps it out.
        (root / "notes.txt").write_text("An irregular\u00a0space", encoding="utf-8")
    git(root, env, "add", "-A")
    git(root, env, "commit", "-q", "--no-verify", "-m", "documents")
    return root


def changed_files(repo: Path, env: dict[str, str]) -> set[str]:
    return set(filter(None, git(repo, env, "diff", "--name-only").splitlines()))


def expected_fix(tmp: Path) -> tuple[dict[str, bytes], subprocess.CompletedProcess]:
    """What `lint-corpus fix` on the same documents does, run directly."""
    toml, _ = readme_snippets()
    tmp.mkdir()
    (tmp / "lint-corpus.toml").write_text(toml, encoding="utf-8")
    if SEEDS:
        shutil.copytree(SEEDS, tmp / "corpus")
        for path in (tmp / "corpus").iterdir():
            path.chmod(0o644)
    else:
        (tmp / "corpus").mkdir()
        for name, text in SYNTHETIC.items():
            (tmp / "corpus" / name).write_text(text, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (tmp / "corpus").iterdir()}
    proc = lint_corpus(tmp, "fix", "corpus")
    after = {p.name: p.read_bytes() for p in (tmp / "corpus").iterdir()}
    return {name: data for name, data in after.items() if data != before[name]}, proc


# -- the manifest and the project's own config (fast) -------------------------------------


def test_manifest_is_valid_and_declares_both_hooks(env):
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                           str(HOOKS)], env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    hooks = {h["id"]: h for h in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    assert set(hooks) == {"lint-corpus", "lint-corpus-fix"}
    assert hooks["lint-corpus"]["entry"] == "lint-corpus check"
    assert hooks["lint-corpus-fix"]["entry"] == "lint-corpus fix"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert set(hook["types_or"]) == {"markdown", "plain-text"}
        assert isinstance(hook["require_serial"], bool)


def test_own_config_is_valid_pins_ruff_and_spares_broken_documents(env):
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config",
                           str(OWN_CONFIG)], env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    config = yaml.safe_load(OWN_CONFIG.read_text(encoding="utf-8"))
    repos = {r["repo"]: r for r in config["repos"]}
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", ruff["rev"])
    assert re.search(config["exclude"], "tests/fixtures/broken.md")
    local = {h["id"]: h for h in repos["local"]["hooks"]}
    fix = local["lint-corpus-fix"]
    assert re.search(fix["exclude"], "examples/corpus/record-bom.md")
    assert "--exit-zero" in local["lint-corpus"]["entry"]
    assert re.search(local["lint-corpus"]["files"], "examples/corpus/record-bom.md")


def test_own_local_hooks_pass_on_this_project(tmp_path, env):
    """The project's own lint-corpus hooks, run on a copy of the project. (The ruff hook
    is left out: it would clone from GitHub.)"""
    config = yaml.safe_load(OWN_CONFIG.read_text(encoding="utf-8"))
    local_only = {**config, "repos": [r for r in config["repos"] if r["repo"] == "local"]}
    config_file = tmp_path / "local-hooks.yaml"
    config_file.write_text(yaml.safe_dump(local_only), encoding="utf-8")
    bin_dir = tmp_path / "bin"  # language: system runs the lint-corpus found on PATH
    bin_dir.mkdir()
    (bin_dir / "lint-corpus").write_text(
        f'#!/bin/sh\nexec "{sys.executable}" -m lint_corpus "$@"\n', encoding="utf-8")
    (bin_dir / "lint-corpus").chmod(0o755)
    copy = tmp_path / "project"
    for rel in project_files():
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, copy / rel)
    git(copy, env, "init", "-q")
    git(copy, env, "add", "-A")
    run_env = {**env, "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"}
    proc = pre_commit(copy, run_env, "run", "--all-files", "--config", str(config_file))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    if (REPO / "examples" / "corpus").is_dir():
        assert re.search(r"^lint-corpus \(example corpus.*Passed$", proc.stdout, re.M)
        assert findings(proc.stdout), "the damaged examples should show findings"
    assert not changed_files(copy, env), "the fix hook changed the project's own files"


# -- the hooks installed by pre-commit, for real (slow) --------------------------------------


@pytest.mark.slow
def test_try_repo_check_hook_reports_the_findings(project, tmp_path, env):
    source, _ = project
    docs = documents_repo(tmp_path / "docs", env)
    proc = pre_commit(docs, env, "try-repo", str(source), "lint-corpus", "--all-files")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert re.search(r"^lint-corpus\.+Failed$", proc.stdout, re.M), output
    assert "- exit code: 1" in proc.stdout
    direct = lint_corpus(docs, "check", "corpus")
    assert direct.returncode == 1
    assert findings(proc.stdout) == findings(direct.stdout) != set()
    assert all(line.startswith("corpus/") for line in findings(proc.stdout))
    assert "tool.py" not in proc.stdout  # not markdown or plain text: never passed
    assert not changed_files(docs, env)  # check never writes


@pytest.mark.slow
def test_try_repo_fix_hook_cleans_and_fails_because_files_changed(project, tmp_path, env):
    source, _ = project
    docs = documents_repo(tmp_path / "docs", env)
    expected, direct = expected_fix(tmp_path / "direct")
    assert expected, "the documents should have something safe to fix"
    proc = pre_commit(docs, env, "try-repo", str(source), "lint-corpus-fix", "--all-files")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert re.search(r"^lint-corpus fix\.+Failed$", proc.stdout, re.M), output
    assert "- exit code: 1" in proc.stdout  # fix exits 1 because it changed files
    assert "- files were modified by this hook" in proc.stdout
    assert changed_files(docs, env) == {f"corpus/{name}" for name in expected}
    for name, data in expected.items():
        assert (docs / "corpus" / name).read_bytes() == data, name
    assert findings(proc.stdout) == findings(direct.stdout)  # what remains, reported
    assert "\u00a0" in (docs / "tool.py").read_text(encoding="utf-8")


@pytest.mark.slow
def test_readme_setup_fails_once_for_the_fixes_then_reports_what_remains(project, tmp_path,
                                                                          env):
    """The README's two files, verbatim but for the repository URL and rev."""
    source, commit = project
    _, config = readme_snippets()
    assert PLACEHOLDER_URL in config and "rev: v0.1.0" in config
    config = config.replace(PLACEHOLDER_URL, source.as_posix()).replace(
        "rev: v0.1.0", f"rev: {commit}")
    docs = documents_repo(tmp_path / "docs", env, config=config)
    expected, _ = expected_fix(tmp_path / "direct")

    first = pre_commit(docs, env, "run", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "- files were modified by this hook" in first.stdout
    assert changed_files(docs, env) == {f"corpus/{name}" for name in expected}
    assert (docs / "notes.txt").read_text(encoding="utf-8") == "An irregular\u00a0space"

    git(docs, env, "add", "-A")  # the user reviews the fixes and stages them
    remaining = lint_corpus(docs, "check", "corpus")
    second = pre_commit(docs, env, "run", "--all-files")
    assert "files were modified" not in second.stdout
    assert not changed_files(docs, env)
    # Only what fix cannot do safely is left, and it still fails the commit.
    assert second.returncode == remaining.returncode, second.stdout + second.stderr
    assert findings(second.stdout) == findings(remaining.stdout)
