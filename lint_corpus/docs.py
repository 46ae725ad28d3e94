"""Rule documentation, rendered from the one text each rule carries.

``lint-corpus explain``, ``lint-corpus rules`` and the README's rule catalogue all
come from here.
"""

from __future__ import annotations

import json

from lint_corpus.model import Rule


def render_rule(rule: Rule) -> str:
    enabled = "yes" if rule.default_enabled else "no (select it to use it)"
    return (f"# {rule.code} ({rule.name})\n\n{rule.summary}\n\n"
            f"Severity: {rule.severity}. Fix: {rule.fix}. Enabled by default: {enabled}. "
            f"Source: {rule.origin}.\n\n{rule.explanation}\n")


def _as_dict(rule: Rule) -> dict:
    return {"code": rule.code, "name": rule.name, "summary": rule.summary,
            "explanation": rule.explanation, "severity": str(rule.severity),
            "fix": str(rule.fix), "default_enabled": rule.default_enabled,
            "origin": rule.origin}


def render_catalogue(catalogue: dict[str, Rule], fmt: str) -> str:
    rules = list(catalogue.values())
    if fmt == "json":
        return json.dumps([_as_dict(r) for r in rules], ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        lines = ["| code | name | severity | fix | summary |", "|---|---|---|---|---|"]
        for r in rules:
            default = "" if r.default_enabled else " (off by default)"
            summary = r.summary.replace("|", "\\|")
            lines.append(f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity}{default} | "
                         f"{r.fix} | {summary} |")
        lines.append("")
        for r in rules:
            body = r.explanation.replace("\n## ", "\n#### ")
            if body.startswith("## "):
                body = "#### " + body[3:]
            lines += [f"### {r.code}", "", f"**{r.name}**: {r.summary}", "", body, ""]
        return "\n".join(lines)
    width = max((len(r.name) for r in rules), default=10)
    out = []
    for r in rules:
        default = "" if r.default_enabled else "  (off by default)"
        out.append(f"{r.code:<7} {r.name:<{width}}  {str(r.severity):<7}  fix:{str(r.fix):<9}  "
                   f"{r.summary}{default}")
    return "\n".join(out) + "\n"


def catalogue_page(catalogue: dict[str, Rule]) -> str:
    """docs/rules.md: an introduction, then the markdown catalogue."""
    return ("# Rule catalogue\n\n"
            "Generated from each rule's own documentation, the text that "
            "`lint-corpus explain CODE` prints. Regenerate with\n"
            "`python -m lint_corpus rules --isolated --format markdown --page > docs/rules.md`.\n\n"
            + render_catalogue(catalogue, "markdown"))
