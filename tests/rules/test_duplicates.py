"""DUP001: a paragraph repeated inside one document. All text here is invented."""

from __future__ import annotations

import pytest
from conftest import fix_text, lint_text

DUP = ["DUP001"]

A = ("The harbour authority will dredge the northern channel this autumn so that larger "
     "fishing boats can reach the quay at low tide.")
B = ("Dredging will take about six weeks, and the spoil will be used to rebuild the dunes that "
     "protect the caravan park.")
C = ("Boat owners have been asked to move their moorings to the southern basin until the work "
     "is finished in November.")
D = ("The authority says the channel has silted up faster than expected since the storm surge "
     "two winters ago.")


def paragraphs(*items: str, sep: str = "\n\n") -> str:
    return sep.join(items) + "\n"


# B hard-wrapped, and a wrapped paragraph whose second line is also a line of another.
WRAPPED_B = ("Dredging will take about six weeks, and the spoil will be used to\n"
             "rebuild the dunes that protect the caravan park.")
SHARED_LINE = "rebuild the dunes that protect the caravan park and the old slipway."
WRAPPED_ONE = "The council voted on Monday to spend the remaining money to\n" + SHARED_LINE
WRAPPED_TWO = "Volunteers will plant marram grass next spring to help\n" + SHARED_LINE

# (text, path, expected (line, repeated line), text after the fix)
INVALID = [
    pytest.param(paragraphs(A, B, C, B, D), "a.txt", [(7, 3)], paragraphs(A, B, C, D),
                 id="repeated-paragraph"),
    pytest.param(paragraphs(A, B, C, D, B), "a.txt", [(9, 3)], paragraphs(A, B, C, D),
                 id="repeated-last"),
    pytest.param(paragraphs(A, B, C, D, A, sep="\n"), "a.txt", [(5, 1)],
                 paragraphs(A, B, C, D, sep="\n"), id="no-blank-lines"),
    pytest.param(paragraphs(A, B, B.replace(",", "").lower(), C, D), "a.txt", [(5, 3)],
                 paragraphs(A, B, C, D), id="case-and-punctuation-differ"),
    pytest.param(paragraphs(A, B, A, C, A, D), "a.txt", [(5, 1), (9, 1)], paragraphs(A, B, C, D),
                 id="three-copies"),
    pytest.param("---\ntitle: \"Dredging the channel\"\n---\n" + paragraphs(A, B, A, C), "a.md",
                 [(8, 4)], "---\ntitle: \"Dredging the channel\"\n---\n" + paragraphs(A, B, C),
                 id="markdown-record"),
    pytest.param(paragraphs(A, B, "- " + C, "- " + C, D), "a.md", [(7, 5)],
                 paragraphs(A, B, "- " + C, D), id="long-list-item-repeated"),
    pytest.param(paragraphs(A, WRAPPED_B, C, WRAPPED_B, D), "a.md", [(8, 3)],
                 paragraphs(A, WRAPPED_B, C, D), id="hard-wrapped-paragraph-repeated-whole"),
    pytest.param(paragraphs("# Dredging", A, "## North basin", B, C, B, "## South basin", D),
                 "a.md", [(11, 7)],
                 paragraphs("# Dredging", A, "## North basin", B, C, "## South basin", D),
                 id="repeated-within-one-section"),
]


@pytest.mark.parametrize("text, path, expected, fixed", INVALID)
def test_later_copy_is_removed(text, path, expected, fixed):
    findings = lint_text(text, path=path, select=DUP)
    assert [(f.code, f.line) for f in findings] == [("DUP001", line) for line, _ in expected]
    for finding, (_, first) in zip(findings, expected, strict=True):
        assert f"repeats line {first}" in finding.message
    assert fix_text(text, path=path, select=DUP) == fixed


