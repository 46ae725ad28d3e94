"""Inline suppression: HTML comments in bodies, ``#`` comments in front matter."""

from __future__ import annotations

import pytest
from conftest import fix_text, lint_text, located

NBSP = "\u00a0"
RULES = ["TXT006", "TXT004", "FM009", "FM007"]

# (text, expected remaining (code, line, column) findings)
CASES = [
    pytest.param(f"a{NBSP}b\nc{NBSP}d\n", [("TXT006", 1, 2), ("TXT006", 2, 2)],
                 id="no-directive"),
    pytest.param(f"<!-- lint-corpus: disable-next-line TXT006 -->\na{NBSP}b\nc{NBSP}d\n",
                 [("TXT006", 3, 2)], id="disable-next-line"),
    pytest.param(f"<!-- lint-corpus: disable-next-line TXT006 -->\n\n\na{NBSP}b\nc{NBSP}d\n",
                 [("TXT006", 5, 2)], id="next-line-skips-blank-lines"),
    pytest.param(f"<!-- lint-corpus: disable-next-line TXT004 -->\na{NBSP}b\n",
                 [("TXT006", 2, 2)], id="next-line-other-code-only"),
    pytest.param(f"<!-- lint-corpus: disable-next-line irregular-whitespace -->\na{NBSP}b\n",
                 [], id="by-rule-name"),
    pytest.param(f"<!-- lint-corpus: disable-next-line TXT -->\na{NBSP}b\n", [],
                 id="by-prefix"),
    pytest.param(f"<!-- lint-corpus: disable-next-line -->\na{NBSP}b  \n", [],
                 id="no-codes-means-all"),
    pytest.param(f"<!--lint-corpus:disable-next-line TXT004,TXT006-->\na{NBSP}b \n", [],
                 id="tight-spacing-and-comma-list"),
    pytest.param(f"a{NBSP}b <!-- lint-corpus: disable-line TXT006 -->\nc{NBSP}d\n",
                 [("TXT006", 2, 2)], id="disable-line"),
    pytest.param(f"x\n<!-- lint-corpus: disable TXT006 -->\na{NBSP}b\nc{NBSP}d\n"
                 f"<!-- lint-corpus: enable TXT006 -->\ne{NBSP}f\n",
                 [("TXT006", 6, 2)], id="disable-enable-range"),
    pytest.param(f"<!-- lint-corpus: disable TXT006 TXT004 -->\na{NBSP}b \n"
                 f"<!-- lint-corpus: enable TXT004 -->\nc{NBSP}d \n",
                 [("TXT004", 4, 4)], id="enable-one-of-two"),
    pytest.param(f"<!-- lint-corpus: disable TXT006 -->\na{NBSP}b\n<!-- lint-corpus: enable -->\n"
                 f"c{NBSP}d\n", [("TXT006", 4, 2)], id="enable-without-codes-closes-all"),
    pytest.param(f"a{NBSP}b\n<!-- lint-corpus: disable TXT006 -->\nc{NBSP}d\n\ne{NBSP}f\n",
                 [("TXT006", 1, 2)], id="unclosed-range-runs-to-the-end"),
    pytest.param(f"a{NBSP}b \nmore\n<!-- lint-corpus: disable-file TXT006 -->\n",
                 [("TXT004", 1, 4)], id="disable-file-anywhere"),
    pytest.param(f"<!-- lint-corpus: disable-file -->\na{NBSP}b \n", [],
                 id="disable-file-everything"),
    # Front matter: YAML comments.
    pytest.param("---\n# lint-corpus: disable-next-line FM009\ndate: 2021-06-30\n"
                 "other: 2021-07-01\n---\n", [("FM009", 4, 8)], id="fm-next-line"),
    pytest.param("---\ndate: 2021-06-30  # lint-corpus: disable-line FM009\n"
                 "other: 2021-07-01\n---\n", [("FM009", 3, 8)], id="fm-same-line"),
    pytest.param("---\n# lint-corpus: disable-file FM\nlive: yes\ndate: 2021-06-30\n---\n"
                 f"a{NBSP}b\n", [("TXT006", 6, 2)], id="fm-disable-file"),
    pytest.param("---\n# lint-corpus: disable FM009\na: 2021-06-30\n# lint-corpus: enable FM009\n"
                 "b: 2021-06-30\n---\n", [("FM009", 5, 4)], id="fm-range"),
    # Each kind of comment counts only where it is a comment.
    pytest.param("---\ntitle: \"<!-- lint-corpus: disable-file -->\"\nlive: yes\n---\n",
                 [("FM007", 3, 7)], id="html-comment-in-yaml-does-not-count"),
    pytest.param(f"---\ntitle: x\n---\n# lint-corpus: disable-file\na{NBSP}b\n",
                 [("TXT006", 5, 2)], id="markdown-heading-does-not-count"),
    pytest.param(f"Use <!-- lint-corpus: disable-line FM009 --> to silence\na{NBSP}b\n",
                 [("TXT006", 2, 2)], id="directive-for-another-code"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_suppression(text, expected):
    assert located(lint_text(text, select=RULES)) == expected


def test_suppressed_findings_are_not_fixed():
    text = "keep  <!-- lint-corpus: disable-line TXT004 --> \nfix \n"
    assert fix_text(text, path="a.txt", select=["TXT004"]) == (
        "keep  <!-- lint-corpus: disable-line TXT004 --> \nfix\n")


def test_directive_in_a_txt_file_counts_too():
    text = f"<!-- lint-corpus: disable-next-line TXT006 -->\na{NBSP}b\n"
    assert lint_text(text, path="a.txt", select=RULES) == []
