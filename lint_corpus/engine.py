"""Run the selected rules over one document and turn diagnostics into findings.

``Linter.lint`` is a pure function of a document (plus read-only settings, schemas
and corpus statistics): it reads no files and prints nothing, so the same call runs
in a loop, in a process pool or on a cluster.
"""

from __future__ import annotations

import traceback
from dataclasses import replace
from pathlib import Path

from lint_corpus.config import Settings
from lint_corpus.document import Document
from lint_corpus.globs import GlobSet
from lint_corpus.model import Applicability, Diagnostic, Finding, Rule, RuleContext
from lint_corpus.registry import RuleSet
from lint_corpus.schema import LoadedSchema, load_schema
from lint_corpus.suppress import find_suppressions

INTERNAL_ERROR = "LC001"
UNDECODABLE_BYTES = "ENC002"


class SchemaMap:
    """Which schema validates which document: ``--schema``, else the config's map."""

    def __init__(self, settings: Settings, override: str | None = None) -> None:
        self.default: LoadedSchema | None = None
        self.by_glob: list[tuple[GlobSet, LoadedSchema]] = []
        loaded: dict[str, LoadedSchema] = {}

        def get(ref: str, base: Path | None) -> LoadedSchema:
            if ref not in loaded:
                loaded[ref] = load_schema(ref, base)
            return loaded[ref]

        if override:
            self.default = get(override, Path.cwd())
            return
        if settings.schema:
            self.default = get(settings.schema, settings.root)
        for glob, ref in settings.schemas.items():
            self.by_glob.append((GlobSet([glob]), get(ref, settings.root)))

    def for_path(self, relpath: str) -> LoadedSchema | None:
        for globs, schema in self.by_glob:
            if globs.match(relpath):
                return schema
        return self.default


class Linter:
    def __init__(self, settings: Settings, ruleset: RuleSet, schemas: SchemaMap | None = None,
                 corpus=None) -> None:
        self.settings = settings
        self.ruleset = ruleset
        self.schemas = schemas
        self.corpus = corpus

    @property
    def corpus(self):
        return self._corpus

    @corpus.setter
    def corpus(self, stats) -> None:
        self._corpus = stats
        # One context per rule and schema, built once: every document of a path shares it.
        self._contexts: dict[tuple[str, int], RuleContext] = {}

    def _context(self, rule: Rule, schema) -> RuleContext:
        key = (rule.code, id(schema))
        ctx = self._contexts.get(key)
        if ctx is None:
            ctx = self._contexts[key] = RuleContext(
                self.settings, schema, self.corpus,
                self.settings.rules.get(rule.code) or self.settings.rules.get(rule.name) or {})
        return ctx

    def lint(self, doc: Document, relpath: str | None = None) -> list[Finding]:
        relpath = relpath or doc.path
        rules = self.ruleset.for_path(relpath)
        if doc.read_problem is not None:  # not read: only the reading rules apply
            rules = [rule for rule in rules if rule.prefix == "LC"]
        schema = self.schemas.for_path(relpath) if self.schemas else None
        findings: list[Finding] = []
        for rule in rules:
            ctx = self._context(rule, schema)
            try:
                for diagnostic in rule.check(doc, ctx):
                    findings.append(self._finding(doc, rule, diagnostic))
            except Exception as exc:  # one bad rule must not stop the run
                findings.extend(self._internal_error(doc, rule, exc))
        suppressions = find_suppressions(doc)
        if suppressions is not None:
            findings = [f for f in findings if not suppressions.suppresses(f.line, f.code, f.rule)]
        unique = {(f.code, f.start, f.end, f.message): f for f in findings}
        findings = list(unique.values())
        if doc.decode_problem is not None:
            findings = _fixes_behind_repair(doc, findings)
        return sorted(findings, key=Finding.sort_key)

    def _finding(self, doc: Document, rule: Rule, diag: Diagnostic) -> Finding:
        line, column = doc.position(diag.start)
        end_line, end_column = doc.position(max(diag.end, diag.start))
        severity = diag.severity or self.ruleset.severities.get(rule.code, rule.severity)
        return Finding(doc.path, line, column, end_line, end_column, rule.code, rule.name,
                       severity, diag.message, diag.fix, diag.start, diag.end)

    def _internal_error(self, doc: Document, rule: Rule, exc: Exception) -> list[Finding]:
        meta = self.ruleset.catalogue.get(INTERNAL_ERROR)
        if meta is None or meta not in self.ruleset.enabled:
            return []
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        message = (f"rule {rule.code} ({rule.name}) failed on this document: "
                   f"{type(exc).__name__}: {exc} [{where}]; other rules still ran")
        return [self._finding(doc, meta, Diagnostic(0, 0, message))]


def _fixes_behind_repair(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Fixes in a file with undecodable bytes, as ``fix`` will treat them.

    ``fix`` never rewrites such a file until its bytes are repaired (ENC002's fix, which
    is unsafe), so no other fix is safe on its own: each needs ``--unsafe-fixes``, or
    is no fix at all when the bytes cannot be repaired. A ``[*]`` must not promise more.
    """
    repairable = doc.encoding == "utf-8" and any(
        f.code == UNDECODABLE_BYTES and f.fix is not None and f.fix.edits for f in findings)
    out = []
    for finding in findings:
        if finding.fix is not None and finding.code != UNDECODABLE_BYTES:
            if not repairable:
                finding = replace(finding, fix=None)
            elif finding.fix.applicability is Applicability.SAFE:
                finding = replace(finding, fix=replace(finding.fix,
                                                       applicability=Applicability.UNSAFE))
        out.append(finding)
    return out
