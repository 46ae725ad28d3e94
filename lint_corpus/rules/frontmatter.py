"""FM: the front matter block and the YAML (or TOML) inside it.

Every rule here reads the one parse in ``doc.front_matter`` (see
``lint_corpus/frontmatter.py``) or ``doc.toml_front_matter``; none parses itself.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, ScalarNode

from lint_corpus.document import UTF8_BOM
from lint_corpus.frontmatter import MAX_ALIAS_EXPANSION, split_front_matter, yaml_scalar
from lint_corpus.model import Diagnostic, Edit, Fix, rule

_CURLY = re.compile("[\u2018\u2019\u201c\u201d]")
_KEY_VALUE = re.compile(r"^[A-Za-z_][\w.-]*:(?:[ \t]+\S|[ \t]*$)")
_DELIMITER_LINE = re.compile(r"^---[ \t]*\r?$", re.M)
# A "key: value" line (perhaps a list item's), the value running to the line's end.
_VALUE_TO_LINE_END = re.compile(
    r"""[ ]*(?:-[ ]+)?(?P<key>[A-Za-z_][\w.-]*|"[^"\n]*"|'[^'\n]*'):[ ]+"""
    r"(?P<value>\S.*?)[ \t]*\r?$")


def _line_no(doc, offset: int) -> int:
    return doc.line_index(offset) + 1


def _clip(text: str, limit: int = 40) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


@rule("FM001", "unclosed-front-matter", severity="error", fix="unsafe")
def unclosed_front_matter(doc, ctx):
    """Front matter opened with `---` is never closed.

    ## What it does
    Flags a document whose first line is `---` with no later `---` or `...` line to
    close the block. It also spots a closing `---` with text glued to it
    (`---The article starts here`).

    ## Why it matters
    Without the closing delimiter, front matter parsers either fail or read the whole
    document as YAML, so the body disappears or the metadata is lost.

    ## Example
    ```
    ---
    title: "A headline"
    The first paragraph of the article...
    ```

    ## Fix safety
    Unsafe: the fix inserts `---` where the YAML seems to end (the first line that is
    not YAML), or moves glued text onto its own line. That end is a guess.
    """
    fm = doc.front_matter
    if fm is None or fm.closed:
        return
    nl = doc.newline
    if fm.stray_closer is not None:
        at = fm.stray_closer
        yield Diagnostic(at, at + 3,
                         f"front matter is never closed: line {_line_no(doc, at)} starts with "
                         f"`---` but has text after it",
                         Fix.unsafe("put the text after `---` on its own line",
                                    Edit.insert(at + 3, nl)))
        return
    end = fm.content_end
    if end >= len(doc.text):
        where = "the whole file is read as front matter"
        insert = ("" if doc.text.endswith("\n") else nl) + "---" + nl
    else:
        where = f"the YAML seems to end before line {_line_no(doc, end)}"
        insert = "---" + nl
    yield Diagnostic(fm.start, fm.start + 3, f"front matter opened here is never closed; {where}",
                     Fix.unsafe("insert the closing `---`", Edit.insert(end, insert)))


def _syntax_hint(doc, error) -> str:
    line_start = doc.line_starts[doc.line_index(error.offset)]
    line = doc.line_text(doc.line_index(error.offset))
    problem = error.message
    if _CURLY.search(line) and "mapping values" in problem:
        return "; curly quotes do not quote in YAML: use straight quotes around the value"
    if "mapping values are not allowed" in problem:
        return "; a value holding `: ` must be quoted"
    if "cannot start any token" in problem:
        char = doc.text[error.offset:error.offset + 1]
        if char not in ("\t", ""):
            return f"; a value starting with `{char}` must be quoted"
    if "undefined alias" in problem:
        return "; a value starting with `*` must be quoted"
    value_start = re.match(r"\s*(?:-\s+)?[^:]*:\s*", line)
    if value_start and line[value_start.end():value_start.end() + 1] in ("[", "{") \
            and error.offset > line_start + value_start.end():
        return "; a value starting with `[` or `{` is read as a list or mapping: quote it"
    return ""


