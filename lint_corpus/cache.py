"""The findings cache: one file per entry, named by its key, written atomically.

An entry holds the findings of one document. Its key is a digest of:

- the run key: the tool version and the cache format, the Python and dependency
  versions, the source files of lint_corpus itself (size and modification time, so
  an editable install that changes a rule misses), the settings that decide findings
  (selection, severities, per-file ignores, rule options, schema map, limits...), the
  contents of every schema (and of the local files its ``$ref``s name), the contents
  of every rule pack, and each plugin's name, version and module file;
- the document's path relative to the config folder (per-file ignores and the schema
  map depend on it) and a digest of its bytes;
- the corpus key, when a selected rule reads corpus statistics (CH, TRL): a digest of
  the list of (path, content digest) of every document of the run, which decides
  the statistics. Any change anywhere in the corpus changes it, and every document
  is linted again: a line that now recurs in one more page can change the findings
  of all the others, so nothing less is safe. The statistics themselves are cached
  under the corpus key too, so a re-run with nothing changed skips the first pass.

The entries live in one SQLite database (WAL mode, a busy timeout), written one
transaction per chunk of documents, so pre-commit's parallel batches can share it;
readers see an entry whole or not at all. An entry or a database that does not read
counts as a miss. ``lint-corpus clean`` removes the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from array import array
from collections import Counter
from dataclasses import fields
from importlib import metadata
from pathlib import Path
from typing import Any

from lint_corpus import __version__
from lint_corpus.errors import UsageError
from lint_corpus.model import Applicability, Finding, Fix, Severity
from lint_corpus.schema import schema_files

CACHE_DIR_NAME = ".lint-corpus-cache"
FORMAT = 1
TAG_NAME = "CACHEDIR.TAG"
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This folder is the lint-corpus cache; `lint-corpus clean` removes it.\n")
# Settings that choose which files are read, not what is found in them.
_NOT_KEYED = {"root", "config_path", "paths", "include", "exclude", "extend_exclude"}
_DEPENDENCIES = ("pyyaml", "jsonschema", "ftfy", "beautifulsoup4", "rfc3339-validator",
                 "rfc3986-validator", "fqdn", "jsonschema-rs")


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _hasher():
    return hashlib.blake2b(digest_size=16)


# -- the run key ----------------------------------------------------------------------


def run_key(settings, schemas, text_field: str | None = None) -> str:
    """A digest of everything besides the document that decides its findings."""
    h = _hasher()

    def feed(*parts: Any) -> None:
        for part in parts:
            h.update(str(part).encode("utf-8", "surrogatepass"))
            h.update(b"\0")

    feed("lint-corpus", __version__, FORMAT, sys.version_info[:3], text_field)
    for name in _DEPENDENCIES:
        try:
            feed(name, metadata.version(name))
        except metadata.PackageNotFoundError:
            feed(name, None)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".yml", ".json") and "__pycache__" not in path.parts:
            stat = path.stat()
            feed(path.relative_to(package).as_posix(), stat.st_size, stat.st_mtime_ns)
    keyed = {f.name: getattr(settings, f.name) for f in fields(settings)
             if f.name not in _NOT_KEYED}
    feed(json.dumps(keyed, sort_keys=True, default=str))
    for schema in _schemas(schemas):
        for path in sorted(schema_files(schema.path)):
            feed("schema", path, _file_digest(path))
    from lint_corpus.registry import ENTRY_POINT_GROUP, pack_paths

    for path in pack_paths(settings):
        feed("pack", path, _file_digest(path))
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        module = sys.modules.get(ep.value.split(":")[0])
        origin = getattr(module, "__file__", None)
        stamp = None
        if origin and os.path.exists(origin):
            stat = os.stat(origin)
            stamp = (stat.st_size, stat.st_mtime_ns)
        feed("plugin", ep.name, ep.value, getattr(ep.dist, "version", None), origin, stamp)
    return h.hexdigest()


def _schemas(schemas) -> list:
    if schemas is None:
        return []
    found = [schemas.default] if schemas.default is not None else []
    found += [schema for _, schema in schemas.by_glob]
    return found


def _file_digest(path: Path) -> str:
    try:
        return content_digest(Path(path).read_bytes())
    except OSError:
        return "unreadable"


def corpus_key(run: str, mode: str, manifest) -> str:
    """A digest of every (display path, relative path, content digest) of the run."""
    h = _hasher()
    h.update(f"{run}\0{mode}\0".encode())
    for display, relpath, digest in manifest:
        h.update(f"{display}\0{relpath}\0{digest}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def document_key(run: str, corpus: str, relpath: str, digest: str) -> str:
    h = _hasher()
    h.update(f"{run}\0{corpus}\0{relpath}\0{digest}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


# -- entries --------------------------------------------------------------------------


class Entry:
    """A cached list of findings, without their path (the run supplies it)."""

    __slots__ = ("rows",)

    def __init__(self, rows: list) -> None:
        self.rows = rows

    def findings(self, path: str) -> list[Finding]:
        out = []
        for line, column, end_line, end_column, code, name, severity, message, fix, start, \
                end in self.rows:
            if fix is not None:
                applicability, description, _ = fix
                # Edits are not kept: reports need none, and ``fix`` lints a document
                # afresh when its entry says a fix applies (``Entry.fixable``).
                fix = Fix((), Applicability(applicability), description)
            out.append(Finding(path, line, column, end_line, end_column, code, name,
                               Severity(severity), message, fix, start, end))
        return out

    def fixable(self, unsafe: bool) -> bool:
        """Would ``fix`` apply anything to this document?"""
        for row in self.rows:
            fix = row[8]
            if fix is not None and fix[2] and (unsafe or fix[0] == Applicability.SAFE.value):
                return True
        return False


def _row(f: Finding) -> list:
    fix = None
    if f.fix is not None:
        fix = [f.fix.applicability.value, f.fix.description, bool(f.fix.edits)]
    return [f.line, f.column, f.end_line, f.end_column, f.code, f.rule, int(f.severity),
            f.message, fix, f.start, f.end]


class Cache:
    """The entries, in one SQLite database under the cache folder.

    One file, not one per document: creating 10,000 small files cost a cold run
    more than the checks of a whole rule family. Writes are buffered and committed in
    one transaction per chunk of documents (``flush``). The database runs in WAL mode
    with a busy timeout, so pre-commit's parallel batches read and write it side by
    side. A cache that cannot be opened, read or written is a miss, never an error.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.path = self.root / f"v{FORMAT}.sqlite"
        self._connection: sqlite3.Connection | None = None
        self._broken = False
        self._pending: list[tuple[str, bytes]] = []

    def _db(self) -> sqlite3.Connection | None:
        if self._connection is None and not self._broken:
            try:
                self._prepare()
                try:
                    self._connection = self._open()
                except sqlite3.DatabaseError as exc:
                    if isinstance(exc, sqlite3.OperationalError) or not self.path.is_file():
                        raise  # locked, read-only...: leave it to its owner
                    # Not a database any more (a crash, a stray write): start afresh.
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                    self._connection = self._open()
            except (OSError, sqlite3.Error):
                self._broken = True  # every lookup a miss, every write dropped
        return self._connection

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                                     check_same_thread=False)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # a cache: no fsync per commit
            connection.execute("CREATE TABLE IF NOT EXISTS entries "
                               "(key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID")
        except sqlite3.Error:
            connection.close()
            raise
        return connection

    def get(self, key: str) -> Entry | None:
        data = self._read(key)
        if not isinstance(data, list):
            return None
        return Entry(data)

    def put(self, key: str, findings: list[Finding]) -> None:
        self._pending.append((key, _encode([_row(f) for f in findings])))
        if len(self._pending) >= 256:
            self.flush()

    def flush(self) -> None:
        """Commit the buffered entries in one transaction."""
        pending, self._pending = self._pending, []
        db = self._db() if pending else None
        if db is None:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", pending)
            db.execute("COMMIT")
        except sqlite3.Error:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def close(self) -> None:
        self.flush()
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    # -- corpus statistics -----------------------------------------------------------

    def get_corpus(self, key: str):
        data = self._read("corpus-" + key)
        if not isinstance(data, dict):
            return None
        try:
            return _stats_from_json(data)
        except (KeyError, TypeError, ValueError):
            return None

    def put_corpus(self, key: str, stats) -> None:
        self._pending.append(("corpus-" + key, _encode(_stats_to_json(stats))))
        self.flush()

    # -- storage ---------------------------------------------------------------------

    def _read(self, key: str) -> Any:
        db = self._db()
        if db is None:
            return None
        try:
            row = db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            return json.loads(row[0]) if row is not None else None
        except (sqlite3.Error, ValueError, TypeError):
            return None  # a damaged entry or database: a miss

    def _prepare(self) -> None:
        if not self.root.is_dir():
            self.root.mkdir(parents=True, exist_ok=True)
        tag = self.root / TAG_NAME
        if not tag.exists():
            _write_small(tag, TAG)
            _write_small(self.root / ".gitignore", "# created by lint-corpus\n*\n")


