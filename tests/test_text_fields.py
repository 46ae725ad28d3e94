"""The one walk over front matter text fields that CH006, HTML002 and TRC001 share."""

from __future__ import annotations

import pytest

from lint_corpus.document import Document
from lint_corpus.frontmatter import text_fields


def _fields(front_matter: str):
    doc = Document.from_bytes(f"---\n{front_matter}---\nBody.\n".encode(), "a.md")
    return text_fields(doc.front_matter.yaml)


@pytest.mark.parametrize("front_matter, labels", [
    pytest.param('title: "Harbour reopens"\ncount: 3\nlive: true\n', ["title"],
                 id="only-strings"),
    pytest.param("provider:\n  name: Coast Post\n  domain: coast.example\n",
                 ["provider.name", "provider.domain"], id="nested-mapping"),
    pytest.param("related:\n  - title: One\n    excerpt: First.\n  - title: Two\n",
                 ["related[0].title", "related[0].excerpt", "related[1].title"],
                 id="list-of-mappings"),
    pytest.param("tags: [a, b]\ntitle: T\n", ["title"], id="list-items-are-not-fields"),
    pytest.param("a: &promo Read more here\nb: *promo\n", ["a"], id="alias-walked-once"),
    pytest.param("base: &x\n  title: Shared\ncopy: *x\nown: Text\n", ["base.title", "own"],
                 id="aliased-mapping-walked-once"),
    pytest.param("? [a, b]\n: value\nkey: kept\n", ["key"], id="complex-key-skipped"),
    pytest.param("title: 'Quoted'\nwhen: 2021-06-01\n", ["title"], id="timestamp-is-not-text"),
])
def test_labels_in_document_order(front_matter, labels):
    assert [field.label for field in _fields(front_matter)] == labels


def test_owner_is_the_mapping_data():
    fields = _fields("related:\n  - title: One\n    provider: X\n")
    assert fields[0].owner == {"title": "One", "provider": "X"}
    assert fields[0].key.value == "title" and fields[0].node.value == "One"


def test_walked_once_per_document():
    doc = Document.from_bytes(b"---\ntitle: T\n---\n", "a.md")
    assert text_fields(doc.front_matter.yaml) is text_fields(doc.front_matter.yaml)


def test_broken_yaml_has_no_fields():
    assert _fields("title: [unclosed\n") == []
