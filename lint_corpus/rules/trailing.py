"""TRL: off-topic lines at the end of a document."""

from __future__ import annotations

import re

from lint_corpus import lexicon as lx
from lint_corpus.model import Diagnostic, Edit, Fix, rule
from lint_corpus.page import LINKED_SHARE, front_matter_title
from lint_corpus.rules.chrome import _analysis
from lint_corpus.rules.truncation import how_truncated

SAFE_COHESION = 0.25  # at most this share of the line's words used by the document
DOUBTFUL_COHESION = 0.4
MIN_CONTEXT_WORDS = 25  # words a one-paragraph text (with title and excerpt) needs to be judged
_ENDS_SENTENCE = re.compile(r"[.,:;…!。，；：！।॥۔]\W*$")  # "?" ends headlines too
# Sign-offs, credit and provenance lines: the article's own last words, whatever they
# share with it ("Provided by ...", "This story originally appeared in ...").
_SIGN_OFF = re.compile(
    r"(?i)^(?:sources?|reporting|reported|additional reporting|written|edited|editing|"
    r"compiled|translated|via|credits?|thanks|thank you|cheers|regards|contact|follow|"
    r"with reporting|by|photos?|images?|read more|for more|more info|provided|courtesy|"
    r"originally|republished|reprinted|adapted|syndicated|distributed|produced|"
    r"(?:this|the) (?:article|story|post|piece|report) (?:was |is |first |originally )*"
    r"(?:published|appeared|produced|adapted|reprinted|republished))\b")
# A headline may shout: "Scientists Find Water On Distant Moon!" is not a sentence.
_EXCLAIMED_HEADLINE = re.compile(r"!\W*$")
_URLISH = re.compile(r"https?://|www\.|@\w", re.I)
# The author's own voice ("I", "we", "ich", "nous"...) in a sentence-case line is the
# text's last word; headlines speak of others, or quote.
_FIRST_PERSON = frozenset("""me my we our ich mich mir mein meine wir uns unser unsere je
    moi nous notre eu meu minha nós yo nosotros nuestro io noi""".split())


def _stem(word: str) -> str:
    return word.lower()[:6]


def _content_words(words, stopwords) -> list[str]:
    return [w for w in words if len(w) >= 3 and w.lower() not in stopwords and not w.isdigit()]


def cohesion(line: str, context: str, corpus=None) -> tuple[float, int]:
    """Weighted share of the line's content words that the context also uses.

    Words common across the corpus weigh less, so two unrelated articles do not look
    related because both say "new" and "year". Returns (share, content words).
    """
    words = lx.WORD.findall(line)
    context_words = lx.WORD.findall(context)
    stopwords = lx.detect_stopwords(context_words + words)
    content = _content_words(words, stopwords)
    if not content:
        return 1.0, 0
    vocabulary = {_stem(w) for w in _content_words(context_words, stopwords)}
    total = hits = 0.0
    for word in content:
        weight = 1.0
        if corpus is not None and corpus.documents >= 20:
            weight = max(0.1, 1.0 - corpus.document_frequency(word))
        total += weight
        if _stem(word) in vocabulary:
            hits += weight
    return (hits / total if total else 1.0), len(content)


@rule("TRL001", "off-topic-trailing-line", severity="warning", fix="sometimes",
      needs_corpus=True)