VALID = [
    pytest.param(paragraphs(A, B, C, D), "a.txt", id="no-repeats"),
    pytest.param(paragraphs(A, "- Rope\n- Fenders\n- Rope\n- Bucket\n- Fenders", B), "a.md",
                 id="repeated-list-items"),
    pytest.param(paragraphs(A, "Meal 1", B, "Meal 2", C, "Meal 1", D, "Meal 2", A[:40]), "a.txt",
                 id="repeated-short-headings"),
    pytest.param(paragraphs(A, "Check the tide tables first.", B,
                            "Check the tide tables first.", C), "a.txt",
                 id="repeated-short-sentence"),
    pytest.param(paragraphs(A, "```", "boats = load_moorings('north basin quay list')",
                            "boats = load_moorings('north basin quay list')", "```", B),
                 "a.md", id="repeated-code-lines"),
    pytest.param(paragraphs(A, "| North channel | dredged in autumn | six weeks of work |",
                            "| North channel | dredged in autumn | six weeks of work |", B),
                 "a.md", id="repeated-table-rows"),
    pytest.param(paragraphs(A, WRAPPED_ONE, B, WRAPPED_TWO, C), "a.md",
                 id="wrapped-paragraphs-sharing-a-line"),
    pytest.param(paragraphs(A, "Stir 4 cups of flour into the two eggs and a pinch of salt "
                               "before baking.", B,
                            "Stir 8 cups of flour into the two eggs and a pinch of salt "
                            "before baking.", C), "a.txt", id="numbers-differ"),
    pytest.param(paragraphs(A, "Day one", "Containers: 1 Green, 1 Red, 1 Yellow, 2 Blue, 1 tsp.",
                            B, "Day two", "Containers: 1 Green, 1 Red, 1 Yellow, 2 Blue, 1 tsp.",
                            C), "a.txt", id="repeated-list-of-amounts"),
    pytest.param(paragraphs("## North basin", A, B, "## South basin", C, B), "a.md",
                 id="same-paragraph-under-two-headings"),
    pytest.param(paragraphs(A, B, "References:", "https://harbour.example/reports/dredging-plan",
                            "https://harbour.example/reports/dredging-plan"), "a.txt",
                 id="repeated-reference-lines"),
]


@pytest.mark.parametrize("text, path", VALID)
def test_no_duplicate_reported(text, path):
    assert lint_text(text, path=path, select=DUP) == []


# -- copies in page chrome: the surviving copy is kept ---------------------------------

MENU = "Home\nNews\nSport\nSearch\n\nDredging starts in the northern channel\n\n"


@pytest.mark.parametrize("text", [
    pytest.param(MENU + "7 minute read\n" + A + "\nShare this content\n\n"
                 "Add to Favorite \u2661 0\n\n" + paragraphs(A, B, C, D)
                 + "\nSubscribe to our newsletter\nFollow us on Facebook\n"
                 "\u00a9 2023 Harbour Gazette\n", id="summary-in-the-header"),
    pytest.param(MENU + paragraphs(A, B, C, D) + "\nMore from Harbour Gazette\n\nCouncil approves "
                 "dredging plan\n\n" + A + "\n\n \u00b7 \u00b7 2 May 2023\n1 2 3 14\nShare on "
                 "Facebook\n", id="teaser-repeats-the-first-paragraph"),
])
def test_copy_in_chrome_leaves_exactly_one(text):
    findings = lint_text(text, path="a.txt", select=["CH", "DUP"])
    assert "DUP001" not in [f.code for f in findings]  # the chrome rules remove the other copy
    fixed = fix_text(text, path="a.txt", select=["CH", "DUP"])
    for paragraph in (A, B, C, D):
        assert fixed.count(paragraph) == 1
    assert fixed == "Dredging starts in the northern channel\n\n" + paragraphs(A, B, C, D)


def test_summary_right_above_the_text_is_kept_once():
    # With no chrome between them, the summary joins the main text: DUP001 then removes
    # the later copy, and the text still appears exactly once, in its place.
    text = MENU + "7 minute read\n" + A + "\nShare this content\n\n" + paragraphs(A, B, C, D)
    findings = lint_text(text, path="a.txt", select=["CH", "DUP"])
    assert [f.line for f in findings if f.code == "DUP001"] == [12]
    fixed = fix_text(text, path="a.txt", select=["CH", "DUP"])
    assert fixed == "Dredging starts in the northern channel\n\n" + paragraphs(A, B, C, D)