@rule("FM002", "yaml-syntax-error", severity="error", fix="safe")
def yaml_syntax_error(doc, ctx):
    """The front matter is not valid YAML.

    ## What it does
    Reports the YAML parser's error at the exact line and column in the file (not in
    the front matter), with a hint for the usual causes in scraped text.

    ## Why it matters
    A front matter that does not parse loses every field: the document has no title,
    date or URL for the tools that read it.

    ## Example
    ```
    name: DM: Diablo Immortal
    ```
    gives "mapping values are not allowed here" at the second colon. Unquoted values
    that contain `: `, or start with `[`, `{`, `@`, `` ` ``, `*` or `%`, are the usual
    cause; curly quotes do not quote. The fix quotes the value:
    `name: "DM: Diablo Immortal"`; a quoted value with the same quote inside
    (`title: "He said "no""`) has the inner quotes escaped.

    ## Fix safety
    Safe, and offered only where the value is the rest of the error's line (no
    comment after it, no continuation line) and the block then parses at least past
    that line: quoting keeps every character of the value. Other errors get no fix,
    since the intended value cannot be known for sure.
    """
    fm = doc.front_matter
    if fm is None:
        return
    error = fm.yaml.error
    if error is None:
        return
    if "'\\t'" in error.message and _in_indentation(doc, error.offset):
        return  # tab-indentation (FM003) reports this one
    message = f"YAML syntax error: {error.message}{_syntax_hint(doc, error)}"
    if error.context and error.context_offset is not None:
        line, column = doc.position(error.context_offset)
        message += f" ({error.context} at {line}:{column})"
    yield Diagnostic(error.offset, error.offset + 1, message, _quoting_fix(doc, fm, error))


def _quoting_fix(doc, fm, error) -> Fix | None:
    """Quote the value on the error's line, when that is what broke the block.

    The usual damage: `title: Update: all go`, `name: @handle`, `title: [Tag] - Guide`,
    `title: "He said "no""`. The rest of the line is the value; quoted (inner quotes
    escaped), it keeps every character. Offered only when the value has no comment or
    continuation line, and when the block then parses at least past that line.
    """
    index = doc.line_index(error.offset)
    start, end, _ = doc.line_span(index)
    match = _VALUE_TO_LINE_END.match(doc.text, start, end)
    if match is None or not fm.content_start <= start < fm.content_end:
        return None
    value = match.group("value")
    first = value[0]
    if first in "|>" or value.endswith(":"):
        return None  # a block scalar or a nested mapping's key: no value to quote
    if first in "\"'" and len(value) >= 2 and value[-1] == first:
        value = value[1:-1]  # quoted, with the same quote inside: "He said "no""
        if (first == "'" and "''" in value) or (first == '"' and "\\" in value):
            return None  # escapes already there: not this mistake
    elif first in "\"'" or " #" in value:
        return None  # a quote left open, or a comment to tell from the value
    nxt = index + 1
    if nxt < doc.line_count and doc.offset_of(nxt + 1) < fm.content_end:
        following = doc.line_text(nxt)
        indent = len(following) - len(following.lstrip(" "))
        if following.strip() and indent > match.start("key") - start \
                and not following.lstrip().startswith("#"):
            return None  # a plain scalar continued on the next line
    edit = Edit(match.start("value"), match.end("value"),
                yaml_scalar(value, first if first == "'" else '"'))
    fixed_text = doc.text[:edit.start] + edit.replacement + doc.text[edit.end:]
    fixed = split_front_matter(fixed_text, fm.start)
    if fixed is None:
        return None
    after = fixed.yaml.error  # (the fix adds no line: line numbers stay)
    if after is not None and fixed_text.count("\n", 0, after.offset) <= index:
        return None
    return Fix.safe("quote the value", edit)


