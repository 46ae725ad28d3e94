"""LC: problems of the run itself: files that could not be read, rules that failed."""

from __future__ import annotations

from lint_corpus.model import Diagnostic, rule


@rule("LC001", "internal-error", severity="error")
def internal_error(doc, ctx):
    """A rule raised an exception on this document.

    ## What it does
    When a rule (built-in, plugin or pack) fails on one document, the engine records
    this finding for that document, naming the rule and the exception, and goes on
    with the other rules and documents. This function itself reports nothing: the
    engine creates the finding where the failure happens.

    ## Why it matters
    One odd document or one buggy plugin must not stop a run over a whole corpus, and
    must not pass silently either: the document was not fully checked.

    ## Example
    `notes/x.md:1:1: LC001 rule CH001 (chrome-line) failed on this document: KeyError: 'x'`

    ## Fix safety
    No fix. Report the bug to the rule's author, with the document if you can.
    """
    return iter(())


def _read_problem(doc, kind: str):
    if doc.read_problem is not None and doc.read_problem[0] == kind:
        yield Diagnostic(0, 0, doc.read_problem[1])


@rule("LC002", "file-too-large", severity="warning")
def file_too_large(doc, ctx):
    """The file is larger than `max-file-size` and was skipped.

    ## What it does
    Skips files over the size limit (10 MiB by default; `max-file-size` in the
    config, `--max-file-size` on the command line) without reading them.

    ## Why it matters
    A multi-gigabyte dump mistaken for a document would stall the run and exhaust
    memory; skipping it openly keeps the run fast and the gap visible.

    ## Example
    `dump/all.txt:1:1: LC002 file is 2,147,483,648 bytes, over the limit of 10,485,760`

    ## Fix safety
    No fix.
    """
    yield from _read_problem(doc, "too-large")


@rule("LC003", "unreadable-file", severity="error")
def unreadable_file(doc, ctx):
    """The file could not be read (permissions, a broken link, an I/O error).

    ## What it does
    Reports the operating system's reason and goes on with the other files.

    ## Why it matters
    A document that cannot be read is a document nobody checked.

    ## Example
    `private/a.md:1:1: LC003 cannot read file: Permission denied`

    ## Fix safety
    No fix.
    """
    yield from _read_problem(doc, "unreadable")


@rule("LC004", "unwritable-file", severity="error")
def unwritable_file(doc, ctx):
    """`fix` could not write its changes to the file.

    ## What it does
    When `lint-corpus fix` has changes for a file but cannot replace it (the file is
    read-only, or its folder is not writable), it records this finding, leaves the
    file exactly as it was and goes on with the other files. Like LC001, the finding
    is created where the failure happens, by the fixer.

    ## Why it matters
    A fix that silently did not land would make the corpus look cleaner than it is.

    ## Example
    `archive/a.md:1:1: LC004 cannot write fixes: Permission denied; file left unchanged`

    ## Fix safety
    No fix: make the file writable (or check why it is read-only) and run `fix` again.
    """
    return iter(())
