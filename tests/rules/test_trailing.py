"""TRL001: another article's headline appended as the document's last line.

All articles and headlines are invented. The rule must remove an unrelated headline
and only that line, and leave every genuine kind of last line alone.
"""

from __future__ import annotations

import pytest
from conftest import ORCHESTRA, fix_text, lint_text, make_linter, to_document

from lint_corpus.corpus import gather
from lint_corpus.fix import fix_document
from lint_corpus.model import Applicability

TRL = ["TRL001"]

RECORD = """---
title: "Orchestra to tour small towns"
excerpt: "The regional orchestra will play in village halls and on greens all summer."
---
""" + ORCHESTRA
DENSE = ORCHESTRA.replace("\n\n", "\n")  # one line per paragraph, no blank lines

FOREIGN = [
    "Striker Signs Record Deal With Coastal Club",
    "Why Volcanic Soil Makes Better Coffee Beans",
    "Harvest Festival Returns to the Old Market Square",
    "Drought Forces Ranchers to Sell Cattle Early",
    "Rescued Kitten Finds Forever Home With Firefighters!",
    "How I Trained for My First Marathon",
]


# (document, appended line, path): the fix must give back the document.
@pytest.mark.parametrize("base, line, path", [
    pytest.param(ORCHESTRA, FOREIGN[0], "a.txt", id="plain-text"),
    pytest.param(ORCHESTRA, FOREIGN[1], "a.md", id="markdown"),
    pytest.param(DENSE, FOREIGN[2], "a.txt", id="no-blank-lines"),
    pytest.param(RECORD, FOREIGN[3], "a.md", id="with-front-matter"),
    pytest.param(ORCHESTRA, FOREIGN[4], "a.md", id="exclaimed-headline"),
    pytest.param(ORCHESTRA, FOREIGN[5], "a.txt", id="first-person-in-title-case"),
])
@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_appended_foreign_headline_is_removed(base, line, path, separator):
    text = base + separator[1:] + line + "\n"
    findings = lint_text(text, path=path, select=TRL)
    last = text.count("\n")
    assert [(f.code, f.line, f.column) for f in findings] == [("TRL001", last, 1)]
    (finding,) = findings
    assert finding.fix.applicability is Applicability.SAFE
    assert line in finding.message
    fixed = fix_text(text, path=path, select=TRL)
    if separator == "\n":
        assert fixed == base
    else:  # the blank line before the headline may stay at the end of the file
        assert fixed.rstrip("\n") == base.rstrip("\n")


def test_appended_headline_without_final_newline():
    # Scraped text often ends with the headline and no line break: the fix removes the
    # line and the break before it, so the article's last sentence ends the file.
    text = ORCHESTRA + FOREIGN[0]
    assert [f.line for f in lint_text(text, path="a.txt", select=TRL)] == [8]
    assert fix_text(text, path="a.txt", select=TRL) == ORCHESTRA.rstrip("\n")


def test_partly_related_line_gets_an_unsafe_fix():
    # Two of the five content words occur in the article: doubtful, so unsafe.
    text = ORCHESTRA + "Cinema Chain Closes Village Screens Forever\n"
    (finding,) = lint_text(text, path="a.txt", select=TRL)
    assert finding.fix.applicability is Applicability.UNSAFE
    assert fix_text(text, path="a.txt", select=TRL) == text
    assert fix_text(text, path="a.txt", select=TRL, unsafe=True) == ORCHESTRA


def test_line_already_removed_as_chrome_is_not_reported_twice():
    text = ORCHESTRA + "Share this article with your friends on Facebook\n"
    codes = [f.code for f in lint_text(text, path="a.txt", select=["CH", "TRL"])]
    assert "TRL001" not in codes and codes


