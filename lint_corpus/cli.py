"""Command line: argument parsing, wiring the stages together, exit codes.

Exit codes: 0 nothing to report; 1 findings remain or files were changed; 2 usage,
configuration or internal error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from lint_corpus import __version__
from lint_corpus import cache as cache_module
from lint_corpus.changed import changed_paths
from lint_corpus.config import Settings, load_settings, parse_size
from lint_corpus.corpus import DEFAULT_MIN_DOCUMENTS, CorpusStats
from lint_corpus.engine import Linter, SchemaMap
from lint_corpus.errors import LintCorpusError, UsageError
from lint_corpus.executors import (
    CHUNK_BYTES,
    STATS_CHUNK_DOCUMENTS,
    ChildFailed,
    DaskExecutor,
    Item,
    JobContext,
    Outcome,
    PoolExecutor,
    SerialExecutor,
    Worker,
    chunked,
    cpu_count,
    in_child,
    iter_items,
    new_stats,
    pool_start_method,
    tune_gc,
    write_failure,
)
from lint_corpus.fix import AtomicWriter
from lint_corpus.jsonl import DEFAULT_TEXT_FIELD, is_jsonl
from lint_corpus.model import Finding, Fix, Severity
from lint_corpus.registry import RuleSet, load_catalogue
from lint_corpus.report import FORMATS
from lint_corpus.report import text as text_report
from lint_corpus.schema import missing_format_checkers
from lint_corpus.sources import collect_sources, read_document

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits with 2, which is our usage code too
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"lint-corpus: error: {message}\n")


def _comma_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _jobs_value(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of jobs") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("--jobs must be 0 (the CPU count) or more")
    return jobs


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lint-corpus",
                     description="Lint and clean corpora of scraped text documents.")
    parser.add_argument("--version", action="version", version=f"lint-corpus {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("paths", nargs="*", metavar="PATH",
                         help="files or folders (default: `paths` from the config, else .)")
        sub.add_argument("--config", type=Path, help="use this config file")
        sub.add_argument("--isolated", action="store_true", help="ignore all config files")
        sub.add_argument("--schema", metavar="PATH_OR_NAME",
                         help="validate front matter against this JSON Schema (a file, or a "
                              "built-in name such as news-article)")
        sub.add_argument("--select", type=_comma_list, metavar="CODES",
                         help="rules to enable (codes, prefixes, names or ALL); replaces the "
                              "config's select")
        sub.add_argument("--extend-select", type=_comma_list, default=[], metavar="CODES",
                         help="rules to enable on top of the selection")
        sub.add_argument("--ignore", type=_comma_list, default=[], metavar="CODES",
                         help="rules to disable, on top of the config's ignore")
        sub.add_argument("--per-file-ignores", action="append", default=[],
                         metavar="GLOB:CODES", help="disable rules for matching files")
        sub.add_argument("--severity", action="append", default=[], metavar="CODES=LEVEL",
                         help="override severities, e.g. FM009=warning")
        sub.add_argument("--pack", action="append", default=[], metavar="PATH",
                         help="load another YAML rule pack (file or folder)")
        sub.add_argument("--exclude", type=_comma_list, default=[], metavar="GLOBS",
                         help="more globs to exclude")
        sub.add_argument("--include", type=_comma_list, metavar="GLOBS",
                         help="file globs to check in folders (default *.md,*.markdown,*.txt)")
        sub.add_argument("--max-file-size", metavar="SIZE",
                         help="skip larger files with a finding (default 10MiB)")
        sub.add_argument("--output-format", choices=sorted(FORMATS), default=None,
                         help="how to print findings (default: text)")
        sub.add_argument("-o", "--output-file", type=Path,
                         help="write the report to this file instead of standard output")
        sub.add_argument("--statistics", action="store_true", help="count findings per rule")
        sub.add_argument("--exit-zero", action="store_true",
                         help="exit with 0 even when findings remain")
        sub.add_argument("-q", "--quiet", action="store_true",
                         help="print findings only: no summary, no progress")
        sub.add_argument("--no-progress", action="store_true",
                         help="no progress line on standard error")
        sub.add_argument("--changed-since", metavar="REF",
                         help="only files git says changed since REF (its merge base with "
                              "HEAD), plus uncommitted and untracked ones")
        sub.add_argument("-j", "--jobs", type=_jobs_value, metavar="N",
                         help="processes to use (default: the CPU count; small runs stay "
                              "in one process)")
        sub.add_argument("--no-cache", action="store_true",
                         help="neither read nor write the findings cache")
        sub.add_argument("--cache-dir", type=Path, metavar="DIR",
                         help="where the cache lives (default: .lint-corpus-cache in the "
                              "config's folder)")
        sub.add_argument("--text-field", default=DEFAULT_TEXT_FIELD, metavar="NAME",
                         help="JSONL corpora: the field holding each record's text; the "
                              "other fields are its front matter (default: text)")
        sub.add_argument("--executor", choices=("local", "dask"), default="local",
                         help="local processes (default), or a Dask cluster (needs "
                              "lint-corpus[dask] and --scheduler)")
        sub.add_argument("--scheduler", metavar="ADDRESS",
                         help="with --executor dask: the scheduler, e.g. tcp://host:8786")

    check = commands.add_parser("check", help="report problems")
    common(check)
    fix = commands.add_parser("fix", help="apply fixes, then report what remains")
    common(fix)
    fix.add_argument("--unsafe-fixes", action="store_true", help="apply unsafe fixes too")
    fix.add_argument("--diff", action="store_true",
                     help="print a unified diff of the fixes and write nothing")
    fix.add_argument("--show-fixes", action="store_true", help="list the fixes applied")

    rules = commands.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rules.add_argument("--page", action="store_true",
                       help="with --format markdown: the whole docs/rules.md page")
    rules.add_argument("--config", type=Path)
    rules.add_argument("--isolated", action="store_true")
    rules.add_argument("--pack", action="append", default=[], metavar="PATH")

    learn = commands.add_parser(
        "learn", help="write the lines that recur across documents of a source as a rule pack")
    learn.add_argument("paths", nargs="*", metavar="PATH")
    learn.add_argument("-o", "--output", type=Path, required=True,
                       help="the rule pack to write, e.g. rules/learned.yaml")
    learn.add_argument("--min-documents", type=int, default=DEFAULT_MIN_DOCUMENTS,
                       help="documents of one source a line must appear in (default: "
                            "%(default)s)")
    learn.add_argument("--config", type=Path)
    learn.add_argument("--isolated", action="store_true")
    learn.add_argument("--exclude", type=_comma_list, default=[], metavar="GLOBS")

    clean = commands.add_parser("clean", help="remove the findings cache")
    clean.add_argument("--cache-dir", type=Path, metavar="DIR")
    clean.add_argument("--config", type=Path)
    clean.add_argument("--isolated", action="store_true")

    explain = commands.add_parser("explain", help="explain a rule")
    explain.add_argument("code", help="a rule code or name, e.g. FM004 or duplicate-key")
    explain.add_argument("--config", type=Path)
    explain.add_argument("--isolated", action="store_true")
    explain.add_argument("--pack", action="append", default=[], metavar="PATH")
    return parser


def main(argv: list[str] | None = None) -> int:
    tune_gc()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return COMMANDS[args.command](args)
    except LintCorpusError as exc:
        print(f"lint-corpus: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("lint-corpus: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:  # a bug in lint-corpus itself: short message, no traceback
        if os.environ.get("LINT_CORPUS_DEBUG"):
            raise
        print(f"lint-corpus: internal error: {type(exc).__name__}: {exc} (set "
              f"LINT_CORPUS_DEBUG=1 for the traceback, and please report it)", file=sys.stderr)
        return EXIT_ERROR


# -- settings ------------------------------------------------------------------------


def settings_from_args(args) -> Settings:
    settings = load_settings(getattr(args, "config", None),
                             isolated=getattr(args, "isolated", False))
    settings.packs = settings.packs + [str(Path(p).resolve()) for p in getattr(args, "pack", [])]
    if getattr(args, "select", None) is not None:
        settings.select = args.select
    settings.extend_select = settings.extend_select + getattr(args, "extend_select", [])
    settings.ignore = settings.ignore + getattr(args, "ignore", [])
    for entry in getattr(args, "per_file_ignores", []):
        glob, sep, codes = entry.rpartition(":")
        if not sep or not glob:
            raise UsageError(f"--per-file-ignores {entry!r}: expected GLOB:CODES")
        settings.per_file_ignores[glob] = settings.per_file_ignores.get(glob, []) + \
            _comma_list(codes)
    for entry in getattr(args, "severity", []):
        codes, sep, level = entry.partition("=")
        if not sep:
            raise UsageError(f"--severity {entry!r}: expected CODES=LEVEL")
        try:
            severity = Severity.parse(level)
        except ValueError as exc:
            raise UsageError(f"--severity {entry!r}: {exc}") from None
        for code in _comma_list(codes):
            settings.severity[code] = severity
    if getattr(args, "exclude", None):
        settings.extend_exclude = settings.extend_exclude + args.exclude
    if getattr(args, "include", None):
        settings.include = args.include
    if getattr(args, "max_file_size", None):
        settings.max_file_size = parse_size(args.max_file_size, "--max-file-size")
    return settings


def _paths(args, settings: Settings) -> list[str]:
    if args.paths:
        return args.paths
    if settings.paths:
        return [str(Path(p) if Path(p).is_absolute() else settings.root / p)
                for p in settings.paths]
    return ["."]


MIN_PARALLEL_FILES = 100  # below this, without --jobs, a pool costs more than it saves
MIN_PARALLEL_JSONL_BYTES = 1 << 20
# A forked worker's resident memory counts every page it shares with its parent. From
# this many files (or this much JSONL) the statistics pass spawns fresh workers
# instead: about 0.3 s to start them, small next to a pass over such a corpus.
SPAWN_STATISTICS_FILES = 20_000
SPAWN_STATISTICS_JSONL_BYTES = 64 << 20


class _Run:
    """What check and fix share: settings, rules, schemas, sources, executors, cache."""

    def __init__(self, args, command: str) -> None:
        self.args = args
        self.command = command
        self.settings = settings_from_args(args)
        self.catalogue = load_catalogue(self.settings)
        self.ruleset = RuleSet(self.catalogue, self.settings)
        self.schemas = SchemaMap(self.settings, args.schema)
        if (self.schemas.default or self.schemas.by_glob) and missing_format_checkers():
            print("lint-corpus: warning: jsonschema cannot check the formats "
                  f"{', '.join(missing_format_checkers())}; install "
                  "'jsonschema[format-nongpl]'", file=sys.stderr)
        if args.executor == "dask" and not args.scheduler:
            raise UsageError("--executor dask needs --scheduler ADDRESS")
        if args.scheduler and args.executor != "dask":
            raise UsageError("--scheduler needs --executor dask")
        paths = _paths(args, self.settings)
        self.all_paths = None
        if args.changed_since is not None:
            # Only the changed files are checked, but corpus statistics (recurring
            # lines) come from all of PATHS, so a finding does not depend on the diff.
            self.all_paths = paths
            paths = changed_paths(args.changed_since, paths, self.settings)
        self.sources = collect_sources(paths, self.settings)
        self.has_jsonl = any(is_jsonl(s.path) for s in self.sources)
        self.format = args.output_format or "text"
        self.jobs = self._jobs()
        # The cache is one SQLite file: Dask workers on other machines cannot share it,
        # so a Dask run uses one only when --cache-dir names it (a one-host cluster).
        self.cache_dir = None if args.no_cache or (
            args.executor == "dask" and not args.cache_dir) else (
            args.cache_dir.resolve() if args.cache_dir
            else cache_module.default_cache_dir(self.settings))
        self.corpus: CorpusStats | None = None
        self.documents = 0
        self.progress = _Progress(None if self.has_jsonl else len(self.sources),
                                  enabled=not (args.quiet or args.no_progress)
                                  and sys.stderr.isatty())

    def _jobs(self) -> int:
        if self.args.jobs is not None:
            return self.args.jobs or cpu_count()
        jobs = cpu_count()
        if jobs > 1 and len(self.sources) < MIN_PARALLEL_FILES and not any(
                is_jsonl(s.path) and _size(s.path) >= MIN_PARALLEL_JSONL_BYTES
                for s in self.sources):
            return 1
        return jobs

    def context(self) -> JobContext:
        args = self.args
        schema = args.schema
        if schema and self.schemas.default is not None:
            schema = str(self.schemas.default.path)  # workers may run elsewhere
        run_key = None
        if self.cache_dir is not None:
            run_key = cache_module.run_key(self.settings, self.schemas, args.text_field)
        return JobContext(self.settings, schema=schema, command=self.command,
                          unsafe_fixes=getattr(args, "unsafe_fixes", False),
                          diff=getattr(args, "diff", False), text_field=args.text_field,
                          cache_dir=str(self.cache_dir) if self.cache_dir else None,
                          run_key=run_key)

    def executor(self, ctx: JobContext, corpus: CorpusStats | None):
        if self.args.executor == "dask":
            return DaskExecutor(ctx, corpus, self.args.scheduler)
        if self.jobs > 1:
            return PoolExecutor(ctx, corpus, self.jobs)
        # One process: the linter built here, as always.
        return SerialExecutor(Worker(ctx, corpus, Linter(self.settings, self.ruleset,
                                                         self.schemas, corpus)))

    def outcomes(self, check_only: set[int] | None = None) -> Iterator[tuple[Item, Outcome]]:
        """Every item of the run with what became of it, in order."""
        ctx = self.context()
        digests = None
        if self.ruleset.needs_corpus:
            # Rules such as CH005 need statistics over the whole corpus: a first pass.
            ctx, digests = self._gather(ctx)
        executor = self.executor(ctx, self.corpus)
        try:
            for chunk, outcomes in executor.map(
                    "lint" if self.command == "check" else "fix",
                    chunked(iter_items(self.sources, digests, check_only))):
                for item, outcome in zip(chunk, outcomes, strict=True):
                    self.documents += outcome.documents
                    self.progress.tick(outcome.documents)
                    yield item, outcome
        finally:
            executor.close()
            self.progress.done()

    def _gather(self, ctx: JobContext) -> tuple[JobContext, dict[int, str] | None]:
        """The corpus statistics: from the cache when no document changed."""
        digests = None
        key = None
        corpus_sources = self.sources if self.all_paths is None else \
            collect_sources(self.all_paths, self.settings)
        if ctx.run_key is not None:
            items = [Item(source) for source in corpus_sources]
            found: list[str] = []
            executor = self.executor(ctx, None)
            try:
                for _, results in executor.map("digest", chunked(items)):
                    found.extend(results)
            finally:
                executor.close()
            mode = "serial" if self._serial_statistics() else \
                f"chunks:{STATS_CHUNK_DOCUMENTS}:{CHUNK_BYTES}"
            key = cache_module.corpus_key(
                ctx.run_key, mode, ((s.display, s.relpath, found[i])
                                    for i, s in enumerate(corpus_sources)))
            if corpus_sources is self.sources:
                digests = dict(enumerate(found))
            else:  # --changed-since: the digests of the files that are checked
                by_file = {os.path.realpath(s.path): digest
                           for s, digest in zip(corpus_sources, found, strict=True)}
                digests = {i: by_file[real] for i, s in enumerate(self.sources)
                           if (real := os.path.realpath(s.path)) in by_file}
            cache = cache_module.Cache(Path(ctx.cache_dir))
            try:
                self.corpus = cache.get_corpus(key)
            finally:
                cache.close()  # before any pool forks: no connection shared
        if self.corpus is None:
            self.corpus = self._statistics(ctx, corpus_sources)
            if key is not None:
                cache = cache_module.Cache(Path(ctx.cache_dir))
                cache.put_corpus(key, self.corpus)
                cache.close()
        self.corpus.compact()
        return (replace(ctx, corpus_key=key) if key else ctx), digests

    def _serial_statistics(self) -> bool:
        return self.args.executor != "dask" and self.jobs <= 1

    def _statistics(self, ctx: JobContext, sources) -> CorpusStats:
        """The first pass, compacted. A pool's pass runs in a forked child process: its
        merge never grows this process, which the lint workers fork from next."""
        if self.args.executor != "dask" and self.jobs > 1 and pool_start_method() == "fork":
            try:
                return in_child(lambda: self._statistics_here(ctx, sources))
            except ChildFailed as exc:
                raise LintCorpusError(f"the corpus statistics pass failed: {exc}") from None
        return self._statistics_here(ctx, sources)

    def _statistics_here(self, ctx: JobContext, sources) -> CorpusStats:
        stats = new_stats(self.settings)
        if self.args.executor != "dask" and self.jobs > 1 and _large(sources):
            executor = PoolExecutor(ctx, None, self.jobs, start_method="spawn")
        else:
            executor = self.executor(ctx, None)
        try:
            if isinstance(executor, SerialExecutor):
                worker = executor.worker
                for item in iter_items(sources):
                    if item.record is not None and not (item.data or b"").strip():
                        continue
                    stats.add(worker.read(item)[0])
            else:  # map-reduce: statistics per chunk, merged in order
                chunks = chunked(iter_items(sources), STATS_CHUNK_DOCUMENTS)
                for _, partial in executor.map("stats", chunks):
                    stats.update(partial)
        finally:
            executor.close()
        stats.compact()
        return stats


def _large(sources) -> bool:
    if len(sources) >= SPAWN_STATISTICS_FILES:
        return True
    jsonl = sum(_size(s.path) for s in sources if is_jsonl(s.path))
    return jsonl >= SPAWN_STATISTICS_JSONL_BYTES


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def gather_corpus(sources, settings: Settings, keep_examples: bool = False) -> CorpusStats:
    """The first pass: line and title statistics over every document of the run."""
    stats = new_stats(settings, keep_examples)
    for source in sources:
        stats.add(read_document(source, settings.max_file_size))
    return stats


class _Progress:
    """A one-line counter on standard error for long interactive runs."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled and (total is None or total > 1)
        self.count, self.started, self.shown = 0, time.monotonic(), 0.0

    def tick(self, documents: int = 1) -> None:
        self.count += documents
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.shown >= 0.2 and now - self.started >= 0.5:
            self.shown = now
            rate = self.count / max(now - self.started, 1e-9)
            done = f"{self.count}/{self.total} files" if self.total is not None \
                else f"{self.count} documents"
            sys.stderr.write(f"\r{done} ({rate:,.0f} docs/s)")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


