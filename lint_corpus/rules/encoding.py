"""ENC: how the file's bytes decode."""

from __future__ import annotations

from lint_corpus.document import UTF8_BOM
from lint_corpus.model import Diagnostic, Edit, Fix, rule

# Bytes that Windows-1252 leaves undefined; a file holding them is not cp1252 either.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


@rule("ENC001", "utf8-bom", severity="warning", fix="safe")
def utf8_bom(doc, ctx):
    """The file starts with a UTF-8 byte order mark.

    ## What it does
    Flags a UTF-8 byte order mark (the bytes `EF BB BF`) at the start of a file.
    lint-corpus still recognises the front matter after it.

    ## Why it matters
    Many static-site generators and front matter parsers only look for `---` at byte
    0. With a BOM in front, they treat the whole front matter as body text, and the
    document silently loses its title, dates and URLs.

    ## Example
    A file whose first bytes are `EF BB BF 2D 2D 2D` (`\\ufeff---`).

    ## Fix safety
    Safe: removing the mark changes no visible character.
    """
    if doc.encoding == "utf-8" and doc.text.startswith(UTF8_BOM):
        yield Diagnostic(0, 1, "UTF-8 byte order mark at the start of the file",
                         Fix.safe("remove the byte order mark", Edit.delete(0, 1)))


@rule("ENC002", "undecodable-bytes", severity="error", fix="unsafe")
def undecodable_bytes(doc, ctx):
    """The file holds bytes that are not valid UTF-8.

    ## What it does
    Reports the line and column of the first byte that does not decode, and how many
    such bytes the file holds. When every bad byte is a Windows-1252 character (the
    usual cause: a page saved in a legacy encoding), it offers to re-decode them.

    ## Why it matters
    Tools downstream either crash on the file or replace the bytes with `�`,
    losing the characters for good.

    ## Example
    `caf\\xe9` (Latin-1 for "café") inside an otherwise UTF-8 file.

    ## Fix safety
    Unsafe: the fix guesses that the bytes are Windows-1252. `lint-corpus fix` never
    rewrites a file that still holds undecodable bytes, so without this fix such files
    are left exactly as they are.
    """
    problem = doc.decode_problem
    if problem is None:
        return
    more = f" ({problem.count} undecodable bytes in the file)" if problem.count > 1 else ""
    message = (f"byte 0x{problem.byte:02x} is not valid {doc.encoding.upper()}{more}; "
               f"`fix` leaves this file unchanged until the bytes are repaired")
    yield Diagnostic(problem.offset, problem.offset + 1, message, _redecode_fix(doc.text))


def _redecode_fix(text: str) -> Fix | None:
    edits = []
    for index, char in enumerate(text):
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            byte = code - 0xDC00
            if byte in _CP1252_UNDEFINED:
                return None
            edits.append(Edit(index, index + 1, bytes([byte]).decode("cp1252")))
    if not edits:
        return None
    return Fix.unsafe("re-decode the bad bytes as Windows-1252", *edits)