VALID = [
    pytest.param("The first concert is planned for the end of May in the hall at Harwick.",
                 id="closing-sentence"),
    pytest.param("Happy listening", id="short-sign-off"),
    pytest.param("Provided by the Regional Orchestra", id="provided-by-words-in-article"),
    pytest.param("Lowbridge, 4 March 2023", id="dateline"),
    pytest.param("\u2014 Marta Quillon, Lowbridge", id="attribution-dash"),
    pytest.param("(Reporting by Marta Quillon in Lowbridge)", id="attribution-parenthesised"),
    pytest.param("https://orchestra.example/tour-dates", id="url"),
    pytest.param("Tickets and dates: www.orchestra.example", id="www-line"),
    pytest.param("| Harwick | 12 May | School Hall |", id="table-row"),
    pytest.param("Tour Dates for the Regional Orchestra", id="related-title-case-subheading"),
    pytest.param("Children Admitted Free at Every Tour Stop", id="related-heading-other-words"),
    pytest.param("> The music came to us at last", id="quote"),
    pytest.param("Thanks for reading, Priya", id="sign-off-four-words"),
    pytest.param("Source: National Arts Council", id="source-line"),
    pytest.param("Reporting by Jonas Pell; editing by Ada Brun", id="wire-credit-line"),
    pytest.param("Courtesy of the Harwick Film Society", id="courtesy-line"),
    pytest.param("This article originally appeared in the Valley Weekly", id="provenance-line"),
    pytest.param("The story was first published by Northern Wire", id="first-published-line"),
    pytest.param("See you at the first concert in May!", id="exclaimed-sign-off"),
    pytest.param("Someday my daughter and I will sit in the front row", id="author-speaks"),
    pytest.param("Eines Tages werde ich selbst im Orchester mitspielen", id="author-speaks-de"),
    pytest.param("Book Early, Seats Go Fast. Enjoy!", id="exclaimed-two-sentences"),
    pytest.param("乐团明年春天还将前往山区的三个小镇演出，门票收入将用于修缮学校礼堂，"
                 "志愿者负责接送老人，当地学校也会组织学生观看排练。", id="chinese-sentence"),
    pytest.param("Full Programme for Every Village [on the festival site](https://fest.example)",
                 id="markdown-text-with-a-link"),
    pytest.param("[Tour Dates for the Regional Orchestra](https://orchestra.example/dates)",
                 id="markdown-link-to-a-related-page"),
    pytest.param("Volunteers from three villages painted the scenery and sewed the costumes "
                 "in their own kitchens before the first concer", id="cut-off-mid-word"),
    pytest.param("Volunteers from three villages painted the scenery and sewed the costumes "
                 "in their own kitchens before the", id="cut-off-mid-sentence"),
]


@pytest.mark.parametrize("line", VALID)
@pytest.mark.parametrize("base", [ORCHESTRA, RECORD], ids=["plain", "record"])
def test_genuine_last_line_is_kept(base, line):
    text = base + "\n" + line + "\n"
    assert lint_text(text, path="a.md", select=TRL) == []


def test_markdown_link_to_another_story_is_removed():
    line = f"[{FOREIGN[1]}](https://news.example/coffee-soil)"
    text = ORCHESTRA + line + "\n"
    (finding,) = lint_text(text, path="a.md", select=TRL)
    assert FOREIGN[1] in finding.message and "https" not in finding.message
    assert fix_text(text, path="a.md", select=TRL) == ORCHESTRA


def test_headline_after_a_one_paragraph_article_is_removed():
    paragraph = ORCHESTRA.split("\n\n")[0] + "\n"
    text = paragraph + FOREIGN[3] + "\n"
    assert [(f.code, f.line) for f in lint_text(text, path="a.txt", select=TRL)] == [("TRL001", 2)]
    assert fix_text(text, path="a.txt", select=TRL) == paragraph


@pytest.mark.parametrize("text", [
    pytest.param("Tickets for the tour go on sale next week.\n" + FOREIGN[0] + "\n",
                 id="too-short-document"),
    pytest.param(ORCHESTRA + "\nStriker Signs\n", id="three-word-line"),
    pytest.param("", id="empty"),
])
def test_short_documents_and_lines_are_skipped(text):
    assert lint_text(text, path="a.txt", select=TRL) == []


