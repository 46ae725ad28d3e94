"""HTML001 (markup in the body) and HTML002 (markup in front matter fields)."""

from __future__ import annotations

import pytest
import yaml
from conftest import fix_text, lint_text, make_settings

from lint_corpus.model import Applicability

HTML = ["HTML"]


# (text, path, [(line, column)], text after the fix; the fixes are safe)
INVALID_BODY = [
    pytest.param("The council met on Tuesday.<br>It voted &quot;yes&quot; on the plan.\n", "a.txt",
                 [(1, 28)], "The council met on Tuesday. It voted \"yes\" on the plan.\n",
                 id="br-and-entities"),
    pytest.param('<p class="lead">Rain is expected across the valley tonight.</p>\n', "a.txt",
                 [(1, 1)], "Rain is expected across the valley tonight.\n", id="paragraph-tags"),
    pytest.param("Farmers&#8217; markets reopen on Saturday &amp; Sunday.\n", "a.txt", [(1, 8)],
                 "Farmers\u2019 markets reopen on Saturday & Sunday.\n", id="numeric-entity"),
    pytest.param('Click the photo style="width:100%" to enlarge it.\n', "a.txt", [(1, 17)],
                 "Click the photo to enlarge it.\n", id="stray-attribute"),
    pytest.param('class="caption" style="color:grey">The old pier at dusk.\n', "a.txt",
                 [(1, 1)], "The old pier at dusk.\n", id="attributes-of-a-broken-tag"),
    pytest.param('The pier <img src="pier.jpg" alt="Pier" at dusk.\n', "a.txt", [(1, 10)],
                 "The pier at dusk.\n", id="tag-cut-before-its-end"),
    pytest.param('[caption id="attachment_12" align="alignleft"]The old pier at dusk[/caption]\n',
                 "a.txt", [(1, 1)], "The old pier at dusk\n", id="shortcode"),
    pytest.param("Intro line of the story.\n<div>\nA paragraph of text inside.\n</div>\n", "a.txt",
                 [(2, 1), (4, 1)], "Intro line of the story.\nA paragraph of text inside.\n",
                 id="markup-only-lines"),
    pytest.param('---\ntitle: "Pier reopens"\n---\nThe pier <span class="x">reopened</span> '
                 "today.\n", "a.txt", [(4, 10)],
                 '---\ntitle: "Pier reopens"\n---\nThe pier reopened today.\n',
                 id="after-front-matter"),
    pytest.param("Tides &amp; currents are stronger in spring.\n", "a.md", [(1, 7)],
                 "Tides & currents are stronger in spring.\n", id="entity-in-markdown-is-safe"),
]


@pytest.mark.parametrize("text, path, expected, fixed", INVALID_BODY)
def test_markup_in_the_body_becomes_text(text, path, expected, fixed):
    findings = lint_text(text, path=path, select=HTML)
    assert [(f.code, f.line, f.column) for f in findings] == [("HTML001", *e) for e in expected]
    assert all(f.fix.applicability is Applicability.SAFE for f in findings)
    assert fix_text(text, path=path, select=HTML) == fixed
    assert lint_text(fixed, path=path, select=HTML) == []


def test_inline_tags_in_markdown_are_an_unsafe_fix():
    text = "The mayor said the plan was <b>not</b> final.\n"
    (finding,) = lint_text(text, path="a.md", select=HTML)
    assert finding.fix.applicability is Applicability.UNSAFE
    assert fix_text(text, path="a.md", select=HTML) == text
    assert fix_text(text, path="a.md", select=HTML, unsafe=True) == \
        "The mayor said the plan was not final.\n"


def test_message_names_the_markup():
    (finding,) = lint_text('A <span class="x">word</span> &amp; more.\n', path="a.txt",
                           select=HTML)
    assert "`<span class=\"x\">`" in finding.message and "2 more" in finding.message