def off_topic_trailing_line(doc, ctx):
    """The last line is another article's headline, a teaser or an ad, not this text.

    ## What it does
    Looks at the document's final line. When it is shaped like a headline or an ad
    (4 to 25 words, not ending like a sentence; a capitalised headline may end on
    "!") and shares almost none of its content words with the rest of the document
    (title and excerpt included; a one-paragraph text needs 25 words), it is
    flagged. With corpus statistics, common words weigh less, and a line of two words
    or more that is the title of another document in the corpus is flagged whatever
    its words and its shape ("Fares Fall. Again." is a headline too). A closing sentence, a
    sign-off, or a source or provenance line ("Provided by ...", "This story
    originally appeared in ...") is left alone, and so is a sentence in which the
    author speaks ("I", "we" outside quotes, in sentence case), text with a link in
    it, and a paragraph cut off mid-word or mid-sentence (`TRC001`); a Markdown
    headline linked to its page is judged by its text.

    ## Why it matters
    Scrapers often catch the next article's headline or a promo at the bottom of a
    page; a NASCAR headline at the end of an AI-policy article teaches a model that
    such jumps are normal, and misleads anyone searching the corpus.

    ## Example
    An article on artificial intelligence policy that ends with
    `Driver Wins Late Duel at the Speedway Under the Lights`.

    ## Fix safety
    Safe when at most a quarter of the line's words occur in the document, or the
    line is another document's title; unsafe (only with `--unsafe-fixes`) when the
    overlap is between a quarter and 40%.
    """
    lines = [span for span in doc.body_lines if doc.text[span[0]:span[1]].strip()]
    if len(lines) < 2:
        return
    start, end, full_end = lines[-1]
    text = doc.text[start:end].strip()
    if "](" in text:  # Markdown
        shown, linked = lx.shown_text(text)
        if linked < LINKED_SHARE:
            return  # text with a link in it, like a line with a URL: the article's pointer
        text = shown.strip()  # a headline linked to its page reads as its headline
    words = lx.WORD.findall(text)
    lettered = sum(1 for w in words if w[0].isalpha())
    # (A Chinese or Japanese word is about two characters; WORD runs a clause together.)
    if not 2 <= len(words) <= 25 or lx.wide_characters(text) > 2 * 25 or lettered < 2 \
            or text.startswith(("<", "```", ">", "|")):
        return  # markup, code, quotes and table rows stay
    title = front_matter_title(doc)
    # Another document's title is a teaser whatever its shape: "Fares Fall. Again."
    other_title = ctx.corpus is not None and ctx.corpus.is_other_title(text, title)
    if not other_title and (
            len(words) < 4 or lettered < 3
            or (_ENDS_SENTENCE.search(text) and not _headline_exclaimed(text, words))
            or _URLISH.search(text) or text.count("|") >= 2
            or text.startswith(("—", "–", "-", "(")) or lx.DATE.search(text)
            or _SIGN_OFF.match(text) or _in_own_voice(text) or how_truncated(text, doc)):
        # Sentences, links, attributions, datelines, sign-offs and the author stay, and
        # so does a paragraph cut off mid-word or mid-sentence (TRC001 reports it).
        return
    analysis = _analysis(doc, ctx)
    if any(v.line.start == start for v in analysis.verdicts):
        return  # already site chrome: the chrome rules report and remove it
    context_parts = [doc.text[s:e] for s, e, _ in lines[:-1]]
    if title:
        context_parts.append(title)
    metadata = doc.metadata
    if metadata is not None:
        excerpt = metadata.get("excerpt") or metadata.get("description")
        if isinstance(excerpt, str):
            context_parts.append(excerpt)
    context = "\n".join(context_parts)
    if len(lines) < 3 and not other_title and len(lx.WORD.findall(context)) < MIN_CONTEXT_WORDS:
        return  # one short paragraph: too little to tell what the document is about
    share, counted = cohesion(text, context, ctx.corpus)
    if counted < 2 and not other_title:
        return
    # Replace everything after the line above (blank lines too) with the line break
    # the file ended with, so the text ends as it did before the line was appended.
    previous_end = lines[-2][1]
    tail = doc.text[end:full_end]
    edit = Edit(previous_end, full_end, tail)
    if other_title:
        yield Diagnostic(start, end, f"last line is the title of another document in the "
                                     f"corpus: `{_clip(text)}`",
                         Fix.safe("remove the off-topic last line", edit))
    elif share <= SAFE_COHESION:
        yield Diagnostic(start, end, f"last line shares {share:.0%} of its words with the "
                                     f"document; it looks like another article's headline: "
                                     f"`{_clip(text)}`",
                         Fix.safe("remove the off-topic last line", edit))
    elif share <= DOUBTFUL_COHESION:
        yield Diagnostic(start, end, f"last line shares only {share:.0%} of its words with the "
                                     f"document; it may be off-topic: `{_clip(text)}`",
                         Fix.unsafe("remove the last line", edit))


def _in_own_voice(text: str) -> bool:
    """A sentence-case line in which the author speaks: "One day I will wear his ring"."""
    words = lx.WORD.findall(lx.QUOTED.sub(" ", text))
    if not any(w == "I" or w.lower() in _FIRST_PERSON for w in words):
        return False
    initials = [w[0] for w in words if w[0].isalpha() and (w[0].islower() or w[0].isupper())]
    lower = sum(1 for c in initials if c.islower())
    return lower >= lx.prose_lower_share(lx.detect_stopwords(words)) * len(initials)


def _headline_exclaimed(text: str, words: list[str]) -> bool:
    """Ends on "!" with its longer words capitalised, the way headlines are written."""
    if not _EXCLAIMED_HEADLINE.search(text) or "." in text[:-1]:
        return False
    longer = [w for w in words if len(w) >= 4]
    return len(longer) >= 3 and sum(1 for w in longer if w[0].isupper()) >= 0.8 * len(longer)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
