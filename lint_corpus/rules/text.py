"""TXT: text hygiene across the whole file, front matter included."""

from __future__ import annotations

import difflib
import re

import ftfy
from ftfy.badness import is_bad

from lint_corpus.model import Diagnostic, Edit, Fix, rule

_ENCODING_ONLY = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=True,
    restore_byte_a0=True, replace_lossy_sequences=True, decode_inconsistent_utf8=True,
    fix_c1_controls=True, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=False,
    remove_control_chars=False, normalization=None, explain=False,
)
# C0 controls but tab and line breaks, a carriage return that ends no line, DEL, C1.
_CONTROL_CHARS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
_CONTROL = re.compile(_CONTROL_CHARS + r"|\r(?!\n)")
# Without a carriage return, one character class: the engine scans for it in C.
_CONTROL_NO_CR = re.compile(_CONTROL_CHARS)
_TRAILING = re.compile(r"[ \t]+(?=\r?$)", re.M)
# A byte order mark at the very start is the encoding's, not the text's (see below).
_IRREGULAR = re.compile("[\u00a0\u1680\u2000-\u200b\u202f\u205f\u2060\u3000\ufeff]")
_ZERO_WIDTH = frozenset("\u200b\u2060\ufeff")
_REPLACEMENT = re.compile("\ufffd+")
_LINE = re.compile(r"[^\n]*\n?")


@rule("TXT001", "mojibake", severity="warning", fix="safe")
def mojibake(doc, ctx):
    """Text decoded with the wrong encoding: `didnâ€™t`, `â€“`, `Ã©tÃ©`.

    ## What it does
    Finds mojibake with ftfy, in the body and in front matter values and URLs, and
    offers ftfy's repair (only its encoding repair: quotes, ligatures and widths are
    left alone).

    ## Why it matters
    Mojibake is the most common scar of scraping: UTF-8 read as Windows-1252 once (or
    twice). It breaks search, deduplication and every reader's trust in the text.

    ## Example
    `The senator didnâ€™t comment â€“ yet.` becomes `The senator didn’t comment – yet.`

    ## Fix safety
    Safe: ftfy only changes text that it can decode back unambiguously, and the
    repaired characters are never YAML syntax, so front matter still parses.
    """
    text = doc.text
    if text.isascii() or not is_bad(text):
        return  # the whole-text check keeps clean documents cheap
    for match in _LINE.finditer(text):
        line = match.group(0)
        if not line or line.isascii() or not is_bad(line):
            continue
        fixed = ftfy.fix_text(line, _ENCODING_ONLY)
        if fixed == line:
            continue
        for old_start, old_end, replacement in _changed_runs(line, fixed):
            start, end = match.start() + old_start, match.start() + old_end
            yield Diagnostic(start, end,
                             f"mojibake `{_clip(line[old_start:old_end])}` (should read "
                             f"`{_clip(replacement)}`)",
                             Fix.safe("repair the encoding", Edit(start, end, replacement)))


def _changed_runs(old: str, new: str) -> list[tuple[int, int, str]]:
    """The differing runs between a line and its repair, as (start, end, replacement).

    Runs closer than three unchanged characters are merged, so one garbled word is
    one finding.
    """
    runs: list[list] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if runs and i1 - runs[-1][1] < 3:
            runs[-1][1] = i2
            runs[-1][3] = j2
        else:
            runs.append([i1, i2, j1, j2])
    return [(i1, i2, new[j1:j2]) for i1, i2, j1, j2 in runs]


@rule("TXT002", "control-character", severity="warning", fix="safe")
def control_character(doc, ctx):
    """An invisible control character in the text.

    ## What it does
    Flags C0 control characters (except tab and line breaks), DEL, C1 controls and
    carriage returns that do not end a line.

    ## Why it matters
    Control characters are invisible in editors, break YAML parsing ("control
    characters are not allowed") and XML/JSON export, and confuse tokenisers.

    ## Example
    `Breaking\\x0bnews` (a vertical tab between the words).

    ## Fix safety
    Safe: the characters carry no text. A carriage return is removed too; if the
    file uses old Mac line endings, convert it first.
    """
    text = doc.text
    for match in (_CONTROL if "\r" in text else _CONTROL_NO_CR).finditer(text):
        char = match.group(0)
        yield Diagnostic(match.start(), match.end(), f"control character U+{ord(char):04X}",
                         Fix.safe("remove the control character",
                                  Edit.delete(match.start(), match.end())))


@rule("TXT003", "missing-final-newline", severity="info", fix="safe")
def missing_final_newline(doc, ctx):
    """The file does not end with a line break.

    ## What it does
    Flags a non-empty file whose last character is not a newline.

    ## Why it matters
    Concatenating files (`cat`, corpus builders) glues the last line of one document
    to the first of the next, and POSIX tools miss the last line.

    ## Example
    A file whose final line is `The end.` with no newline after it.

    ## Fix safety
    Safe: the fix appends the file's own line break (LF or CRLF).
    """
    text = doc.text
    if text and not text.endswith("\n") and text != "\ufeff":
        end = len(text)
        yield Diagnostic(end, end, "no newline at end of file",
                         Fix.safe("add a final newline", Edit.insert(end, doc.newline)))


