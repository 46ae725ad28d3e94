"""DUP: text repeated inside one document."""

from __future__ import annotations

from lint_corpus import page
from lint_corpus.model import Diagnostic, Fix, rule
from lint_corpus.rules.chrome import _analysis, _deletion


@rule("DUP001", "duplicated-paragraph", severity="warning", fix="safe")
def duplicated_paragraph(doc, ctx):
    """A paragraph or line that already appeared earlier in the same document.

    ## What it does
    Compares the body's paragraphs of running text (prose, so eight words or more;
    ignoring case, spacing and punctuation, not numbers) and flags every copy after
    the first. Title-like lines, list entries of names and amounts and
    table rows are left alone: they repeat on purpose. So does a paragraph under
    another heading of a structured Markdown document (two headings or more, and
    few links to other pages or almost no template phrase): a reference page
    describes each option's default alike, so copies count within one section.
    A paragraph hard-wrapped over several lines is compared and removed whole, so a
    wrapped line that happens to match a line elsewhere is never cut out of its
    paragraph. When the page analysis removes some copies as chrome (a summary
    repeated in the page header, say), the first copy that survives is the one
    kept, so the text is never lost entirely.

    ## Why it matters
    Scrapers repeat the standfirst, a pull quote or a whole paragraph when a page
    shows it twice. Duplicates inflate the corpus and bias anything trained on it.

    ## Example
    A summary paragraph shown under the headline and again as the first paragraph
    of the article.

    ## Fix safety
    Safe: the removed line is an exact copy (up to case, spacing and punctuation) of
    a line that stays.
    """
    analysis = _analysis(doc, ctx)
    removed = {v.line.index for v in analysis.verdicts}
    # A paragraph hard-wrapped over several lines is compared, and removed, whole: one
    # of its lines may match a line elsewhere without the paragraph being a copy.
    paragraphs: dict[int, list[page.Line]] = {}
    # In a structured document a paragraph repeated under another heading is written
    # so on purpose (reference pages describe each option's default alike): copies
    # count within a section. The page's title (level 1) opens none.
    section = 0
    section_of: dict[int, int] = {}
    for line in analysis.lines:
        if analysis.structured and line.heading >= 2:
            section += 1
        # Prose only: a title-like line, a list entry of names and amounts or a table
        # row repeats on purpose (a meal plan's "1 cup rice, 2 eggs" every day).
        if line.kind == "P":
            paragraphs.setdefault(line.paragraph, []).append(line)
            section_of.setdefault(line.paragraph, section)
    copies_of: dict[tuple[int, str], list[list[page.Line]]] = {}
    for paragraph, members in paragraphs.items():
        text = " ".join(member.text.strip() for member in members)
        key = _text_key(text)
        if key:
            copies_of.setdefault((section_of[paragraph], key), []).append(members)
    for copies in copies_of.values():
        if len(copies) < 2:
            continue
        survivors = [c for c in copies if not any(m.index in removed for m in c)]
        if len(survivors) < 2:
            continue  # chrome removal already leaves a single copy
        first = survivors[0][0]
        for copy in survivors[1:]:
            yield Diagnostic(copy[0].start, copy[-1].end,
                             f"paragraph repeats line {first.index + 1}: "
                             f"`{_clip(copy[0].text.strip())}`",
                             Fix.safe("remove the repeated paragraph",
                                      _deletion(doc, copy[0], copy[-1])))


# Punctuation and every kind of space: deleted by one translate call, in C.
_KEY_DROP = {**page.DROP_PUNCTUATION, **dict.fromkeys(map(ord, " \t\n\r\f\v\x85\xa0\u1680"
                                                      "\u2028\u2029\u202f\u205f\u3000"))}
_KEY_DROP.update(dict.fromkeys(range(0x2000, 0x200C)))


def _text_key(text: str) -> str:
    """Lower case, without punctuation or spacing; unlike the line keys of the chrome
    rules, numbers count: "4 oz." and "8 oz." are different paragraphs."""
    return text.lower().translate(_KEY_DROP)


def _clip(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