def _in_indentation(doc, offset: int) -> bool:
    start = doc.line_starts[doc.line_index(offset)]
    return not doc.text[start:offset].strip()


@rule("FM003", "tab-indentation", severity="error")
def tab_indentation(doc, ctx):
    """A front matter line is indented with a tab.

    ## What it does
    Flags tab characters in the indentation of front matter lines.

    ## Why it matters
    YAML forbids tabs for indentation; parsers stop with "found character '\\t' that
    cannot start any token", or read the structure differently from how it looks.

    ## Example
    ```
    provider:
    <TAB>name: The Daily Example
    ```

    ## Fix safety
    No fix: how many spaces a tab stood for decides the structure, and only the
    author knows it.
    """
    fm = doc.front_matter
    if fm is None or "\t" not in fm.content:
        return
    error = fm.yaml.error
    error_line = doc.line_index(error.offset) if error else -1
    first = doc.line_index(fm.content_start)
    last = doc.line_index(max(fm.content_start, fm.content_end - 1))
    for index in range(first, last + 1):
        start, end, _ = doc.line_span(index)
        if start >= fm.content_end:
            break
        line = doc.text[start:end]
        indent = len(line) - len(line.lstrip(" \t"))
        tab = line.find("\t", 0, indent)
        if tab < 0 or not line.strip():
            continue
        message = "tab in indentation; YAML allows only spaces"
        if index == error_line:
            message += " (the YAML cannot be parsed because of it)"
        yield Diagnostic(start + tab, start + tab + 1, message)


@rule("FM004", "duplicate-key", severity="error")
def duplicate_key(doc, ctx):
    """A key appears twice in the same mapping.

    ## What it does
    Flags every repeated key, at any depth, and names the line of its first use.

    ## Why it matters
    PyYAML and most other loaders silently keep the last value, so the first one is
    lost without a warning; JSON Schema validation only ever sees the survivor.

    ## Example
    ```
    released: 2020-01-01
    released: 2021-06-30
    ```

    ## Fix safety
    No fix: which of the two values is right is for a person to decide.
    """
    fm = doc.front_matter
    if fm is None:
        return
    for dup in fm.yaml.duplicates:
        start, end = fm.span(dup.key)
        first_line = _line_no(doc, fm.span(dup.first)[0])
        yield Diagnostic(start, end,
                         f"duplicate key `{_clip(dup.key.value)}` (first on line {first_line}); "
                         f"loaders keep only the last value")


@rule("FM005", "front-matter-not-mapping", severity="error")
def front_matter_not_mapping(doc, ctx):
    """The front matter is a list or a single value, not a mapping of keys.

    ## What it does
    Flags front matter whose top level is a sequence or a scalar.

    ## Why it matters
    Every front matter consumer expects keys and values; a list or a bare string
    gives them no fields at all, and schema validation cannot run.

    ## Example
    ```
    ---
    - title
    - date
    ---
    ```

    ## Fix safety
    No fix.
    """
    fm = doc.front_matter
    if fm is None:
        return
    root = fm.yaml.root
    if root is None or isinstance(root, MappingNode) or fm.yaml.error:
        return
    kind = "a list" if root.id == "sequence" else "a single value"
    start, end = fm.span(root)
    yield Diagnostic(start, end, f"front matter is {kind}, not a mapping of keys to values")


@rule("FM006", "empty-front-matter", severity="warning", fix="unsafe")
def empty_front_matter(doc, ctx):
    """The front matter block holds nothing.

    ## What it does
    Flags a `---` / `---` pair with only blank lines or comments between them.

    ## Why it matters
    An empty block usually means the metadata was lost on the way (a failed export,
    a template that rendered nothing); the document has no title or date.

    ## Example
    ```
    ---
    ---
    Body text.
    ```

    ## Fix safety
    Unsafe: removing the block is exact, but some site generators only process files
    that have front matter, even an empty one.
    """
    fm = doc.front_matter
    if fm is None or not fm.closed or fm.yaml.root is not None or fm.yaml.error:
        return
    yield Diagnostic(fm.start, fm.start + 3, "front matter is empty",
                     Fix.unsafe("remove the empty front matter block",
                                Edit.delete(fm.start, fm.end)))


