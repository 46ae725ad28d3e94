"""CH: site chrome in document bodies.

All five rules report verdicts of one page analysis (``lint_corpus/page.py``),
computed once per document. Consecutive lines with the same verdict form one
finding, whose fix deletes them (and the blank lines they leave doubled).
"""

from __future__ import annotations

import re

from lint_corpus import lexicon as lx
from lint_corpus import page
from lint_corpus.frontmatter import rewrite_scalar, text_fields
from lint_corpus.model import Applicability, Diagnostic, Edit, Fix, rule


def _analysis(doc, ctx):
    """The document's page analysis, made once with the corpus statistics if any."""
    cached = doc.shared.get("page")
    if cached is not None:
        return cached
    corpus = ctx.corpus
    return page.analyse(doc, corpus.recurring(doc) if corpus is not None else None)


def _deletion(doc, first_line, last_line) -> Edit:
    """Delete the lines from first_line to last_line and the blank lines they strand.

    Used for a single removal (a duplicated paragraph); chrome runs use ``_runs``,
    which treats neighbouring removals as one group.
    """
    return Edit.delete(*_group_span(doc, first_line, last_line, _previous(doc, first_line),
                                    _next(doc, last_line)))


def _previous(doc, line):
    """The nearest non-blank body line above ``line``, as (start, end, full_end)."""
    index = line.index - 1
    while index >= 0 and doc.line_starts[index] >= doc.body_start:
        span = doc.line_span(index)
        if doc.text[span[0]:span[1]].strip():
            return span
        index -= 1
    return None


def _next(doc, line):
    index = line.index + 1
    while index < doc.line_count:
        span = doc.line_span(index)
        if doc.text[span[0]:span[1]].strip():
            return span
        index += 1
    return None


def _group_span(doc, first, last, kept_before, kept_after) -> tuple[int, int]:
    """Text span to delete for removed lines first..last between two kept lines.

    The text keeps the paragraph break it had: when the kept line above was followed
    by a blank line, the blank lines after the group go too; otherwise they stay.
    """
    text = doc.text
    if kept_before is None:  # at the top of the body: nothing is left above, and the
        # blank lines between the front matter and the text keep their place
        return first.start, kept_after[0] if kept_after is not None else len(text)
    if kept_after is None:  # at the end: the kept line above now ends the file
        return kept_before[2], len(text)
    between = text[kept_before[2]:first.start]
    blank_above = "\n" in between and not between.strip()
    return first.start, (kept_after[0] if blank_above else last.full_end)


def _runs(doc, analysis):
    """Per run of removed lines (same code and safety): (verdicts, start, end)."""
    cached = doc.shared.get("chrome-runs")
    if cached is not None:
        return cached
    lines = analysis.lines
    position = {line.index: i for i, line in enumerate(lines)}
    runs = []
    group: list = []

    def span_of(line):
        return (line.start, line.end, line.full_end) if line is not None else None

    def close_group() -> None:
        if not group:
            return
        first_pos, last_pos = position[group[0].line.index], position[group[-1].line.index]
        before = lines[first_pos - 1] if first_pos > 0 else None
        after = lines[last_pos + 1] if last_pos + 1 < len(lines) else None
        start, end = _group_span(doc, group[0].line, group[-1].line, span_of(before),
                                 span_of(after))
        members: list[list] = []
        for verdict in group:
            previous = members[-1][-1] if members else None
            if previous is not None and previous.code == verdict.code \
                    and previous.safe == verdict.safe:
                members[-1].append(verdict)
            else:
                members.append([verdict])
        # The group's span is shared out so that the runs' edits tile it exactly.
        for i, run in enumerate(members):
            run_start = start if i == 0 else run[0].line.start
            run_end = end if i == len(members) - 1 else members[i + 1][0].line.start
            runs.append((run, run_start, run_end))
        group.clear()

    for verdict in sorted(analysis.verdicts, key=lambda v: v.line.index):
        if group and position[verdict.line.index] != position[group[-1].line.index] + 1:
            close_group()
        group.append(verdict)
    close_group()
    doc.shared["chrome-runs"] = runs
    return runs