@rule("TXT004", "trailing-whitespace", severity="info", fix="safe")
def trailing_whitespace(doc, ctx):
    """Spaces or tabs at the end of a line.

    ## What it does
    Flags trailing spaces and tabs. In Markdown bodies, exactly two trailing spaces
    after text are a hard line break and are left alone.

    ## Why it matters
    Trailing whitespace is invisible noise that makes diffs of corpus updates larger
    and defeats exact-match deduplication.

    ## Example
    `The last sentence.␠␠␠`

    ## Fix safety
    Safe: the whitespace carries no text.
    """
    text = doc.text
    if not (" \n" in text or "\t\n" in text or " \r" in text or "\t\r" in text
            or text.endswith((" ", "\t"))):
        return  # substring searches are much cheaper than the pattern on clean text
    markdown = doc.is_markdown
    body_start = doc.body_start
    for match in _TRAILING.finditer(text):
        start, end = match.span()
        if markdown and start >= body_start and end - start == 2 and text[start:end] == "  " \
                and start > 0 and text[start - 1] not in "\n ":
            continue  # a Markdown hard line break
        yield Diagnostic(start, end, "trailing whitespace",
                         Fix.safe("remove trailing whitespace", Edit.delete(start, end)))


@rule("TXT005", "mixed-line-endings", severity="warning", fix="safe")
def mixed_line_endings(doc, ctx):
    """The file mixes CRLF and LF line endings.

    ## What it does
    Counts CRLF and LF line endings and reports the first line that differs from the
    majority.

    ## Why it matters
    Mixed endings leave stray `\\r` characters inside values and lines for tools that
    split on `\\n`, and make every diff of the file noisy.

    ## Example
    A document written on Windows and appended to on Linux.

    ## Fix safety
    Safe: the fix converts the minority endings to the majority, changing no text.
    """
    text = doc.text
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    if not crlf or not lf:
        return
    to_crlf = crlf > lf
    edits = []
    first = None
    position = text.find("\n")
    while position >= 0:
        is_crlf = position > 0 and text[position - 1] == "\r"
        if is_crlf != to_crlf:
            if to_crlf:
                edits.append(Edit.insert(position, "\r"))
            else:
                edits.append(Edit.delete(position - 1, position))
            if first is None:
                first = position - 1 if is_crlf else position
        position = text.find("\n", position + 1)
    majority = "CRLF" if to_crlf else "LF"
    yield Diagnostic(first, first + 1,
                     f"mixed line endings: {crlf} CRLF and {lf} LF; this line ends differently "
                     f"from the {majority} majority",
                     Fix.safe(f"convert every line ending to {majority}", *edits))


@rule("TXT006", "irregular-whitespace", severity="info", fix="safe")
def irregular_whitespace(doc, ctx):
    """Non-breaking, typographic or zero-width spaces inside the text.

    ## What it does
    Flags no-break spaces, the Unicode space characters (en, em, thin, ideographic
    space...) and zero-width spaces, which scraped HTML (`&nbsp;`, `&#8203;`) leaves
    behind. Zero-width joiners, which some scripts need, are not flagged.

    ## Why it matters
    They look like spaces but are not: searches, tokenisers and deduplication treat
    `South\\u00a0Korea` and `South Korea` as different text.

    ## Example
    `with new data,\\u00a0tapping artificial intelligence`

    ## Fix safety
    Safe: visible spaces become a plain space and zero-width ones are removed, which
    keeps the words and their separation.
    """
    text = doc.text
    if text.isascii():
        return
    for match in _IRREGULAR.finditer(text):
        char = match.group(0)
        if match.start() == 0 and char == "\ufeff":
            continue
        replacement = "" if char in _ZERO_WIDTH else " "
        name = "zero-width character" if char in _ZERO_WIDTH else "irregular space"
        yield Diagnostic(match.start(), match.end(), f"{name} U+{ord(char):04X}",
                         Fix.safe("replace with a plain space" if replacement else
                                  "remove the zero-width character",
                                  Edit(match.start(), match.end(), replacement)))


@rule("TXT007", "replacement-character", severity="warning")
def replacement_character(doc, ctx):
    """The text holds U+FFFD, the mark of characters lost in an earlier decoding.

    ## What it does
    Flags each run of the Unicode replacement character `�`.

    ## Why it matters
    Some tool already failed to decode this text and threw the original characters
    away; the words around it are damaged and the source should be fetched again.

    ## Example
    `The caf� opened in 1998.`

    ## Fix safety
    No fix: the lost characters cannot be recovered from the text.
    """
    if "\ufffd" not in doc.text:
        return
    for match in _REPLACEMENT.finditer(doc.text):
        yield Diagnostic(match.start(), match.end(),
                         f"replacement character{'s' if len(match.group(0)) > 1 else ''} `�`: "
                         f"characters were lost when this text was decoded before")


def _clip(text: str, limit: int = 30) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"