def _surprises(doc, *kinds: str):
    """(surprise, start, end) for each YAML 1.1 surprise of these kinds in the front
    matter (see ``frontmatter.Surprise``), with its node's offsets in the file."""
    fm = doc.front_matter
    if fm is None:
        return
    for surprise in fm.yaml.surprises:
        if surprise.kind in kinds:
            yield (surprise, *fm.span(surprise.node))


@rule("FM007", "yaml11-boolean", severity="warning", fix="sometimes")
def yaml11_boolean(doc, ctx):
    """An unquoted yes/no/on/off that YAML 1.1 reads as a boolean.

    ## What it does
    Flags plain `yes`, `no`, `on` and `off` in any capitalisation, as values and as
    keys, which PyYAML (YAML 1.1) loads as `True`/`False` while YAML 1.2 loaders keep
    them as strings (the "Norway problem": `country: no`).

    ## Why it matters
    The same file loads differently in different tools, and a country code or a
    word turns into a boolean. A key `on:` becomes the boolean `True`.

    ## Example
    ```
    country: no
    on: push
    ```

    ## Fix safety
    Values: safe. `yes`/`on` become `true` and `no`/`off` become `false`, which every
    loader reads as the boolean PyYAML already produced. Quote the value instead if
    it was meant as text. Keys: unsafe. The key is quoted, which changes what PyYAML
    loads from `True` to the string.
    """
    for surprise, start, end in _surprises(doc, "bool"):
        word = surprise.node.value
        if surprise.is_key:
            yield Diagnostic(start, end,
                             f"key `{word}` is read as the boolean {surprise.value} by YAML 1.1, "
                             f"not as the string \"{word}\"; quote it",
                             Fix.unsafe("quote the key", Edit(start, end, f'"{word}"')))
        else:
            canonical = "true" if surprise.value else "false"
            yield Diagnostic(start, end,
                             f"`{word}` is read as the boolean {canonical} by YAML 1.1 but as a "
                             f"string by YAML 1.2; write `{canonical}`, or quote it if it is text",
                             Fix.safe(f"write `{canonical}`", Edit(start, end, canonical)))


@rule("FM008", "yaml11-number", severity="warning", fix="unsafe")
def yaml11_number(doc, ctx):
    """An unquoted value that YAML 1.1 reads as a base-60 or octal number.

    ## What it does
    Flags plain scalars like `10:00` (read as 600, base 60) and `0755` or `012`
    (read as octal) by YAML 1.1 loaders such as PyYAML.

    ## Why it matters
    Times, durations, zip codes and IDs silently turn into different numbers, and
    YAML 1.2 loaders read the same text differently again.

    ## Example
    ```
    duration: 10:00     # loads as 600
    zip: 01234          # loads as 668
    ```

    ## Fix safety
    Unsafe: the fix quotes the value, which changes what a loader returns from a
    number to the text as written.
    """
    for surprise, start, end in _surprises(doc, "sexagesimal", "octal"):
        text = surprise.node.value
        base = "base-60" if surprise.kind == "sexagesimal" else "octal"
        yield Diagnostic(start, end,
                         f"`{text}` is read as the {base} number {surprise.value} by YAML 1.1; "
                         f"quote it if it is text",
                         Fix.unsafe("quote the value", Edit(start, end, f'"{text}"')))


