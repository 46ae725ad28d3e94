"""Executors: the same per-document work, in this process, a process pool or on Dask.

Every executor calls the methods of one ``Worker``: read a document (a file, or a
record of a JSONL file), then lint it, fix it, hash it or count its lines for the
corpus statistics. A worker is built from a picklable ``JobContext`` (settings, the
schema override, what to do, the cache), never from pickled rules: each process
builds the rule catalogue once, in the pool's initializer or on first use on a Dask
worker. Items go out in chunks and results come back in the order the items were
given, so the output does not depend on the executor or the number of jobs.

``SerialExecutor`` runs in this process with the linter the command already built:
``--jobs 1`` is the plain loop it always was.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import multiprocessing
import os
import pickle
import threading
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from lint_corpus.cache import Cache, content_digest, document_key
from lint_corpus.config import Settings
from lint_corpus.corpus import DEFAULT_MIN_DOCUMENTS, CorpusStats
from lint_corpus.document import Document
from lint_corpus.engine import Linter, SchemaMap
from lint_corpus.fix import fix_document, write_atomic
from lint_corpus.jsonl import is_jsonl, iter_lines, rebuild, record_document, relocate
from lint_corpus.model import Finding
from lint_corpus.registry import RuleSet, load_catalogue
from lint_corpus.sources import Source, read_bytes

CHUNK_DOCUMENTS = 16  # documents per task: small enough to balance, big enough to amortise
CHUNK_BYTES = 1 << 20  # and at most about this much JSONL text per task
# A chunk of the statistics pass sends back counters, whose words and lines overlap
# between documents: bigger chunks send and merge less.
STATS_CHUNK_DOCUMENTS = 128


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@dataclass(frozen=True)
class JobContext:
    """What a worker needs to build its linter and do its work. Picklable."""

    settings: Settings
    schema: str | None = None  # --schema, as an absolute path or a built-in name
    command: str = "check"  # or "fix"
    unsafe_fixes: bool = False
    diff: bool = False
    text_field: str = "text"
    cache_dir: str | None = None
    run_key: str | None = None  # None: no cache
    corpus_key: str = ""
    token: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of work: a file, or one line of a JSONL file."""

    source: Source
    record: int | None = None  # the line number in a JSONL file
    data: bytes | None = None  # that line; files are read by the worker
    digest: str | None = None  # the file's content digest, when already known
    check_only: bool = False  # fix: report, never change (the file cannot be written)
    problem: str | None = None  # why the file could not be read (a JSONL file)

    def __reduce__(self):  # faster than the dataclass default, for pool transport
        return Item, (self.source, self.record, self.data, self.digest, self.check_only,
                      self.problem)


@dataclass(slots=True)
class Outcome:
    """What became of one item."""

    path: str
    findings: list[Finding]
    documents: int = 1
    applied: Counter | None = None  # fix: code → fixes applied
    changed: bool = False
    diff: str | None = None
    line: bytes | None = None  # fix of a JSONL record: its new line
    cached: bool = False

    def __reduce__(self):  # faster than the dataclass default, for pool transport
        return Outcome, (self.path, self.findings, self.documents, self.applied, self.changed,
                         self.diff, self.line, self.cached)


def new_stats(settings: Settings, keep_examples: bool = False) -> CorpusStats:
    options = settings.rules.get("CH005") or settings.rules.get("recurring-line") or {}
    return CorpusStats(int(options.get("min-documents", DEFAULT_MIN_DOCUMENTS)),
                       keep_examples=keep_examples)


