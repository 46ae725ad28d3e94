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

There is no index file: writers never share a file, so pre-commit's parallel batches
cannot race. A write goes to a temporary file in the entry's folder, then is renamed
over the entry; readers see the old entry, the new one, or none. An entry that does
not parse counts as a miss. ``lint-corpus clean`` removes the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import fields
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlparse

from lint_corpus import __version__
from lint_corpus.errors import UsageError
from lint_corpus.model import Applicability, Finding, Fix, Severity

CACHE_DIR_NAME = ".lint-corpus-cache"
FORMAT = 1
TAG_NAME = "CACHEDIR.TAG"
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This folder is the lint-corpus cache; `lint-corpus clean` removes it.\n")
# Settings that choose which files are read, not what is found in them.
_NOT_KEYED = {"root", "config_path", "paths", "include", "exclude", "extend_exclude"}
_DEPENDENCIES = ("pyyaml", "jsonschema", "ftfy", "beautifulsoup4", "rfc3339-validator",
                 "rfc3986-validator", "fqdn")


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


def schema_files(path: Path) -> set[Path]:
    """The schema file and the local files its ``$ref``s name, transitively."""
    found: set[Path] = set()
    stack = [Path(path).resolve()]
    while stack:
        current = stack.pop()
        if current in found or not current.is_file():
            continue
        found.add(current)
        try:
            text = current.read_text(encoding="utf-8")
            if current.suffix in (".yaml", ".yml"):
                import yaml

                contents = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            else:
                contents = json.loads(text)
        except (OSError, ValueError, UnicodeDecodeError, Exception):  # noqa: BLE001
            continue
        base = current.as_uri()
        nodes = [contents]
        while nodes:
            node = nodes.pop()
            if isinstance(node, dict):
                ref = node.get("$ref")
                if isinstance(ref, str):
                    target, _ = urldefrag(urljoin(base, ref))
                    if target.startswith("file:"):
                        stack.append(Path(unquote(urlparse(target).path)))
                nodes.extend(node.values())
            elif isinstance(node, list):
                nodes.extend(node)
    return found


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
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.entries = self.root / f"v{FORMAT}"
        self._made: set[str] = set()

    def _path(self, key: str, kind: str = "") -> Path:
        return self.entries / f"{kind}{key[:2]}" / f"{key}.json"

    def get(self, key: str) -> Entry | None:
        data = self._read(self._path(key))
        if not isinstance(data, list):
            return None
        return Entry(data)

    def put(self, key: str, findings: list[Finding]) -> None:
        self._write(self._path(key), [_row(f) for f in findings])

    # -- corpus statistics -----------------------------------------------------------

    def get_corpus(self, key: str):
        data = self._read(self._path(key, "corpus-"))
        if not isinstance(data, dict):
            return None
        try:
            return _stats_from_json(data)
        except (KeyError, TypeError, ValueError):
            return None

    def put_corpus(self, key: str, stats) -> None:
        self._write(self._path(key, "corpus-"), _stats_to_json(stats))

    # -- files -----------------------------------------------------------------------

    def _read(self, path: Path) -> Any:
        try:
            with open(path, "rb") as handle:
                return json.loads(handle.read())
        except (OSError, ValueError):
            return None

    def _write(self, path: Path, data: Any) -> None:
        """Write an entry atomically; a cache that cannot be written is no error."""
        folder = path.parent
        try:
            if str(folder) not in self._made:
                self._prepare(folder)
                self._made.add(str(folder))
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(json.dumps(data, ensure_ascii=False,
                                            separators=(",", ":")).encode("utf-8",
                                                                          "surrogatepass"))
                os.replace(tmp, path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            pass

    def _prepare(self, folder: Path) -> None:
        if not self.root.is_dir():
            self.root.mkdir(parents=True, exist_ok=True)
        tag = self.root / TAG_NAME
        if not tag.exists():
            _write_small(tag, TAG)
            _write_small(self.root / ".gitignore", "# created by lint-corpus\n*\n")
        folder.mkdir(parents=True, exist_ok=True)


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
        "titles": _flat(stats.titles),
        "word_documents": _flat(stats.word_documents),
        "sources": _flat(stats.sources),
    }


def _stats_from_json(data: dict):
    from lint_corpus.corpus import CorpusStats

    stats = CorpusStats(int(data["min_documents"]))
    stats.documents = int(data["documents"])
    stats.lines = {source: _unflat(v) for source, v in data["lines"].items()}
    stats.sentences = {source: _unflat(v) for source, v in data["sentences"].items()}
    stats.titles = _unflat(data["titles"])
    stats.word_documents = _unflat(data["word_documents"])
    stats.sources = _unflat(data["sources"])
    return stats


def default_cache_dir(settings) -> Path:
    return Path(settings.root) / CACHE_DIR_NAME