@rule("FM009", "unquoted-timestamp", severity="info", fix="unsafe")
def unquoted_timestamp(doc, ctx):
    """An unquoted date or timestamp that YAML loads as a date object.

    ## What it does
    Flags plain scalars such as `2020-12-07T16:22:00Z` or `2021-06-30`, which YAML
    1.1 loaders turn into `datetime`/`date` objects. lint-corpus itself validates the
    source text against your schema, so a `date-time` format check still works.

    ## Why it matters
    Tools that load the front matter get a date object in files where the value is
    unquoted and a string where it is quoted, so the field's type drifts across the
    corpus; JSON serialisation of the loaded data fails on the date objects.

    ## Example
    ```
    publishedDateTime: 2020-12-07T16:22:00Z
    ```

    ## Fix safety
    Unsafe: quoting makes every loader return a string, which is consistent but
    changes what code that expects a datetime receives.
    """
    for surprise, start, end in _surprises(doc, "timestamp"):
        text = surprise.node.value
        kind = "date" if len(text) <= 10 else "datetime"
        yield Diagnostic(start, end,
                         f"unquoted timestamp `{text}` loads as a {kind} object, not a string; "
                         f"quote it so every loader sees the same text",
                         Fix.unsafe("quote the timestamp", Edit(start, end, f'"{text}"')))


@rule("FM018", "invalid-timestamp", severity="error", fix="unsafe")
def invalid_timestamp(doc, ctx):
    """An unquoted date or timestamp with no such day or time, which YAML loaders
    fail on.

    ## What it does
    Flags plain scalars shaped like a YAML timestamp whose parts are out of range:
    `2024-02-30`, `2023-13-01`, `2024-05-01T25:00:00Z`. YAML 1.1 loaders try to build
    a date from them and raise an error instead.

    ## Why it matters
    `yaml.safe_load`, and python-frontmatter and the other tools built on it, fail on
    the whole document, not only on the field: one bad date from a scraper makes the
    file unreadable to them.

    ## Example
    ```
    publishedDateTime: 2024-02-30T09:00:00Z
    ```

    ## Fix safety
    Unsafe: quoting makes the value a string every loader reads, but the date is
    still wrong; correct it by hand where the source tells the real one.
    """
    for surprise, start, end in _surprises(doc, "invalid-timestamp"):
        text = surprise.node.value
        yield Diagnostic(start, end,
                         f"`{text}` is no valid date or time ({surprise.value}); YAML loaders "
                         f"fail on the whole document",
                         Fix.unsafe("quote the value", Edit(start, end, f'"{text}"')))


@rule("FM010", "unsafe-tag", severity="error")
def unsafe_tag(doc, ctx):
    """A YAML tag that would make an unsafe loader run code.

    ## What it does
    Flags `!!python/...` tags (object, apply, name, module...). lint-corpus only
    composes the YAML, so nothing is ever constructed from them.

    ## Why it matters
    `yaml.load` with an unsafe loader executes such tags, so a scraped document can
    carry code that runs on the machine of whoever loads the corpus.

    ## Example
    ```
    title: !!python/object/apply:os.system ["echo owned"]
    ```

    ## Fix safety
    No fix: remove the tag by hand after checking where the document came from.
    """
    fm = doc.front_matter
    if fm is None:
        return
    for node, tag in fm.yaml.bad_tags:
        if "python/" in tag:
            start, end = fm.span(node)
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            yield Diagnostic(start, end, f"unsafe tag `{_clip(shown)}` refused; nothing was "
                                         f"constructed from it")


@rule("FM011", "unknown-tag", severity="warning")
def unknown_tag(doc, ctx):
    """A YAML tag that safe loaders do not know.

    ## What it does
    Flags local tags such as `!include` or `!ruby/object` that are not among YAML's
    standard types.

    ## Why it matters
    Safe loaders (PyYAML's `safe_load`, most linters) reject the whole front matter
    with "could not determine a constructor"; other tools drop the value.

    ## Example
    ```
    body: !include other.md
    ```

    ## Fix safety
    No fix.
    """
    fm = doc.front_matter
    if fm is None:
        return
    for node, tag in fm.yaml.bad_tags:
        if "python/" not in tag:
            start, end = fm.span(node)
            yield Diagnostic(start, end, f"unknown tag `{_clip(tag)}`; safe YAML loaders "
                                         f"reject it")


