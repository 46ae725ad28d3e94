"""Page analysis: which body lines are the document's main text, and which are chrome.

Scraped pages flatten to one line per HTML block. This module decides, once per
document, what each body line is, from its own features and its context together
(in the spirit of jusText and boilerpipe):

1. Each line gets a *kind* from its own features: running prose (``P``), short text
   (``s``), a short title-like line such as a menu item or headline (``S``), a
   boilerplate phrase (``B``), a long call to action or legal line (``b``), a date,
   byline or photo credit (``D``), a counter or pagination (``N``), icon-font residue
   (``I``), a line in capitals (``U``), a title-like line repeated in the page
   (``R``), a line without words (``E``), or a neutral line it never touches
   (``T``: tables, code, markup). A paragraph hard-wrapped over several lines (or a
   Markdown list item continued on indented lines) is judged as one. Markdown links
   count by the text they show (a card's link broken over two lines too), and words
   are counted in that text; a line mostly of links to other pages is a menu item or
   a headline (``S``), even as a heading, and a caption repeating its image's alt
   text is furniture (``D``).
2. Prose lines form blocks; a gap with several chrome lines splits blocks. The block
   with the most prose is the article; neighbouring blocks that are dense prose or
   carry a good share of its mass join it. Teasers, comments and promos, which are
   prose lines isolated between chrome, stay outside; a list of cards under a
   related-stories or comments header (each paragraph followed by the same line)
   is never the article, however long. Full paragraphs after a related-stories box
   set into the text (a header and a few cards) go on with the text, however short.
   When a body line repeats the document's title, the prose under that headline (the
   one nearest the text) is the article even if a sidebar below outweighs it.
3. Before and after the main text, lines are removed only when the region shows
   chrome evidence (boilerplate, repeated or corpus-recurring lines, a long run of
   menu items or of links to other pages), so a clean article and its last line are
   left alone. A line or two attached to the end of the main text survives (a
   signature, a source line; a wire story's credit lines end the text), and so do a
   list the text announces with a closing ":" and, in a structured Markdown
   document, its sections from its first heading on, short lines or not (but not a
   byline under its headline), up to where chrome takes over from one line to the
   end or a teaser box ("You might also like") ends it.
4. Inside the main text only unmistakable furniture goes: boilerplate, counters,
   dates and bylines, captions beside their credit, capitals, menu lines repeated
   outside the text too, and the headlines of a related-stories box.
5. A line without words ("---", "* * *", ``E``) goes when it would be left with
   nothing to separate: between removed lines, or above or below the text.

The rules in ``rules/chrome.py`` report the verdicts; none re-runs the analysis.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate, chain, islice, pairwise
from operator import itemgetter

from lint_corpus import lexicon as lx

# Codes for each kind of removal, reported by rules/chrome.py.
BOILERPLATE_LINE = "CH001"
NAVIGATION = "CH002"
METADATA = "CH003"
OUTSIDE_MAIN_TEXT = "CH004"
RECURRING = "CH005"

HARD_KINDS = frozenset("BDNIRU")  # removed even inside the main text
STRONG_KINDS = frozenset("BR")  # evidence that a region is page chrome
# What a structured document's footer is made of: furniture, calls to action, menu items.
_FOOTER_KINDS = HARD_KINDS | {"b", "S"}
END_GROUPS = frozenset({"comments", "related", "author box"})
_LINK_GROUPS = frozenset({"link", "image or link", "teaser link"})
_EVIDENCE = {"B": 2.0, "R": 1.0, "N": 1.0, "D": 1.0, "U": 1.0, "I": 2.0, "S": 0.5}

# Tuned on development pages and checked on clean articles; see benchmarks/README.md.
SPLIT_HARD_LINES = 2  # chrome lines in a gap that split two prose blocks
SPLIT_GAP = 12  # a gap this long splits blocks whatever it holds
KEEP_RATIO = 0.2  # a block with this share of the main block's mass joins it
DENSE_MIN_PROSE = 3  # ...as does a dense block of at least this many prose lines
DENSE_DISTANCE = 8  # ...lying this close (in lines) to another block
REGION_EVIDENCE = 3.0  # evidence a leading or trailing region needs to be removed
ATTACHED = 2  # lines after the main text kept as part of it (signatures, sources)
MAX_CHROME_GAP = 6  # chrome lines between blocks of one main text
MAX_TEASERS = 10  # headlines listed under a related-stories header inside the text
BOX_LINES_PER_CARD = 4  # ...each with a label, a photo link, a byline or a date
CAPTION_MAX_WORDS = 30  # a caption beside a photo credit is one sentence of this length
MIN_CARDS = 4  # paragraphs, each followed by the same line, that make a list of cards
HEADLINE_REACH = 12  # lines from the document's headline to the first line of its text
HEADLINE_MIN_SHARE = 0.4  # of its title that a body line holds to be the headline
MAX_LIST_ITEMS = 20  # short lines after the text's "...:" that are its list
LONG_MENU = 12  # short unmarked title-like lines in a row that make a site's menu
BOXED_PARAGRAPH_WORDS = 40  # average paragraph after a related box that continues the text
LONG_PARAGRAPH = 80  # words from which a paragraph is text even among chrome lines
TEMPLATE_MAX_WORDS = 25  # lines with this many spaces are never counted as template text
WRAPPED_MIN_WORDS = 5  # a line this long without closing punctuation may be wrapped
NAMED_PROSE_WORDS = 12  # a closed sentence this long with...
NAMED_PROSE_LOWER = 4  # ...this many lower-case content words is prose, capitals or not
UNCASED_PROSE_WORDS = 20  # words from which a line in a script without case is prose
LINKED_SHARE = 0.5  # a line mostly of link text is a menu item or a headline, not prose
STRUCTURED_MAX_LINKS = 0.1  # share of link lines from which a Markdown page is a site's
STRUCTURED_MAX_TEMPLATE = 0.005  # ...with this share of template lines (one in 200)
SUBHEADING_MAX_WORDS = 8  # a line in capitals this short between paragraphs heads them
VERSE_MIN_LINES = 4  # short lines, most of them running on, that make a stanza
VERSE_MAX_WORDS = 10  # ...each at most this long
ORPHAN_HEADING_WORDS = 8  # a heading over removed lines goes with them up to this length

# Punctuation that line keys drop: ASCII, and the typographic marks pages use.
DROP_PUNCTUATION = str.maketrans("", "", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
                                  "‘’“”«»–—…·•|¦©®™°′″¿¡")
_KEY_TABLE = {**DROP_PUNCTUATION, **{ord(digit): "0" for digit in "0123456789"}}
_ZEROS = re.compile("00+")
_DIGITS = re.compile(r"\d+")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[A-Z\"“‘(])")  # a full stop inside a line
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_INLINE_LINK = re.compile(r"(?i)^\W*(?:read|see|view|continue|leia|veja|lire|leer|weiterlesen)\b")
_DELIMITER_ROW = re.compile(r"\s*\|?\s*:?-+:?\s*\|")  # "---|", "|:--|": even a broken one
_LIST_MARKER = lx.LIST_MARKER
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+\S")
# A setext heading's underline: "Title" over "=====" or "-----" (Turndown's default).
# (No "^": matched from a line's start with pos, where "^" would not match.)
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:={2,}|-{2,})[ \t]*$")
_CODE_SPAN_ONLY = re.compile(r"`[^`]+`\W*$")
_MARKUP = re.compile(r"^\s*(?:<!--.*?-->|<[a-zA-Z/!][^>]*>\s*)+$|^\s*`[^`]+`\s*$")
_LINK_LINE = re.compile(r"^\s*(?:[-*+]\s+|\d{1,3}[.)]\s+)?(?:https?://|www\.)\S+\s*$"
                        r"|^\s{0,3}\[[^\]]+\]:\s*\S+", re.I)  # or a Markdown link definition
_REFERENCES = re.compile(
    r"^\s*#*\s*(?:references|sources|notes|bibliography|further reading|referências|fontes|"
    r"referencias|fuentes|références|quellen|literatur)\s*:?\s*$", re.I)


def template_candidate(text: str) -> bool:
    """Is this stripped line short enough to be template text? Corpus statistics count
    only these; longer lines are article text and never recur as chrome."""
    return text.count(" ") < TEMPLATE_MAX_WORDS


def line_key(text: str) -> str:
    """Normalised text for repetition counts: lower case, digits as 0, no punctuation.

    Every run of digits becomes one "0" ("24 June 2021" and "2 June 2020" share a key).
    Remembered for short lines, which both passes over a corpus ask about.
    """
    key = _KEYS.get(text)
    if key is None:
        key = text.lower().translate(_KEY_TABLE)  # ASCII digits are "0" already
        if "00" in key:
            key = _ZEROS.sub("0", key)
        if not key.isascii():
            key = _DIGITS.sub("0", key)  # other scripts' digits
        key = " ".join(key.split())
        if template_candidate(text):
            remember(_KEYS, text, key)
    return key


# Page templates put the same menus, share bars and footers on every page of a site,
# so a process remembers what it worked out for short lines (their key, and their kind
# under a stopword list) and does each template line once. Long lines are article
# text and rarely repeat. Bounded (a few MB): a full table is emptied.
MEMO_SIZE = 20_000
_KEYS: dict[str, str] = {}
_KINDS: dict[tuple[str, frozenset[str]], tuple[str, str | None, int]] = {}


def remember(table: dict, key, value) -> None:
    if len(table) >= MEMO_SIZE:
        table.clear()
    table[key] = value


class Line:
    __slots__ = ("index", "start", "end", "full_end", "text", "shown", "linked", "words", "kind",
                 "group", "_key", "recurring", "heading", "position", "paragraph")

    def __init__(self, index: int, start: int, end: int, full_end: int, text: str,
                 closes_link: bool = False) -> None:
        self.index, self.start, self.end, self.full_end = index, start, end, full_end
        self.text = text
        # What a reader sees of Markdown links and images, and the share that is links
        # (``closes_link``: the line before opened a link that this one closes).
        self.shown, self.linked = lx.shown_text(text, closes_link) if "](" in text \
            else (text, 0.0)
        self.words = 0
        self.kind = "T"
        self.group: str | None = None
        self._key: str | None = None
        self.recurring = False
        self.heading = 0  # a Markdown heading's level (1 to 6); 0 for other lines
        self.position = 0  # place among the body's non-blank lines
        self.paragraph = 0  # position of the first line of its (perhaps hard-wrapped) paragraph

    @property
    def key(self) -> str:
        """Normalised text (see ``line_key``), computed when first asked for."""
        if self._key is None:
            self._key = line_key(self.text.strip())
        return self._key

    def __repr__(self) -> str:
        return f"Line({self.index + 1}, {self.kind}, {self.text[:40]!r})"


@dataclass(slots=True)
class Verdict:
    line: Line
    code: str
    reason: str
    safe: bool


@dataclass
class PageAnalysis:
    lines: list[Line]  # the body's non-blank lines
    main: tuple[int, int] | None  # positions in ``lines`` of the main text's first and last line
    verdicts: list[Verdict]
    confident: bool
    # An authored Markdown document (two headings or more, and few links to other pages
    # or almost no template phrase): each section is part of the text.
    structured: bool = False

    def by_code(self, code: str) -> list[Verdict]:
        return [v for v in self.verdicts if v.code == code]


def classify(line: Line, words: list[str], stopwords: frozenset[str]) -> None:
    """Give ``line`` its kind from its own features (see the module docstring)."""
    text = line.text.strip()
    first = text[:1]
    if first in "hw[rsnbfRSNBFlqL#" and (_LINK_LINE.match(text) or _REFERENCES.match(text)):
        line.kind = "L"  # a reference list belongs to the article it follows
        return
    if line.shown is not line.text:
        # A line with Markdown links is judged by what it shows: a link's target is no
        # date, share button or word of the text ("twitter.com/share?...", "/2015/04/").
        text = line.shown.strip()
        if not text:
            line.kind, line.group = "S", "image or link"  # a logo, a photo, an icon link
            return
        first = text[:1]
    if first in "#-*+•·0123456789":
        if line.heading:
            text = text.lstrip("#").strip()
        text = _LIST_MARKER.sub("", text)
    if "`" in text and _CODE_SPAN_ONLY.match(text):
        line.kind = "T"  # "#### `save`": a name in code, not the word "save" of a share bar
        return
    # A Chinese or Japanese word is about two characters (see lexicon.words_of).
    wide_characters = lx.wide_characters(text)
    n = len(words) - wide_characters // 2 + lx.unspaced_extra_words(text, words)
    wide = wide_characters > n // 2  # mostly written without spaces
    line.words = n
    if n == 0:
        if lx.has_copyright(text, text.lower()):
            line.kind, line.group = "B", "legal"  # a "©" set apart from its year and owner
        elif lx.is_icon_residue(text):
            line.kind, line.group = "I", "icon-font residue"
        else:
            line.kind = "N" if lx.COUNTER.match(text) else "E"
        return
    if n <= 6 and lx.COUNTER.match(text):
        line.kind = "N"
        if "comment" in text.lower():
            line.group = "comments"  # "12 Comments" heads the comments like "Comments" does
        return
    if n <= 2 and (" " not in text or not text.isascii()) and lx.is_icon_residue(text):
        line.kind, line.group = "I", "icon-font residue"
        return
    if n <= 30 and ("|" in text or "•" in text or "·" in text) \
            and lx.is_menu_bar(text if line.shown is line.text else line.shown):
        line.kind, line.group = "B", "menu bar"
        return
    # Lower-cased words feed the boilerplate gates; long lines only need a cheaper gate.
    lowered = lx.lower(text)
    lower_words = lx.lower(" ".join(words)).split() if n <= 30 else None
    if n <= 12:
        group = lx.boilerplate_group(text, lower_words, lowered)
        if group:
            line.kind, line.group = "B", group
            return
    elif n <= 30 and lx.COMMENT_COUNT.match(lowered):
        line.kind, line.group = "B", "comments"  # "31 Responses to “A post's long title”"
        return
    elif n <= 40 and lx.post_meta(lowered):
        line.kind, line.group = "B", "navigation"  # "This entry was posted in ... Bookmark..."
        return
    elif lx.boilerplate_terms(text, lower_words, lowered) >= max(2, n / 15):
        line.kind, line.group = "B", "legal"  # a cookie banner or a copyright notice
        return
    if n <= 60 and lx.CREDIT_LINE.match(text):
        line.kind, line.group = "s", "credit"  # the article's last line, kept attached to it
        return
    if n <= 10 and _DIGIT.search(text) and (lx.DATE.search(text) or lx.BARE_TIME.match(text)):
        line.kind, line.group = "D", "date"
        return
    if n <= 6 and lx.AUTHOR_HEADER.match(text):
        line.kind, line.group = "D", "author box"
        return
    # "Updated: June 5, 2019 at 10:44 a.m." runs longer than a name, with a date in it.
    if (n <= 8 or (n <= 12 and lx.DATE_HINT.search(text))) and lx.BYLINE.search(text):
        line.kind, line.group = "D", "byline"
        return
    if lx.caption_like(text, lowered):
        line.kind, line.group = "D", "photo credit"
        return
    if n <= 80 and (" is " in text or " was " in text) and lx.AUTHOR_BIO.match(text):
        line.kind, line.group = "D", "author box"
        return
    # ...with the address to reach them by: "@", an e-mail or a phone number.
    if n <= 60 and (" reached " in text or " at " in text or " on " in text) \
            and lx.AUTHOR_CONTACT.search(text) and lx.CONTACT_ADDRESS.search(text):
        line.kind, line.group = "D", "author box"
        return
    # Another story's headline under its label ("READ ALSO: [...]"), set into the text.
    if line.linked >= LINKED_SHARE and ":" in text[:30] and _teaser_label(text):
        line.kind, line.group = "B", "teaser link"
        return
    # A longer line with a template phrase or term is a call to action, a teaser or a
    # notice when it is no sentence ("... - Read More »"), speaks to the reader ("Sign
    # up for our newsletter to get...") or carries a copyright; an article's sentence
    # about a policy or a website does none of these.
    if 12 < n <= 30 and (lx.boilerplate_group(text, lower_words, lowered)
                         or lx.boilerplate_terms(text, lower_words, lowered)) and (
            not lx.ends_terminal(text) or lx.has_copyright(text, lowered)
            or lx.addresses_reader(text)):
        line.kind, line.group = "b", "call to action"
        return
    if line.linked >= LINKED_SHARE:
        line.kind, line.group = "S", "link"  # a menu item or another story's headline
        return
    if n <= 40 and _in_capitals(text[:160]):
        line.kind = "U"
        return
    sample = words[:40]  # enough to tell prose from a headline
    lower, upper = _case_counts("".join(map(_FIRST, sample)))
    cased = lower + upper
    if wide:  # no case, no spaces: prose has clauses, headlines have none (the capitals
        # of names in Latin letters, "AFP", "Boko Haram", say nothing here)
        sentence_like = any(mark in text for mark in lx.WIDE_CLAUSE_MARKS)
    elif cased >= 3:
        # A sentence full of names ("Former Defense Secretary Robert Gates on Sunday
        # defended...") still has its verbs and nouns in lower case; a title-case
        # headline has only its small words ("of", "for", "the").
        sentence_like = lower >= lx.prose_lower_share(stopwords) * cased or (
            n >= NAMED_PROSE_WORDS and lx.ends_terminal(text)
            and sum(1 for word in sample if word[0].islower() and len(word) > 3
                    and word not in stopwords) >= NAMED_PROSE_LOWER)
    else:
        stops = sum(map(stopwords.__contains__, map(str.lower, sample)))
        # Arabic, Hebrew, Hindi, Thai...: no case, and no stopword list here; a long line
        # of them is running text, as headlines and menu items are short.
        sentence_like = stops >= 0.2 * len(sample) or (
            n >= UNCASED_PROSE_WORDS and sum(w[0].isalpha() for w in sample) >= 0.5 * len(sample))
    terminal = lx.ends_terminal(text)
    if sentence_like and ((n >= 8 and terminal) or n >= 20):
        line.kind = "P"
    elif n >= 3 and ((cased and lower >= 0.5 * cased)
                     or (n >= 4 and _DIGIT.search(text) is not None)):
        line.kind = "s"
    else:
        line.kind = "S"


_FIRST = itemgetter(0)
_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_ASCII_UPPER = bytes(range(65, 91))
_ASCII_LOWER = bytes(range(97, 123))


def _teaser_label(text: str) -> bool:
    """Does the line open on a related-stories label ("**READ ALSO:**", "Read more:")?"""
    label = text.partition(":")[0].strip("*_` ")
    if not label:
        return False
    group = lx.boilerplate_group(label + ":")
    return group == "related" or (group is not None and _INLINE_LINK.match(label) is not None)


def _in_capitals(head: str) -> bool:
    """Six letters or more, over 80% of them capitals (counted in C for ASCII text)."""
    if head.isascii():
        raw = head.encode()
        letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
    else:
        letters = sum(map(str.isalpha, head))
        upper = sum(map(str.isupper, head))
    return letters >= 6 and upper > 0.8 * letters


def _case_counts(initials: str) -> tuple[int, int]:
    """(lower-case, upper-case) characters of ``initials``."""
    if initials.isascii():
        raw = initials.encode()
        return (len(raw) - len(raw.translate(None, _ASCII_LOWER)),
                len(raw) - len(raw.translate(None, _ASCII_UPPER)))
    return sum(map(str.islower, initials)), sum(map(str.isupper, initials))


def _interruption(line: Line) -> bool:
    """An ad slot ("Advertisement", "Story continues below"), a labelled link to another
    story ("READ ALSO: [...]") or a photo credit: furniture that templates put between
    an article's own paragraphs, so it neither thins the prose around it nor splits the
    text in two."""
    return (line.kind == "B" and line.group in ("advertising", "teaser link")) or (
        line.kind == "D" and line.group in ("photo credit", "photo caption"))


def _weights(lines: list[Line]) -> list[float]:
    weights = []
    # Density is measured among the lines around a paragraph, skipping interruptions.
    visible = [line for line in lines if not _interruption(line)]
    place = {id(line): k for k, line in enumerate(visible)}
    for line in lines:
        kind = line.kind
        if kind == "P":
            v = place[id(line)]
            window = visible[max(0, v - 2):v] + visible[v + 1:v + 3]
            prose = sum(1 for other in window if other.kind in "Ps") + 1
            density = prose / (len(window) + 1)
            if line.words >= LONG_PARAGRAPH:
                density = max(density, 0.5)  # a long paragraph is text wherever it stands
            weights.append(line.words * (density if density >= 0.5 else density * 0.5))
        elif _interruption(line):
            weights.append(0.0)  # set into the text, it weighs neither way
        elif kind in HARD_KINDS or line.recurring:
            weights.append(-5.0)
        elif kind == "b":
            weights.append(-3.0)
        elif kind == "s":
            weights.append(-0.5)
        elif kind in "TELH":
            weights.append(0.0)
        else:
            weights.append(-1.5 if line.words <= 3 else -2.5)
    return weights


def _blocks(lines: list[Line]) -> list[tuple[int, int]]:
    blocks: list[tuple[int, int]] = []
    start = previous = None
    for k, line in enumerate(lines):
        if line.kind != "P":
            continue
        if previous is not None:
            gap = lines[previous + 1:k]
            hard = sum(1 for g in gap if (g.kind in HARD_KINDS or g.recurring)
                       and not _interruption(g))
            run = longest = 0
            for g in gap:
                run = run + 1 if g.kind == "S" else 0
                longest = max(longest, run)
            marker = any(_is_end_marker(g) for g in gap)
            if hard >= SPLIT_HARD_LINES or (longest >= 3 and hard >= 1) or len(gap) >= SPLIT_GAP \
                    or marker:
                blocks.append((start, previous))
                start = k
        else:
            start = k
        previous = k
    if start is not None:
        blocks.append((start, previous))
    return blocks


def analyse(doc, recurring=None) -> PageAnalysis:
    """The page analysis of ``doc``, computed once and shared by every rule.

    ``recurring`` is a predicate on line keys from the corpus statistics (or None).
    """
    cached = doc.shared.get("page")
    if cached is not None:
        return cached
    result = _analyse(doc, recurring)
    doc.shared["page"] = result
    return result


def body_lines(doc) -> list[Line]:
    """The body's non-blank lines; fenced code and markup are kept as neutral lines."""
    text = doc.text
    lines: list[Line] = []
    in_comment = False
    fenced = doc.fenced
    first_index = doc.line_index(doc.body_start) if doc.body_start < len(text) else None
    if first_index is None:
        return lines
    spans = doc.body_lines
    underline = -1  # the offset of a setext underline, judged with its heading
    for offset, (start, end, full_end) in enumerate(spans):
        if offset == underline:
            continue
        content = text[start:end]
        if not content.strip():
            continue
        closes_link = "](" in content and bool(lines) and lx.opens_link(lines[-1].text)
        line = Line(first_index + offset, start, end, full_end, content, closes_link)
        line.position = line.paragraph = len(lines)
        first = content.lstrip()[:1]
        if in_comment or (first == "<" and content.lstrip().startswith("<!--")
                          and "-->" not in content):
            in_comment = "-->" not in content if in_comment else True
            line.kind = "T"  # inside a multi-line HTML comment
        elif fenced[offset] or (first in "<`" and _MARKUP.match(content)) or (
                first == "|" and content.count("|") >= 2 and _table_like(content)):
            line.kind = "T"  # code, markup and table rows belong to other rules
        else:
            line.kind = ""
            atx = _HEADING.match(content) if first == "#" else None
            line.heading = len(atx.group(1)) if atx else _setext_level(text, spans, offset,
                                                                         fenced)
            if line.heading and not atx:
                # The underline goes with its heading: removing one removes both.
                line.end, line.full_end = spans[offset + 1][1:]
                underline = offset + 1
        lines.append(line)
    # A row of pipe-separated cells next to another such row (or a delimiter row, even
    # a broken one such as "---|") is a table, left to the table rules; on its own it
    # is a menu ("Home | News | Sport").
    # A lone "|" next to a table row closes an exploded table header.
    # Cells of an exploded header ("| South Korea") lead with a pipe.
    # Links between pipes ("[Home](/) | [News](/news) | ...") are a menu bar, not a row.
    piped = [(line.text.count("|") >= 2 or line.text.lstrip().startswith("|")
              and line.text.strip() != "|") and line.linked < LINKED_SHARE for line in lines]
    if not any(piped):
        return lines
    for k, line in enumerate(lines):
        lone_pipe = line.text.strip() == "|"
        if not (piped[k] and line.kind == "") and not lone_pipe:
            continue  # most lines: no neighbour to look at
        neighbours = [j for j in (k - 1, k + 1) if 0 <= j < len(lines)]
        if lone_pipe:
            if any(lines[j].kind == "T" for j in neighbours):
                line.kind = "T"
            continue
        if any(_DELIMITER_ROW.match(lines[j].text) for j in neighbours):
            line.kind = "T"
        elif any(piped[j] and _same_table(line.text, lines[j].text) for j in neighbours):
            # Two menu bars of as many items, one over the other ("About | Contact |
            # Ethics" over "Subscribe | Advertise | Sitemap"): a footer, not a table.
            if not (lx.is_menu_bar(line.text) and all(
                    lx.is_menu_bar(lines[j].text) for j in neighbours if piped[j])):
                line.kind = "T"
    return lines


