"""The data every stage shares: severities, edits, fixes, rules and findings.

Offsets are indices into ``Document.text`` (a ``str``), end-exclusive. Lines and
columns are 1-based and are computed once, by the engine, from the document's
line index.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from lint_corpus.document import Document


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r} (expected error, warning or info)"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


class Applicability(str, enum.Enum):
    """How safe a fix is. Plain ``fix`` applies SAFE; ``--unsafe-fixes`` applies both."""

    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


class FixAvailability(str, enum.Enum):
    """What a rule's catalogue entry says about fixes."""

    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"
    SOMETIMES = "sometimes"  # safe for some findings, unsafe for others

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str = ""

    @classmethod
    def delete(cls, start: int, end: int) -> Edit:
        return cls(start, end, "")

    @classmethod
    def insert(cls, at: int, text: str) -> Edit:
        return cls(at, at, text)


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    description: str = ""

    def __reduce__(self):
        # Findings travel from pool workers in their thousands: plain values pickle
        # several times faster than the dataclass and enum defaults.
        return _fix, (tuple((e.start, e.end, e.replacement) for e in self.edits),
                      self.applicability.value, self.description)

    @classmethod
    def safe(cls, description: str, *edits: Edit) -> Fix:
        return cls(tuple(edits), Applicability.SAFE, description)

    @classmethod
    def unsafe(cls, description: str, *edits: Edit) -> Fix:
        return cls(tuple(edits), Applicability.UNSAFE, description)


@dataclass(slots=True)
class Diagnostic:
    """What a rule yields: a span, a message and maybe a fix.

    The engine turns it into a located ``Finding`` carrying the rule's code,
    name and (configured) severity.
    """

    start: int
    end: int
    message: str
    fix: Fix | None = None
    severity: Severity | None = None  # overrides the rule's default (used by packs)


@dataclass(slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    fix: Fix | None = None
    start: int = 0  # offsets into the document text; used by the fixer only
    end: int = 0

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def __reduce__(self):
        return _finding, (self.path, self.line, self.column, self.end_line, self.end_column,
                          self.code, self.rule, int(self.severity), self.message, self.fix,
                          self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "fix": None
            if self.fix is None
            else {
                "applicability": str(self.fix.applicability),
                "description": self.fix.description,
            },
        }


def _fix(edits: tuple, applicability: str, description: str) -> Fix:
    return Fix(tuple(Edit(*edit) for edit in edits), _APPLICABILITY[applicability], description)


def _finding(path, line, column, end_line, end_column, code, rule, severity, message, fix,
             start, end) -> Finding:
    return Finding(path, line, column, end_line, end_column, code, rule, _SEVERITY[severity],
                   message, fix, start, end)


_SEVERITY = {int(severity): severity for severity in Severity}
_APPLICABILITY = {applicability.value: applicability for applicability in Applicability}

CheckFunction = Callable[["Document", "RuleContext"], Iterable[Diagnostic]]

_CODE = re.compile(r"^[A-Z]{1,6}[0-9]{1,4}$")
_SECTION = re.compile(r"^## ", re.M)


@dataclass(slots=True)
class Rule:
    """A rule: its catalogue entry plus the function that checks one document.

    ``explanation`` is Markdown with the sections *What it does*, *Why it
    matters*, *Example* and *Fix safety*. ``lint-corpus explain``, the rule
    catalogue in the README and SARIF's rule help all come from it.
    """

    code: str
    name: str
    summary: str
    explanation: str
    severity: Severity
    fix: FixAvailability
    check: CheckFunction
    default_enabled: bool = True
    origin: str = "built-in"  # or a pack path, or an entry point name
    # Rules that read corpus statistics (gathered in a first pass over all documents).
    needs_corpus: bool = False
    options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not _CODE.match(self.code):
            raise ValueError(
                f"rule code {self.code!r} must be 1-6 capital letters then 1-4 digits"
            )

    @property
    def prefix(self) -> str:
        return self.code.rstrip("0123456789")


def rule(
    code: str,
    name: str,
    *,
    severity: str = "warning",
    fix: str = "none",
    default_enabled: bool = True,
    needs_corpus: bool = False,
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule from a check function whose docstring is its documentation.

    The docstring's first line is the summary; the rest is the explanation.
    """

    def wrap(check: CheckFunction) -> Rule:
        doc = (check.__doc__ or "").strip("\n")
        summary, _, rest = doc.partition("\n")
        explanation = _dedent(rest).strip()
        if not summary.strip() or not _SECTION.search(explanation):
            raise ValueError(f"rule {code} needs a summary line and explanation sections")
        return Rule(
            code=code,
            name=name,
            summary=summary.strip(),
            explanation=explanation,
            severity=Severity.parse(severity),
            fix=FixAvailability(fix),
            check=check,
            default_enabled=default_enabled,
            origin="built-in",
            needs_corpus=needs_corpus,
        )

    return wrap


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text)


@dataclass(slots=True)
class RuleContext:
    """Read-only facts a rule may use besides the document itself."""

    settings: Any  # lint_corpus.config.Settings
    schema: Any = None  # lint_corpus.schema.LoadedSchema for this document, if any
    corpus: Any = None  # corpus statistics, when a selected rule needs them
    options: dict[str, Any] = field(default_factory=dict)  # this rule's options