VALID_BODY = [
    pytest.param("Use `<br>` to break a line in HTML and `&amp;` for an ampersand.\n", "a.md",
                 id="code-spans"),
    pytest.param("Some text first.\n\n```html\n<div class=\"box\">Tom &amp; Jerry</div>\n```\n",
                 "a.md", id="fenced-code"),
    pytest.param("Some text first.\n\n~~~\n<p style=\"x\">[button link=\"y\"]</p>\n~~~\n", "a.md",
                 id="tilde-fence"),
    pytest.param("Some text.\n<!-- lint-corpus: disable-next-line CH001 -->\nShare this.\n",
                 "a.md", id="suppression-comment"),
    pytest.param("Some text.\n<!-- an editor's note: <b>check</b> &amp; fix -->\nMore text.\n",
                 "a.txt", id="html-comment"),
    pytest.param("Results below.\n<table><tr><td>North</td><td>12</td></tr></table>\n", "a.txt",
                 id="table-markup"),
    pytest.param("Results below.\n<table>\n<thead><tr><th>Pier</th></tr></thead>\n<tbody>\n"
                 "<tr><td>North</td></tr>\n</tbody>\n</table>\n", "a.md", id="table-markup-lines"),
    pytest.param("See note [1], the [sic] remark and [Related: Pier plans].\n", "a.txt",
                 id="square-brackets"),
    pytest.param("Fish & chips cost less than 5 < 6 pounds, and x = 3 here.\n", "a.txt",
                 id="bare-ampersand-and-comparison"),
    pytest.param("Write to <jane@example.org> or see <https://harbour.example/plan>.\n", "a.md",
                 id="markdown-autolinks"),
    pytest.param("Cast the line, then reel in: 3 > 2 and 2 < 3.\n", "a.txt",
                 id="spaced-comparisons"),
    pytest.param("Press <Enter> to continue the installation.\n", "a.txt",
                 id="angle-bracket-placeholder"),
    pytest.param("The rule holds when a<b and b>c for every pair.\n", "a.txt",
                 id="comparison-without-spaces"),
]


@pytest.mark.parametrize("text, path", VALID_BODY)
def test_no_markup_reported(text, path):
    assert lint_text(text, path=path, select=HTML) == []


# -- HTML002: front matter fields ------------------------------------------------------

RECORD = """---
title: "Tom &amp; Jerry <b>return</b> to the pier"
excerpt: "The cartoon festival comes back to the old pier this summer."
webUrl: "https://pier.example/festival?day=1&amp;lang=en"
featuredContent: "<p>Festival &amp; fair</p>"
content: "<div class=\\"intro\\">Cartoons on the pier</div>"
provider:
  name: "Pier &amp; Harbour News"
  domain: pier.example
related:
  - title: "Farmers&#8217; market reopens"
    ampWebUrl: "https://pier.example/amp?x=1&amp;y=2"
tags:
  - festival
---
The festival opens on Friday.
"""


def _front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_fields_with_markup_are_reported():
    findings = lint_text(RECORD, path="a.md", select=["HTML002"])
    assert [(f.line, f.column) for f in findings] == [(2, 8), (8, 9), (11, 12)]
    assert "`title`" in findings[0].message
    assert all(f.fix.applicability is Applicability.SAFE for f in findings)


def test_field_fix_keeps_yaml_and_every_key():
    fixed = fix_text(RECORD, path="a.md", select=["HTML002"])
    before, after = _front(RECORD), _front(fixed)
    assert after["title"] == "Tom & Jerry return to the pier"
    assert after["provider"]["name"] == "Pier & Harbour News"
    assert after["related"][0]["title"] == "Farmers\u2019 market reopens"
    # html-fields and URL fields keep their markup; everything else is as it was.
    for key in ("excerpt", "webUrl", "featuredContent", "content", "tags"):
        assert after[key] == before[key]
    assert after["related"][0]["ampWebUrl"] == before["related"][0]["ampWebUrl"]
    assert set(after) == set(before) and set(after["provider"]) == set(before["provider"])
    assert fixed.endswith("---\nThe festival opens on Friday.\n")
    assert lint_text(fixed, path="a.md", select=["HTML002", "FM"]) == []


def test_html_fields_setting_decides_which_fields_are_exempt():
    settings = make_settings(html_fields=["title"])
    settings.select = ["HTML002"]
    lines = [f.line for f in lint_text(RECORD, path="a.md", settings=settings)]
    assert 2 not in lines and 5 in lines and 6 in lines


@pytest.mark.parametrize("front", [
    pytest.param('title: "Tom and Jerry return to the pier"\n', id="plain"),
    pytest.param('title: "Fish & chips by the pier"\n', id="bare-ampersand"),
    pytest.param('title: "Why 5 < 6 matters for tide tables"\n', id="comparison"),
    pytest.param('featuredContent: "<p>Festival &amp; fair</p>"\n', id="html-field"),
    pytest.param('content: "<div>Cartoons</div>"\n', id="content-field"),
    pytest.param('webUrl: "https://pier.example/?a=1&amp;b=2"\n', id="url-field"),
    pytest.param('count: 3\nflag: true\n', id="no-strings"),
])
def test_clean_fields_are_not_reported(front):
    text = "---\n" + front + "---\nBody text.\n"
    assert lint_text(text, path="a.md", select=["HTML002"]) == []
