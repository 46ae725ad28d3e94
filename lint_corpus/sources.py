"""Paths to documents: walking folders over include globs, minus exclude globs.

Reading a file never raises: a file that cannot be read or is too large becomes a
``Document`` that carries the problem, so it is reported like any other finding.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lint_corpus.config import Settings
from lint_corpus.document import Document
from lint_corpus.errors import UsageError
from lint_corpus.globs import GlobSet


@dataclass(frozen=True, slots=True)
class Source:
    # Plain strings, not Path objects: a run over 100,000 files holds them all, and a
    # Path with its parts costs about three times the memory of its string.
    path: str  # as found on disk
    display: str  # relative to the working folder where possible, with "/" separators
    relpath: str  # relative to the config's folder: what globs in the config match

    def __reduce__(self):  # faster than the dataclass default, for pool transport
        return Source, (self.path, self.display, self.relpath)


def display_path(path: Path, cwd: Path) -> str:
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        rel = str(path)
    if rel.startswith(".." + os.sep) and path.is_absolute():
        rel = str(path)
    return rel.replace(os.sep, "/")


def collect_sources(paths: list[str], settings: Settings, cwd: Path | None = None) -> list[Source]:
    """All documents under ``paths``, sorted, each once. A missing path is a usage error."""
    cwd = cwd or Path.cwd()
    include = GlobSet(settings.include)
    exclude = GlobSet(settings.all_excludes)
    seen: set[str] = set()
    found: list[Source] = []

    # Resolved once: resolving every file (a system call per path part) would cost
    # more than reading small files.
    bases = [str(settings.root.resolve()), str(cwd.resolve())]

    prefixes = [base.rstrip(os.sep) + os.sep for base in bases]
    cwd_prefix = prefixes[1]

    def relative_to_root(p: Path | str, absolute: str | None = None) -> str:
        absolute = absolute or os.path.abspath(p)
        for base, prefix in zip(bases, prefixes, strict=True):
            if absolute == base:
                return "."
            if absolute.startswith(prefix):
                return absolute[len(prefix):].replace(os.sep, "/")
        return Path(absolute).as_posix().lstrip("/")

    def add(p: Path | str, absolute: str | None = None, relpath: str | None = None,
            display: str | None = None) -> None:
        key = absolute or os.path.abspath(p)
        if key not in seen:
            seen.add(key)
            if relpath is None:
                relpath = relative_to_root(p, key)
            # Under the working folder (the usual case) the display path is a suffix of
            # the absolute one; elsewhere os.path.relpath works it out.
            if key.startswith(cwd_prefix):
                display = key[len(cwd_prefix):].replace(os.sep, "/")
            elif display is None:
                display = display_path(Path(p), cwd)
            # The same text twice (the usual case) is stored once.
            found.append(Source(str(p), display, display if relpath == display else relpath))

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError("path not found: " + ", ".join(missing))
    for raw in paths:
        top = Path(raw)
        if top.is_file():
            # Files named explicitly skip the include globs but not the excludes,
            # so a pre-commit hook honours the configured excludes.
            if not exclude.match(relative_to_root(top)):
                add(top)
            continue
        for folder, dirs, files in os.walk(top):
            # Paths as Path would write them ("sub/x.md", not "./sub/x.md"), built as
            # strings: one Path per folder, not three per file.
            folder_text = str(Path(folder))
            prefix = "" if folder_text == "." else folder_text.rstrip(os.sep) + os.sep
            absolute_prefix = os.path.abspath(folder_text).rstrip(os.sep) + os.sep
            # Outside the working folder a file shows as its folder's display path and
            # its name: one os.path.relpath per folder, not per file.
            folder_display = None if absolute_prefix.startswith(cwd_prefix) else \
                display_path(Path(folder_text), cwd)
            display_prefix = "" if folder_display in (None, ".") else folder_display + "/"
            dirs[:] = sorted(d for d in dirs if not exclude.match(
                relative_to_root(prefix + d, absolute_prefix + d)))
            for name in sorted(files):
                absolute = absolute_prefix + name
                relpath = relative_to_root(prefix + name, absolute)
                if not include.match_name(name) and not include.match(relpath):
                    continue
                if exclude.match(relpath):
                    continue
                add(prefix + name, absolute, relpath,
                    None if folder_display is None else display_prefix + name)
    found.sort(key=lambda s: s.display)
    return found


def read_document(source: Source, max_size: int) -> Document:
    """Read and decode one file; problems become attributes the LC rules report."""
    data = read_bytes(source, max_size)
    if isinstance(data, Document):
        return data
    return Document.from_bytes(data, source.display)


def read_bytes(source: Source, max_size: int) -> bytes | Document:
    """The file's bytes, or a ``Document`` carrying the reason it was not read."""
    try:
        size = os.stat(source.path).st_size
        if size > max_size:
            return _problem_document(source, "too-large",
                                     f"file is {size:,} bytes, over the limit of {max_size:,}; "
                                     f"skipped (raise max-file-size to check it)", size)
        with open(source.path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _problem_document(source, "unreadable", f"cannot read file: {reason}", 0)
    if len(data) > max_size:  # grew since stat
        return _problem_document(source, "too-large",
                                 f"file is over the limit of {max_size:,} bytes; skipped",
                                 len(data))
    return data


def _problem_document(source: Source, kind: str, message: str, size: int) -> Document:
    doc = Document("", source.display, raw_size=size)
    doc.read_problem = (kind, message)
    return doc