class Worker:
    """Reads and processes items; one per process (or the command's own, serially)."""

    def __init__(self, ctx: JobContext, corpus: CorpusStats | None = None,
                 linter: Linter | None = None) -> None:
        self.ctx = ctx
        self.corpus = corpus
        self._linter = linter
        self.cache = Cache(Path(ctx.cache_dir)) if ctx.cache_dir and ctx.run_key else None
        # A pool's worker process has no last word: it commits its cache entries after
        # every chunk. The serial executor closes its worker's cache at the end, so its
        # entries go in batches (see Cache.put), not in a transaction per chunk.
        self.commit_each_chunk = True

    @property
    def linter(self) -> Linter:
        """Built when first needed: the statistics pass reads documents but lints none."""
        if self._linter is None:
            settings = self.ctx.settings
            ruleset = RuleSet(load_catalogue(settings), settings)
            self._linter = Linter(settings, ruleset, SchemaMap(settings, self.ctx.schema),
                                  self.corpus)
        return self._linter

    # -- reading --------------------------------------------------------------------

    def read(self, item: Item) -> tuple[Document, object, bytes | None]:
        """(document, JSONL record or None, the file's bytes or None)."""
        max_size = self.ctx.settings.max_file_size
        if item.problem is not None:
            doc = Document("", item.source.display)
            doc.read_problem = ("unreadable", item.problem)
            return doc, None, None
        if item.record is not None:
            doc, record = record_document(item.data or b"", item.source.display, item.record,
                                          self.ctx.text_field, max_size)
            return doc, record, None
        data = read_bytes(item.source, max_size)
        if isinstance(data, Document):
            return data, None, None
        return Document.from_bytes(data, item.source.display), None, data

    def _key(self, item: Item, digest: str) -> str:
        return document_key(self.ctx.run_key or "", self.ctx.corpus_key, item.source.relpath,
                            digest)

    def _cached(self, item: Item, digest: str | None, unless_fixable: bool = False
                ) -> Outcome | None:
        """The cached findings for this content, as an outcome; None on a miss.

        ``unless_fixable`` (fix): an entry that says a fix applies is no use either.
        """
        if self.cache is None or digest is None or item.record is not None:
            return None
        entry = self.cache.get(self._key(item, digest))
        if entry is None or (unless_fixable and entry.fixable(self.ctx.unsafe_fixes)):
            return None
        display = item.source.display
        return Outcome(display, entry.findings(display), cached=True)

    def _read_or_cached(self, item: Item, unless_fixable: bool = False):
        """(cached outcome, None, ...) on a hit, else (None, document, record, digest).

        The digest the first pass computed is tried before reading; a file changed
        since then is looked up again under its new digest.
        """
        hit = self._cached(item, item.digest, unless_fixable)
        if hit is not None:
            return hit, None, None, None
        doc, record, data = self.read(item)
        digest = content_digest(data) if self.cache is not None and data is not None else None
        if digest is not None and digest != item.digest:
            hit = self._cached(item, digest, unless_fixable)
        return hit, doc, record, digest

    # -- the work -------------------------------------------------------------------

    def lint(self, item: Item) -> Outcome:
        if item.record is not None and not (item.data or b"").strip():
            return Outcome("", [], documents=0)  # a blank line of a JSONL file
        hit, doc, _, digest = self._read_or_cached(item)
        if hit is not None:
            return hit
        findings = self.linter.lint(doc, item.source.relpath)
        if digest is not None:
            self.cache.put(self._key(item, digest), findings)
        return Outcome(doc.path, _located(findings, doc))

    def fix(self, item: Item) -> Outcome:
        if item.check_only:
            return self.lint(item)
        if item.record is not None and not (item.data or b"").strip():
            return Outcome("", [], documents=0)
        ctx = self.ctx
        display = item.source.display
        hit, doc, record, digest = self._read_or_cached(item, unless_fixable=True)
        if hit is not None:
            return hit
        relpath = item.source.relpath

        def lint(d: Document) -> list[Finding]:
            return self.linter.lint(d, relpath)

        result = fix_document(doc, lint, unsafe=ctx.unsafe_fixes)
        if not result.changed:
            if digest is not None:
                self.cache.put(self._key(item, digest), result.remaining)
            return Outcome(doc.path, _located(result.remaining, doc))
        if result.undecodable_left:
            # Never rewrite a file whose undecodable bytes were not repaired; report what
            # the file still holds, not the fixed text that was never written.
            return Outcome(doc.path, _located(lint(doc), doc))
        diff = None
        if ctx.diff:
            diff = "".join(difflib.unified_diff(
                doc.text.splitlines(keepends=True), result.text.splitlines(keepends=True),
                fromfile=f"a/{doc.path}", tofile=f"b/{doc.path}"))
        if record is not None:
            line = rebuild(record, result.text)
            if line is None:  # the fixed fields do not read back: leave the record
                return Outcome(doc.path, relocate(lint(doc), doc))
            fixed = Document(result.text, doc.path, record=doc.record)
            return Outcome(doc.path, relocate(result.remaining, fixed), applied=result.applied,
                           changed=True, diff=diff, line=line)
        if not ctx.diff:
            new_bytes = doc.encode(result.text)
            try:
                write_atomic(item.source.path, new_bytes)
            except OSError as exc:
                findings = lint(doc)  # all still there
                findings.append(write_failure(self.linter.ruleset, display, exc))
                return Outcome(display, findings)
            if self.cache is not None:
                self.cache.put(self._key(item, content_digest(new_bytes)), result.remaining)
        return Outcome(doc.path, result.remaining, applied=result.applied, changed=True,
                       diff=diff)

    def digest(self, item: Item) -> str:
        """The content digest of a file (a whole JSONL file, for the corpus key)."""
        if is_jsonl(item.source.path):
            h = hashlib.blake2b(digest_size=16)
            try:
                for _, line in iter_lines(item.source.path):
                    h.update(line)
            except (OSError, EOFError):
                return "unreadable"
            return h.hexdigest()
        data = read_bytes(item.source, self.ctx.settings.max_file_size)
        if isinstance(data, Document):
            return "problem:" + data.read_problem[0]
        return content_digest(data)

    def stats(self, items: list[Item]) -> CorpusStats:
        stats = new_stats(self.ctx.settings)
        for item in items:
            if item.record is not None and not (item.data or b"").strip():
                continue
            stats.add(self.read(item)[0])
        return stats

    # -- chunks -----------------------------------------------------------------------

    def run(self, kind: str, items: list[Item]):
        if kind == "stats":
            return self.stats(items)
        method = getattr(self, kind)
        try:
            return [method(item) for item in items]
        finally:
            if self.cache is not None and self.commit_each_chunk:
                self.cache.flush()  # one transaction per chunk


