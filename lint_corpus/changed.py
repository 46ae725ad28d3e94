"""``--changed-since REF``: only the documents git says changed, for CI on large corpora.

"Changed since REF" means what a pull request shows plus what is not committed yet:

* ``git diff --name-only --diff-filter=ACMR REF...HEAD``: added, copied, modified or
  renamed (new name) since the merge base of REF and HEAD, so commits that landed on
  REF after the branch forked do not count;
* ``git diff --name-only --diff-filter=ACMR HEAD``: staged and unstaged changes;
* ``git ls-files --others --exclude-standard``: new files git does not ignore.

Deleted files are left out. The result is narrowed to the PATHS being checked, and
files found under a folder must match the include globs, as in a normal run; the
exclude globs are applied afterwards by :func:`lint_corpus.sources.collect_sources`.
Any git problem (git missing, not a repository, unknown ref, no merge base in a
shallow clone) is a :class:`UsageError` naming the ref, so the CLI exits with 2.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from lint_corpus.config import Settings
from lint_corpus.errors import UsageError
from lint_corpus.globs import GlobSet


def _git(args: list[str], cwd: Path, ref: str) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False,
                              env={**os.environ, "LC_ALL": "C"})
    except FileNotFoundError:
        raise UsageError(f"--changed-since {ref}: git is not installed or not on PATH") \
            from None
    except OSError as exc:
        raise UsageError(f"--changed-since {ref}: cannot run git: {exc}") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(detail[-1] if detail else f"git exited with {proc.returncode}")
    return proc.stdout.decode("utf-8", "surrogateescape")


class _GitFailed(Exception):
    pass


def changed_files(ref: str, cwd: Path | None = None) -> list[Path]:
    """Absolute paths of the existing files changed since ``ref`` (see the module doc)."""
    cwd = (cwd or Path.cwd()).resolve()
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], cwd, ref).strip())
    except _GitFailed:
        raise UsageError(f"--changed-since {ref}: {cwd} is not inside a git repository") \
            from None
    if not ref or ref.startswith("-"):
        raise UsageError(f"--changed-since {ref!r}: not a git revision")
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd, ref)
    except _GitFailed:
        raise UsageError(f"--changed-since {ref}: unknown git revision {ref!r} (in a shallow "
                         f"CI checkout, fetch it first, e.g. actions/checkout with "
                         f"fetch-depth: 0)") from None
    names: set[str] = set()
    try:
        names.update(_git(["diff", "--name-only", "-z", "--diff-filter=ACMR",
                           f"{ref}...HEAD", "--"], top, ref).split("\0"))
    except _GitFailed as exc:
        raise UsageError(f"--changed-since {ref}: git cannot compare {ref!r} with HEAD: {exc} "
                         f"(a shallow clone may lack the merge base; fetch the full "
                         f"history)") from None
    try:
        names.update(_git(["diff", "--name-only", "-z", "--diff-filter=ACMR", "HEAD", "--"],
                          top, ref).split("\0"))
        names.update(_git(["ls-files", "-z", "--others", "--exclude-standard"],
                          top, ref).split("\0"))
    except _GitFailed as exc:
        raise UsageError(f"--changed-since {ref}: git failed: {exc}") from None
    found = {(top / name).resolve() for name in names if name}
    return sorted(p for p in found if p.is_file())


def changed_paths(ref: str, paths: list[str], settings: Settings,
                  cwd: Path | None = None) -> list[str]:
    """The changed files that a run over ``paths`` would check, relative to ``cwd``.

    A file named in ``paths`` is kept when it changed; a file under a folder in
    ``paths`` is kept when it changed and matches the include globs.
    """
    cwd = cwd or Path.cwd()
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError("path not found: " + ", ".join(missing))
    changed = changed_files(ref, cwd)
    tops = [(Path(p).resolve(), Path(p).is_dir()) for p in paths]
    include = GlobSet(settings.include)
    bases = [settings.root.resolve(), cwd.resolve()]

    def included(path: Path) -> bool:
        if include.match_name(path.name):
            return True
        for base in bases:
            try:
                return include.match(path.relative_to(base).as_posix())
            except ValueError:
                continue
        return False

    selected = []
    for path in changed:
        for top, is_dir in tops:
            if (path == top) if not is_dir else (top in path.parents and included(path)):
                selected.append(_relative(path, cwd.resolve()))
                break
    return selected


def _relative(path: Path, cwd: Path) -> str:
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        return str(path)