def _report(doc, ctx, code: str, describe):
    analysis = _analysis(doc, ctx)
    for run, start, end in _runs(doc, analysis):
        if run[0].code != code:
            continue
        first, last = run[0].line, run[-1].line
        applicability = Applicability.SAFE if run[0].safe else Applicability.UNSAFE
        count = len(run)
        fix = Fix((Edit.delete(start, end),), applicability,
                  f"remove {count} line{'s' if count > 1 else ''}")
        yield Diagnostic(first.start, last.end, describe(run), fix)


def _quote(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return f"`{text if len(text) <= limit else text[: limit - 1] + '…'}`"


def _summary(run, one: str, many: str) -> str:
    """"menu line (menu or headline): `Home`" or "12 menu lines (...), from `Home`"."""
    first = run[0].line.text
    reasons = sorted({v.reason for v in run})
    shown = ", ".join(reasons[:3]) + (" …" if len(reasons) > 3 else "")
    if len(run) == 1:
        return f"{one} ({shown}): {_quote(first)}"
    return f"{len(run)} {many} ({shown}), from {_quote(first, 40)}"


@rule("CH001", "boilerplate-line", severity="warning", fix="safe")
def boilerplate_line(doc, ctx):
    """A line of page furniture: share, subscribe, sign-in, cookie or copyright text.

    ## What it does
    Flags lines that page templates put on every page: share bars ("Share this
    content", "Click to share on Facebook"), subscription and sign-in prompts
    ("Subscribe to our newsletter", "Register Now"), legal lines (cookies, privacy,
    copyright), "Read more" and comment links, "Report an error" boxes,
    blog comment forms ("Your email address will not be published"), reading-time
    labels ("10 minute read"), counters ("Add to Favorite ♡ 0", "12 shares"),
    pagination ("1 2 3 91") and icon-font residue ("magnifiercrossmenuchevron-down").
    Short lines qualify by phrase; longer ones when the phrase speaks to the reader
    ("Sign up for our newsletter to get...") or several template terms pile up, not
    in an article's sentence about a privacy policy. The phrase lists cover English,
    Portuguese, Spanish, French, German and Italian, and the commonest phrases of
    Russian, Polish, Turkish, Dutch, Arabic, Chinese, Japanese, Latvian, the Nordic
    languages, Czech, Hungarian, Romanian, Croatian, Ukrainian, Greek, Indonesian,
    Vietnamese and Korean. A line in capitals is furniture ("EDITOR'S PICKS"), unless
    it is short and stands between two paragraphs of the text, as a section's heading
    does.

    ## Why it matters
    These lines are not part of any article. In a training corpus they are repeated
    millions of times and teach a model to write "Share this article".

    ## Example
    ```
    Share this content
    Add to Favorite ♡ 0
    ```

    ## Fix safety
    Safe: the lines are removed whole, and only when the line is short enough that
    the template phrase is what it says.
    """
    yield from _report(doc, ctx, page.BOILERPLATE_LINE,
                       lambda run: _summary(run, "boilerplate line", "boilerplate lines"))


@rule("CH002", "navigation-menu", severity="warning", fix="safe")
def navigation_menu(doc, ctx):
    """Menus, breadcrumbs and headline lists around the article.

    ## What it does
    Flags runs of short title-like lines (menu items, section names, headline
    lists) in the page header and footer, short menu lines that the page repeats,
    and menu bars: three or more short items between pipes or bullets ("News |
    Sport | Culture"), in any language. In Markdown, a line that is mostly a link to
    another page ("[Ferry terminal opens late](https://...)") is a menu item or a
    headline however sentence-like its text, and an image on its own line (a logo)
    counts with them; links to the document's own anchors or files (a table of
    contents) do not. A region is only treated as chrome when it
    also holds boilerplate or repeated lines, so a clean article with a list in it is
    left alone. Without a title in the front matter, the headline just above the
    article is kept.

    ## Why it matters
    Navigation is the largest part of most scraped pages. It dilutes every
    statistic of the corpus and glues unrelated words to the article.

    ## Example
    ```
    Home
    News
    Sports
    Things to Do
    Weather | Traffic | Events | Contact
    ```

    ## Fix safety
    Safe: only lines outside the main text (or menu lines repeated inside it) are
    removed, and only on pages that show other chrome too.
    """
    yield from _report(doc, ctx, page.NAVIGATION,
                       lambda run: _summary(run, "navigation line", "navigation lines"))


@rule("CH003", "metadata-line", severity="info", fix="safe")
def metadata_line(doc, ctx):
    """Datelines, bylines, photo credits and author boxes in the page text.

    ## What it does
    Flags short lines that are a date ("November 19, 2019 at 8:59 pm", "3 hours
    ago"), a byline ("By Jane Doe | Special to the Paper"), a photo credit or
    caption marker ("Photo: Getty Images", "(AP)") or an author box ("Jane Doe is
    a staff writer at ..."), with its header ("About the author", "Sobre Jane
    Doe"), after which the article does not go on. A one-sentence caption right
    beside a photo credit goes with it when it points at the picture ("Jane Doe,
    left, ...", "pictured in 2018") or has no full stop, and so does a caption that
    repeats the alt text of the Markdown image beside it or on its own line (a
    scraped gallery).

    ## Why it matters
    The same facts belong in front matter fields (`publishedDateTime`, author);
    left in the text they break sentences apart and add template noise.

    ## Example
    ```
    By Jane Doe | Special to the Example Times
    PUBLISHED: June 3, 2021 at 8:59 pm
    ```

    ## Fix safety
    Safe: only short lines matching these shapes are removed, never a sentence that
    merely mentions a date.
    """
    yield from _report(doc, ctx, page.METADATA,
                       lambda run: _summary(run, "metadata line", "metadata lines"))


@rule("CH004", "outside-main-text", severity="warning", fix="sometimes")
def outside_main_text(doc, ctx):
    """Teasers, comments and promos outside the article's main text.

    ## What it does
    Finds the main text of a scraped page (the block of running prose with the most
    words, grown over dense neighbouring blocks) and flags the prose outside it: "More
    from" teaser excerpts, comment threads, newsletter promos and site descriptions. It
    decides each line from its own features and its context together, as jusText and
    boilerpipe do: a sentence isolated between menu lines and dates is a teaser, the
    same sentence among paragraphs is text. A paragraph hard-wrapped over several lines
    is judged as one. Inside the text, the cards listed under a "Related stories" or
    "Most popular" header (headlines with their labels, bylines and dates) and a teaser
    above a "Read more" link go too; the paragraphs after such a box are the text going
    on. A list of cards under a "You may also like" or "Comments" header (each paragraph
    followed by the same share bar or "Reply" line), and a blog's comments under its
    "31 Responses to “...”" header, are never taken for the text, however much prose
    they hold. On a page scraped to Markdown, a heading that links to another page is
    that page's card, inside the text too, with the author links under it; a short
    heading whose whole section goes ("### Post navigation" over the links to other
    posts) goes with it, reported under the code of the first line of that section; an
    authored document keeps its headings. A line or two right after the text stay with
    it (a signature, a source), and so do a poem quoted after the prose (short lines,
    most running on to the next) and numbered footnotes ("1", its note, "2", its
    note...); a wire story's credit lines ("Reporting by ...;
    Editing by ...", a Chinese page's "（编辑：...）") end it: they stay, and what follows
    them goes. A region before or after the text goes only when it shows chrome:
    template phrases, repeated menu lines, a long flattened menu, or a dozen links to
    other pages in a row.

    ## Why it matters
    Teasers and comments are real sentences, so line filters keep them; they then
    mix other articles' words into this one.

    ## Example
    ```
    More in Local Sports
    Coach signs two-year extension
    June 2, 2021 at 5:10 pm
    The club announced on Monday that its head coach has agreed to stay ...
    Read More
    ```

    ## Fix safety
    Safe when the page has one clear main text. When two blocks of prose compete
    for it, the removals are unsafe (applied only with `--unsafe-fixes`).
    """
    yield from _report(doc, ctx, page.OUTSIDE_MAIN_TEXT,
                       lambda run: _summary(run, "line outside the main text",
                                            "lines outside the main text"))


@rule("CH005", "recurring-line", severity="warning", fix="safe", needs_corpus=True)
def recurring_line(doc, ctx):
    """A line that recurs in many documents of the same source.

    ## What it does
    Before checking, lint-corpus counts every short line over all documents of the
    run, per source (the provider domain, the URL host, or the folder). A line found
    in at least three documents of one source is template text (the signal that
    CCNet and trafilatura use), and is flagged outside the main text (except a line
    or two right after it, which may be the article's own source or sign-off line);
    inside it, only non-prose lines are. In a structured Markdown document (two
    headings or more, and under a tenth of its lines links to other pages or almost
    no template phrase: an authored document rather than a site's page) the short
    lines inside the text recur across its siblings by design (the same section
    lists and notes), so there only links to other pages go. `lint-corpus learn`
    writes these lines as a rule pack to review and commit.

    ## Why it matters
    Site-specific chrome ("The Example Times' consulting division. Learn more
    here") matches no generic phrase list, but its repetition gives it away.

    ## Example
    The line `Subscribe to Example Weekly for the best stories` at the bottom of
    every page of example.com.

    ## Fix safety
    Safe: the line must recur in at least three documents of the source and sit in
    a region that is chrome by other evidence too, or be a non-prose line.
    """
    yield from _report(doc, ctx, page.RECURRING,
                       lambda run: _summary(run, "line recurring across the source",
                                            "lines recurring across the source"))


# -- chrome inside front matter text fields ---------------------------------------------

_CALL_TO_ACTION = re.compile(
    r"(?i)^\W*(?:learn more|read more|find out more|click here|see more|more info(?:rmation)?|"
    r"continue reading|subscribe(?: now| today| here)?|sign up(?: now| today| here)?)"
    r"(?: here| now| today)?\b[\s.:!…»>-]*(?=$|(?-i:[A-Z0-9\"“‘'(]))")  # then a new sentence
_SENTENCES = re.compile(r"[^.!?]+(?:[.!?]+[\"”’')\]]*|$)\s*")
_SKIP_KEY = re.compile(r"(?i)url$|link$|href$|^src$|^secured$|^id$|path$|^domain$")
MIN_FIELD_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s*$")


def _provider_words(mapping) -> set[str]:
    """Distinctive words of a provider name: "The Diplomat" → {"diplomat"}."""
    words: set[str] = set()
    if isinstance(mapping, dict):
        provider = mapping.get("provider")
        if isinstance(provider, dict) and isinstance(provider.get("name"), str):
            for word in lx.WORD.findall(provider["name"]):
                if len(word) >= 4 and word.lower() not in lx.STOPWORDS["en"]:
                    words.add(word.lower())
    return words


def _field_cleanup(value: str, owner, top_provider: set[str],
                   recurring) -> tuple[str, list[str]]:
    """The value without its chrome sentences, and what was removed."""
    segments = [m.group(0) for m in _SENTENCES.finditer(value)]
    drop = [False] * len(segments)
    trimmed = list(segments)
    removed: list[str] = []
    several = len(segments) > 1
    for i, segment in enumerate(segments):
        cta = _CALL_TO_ACTION.match(segment)
        if cta:
            trimmed[i] = segment[cta.end():]
            removed.append(segment[:cta.end()].strip())
            # A promo sentence that names the site, right before "Learn more here".
            provider = _provider_words(owner) or top_provider
            if i > 0 and not drop[i - 1] and provider and any(
                    w.lower() in provider for w in lx.WORD.findall(segments[i - 1])):
                drop[i - 1] = True
                removed.append(segments[i - 1].strip())
            if not trimmed[i].strip():
                drop[i] = True
            continue
        if not several:
            continue
        # A short furniture label ("Share this article"), not a sentence about a newsletter.
        if not _SENTENCE_END.search(segment) and 0 < len(lx.WORD.findall(segment)) <= 5 \
                and lx.boilerplate_group(segment):
            drop[i] = True
            removed.append(segment.strip())
        elif _speaks_for_the_site(segment) or (
                recurring is not None and recurring(page.line_key(segment))):
            drop[i] = True
            removed.append(segment.strip())
    if not removed:
        return value, removed
    kept = "".join(t for t, d in zip(trimmed, drop, strict=True) if not d)
    return " ".join(kept.split()), removed


_SITE_DEIXIS = re.compile(r"(?i)\b(?:our|us|here|below)\b")


def _speaks_for_the_site(sentence: str) -> bool:
    """A template sentence in which the site turns to the reader about itself, or a
    copyright: "Sign up for our newsletter to get the latest news.", "Follow us on
    Twitter for updates", "Click here to read more." A report's sentence about a
    privacy policy, or advice ("Sign up for a flu shot, doctors say."), is neither."""
    lowered = lx.lower(sentence)
    if not lx.boilerplate_group(sentence, None, lowered):
        return False
    if lx.has_copyright(sentence, lowered):
        return True
    return lx.addresses_reader(sentence) and (
        _SITE_DEIXIS.search(sentence) is not None
        or lx.boilerplate_terms(sentence, None, lowered) > 0)


@rule("CH006", "field-chrome", severity="warning", fix="safe")
def field_chrome(doc, ctx):
    """Site chrome inside a front matter text field, such as a promo in an excerpt.

    ## What it does
    Splits text fields (excerpts, titles, descriptions, at any depth) into sentences
    and flags the ones that are page furniture: a call to action ("Learn more here",
    "Read more", "Subscribe now"), the promotional sentence about the site itself
    that comes right before it, boilerplate phrases, a template sentence that turns to
    the reader or carries a copyright ("Sign up for our newsletter to get the latest
    news."), and sentences that recur in the fields of many documents of the same
    source. The fix keeps the rest of the value
    and re-quotes the YAML as needed. URL fields and the `html-fields` are skipped.

    ## Why it matters
    Excerpts are built from the page's first paragraph; when a site's banner sits
    there, every record of the site carries the same advertising sentence in the
    middle of its summary.

    ## Example
    ```
    excerpt: "Cities race to adopt AI. Example Insight, The Example Post's research
      division. Learn more here The pandemic changed how councils work."
    ```
    becomes `excerpt: "Cities race to adopt AI. The pandemic changed how councils work."`

    ## Fix safety
    Safe: only whole sentences of the kinds above and the call-to-action words are
    removed; every other sentence of the value stays as it was.
    """
    fm = doc.front_matter
    if fm is None or fm.yaml.root is None or not isinstance(fm.yaml.data, dict):
        return
    recurring = ctx.corpus.recurring_sentences(doc) if ctx.corpus is not None else None
    exempt = set(ctx.settings.html_fields)
    top_provider = _provider_words(fm.yaml.data)
    for field in text_fields(fm.yaml):
        key, value = field.key.value, field.node.value
        if key in exempt or len(value.split()) < MIN_FIELD_WORDS or _SKIP_KEY.search(key):
            continue
        cleaned, removed = _field_cleanup(value, field.owner, top_provider, recurring)
        if not removed or cleaned == " ".join(value.split()) or not cleaned:
            continue
        node = field.node
        start, end = fm.span(node)
        shown = "; ".join(_quote(r, 40) for r in removed)
        yield Diagnostic(start, end, f"`{field.label}` holds site chrome: {shown}",
                         Fix.safe("remove the chrome from the field",
                                  rewrite_scalar(fm, node, cleaned)))