_STREAMED = ("text", "json-lines", "github")
_STUBS: dict[tuple, Finding] = {}


def _stub(f: Finding) -> Finding:
    """What the summary and --statistics need of a finding, shared between findings."""
    applicability = f.fix.applicability if f.fix is not None else None
    key = (f.code, f.rule, f.severity, applicability)
    stub = _STUBS.get(key)
    if stub is None:
        fix = Fix((), applicability) if applicability is not None else None
        stub = _STUBS[key] = Finding("", 0, 0, 0, 0, f.code, f.rule, f.severity, "", fix)
    return stub


class _Emitter:
    """Writes findings as they come, in order, so a long run holds none of them.

    SARIF is one document with every result in it: that format keeps the findings
    until the end. The summary and statistics only need counts.
    """

    def __init__(self, run: _Run, show: bool = True) -> None:
        self.run = run
        self.format = run.format
        self.show = show
        self.target = run.args.output_file
        self.handle = None
        if self.target and show:
            try:
                self.handle = open(self.target, "w", encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"cannot write {self.target}: {exc.strerror or exc}") from None
        self.out: TextIO = self.handle or sys.stdout
        self.tally: list[Finding] = []
        self.held: list[Finding] = []
        self.first = True

    def add(self, findings: list[Finding]) -> None:
        if not findings:
            return
        self.tally.extend(_stub(f) for f in findings)
        if not self.show:
            return
        if self.format == "json":
            for f in findings:
                text = json.dumps(f.to_dict(), ensure_ascii=False, indent=2)
                self.out.write(("[\n" if self.first else ",\n")
                               + "\n".join("  " + line for line in text.split("\n")))
                self.first = False
        elif self.format in _STREAMED:
            FORMATS[self.format](findings, self.run.catalogue, self.out)
        else:
            self.held.extend(findings)

    def finish(self, summary) -> None:
        out = self.out
        try:
            if self.show:
                if self.format == "json":
                    out.write("[]\n" if self.first else "\n]\n")
                elif self.format not in _STREAMED:
                    FORMATS[self.format](self.held, self.run.catalogue, out)
            args = self.run.args
            if args.statistics and self.show:
                text_report.statistics(self.tally, self.run.catalogue,
                                       out if self.format == "text" else sys.stderr)
            if not args.quiet:
                summary(out if self.format == "text" and self.show else sys.stderr)
        finally:
            if self.handle is not None:
                self.handle.close()


