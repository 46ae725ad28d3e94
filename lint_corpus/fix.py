"""Applying fixes: non-overlapping edits, repeated until stable, written atomically.

The fixer is the only code that writes documents. It applies a finding's edits
only as a whole, never two overlapping edits, re-lints the result and repeats until
nothing changes (at most ``MAX_PASSES`` times).
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lint_corpus.document import UNDECODABLE, Document
from lint_corpus.model import Applicability, Edit, Finding

MAX_PASSES = 10


@dataclass
class FixResult:
    original: Document
    text: str  # the fixed text
    applied: Counter = field(default_factory=Counter)  # code → number of fixes applied
    remaining: list[Finding] = field(default_factory=list)
    passes: int = 0
    converged: bool = True

    @property
    def changed(self) -> bool:
        return self.text != self.original.text

    @property
    def undecodable_left(self) -> bool:
        if self.original.decode_problem is None:
            return False
        # UTF-16 decoding replaced the bad code units with U+FFFD, which no fix can undo:
        # writing the text would destroy the original bytes.
        return self.original.encoding != "utf-8" or _has_surrogates(self.text)


def _has_surrogates(text: str) -> bool:
    return UNDECODABLE.search(text) is not None


def select_fixes(findings: list[Finding], unsafe: bool) -> list[Finding]:
    return [f for f in findings if f.fix is not None and f.fix.edits
            and (unsafe or f.fix.applicability is Applicability.SAFE)]


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """Apply the fixes of ``findings`` that do not overlap; return (text, applied)."""
    accepted: list[Edit] = []
    taken: set[tuple[int, int, str]] = set()
    applied: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (min(e.start for e in f.fix.edits), f.code)):
        edits = sorted(set(finding.fix.edits), key=lambda e: (e.start, e.end))
        new = [e for e in edits if (e.start, e.end, e.replacement) not in taken]
        if _overlaps_itself(new) or any(_overlap(e, other) for e in new for other in accepted):
            continue  # stays reported; a later pass may apply it
        accepted.extend(new)
        taken.update((e.start, e.end, e.replacement) for e in new)
        applied.append(finding)
    if not accepted:
        return text, []
    pieces, cursor = [], 0
    for edit in sorted(accepted, key=lambda e: (e.start, e.end)):
        pieces.append(text[cursor:edit.start])
        pieces.append(edit.replacement)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), applied


def _overlap(a: Edit, b: Edit) -> bool:
    # An insertion touching another edit (at its start or its end) is deferred to the
    # next pass: which side of the other edit it belongs on would be a guess.
    if a.start == a.end and b.start <= a.start <= b.end:
        return True
    if b.start == b.end and a.start <= b.start <= a.end:
        return True
    return a.start < b.end and b.start < a.end


def _overlaps_itself(edits: list[Edit]) -> bool:
    return any(_overlap(a, b) for a, b in zip(edits, edits[1:], strict=False))


def fix_document(doc: Document, lint, unsafe: bool = False) -> FixResult:
    """Lint, apply fixes, re-lint, until stable. ``lint`` maps a Document to findings."""
    result = FixResult(doc, doc.text)
    current = doc
    findings = lint(current)
    for _ in range(MAX_PASSES):
        fixes = select_fixes(findings, unsafe)
        if not fixes:
            break
        new_text, applied = apply_fixes(current.text, fixes)
        if not applied or new_text == current.text:
            break
        result.passes += 1
        result.applied.update(f.code for f in applied)
        current = reparse(current, new_text)
        findings = lint(current)
    else:
        result.converged = not select_fixes(findings, unsafe)
    result.text = current.text
    result.remaining = findings
    return result


def reparse(doc: Document, text: str) -> Document:
    """A fresh Document for fixed text, keeping the original's encoding."""
    new = Document(text, doc.path, encoding=doc.encoding, encoding_prefix=doc.encoding_prefix,
                   raw_size=doc.raw_size, record=doc.record)
    if doc.decode_problem is not None and _has_surrogates(text):
        new.decode_problem = doc.decode_problem
    return new


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: temporary file in the same folder, fsync, rename.

    The file's permission bits are kept, and a symbolic link stays a link to the
    rewritten target. Raises OSError (for example PermissionError) on failure, leaving
    the original untouched.
    """
    target = Path(os.path.realpath(path))
    if not os.access(target, os.W_OK):
        raise PermissionError(13, "file is read-only", str(path))
    mode = target.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".lint-corpus.tmp",
                               dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(target.parent)


class AtomicWriter:
    """A stream that replaces ``path`` on ``commit()``, as ``write_atomic`` does.

    For files written piece by piece (a JSONL corpus): the pieces go to a temporary
    file in the same folder; ``commit`` fsyncs it, keeps the permission bits and
    renames it over the target; ``discard`` removes it and leaves the target as it
    was. A ``.gz`` target is written gzip-compressed.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.target = Path(os.path.realpath(path))
        if not os.access(self.target, os.W_OK):
            raise PermissionError(13, "file is read-only", str(path))
        self.mode = self.target.stat().st_mode & 0o7777
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.",
                                        suffix=".lint-corpus.tmp", dir=self.target.parent)
        self.raw = os.fdopen(fd, "wb")
        self.handle = self.raw
        if self.target.name.lower().endswith(".gz"):
            import gzip

            self.handle = gzip.GzipFile(filename=self.target.name[:-3], mode="wb",
                                        fileobj=self.raw)

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def commit(self) -> None:
        try:
            if self.handle is not self.raw:
                self.handle.close()
            self.raw.flush()
            os.fsync(self.raw.fileno())
            self.raw.close()
            os.chmod(self.tmp, self.mode)
            os.replace(self.tmp, self.target)
        except BaseException:
            self.discard()
            raise
        _fsync_folder(self.target.parent)

    def discard(self) -> None:
        try:
            if self.handle is not self.raw:
                self.handle.close()
            self.raw.close()
        except OSError:
            pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _fsync_folder(folder: Path) -> None:
    """Make a rename into ``folder`` durable."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