@rule("FM012", "alias-expansion", severity="error")
def alias_expansion(doc, ctx):
    """Aliases that expand without bound (a "billion laughs" bomb) or refer to themselves.

    ## What it does
    Builds the front matter's values with a limit on how often aliases may be
    expanded, and stops at a recursive alias.

    ## Why it matters
    A few lines of anchors and aliases can expand to billions of nodes and exhaust
    the memory of whatever loads the corpus; a self-referencing alias never ends.

    ## Example
    ```
    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    ```

    ## Fix safety
    No fix.
    """
    fm = doc.front_matter
    if fm is None or fm.yaml.expansion is None:
        return
    node, kind = fm.yaml.expansion
    start, end = fm.span(node)
    if kind == "recursive":
        message = "alias refers to a node that contains it; the value is infinitely recursive"
    else:
        message = (f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} extra nodes "
                   f"(an alias bomb); the front matter was not expanded or validated")
    yield Diagnostic(start, min(end, start + 1), message)


@rule("FM013", "comment-in-value", severity="warning", fix="unsafe")
def comment_in_value(doc, ctx):
    """An unquoted ` #` cuts a value short: the rest is read as a comment.

    ## What it does
    Flags plain values followed on the same line by ` #` and text, such as
    `title: We are #1`, where YAML keeps only `We are`.

    ## Why it matters
    The value is silently truncated. Scraped titles with hashtags, issue numbers or
    rankings lose their end.

    ## Example
    ```
    title: Why we are #1 in the league
    ```
    loads as `title: Why we are`.

    ## Fix safety
    Unsafe: the fix quotes the whole line's text as the value, which is right unless
    the `#` really started a comment.
    """
    fm = doc.front_matter
    if fm is None:
        return
    for node, comment_at in fm.yaml.comment_cuts:
        start, _ = fm.span(node)
        hash_offset = fm.content_start + comment_at
        line_end = doc.line_span(doc.line_index(start))[1]
        whole = doc.text[start:line_end].rstrip()
        yield Diagnostic(hash_offset, line_end,
                         f"` #` starts a comment here, so the value is cut to "
                         f"`{_clip(node.value)}`; quote the whole value",
                         Fix.unsafe("quote the whole value",
                                    Edit(start, start + len(whole), yaml_scalar(whole, '"'))))


@rule("FM014", "anchor-in-value", severity="warning", fix="unsafe")
def anchor_in_value(doc, ctx):
    """A value starting with `&` loses its first word to a YAML anchor.

    ## What it does
    Flags plain values that begin with `&word`, which YAML reads as an anchor name
    and drops from the value (when no alias uses that anchor).

    ## Why it matters
    `title: &Co announce results` loads as `announce results`, silently.

    ## Example
    ```
    title: &Co announce results
    ```

    ## Fix safety
    Unsafe: the fix quotes the whole text as the value.
    """
    fm = doc.front_matter
    if fm is None:
        return
    for node in fm.yaml.anchor_eaten:
        start, end = fm.span(node)
        whole = doc.text[start:end]
        yield Diagnostic(start, end,
                         f"`&` starts a YAML anchor, so the value loads as `{_clip(node.value)}`; "
                         f"quote the whole value",
                         Fix.unsafe("quote the whole value", Edit(start, end,
                                                                  yaml_scalar(whole, '"'))))