def write_failure(ruleset: RuleSet, path: str, exc: OSError) -> Finding:
    """LC004: the fixes of ``path`` could not be written."""
    rule = ruleset.catalogue["LC004"]
    return Finding(path, 1, 1, 1, 1, "LC004", rule.name,
                   ruleset.severities.get("LC004", rule.severity),
                   f"cannot write fixes: {exc.strerror or exc}; file left unchanged")


def _located(findings: list[Finding], doc: Document) -> list[Finding]:
    """Findings of a JSONL record's document, relocated to the record; others as they are."""
    return relocate(findings, doc) if doc.record is not None else findings


# -- items ------------------------------------------------------------------------------


def iter_items(sources: list[Source], digests: dict[int, str] | None = None,
               check_only: set[int] | None = None) -> Iterator[Item]:
    """Items for every source in order; JSONL files are streamed record by record."""
    for index, source in enumerate(sources):
        readonly = bool(check_only) and index in check_only
        if is_jsonl(source.path):
            try:
                for lineno, line in iter_lines(source.path):
                    yield Item(source, lineno, line, check_only=readonly)
            except (OSError, EOFError) as exc:
                # Reported like any file that cannot be read (after its good records).
                yield Item(source, problem=f"cannot read file: "
                                          f"{getattr(exc, 'strerror', None) or exc}",
                           check_only=readonly)
            continue
        yield Item(source, digest=digests.get(index) if digests else None,
                   check_only=readonly)


def chunked(items: Iterable[Item], size: int = CHUNK_DOCUMENTS,
            max_bytes: int = CHUNK_BYTES) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    weight = 0
    for item in items:
        chunk.append(item)
        weight += len(item.data) if item.data is not None else 0
        if len(chunk) >= size or weight >= max_bytes:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


# -- executors --------------------------------------------------------------------------


class SerialExecutor:
    """In this process: the plain loop."""

    name = "serial"

    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        worker.commit_each_chunk = False  # close() commits what is left

    def map(self, kind: str, chunks: Iterable[list[Item]]) -> Iterator[tuple[list[Item], object]]:
        for chunk in chunks:
            yield chunk, self.worker.run(kind, chunk)

    def close(self) -> None:
        if self.worker.cache is not None:
            self.worker.cache.close()


_WORKER: Worker | None = None


# The collector's young generation is examined every 700 allocations by default. A run
# allocates millions of short-lived lines, nodes and findings, which reference counting
# frees (few form cycles); at the default a single-process run took about 11% longer.
GC_THRESHOLDS = (100_000, 10, 10)


def tune_gc() -> None:
    """For lint-corpus's own processes (the CLI and its pool workers), not Dask's."""
    gc.set_threshold(*GC_THRESHOLDS)


def _init_pool(ctx: JobContext, corpus: CorpusStats | None) -> None:
    global _WORKER
    tune_gc()  # spawned workers start from a fresh interpreter
    _WORKER = Worker(ctx, corpus)


def _pool_chunk(kind: str, items: list[Item]):
    assert _WORKER is not None
    return _WORKER.run(kind, items)


