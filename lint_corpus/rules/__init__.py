"""Built-in rules, one module per family.

Each rule is a function decorated with ``@rule(code, name, ...)`` whose docstring is
its documentation: the first line is the summary, the rest the explanation (What it
does / Why it matters / Example / Fix safety). A check reads one ``Document`` and
yields ``Diagnostic``s; it never reads files or prints.

    encoding     ENC  how the bytes decode
    frontmatter  FM   the front matter block and its YAML
    schema       SCH  JSON Schema validation of the front matter
    text         TXT  text hygiene: mojibake, control characters, whitespace
    internal     LC   files that could not be read, rules that failed
"""
