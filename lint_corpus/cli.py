"""Command line: argument parsing, wiring the stages together, exit codes.

Exit codes: 0 nothing to report; 1 findings remain or files were changed; 2 usage,
configuration or internal error.
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import sys
import time
from pathlib import Path
from typing import TextIO

from lint_corpus import __version__
from lint_corpus.changed import changed_paths
from lint_corpus.config import Settings, load_settings, parse_size
from lint_corpus.corpus import DEFAULT_MIN_DOCUMENTS, CorpusStats
from lint_corpus.engine import Linter, SchemaMap
from lint_corpus.errors import LintCorpusError, UsageError
from lint_corpus.fix import fix_document, write_atomic
from lint_corpus.model import Finding, Severity
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

    explain = commands.add_parser("explain", help="explain a rule")
    explain.add_argument("code", help="a rule code or name, e.g. FM004 or duplicate-key")
    explain.add_argument("--config", type=Path)
    explain.add_argument("--isolated", action="store_true")
    explain.add_argument("--pack", action="append", default=[], metavar="PATH")
    return parser


def main(argv: list[str] | None = None) -> int:
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


class _Run:
    """What check and fix share: settings, rules, schemas, sources, output."""

    def __init__(self, args) -> None:
        self.args = args
        self.settings = settings_from_args(args)
        self.catalogue = load_catalogue(self.settings)
        self.ruleset = RuleSet(self.catalogue, self.settings)
        self.schemas = SchemaMap(self.settings, args.schema)
        if (self.schemas.default or self.schemas.by_glob) and missing_format_checkers():
            print("lint-corpus: warning: jsonschema cannot check the formats "
                  f"{', '.join(missing_format_checkers())}; install "
                  "'jsonschema[format-nongpl]'", file=sys.stderr)
        paths = _paths(args, self.settings)
        if args.changed_since is not None:
            paths = changed_paths(args.changed_since, paths, self.settings)
        self.sources = collect_sources(paths, self.settings)
        # Rules such as CH005 need statistics over the whole corpus: a first pass.
        self.corpus = gather_corpus(self.sources, self.settings) \
            if self.ruleset.needs_corpus else None
        self.linter = Linter(self.settings, self.ruleset, self.schemas, self.corpus)
        self.format = args.output_format or "text"
        self.progress = _Progress(len(self.sources),
                                  enabled=not (args.quiet or args.no_progress)
                                  and sys.stderr.isatty())

    def documents(self):
        for source in self.sources:
            yield source, read_document(source, self.settings.max_file_size)
            self.progress.tick()
        self.progress.done()

    def emit(self, findings: list[Finding], summary) -> None:
        out: TextIO
        target = self.args.output_file
        out = io.StringIO() if target else sys.stdout
        FORMATS[self.format](findings, self.catalogue, out)
        if self.args.statistics:
            text_report.statistics(findings, self.catalogue,
                                   out if self.format == "text" else sys.stderr)
        if not self.args.quiet:
            summary_out = out if self.format == "text" else sys.stderr
            summary(summary_out)
        if target:
            try:
                target.write_text(out.getvalue(), encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None

    def finding(self, code: str, path: str, message: str) -> Finding:
        rule = self.catalogue[code]
        return Finding(path, 1, 1, 1, 1, code, rule.name,
                       self.ruleset.severities.get(code, rule.severity), message)


def gather_corpus(sources, settings: Settings, keep_examples: bool = False) -> CorpusStats:
    """The first pass: line and title statistics over every document of the run."""
    options = settings.rules.get("CH005") or settings.rules.get("recurring-line") or {}
    stats = CorpusStats(int(options.get("min-documents", DEFAULT_MIN_DOCUMENTS)),
                        keep_examples=keep_examples)
    for source in sources:
        stats.add(read_document(source, settings.max_file_size))
    return stats


class _Progress:
    """A one-line counter on standard error for long interactive runs."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled and total > 1
        self.count, self.started, self.shown = 0, time.monotonic(), 0.0

    def tick(self) -> None:
        self.count += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.shown >= 0.2 and now - self.started >= 0.5:
            self.shown = now
            rate = self.count / max(now - self.started, 1e-9)
            sys.stderr.write(f"\r{self.count}/{self.total} files ({rate:,.0f} docs/s)")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


# -- commands --------------------------------------------------------------------------


def cmd_check(args) -> int:
    run = _Run(args)
    findings: list[Finding] = []
    for source, doc in run.documents():
        findings.extend(run.linter.lint(doc, source.relpath))
    run.emit(findings, lambda out: text_report.summary(findings, len(run.sources), out))
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if findings else EXIT_CLEAN


def cmd_fix(args) -> int:
    run = _Run(args)
    remaining: list[Finding] = []
    changed_files = 0
    fixed_total = 0
    fix_lines: list[str] = []
    for source, doc in run.documents():
        result = fix_document(doc, lambda d, rel=source.relpath: run.linter.lint(d, rel),
                              unsafe=args.unsafe_fixes)
        if not result.changed:
            remaining.extend(result.remaining)
            continue
        if result.undecodable_left:
            # Never rewrite a file whose undecodable bytes were not repaired; report what
            # the file still holds, not the fixed text that was never written.
            remaining.extend(run.linter.lint(doc, source.relpath))
            continue
        if args.diff:
            sys.stdout.writelines(difflib.unified_diff(
                doc.text.splitlines(keepends=True), result.text.splitlines(keepends=True),
                fromfile=f"a/{source.display}", tofile=f"b/{source.display}"))
        else:
            try:
                write_atomic(source.path, doc.encode(result.text))
            except OSError as exc:
                remaining.extend(run.linter.lint(doc, source.relpath))  # all still there
                remaining.append(run.finding(
                    "LC004", source.display,
                    f"cannot write fixes: {exc.strerror or exc}; file left unchanged"))
                continue
        remaining.extend(result.remaining)
        changed_files += 1
        fixed_total += sum(result.applied.values())
        if args.show_fixes:
            counts = ", ".join(f"{code} ×{n}" if n > 1 else code
                               for code, n in sorted(result.applied.items()))
            fix_lines.append(f"{source.display}: {counts}\n")
    remaining.sort(key=Finding.sort_key)
    verb = "Would fix" if args.diff else "Fixed"

    def summary(out: TextIO) -> None:
        out.writelines(fix_lines)
        if fixed_total:
            out.write(f"{verb} {fixed_total} finding{'s' if fixed_total != 1 else ''} in "
                      f"{changed_files} file{'s' if changed_files != 1 else ''}.\n")
        text_report.summary(remaining, len(run.sources), out)

    if args.diff:  # the diff owns standard output
        if not args.quiet:
            summary(sys.stderr)
    else:
        run.emit(remaining, summary)
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


COMMANDS = {"check": cmd_check, "fix": cmd_fix, "rules": cmd_rules, "explain": cmd_explain,
            "learn": cmd_learn}