# -- commands --------------------------------------------------------------------------


def cmd_check(args) -> int:
    run = _Run(args, "check")
    emitter = _Emitter(run)
    for _, outcome in run.outcomes():
        emitter.add(outcome.findings)
    findings = emitter.tally
    emitter.finish(lambda out: text_report.summary(findings, len(run.sources), out))
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if findings else EXIT_CLEAN


class _JsonlWriter:
    """Rewrites a JSONL file record by record as fix results arrive, atomically."""

    def __init__(self, emitter: _Emitter, problem) -> None:
        self.emitter = emitter
        self.problem = problem  # (source, message) → a LC004 finding
        self.source = None
        self.writer: AtomicWriter | None = None
        self.changed = False
        self.broken = False

    def feed(self, item: Item, outcome: Outcome) -> None:
        if item.source is not self.source:
            self.close()
            self.source = item.source
            self.changed = self.broken = False
            try:
                self.writer = AtomicWriter(item.source.path)
            except OSError as exc:
                self.writer = None
                self.emitter.add([self.problem(item.source, exc)])
        if self.writer is None:
            return
        if item.problem is not None:
            self.broken = True  # never replace a file that was not read to its end
            return
        if outcome.line is not None:
            self.changed = True
        try:
            self.writer.write(outcome.line if outcome.line is not None else item.data or b"")
        except OSError as exc:
            self.writer.discard()
            self.writer = None
            self.emitter.add([self.problem(item.source, exc)])

    def close(self) -> None:
        writer, self.writer = self.writer, None
        if writer is None:
            return
        if not self.changed or self.broken:
            writer.discard()
            return
        try:
            writer.commit()
        except OSError as exc:
            self.emitter.add([self.problem(self.source, exc)])


