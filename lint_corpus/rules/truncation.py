"""TRC: text cut off in the middle."""

from __future__ import annotations

import re
from collections import Counter

from lint_corpus import lexicon as lx
from lint_corpus.frontmatter import text_fields
from lint_corpus.model import Diagnostic, rule

MIN_WORDS = 12  # shorter values (titles, names) end without punctuation normally
_ENDS_CLEANLY = re.compile(r"[.!?…:;)\]}\"'”’»*]\s*$")
_LAST_WORD = re.compile(r"([^\W\d_]+)\W*$")
_URL_KEY = re.compile(r"(?i)url$|link$|href$|^src$|^secured$|^id$|path$")


def _vocabulary(doc) -> Counter:
    words = doc.shared.get("words")
    if words is None:
        words = Counter(w.lower() for w in lx.WORD.findall(doc.text))
        doc.shared["words"] = words
    return words


def how_truncated(value: str, doc) -> str | None:
    """How ``value`` is cut off, or None when it ends cleanly."""
    text = value.strip()
    if text.count(" ") < MIN_WORDS - 1 or _ENDS_CLEANLY.search(text):
        return None
    if text.endswith(("...", "…")):
        return None
    last = _LAST_WORD.search(text)
    if last is None:
        return None
    vocabulary = _vocabulary(doc)  # only built for values that end suspiciously
    word = last.group(1).lower()
    # A word found only here that starts a longer word used elsewhere was cut short.
    if len(word) >= 3 and vocabulary[word] <= 1 and any(
            len(other) > len(word) and other.startswith(word) for other in vocabulary):
        return f"mid-word (`{last.group(1)}`)"
    # No sentence ends on "the" or "and": the text stops mid-sentence.
    stopwords = lx.detect_stopwords(lx.WORD.findall(text))
    hyphenated = text[last.start(1) - 1:last.start(1)] == "-"
    if word in stopwords and last.group(1).islower() and not hyphenated:
        return f"mid-sentence (after `{last.group(1)}`)"
    return None


@rule("TRC001", "truncated-text", severity="warning")
def truncated_text(doc, ctx):
    """A text field or the final paragraph stops mid-word or mid-sentence.

    ## What it does
    Flags front matter text values of twelve words or more, and the body's final
    paragraph, that end without closing punctuation. When the last word is the start
    of a longer word the document uses elsewhere ("patien" where "patients"
    occurs), it says the text stops mid-word.

    ## Why it matters
    Feeds and scrapers truncate excerpts to a fixed length. A cut-off excerpt reads
    as broken text in every listing, and a cut-off body means the scrape lost the
    rest of the article.

    ## Example
    `excerpt: "Health authorities have been accused of tracking the movement of patien"`

    ## Fix safety
    No fix: the missing text cannot be recovered from the document; fetch it again.
    """
    fm = doc.front_matter
    if fm is not None and fm.yaml.root is not None:
        for field in text_fields(fm.yaml):
            key, node = field.key.value, field.node
            if _URL_KEY.search(key) or key in ctx.settings.html_fields:
                continue
            how = how_truncated(node.value, doc)
            if how:
                start, end = fm.span(node)
                yield Diagnostic(max(start, end - 1), end,
                                 f"`{key}` ends {how}: the text looks truncated")
    lines = [span for span in doc.body_lines if doc.text[span[0]:span[1]].strip()]
    if lines:
        start, end, _ = lines[-1]
        text = doc.text[start:end]
        if len(text.split()) >= 20 and "|" not in text and not text.lstrip().startswith(
                ("#", "<", "```", "-", "*", ">")):
            how = how_truncated(text, doc)
            if how:
                yield Diagnostic(max(start, end - 1), end,
                                 f"the final paragraph ends {how}: the text looks truncated")