@rule("FM015", "missing-opening-delimiter", severity="error", fix="unsafe")
def missing_opening_delimiter(doc, ctx):
    """Front matter keys at the top of the file with a closing `---` but no opening one.

    ## What it does
    Flags a document that starts with `key: value` lines that parse as a YAML
    mapping and end at a `---` line, without the `---` that must open front matter.

    ## Why it matters
    Parsers see no front matter: the metadata becomes body text, and the closing
    `---` renders as a horizontal rule.

    ## Example
    ```
    title: "A headline"
    date: "2021-06-30"
    ---
    Body text.
    ```

    ## Fix safety
    Unsafe: the fix inserts `---` on a new first line, which turns the lines into
    metadata, as they appear to be meant.
    """
    if doc.front_matter is not None:
        return
    start = 1 if doc.text.startswith(UTF8_BOM) else 0
    if not _KEY_VALUE.match(doc.text[start:start + 200]):
        return
    closer = _DELIMITER_LINE.search(doc.text, start, start + 20000)
    if closer is None:
        return
    block = doc.text[start:closer.start()]
    if not _parses_as_mapping(block, minimum_keys=2):
        return
    yield Diagnostic(start, start + block.find(":") + 1,
                     f"these lines look like front matter closed by `---` on line "
                     f"{_line_no(doc, closer.start())}, but the opening `---` is missing",
                     Fix.unsafe("insert the opening `---`",
                                Edit.insert(start, "---" + doc.newline)))


@rule("FM016", "front-matter-not-at-start", severity="error", fix="unsafe")
def front_matter_not_at_start(doc, ctx):
    """A front matter block preceded by blank lines.

    ## What it does
    Flags a `---` block of YAML keys that would be front matter, but does not start
    on the file's first line.

    ## Why it matters
    Front matter must open on line 1. After a blank line, parsers read the block as
    body text with a horizontal rule.

    ## Example
    ```

    ---
    title: "A headline"
    ---
    ```

    ## Fix safety
    Unsafe: removing the blank lines turns the block into metadata, as it appears to
    be meant.
    """
    if doc.front_matter is not None:
        return
    start = 1 if doc.text.startswith(UTF8_BOM) else 0
    stripped = doc.text[start:start + 1000].lstrip(" \t\r\n")
    if not stripped.startswith("---"):
        return
    offset = len(doc.text[start:start + 1000]) - len(stripped) + start
    line_start = doc.line_starts[doc.line_index(offset)]
    if line_start != offset:
        return  # indented: not a delimiter
    block = split_front_matter(doc.text, offset)
    if block is None or not block.closed or not _parses_as_mapping(block.content, 1):
        return
    yield Diagnostic(offset, offset + 3,
                     f"front matter starts on line {_line_no(doc, offset)}, but must start on "
                     f"line 1",
                     Fix.unsafe("remove the blank lines before it", Edit.delete(start, offset)))


@rule("FM017", "invalid-toml-front-matter", severity="error")
def invalid_toml_front_matter(doc, ctx):
    """TOML front matter between `+++` lines that does not parse, or is never closed.

    ## What it does
    Hugo and Zola pages open with TOML between `+++` lines. lint-corpus reads that
    block with Python's `tomllib`, validates its values against the schema like YAML
    front matter, and never treats its lines as body text. This rule reports the TOML
    parser's error at its line and column in the file, and a block whose closing
    `+++` is missing (it is then read up to the first blank line).

    ## Why it matters
    A block that does not parse loses every field, and the site generator stops on
    it; without its closing `+++` the body becomes part of the metadata.

    ## Example
    ```
    +++
    title = A headline
    +++
    ```
    gives "Invalid value" on line 2: TOML strings need quotes.

    ## Fix safety
    No fix: the intended value cannot be known for sure.
    """
    block = doc.toml_front_matter
    if block is None:
        return
    if not block.closed:
        read = (f"; it is read up to line {_line_no(doc, block.content_end - 1)}"
                if block.content.strip() else " and holds nothing")
        yield Diagnostic(block.start, block.start + 3,
                         f"TOML front matter opened with `+++` is never closed{read}")
    error = block.parsed[1]
    if error is not None:
        yield Diagnostic(error.offset, error.offset + 1, f"TOML syntax error: {error.message}")


def _parses_as_mapping(text: str, minimum_keys: int) -> bool:
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        return False
    return isinstance(node, MappingNode) and len(node.value) >= minimum_keys and all(
        isinstance(k, ScalarNode) for k, _ in node.value)