def cmd_fix(args) -> int:
    run = _Run(args, "fix")
    emitter = _Emitter(run, show=not args.diff)

    def problem(source, exc: OSError) -> Finding:
        return write_failure(run.ruleset, source.display, exc)

    # A JSONL file that cannot be written is only checked.
    readonly: dict[int, Finding] = {}
    if not args.diff:
        for index, source in enumerate(run.sources):
            if is_jsonl(source.path) and not (
                    os.access(source.path, os.W_OK)
                    and os.access(os.path.dirname(os.path.realpath(source.path)), os.W_OK)):
                readonly[index] = problem(source, PermissionError(13, "file is read-only"))
    writer = _JsonlWriter(emitter, problem) if not args.diff else None
    changed_sources: set[str] = set()
    fixed_total = 0
    fix_lines: list[str] = []
    reported: set[str] = set()
    for item, outcome in run.outcomes(set(readonly)):
        if readonly and item.source.display not in reported:
            reported.add(item.source.display)
            for index, finding in readonly.items():
                if run.sources[index] is item.source:
                    emitter.add([finding])
        if writer is not None and not item.check_only and (
                item.record is not None or item.problem is not None):
            writer.feed(item, outcome)
        if outcome.diff:
            sys.stdout.write(outcome.diff)
        emitter.add(sorted(outcome.findings, key=Finding.sort_key))
        if outcome.changed:
            changed_sources.add(item.source.display)
            fixed_total += sum(outcome.applied.values())
            if args.show_fixes:
                counts = ", ".join(f"{code} ×{n}" if n > 1 else code
                                   for code, n in sorted(outcome.applied.items()))
                fix_lines.append(f"{outcome.path}: {counts}\n")
    if writer is not None:
        writer.close()
    remaining = emitter.tally
    changed_files = len(changed_sources)
    verb = "Would fix" if args.diff else "Fixed"

    def summary(out: TextIO) -> None:
        out.writelines(fix_lines)
        if fixed_total:
            out.write(f"{verb} {fixed_total} finding{'s' if fixed_total != 1 else ''} in "
                      f"{changed_files} file{'s' if changed_files != 1 else ''}.\n")
        text_report.summary(remaining, len(run.sources), out)

    emitter.finish(summary)
    if changed_files:
        return EXIT_FINDINGS
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if remaining else EXIT_CLEAN