# -- with corpus statistics: the titles of the other documents -----------------------------

TOUR_TITLE = "Regional Orchestra Announces Dates for Its Village Tour"
CORPUS = {
    "tour.md": (TOUR_TITLE, ORCHESTRA),
    "ferry.md": ("Ferry Passengers Stranded After Engine Fault",
                 "Hundreds of passengers spent the night aboard a ferry anchored outside the "
                 "harbour after an engine fault.\n\nThe operator said the ship was never in "
                 "danger.\n\nEngineers worked through the night to repair it.\n"),
    "mill.md": ("Old Mill Becomes a Solar Cooperative",
                "The town of Lowbridge has turned its textile mill into a solar farm.\n\nFour "
                "hundred households own shares in the project.\n\nThe panels cover a third of "
                "the town's needs.\n"),
    "concert.md": ("Cellist Recalls the Concerts of Her Childhood",
                   "A cellist who grew up in a farming valley remembers waiting all year for the "
                   "one visiting ensemble.\n\nShe now plays with the regional orchestra.\n\nHer "
                   "idea started the village tour.\n"),
}


def _record(title: str, body: str, quoted: bool = True) -> str:
    return f'---\ntitle: "{title}"\n---\n{body}' if quoted else f"---\ntitle: {title}\n---\n{body}"


def _corpus_linter(last_line: str, quoted: bool = True, corpus=CORPUS):
    docs = {name: to_document(_record(title, body, quoted), name)
            for name, (title, body) in corpus.items()}
    concert_title, concert_body = corpus["concert.md"]
    docs["concert.md"] = to_document(_record(concert_title, concert_body + last_line + "\n"),
                                     "concert.md")
    linter = make_linter(TRL)
    linter.corpus = gather(docs.values())
    return linter, docs["concert.md"]


def test_last_line_equal_to_another_documents_title_is_flagged():
    # The line shares most of its words with the article, but it is the title of
    # another document of the corpus: an appended teaser.
    linter, doc = _corpus_linter(TOUR_TITLE)
    assert lint_text(doc.text, path="concert.md", select=TRL) == []  # no corpus: related words
    (finding,) = linter.lint(doc)
    assert finding.line == doc.text.count("\n")
    assert "title of another document" in finding.message
    assert finding.fix.applicability is Applicability.SAFE
    fixed = fix_document(doc, linter.lint).text
    assert TOUR_TITLE not in fixed and fixed.endswith("Her idea started the village tour.\n")


def test_last_line_equal_to_its_own_title_is_not_another_title():
    concert_title = CORPUS["concert.md"][0]
    linter, doc = _corpus_linter(concert_title)
    assert linter.lint(doc) == []


def test_title_match_ignores_case_and_punctuation():
    linter, doc = _corpus_linter(TOUR_TITLE.upper().replace("ITS", "ITS:"))
    assert [f.code for f in linter.lint(doc)] == ["TRL001"]


@pytest.mark.parametrize("quoted", [True, False], ids=["double-quoted", "plain"])
def test_another_documents_title_is_flagged_whatever_its_shape(quoted):
    # A headline can end like a sentence; being another document's title is enough.
    shaped_like_a_sentence = "Mill Owners Say Sun. Then Rain. Then Sun Again."
    corpus = {**CORPUS, "mill.md": (shaped_like_a_sentence, CORPUS["mill.md"][1])}
    linter, doc = _corpus_linter(shaped_like_a_sentence, quoted, corpus)
    assert lint_text(doc.text, path="concert.md", select=TRL) == []  # a sentence alone
    (finding,) = linter.lint(doc)
    assert "title of another document" in finding.message


def test_selecting_the_rule_alone_gathers_the_corpus():
    from lint_corpus.registry import builtin_rules

    (rule,) = [r for r in builtin_rules() if r.code == "TRL001"]
    assert rule.needs_corpus
