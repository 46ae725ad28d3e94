"""Built-in rules, one module per family.

Each rule is a function decorated with ``@rule(code, name, ...)`` whose docstring is
its documentation: the first line is the summary, the rest the explanation (What it
does / Why it matters / Example / Fix safety). A check reads one ``Document`` and
yields ``Diagnostic``s; it never reads files or prints.

    encoding     ENC  how the bytes decode
    frontmatter  FM   the front matter block and its YAML
    schema       SCH  JSON Schema validation of the front matter
    text         TXT  text hygiene: mojibake, control characters, whitespace
    chrome       CH   site chrome in bodies and front matter fields (see page.py)
    trailing     TRL  off-topic last lines
    duplicates   DUP  paragraphs repeated in a document
    html         HTML leftover markup
    truncation   TRC  text cut off mid-word or mid-sentence
    tables       TBL  malformed Markdown tables, and HTML tables to convert
    internal     LC   files that could not be read, rules that failed

Declarative rules live in YAML packs (``rules/`` at the top level, and user packs),
loaded by ``lint_corpus/packs.py``.
"""
