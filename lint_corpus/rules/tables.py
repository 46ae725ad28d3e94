"""TBL: pipe tables (GFM) and HTML table remnants in the body.

The body is parsed once per document (``doc.shared["tables"]``) into table blocks,
and every rule of the family reports its share of that one analysis. Front matter,
fenced and indented code and block quotes are never looked at.

**What is a table.** As in GFM (markdown-it, micromark and so markdownlint), a
table is a header row, a delimiter row (``| --- | :-: |``) and the rows below it
up to a blank line or the start of another block; cells are split on every pipe
that is not escaped (``\\|``) -- a pipe inside a code span splits a cell too, so it
must be escaped there as well. A line without pipes directly under a table is a
row of one cell.

**Evidence.** A table is only ever anchored on a delimiter-like row that holds a
pipe (``---|``, ``|---|---|``; a bare ``---`` only under a one-cell header with a
pipe, as GFM has it), under a header line, a header exploded one cell per line,
or a line of text over rows of several cells. Prose with a pipe in it ("Home |
About", a sentence with one pipe) is never a table; nor is a run of ``|`` lines
without a delimiter row (a menu), which belongs to the chrome rules.

**Damage.** Beyond what markdownlint reports (MD055 pipe style, MD056 cell count,
MD058 blank lines), scraping leaves tables that GFM no longer parses at all: a
delimiter row with the wrong number of columns or under a lost header, a header
glued onto the end of a prose line, exploded one cell per line or repeated inside
the table, rows whose cells were concatenated without separators, prose glued into
the last cell, stray one-cell lines. Each kind has its own code.

**Repair.** Fixes edit only the damaged lines, so a valid table is never changed.
Rebuilt rows use markdownlint's "consistent" pipe style (that of the first row of
the document's first table; leading and trailing pipes when there is none), widened
by the edge pipes that empty edge cells need, and cells separated by ``" | "``.
Fixes that guess (where a header cell starts, where concatenated cells split,
whether a line is prose) are unsafe; the others are safe.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from lint_corpus.model import Diagnostic, Edit, Fix, rule

# -- line shapes -------------------------------------------------------------------

_DELIM = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
# A delimiter-like line with a pipe somewhere in the text: the quick test for a table.
_DELIM_SOMEWHERE = re.compile(
    r"^ {0,3}(?:\|[ \t]*:?-|:?-+:?[ \t]*\|)|\|[^\n]*\n {0,3}:?-+:?[ \t]*$", re.M)
_INDENTED = re.compile(r"^(?: {4}|\t)")
# Lines that start another block and so end a table (markdown-it's terminators).
_TERMINATOR = re.compile(
    r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|>|`{3,}|~{3,}|[-*+][ \t]|\d{1,9}[.)][ \t]"
    r"|(?:\*[ \t]*){3,}$|(?:-[ \t]*){3,}$|(?:_[ \t]*){3,}$"
    r"|<(?:!--|/?(?:address|article|aside|blockquote|details|div|dl|fieldset|figure|footer"
    r"|form|h[1-6]|header|hr|main|nav|ol|p|pre|section|table|ul|script|style)\b))",
    re.I)
_ALIGN = re.compile(r"^(:?)-+(:?)$")
# One cell after a leading pipe, no other pipe: a line of an exploded header.
_EXPLODED_LEAD = re.compile(r"^ {0,3}\|(?:[^|\\]|\\.)*$")
# One cell before a trailing pipe: the other way a header explodes.
_EXPLODED_TRAIL = re.compile(r"^ {0,3}(?:[^|\\]|\\.)*\|[ \t]*$")
_COMMENT_LINE = re.compile(r"^\s*(?:<!--.*?-->\s*)+$")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_WORD = re.compile(r"\S+")
# Where a prose line and a glued header cell meet: "...notable gaps:Policy Aspect".
_GLUE_TIGHT = re.compile(r"(?<=[.:;!?])(?=[A-Z])")
_GLUE_CASE = re.compile(r"(?<=[a-z)\]])(?=[A-Z])")
_GLUE_SPACED = re.compile(r"(?<=[.:;!?])[ \t]+(?=[A-Z])")
# Candidate boundaries between concatenated cells: "AutomationNascent Stage".
_BOUNDARY = re.compile(
    r"(?<=[a-z)\]%])(?=[A-Z])|(?<=[0-9])(?=[A-Z][a-z])|(?<=[A-Z])(?=[A-Z][a-z])"
    r"|(?<=[a-z])(?=[0-9])")
# Text from HTML that Markdown would read as markup.
_MD_SPECIAL = re.compile(r"[\\`*\[\]]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_MD_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_MD_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_HUMP = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_HTML_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.I)
_HTML_STRUCT_TAG = re.compile(r"<(/?)(table|thead|tbody|tfoot|tr|td|th|caption)\b[^>]*?(/?)>",
                              re.I)
_HTML_CELL_MARK = re.compile(r"<t[rdh]\b", re.I)

# Pipe styles: (leading pipe, trailing pipe), named as markdownlint names them.
_STYLE_NAMES = {
    (True, True): "leading and trailing pipes", (True, False): "leading pipes only",
    (False, True): "trailing pipes only", (False, False): "no leading or trailing pipes",
}
_DEFAULT_STYLE = (True, True)


# -- the analysis ------------------------------------------------------------------

@dataclass
class _Row:
    pos: int  # index into the analysis' line list
    # "pipe" (has pipes), "concat" (no pipes, cells glued at clear boundaries), "glued"
    # (no pipes, glued where the cells cannot be told apart: "Hollin Dale1,6404106 Mbps"),
    # "stray" (no pipes, one cell)
    kind: str
    cells: list[str]
    lead: bool = False
    trail: bool = False


@dataclass
class _Table:
    header_first: int
    header_last: int
    # "normal"; "exploded" (one cell per line); "glued" (onto a prose line); "concat"
    # (cells run together, no pipe); "lost" (a prose line over the delimiter row)
    header_kind: str
    header_cells: list[str]
    header_lead: bool
    header_trail: bool
    delim: int
    delim_cells: list[str]
    delim_lead: bool
    delim_trail: bool
    indent: str
    glue_prose: str = ""
    rows: list[_Row] = field(default_factory=list)
    end_strays: list[_Row] = field(default_factory=list)
    after: int | None = None  # the line after the table (and its end strays), if not blank
    ncols: int = 0
    repeats: bool = False  # the header repeats the header of the table right above

    @property
    def last(self) -> int:
        return self.rows[-1].pos if self.rows else self.delim

    @property
    def gfm_valid(self) -> bool:
        return self.header_kind in ("normal", "glued") \
            and len(self.header_cells) == len(self.delim_cells)


@dataclass
class _Analysis:
    tables: list[_Table]
    findings: dict[str, list[Diagnostic]]


class _Lines:
    """The body lines: offsets and texts."""

    def __init__(self, doc) -> None:
        self.spans = doc.body_lines
        text = doc.text
        self.texts = [text[s:e] for s, e, _ in self.spans]
        self.nl = doc.newline

    def __len__(self) -> int:
        return len(self.texts)

    def blank(self, i: int) -> bool:
        return not self.texts[i].strip()

    def content_start(self, i: int) -> int:
        text = self.texts[i]
        return self.spans[i][0] + len(text) - len(text.lstrip())

    def content_end(self, i: int) -> int:
        text = self.texts[i]
        return self.spans[i][0] + len(text.rstrip())


def _analysis(doc) -> _Analysis:
    cached = doc.shared.get("tables")
    if cached is None:
        cached = _analyse(doc)
        doc.shared["tables"] = cached
    return cached


def _analyse(doc) -> _Analysis:
    findings: dict[str, list[Diagnostic]] = {}
    body = doc.body
    # Most documents hold no table: two scans of the text settle it.
    has_pipe = "|" in body and _DELIM_SOMEWHERE.search(body) is not None
    has_html = "<" in body and _HTML_TABLE_TAG.search(body) is not None
    if not has_pipe and not has_html:
        return _Analysis([], findings)
    lines = _Lines(doc)
    excluded = _code_lines(doc, lines)
    html = _html_spans(doc, lines, excluded, findings) if has_html else []
    tables = _find_tables(lines, excluded) if has_pipe else []
    style = _doc_style(tables)
    if tables:
        style = _report(lines, tables, style, findings)
    for start, end in html:
        _html_table(doc, lines, start, end, style, findings)
    return _Analysis(tables, findings)


def _code_lines(doc, lines: _Lines) -> list[bool]:
    """Which body lines are inside fenced or indented code."""
    excluded = list(doc.fenced)
    previous_blank = True
    in_indented = False
    for i, text in enumerate(lines.texts):
        if excluded[i]:  # fenced code: an indented block cannot continue across it
            previous_blank = in_indented = False
            continue
        blank = not text.strip()
        if not blank and _INDENTED.match(text) and (previous_blank or in_indented):
            excluded[i] = True
            in_indented = True
        elif not blank:
            in_indented = False
        previous_blank = blank
    return excluded


def _split(text: str) -> tuple[list[str], bool, bool]:
    """GFM's cell split of one row: (cells, leading pipe, trailing pipe).

    As markdown-it's ``escapedSplit``: a pipe after a backslash does not split.
    """
    line = text.strip()
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in line:
        if ch == "|" and not escaped:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        escaped = ch == "\\"
    parts.append("".join(current))
    lead = trail = False
    if len(parts) > 1 and parts[0] == "":
        parts.pop(0)
        lead = True
    if parts and parts[-1] == "" and (len(parts) > 1 or lead):
        parts.pop()
        trail = True
    return [p.strip() for p in parts], lead, trail


def _has_pipe(text: str) -> bool:
    if "|" not in text:
        return False
    escaped = False
    for ch in text:
        if ch == "|" and not escaped:
            return True
        escaped = ch == "\\"
    return False


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_delimiter(text: str) -> bool:
    stripped = text.strip()
    return bool(_DELIM.match(text)) and not (stripped[:1] == "-" and stripped[1:2] in (" ", "\t"))


def _find_tables(lines: _Lines, excluded: list[bool]) -> list[_Table]:
    texts = lines.texts
    anchors = [i for i, text in enumerate(texts)
               if i > 0 and not excluded[i] and "-" in text and _is_delimiter(text)
               and ("|" in text or _one_cell_header(texts[i - 1]))]
    if not anchors:
        return []
    tables: list[_Table] = []
    low = 0
    for d in anchors:
        table = _header(lines, excluded, d, low)
        if table is None:
            continue
        tables.append(table)
        low = d + 1
    for index, table in enumerate(tables):
        stop = tables[index + 1].header_first if index + 1 < len(tables) else len(lines)
        _body(lines, excluded, table, stop)
    return tables


def _one_cell_header(text: str) -> bool:
    """A header of one cell with a pipe: GFM takes even a plain `---` under it as a
    delimiter row (a one-column table)."""
    return _has_pipe(text) and len(_split(text)[0]) == 1


def _header(lines: _Lines, excluded: list[bool], d: int, low: int) -> _Table | None:
    texts = lines.texts
    delim_cells, delim_lead, delim_trail = _split(texts[d])
    h = d - 1
    if h < low or excluded[h] or lines.blank(h):
        return None
    below, glued_cells = _row_counts(lines, excluded, d)
    normal_cells, lead, trail = _split(texts[h]) if _has_pipe(texts[h]) else ([], False, False)
    normal_ok = bool(normal_cells) and len(normal_cells) == len(delim_cells)
    exploded = _exploded(lines, excluded, h, low, below or glued_cells, len(delim_cells))
    indent = texts[h][: len(texts[h]) - len(texts[h].lstrip(" "))]
    if indent and len(indent) > 3:
        return None
    if exploded is not None and (not normal_ok or (below and below == len(exploded[1]))):
        first, cells = exploded
        return _Table(first, h, "exploded", cells, False, False, d, delim_cells, delim_lead,
                      delim_trail, "")
    if not normal_cells and not _TERMINATOR.match(texts[h]):
        if len(delim_cells) == 1 and below in (0, 1):
            # GFM (micromark, cmark-gfm) reads a line over a one-column delimiter row
            # that has a pipe as a one-column table, even when the line has no pipe.
            normal_cells = [texts[h].strip()]
        elif below >= 2:  # rows of several cells under a line without pipes
            # The rows tell how many cells the header needs, so any boundary may do.
            split = None if _prose_like(texts[h]) else _concat_cells(
                texts[h], below, None, need_strong=False)
            kind, cells = ("concat", split) if split else ("lost", [""] * below)
            table = _Table(h, h, kind, cells, False, False, d, delim_cells, delim_lead,
                           delim_trail, indent)
            if kind == "lost":
                table.glue_prose = texts[h].strip()
            return table
    if not normal_cells:
        return None
    table = _Table(h, h, "normal", normal_cells, lead, trail, d, delim_cells, delim_lead,
                   delim_trail, indent)
    glued = _glued_header(normal_cells[0]) if len(normal_cells) >= 2 else None
    if glued is not None:
        table.header_kind = "glued"
        table.glue_prose, table.header_cells = glued[0], [glued[1], *normal_cells[1:]]
    return table


def _row_counts(lines: _Lines, excluded: list[bool], d: int) -> tuple[int, int]:
    """What the rows right under a delimiter say about the number of columns.

    Returns (the most common cell count of the rows with pipes, or 0; the most cells
    a row without pipes could be split into, or 0). The scan stops where the table
    would: a blank line, another block, a sentence, the header of the next table.
    """
    counts: Counter = Counter()
    glued = 0
    texts = lines.texts
    for i in range(d + 1, min(d + 30, len(lines))):
        text = texts[i]
        if excluded[i] or lines.blank(i) or _TERMINATOR.match(text):
            break
        if i + 1 < len(lines) and _is_delimiter(texts[i + 1]) and "|" in texts[i + 1]:
            break  # the header of the next table
        if _has_pipe(text):
            counts[len(_split(text)[0])] += 1
            continue
        boundaries = _boundaries(text.strip(), strict=False)
        if not boundaries and _prose_like(text):
            break
        glued = max(glued, len(boundaries) + 1 if boundaries else 0)
    if not counts:
        return 0, glued
    count, times = counts.most_common(1)[0]
    return (count if times >= 2 or len(counts) == 1 else 0), glued


def _exploded(lines: _Lines, excluded: list[bool], h: int, low: int, below: int,
              delim_count: int) -> tuple[int, list[str]] | None:
    """A header exploded one cell per line above a delimiter: (first line, cells)."""
    texts = lines.texts
    for pattern, leading in ((_EXPLODED_LEAD, True), (_EXPLODED_TRAIL, False)):
        j = h
        while j >= low and not excluded[j] and pattern.match(texts[j]) \
                and not _is_delimiter(texts[j]):
            j -= 1
        run = list(range(j + 1, h + 1))
        if not run:
            continue
        cells = []
        for i in run:
            part = texts[i].strip()
            part = part[1:] if leading else part[:-1]
            cells.append(part.strip())
        if leading and cells and cells[-1] == "":
            cells.pop()  # the closing pipe on its own line
        if any(not c for c in cells):
            continue
        first = run[0]
        if leading and j >= low and not excluded[j] and not lines.blank(j) \
                and not _has_pipe(texts[j]) and not _TERMINATOR.match(texts[j]):
            top = texts[j].strip()
            wanted = below or (delim_count if delim_count > 1 else 0)
            if wanted == len(cells) + 1 or (wanted != len(cells) and _cell_like(top)
                                            and not top.endswith((":", ".", ";", "!", "?"))):
                cells.insert(0, top)
                first = j
        if len(cells) >= 2 and h - first >= 1:
            return first, cells
    return None


def _blankish(text: str) -> bool:
    """A blank line, or one holding only HTML comments (markdownlint counts it blank)."""
    return not text.strip() or _COMMENT_LINE.match(text) is not None


def _cell_like(text: str) -> bool:
    return 0 < _words(text) <= 6 and len(text) <= 80


def _prose_like(text: str) -> bool:
    words = _words(text)
    return words >= 8 or (words >= 3 and bool(_SENTENCE_END.search(text.strip())))


def _glued_header(cell: str) -> tuple[str, str] | None:
    """Split "...reveals notable gaps:Policy Aspect" into (prose, header cell)."""
    if _words(cell) < 8:
        return None
    for pattern in (_GLUE_TIGHT, _GLUE_CASE, _GLUE_SPACED):
        for match in reversed(list(pattern.finditer(cell))):
            head = cell[match.end():].strip()
            prose = cell[: match.start()].rstrip()
            if pattern is _GLUE_CASE and _camel_word(cell, match.start()):
                continue
            if 1 <= _words(head) <= 6 and _words(prose) >= 5 and not _SENTENCE_END.search(head):
                return prose, head
    return None


def _camel_word(text: str, pos: int) -> bool:
    """Is ``pos`` inside a short two-hump word such as JavaScript, YouTube, FinTech?"""
    left = pos
    while left > 0 and text[left - 1].isalpha():
        left -= 1
    right = pos
    while right < len(text) and text[right].isalpha():
        right += 1
    word = text[left:right]
    humps = _HUMP.findall(word)
    if pos - left <= 3:
        return True
    return len(humps) == 2 and all(len(h) <= 6 for h in humps)


def _body(lines: _Lines, excluded: list[bool], table: _Table, stop: int) -> None:
    texts = lines.texts
    table.ncols = len(table.header_cells)
    if table.header_kind == "normal" and len(table.delim_cells) > table.ncols:
        if _row_counts(lines, excluded, table.delim)[0] == len(table.delim_cells):
            table.ncols = len(table.delim_cells)  # the header lost a cell, not the rest
    rows: list[_Row] = []
    i = table.delim + 1
    while i < stop and not excluded[i] and not lines.blank(i) and not _TERMINATOR.match(texts[i]):
        text = texts[i]
        if _has_pipe(text):
            cells, lead, trail = _split(text)
            rows.append(_Row(i, "pipe", cells, lead, trail))
        elif _concat_cells(text, table.ncols, None) is not None:
            rows.append(_Row(i, "concat", [text.strip()]))
        elif _prose_like(text):
            break  # text that lost its blank line (TBL003)
        elif _glue_evidence(text.strip()):
            rows.append(_Row(i, "glued", [text.strip()]))  # glued, but not into clear cells
        else:
            rows.append(_Row(i, "stray", [text.strip()]))
        i += 1
    while rows and rows[-1].kind == "stray":
        table.end_strays.insert(0, rows.pop())
    table.rows = rows
    after = table.end_strays[0].pos if table.end_strays else table.last + 1
    if after < len(lines) and not lines.blank(after):
        table.after = after


# -- splitting concatenated cells ----------------------------------------------------

def _glue_evidence(text: str) -> bool:
    """Words glued to words or numbers, beyond short camel case (iPhone, YouTube)."""
    return any(weight == 0.0 or text[pos].isdigit() or text[pos - 1].isdigit()
               for pos, weight in _boundaries(text, strict=False))


def _boundaries(text: str, strict: bool) -> list[tuple[int, float]]:
    """Where concatenated cells may meet in ``text``: (offset, penalty)."""
    found = []
    depth = 0
    depth_at: list[int] = []
    for ch in text:
        depth_at.append(depth)
        if ch in "([{":
            depth += 1
        elif ch in ")]}" and depth:
            depth -= 1
    depth_at.append(depth)
    for match in _BOUNDARY.finditer(text):
        pos = match.start()
        if pos <= 0 or pos >= len(text) or depth_at[pos] > 0:
            continue
        token_start = text.rfind(" ", 0, pos) + 1
        token_end = text.find(" ", pos)
        token = text[token_start: token_end if token_end >= 0 else len(text)]
        if "`" in token or "://" in token or "@" in token or "www." in token:
            continue
        weak = (text[pos - 1].isupper() or text[pos].isdigit()
                or (text[pos - 1].isalpha() and _camel_word(text, pos))
                or (text[pos - 1].isdigit() and pos - token_start <= 2))
        if weak and strict:
            continue
        found.append((pos, 2.0 if weak else 0.0))
    return found


def _concat_cells(text: str, ncols: int, vocab: _Vocab | None, strict: bool = False,
                  first_col: int = 0, need_strong: bool = True) -> list[str] | None:
    """Split a line of concatenated cells into exactly ``ncols`` cells, or None.

    ``strict`` allows only strong boundaries; ``need_strong`` asks for one at least
    (the evidence that a line without pipes is a row at all).
    """
    if ncols < 2:
        return None
    text = text.strip()
    if _words(text) >= 8 and _SENTENCE_END.search(text):
        return None
    candidates = _boundaries(text, strict)
    if len(candidates) < ncols - 1 or (need_strong and not any(w == 0.0 for _, w in candidates)):
        return None
    if len(candidates) > 40:
        return None
    chosen = _best_split(text, candidates, ncols - 1, vocab, first_col)
    if chosen is None:
        return None
    cells = [text[a:b].strip() for a, b in zip([0, *chosen], [*chosen, len(text)], strict=True)]
    if any(len(c) < 2 or _words(c) > 10 for c in cells):
        return None
    return cells


def _best_split(text: str, candidates: list[tuple[int, float]], k: int, vocab: _Vocab | None,
                first_col: int) -> list[int] | None:
    """Choose ``k`` of the candidate boundaries: vocabulary first, then strong boundaries."""
    if k == 0:
        return []
    positions = [p for p, _ in candidates]
    penalty = [w for _, w in candidates]
    m = len(positions)

    def score(a: int, b: int, col: int) -> float:
        segment = text[a:b].strip()
        if len(segment) < 2:
            return -100.0
        return vocab.score(segment, first_col + col) if vocab is not None else 0.0

    neg = float("-inf")
    # best[j][i]: best score with j boundaries chosen, the last being candidate i.
    best = [[neg] * m for _ in range(k + 1)]
    back: list[list[int]] = [[-1] * m for _ in range(k + 1)]
    for i in range(m):
        best[1][i] = score(0, positions[i], 0) - penalty[i]
    for j in range(2, k + 1):
        for i in range(m):
            for prev in range(i):
                if best[j - 1][prev] == neg:
                    continue
                value = best[j - 1][prev] + score(positions[prev], positions[i], j - 1) \
                    - penalty[i]
                if value > best[j][i]:
                    best[j][i], back[j][i] = value, prev
    final, last = neg, -1
    for i in range(m):
        if best[k][i] == neg:
            continue
        value = best[k][i] + score(positions[i], len(text), k)
        if value > final:
            final, last = value, i
    if last < 0 or final < -50:
        return None
    chosen = []
    j = k
    while last >= 0 and j >= 1:
        chosen.append(positions[last])
        last = back[j][last]
        j -= 1
    return sorted(chosen)


class _Vocab:
    """The cell texts of the document's tables, to choose between possible splits."""

    def __init__(self, tables: list[_Table]) -> None:
        self.all: set[str] = set()
        self.columns: dict[int, set[str]] = {}
        for table in tables:
            rows = [table.header_cells] + [r.cells for r in table.rows
                                           if r.kind == "pipe" and len(r.cells) == table.ncols]
            for cells in rows:
                for col, cell in enumerate(cells):
                    if cell:
                        self.all.add(_norm(cell))
                        self.columns.setdefault(col, set()).add(_norm(cell))

    def score(self, segment: str, col: int) -> float:
        key = _norm(segment)
        if key in self.columns.get(col, ()):
            return 5.0
        return 3.0 if key in self.all else 0.0


