"""Regression floors on the shared evaluation sets (shared/eval/README.md).

`score.py` copies a set's raw pages to a scratch folder, runs `lint-corpus fix` on
them and compares the result with the gold text. These floors sit just under the
current scores: a change that loses them makes the cleaning worse. Skipped when
shared/eval is not available.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO


def _find_eval() -> Path | None:
    for candidate in (REPO.parent / "shared" / "eval", Path("/work/shared/eval")):
        if (candidate / "score.py").is_file():
            return candidate
    return None


EVAL = _find_eval()
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(EVAL is None, reason="shared/eval not available")]

F1_FLOOR = 0.93  # measured 0.933 (2026-11-21)
_F1 = re.compile(r"^F1 (\d\.\d{3})\s*$", re.M)
_TRAILING = re.compile(r"foreign last lines removed (\d+)/(\d+) \(([\d.]+)\)\s+"
                       r"genuine last lines removed (\d+)/(\d+) \(([\d.]+)\)")


def _score(name: str, tmp_path: Path) -> str:
    command = f"{shlex.quote(sys.executable)} -m lint_corpus fix"
    proc = subprocess.run([sys.executable, str(EVAL / "score.py"), str(EVAL / name),
                           "--cmd", command],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return proc.stdout


def _final_f1(output: str) -> float:
    scores = _F1.findall(output)
    assert scores, output
    return float(scores[-1])


def test_aeb_dev_f1_floor(tmp_path):
    output = _score("aeb-dev", tmp_path)
    assert "exit code of fix 1" in output or "exit code of fix 0" in output
    assert _final_f1(output) >= F1_FLOOR, output


def test_trailing_dev_removes_foreign_lines_and_keeps_genuine_ones(tmp_path):
    output = _score("trailing-dev", tmp_path)
    match = _TRAILING.search(output)
    assert match, output
    removed, appended, removed_share, lost, total, lost_share = match.groups()
    assert int(appended) > 0 and int(total) > 0
    assert float(removed_share) >= 0.95, output
    assert float(lost_share) <= 0.02, output
    assert _final_f1(output) >= 0.98, output