def _setext_level(text: str, spans, offset: int, fenced: list[bool]) -> int:
    """The level of the body line at ``offset`` as a setext heading (one line of text
    after a blank line or none, underlined by the next line with "=" for 1 or "-" for
    2), or 0. A list item or a quote is no heading."""
    if offset + 1 >= len(spans):
        return 0
    next_start, next_end, _ = spans[offset + 1]
    # Read first: on most lines the match fails at the first character.
    underline = _SETEXT_UNDERLINE.match(text, next_start, next_end)
    if underline is None or fenced[offset + 1]:
        return 0
    if offset > 0 and text[spans[offset - 1][0]:spans[offset - 1][1]].strip():
        return 0
    content = text[spans[offset][0]:spans[offset][1]]
    if content[:4].isspace() or content.lstrip()[:1] == ">" or _LIST_MARKER.match(content):
        return 0
    return 1 if "=" in underline.group() else 2


def _paragraphs(lines: list[Line], words: list[list[str]], stopwords: frozenset[str]):
    """Lines to classify, grouped where a paragraph was hard-wrapped over several lines.

    A line continues on the next when it is long enough to be wrapped text, has no
    closing punctuation, and either the next line starts in lower case, the line ends
    on a comma ("Russian, Polish," / "Dutch and Arabic...") or on a function word ("won
    the" / "Africa Movie Academy Award..."), but not on a colon ("Jane Roe says:" over
    her comment's date). Menus of short items never qualify, so they are still judged
    line by line.
    """
    group: list[Line] = []
    for line in lines:
        if line.kind != "":
            if group:
                yield group
                group = []
            continue
        if group:
            if _goes_on(group, line, words, stopwords):
                group.append(line)
                continue
            yield group
        group = [line]
    if group:
        yield group


