"""`lint-corpus learn`: corpus-recurring lines written as a reviewable rule pack."""

from __future__ import annotations

import datetime
import os
import re
import tempfile
from pathlib import Path

import yaml

from lint_corpus.corpus import CorpusStats
from lint_corpus.errors import UsageError

MAX_PHRASES_PER_SOURCE = 1000


def _slug(source: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", source.lower()).strip("-")[:40] or "source"


def _prose(text: str) -> bool:
    words = text.split()
    return len(words) >= 8 and text.rstrip().endswith((".", "!", "?", "”", '"')) and \
        sum(1 for w in words if w[:1].islower()) >= len(words) / 2


def _digits_pattern(text: str) -> str:
    """A whole-line regex for a line whose numbers vary from page to page."""
    parts = re.split(r"\d+", " ".join(text.split()))
    return r"\d+".join(re.escape(part).replace(r"\ ", r"\s+") for part in parts)


def build_pack(stats: CorpusStats, paths: list[str]) -> dict:
    rules = []
    number = 0
    for source, rows in stats.recurring_lines().items():
        # Sentences that recur are left out: the page analysis keeps them in the main
        # text, and a whole-line pack would delete them everywhere.
        texts = [text for text, _ in rows if not _prose(text)][:MAX_PHRASES_PER_SOURCE]
        # Lines are counted with their numbers blanked out ("Page 3 of 12"), so those
        # become a pattern; the others are matched as whole lines.
        plain = [t for t in texts if not re.search(r"\d", t)]
        numbered = [t for t in texts if re.search(r"\d", t)]
        common = {
            "message": f"line that recurs across pages of {source}: {{match}}",
            "summary": f"Template lines of {source}, learned from the corpus.",
            "severity": "warning",
            "whole-line": True,
            "scope": "body",
        }
        for kind, values in (("phrases", plain), ("regex", numbered)):
            if not values:
                continue
            number += 1
            rule = {"code": f"LRN{number:03d}",
                    "name": f"learned-{_slug(source)}" + ("-numbered" if kind == "regex" else "")}
            rule.update(common)
            rule["fix"] = {"action": "remove-line", "applicability": "safe"}  # no YAML anchors
            rule[kind] = values if kind == "phrases" else "|".join(
                f"(?:{_digits_pattern(v)})" for v in values)
            rules.append(rule)
    return {
        "pack": "learned",
        "description": (
            f"Lines found in at least {stats.min_documents} documents of the same source, "
            f"learned by `lint-corpus learn` on {datetime.date.today().isoformat()} from "
            f"{', '.join(paths)} ({stats.documents} documents). Phrases match whole lines in "
            f"every document, whatever its source: review them before committing."),
        "rules": rules,
    }


def write_pack(stats: CorpusStats, output: Path, paths: list[str]) -> int:
    pack = build_pack(stats, paths)
    text = yaml.safe_dump(pack, allow_unicode=True, sort_keys=False, width=100)
    output = Path(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, output)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    return sum(len(rule["phrases"]) if "phrases" in rule else rule["regex"].count("(?:")
               for rule in pack["rules"])
