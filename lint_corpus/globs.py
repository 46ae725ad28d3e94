"""Glob patterns over relative POSIX paths, compiled once.

``*`` and ``?`` stay inside one folder, ``**`` crosses folders, and a pattern
without a slash matches a file or folder name at any depth (as in .gitignore).
A path matches when it, or any folder above it, matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _translate(pattern: str) -> str:
    out, i, n = [], 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "*":
            if pattern.startswith("**", i):
                i += 2
                if i < n and pattern[i] == "/":
                    i += 1
                    out.append("(?:.*/)?")
                else:
                    out.append(".*")
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            close = pattern.find("]", i + 1)
            if close < 0:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : close]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = close
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


class GlobSet:
    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = [p for p in patterns if p]
        name_parts, path_parts = [], []
        for pattern in self.patterns:
            pattern = pattern.rstrip("/")
            if pattern.startswith("./"):
                pattern = pattern[2:]
            if "/" in pattern:
                path_parts.append(_translate(pattern.lstrip("/")))
            else:
                name_parts.append(_translate(pattern))
        self._name = re.compile("|".join(f"(?:{p})" for p in name_parts) + r"\Z") \
            if name_parts else None
        self._path = re.compile("|".join(f"(?:{p})" for p in path_parts) + r"\Z") \
            if path_parts else None

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def match_name(self, name: str) -> bool:
        return bool(self._name and self._name.match(name))

    def match(self, relpath: str) -> bool:
        """True if ``relpath`` or one of its parent folders matches."""
        parts = relpath.split("/")
        if self._name is not None and any(self._name.match(part) for part in parts if part):
            return True
        if self._path is not None:
            for i in range(len(parts), 0, -1):
                if self._path.match("/".join(parts[:i])):
                    return True
        return False