def _goes_on(group: list[Line], line: Line, words: list[list[str]],
             stopwords: frozenset[str]) -> bool:
    """Does ``line`` go on with the paragraph ``group`` (see ``_paragraphs``)?"""
    previous, previous_words = group[-1], words[group[-1].position]
    line_words = words[line.position]
    if not line_words or line.heading or previous.index + 1 != line.index \
            or _LIST_MARKER.match(line.text):
        return False
    if _continues_item(group[0], line):
        return True
    # Inside a paragraph a line may be short where the source broke it around a link.
    inside = len(group) > 1 and ("](" in previous.text or "](" in line.text)
    return _wraps(previous, previous_words, inside) and (
        line_words[0][0].islower() or lx.runs_on(previous.text)
        or (previous_words[-1] in stopwords and len(line_words) >= 3
            and not _announces(previous)))


def _continues_item(item: Line, line: Line) -> bool:
    """An indented line right under a list item goes on with that item (Markdown)."""
    return line.text[:1] in " \t" and _LIST_MARKER.match(item.text) is not None \
        and len(line.text) - len(line.text.lstrip()) > len(item.text) - len(item.text.lstrip())


def _wraps(line: Line, line_words: list[str], inside: bool = False) -> bool:
    """Does ``line`` go on in the next? Inside a wrapped paragraph a line may be short
    where the source broke it around an inline link ("is" / "[legally possible](...)")."""
    return (inside or len(line_words) >= WRAPPED_MIN_WORDS) and not line.heading \
        and not lx.ends_terminal(line.text)


