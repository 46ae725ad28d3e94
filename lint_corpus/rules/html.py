"""HTML: markup left over from the page, in bodies and in front matter text fields."""

from __future__ import annotations

import html
import re
import warnings

from lint_corpus.frontmatter import rewrite_scalar, text_fields
from lint_corpus.model import Diagnostic, Edit, Fix, rule

# HTML's own element names only, so "Press <Enter>" or "List<String>" stay text. Tables
# belong to the table rules, which rebuild them; comments carry suppressions.
_ELEMENTS = (
    "a|abbr|address|article|aside|audio|b|bdi|bdo|blockquote|body|br|button|canvas|center|"
    "cite|code|data|dd|del|details|dfn|dialog|div|dl|dt|em|embed|fieldset|figcaption|figure|"
    "font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|kbd|label|legend|li|"
    "link|main|mark|meta|meter|nav|noscript|object|ol|optgroup|option|output|p|param|picture|"
    "pre|progress|q|s|samp|script|section|select|small|source|span|strike|strong|style|sub|"
    "summary|sup|svg|template|textarea|time|title|track|tt|u|ul|var|video|wbr")
_TAG = re.compile(
    rf"(?i)</?(?:{_ELEMENTS})(?=[\s/>])"
    r"(?:\s+[a-zA-Z_:][-\w:.]*\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))*\s*/?>")
_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
# A tag cut apart leaves its attributes, perhaps with its name or its closing ">":
# those go with them, or `...red">Text` would become a Markdown quote (">Text").
_ATTRIBUTE = re.compile(
    rf"(?:<(?:{_ELEMENTS})\s+)?"
    r"\b(?:class|style|href|src|id|data-[\w-]+|width|height|alt|target|rel|onclick|type|link|"
    r"newwindow)\s*=\s*[\"”'][^\"”'\n]{0,200}[\"”'](?:\s*/?>)?")
_SHORTCODE = re.compile(r"\[/?[a-z_][\w-]*(?:\s+[\w-]+\s*=\s*[\"”'][^\]\n]*)?\]")
_CODE_SPAN = re.compile(r"`+[^`\n]*`+")
_URL_KEY = re.compile(r"(?i)url$|link$|href$|^src$|^secured$")


def _plain(fragment: str) -> str:
    """Markup to plain text with BeautifulSoup (entities decoded, tags dropped).

    BeautifulSoup is imported here, on first use: loading it costs every run about
    80 ms, and most runs (a pre-commit batch of clean files) never need it.
    """
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        text = BeautifulSoup(fragment, "html.parser").get_text()
    return html.unescape(text) if "&" in text else text


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def _markup_spans(text: str):
    """(start, end, kind) of leftover markup in one line of text."""
    masked = _CODE_SPAN.sub(_blank, text)
    spans = [(match.start(), match.end(), "tag") for match in _TAG.finditer(masked)]
    if spans:  # the rest is looked for outside whole tags: a broken tag's attributes...
        masked = _TAG.sub(_blank, masked)
    for pattern, kind in ((_ENTITY, "entity"), (_ATTRIBUTE, "attribute"),
                          (_SHORTCODE, "shortcode")):
        for match in pattern.finditer(masked):
            if kind == "shortcode" and "=" not in match.group(0) and \
                    not match.group(0).startswith("[/"):
                continue  # "[1]", "[sic]", "[Related: ...]" are text
            spans.append((match.start(), match.end(), kind))
    spans.sort()
    merged = []
    for start, end, kind in spans:
        if merged and start <= merged[-1][1]:
            previous = merged[-1]
            merged[-1] = (previous[0], max(previous[1], end), previous[2])
        else:
            merged.append((start, end, kind))
    return merged


def _cleaned_line(line: str) -> str:
    """The line with markup turned into text and markup residue removed."""
    pieces, cursor = [], 0
    for start, end, kind in _markup_spans(line):
        pieces.append(line[cursor:start])
        fragment = line[start:end]
        if kind in ("tag", "entity"):
            pieces.append(_plain(fragment) if kind == "entity" else
                          (" " if fragment.lower().startswith(("<br", "<p", "</p", "<div", "</div"))
                           else ""))
        cursor = end
    pieces.append(line[cursor:])
    cleaned = "".join(pieces)
    indent = line[: len(line) - len(line.lstrip())]
    return indent + re.sub(r"[ \t]{2,}", " ", cleaned.strip())


