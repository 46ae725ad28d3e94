"""Declarative rule packs: YAML files of pattern rules, in the spirit of Vale's styles.

A pack looks like this::

    pack: boilerplate
    description: Lines that page templates leave behind.
    rules:
      - code: BP001
        name: share-prompt
        message: "share-button text: {match}"
        severity: warning
        phrases: ["Share this article", "Share this content"]
        whole-line: true
        scope: body                 # or {first-lines: N}, {last-lines: N}, {field: excerpt}
        fix: {action: remove-line}  # or {action: replace, replacement: "..."}, remove-match

Every key is checked when the pack loads: a bad regex or an unknown key stops the run
(exit code 2) with a message naming the pack, the rule and the key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from lint_corpus.errors import PackError
from lint_corpus.frontmatter import field_nodes, rewrite_scalar
from lint_corpus.model import (
    Applicability,
    Diagnostic,
    Edit,
    Fix,
    FixAvailability,
    Rule,
    RuleContext,
    Severity,
)

RULE_KEYS = {"code", "name", "message", "summary", "explanation", "example", "severity",
             "phrases", "regex", "ignore-case", "whole-line", "scope", "fix", "default-enabled"}
PACK_KEYS = {"pack", "description", "rules"}
FIX_KEYS = {"action", "replacement", "applicability", "description"}
SCOPE_KEYS = {"first-lines", "last-lines", "field"}
FIX_ACTIONS = ("remove-line", "replace", "remove-match")
_SPACES = re.compile(r"\s+")


def normalise_line(text: str) -> str:
    """Case-folded, whitespace-collapsed text: how whole-line phrases are compared."""
    return _SPACES.sub(" ", text).strip().casefold()


@dataclass
class _Scope:
    kind: str  # "body", "first-lines", "last-lines", "field"
    count: int = 0
    field: str = ""


@dataclass
class _PatternRule:
    code: str
    message: str
    scope: _Scope
    pattern: re.Pattern | None  # a search pattern (regex, or phrases within a line)
    phrase_set: frozenset[str] | None  # whole-line phrases, normalised
    whole_line: bool
    action: str | None
    replacement: str
    applicability: Applicability
    fix_description: str

    def __post_init__(self) -> None:
        phrases = self.phrase_set or ()
        self.longest_phrase = 2 * max((len(p) for p in phrases), default=0) + 20

    def matches(self, text: str) -> Iterator[re.Match | tuple[int, int, str]]:
        if self.phrase_set is not None:
            if len(text) > self.longest_phrase:
                return  # longer than any phrase even with extra spaces
            if normalise_line(text) in self.phrase_set:
                stripped = text.strip()
                start = text.index(stripped[:1]) if stripped else 0
                yield (start, start + len(stripped), stripped)
            return
        assert self.pattern is not None
        if self.whole_line:
            match = self.pattern.fullmatch(text.strip())
            if match:
                stripped = text.strip()
                start = text.index(stripped[:1]) if stripped else 0
                yield (start, start + len(stripped), stripped)
            return
        yield from self.pattern.finditer(text)

    def check(self, doc, ctx: RuleContext) -> Iterator[Diagnostic]:
        if self.scope.kind == "field":
            yield from self._check_field(doc)
            return
        lines = doc.body_lines
        if self.scope.kind != "body":
            non_blank = [span for span in lines if doc.text[span[0]:span[1]].strip()]
            count = self.scope.count
            lines = non_blank[:count] if self.scope.kind == "first-lines" else non_blank[-count:]
        text = doc.text
        for start, end, full_end in lines:
            line = text[start:end]
            for match in self.matches(line):
                m_start, m_end, matched = _unpack(match)
                fix = self._line_fix(doc, line, start, end, full_end, m_start, m_end, match)
                yield Diagnostic(start + m_start, start + m_end,
                                 self._message(matched), fix)
                if self.action == "remove-line":
                    break  # one finding per removed line

    def _check_field(self, doc) -> Iterator[Diagnostic]:
        fm = doc.front_matter
        if fm is None or fm.yaml.root is None:
            return
        for label, node in field_nodes(fm, self.scope.field):
            value = node.value
            matches = list(self.matches(value))
            if not matches:
                continue
            node_start, node_end = fm.span(node)
            fix = None
            if self.action in ("replace", "remove-match"):
                new_value = self._rewrite(value, matches)
                new_value = _SPACES.sub(" ", new_value).strip() if self.action == "remove-match" \
                    else new_value
                fix = Fix((rewrite_scalar(fm, node, new_value),), self.applicability,
                          self.fix_description or f"rewrite `{label}`")
            for match in matches:
                _, _, matched = _unpack(match)
                # Point at the matched text when it appears verbatim in the source.
                at = doc.text.find(matched, node_start, node_end) if matched else -1
                start, end = (at, at + len(matched)) if at >= 0 else (node_start, node_end)
                yield Diagnostic(start, end, self._message(matched, label), fix)
                fix = None  # one fix rewrites the whole value

    def _rewrite(self, value: str, matches) -> str:
        if self.pattern is not None and not self.whole_line:
            replacement = self.replacement if self.action == "replace" else ""
            return self.pattern.sub(replacement, value)
        return "" if self.action == "remove-match" else self.replacement

    def _line_fix(self, doc, line, start, end, full_end, m_start, m_end, match) -> Fix | None:
        if self.action is None:
            return None
        if self.action == "remove-line":
            edit = Edit.delete(start, full_end)
        elif self.action == "remove-match":
            edit = Edit.delete(start + m_start, start + m_end)
        else:
            if isinstance(match, re.Match):
                replacement = match.expand(self.replacement)
            else:
                replacement = self.replacement
            edit = Edit(start + m_start, start + m_end, replacement)
        return Fix((edit,), self.applicability, self.fix_description or self.action)

    def _message(self, matched: str, label: str | None = None) -> str:
        shown = matched if len(matched) <= 60 else matched[:59] + "…"
        message = self.message.replace("{match}", shown)
        return f"`{label}`: {message}" if label else message


def _unpack(match) -> tuple[int, int, str]:
    if isinstance(match, tuple):
        return match
    return match.start(), match.end(), match.group(0)


# -- loading ---------------------------------------------------------------------------


def load_pack(path: Path) -> list[Rule]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"rule pack {path}: cannot read: {exc}") from None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise PackError(f"rule pack {path}{where}: invalid YAML: "
                        f"{getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(data, dict):
        raise PackError(f"rule pack {path}: expected a mapping with a `rules` list")
    for key in data:
        if key not in PACK_KEYS:
            raise PackError(f"rule pack {path}: unknown key {key!r} "
                            f"(known: {', '.join(sorted(PACK_KEYS))})")
    name = str(data.get("pack") or path.stem)
    entries = data.get("rules")
    if not isinstance(entries, list):
        raise PackError(f"rule pack {path}: `rules` must be a list")
    rules, codes = [], set()
    for index, entry in enumerate(entries):
        rule = _load_rule(entry, index, path, name)
        if rule.code in codes:
            raise PackError(f"rule pack {path}: rule {rule.code}: code used twice in the pack")
        codes.add(rule.code)
        rules.append(rule)
    return rules


def _load_rule(entry: Any, index: int, path: Path, pack: str) -> Rule:
    label = f"rule pack {path}: rule #{index + 1}"
    if not isinstance(entry, dict):
        raise PackError(f"{label}: expected a mapping")
    code = entry.get("code")
    if isinstance(code, str):
        label = f"rule pack {path}: rule {code}"

    def fail(key: str, problem: str) -> PackError:
        return PackError(f"{label}: key {key!r}: {problem}")

    for key in entry:
        if key not in RULE_KEYS:
            raise fail(key, f"unknown key (known: {', '.join(sorted(RULE_KEYS))})")
    for key in ("code", "message"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(key, "required, and must be a non-empty string")
    if not re.fullmatch(r"[A-Z]{1,6}[0-9]{1,4}", code):
        raise fail("code", "must be 1-6 capital letters then 1-4 digits, like BP001")
    name = entry.get("name") or code.lower()
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise fail("name", "must be lower-case words joined by hyphens")
    try:
        severity = Severity.parse(str(entry.get("severity", "warning")))
    except ValueError as exc:
        raise fail("severity", str(exc)) from None
    has_phrases, has_regex = "phrases" in entry, "regex" in entry
    if has_phrases == has_regex:
        raise fail("phrases" if has_phrases else "regex",
                   "give exactly one of `phrases` (a list) or `regex` (a string)")
    ignore_case = entry.get("ignore-case", True)
    whole_line = entry.get("whole-line", has_phrases)
    for key, value in (("ignore-case", ignore_case), ("whole-line", whole_line),
                       ("default-enabled", entry.get("default-enabled", True))):
        if not isinstance(value, bool):
            raise fail(key, "must be true or false")
    flags = re.IGNORECASE if ignore_case else 0
    pattern, phrase_set = None, None
    if has_phrases:
        phrases = entry["phrases"]
        if not isinstance(phrases, list) or not phrases or \
                not all(isinstance(p, str) and p.strip() for p in phrases):
            raise fail("phrases", "must be a non-empty list of non-empty strings")
        if whole_line and ignore_case:
            phrase_set = frozenset(normalise_line(p) for p in phrases)
        else:
            alternation = "|".join(_phrase_regex(p) for p in sorted(phrases, key=len, reverse=True))
            pattern = re.compile(alternation, flags)
    else:
        source = entry["regex"]
        if not isinstance(source, str) or not source:
            raise fail("regex", "must be a non-empty string")
        try:
            pattern = re.compile(source, flags)
        except re.error as exc:
            raise fail("regex", f"bad regular expression: {exc}") from None
    scope = _load_scope(entry.get("scope", "body"), fail)
    action, replacement, applicability, fix_description = _load_fix(entry.get("fix"), fail)
    if scope.kind == "field" and action == "remove-line":
        raise fail("fix", "`remove-line` works on body lines; use `remove-match` or `replace` "
                          "for a front matter field")
    if action == "replace" and pattern is not None and not whole_line:
        try:
            # An empty alternative always matches, so the template really gets expanded.
            re.compile(f"(?:{pattern.pattern})|", pattern.flags).sub(replacement, "")
        except (re.error, IndexError) as exc:
            raise fail("fix", f"bad replacement {replacement!r}: {exc}") from None
    spec = _PatternRule(code, entry["message"], scope, pattern, phrase_set, whole_line, action,
                        replacement, applicability, fix_description)
    summary = str(entry.get("summary") or entry["message"].replace("{match}", "…"))
    explanation = entry.get("explanation") or _default_explanation(entry, scope, action,
                                                                   applicability, pack)
    if action is None:
        availability = FixAvailability.NONE
    else:
        availability = FixAvailability(str(applicability))
    return Rule(code=code, name=name, summary=summary, explanation=str(explanation).strip(),
                severity=severity, fix=availability, check=spec.check,
                default_enabled=entry.get("default-enabled", True), origin=str(path))


def _phrase_regex(phrase: str) -> str:
    escaped = re.escape(phrase.strip())
    head = r"\b" if phrase.strip()[0].isalnum() else ""
    tail = r"\b" if phrase.strip()[-1].isalnum() else ""
    return head + escaped.replace(r"\ ", r"\s+") + tail


def _load_scope(value: Any, fail) -> _Scope:
    if value in ("body", "body-line", "line"):
        return _Scope("body")
    if not isinstance(value, dict) or len(value) != 1:
        raise fail("scope", "must be `body`, or a mapping with one of "
                            "first-lines, last-lines or field")
    (key, arg), = value.items()
    if key not in SCOPE_KEYS:
        raise fail("scope", f"unknown scope {key!r} (known: body, {', '.join(sorted(SCOPE_KEYS))})")
    if key == "field":
        if not isinstance(arg, str) or not arg:
            raise fail("scope", "`field` needs a field path such as excerpt or related.*.title")
        return _Scope("field", field=arg)
    if not isinstance(arg, int) or isinstance(arg, bool) or arg < 1:
        raise fail("scope", f"`{key}` needs a positive number of lines")
    return _Scope(key, count=arg)


def _load_fix(value: Any, fail) -> tuple[str | None, str, Applicability, str]:
    if value is None:
        return None, "", Applicability.SAFE, ""
    if isinstance(value, str):
        value = {"action": value}
    if not isinstance(value, dict):
        raise fail("fix", "must be a mapping with an `action`")
    for key in value:
        if key not in FIX_KEYS:
            raise fail("fix", f"unknown key {key!r} (known: {', '.join(sorted(FIX_KEYS))})")
    action = value.get("action")
    if action not in FIX_ACTIONS:
        raise fail("fix", f"`action` must be one of {', '.join(FIX_ACTIONS)}")
    replacement = value.get("replacement", "")
    if action == "replace" and not isinstance(replacement, str):
        raise fail("fix", "`replace` needs a string `replacement`")
    try:
        applicability = Applicability(value.get("applicability", "safe"))
    except ValueError:
        raise fail("fix", "`applicability` must be safe or unsafe") from None
    description = value.get("description", "")
    if not isinstance(description, str):
        raise fail("fix", "`description` must be a string")
    return action, replacement, applicability, description


def _default_explanation(entry: dict, scope: _Scope, action: str | None,
                         applicability: Applicability, pack: str) -> str:
    where = {"body": "every body line", "first-lines": f"the first {scope.count} body lines",
             "last-lines": f"the last {scope.count} body lines",
             "field": f"the front matter field `{scope.field}`"}[scope.kind]
    if "phrases" in entry:
        what = "lines that are one of these phrases" if entry.get("whole-line", True) else \
            "these phrases"
        listed = ", ".join(f"`{p}`" for p in entry["phrases"][:8])
        more = " …" if len(entry["phrases"]) > 8 else ""
        pattern = f"{what}: {listed}{more}"
    else:
        pattern = f"text matching the regular expression `{entry['regex']}`"
    if action is None:
        safety = "This rule has no fix."
    else:
        safety = f"The fix ({action}) is {applicability}: " + (
            "plain `lint-corpus fix` applies it." if applicability is Applicability.SAFE
            else "it is applied only with `--unsafe-fixes`.")
    example = entry.get("example") or "(no example given in the pack)"
    return (f"## What it does\nChecks {where} for {pattern}.\n\n"
            f"## Why it matters\n{entry.get('summary') or entry['message']} "
            f"(from the `{pack}` rule pack).\n\n## Example\n{example}\n\n## Fix safety\n{safety}")
