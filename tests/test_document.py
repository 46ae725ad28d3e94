"""Document: decoding, the line index, front matter and body spans, YAML helpers."""

from __future__ import annotations

import codecs

import pytest
import yaml
from conftest import to_document

from lint_corpus.document import Document
from lint_corpus.frontmatter import field_nodes, split_front_matter, yaml_scalar


@pytest.mark.parametrize("text, count", [
    ("", 1),
    ("one", 1),
    ("one\n", 1),
    ("one\ntwo", 2),
    ("one\ntwo\n", 2),
    ("one\r\ntwo\r\n", 2),
    ("\n\n", 2),
])
def test_line_count(text, count):
    assert Document(text).line_count == count


@pytest.mark.parametrize("text, offset, position", [
    ("ab\ncd\n", 0, (1, 1)),
    ("ab\ncd\n", 2, (1, 3)),  # the line break belongs to its line
    ("ab\ncd\n", 3, (2, 1)),
    ("ab\ncd\n", 4, (2, 2)),
    ("ab\r\ncd\n", 4, (2, 1)),
    ("\u00e9\u00e9x\n", 2, (1, 3)),  # columns count characters, not bytes
    ("ab", 99, (1, 3)),  # clamped to the end
    ("\ufeff---\n", 1, (1, 1)),  # a byte order mark takes no column
    ("\ufeff---\n", 2, (1, 2)),
    ("\ufeffab\ncd", 5, (2, 2)),  # ...and only on the first line
])
def test_position(text, offset, position):
    assert Document(text).position(offset) == position


def test_line_span_and_text_strip_crlf():
    doc = Document("first\r\nsecond\nthird")
    assert doc.line_span(0) == (0, 5, 7)
    assert doc.line_text(0) == "first"
    assert doc.line_span(1) == (7, 13, 14)
    assert doc.line_text(2) == "third"
    assert doc.offset_of(2, 3) == 9


@pytest.mark.parametrize("text, newline", [
    ("a\nb\n", "\n"),
    ("a\r\nb\r\n", "\r\n"),
    ("a\r\nb\r\nc\n", "\r\n"),
    ("a\r\nb\nc\n", "\n"),
    ("no break", "\n"),
])
def test_dominant_newline(text, newline):
    assert Document(text).newline == newline


@pytest.mark.parametrize("path, markdown", [
    ("a.md", True), ("A.MARKDOWN", True), ("notes.mdown", True), ("a.txt", False),
    ("md", False),
])
def test_is_markdown(path, markdown):
    assert Document("", path).is_markdown is markdown


# -- front matter spans ---------------------------------------------------------------

# (text, content, body, closed, closer)
SPLITS = [
    ("---\ntitle: x\n---\nbody\n", "title: x\n", "body\n", True, "---"),
    ("---\ntitle: x\n...\nbody\n", "title: x\n", "body\n", True, "..."),
    ("---  \ntitle: x\n---\t\nbody\n", "title: x\n", "body\n", True, "---"),
    ("---\r\ntitle: x\r\n---\r\nbody\r\n", "title: x\r\n", "body\r\n", True, "---"),
    ("---\n---\nbody\n", "", "body\n", True, "---"),
    ("---\ntitle: x\n---", "title: x\n", "", True, "---"),
    ("---\ntitle: x\nBody line.\n", "title: x\n", "Body line.\n", False, ""),
    ("---\ntitle: x\n  - item\n# c\nBody.\n", "title: x\n  - item\n# c\n", "Body.\n", False, ""),
]


@pytest.mark.parametrize("text, content, body, closed, closer", SPLITS)
def test_front_matter_split(text, content, body, closed, closer):
    doc = Document(text)
    fm = doc.front_matter
    assert fm is not None
    assert (fm.content, doc.body, fm.closed, fm.closer) == (content, body, closed, closer)


@pytest.mark.parametrize("text", [
    "no front matter\n",
    "----\ntitle: x\n",
    "--- title: x\n---\n",
    " ---\ntitle: x\n---\n",
    "\n---\ntitle: x\n---\n",
])
def test_no_front_matter(text):
    doc = Document(text)
    assert doc.front_matter is None
    assert doc.body == text


def test_bom_is_kept_in_text_and_skipped_by_the_front_matter():
    doc = to_document(b"\xef\xbb\xbf---\ntitle: x\n---\nbody\n")
    assert doc.text.startswith("\ufeff")
    assert doc.front_matter.content == "title: x\n"
    assert doc.body == "body\n"
    assert doc.encode() == b"\xef\xbb\xbf---\ntitle: x\n---\nbody\n"


def test_bom_without_front_matter_is_not_body():
    doc = to_document(b"\xef\xbb\xbfHello\n")
    assert doc.body_start == 1 and doc.body == "Hello\n"


def test_stray_closer_ends_the_block():
    fm = split_front_matter("---\ntitle: x\n---Body\n")
    assert not fm.closed
    assert fm.stray_closer == 13
    assert fm.content == "title: x\n"