def _catalogue(args):
    settings = settings_from_args(args)
    return load_catalogue(settings)


def cmd_rules(args) -> int:
    from lint_corpus import docs

    catalogue = _catalogue(args)
    if args.page and args.format == "markdown":
        sys.stdout.write(docs.catalogue_page(catalogue))
    else:
        sys.stdout.write(docs.render_catalogue(catalogue, args.format))
    return EXIT_CLEAN


def cmd_explain(args) -> int:
    from lint_corpus import docs

    catalogue = _catalogue(args)
    wanted = args.code.strip()
    for rule in catalogue.values():
        if wanted.upper() == rule.code or wanted == rule.name:
            sys.stdout.write(docs.render_rule(rule))
            return EXIT_CLEAN
    raise UsageError(f"unknown rule {wanted!r}; `lint-corpus rules` lists them")


def cmd_learn(args) -> int:
    from lint_corpus.learn import write_pack

    settings = settings_from_args(args)
    if args.min_documents < 2:
        raise UsageError("--min-documents must be at least 2")
    settings.rules.setdefault("CH005", {})["min-documents"] = args.min_documents
    sources = collect_sources(_paths(args, settings), settings)
    stats = gather_corpus(sources, settings, keep_examples=True)
    count = write_pack(stats, args.output, [str(p) for p in (args.paths or ["."])])
    print(f"Wrote {count} recurring line{'s' if count != 1 else ''} from {stats.documents} "
          f"documents to {args.output}; review it, then add it to `packs` in your config.",
          file=sys.stderr)
    return EXIT_CLEAN


def cmd_clean(args) -> int:
    settings = load_settings(args.config, isolated=args.isolated)
    root = args.cache_dir or cache_module.default_cache_dir(settings)
    if cache_module.clean(root):
        print(f"Removed the cache at {root}.", file=sys.stderr)
    else:
        print(f"No cache at {root}.", file=sys.stderr)
    return EXIT_CLEAN


COMMANDS = {"check": cmd_check, "fix": cmd_fix, "rules": cmd_rules, "explain": cmd_explain,
            "learn": cmd_learn, "clean": cmd_clean}