def _encode(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass")


def _write_small(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def clean(root: Path) -> bool:
    """Remove the cache folder; False when there is none. Refuses other folders."""
    root = Path(root)
    if not root.exists():
        return False
    if not (root / TAG_NAME).is_file():
        raise UsageError(f"{root} is not a lint-corpus cache (it has no {TAG_NAME}); "
                         f"not removing it")
    shutil.rmtree(root)
    return True


# -- corpus statistics as JSON ----------------------------------------------------------


def _flat(counter: Counter) -> list:
    out: list = []
    for key, count in counter.items():
        out.append(key)
        out.append(count)
    return out


def _unflat(values: list) -> Counter:
    return Counter(dict(zip(values[::2], values[1::2], strict=True)))


def _stats_to_json(stats) -> dict:
    return {
        "min_documents": stats.min_documents,
        "documents": stats.documents,
        "lines": {source: _flat(c) for source, c in stats.lines.items()},
        "sentences": {source: _flat(c) for source, c in stats.sentences.items()},
        "titles": stats.distinct_titles(),
        "word_documents": _flat(stats.word_documents),
        "sources": _flat(stats.sources),
    }


def _stats_from_json(data: dict):
    from lint_corpus.corpus import CorpusStats

    stats = CorpusStats(int(data["min_documents"]))
    stats.documents = int(data["documents"])
    stats.lines = {source: _unflat(v) for source, v in data["lines"].items()}
    stats.sentences = {source: _unflat(v) for source, v in data["sentences"].items()}
    stats.titles = array("Q", data["titles"])
    stats.word_documents = _unflat(data["word_documents"])
    stats.sources = _unflat(data["sources"])
    return stats


def default_cache_dir(settings) -> Path:
    return Path(settings.root) / CACHE_DIR_NAME