@rule("HTML001", "leftover-html", severity="warning", fix="sometimes")
def leftover_html(doc, ctx):
    """HTML tags, entities or attributes left in the body text.

    ## What it does
    Flags HTML tags (`<p>`, `<span class="x">`, `</div>`), character entities
    (`&amp;`, `&nbsp;`, `&#8217;`), stray attributes (`style="..."`) and WordPress
    shortcodes (`[button link="..."]`) in the body, and turns them into plain text
    with BeautifulSoup. Code spans and fenced code are left alone, and so are HTML
    comments (which carry lint-corpus's own suppressions) and `<table>` markup
    (which the table rules convert).

    ## Why it matters
    Markup in extracted text means the extractor failed; `&amp;` and `<br>` end up
    as words in search indexes and training data.

    ## Example
    `The council met on Tuesday.<br>It voted &quot;yes&quot;.` becomes
    `The council met on Tuesday. It voted "yes".`

    ## Fix safety
    Safe in plain text: tags are dropped (block tags become a space), entities become
    the characters they stand for, and no word is removed. In Markdown files, where
    inline HTML can be intended, fixes that drop tags are unsafe.
    """
    text = doc.text
    if "<" not in text and "&" not in text and "=" not in text and "[" not in text:
        return
    for (start, end, _), fenced in zip(doc.body_lines, doc.fenced, strict=True):
        line = text[start:end]
        if fenced or not line.strip() or line.lstrip().startswith("<!--"):
            continue
        if "<" not in line and "&" not in line and "=" not in line and "[/" not in line:
            continue  # nothing that could be markup
        spans = _markup_spans(line)
        if not spans:
            continue
        cleaned = _cleaned_line(line)
        kinds = sorted({kind for _, _, kind in spans})
        first = line[spans[0][0]:spans[0][1]]
        more = f" and {len(spans) - 1} more" if len(spans) > 1 else ""
        # In Markdown, inline HTML can be meant (markdownlint's MD033 flags it too):
        # there the fix is unsafe; in plain text, markup is always extraction damage.
        make = Fix.unsafe if doc.is_markdown and any(k == "tag" for k in kinds) else Fix.safe
        if cleaned.strip():
            fix = make("convert the markup to text", Edit(start, end, cleaned))
        else:
            # A line of nothing but markup: remove it with its line break.
            fix = make("remove the markup line", Edit.delete(start, end + _eol(text, end)))
        yield Diagnostic(start + spans[0][0], start + spans[-1][1],
                         f"leftover HTML {'/'.join(kinds)} `{_clip(first)}`{more}", fix)


def _eol(text: str, end: int) -> int:
    if text.startswith("\r\n", end):
        return 2
    return 1 if text.startswith("\n", end) else 0


@rule("HTML002", "html-in-field", severity="warning", fix="safe")
def html_in_field(doc, ctx):
    """HTML tags or entities inside a front matter text field.

    ## What it does
    Checks every string value of the front matter (titles, excerpts, names, nested
    items too) for tags and entities, and rewrites the value as plain text, keeping
    the YAML valid. URL fields are skipped, and so are the fields that the
    `html-fields` setting declares as HTML (by default `featuredContent` and
    `content`, which real corpora of this format store as HTML on purpose).

    ## Why it matters
    `Tom &amp; Jerry` or `<b>Breaking</b>` in a title shows up verbatim in every
    listing built from the corpus.

    ## Example
    `title: "Tom &amp; Jerry <b>return</b>"` becomes `title: "Tom & Jerry return"`.

    ## Fix safety
    Safe: only markup is removed or decoded, and the value is re-quoted as needed.
    """
    fm = doc.front_matter
    if fm is None or fm.yaml.root is None or ("<" not in fm.content and "&" not in fm.content):
        return
    exempt = set(ctx.settings.html_fields)
    for field in text_fields(fm.yaml):
        key, node, value = field.key.value, field.node, field.node.value
        if ("<" not in value and "&" not in value) or key in exempt or _URL_KEY.search(key):
            continue
        spans = _markup_spans(value)
        if not spans:
            continue
        cleaned = " ".join(_cleaned_line(value).split())
        start, end = fm.span(node)
        first = value[spans[0][0]:spans[0][1]]
        yield Diagnostic(start, end, f"`{key}`: leftover HTML `{_clip(first)}` in a text field",
                         Fix.safe("convert the markup to text",
                                  rewrite_scalar(fm, node, cleaned)))


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

