"""TRC001: a field value or the final paragraph cut off mid-word or mid-sentence."""

from __future__ import annotations

import pytest
from conftest import lint_text

TRC = ["TRC001"]

BODY = ("Engineers say the new turbines will supply electricity to thousands of households along "
        "the estuary by next winter.\n")
START = "The first tidal turbines in the estuary were switched on this week"


def record(body: str = BODY, **fields: str) -> str:
    front = "".join(f'{key}: "{value}"\n' for key, value in fields.items())
    return "---\n" + front + "---\n" + body


INVALID = [
    pytest.param(record(excerpt=f"{START} and will supply electri"), 2,
                 "mid-word (`electri`)", id="mid-word"),
    pytest.param(record(body=BODY + "Residents of the estuary towns welcomed the news.\n",
                        excerpt=f"{START}, and residents of the estuary tow"), 2,
                 "mid-word (`tow`)", id="mid-word-longer-word-in-body"),
    pytest.param(record(excerpt=f"{START}, delighting engineers and the"), 2,
                 "mid-sentence (after `the`)", id="after-the"),
    pytest.param(record(excerpt=f"{START}, pleasing engineers and"), 2,
                 "mid-sentence (after `and`)", id="after-and"),
    pytest.param(record(title="Tidal turbines switched on in the estuary after years of delays "
                              "and disputes with the"), 2, "mid-sentence (after `the`)",
                 id="long-title-after-the"),
    pytest.param(record(body=BODY + "Las turbinas llegaron al estuario en barco desde el norte "
                                    "y fueron instaladas durante la noche por un equipo de",
                        title="x"), 5, "mid-sentence (after `de`)",
                 id="final-paragraph-spanish"),
]


@pytest.mark.parametrize("text, line, how", INVALID)
def test_truncated_value_is_reported(text, line, how):
    (finding,) = lint_text(text, path="a.md", select=TRC)
    # Reported at the value's last character (the closing quote of a field).
    last_column = len(text.split("\n")[line - 1])
    assert (finding.code, finding.line, finding.column) == ("TRC001", line, last_column)
    assert how in finding.message
    assert finding.fix is None  # the lost text cannot be recovered


def test_nested_excerpt_is_checked():
    text = ("---\ntitle: x\nrelated:\n  - title: Turbines\n    excerpt: \"" + START
            + " and the harbour will supply the\"\n---\n" + BODY)
    (finding,) = lint_text(text, path="a.md", select=TRC)
    assert finding.line == 5 and "`excerpt`" in finding.message


VALID = [
    pytest.param(record(title="Engineers Switch On the First Tidal Turbines in the Estuary After "
                              "Years of Planning Delays"), id="long-title-without-punctuation"),
    pytest.param(record(title="Tidal turbines switched on"), id="short-title"),
    pytest.param(record(excerpt=f"{START} after years of planning."), id="full-stop"),
    pytest.param(record(excerpt=f"{START} after years of planning\u2026"), id="ellipsis"),
    pytest.param(record(excerpt=f"{START} after years of planning..."), id="three-dots"),
    pytest.param(record(excerpt=f"{START}, says the harbour master: \\\"at last\\\""),
                 id="closing-quote"),
    pytest.param(record(excerpt=f"{START} (after years of planning)"), id="closing-parenthesis"),
    pytest.param(record(excerpt="Turbines switched on and the"), id="short-value"),
    pytest.param(record(excerpt=f"{START} after years of planning"), id="ends-on-a-whole-word"),
    pytest.param(record(excerpt=f"{START} after a long build-up and a well-to-do"),
                 id="hyphenated-last-word"),
    pytest.param(record(webUrl="https://estuary.example/news/the-first-tidal-turbines-in-the-"
                               "estuary-were-switched-on-this-week-and-the"), id="url-field"),
    pytest.param(record(featuredContent="<p>The first tidal turbines in the estuary were "
                                        "switched on this week and the"), id="html-field"),
    pytest.param(record(body=BODY + "| Turbine | Output | Site | Notes on the first week of "
                                    "running in the estuary and the |\n"), id="table-row-last"),
    pytest.param(record(title="Everything You Need to Know About the New Ferry Timetable and How "
                              "to Use It"), id="long-title-ending-with-it"),
]


@pytest.mark.parametrize("text", VALID)
def test_complete_value_is_not_reported(text):
    assert lint_text(text, path="a.md", select=TRC) == []