def _same_table(row: str, other: str) -> bool:
    """Could two piped lines side by side be rows of one table? Markdown rows lead with
    a pipe, or at least hold as many cells as each other; menus flattened one per line
    ("Home | Video | World", "Terms | Privacy") do neither."""
    return row.lstrip().startswith("|") or other.lstrip().startswith("|") \
        or row.count("|") == other.count("|")


def _table_like(content: str) -> bool:
    cells = [c.strip() for c in content.strip().strip("|").split("|")]
    return len(cells) >= 2 and any(len(c.split()) > 3 for c in cells) or set(
        content.replace(" ", "")) <= set("|-:")


def _analyse(doc, recurring) -> PageAnalysis:
    lines = body_lines(doc)
    if not lines:
        return PageAnalysis(lines, None, [], True)
    words = [lx.words_of(line.shown) if line.kind == "" else [] for line in lines]
    stopwords = lx.detect_stopwords(list(islice(chain.from_iterable(words), 300)))
    sentences: set[int] = set()  # hard-wrapped paragraphs of template words in sentences
    for members in _paragraphs(lines, words, stopwords):
        line = members[0]
        if len(members) == 1:
            memo_key = (line.text, stopwords)
            known = _KINDS.get(memo_key)
            if known is None:
                classify(line, words[line.position], stopwords)
                if template_candidate(line.text):
                    remember(_KINDS, memo_key, (line.kind, line.group, line.words))
            else:
                line.kind, line.group, line.words = known
            # A Markdown heading is the document's structure; one that links to another
            # page is that page's headline (a teaser).
            if line.heading and line.kind not in "BI" and line.group not in _LINK_GROUPS:
                line.kind = "H"
            continue
        # A paragraph hard-wrapped over several lines is judged as one paragraph.
        joined = Line(line.index, line.start, members[-1].end, members[-1].full_end,
                      " ".join(member.text.strip() for member in members))
        # Its words are read from what the joined lines show: a link broken over two
        # lines ("* [Click to share on" / "Facebook](https://...)") shows no address.
        joined_words = lx.words_of(joined.shown) if joined.shown is not joined.text else \
            list(chain.from_iterable(words[m.position] for m in members))
        classify(joined, joined_words, stopwords)
        for member in members:
            member.kind, member.group = joined.kind, joined.group
            member.words = len(words[member.position])
            member.paragraph = line.position
        if joined.kind == "B" and _sentence(joined):
            sentences.add(line.position)
    _gallery_captions(lines)
    # A short title-like line that appears twice is a menu item, unless it sits in
    # running text (a list whose items repeat, a recipe's "Meal 1" headings).
    counts = Counter(line.key for line in lines if line.kind == "S")
    for k, line in enumerate(lines):
        if line.kind == "S" and line.key and counts[line.key] > 1 and line.words <= 6 \
                and not (doc.is_markdown and _LIST_MARKER.match(line.text)):
            neighbours = lines[max(0, k - 1):k] + lines[k + 1:k + 2]
            if any(other.kind in "SRBDN" for other in neighbours):
                line.kind = "R"
        if recurring is not None and line.kind not in "TL" \
                and template_candidate(line.text.strip()) and line.key and recurring(line.key):
            line.recurring = True
    # An authored Markdown document (a README, a guide, a changelog) has headings; a
    # site's page scraped to Markdown has them too, in its menus and sidebars, among
    # many links to other pages and the template's phrases (share, sign in, cookies).
    structured = doc.is_markdown and sum(1 for line in lines if line.kind == "H") >= 2 and (
        sum(1 for line in lines if line.group in _LINK_GROUPS) < STRUCTURED_MAX_LINKS * len(lines)
        or sum(1 for line in lines if line.kind in "BI") < STRUCTURED_MAX_TEMPLATE * len(lines))
    weights = _weights(lines)
    blocks = _blocks(lines)
    if not blocks:
        return PageAnalysis(lines, None, _hard_only(lines), True, structured)

    def mass(block: tuple[int, int]) -> float:
        return sum(weights[block[0]:block[1] + 1])

    # A list of teaser or comment cards is not the text, however long it is.
    cards = _card_lists(lines, blocks) | _comment_thread(lines, blocks)
    title = front_matter_title(doc)
    best = max([block for block in blocks if block not in cards] or blocks, key=mass)
    best_mass = mass(best) or 1.0

    def dense_neighbour(i: int) -> bool:
        first, last = blocks[i]
        prose = sum(1 for line in lines[first:last + 1] if line.kind == "P")
        if prose < DENSE_MIN_PROSE or prose / (last - first + 1) < 0.6:
            return False
        near = [blocks[j] for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
        return any(min(abs(first - o[1]), abs(o[0] - last)) <= DENSE_DISTANCE for o in near)

    if structured:
        chosen = list(blocks)  # a structured document: every section is text
    else:
        chosen = _grow(blocks, blocks.index(best), mass, best_mass, dense_neighbour, lines,
                       cards)
        # The prose right under the document's own headline is its text, even when a
        # sidebar further down holds more (it joins only as a close neighbour would).
        headed = _headline_block(lines[:chosen[0][0]], blocks, cards, title)
        if headed is not None and headed[1] < chosen[0][0]:
            chosen = _grow(blocks, blocks.index(headed), mass, mass(headed) or 1.0,
                           dense_neighbour, lines, cards)
            best_mass = max(map(mass, chosen)) or 1.0
    unchosen_mass = max((mass(b) for b in blocks if b not in chosen and b not in cards),
                        default=0.0)
    # Doubtful when another block of prose nearly matches the one chosen as the text
    # (a list of cards does not: it is teasers or comments whatever its length).
    confident = unchosen_mass < 0.5 * best_mass or (unchosen_mass < 0.8 * best_mass
                                                     and best_mass >= 60)
    first, last = chosen[0][0], _announced_list_end(lines, chosen[-1][1])
    verdicts: dict[int, Verdict] = {}

    protected = _title_lines(lines, first, has_title=bool(title))
    # Without any template phrase, corpus-recurring line or long menu, the page shows
    # no chrome to anchor on: repeated short lines are then a list's structure, not a
    # menu, and only line-level furniture is removed.
    anchored = any(line.kind in "BI" or line.recurring for line in lines) or _long_menu(lines)

    def remove(k: int, where: str, safe: bool = True) -> None:
        if k not in verdicts and k not in protected and lines[k].kind not in "TEH":
            verdicts[k] = _verdict(lines[k], where, safe)

    # Leading region: page header, menus, breadcrumbs, bylines.
    # In a structured document the sections from its first heading on are text, short
    # lines (a changelog's entries) or not; only a site's header above it can go.
    if structured:
        first_heading = next((k for k, line in enumerate(lines) if line.kind == "H"), first)
        lead = lines[:min(first, first_heading)]
    else:
        lead = lines[:first]
    if anchored and _evidence(lead):
        for k in range(len(lead)):
            remove(k, "before")
    if structured and anchored:
        # Between its first heading and its text, bylines and dates go as they do
        # inside the text: "By Sam Lee | Updated June 2, 2023" under the headline.
        for k in range(len(lead), first):
            if lines[k].kind == "D":
                remove(k, "inside")
    # Numbered footnotes ("1", its note, "2"...) stay with the text, wherever they are.
    footnotes = _footnotes(lines)
    # Trailing region: a line or two stays attached; the footer after it goes.
    trail = range(last + 1, len(lines))
    # A "Related stories" or "Comments" header after the text is evidence on its own.
    if anchored and (_evidence([lines[k] for k in trail])
                     or any(_is_end_marker(lines[k]) for k in trail)):
        cut = _footer_cut(lines, last, structured, footnotes)
        if cut is not None:
            for k in range(cut, len(lines)):
                remove(k, "after")
    # Inside the main text: blocks that did not join, and unmistakable furniture.
    for block in blocks:
        if anchored and block not in chosen and first <= block[0] <= last:
            for k in range(block[0], block[1] + 1):
                remove(k, "between", confident)
    # A title-like line repeated only inside the main text is the text's own structure
    # (the same subheading in each section); repeated outside it too, a menu line.
    repeated_outside = {line.key for k, line in enumerate(lines)
                        if line.kind == "R" and not first <= k <= last}
    footnote_markers = {j for k, end in footnotes.items() for j in range(k, end + 1)
                        if lines[j].kind == "N"}
    for k in range(first, last + 1):
        kind = lines[k].kind
        if kind == "B" and (_sentence(lines[k]) or lines[k].paragraph in sentences):
            continue  # "The new privacy policy takes effect in May." is article text
        if kind == "R" and lines[k].key not in repeated_outside:
            continue
        if kind == "U" and _capitals_subheading(lines, k):
            continue  # "PUNK ROCK SCIENCE" between two paragraphs heads their section
        if kind == "N" and k in footnote_markers:
            continue  # "1" over the text's first note
        # A structured document's short lines recur across its siblings by design (the
        # same section lists, notes, labels); a site's chrome among them is a link or a
        # template phrase.
        if (kind in HARD_KINDS and (anchored or kind != "R")) or (
                lines[k].recurring and kind not in "Ps" and not (
                    structured and kind in "Ss" and lines[k].group not in _LINK_GROUPS)):
            remove(k, "inside")
    for k in range(first, last + 1):
        if _related_header(lines[k]):
            for j in _teasers(lines, k, first, last):
                lines[j].group = "related-story teaser"
                remove(j, "inside")
        elif lines[k].group == "photo credit":
            for j in (k - 1, k + 1):
                if first <= j <= last and _caption(lines[j]):
                    lines[j].group = "photo caption"
                    remove(j, "inside")
        elif anchored and not structured and lines[k].heading \
                and lines[k].group in _LINK_GROUPS:
            # A heading that links to another page is that page's card set into the
            # text, with the author or label links under it.
            lines[k].group = "related-story teaser"
            remove(k, "inside")
            j = k + 1
            while j <= last and lines[j].group in _LINK_GROUPS and lines[j].words <= 4:
                lines[j].group = "related-story teaser"
                remove(j, "inside")
                j += 1
    for k in range(len(lines)):
        if not first <= k <= last and lines[k].kind in "BI":
            remove(k, "outside")
    if not structured:
        _orphan_headings(lines, verdicts, protected)
    _stranded_separators(lines, verdicts, protected)
    ordered = [verdicts[k] for k in sorted(verdicts)]
    if not confident:
        for verdict in ordered:
            if verdict.code == OUTSIDE_MAIN_TEXT:
                verdict.safe = False
    return PageAnalysis(lines, (first, last), ordered, confident, structured)


def _orphan_headings(lines: list[Line], verdicts: dict[int, Verdict], protected: set[int]) -> None:
    """A Markdown heading whose whole section goes ("### Post navigation" over the links
    to the previous and next posts) is that chrome's header: it goes with it, as safely
    as the least safe line under it. So does one right above a heading that goes
    ("### Related" over "Read more from us" over teasers). A heading with nothing under
    it stays, and so does a long one: a pull quote set as a heading is the text's own."""
    for k in range(len(lines) - 1, -1, -1):  # bottom up: a section may hold subsections
        line = lines[k]
        if line.kind != "H" or k in verdicts or k in protected \
                or line.words > ORPHAN_HEADING_WORDS:
            continue
        section = []
        for j in range(k + 1, len(lines)):
            if 0 < lines[j].heading <= line.heading:
                break
            section.append(j)
        if not section and k + 1 < len(lines) and lines[k + 1].heading:
            section = [k + 1]  # only a heading under it: it goes if that one does
        if section and all(j in verdicts for j in section):
            code = verdicts[section[0]].code
            verdicts[k] = Verdict(line, code, "heading of removed lines",
                                  all(verdicts[j].safe for j in section))


def _gallery_captions(lines: list[Line]) -> None:
    """A caption that repeats the alt text of the image beside it ("![Crowds on the
    quay](...)" then "Crowds on the quay", or both on one line), as a scraped gallery
    lists them: furniture, like a caption beside its photo credit."""
    for k, line in enumerate(lines):
        if "![" not in line.text:
            continue
        alts = {line_key(alt.strip()) for alt in lx.image_alts(line.text)} - {""}
        if not alts:
            continue
        if line.group != "image or link":  # the caption after the image, on its line
            if line.kind in "Ps" and line_key(line.shown.strip()) in alts:
                line.kind, line.group = "D", "photo caption"
            continue
        for j in (k - 1, k + 1):
            if 0 <= j < len(lines) and lines[j].kind in "Ps" and lines[j].key in alts:
                lines[j].kind, lines[j].group = "D", "photo caption"


def _card_lists(lines: list[Line], blocks: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Blocks that are lists of cards under a "You may also like" or "Comments" header.

    Each teaser or comment is a paragraph followed by the same line (its share bar,
    "Reply", a "Read more"); an article's paragraphs are not. Such a list can outweigh
    a short article by its sheer length, so it is never taken for the text.
    """
    found = set()
    for i in range(1, len(blocks)):
        first, last = blocks[i]
        if not any(_is_end_marker(line) for line in lines[blocks[i - 1][1] + 1:first]):
            continue
        prose = [k for k in range(first, last + 1) if lines[k].kind == "P"]
        separators = set()
        for previous, current in pairwise(prose):
            gap = lines[previous + 1:current]
            if not 1 <= len(gap) <= 2 or not gap[-1].key:  # not a rule such as "* * *"
                break
            separators.add(gap[-1].key)
        else:
            if len(prose) >= MIN_CARDS and len(separators) == 1:
                found.add(blocks[i])
    return found


def _comment_thread(lines: list[Line], blocks: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Blocks under a blog's "31 Responses to “...”" after the text: its comments, each
    a name, a date and a paragraph. A long thread outweighs the post it follows."""
    header = next((k for k, line in enumerate(lines)
                   if line.group == "comments" and lx.COMMENT_COUNT.match(line.text)), None)
    if header is None or blocks[0][0] > header:
        return set()
    return {block for block in blocks if block[0] > header}


def _related_header(line: Line) -> bool:
    """A "More from UK" or "Related stories" header, or an inline "Read more" link."""
    return line.kind == "B" and line.words <= 5 and (
        line.group == "related" or _INLINE_LINK.match(line.text) is not None)


def _teasers(lines: list[Line], marker: int, first: int, last: int) -> list[int]:
    """Headlines next to a "Related stories" or "Read more" line inside the text.

    A related box inside an article lists other stories' headlines under its header
    ("More from UK" then six headlines, each perhaps with its label, byline or date); an
    inline teaser is a headline and its blurb above "Read more". Prose ends the run
    either way.
    """
    found = []
    for step, limit, kinds in ((1, MAX_TEASERS * BOX_LINES_PER_CARD, "SsbRDE"), (-1, 3, "Ssb")):
        k = marker + step
        while first <= k <= last and abs(k - marker) <= limit and lines[k].kind in kinds:
            found.append(k)
            k += step
    return found


def _caption(line: Line) -> bool:
    """A photo caption next to its credit: one short sentence (or none) of text."""
    if line.kind not in "Ps" or line.words > CAPTION_MAX_WORDS \
            or _SENTENCE_BREAK.search(line.text.rstrip()):
        return False
    return lx.SENTENCE_END.search(line.text) is None or lx.CAPTION_CUE.search(line.text) is not None


def _sentence(line: Line) -> bool:
    """A line written as a sentence: five words or more, mostly lower case, full stop.
    Judged by what it shows: a link's address is no words."""
    words = lx.WORD.findall(line.shown)
    if len(words) < 5 or not lx.SENTENCE_END.search(line.shown):
        return False
    return sum(1 for w in words if w[0].islower()) >= 0.5 * len(words)


def front_matter_title(doc) -> str | None:
    """The front matter's top-level title, from the one parse of its YAML (or TOML)."""
    data = doc.metadata
    if data is not None and isinstance(data.get("title"), str):
        return data["title"]
    return None


def _headline_block(lines: list[Line], blocks, cards, title) -> tuple[int, int] | None:
    """The first block of prose under the last line of ``lines`` (the body's lines above
    the text chosen so far) that repeats the document's title and has a block within
    reach; None when that block is the chosen text's own first block.

    Page titles add the site's name ("Headline | Site", "Site: Headline"), so a line of
    two words or more matches when it is the title or its first or last part, and at
    least ``HEADLINE_MIN_SHARE`` of it (a site's name alone is shorter than its
    headlines). The block must start within ``HEADLINE_REACH`` lines (a byline, a date,
    a share bar between), with no "Comments" or "Related" header on the way.
    """
    if not title or not title.strip():
        return None
    title_key = line_key(title.strip())
    # Keys drop punctuation, so a line shorter than the shortest match cannot match.
    shortest, longest = HEADLINE_MIN_SHARE * len(title_key), 2 * len(title) + 20
    # The nearest match first: a page header repeats the title above its menus, and the
    # article's own headline stands right over the text.
    for k in range(len(lines) - 1, -1, -1):
        line = lines[k]
        if not shortest <= len(line.text) <= longest or not _headline_of(line.key, title_key):
            continue
        following = next((block for block in blocks if block[0] > k), None)
        if following is not None and following[0] - k <= HEADLINE_REACH \
                and following not in cards \
                and not any(_is_end_marker(g) for g in lines[k + 1:following[0]]):
            # Right over the text chosen so far, the headline confirms that choice.
            return following if following[0] < len(lines) else None
    return None


def _headline_of(key: str, title_key: str) -> bool:
    if " " not in key or len(key) < HEADLINE_MIN_SHARE * len(title_key):
        return False
    return key == title_key or title_key.startswith(key + " ") or title_key.endswith(" " + key)


def _title_lines(lines: list[Line], first: int, has_title: bool) -> set[int]:
    """Lines before the main text that belong to it: its heading, and its title.

    A Markdown heading right before the text is kept. Without a title in the front
    matter, the nearest headline-like line above the text (skipping datelines,
    share bars and a summary) is the document's title and is kept too.
    """
    kept: set[int] = set()
    for k in range(max(0, first - 2), first):
        if lines[k].heading:
            kept.add(k)
    if has_title:
        return kept
    for k in range(first - 1, max(-1, first - 9), -1):
        line = lines[k]
        if line.kind in "Ss" and 4 <= line.words <= 20 and not line.recurring \
                and not lx.SENTENCE_END.search(line.text):
            kept.add(k)
            break
        if line.kind not in "BDNIUbPsL" and not line.heading:
            break
    return kept


def _grow(blocks, best_index, mass, best_mass, dense_neighbour, lines, cards):
    """The main text: the best block, grown block by block while neighbours qualify.

    A neighbour joins when it is near (a short gap) and carries a good share of the
    best block's mass or is dense prose; growth stops at the first that does not, and
    after a "Comments" or "Related stories" header nothing more joins, unless the
    header opens a short box of headlines and full paragraphs follow it (the article
    goes on after a "Most popular" box set into it).
    """
    chosen = {best_index}
    for step in (-1, 1):
        current = best_index
        while 0 <= current + step < len(blocks):
            candidate = current + step
            first, last = blocks[candidate]
            near_first, near_last = blocks[current]
            gap = range(last + 1, near_first) if step < 0 else range(near_last + 1, first)
            boxed = False
            if step > 0 and any(_is_end_marker(lines[k]) for k in gap):
                boxed = blocks[candidate] not in cards and _related_box(lines, gap,
                                                                        blocks[candidate])
                if not boxed:
                    break
            chrome = 0 if boxed else _chrome_lines([lines[k] for k in gap])
            # A section under a Markdown heading is part of a structured document.
            headed = any(lines[k].kind == "H" for k in range(max(0, first - 3), first))
            # Full paragraphs after a box set into the text are the text going on.
            if chrome > MAX_CHROME_GAP or not (boxed or headed
                                               or mass(blocks[candidate]) >= KEEP_RATIO * best_mass
                                               or dense_neighbour(candidate)):
                break
            chosen.add(candidate)
            current = candidate
    return [blocks[i] for i in sorted(chosen)]


def _related_box(lines: list[Line], gap: range, block: tuple[int, int]) -> bool:
    """Is ``gap`` a related-stories box set into the text, with the text going on after
    it? The box is a "related" header and a few cards (headlines, labels, bylines and
    dates); what follows is paragraphs of full length, not teasers, and then joins the
    text whatever its length."""
    markers = [k for k in gap if _is_end_marker(lines[k])]
    if len(markers) != 1 or lines[markers[0]].group != "related":
        return False
    if any(lines[k].kind not in "SsRDNbE" for k in gap if k != markers[0]):
        return False
    # A few cards, each a headline with its label, photo link, byline or date.
    headlines = sum(1 for k in gap if lines[k].kind in "SsR" and lines[k].words >= 3)
    if not 1 <= headlines <= MAX_TEASERS or len(gap) > BOX_LINES_PER_CARD * headlines + 3:
        return False
    following = lines[block[0]:block[1] + 1]
    if any(line.group == "related" for line in following):
        return False  # "Read more..." under each excerpt: more teasers
    prose = [line.words for line in following if line.kind == "P"]
    return sum(prose) >= BOXED_PARAGRAPH_WORDS * len(prose)


def _announced_list_end(lines: list[Line], last: int) -> int:
    """Where the main text ends when it announces a list, in its last line or in a short
    line right after it ("My favourite spots by the water:"): the short items that
    follow are the text's own, up to the first line of furniture."""
    intro = last if _announces(lines[last]) else last + 1
    if intro == len(lines) or not _announces(lines[intro]) \
            or (intro > last and lines[intro].kind not in "sSH"):
        return last
    end = intro
    while end + 1 < len(lines) and end - intro < MAX_LIST_ITEMS \
            and lines[end + 1].kind in "SsE" and not lines[end + 1].recurring \
            and lines[end + 1].group not in _LINK_GROUPS:  # (E: a stray "**" line)
        end += 1
    return end if end > intro else last


def _footer_cut(lines: list[Line], last: int, structured: bool,
                footnotes: dict[int, int]) -> int | None:
    """Where the footer after the main text (which ends at ``last``) starts, or None.

    A line or two stay attached to the text (a signature, a source), and so does a
    reference list; a wire story's credit lines end it. The footer starts at the first
    furniture line, at three title-like lines in a row, or after the attached lines.
    A structured document's lines after its last paragraph (a list of options, a note,
    a changelog's entries) are text however short they are: its footer starts only
    where chrome holds from one line to the end, not at one line that reads like it.
    """
    footer = _footer_starts(lines) if structured else None
    attached = 0
    kept_until = last
    for k in range(last + 1, len(lines)):
        line = lines[k]
        if k <= kept_until:
            continue
        if line.kind == "L" and (k == last + 1 or lines[k - 1].kind == "L"):
            continue  # a reference list stays with the article
        if structured and (line.kind == "H" or not footer[k]):
            # ...but "You might also like" over a list of headlines, with no section or
            # paragraph after it, is the site's teaser box, however short its lines.
            if _is_end_marker(line) and not line.heading and not any(
                    other.kind in "PH" for other in lines[k + 1:]):
                return k
            continue
        if line.group == "credit":  # "Reporting by ...; Editing by ...", perhaps two lines
            if k + 1 < len(lines) and lines[k + 1].group == "credit":
                continue
            return k + 1
        if k in footnotes:
            kept_until = footnotes[k]  # the text's numbered notes stay
            continue
        if line.kind in HARD_KINDS:
            return k
        if (attached >= ATTACHED and not structured) or (
                line.kind == "S" and k + 2 < len(lines) and lines[k + 1].kind == "S"
                and lines[k + 2].kind == "S"):
            kept_until = _verse_end(lines, k)
            if kept_until < k:
                return k
            continue  # a poem quoted after the prose goes with it
        attached += 1
    return None


def _stranded_separators(lines: list[Line], verdicts: dict[int, Verdict],
                         protected: set[int]) -> None:
    """Lines without words ("---", "* * *") that would separate nothing once the chrome
    is gone go with it: removed lines on both sides, or removed lines all the way to
    the body's start or end (the fix would leave a "---" under the text)."""
    words = [k for k, line in enumerate(lines) if line.kind != "E"]
    if len(words) == len(lines):
        return
    removed = [k in verdicts for k in words]
    # For the lines with words: is it and every one before it (after it) removed?
    to_start = list(accumulate(removed, lambda a, b: a and b))
    to_end = list(accumulate(reversed(removed), lambda a, b: a and b))[::-1]
    j = 0  # words[j] is the first line with words after the current one
    for k, line in enumerate(lines):
        if j < len(words) and words[j] == k:
            j += 1
            continue
        if k in verdicts or k in protected:
            continue
        above = to_start[j - 1] if j > 0 else None
        below = to_end[j] if j < len(words) else None
        between = 0 < j < len(words) and removed[j - 1] and removed[j]
        if between or above or below:
            neighbour = words[j] if j < len(words) and removed[j] else words[j - 1]
            verdicts[k] = Verdict(line, verdicts[neighbour].code, "separator",
                                  verdicts[neighbour].safe)


def _capitals_subheading(lines: list[Line], k: int) -> bool:
    """A short line in capitals between two paragraphs: a section's heading. A credit
    ("REUTERS / POOL") has its slash, a call to action ("GET THE GUIDE NOW!") shouts."""
    line = lines[k]
    text = line.text.strip()
    return 0 < k < len(lines) - 1 and line.words <= SUBHEADING_MAX_WORDS \
        and "/" not in text and not text.endswith("!") \
        and lines[k - 1].kind == "P" and lines[k + 1].kind == "P"


def _footnotes(lines: list[Line]) -> dict[int, int]:
    """Each run of numbered footnotes: its first line ("1") and its last note's line."""
    runs: dict[int, int] = {}
    for k, line in enumerate(lines):
        if line.kind == "N" and line.text.strip().rstrip(".") == "1":
            end = _footnotes_end(lines, k)
            if end >= k:
                runs[k] = end
    return runs


def _footnotes_end(lines: list[Line], at: int) -> int:
    """The last line of the numbered footnotes starting at line ``at`` ("1", its note,
    "2", its note...), or ``at - 1`` when fewer than two follow in order."""
    number, end, k = 1, at - 1, at
    while k + 1 < len(lines) and lines[k].text.strip().rstrip(".") == str(number) \
            and lines[k + 1].kind in "Ps":
        k += 2
        while k < len(lines) and lines[k].kind == "P":
            k += 1  # a note of several paragraphs
        end, number = k - 1, number + 1
    return end if number > 2 else at - 1


def _verse_end(lines: list[Line], at: int) -> int:
    """The last line of a poem or a song that line ``at`` belongs to, or ``at - 1``.

    Verse is a run of short lines, most of them going on from the line above (in lower
    case) or running on to the next (on a comma); it ends on a line that does either
    or closes a sentence. A menu's or a footer's items do none of these. The run may
    start above ``at``, inside the text.
    """
    start = at
    while start > 0 and _verse_line(lines[start - 1]):
        start -= 1
    end = start - 1
    flowing = 0
    for k in range(start, len(lines)):
        line = lines[k]
        if not _verse_line(line):
            break
        text = line.text.strip()
        if line.words >= 2 and (text[0].islower() or lx.runs_on(text)):
            flowing += 1
            end = k
        elif lx.ends_terminal(text):
            end = k
    lines_in_verse = end - start + 1
    if end >= at and lines_in_verse >= VERSE_MIN_LINES and 2 * flowing >= lines_in_verse:
        return end
    return at - 1


def _verse_line(line: Line) -> bool:
    return line.kind in "sSP" and line.words <= VERSE_MAX_WORDS and not line.recurring \
        and line.group not in _LINK_GROUPS


def _footer_starts(lines: list[Line]) -> list[bool]:
    """For each line, is it chrome (furniture, a call to action, a menu item or a link
    to another page) and so are at least half of the lines from it to the end?"""
    starts = [False] * len(lines)
    chrome = 0
    for k in range(len(lines) - 1, -1, -1):
        line = lines[k]
        if line.kind in _FOOTER_KINDS or line.group in _LINK_GROUPS:
            chrome += 1
            starts[k] = 2 * chrome >= len(lines) - k
    return starts


def _announces(line: Line) -> bool:
    """Does a line end on a colon, perhaps inside emphasis ("**My favourite spots:**")?"""
    return line.text.rstrip().rstrip("*_").endswith(":")


def _long_menu(lines: list[Line]) -> bool:
    """A run of ``LONG_MENU`` short title-like lines without list markers: a site's menu
    flattened one item per line, which a text's own lists (marked, or longer) are not."""
    return _run_of(lines, lambda line: line.kind in "SRs" and line.words <= 4
                   and not _LIST_MARKER.match(line.text))


def _link_run(lines: list[Line]) -> bool:
    """``LONG_MENU`` links to other pages in a row, however they are marked: a site's
    menus and link lists scraped to Markdown are bulleted, and a text does not end on
    a dozen links."""
    return _run_of(lines, lambda line: line.group in _LINK_GROUPS)


def _run_of(lines: list[Line], member) -> bool:
    """Do ``LONG_MENU`` lines in a row pass ``member``?"""
    run = 0
    for line in lines:
        run = run + 1 if member(line) else 0
        if run >= LONG_MENU:
            return True
    return False


def _chrome_lines(gap: list[Line]) -> int:
    """Chrome lines in a gap: furniture, and title-like lines in runs of three or more."""
    count = run = 0
    for line in gap + [None]:
        if line is not None and line.kind in "SR":
            run += 1
            continue
        if run >= 3:
            count += run
        run = 0
        if line is not None and line.kind in HARD_KINDS:
            count += 1
    return count


def _is_end_marker(line: Line) -> bool:
    """A section header such as "Related stories", "12 comments" or "31 Responses to
    “...”" (however long the post's title).

    Not an inline link: "[Related: ...]" or a "Read more" under a teaser, after which
    the article often goes on.
    """
    return line.kind in "BDN" and line.group in END_GROUPS \
        and (line.words <= 5 or lx.COMMENT_COUNT.match(line.text) is not None) \
        and not line.text.lstrip().startswith("[") and not _INLINE_LINK.match(line.text)


def _evidence(region: list[Line]) -> bool:
    if not any(line.kind in STRONG_KINDS or line.recurring for line in region):
        return _long_menu(region) or _link_run(region)
    # A link to another page weighs like a repeated menu line: scraped Markdown keeps
    # the site's links, and an article's own text is not made of them.
    score = sum((1.0 if line.group in _LINK_GROUPS else _EVIDENCE.get(line.kind, 0.0))
                + (2.0 if line.recurring else 0.0) for line in region)
    return score >= REGION_EVIDENCE


def _hard_only(lines: list[Line]) -> list[Verdict]:
    """A page with no prose at all: only line-level furniture is certain."""
    return [_verdict(line, "inside", True) for line in lines if line.kind in "BIN"]


_REASONS = {
    "N": "counter or separator", "U": "line in capitals", "R": "repeated menu line",
    "S": "menu or headline line", "s": "short text", "P": "prose", "b": "call to action",
}


def _verdict(line: Line, where: str, safe: bool) -> Verdict:
    kind = line.kind
    if line.group == "menu bar":
        code = NAVIGATION
    elif kind in "BINU" or (kind == "b" and where == "inside"):
        code = BOILERPLATE_LINE
    elif line.recurring:
        code = RECURRING
    elif kind == "D" or line.group == "photo caption":
        code = METADATA
    elif kind in "SR":
        code = NAVIGATION
    else:
        code = OUTSIDE_MAIN_TEXT
    reason = line.group or _REASONS.get(kind, "chrome")
    return Verdict(line, code, reason, safe)
