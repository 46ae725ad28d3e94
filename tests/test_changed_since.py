"""``--changed-since REF``: only the documents git says changed, in a real git repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from lint_corpus import cli
from lint_corpus.changed import changed_paths
from lint_corpus.config import Settings

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

DIRTY = "Text with an irregular\u00a0space.\n"  # TXT006: every changed file has a finding
CLEAN = "Clean text.\n"


@pytest.fixture
def git_env(tmp_path_factory, monkeypatch):
    """Git that ignores the user's and the system's config, with an identity."""
    home = tmp_path_factory.mktemp("git-home")
    (home / "gitconfig").write_text("", encoding="utf-8")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "lint-corpus tests")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "tests@lint-corpus.invalid")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path, git_env, monkeypatch) -> Path:
    """main: the base. feat (checked out): a branch with every kind of change.

    main also moves on after feat forked (``corpus/main-only.md``): that file must not
    count, because changes are taken from the merge base.
    """
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root, ".gitignore", "*.bak.md\n")
    for rel in ("corpus/old.md", "corpus/gone.md", "corpus/rename-me.md"):
        write(root, rel, DIRTY)
    write(root, "corpus/edit.md", CLEAN)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feat")
    write(root, "corpus/edit.md", DIRTY)  # modified
    (root / "corpus/gone.md").unlink()  # deleted: nothing to check
    git(root, "mv", "corpus/rename-me.md", "corpus/renamed.md")  # renamed
    write(root, "corpus/new.txt", DIRTY)  # added
    write(root, "corpus/ünï code.md", DIRTY)  # a name git would quote without -z
    write(root, "other/elsewhere.md", DIRTY)  # outside corpus/
    write(root, "script.py", "print('not a document')\n")  # not in the include globs
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "feat")
    git(root, "checkout", "-q", "main")
    write(root, "corpus/main-only.md", DIRTY)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "main moves on")
    git(root, "checkout", "-q", "feat")
    write(root, "corpus/staged.md", DIRTY)  # staged, not committed
    git(root, "add", "corpus/staged.md")
    write(root, "corpus/untracked.md", DIRTY)  # untracked
    write(root, "corpus/ignored.bak.md", DIRTY)  # ignored by .gitignore
    monkeypatch.chdir(root)
    return root


COMMITTED = ["corpus/edit.md", "corpus/new.txt", "corpus/renamed.md", "corpus/ünï code.md"]
UNCOMMITTED = ["corpus/staged.md", "corpus/untracked.md"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def reported_files(out: str) -> list[str]:
    return sorted({line.split(":", 1)[0] for line in out.splitlines() if ": TXT" in line})


def test_selects_changes_since_the_merge_base_plus_uncommitted_files(repo):
    settings = Settings(root=repo)
    assert sorted(changed_paths("main", ["."], settings)) == sorted(
        COMMITTED + UNCOMMITTED + ["other/elsewhere.md"])


def test_narrowed_to_the_given_paths_and_named_files_skip_the_include_globs(repo):
    settings = Settings(root=repo)
    assert sorted(changed_paths("main", ["corpus"], settings)) == sorted(COMMITTED + UNCOMMITTED)
    # A file named explicitly is kept when it changed, whatever its extension (as in a
    # normal run); an unchanged one is dropped.
    assert changed_paths("main", ["script.py", "corpus/old.md"], settings) == ["script.py"]


def test_paths_are_relative_to_the_working_folder(repo, monkeypatch):
    monkeypatch.chdir(repo / "corpus")
    got = changed_paths("main", ["."], Settings(root=repo / "corpus"))
    assert sorted(got) == sorted(p.removeprefix("corpus/") for p in COMMITTED + UNCOMMITTED)


def test_check_uses_config_paths_and_excludes(repo, capsys):
    write(repo, "lint-corpus.toml",
          'paths = ["corpus"]\nextend-exclude = ["corpus/new.txt"]\n')
    code, out, err = run(capsys, "check", "--changed-since", "main", "--no-progress")
    assert code == 1, err
    assert reported_files(out) == sorted(set(COMMITTED + UNCOMMITTED) - {"corpus/new.txt"})
    # The same run without --changed-since sees the unchanged and main-only files too.
    code, out, _ = run(capsys, "check", "--no-progress")
    assert "corpus/old.md" in reported_files(out)


def test_nothing_changed_is_a_clean_run(repo, capsys):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "everything")
    code, out, err = run(capsys, "check", "--changed-since", "HEAD", "corpus")
    assert code == 0, out + err
    assert "0 files" in out


def test_fix_only_touches_changed_files(repo, capsys):
    code, out, err = run(capsys, "fix", "--changed-since", "main", "corpus")
    assert code == 1, err  # files changed
    for rel in COMMITTED + UNCOMMITTED:
        assert "\u00a0" not in (repo / rel).read_text(encoding="utf-8"), rel
    assert (repo / "corpus/old.md").read_text(encoding="utf-8") == DIRTY
    assert (repo / "other/elsewhere.md").read_text(encoding="utf-8") == DIRTY


@pytest.mark.parametrize("command", ["check", "fix"])
def test_unknown_ref_is_a_usage_error_naming_the_ref(repo, capsys, command):
    code, out, err = run(capsys, command, "--changed-since", "no-such-branch", "corpus")
    assert code == 2
    assert "no-such-branch" in err and "--changed-since" in err
    assert "Traceback" not in err and "internal error" not in err


def test_outside_a_git_repository(tmp_path, git_env, monkeypatch, capsys):
    folder = tmp_path / "plain"
    folder.mkdir()
    write(folder, "doc.md", DIRTY)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, out, err = run(capsys, "check", "--changed-since", "main")
    assert code == 2
    assert "--changed-since main" in err and "not inside a git repository" in err
    assert "Traceback" not in err


def test_git_missing(repo, monkeypatch, tmp_path, capsys):
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, out, err = run(capsys, "check", "--changed-since", "main", "corpus")
    assert code == 2
    assert "--changed-since main" in err and "git is not installed" in err


def test_missing_path_is_still_a_usage_error(repo, capsys):
    code, out, err = run(capsys, "check", "--changed-since", "main", "no-such-folder")
    assert code == 2
    assert "path not found: no-such-folder" in err


def test_shallow_clone_without_the_merge_base(repo, tmp_path, capsys, monkeypatch):
    """A CI checkout with fetch-depth 1 has the ref but not the merge base."""
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feat", "--no-local",
        repo.as_uri(), str(clone))
    git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    monkeypatch.chdir(clone)
    code, out, err = run(capsys, "check", "--changed-since", "origin/main", "corpus")
    assert code == 2
    assert "--changed-since origin/main" in err and "fetch" in err
    assert "Traceback" not in err


def _page(n: int) -> str:
    return (f"# Field notes {n}\n\n"
            "Harbour Lights Quarterly, the spring edition for members\n\n"
            f"The survey team counted {n * 7} nesting pairs along the northern dunes, "
            "more than in any year since the reserve opened to visitors.\n")


@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["cache", "no-cache"])
def test_corpus_statistics_come_from_all_paths(tmp_path, git_env, monkeypatch, capsys, cache):
    """A line recurring across the folder is template text even if one page changed."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for n in range(4):
        write(root, f"pages/p{n}.md", _page(n))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    write(root, "pages/p1.md", _page(1) + "\nOne more paragraph about the dunes.\n")
    monkeypatch.chdir(root)
    args = ["check", "pages", "--select", "CH005", "--no-progress", "--isolated",
            "--quiet", *cache]
    code, out, err = run(capsys, *args, "--changed-since", "main")
    assert code == 1, err
    assert [line.split(":")[:2] for line in out.splitlines() if "CH005" in line] == \
        [["pages/p1.md", "3"]]
    # The same finding as a run over everything.
    code, full, _ = run(capsys, *args)
    assert [line for line in full.splitlines() if line.startswith("pages/p1.md")] == \
        [line for line in out.splitlines() if line.startswith("pages/p1.md")]