# -- formatting -----------------------------------------------------------------------

def _format_row(cells: list[str], style: tuple[bool, bool], indent: str = "") -> str:
    """One row in ``style``; an empty edge cell keeps its pipe, whatever the style."""
    lead, trail = style
    if not cells:
        return indent + "|"
    if not cells[0]:
        lead = True
    if not cells[-1]:
        trail = True
    if len(cells) == 1 and not (lead or trail):
        lead = trail = True
    text = "|".join(f" {c} " if c else " " for c in cells)
    text = "|" + text if lead else text[1:]
    text = text + "|" if trail else text[:-1]
    return indent + text


def _delimiter_cells(existing: list[str], ncols: int) -> list[str]:
    cells = []
    for col in range(ncols):
        spec = existing[col].replace(" ", "") if col < len(existing) else ""
        match = _ALIGN.match(spec)
        if match:
            cells.append(f"{match.group(1)}---{match.group(2)}")
        else:
            cells.append("---")
    return cells


def _escape_pipes(text: str) -> str:
    out = []
    escaped = False
    for ch in text:
        if ch == "|" and not escaped:
            out.append("\\|")
        else:
            out.append(ch)
        escaped = ch == "\\"
    return "".join(out)


def _clip(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


# -- reporting ------------------------------------------------------------------------

def _doc_style(tables: list[_Table]) -> tuple[bool, bool]:
    """The pipe style the document's tables should share: markdownlint's "consistent".

    That is the style of the first row of the first table GFM parses; with no such
    table yet, leading and trailing pipes.
    """
    for table in tables:
        if table.header_kind == "normal" and table.gfm_valid:
            return table.header_lead, table.header_trail
    return _DEFAULT_STYLE


def _report(lines: _Lines, tables: list[_Table], style: tuple[bool, bool],
            findings: dict[str, list[Diagnostic]]) -> tuple[bool, bool]:
    """Report every table; returns the pipe style the repaired tables use."""
    vocab = _Vocab(tables)
    nl = lines.nl
    for previous, table in zip(tables, tables[1:], strict=False):
        table.repeats = previous.after == table.header_first and \
            [_norm(c) for c in previous.header_cells] == [_norm(c) for c in table.header_cells]
    style = _representable(style, tables, vocab)
    for index, table in enumerate(tables):
        _report_table(lines, table, style, vocab, nl, findings,
                      tables[index - 1] if index else None,
                      tables[index + 1] if index + 1 < len(tables) else None)
    return style


def _representable(style: tuple[bool, bool], tables: list[_Table],
                   vocab: _Vocab) -> tuple[bool, bool]:
    """``style`` plus the edge pipes that repaired rows cannot do without.

    An empty first (last) cell needs its leading (trailing) pipe, padding leaves empty
    last cells, and a row of one cell needs a pipe. When the document's style lacks
    such a pipe, every table takes it, so markdownlint's MD055 holds after the fix.
    """
    lead, trail = style
    if lead and trail:
        return style
    for table in tables:
        ncols = table.ncols
        rows = [table.header_cells] if table.header_kind != "exploded" or table.repeats else []
        if ncols == 1 and not lead:
            trail = True
        for row in table.rows:
            if row.kind == "stray" or row.kind == "concat" and ncols > 1 and \
                    _concat_cells(row.cells[0], ncols, vocab) is None:
                trail = trail or ncols > 1
            elif row.kind == "pipe":
                if len(row.cells) < ncols and _split_row(row.cells, ncols, vocab) is None:
                    trail = True  # padded with empty cells
                elif len(row.cells) >= ncols:
                    rows.append(row.cells[:ncols])
        for cells in rows:
            if cells and not cells[0]:
                lead = True
            if cells and not cells[-1]:
                trail = True
        if lead and trail:
            break
    return lead, trail


def _add(findings, code: str, diagnostic: Diagnostic) -> None:
    findings.setdefault(code, []).append(diagnostic)


def _report_table(lines: _Lines, table: _Table, style: tuple[bool, bool], vocab: _Vocab,
                  nl: str, findings, previous: _Table | None,
                  following: _Table | None) -> None:
    texts = lines.texts
    ncols = table.ncols
    indent = table.indent
    rewritten: set[int] = set()  # lines whose whole content a fix replaces

    def span(pos: int) -> tuple[int, int]:
        return lines.content_start(pos), lines.content_end(pos)

    def line_edit(pos: int, replacement: str) -> Edit:
        return Edit(lines.spans[pos][0], lines.content_end(pos), replacement)

    # The header.
    if table.repeats and previous is not None:
        _report_repeat(lines, previous, table, vocab, findings)
        rewritten.update(range(table.header_first, table.delim + 1))
    elif table.header_kind == "exploded":
        start = lines.spans[table.header_first][0]
        end = lines.content_end(table.header_last)
        row = _format_row(table.header_cells, style, indent)
        _add(findings, "TBL006", Diagnostic(
            lines.content_start(table.header_first), end,
            f"table header exploded over {table.header_last - table.header_first + 1} lines, "
            f"one cell per line; GFM sees no table here",
            Fix.unsafe("join the header cells into one row", Edit(start, end, row))))
        rewritten.update(range(table.header_first, table.header_last + 1))
    elif table.header_kind == "concat":
        pos = table.header_first
        start, end = span(pos)
        _add(findings, "TBL007", Diagnostic(
            start, end,
            f"header cells concatenated without separators: no pipe where the rows have "
            f"{ncols} cells",
            Fix.unsafe("split the header cells at word-case boundaries",
                       line_edit(pos, _format_row(table.header_cells, style, indent)))))
        rewritten.add(pos)
    elif table.header_kind == "lost":
        pos = table.header_first
        row = _format_row(table.header_cells, style, indent)
        delim = _format_row(_delimiter_cells(table.delim_cells, ncols), style, indent)
        edits = [Edit(lines.content_end(pos), lines.spans[pos][1], nl + nl + row)]
        if len(table.delim_cells) != ncols:
            edits.append(line_edit(table.delim, delim))
        start, end = span(table.delim)
        _add(findings, "TBL004", Diagnostic(
            start, end,
            f"delimiter row under a line without pipes while the rows have {ncols} cells: "
            f"the table's header row is lost",
            Fix.unsafe("give the table an empty header row after the text line", *edits)))
        rewritten.update((pos, table.delim))
    elif table.header_kind == "glued":
        pos = table.header_first
        cells = list(table.header_cells) + [""] * (ncols - len(table.header_cells))
        row = _format_row(cells, style, indent)
        prose_end = lines.spans[pos][0] + texts[pos].find(table.glue_prose) \
            + len(table.glue_prose)
        _add(findings, "TBL005", Diagnostic(
            prose_end, lines.content_end(pos),
            f"table header glued onto the end of a prose line (header starts with "
            f"`{_clip(table.header_cells[0])}`)",
            Fix.unsafe("move the header row onto its own line after a blank line",
                       line_edit(pos, indent + table.glue_prose + nl + nl + row))))
        rewritten.add(pos)
    elif len(table.header_cells) != ncols:
        _report_count(lines, table.header_first, table.header_cells, ncols, style, indent,
                      table.header_trail, findings, "header row")
        rewritten.add(table.header_first)

    # The delimiter row.
    if len(table.delim_cells) != ncols and not table.repeats and table.delim not in rewritten:
        row = _format_row(_delimiter_cells(table.delim_cells, ncols), style, indent)
        certain = table.header_kind == "normal"  # else the header's count is a guess
        start, end = span(table.delim)
        _add(findings, "TBL004", Diagnostic(
            start, end,
            f"delimiter row has {len(table.delim_cells)} column"
            f"{'s' if len(table.delim_cells) != 1 else ''}, the header has {ncols}; "
            f"GFM sees no table here",
            (Fix.safe if certain else Fix.unsafe)(
                f"write a delimiter row of {ncols} columns", line_edit(table.delim, row))))
        rewritten.add(table.delim)

    # The rows.
    last_pipe = max((r.pos for r in table.rows), default=-1)

    def split_row(row, split, what: str, how: str) -> None:
        """TBL007: the row's cells were glued together; ``split`` separates them."""
        start, end = span(row.pos)
        _add(findings, "TBL007", Diagnostic(
            start, end, f"row cells concatenated without separators: {what}",
            Fix.unsafe(how, line_edit(row.pos, _format_row(split, style, indent)))))
        rewritten.add(row.pos)

    no_pipe = f"no pipe where the table has {ncols} cells"
    for row in table.rows:
        if row.kind == "concat":
            split = _concat_cells(row.cells[0], ncols, vocab)
            if split is not None:
                split_row(row, split, no_pipe, "split the cells at word-case boundaries")
                continue
        if row.kind == "stray":
            split = _concat_cells(row.cells[0], ncols, vocab, need_strong=False)
            if split is not None and all(vocab.score(c, col) for col, c in enumerate(split)):
                split_row(row, split, no_pipe,
                          "split the cells where the table's known cells meet")
                continue
        if row.kind == "glued":
            start, end = span(row.pos)
            _add(findings, "TBL007", Diagnostic(
                start, end,
                f"row cells concatenated without separators, and the {ncols} cells cannot be "
                f"told apart (numbers or short words glued together): repair it by hand"))
            rewritten.add(row.pos)
            continue
        if row.kind in ("stray", "concat"):
            cells = [row.cells[0]] + [""] * (ncols - 1)
            start, end = span(row.pos)
            _add(findings, "TBL009", Diagnostic(
                start, end,
                f"line without pipes inside the table: GFM reads it as a row of one cell, "
                f"the table has {ncols}",
                Fix.unsafe("make it a row of the table",
                           line_edit(row.pos, _format_row(cells, style, indent)))))
            rewritten.add(row.pos)
            continue
        count = len(row.cells)
        if count < ncols:
            split = _split_row(row.cells, ncols, vocab)
            if split is not None:
                split_row(row, split, f"{count} cell{'s' if count != 1 else ''} where the "
                                      f"table has {ncols}",
                          "split the cells at word-case boundaries")
                continue
        if count != ncols:
            _report_count(lines, row.pos, row.cells, ncols, style, indent, row.trail, findings,
                          "row")
            rewritten.add(row.pos)
            continue
        if row.pos == last_pipe and len(table.rows) >= 1:
            prose = _prose_in_last_cell(table, row)
            if prose is not None:
                keep, moved = prose
                cells = row.cells[:-1] + [keep]
                start, end = span(row.pos)
                last_start = lines.spans[row.pos][0] + texts[row.pos].rfind(moved[:20])
                _add(findings, "TBL008", Diagnostic(
                    max(start, last_start), end,
                    f"prose glued into the last cell of the table: `{_clip(moved)}`",
                    Fix.unsafe("move the prose out of the table, after it",
                               line_edit(row.pos, _format_row(cells, style, indent) + nl + nl
                                         + indent + moved))))
                rewritten.add(row.pos)

    # Pipe style (MD055), on the rows no other fix rewrites.
    styled = []
    if table.header_kind == "normal" and table.header_first not in rewritten:
        styled.append((table.header_first, table.header_cells, table.header_lead,
                       table.header_trail))
    if table.delim not in rewritten:
        styled.append((table.delim, table.delim_cells, table.delim_lead, table.delim_trail))
    styled.extend((r.pos, r.cells, r.lead, r.trail) for r in table.rows
                  if r.kind == "pipe" and r.pos not in rewritten)
    for pos, cells, lead, trail in styled:
        if (lead, trail) == style or (len(cells) <= 1 and style == (False, False)):
            continue  # (a row of one cell cannot lose both its pipes)
        edits = []
        problems = []
        start, end = span(pos)
        text = texts[pos]
        if lead != style[0]:
            if style[0]:
                edits.append(Edit.insert(start, "| "))
                problems.append("missing leading pipe")
            elif cells and cells[0]:
                stripped = text.lstrip()[1:]
                gap = len(stripped) - len(stripped.lstrip())
                edits.append(Edit.delete(start, start + 1 + gap))
                problems.append("unexpected leading pipe")
        if trail != style[1]:
            if style[1]:
                edits.append(Edit.insert(end, " |"))
                problems.append("missing trailing pipe")
            elif cells and cells[-1]:
                body = text.rstrip()[:-1]
                gap = len(body) - len(body.rstrip())
                edits.append(Edit.delete(end - 1 - gap, end))
                problems.append("unexpected trailing pipe")
        if not edits:
            continue  # the other style cannot show an empty edge cell
        if pos == table.delim:  # a delimiter row is rewritten whole: it holds no text
            edits = [line_edit(pos, _format_row(_delimiter_cells(cells, len(cells)), style,
                                                indent))]
        _add(findings, "TBL002", Diagnostic(
            start, end,
            f"{' and '.join(problems)}: the document's tables should use {_STYLE_NAMES[style]}",
            Fix.safe(f"use {_STYLE_NAMES[style]}", *edits)))

    # Blank lines around the table (MD058) and stray lines under it.
    first = table.header_first
    if table.header_kind not in ("glued", "lost") and first > 0 \
            and not _blankish(texts[first - 1]) and not (
            previous is not None and previous.after == first):
        start, end = span(first)
        at = lines.spans[first][0]
        _add(findings, "TBL003", Diagnostic(
            start, end, "no blank line before the table",
            Fix.safe("insert a blank line before the table", Edit.insert(at, nl))))
    if table.end_strays:
        at = lines.spans[table.end_strays[0].pos][0]
        for row in table.end_strays:
            start, end = span(row.pos)
            _add(findings, "TBL009", Diagnostic(
                start, end,
                "stray line under the table: GFM reads it as a row of one cell",
                Fix.unsafe("end the table before this line", Edit.insert(at, nl))))
    elif table.after is not None and not _blankish(texts[table.after]):
        last = table.last
        start, end = span(last)
        full_end = lines.spans[last][2]
        if following is not None and following.header_first == table.after:
            if following.repeats:
                return  # the repeated header goes (TBL012): the tables become one
            what = "another table starts right under the table"
        elif _TERMINATOR.match(texts[table.after]):
            what = "no blank line after the table"
        else:
            what = "text right under the table (GFM reads it as a row)"
        _add(findings, "TBL003", Diagnostic(
            start, end, f"{what}: tables need a blank line after them",
            Fix.safe("insert a blank line after the table", Edit.insert(full_end, nl))))


def _report_repeat(lines: _Lines, previous: _Table, table: _Table, vocab: _Vocab,
                   findings) -> None:
    """TBL012: a table's header and delimiter repeated right under its last row.

    A row of the table above that holds only its first cell, when a row below the
    repeat starts with the same cell, is the truncated start of that row: it goes too.
    """
    start_pos = table.header_first
    stub = previous.rows[-1] if previous.rows else None
    if stub is not None and stub.pos == start_pos - 1 and stub.kind == "pipe" \
            and stub.cells and stub.cells[0] and not any(stub.cells[1:]):
        firsts = set()
        for row in table.rows:
            cells = row.cells
            if row.kind != "pipe":
                cells = _concat_cells(row.cells[0], table.ncols, vocab) or cells
            if row.kind == "glued" and cells is row.cells:
                cut = _boundaries(row.cells[0], strict=False)[0][0]
                cells = [row.cells[0][:cut]]
            if cells and cells[0]:
                firsts.add(_norm(cells[0]))
        if _norm(stub.cells[0]) in firsts:
            start_pos = stub.pos
    start = lines.spans[start_pos][0]
    end = lines.spans[table.delim][2]
    what = "and the truncated row above it " if start_pos != table.header_first else ""
    how = " (exploded one cell per line)" if table.header_kind == "exploded" else ""
    _add(findings, "TBL012", Diagnostic(
        lines.content_start(table.header_first), lines.content_end(table.header_first),
        f"the table's header is repeated inside it{how}, with its delimiter row; GFM reads "
        f"the repeat as rows",
        Fix.unsafe(f"remove the repeated header {what}so the rows join the table above",
                   Edit.delete(start, end))))


def _split_row(cells: list[str], ncols: int, vocab: _Vocab) -> list[str] | None:
    """Split the cells of a short row at case boundaries to reach ``ncols`` cells."""
    need = ncols - len(cells)
    if len(cells) == 1:
        return _concat_cells(cells[0], ncols, vocab, strict=False)
    # Inside a row that has pipes, strong boundaries count; a weak one (a short camel-case
    # word such as "SalesLow") only when the cells it makes are known from other rows.
    split = _allocate_splits(cells, need, vocab, strict=True)
    if split is None:
        split = _allocate_splits(cells, need, vocab, strict=False)
        if split is not None and any(vocab.score(c, col) == 0 and c not in cells
                                     for col, c in enumerate(split)):
            split = None
    return split


def _allocate_splits(cells: list[str], need: int, vocab: _Vocab,
                     strict: bool) -> list[str] | None:
    """Split ``need`` more cells out of ``cells``, choosing the cells by vocabulary."""
    options = [len(_boundaries(cell, strict=strict)) for cell in cells]
    if sum(options) < need:
        return None
    best: tuple[float, list[str]] | None = None
    ranges = [range(min(n, need) + 1) for n in options]
    for count, allocation in enumerate(itertools.product(*ranges)):
        if count > 2000:
            break
        if sum(allocation) != need:
            continue
        result: list[str] = []
        for cell, take in zip(cells, allocation, strict=True):
            parts = [cell] if not take else _concat_cells(
                cell, take + 1, vocab, strict=strict, first_col=len(result), need_strong=strict)
            if parts is None:
                break
            result.extend(parts)
        else:
            score = sum(vocab.score(c, col) for col, c in enumerate(result))
            if best is None or score > best[0]:
                best = (score, result)
    return None if best is None else best[1]


def _report_count(lines: _Lines, pos: int, cells: list[str], ncols: int,
                  style: tuple[bool, bool], indent: str, trail: bool, findings,
                  what: str) -> None:
    """TBL001: too few or too many cells (MD056)."""
    start, end = lines.content_start(pos), lines.content_end(pos)
    count = len(cells)
    if count < ncols:
        missing = ncols - count
        text = lines.texts[pos].rstrip()
        if trail or not cells:
            insert = " |" * missing if text.endswith("|") else " |" * (missing + 1)
            if not text.strip():
                insert = "|" + " |" * max(missing, 1)
        else:
            insert = " |" * (missing + 1)
        fix = Fix.safe(f"add {missing} empty cell{'s' if missing != 1 else ''}",
                       Edit.insert(end, insert))
        message = (f"{what} has {count} cell{'s' if count != 1 else ''}, the table has {ncols}: "
                   f"the row will be missing data")
    else:
        extra = cells[ncols:]
        message = (f"{what} has {count} cells, the table has {ncols}: "
                   + (f"`{_clip(' | '.join(extra))}` will not be shown" if any(extra)
                      else "the extra cells are empty"))
        if not any(extra):
            fixed = cells[:ncols]
            fix = Fix.safe("remove the empty extra cells",
                           Edit(lines.spans[pos][0], end, _format_row(fixed, style, indent)))
        else:
            escaped = _escape_code_pipes(lines.texts[pos])
            if escaped is not None and len(_split(escaped)[0]) == ncols:
                fix = Fix.unsafe("escape the pipes inside code spans",
                                 Edit(lines.spans[pos][0], end, escaped.rstrip()))
                message += " (a pipe inside a code span splits a cell: escape it as `\\|`)"
            else:
                merged = cells[: ncols - 1] + [" \\| ".join(c for c in cells[ncols - 1:])]
                fix = Fix.unsafe("merge the extra cells into the last one",
                                 Edit(lines.spans[pos][0], end,
                                      _format_row(merged, style, indent)))
    _add(findings, "TBL001", Diagnostic(start, end, message, fix))


def _escape_code_pipes(text: str) -> str | None:
    """``text`` with the unescaped pipes inside code spans escaped, or None if none."""
    out = []
    changed = False
    i = 0
    while i < len(text):
        if text[i] == "`":
            run = len(text) - i - len(text[i:].lstrip("`"))
            ticks = text[i: i + run]
            close = text.find(ticks, i + run)
            if close < 0:
                out.append(ticks)
                i += run
                continue
            inner = text[i + run: close]
            escaped = _escape_pipes(inner)
            changed = changed or escaped != inner
            out.append(ticks + escaped + ticks)
            i = close + run
        else:
            out.append(text[i])
            i += 1
    return "".join(out) if changed else None


def _prose_in_last_cell(table: _Table, row: _Row) -> tuple[str, str] | None:
    """(what stays in the last cell, the prose to move out) when prose was glued there."""
    cell = row.cells[-1]
    words = _words(cell)
    if words < 12 or len(table.rows) < 2:
        return None
    lower = sum(1 for w in cell.split() if w[:1].islower())
    if lower < 3 or not _SENTENCE_END.search(cell):
        return None
    col = len(row.cells) - 1
    others = [_words(r.cells[col]) for r in table.rows
              if r is not row and r.kind == "pipe" and len(r.cells) > col and r.cells[col]]
    others.append(_words(table.header_cells[col]) if col < len(table.header_cells) else 0)
    longest = max(others)
    if longest > 10 or words < 2 * longest + 6:
        return None
    for match in reversed(list(_GLUE_CASE.finditer(cell))):
        keep, moved = cell[: match.start()].strip(), cell[match.start():].strip()
        if _camel_word(cell, match.start()):
            continue
        if 1 <= _words(keep) <= 8 and _words(moved) >= 8:
            return keep, moved
    return "", cell


# -- HTML tables ----------------------------------------------------------------------

def _html_spans(doc, lines: _Lines, excluded: list[bool], findings) -> list[tuple[int, int]]:
    """The closed ``<table>`` elements of the body (their lines become excluded)."""
    base = doc.body_start
    body = doc.body
    line_starts = [s for s, _, _ in lines.spans]
    spans: list[tuple[int, int]] = []

    def line_of(offset: int) -> int:
        return bisect.bisect_right(line_starts, offset) - 1

    tags = list(_HTML_TABLE_TAG.finditer(body))
    i = 0
    while i < len(tags):
        tag = tags[i]
        start = base + tag.start()
        pos = line_of(start)
        if tag.group(1) or pos < 0 or excluded[pos] or _in_code_span(
                lines.texts[pos], start - lines.spans[pos][0]):
            i += 1
            continue
        depth, j, end = 0, i, None
        while j < len(tags):
            depth += -1 if tags[j].group(1) else 1
            if depth == 0:
                end = base + tags[j].end()
                break
            j += 1
        if end is None:
            block_end = body.find("\n\n", tag.start())
            fragment = body[tag.start(): len(body) if block_end < 0 else block_end]
            if _HTML_CELL_MARK.search(fragment):
                _add(findings, "TBL011", Diagnostic(
                    start, start + len(tag.group(0)),
                    "HTML table is never closed (`</table>` missing); it cannot be converted"))
            i += 1
            continue
        spans.append((start, end))
        for k in range(pos, line_of(end - 1) + 1):
            excluded[k] = True
        i = j + 1
    return spans


def _in_code_span(line: str, column: int) -> bool:
    return line[:column].count("`") % 2 == 1


def _html_structure_problem(fragment: str) -> str | None:
    """Why the table tags of ``fragment`` are not well-formed, or None."""
    stack: list[str] = []
    parents = {"tr": ("table", "thead", "tbody", "tfoot"), "td": ("tr",), "th": ("tr",),
               "thead": ("table",), "tbody": ("table",), "tfoot": ("table",),
               "caption": ("table",)}
    for match in _HTML_STRUCT_TAG.finditer(fragment):
        closing, name, selfclosing = match.group(1), match.group(2).lower(), match.group(3)
        if selfclosing:
            return f"self-closing <{name}/>"
        if not closing:
            if name in parents and (not stack or stack[-1] not in parents[name]):
                where = f"inside <{stack[-1]}>" if stack else "outside a table"
                return f"<{name}> {where}"
            stack.append(name)
        else:
            if not stack or stack[-1] != name:
                expected = f"</{stack[-1]}>" if stack else "nothing"
                return f"</{name}> where {expected} was expected"
            stack.pop()
    if stack:
        return f"<{stack[-1]}> is never closed"
    return None


_INLINE = {"a", "b", "strong", "i", "em", "code", "span", "br", "sup", "sub", "small", "abbr",
           "mark", "u", "s", "del", "ins", "font", "kbd", "var", "samp", "q", "cite", "time",
           "bdi", "bdo", "dfn", "wbr", "nobr", "tt"}


def _html_table(doc, lines: _Lines, start: int, end: int, style: tuple[bool, bool],
                findings) -> None:
    text = doc.text
    nl = lines.nl
    line_starts = [s for s, _, _ in lines.spans]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(line_starts, offset) - 1

    fragment = text[start:end]
    problem = _html_structure_problem(fragment)
    if problem is not None:
        _add(findings, "TBL011", Diagnostic(
            start, start + fragment.find(">") + 1,
            f"malformed HTML table ({problem}); it cannot be converted to a pipe table"))
        return
    from bs4 import BeautifulSoup  # only documents with HTML tables pay for the import

    soup = BeautifulSoup(fragment, "html.parser")
    table = soup.find("table")
    head = start + fragment.find(">") + 1
    if table is None or table.find("table") is not None:
        _add(findings, "TBL010", Diagnostic(
            start, head, "HTML table with a nested table: it cannot be a pipe table"))
        return
    rows = table.find_all("tr")
    if not rows:
        _add(findings, "TBL011", Diagnostic(start, head, "malformed HTML table (no rows)"))
        return
    unsafe = False
    grid: list[list[str]] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan above
    for tr in rows:
        row: list[str] = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            while pending.get(len(row), 0) > 0:  # under a merged cell: an empty cell
                pending[len(row)] -= 1
                row.append("")
            content, lossy = _cell_markdown(cell)
            unsafe = unsafe or lossy
            colspan = min(_span_attr(cell, "colspan"), 100)
            rowspan = min(_span_attr(cell, "rowspan"), 1000)
            if colspan > 1 or rowspan > 1:
                unsafe = True  # merged cells: the content stays in the first one
            for offset in range(colspan):
                if rowspan > 1:
                    pending[len(row)] = rowspan - 1
                row.append(content if offset == 0 else "")
        while pending.get(len(row), 0) > 0:
            pending[len(row)] -= 1
            row.append("")
        grid.append(row)
    header_rows = [tr for tr in rows if tr.find_parent("thead") is not None]
    first = rows[0]
    explicit = (len(header_rows) == 1 and header_rows[0] is first) or (
        not header_rows and bool(first.find_all("th", recursive=False))
        and not first.find_all("td", recursive=False))
    if not explicit:
        unsafe = True  # the first row becomes the header: a guess
    ncols = max(len(r) for r in grid)
    if ncols == 0:
        _add(findings, "TBL011", Diagnostic(start, head, "malformed HTML table (no cells)"))
        return
    if any(len(r) != ncols for r in grid):
        unsafe = True
    grid = [r + [""] * (ncols - len(r)) for r in grid]
    out = [_format_row(grid[0], style), _format_row(["---"] * ncols, style)]
    out.extend(_format_row(r, style) for r in grid[1:])
    caption = table.find("caption")
    if caption is not None:
        caption_text, lossy = _cell_markdown(caption)
        unsafe = unsafe or lossy
        if caption_text:
            out.insert(0, caption_text + nl)
    table_text = nl.join(out)
    # Put the table on its own lines, with blank lines around it.
    first_line, last_line = line_of(start), line_of(end - 1)
    line_start = lines.spans[first_line][0]
    before = text[line_start:start]
    edit_start = start
    prefix = ""
    if before.strip():
        edit_start = line_start + len(before.rstrip())
        prefix = nl + nl
    else:
        edit_start = line_start
        if first_line > 0 and not lines.blank(first_line - 1):
            prefix = nl
    line_end = lines.spans[last_line][1]
    after = text[end:line_end]
    edit_end = end
    suffix = ""
    if after.strip():
        edit_end = end + len(after) - len(after.lstrip())
        suffix = nl + nl
    else:
        edit_end = line_end
        if last_line + 1 < len(lines) and not lines.blank(last_line + 1):
            suffix = nl
    replacement = prefix + table_text + suffix
    message = (f"HTML table ({len(grid)} rows, {ncols} columns) in the text; convert it to a "
               f"pipe table")
    fix = (Fix.unsafe if unsafe else Fix.safe)(
        "convert the HTML table to a pipe table", Edit(edit_start, edit_end, replacement))
    _add(findings, "TBL010", Diagnostic(start, head, message, fix))


def _span_attr(cell, name: str) -> int:
    try:
        return int(str(cell.get(name, "1")).strip() or 1)
    except ValueError:
        return 1


def _escape_text(text: str) -> str:
    """Text from HTML as Markdown text: what Markdown would read as markup is escaped."""
    text = _MD_SPECIAL.sub(r"\\\g<0>", text)
    text = _MD_ENTITY_LIKE.sub("&amp;", text)
    return _MD_TAG_LIKE.sub("&lt;", text)


def _code_span(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    ticks = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _cell_markdown(cell) -> tuple[str, bool]:
    """Inline Markdown for an HTML cell, and whether something was lost on the way."""
    from bs4 import NavigableString, Tag

    lossy = False

    def walk(node, code: bool = False) -> str:
        nonlocal lossy
        parts = []
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child).__name__ in ("Comment", "Doctype", "Declaration",
                                            "ProcessingInstruction", "CData"):
                    continue
                parts.append(str(child) if code else _escape_text(str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name == "code":
                parts.append(_code_span(walk(child, code=True)))
                continue
            inner = walk(child, code)
            if code:
                parts.append(inner)
            elif name not in _INLINE:
                lossy = True
                parts.append(" " + inner + " ")
            elif name == "br":
                parts.append(" ")
            elif name in ("b", "strong") and inner.strip():
                parts.append(f"**{inner.strip()}**")
            elif name in ("i", "em") and inner.strip():
                parts.append(f"*{inner.strip()}*")
            elif name == "a" and child.get("href") and inner.strip():
                href = str(child["href"]).strip()
                if re.search(r"[\s()<>]", href):
                    href = "<" + href.replace("<", "%3C").replace(">", "%3E") + ">"
                parts.append(f"[{inner.strip()}]({href})")
            else:
                parts.append(inner)
        return "".join(parts)

    text = " ".join(walk(cell).split())
    return _escape_pipes(text), lossy


# -- the rules ------------------------------------------------------------------------

def _findings(doc, code: str):
    return _analysis(doc).findings.get(code, ())


@rule("TBL001", "table-column-count", severity="warning", fix="sometimes")
def table_column_count(doc, ctx):
    """A table row has fewer or more cells than the table's header (markdownlint MD056).

    ## What it does
    Counts the cells of each row of a pipe table, splitting on every pipe that is not
    escaped (as GFM does: a pipe inside a code span splits a cell too) and compares
    the count with the header's. The delimiter row is checked by TBL004, rows whose
    cells were glued together by TBL007.

    ## Why it matters
    A renderer shows a short row with empty cells, and silently drops the cells past
    the header's count: data in them is lost to every reader of the rendered page.

    ## Example
    Under `| Model | Year | Price |` and its delimiter row, `| Falcon | 2019 |` has
    two cells, and `| Kestrel | 2021 | 300 | used |` has four: `used` is never shown.

    ## Fix safety
    Safe when the row is padded with empty cells (it renders the same) or its extra
    cells are empty. Unsafe when extra cells hold text: the pipes inside code spans
    are escaped if that gives the right count, else the extra cells are merged into
    the last one with escaped pipes.
    """
    return _findings(doc, "TBL001")


@rule("TBL002", "table-pipe-style", severity="info", fix="safe")
def table_pipe_style(doc, ctx):
    """Table rows use leading and trailing pipes inconsistently (markdownlint MD055).

    ## What it does
    Takes the pipe style (leading and trailing pipes, only one of them, or none) of
    the first valid table of the document that is consistent in itself, or leading
    and trailing pipes if there is none, and flags every table row, delimiter row
    included, that differs from it.

    ## Why it matters
    Mixed styles are the mark of tables pasted together from several sources; they
    make the table hard to read as text and some converters parse a row without a
    leading pipe differently.

    ## Example
    `| Model | Year |`, `| --- | --- |`, then `Falcon | 2019 |`: the last row lacks
    its leading pipe.

    ## Fix safety
    Safe: only the edge pipes change, so every cell keeps its content. A row whose
    first or last cell is empty cannot drop the pipe beside it and is left alone.
    """
    return _findings(doc, "TBL002")


@rule("TBL003", "blanks-around-tables", severity="info", fix="safe")
def blanks_around_tables(doc, ctx):
    """A table is not separated from the text around it by blank lines (markdownlint MD058).

    ## What it does
    Flags a table whose header line follows a non-blank line, and a table whose last
    row is directly followed by text or by another block (a heading, a list).

    ## Why it matters
    Under GFM a line of text right after a table becomes a row of the table, and a
    table that starts inside a paragraph is easy to break; corpus tools that split
    documents into blocks need the blank lines.

    ## Example
    `The figures for 2021 are:` directly above `| Region | Sales |`, or the sentence
    `Sales grew in every region.` directly under the table's last row.

    ## Fix safety
    Safe: a blank line is inserted; no text changes.
    """
    return _findings(doc, "TBL003")


@rule("TBL004", "table-delimiter-columns", severity="warning", fix="sometimes")
def table_delimiter_columns(doc, ctx):
    """The delimiter row has a different number of columns from the header.

    ## What it does
    Flags a delimiter row (`| --- | --- |`) whose number of columns differs from the
    header's, such as `---|` under a four-column header. markdownlint cannot report
    it: GFM then parses no table at all. Also flags a delimiter row under a line of
    text while the rows below have several cells: the header row is lost (GFM reads
    a one-column table).

    ## Why it matters
    The whole table renders as a paragraph of pipes and dashes; scrapers that
    flatten HTML tables often write a one-column delimiter row.

    ## Example
    `Model | Year | Price |` over `---|`.

    ## Fix safety
    Safe when the header is an ordinary row: the delimiter row is rewritten with the
    header's number of columns, keeping the alignment of the columns it had. Unsafe
    when the header itself was repaired by a guess (TBL005, TBL006, TBL007), and when
    the header is lost: the text line stays a paragraph and the table gets an empty
    header row of the rows' width.
    """
    return _findings(doc, "TBL004")


@rule("TBL005", "table-header-glued", severity="warning", fix="unsafe")
def table_header_glued(doc, ctx):
    """A table header is glued onto the end of a prose line.

    ## What it does
    Flags a header row whose first cell is a long sentence ending in a short
    header cell, joined without a line break: `...reveals notable gaps:Policy Aspect
    | Framework | Practice |`.

    ## Why it matters
    The paragraph loses its end to the table, the table gets a header cell of forty
    words, and with a broken delimiter row GFM sees no table at all.

    ## Example
    `The survey shows clear differences:Region | Sales | Growth |` becomes the
    sentence `The survey shows clear differences:`, a blank line and
    `| Region | Sales | Growth |`.

    ## Fix safety
    Unsafe: where the header cell starts is a guess (after punctuation or a case
    change with no space, the last such place).
    """
    return _findings(doc, "TBL005")


@rule("TBL006", "table-header-exploded", severity="warning", fix="unsafe")
def table_header_exploded(doc, ctx):
    """A table header is exploded one cell per line above its delimiter row.

    ## What it does
    Flags a header written one cell per line, each line starting (or ending) with the
    pipe that once separated it from its neighbour, directly above a delimiter row:
    `Model`, `| Year`, `| Price`, `|`, `---|`.

    ## Why it matters
    GFM sees no table, only a paragraph of pipes; the column names are lost to every
    reader and tool.

    ## Example
    The five lines `Region`, `| Sales`, `| Growth`, `|` and `---|` become the header
    `| Region | Sales | Growth |` (the delimiter row is TBL004's).

    ## Fix safety
    Unsafe: whether the pipe-less line on top is the first header cell is a guess.
    """
    return _findings(doc, "TBL006")


@rule("TBL007", "table-cells-concatenated", severity="warning", fix="unsafe")
def table_cells_concatenated(doc, ctx):
    """The cells of a table row were concatenated without separators.

    ## What it does
    Flags a row (or a header without pipes over rows of several cells) that has too
    few cells, often none, but splits into exactly the table's number of cells at
    places where a lower-case letter or a closing bracket meets a capital, no space:
    `Manufacturing & AutomationNascent StageAdvanced IntegrationModerate Integration`.
    Parentheses, URLs and code are never split, short camel-case words (`YouTube`,
    `PowerPoint`) only when nothing else gives the count; the cells of the
    document's other table rows decide between possible splits.

    ## Why it matters
    The row renders as one cell of run-together words: the data is unreadable and
    every word pair at a boundary is a non-word for search and tokenisers.

    ## Example
    Under a three-column header, `North RegionRising SalesLow Cost` becomes
    `| North Region | Rising Sales | Low Cost |`.

    A line glued where the cells cannot be told apart, such as numbers run together
    (`Hollin Dale1,6404106 Mbps`), is reported as a row without a fix.

    ## Fix safety
    Unsafe: the split points are a guess, good for title-case cells and weak for
    cells that themselves contain camel case. No fix when the split is ambiguous.
    """
    return _findings(doc, "TBL007")


@rule("TBL008", "table-prose-in-cell", severity="warning", fix="unsafe")
def table_prose_in_cell(doc, ctx):
    """A paragraph of prose is glued into the last cell of a table.

    ## What it does
    Flags the last cell of a table's last row when it holds a long sentence (twelve
    words or more, lower-case running text, a final full stop) while the other cells
    of its column are short labels: the paragraph that followed the table was glued
    into it.

    ## Why it matters
    The paragraph renders squeezed into a table cell and is lost to tools that skip
    tables; the cell's real value, if any, is buried in it.

    ## Example
    `| Outlook | Stable | Taken together, these results suggest that the region will
    keep growing for several more years. |` keeps its first two cells; the sentence
    becomes a paragraph after the table.

    ## Fix safety
    Unsafe: the split between cell and prose is a guess (a case change without a
    space, else the whole cell is moved and left empty).
    """
    return _findings(doc, "TBL008")


@rule("TBL009", "table-stray-line", severity="warning", fix="unsafe")
def table_stray_line(doc, ctx):
    """A short line without pipes sits inside or directly under a table.

    ## What it does
    Flags a line without pipes that is not a sentence, inside a table or right under
    its last row. GFM reads it as a row of one cell. (A sentence under a table is
    TBL003's: text that needs a blank line before it.)

    ## Why it matters
    The line is usually a cell whose row lost its pipes, or a caption or source note
    that lost its blank line; either way the rendered table gets a broken row.

    ## Example
    `Total` between two rows of a three-column table, or `Source: Ministry of
    Finance` directly under the last row.

    ## Fix safety
    Unsafe: inside the table the line becomes a row padded with empty cells; under
    the table a blank line ends the table before it. Which one it was is a guess.
    """
    return _findings(doc, "TBL009")


@rule("TBL012", "table-header-repeated", severity="warning", fix="unsafe")
def table_header_repeated(doc, ctx):
    """A table's header row and delimiter row are repeated right under its last row.

    ## What it does
    Flags a header (ordinary or exploded one cell per line) with its delimiter row
    that repeats, cell for cell, the header of the table directly above, with no
    blank line between: a table the scraper cut and rendered again. A last row above
    the repeat that holds only its first cell, while a row below starts with the same
    cell, is the truncated start of that row.

    ## Why it matters
    GFM reads the repeated header and its dashes as data rows; split in two, the
    table would show its header twice and one row twice, the first time empty.

    ## Example
    `| Route | Length |`, `| --- | --- |`, `| Coast Path | 12 km |`, `| Ridge Walk |`,
    `| Route | Length |`, `| --- | --- |`, `| Ridge Walk | 9 km |`: the repeated header,
    its delimiter row and the truncated `| Ridge Walk |` go, leaving one table.

    ## Fix safety
    Unsafe: lines are deleted; that the truncated row is the same row is a guess.
    """
    return _findings(doc, "TBL012")


@rule("TBL010", "html-table", severity="info", fix="sometimes")
def html_table(doc, ctx):
    """An HTML `<table>` remnant in the text, which can be a pipe table.

    ## What it does
    Finds well-formed `<table>` elements in the body (outside code), parses them with
    BeautifulSoup and offers their conversion to a GFM pipe table: cell text with
    whitespace collapsed, links, emphasis and code kept as Markdown, pipes escaped,
    short rows padded, a merged cell (`colspan`, `rowspan`) kept in its first cell
    with empty cells for the rest. A table nested in another is reported without a
    fix. Broken tables are TBL011's.

    ## Why it matters
    HTML left in scraped text is noise for every consumer that does not render HTML,
    and it hides the table's structure from Markdown tools.

    ## Example
    `<table><tr><th>Model</th><th>Year</th></tr><tr><td>Falcon</td><td>2019</td></tr>
    </table>` becomes `| Model | Year |`, `| --- | --- |`, `| Falcon | 2019 |`.

    ## Fix safety
    Safe for a table with an explicit header row (`<thead>` or a first row of `<th>`)
    whose cells hold only text and inline markup and whose rows are all complete.
    Unsafe otherwise: the first row becomes the header, block content is flattened,
    merged cells are split.
    """
    return _findings(doc, "TBL010")


@rule("TBL011", "malformed-html-table", severity="warning")
def malformed_html_table(doc, ctx):
    """An HTML `<table>` remnant whose tags are broken.

    ## What it does
    Flags a `<table>` with table rows or cells whose tags do not nest: a table that is
    never closed, a cell outside a row, a closing tag that closes nothing, an omitted
    `</td>` or `</tr>`.

    ## Why it matters
    Truncated or mangled HTML tables are a sign of a failed extraction: the cells
    that should follow are lost, and renderers guess the structure differently.

    ## Example
    `<table><tr><td>Falcon<td>2019</tr></table>` (the cells are never closed), or a
    document that ends inside `<table><tr><td>...`.

    ## Fix safety
    No fix: the structure cannot be recovered with certainty; re-extract the page or
    edit the table by hand.
    """
    return _findings(doc, "TBL011")