@pytest.mark.parametrize("text, content, closer, closed, body", [
    ("---\n---\nbody\n", "", "---", True, "body\n"),  # closed on the very next line
    ("---\r\ntitle: x\r\n...\r\nbody", "title: x\r\n", "...", True, "body"),
    ("---\ntitle: x\n---", "title: x\n", "---", True, ""),  # closer at the end of the file
    ("---\ntitle: x\n----\n---\n", "title: x\n----\n", "---", True, ""),
    # Unclosed: the block ends where the lines stop looking like YAML.
    ("---\ntitle: x\n --- \nbody\n", "title: x\n --- \n", "", False, "body\n"),
    ("---", "", "", False, ""),
    ("---\n", "", "", False, ""),
])
def test_front_matter_block_edges(text, content, closer, closed, body):
    fm = split_front_matter(text)
    assert (fm.content, fm.closer, fm.closed) == (content, closer, closed)
    assert text[fm.end:] == body


def test_body_lines_are_spans_of_body_lines_only():
    doc = Document("---\na: 1\n---\nfirst\n\nthird")
    lines = [doc.text[s:e] for s, e, _ in doc.body_lines]
    assert lines == ["first", "", "third"]
    assert doc.line_index(doc.body_lines[0][0]) == 3


def test_body_lines_empty_when_there_is_no_body():
    assert Document("---\na: 1\n---\n").body_lines == []


# -- decoding -------------------------------------------------------------------------


def test_undecodable_bytes_survive_a_round_trip():
    data = b"ok\ncaf\xe9 \x80\n"
    doc = to_document(data)
    assert doc.decode_problem.offset == 6
    assert doc.decode_problem.byte == 0xE9
    assert doc.decode_problem.count == 2
    assert doc.encode() == data


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
])
def test_utf16(bom, codec):
    data = bom + "---\ntitle: \u00e9t\u00e9\n---\n".encode(codec)
    doc = Document.from_bytes(data, "x.md")
    assert doc.encoding == codec
    assert doc.front_matter.content == "title: \u00e9t\u00e9\n"
    assert doc.encode() == data
    assert doc.raw_size == len(data)


# -- YAML helpers ------------------------------------------------------------------------


def test_lookup_follows_paths_and_the_last_duplicate():
    doc = Document("---\nprovider:\n  name: A\n  name: B\nrelated:\n  - title: T\n---\n")
    fm = doc.front_matter
    key, value = fm.lookup(["provider", "name"])
    assert value.value == "B"
    assert doc.position(fm.span(key)[0]) == (4, 3)
    _, title = fm.lookup(["related", 0, "title"])
    assert doc.position(fm.span(title)[0]) == (6, 12)
    # A path that goes nowhere stops at the deepest node found.
    _, node = fm.lookup(["provider", "missing"])
    assert doc.position(fm.span(node)[0]) == (3, 3)


def test_field_nodes_with_wildcards():
    doc = Document('---\nrelated:\n  - title: "A"\n  - title: B\n  - other: 1\nexcerpt: E\n---\n')
    fm = doc.front_matter
    assert [(label, n.value) for label, n in field_nodes(fm, "related.*.title")] == [
        ("related[0].title", "A"), ("related[1].title", "B")]
    assert [label for label, _ in field_nodes(fm, "related[*].title")] == [
        "related[0].title", "related[1].title"]
    assert [n.value for _, n in field_nodes(fm, "excerpt")] == ["E"]
    assert field_nodes(fm, "related") == []  # not a scalar


@pytest.mark.parametrize("value", [
    "plain words", "yes", "no", "10:00", "0755", "2020-12-07T16:22:00Z", "a: b", "x #1",
    "[bracket] - guide", "@handle", "&anchor", "*star", "quote \" and \\ back", "tab\there",
    "line\nbreak", "", "  padded  ", "null", "~", "caf\u00e9 \u2019", "\u0085nel", "ends:",
])
@pytest.mark.parametrize("style", [None, '"', "'"])
def test_yaml_scalar_loads_back_as_the_same_string(value, style):
    written = yaml_scalar(value, style)
    assert yaml.safe_load(f"key: {written}\n") == {"key": value}


@pytest.mark.parametrize("body,expected", [
    ("text\n```\ncode\n```\ntext\n", [0, 1, 1, 1, 0]),
    # A fence closes only at the same character, at least as long.
    ("~~~~\n```\n<b>x</b>\n```\n~~~\nstill\n~~~~\nout\n", [1, 1, 1, 1, 1, 1, 1, 0]),
    ("````\n```\n````\nout\n", [1, 1, 1, 0]),
    ("   ```\nindented fence\n```\nout\n", [1, 1, 1, 0]),
    # Inside a list item a fence is indented to the item's text.
    ("1. Step:\n\n    ```bash\n    git pull\n    ```\nout\n", [0, 0, 1, 1, 1, 0]),
    # A code span on one line opens nothing.
    ("```inline``` code\ntext\n", [0, 0]),
    ("```\nunclosed runs to the end\n", [1, 1]),
])
def test_fenced_lines(body, expected):
    doc = to_document("---\ntitle: x\n---\n" + body)
    assert [int(f) for f in doc.fenced] == expected