def _ordered(submit: Callable, chunks: Iterable[list[Item]], window: int):
    """Submit chunks with at most ``window`` in flight; yield results in order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            first, future = pending.popleft()
            yield first, future.result()
    while pending:
        first, future = pending.popleft()
        yield first, future.result()


def pool_start_method() -> str | None:
    """How pool workers start: forked where the platform allows (or as configured)."""
    return os.environ.get("LINT_CORPUS_START_METHOD") or (
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None)


class ChildFailed(Exception):
    """The work given to ``in_child`` raised; the message names the error."""


def in_child(work: Callable[[], object]):
    """``work()`` run in a forked child process; its result comes back pickled.

    What the work allocates on the way to its result (the statistics pass merges
    counters of every line of the corpus, hundreds of MB on large corpora) is freed
    with the child, instead of staying in this process's heap, which the lint pool's
    workers would then inherit. Only where processes fork (see ``pool_start_method``).
    """
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)

    def run() -> None:
        try:
            outcome = ("ok", work())
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            outcome = ("error", f"{type(exc).__name__}: {exc}")
        try:
            writer.send_bytes(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            writer.close()

    child = context.Process(target=run, name="lint-corpus-statistics")
    child.start()
    writer.close()
    try:
        data = reader.recv_bytes()
    except EOFError:
        child.join()
        raise ChildFailed(f"the process stopped with exit code {child.exitcode}") from None
    finally:
        reader.close()
    child.join()
    status, payload = pickle.loads(data)
    if status != "ok":
        raise ChildFailed(payload)
    return payload


class PoolExecutor:
    """A pool of ``jobs`` processes (forked where the platform allows)."""

    name = "pool"

    def __init__(self, ctx: JobContext, corpus: CorpusStats | None, jobs: int,
                 start_method: str | None = None) -> None:
        from concurrent.futures import ProcessPoolExecutor

        method = start_method or pool_start_method()
        self.jobs = jobs
        self._frozen = method == "fork"
        if self._frozen:
            # Forked workers share the parent's pages until they write to them, and a
            # garbage collection writes to every object it visits: moving the parent's
            # objects (the source list, the corpus statistics) out of the collector's
            # reach keeps them shared instead of copied into every worker.
            gc.collect()
            gc.freeze()
        self.pool = ProcessPoolExecutor(max_workers=jobs,
                                        mp_context=multiprocessing.get_context(method),
                                        initializer=_init_pool, initargs=(ctx, corpus))

    def map(self, kind: str, chunks: Iterable[list[Item]]):
        return _ordered(lambda chunk: self.pool.submit(_pool_chunk, kind, chunk), chunks,
                        self.jobs * 4)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        if self._frozen:
            gc.unfreeze()


_DASK_WORKERS: dict[str, Worker] = {}
_DASK_LOCK = threading.Lock()


def _dask_chunk(payload: tuple[JobContext, CorpusStats | None], kind: str, items: list[Item]):
    ctx, corpus = payload
    worker = _DASK_WORKERS.get(ctx.token)
    if worker is None:
        with _DASK_LOCK:  # threads of one Dask worker share the module
            worker = _DASK_WORKERS.get(ctx.token)
            if worker is None:
                worker = Worker(ctx, corpus)
                if len(_DASK_WORKERS) >= 4:
                    _DASK_WORKERS.clear()
                _DASK_WORKERS[ctx.token] = worker
    return worker.run(kind, items)


class DaskExecutor:
    """Chunks as tasks on a Dask distributed cluster.

    The workers read the files themselves, so they must see the same paths (a shared
    file system, as for any Dask reader of files); JSONL records travel in the tasks.
    """

    name = "dask"

    def __init__(self, ctx: JobContext, corpus: CorpusStats | None, scheduler,
                 client=None) -> None:
        try:
            from distributed import Client
        except ImportError:
            from lint_corpus.errors import UsageError

            raise UsageError("--executor dask needs Dask: pip install 'lint-corpus[dask]'") \
                from None
        self._own = client is None
        self.client = client if client is not None else Client(scheduler)
        # A token of its own: workers keep one linter per executor (corpus or not).
        ctx = replace(ctx, token=uuid.uuid4().hex)
        self.payload = self.client.scatter((ctx, corpus), broadcast=True, hash=False)
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        self.window = max(4, workers * 4)

    def map(self, kind: str, chunks: Iterable[list[Item]]):
        def submit(chunk: list[Item]):
            absolute = [_absolute(item) for item in chunk]
            return self.client.submit(_dask_chunk, self.payload, kind, absolute, pure=False)

        return _ordered(submit, chunks, self.window)

    def close(self) -> None:
        try:
            self.client.cancel(self.payload)
        except Exception:  # noqa: BLE001 - closing must not fail the run
            pass
        if self._own:
            self.client.close()


def _absolute(item: Item) -> Item:
    path = item.source.path
    if os.path.isabs(path):
        return item
    return replace(item, source=replace(item.source, path=os.path.abspath(path)))
