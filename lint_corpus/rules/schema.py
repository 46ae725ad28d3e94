"""SCH: front matter validated against a JSON Schema (``--schema`` or the config).

The validation runs once per document; each rule reports one kind of error, so
kinds can be selected, ignored or given their own severity.
"""

from __future__ import annotations

from lint_corpus.model import Diagnostic, rule
from lint_corpus.schema import SchemaIssue, validate


def _issues(doc, ctx, kind: str):
    if ctx.schema is None:
        return
    fm = doc.front_matter or doc.toml_front_matter
    if fm is None:
        return  # documents without front matter (plain articles) are not records
    key = f"schema:{ctx.schema.path}"
    issues: list[SchemaIssue] | None = doc.shared.get(key)
    if issues is None:
        issues = validate(fm, ctx.schema)
        doc.shared[key] = issues
    for issue in issues:
        if issue.kind == kind:
            yield Diagnostic(issue.start, issue.end, issue.message)


@rule("SCH001", "missing-required-key", severity="error")
def missing_required_key(doc, ctx):
    """The front matter lacks a key that the schema requires.

    ## What it does
    Reports each missing required key on the first line of the mapping that should
    hold it: the front matter itself, or a nested object such as `provider`.

    ## Why it matters
    Records without a title, URL or date break the tools and indexes built on the
    corpus, and usually mean the scraper lost part of the page.

    ## Example
    With `required: [title, webUrl]` in the schema:
    ```
    ---
    title: "A headline"
    ---
    ```
    reports "missing required key `webUrl`" on line 2.

    ## Fix safety
    No fix.
    """
    yield from _issues(doc, ctx, "required")


@rule("SCH002", "wrong-type", severity="error")
def wrong_type(doc, ctx):
    """A front matter value has the wrong type for the schema.

    ## What it does
    Reports values whose JSON type differs from the schema's `type`, at the value's
    line and column, showing the value (shortened).

    ## Why it matters
    Types that drift between files (a list here, a string or null there) break every
    consumer that trusts the field.

    ## Example
    ```
    quality: "high"     # the schema wants an integer
    ```

    ## Fix safety
    No fix.
    """
    yield from _issues(doc, ctx, "type")


@rule("SCH003", "invalid-format", severity="error")
def invalid_format(doc, ctx):
    """A value does not match its declared format (date-time, uri, email...).

    ## What it does
    Checks JSON Schema `format`s for real: lint-corpus installs the checkers that
    jsonschema otherwise skips silently, so a bad date or URL is always reported.
    Unquoted timestamps are checked as the text you wrote.

    ## Why it matters
    Broken dates and URLs sort, filter and link wrongly, and scraping damage such as
    `https://example.com/a\u00e2\u20ac\u201cb` hides in them.

    ## Example
    ```
    publishedDateTime: "07/12/2020"    # not an RFC 3339 date-time
    webUrl: "example.com/story"        # not an absolute URI
    ```

    ## Fix safety
    No fix.
    """
    yield from _issues(doc, ctx, "format")


@rule("SCH004", "unknown-key", severity="warning")
def unknown_key(doc, ctx):
    """A key that the schema does not allow (``additionalProperties: false``).

    ## What it does
    Reports each key that a closed schema object does not list, at the key itself.

    ## Why it matters
    Unknown keys are often misspellings (`pubishedDateTime`) whose value is then
    missing where it is expected.

    ## Example
    ```
    titel: "A headline"
    ```

    ## Fix safety
    No fix.
    """
    yield from _issues(doc, ctx, "additional")


@rule("SCH005", "schema-violation", severity="error")
def schema_violation(doc, ctx):
    """Any other schema error: enum, pattern, range, length, const, dependencies...

    ## What it does
    Reports the schema errors that the other SCH rules do not cover, at the value's
    line and column. Inside `anyOf`/`oneOf` it reports the branch that matched best.

    ## Why it matters
    The schema is the contract of the corpus: a value outside it is a value its
    consumers do not expect.

    ## Example
    ```
    type: podcast      # the schema allows article or video
    ```

    ## Fix safety
    No fix.
    """
    yield from _issues(doc, ctx, "other")
