"""Corpus statistics: what a first pass over all documents of a run learns.

Some chrome only shows across documents: a line that recurs in many documents of
the same source (provider domain, URL host, or folder) is template text, a signal
that CCNet and trafilatura found over 99% precise on news pages. The trailing-line
rule also uses the titles of the other documents and how common words are.

Memory stays bounded on any corpus size: lines are counted by 8-byte hashes in
sorted arrays (``HashCounts``, about 12 bytes a key), only lines short enough to be
template text are counted, and each source keeps at most ``MAX_KEYS_PER_SOURCE``
keys, dropping the rarest when full (Misra-Gries pruning). Titles are only asked
about as seen or not: an array of hashes, past ``MAX_TITLES`` the lowest hashes (a
sample the same in any order). Counts are merged with ``update``, so the pass can be
a map-reduce.
"""

from __future__ import annotations

import os
import re
import zlib
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable

from lint_corpus import lexicon as lx
from lint_corpus.page import line_key, template_candidate

MAX_KEYS_PER_SOURCE = 50_000
FOLD_BATCH = 100_000  # new counts held in dicts, over all sources, before folding
MAX_TITLES = 500_000
MAX_WORDS = 200_000
# Document frequencies are counted over the first long lines of each body: its prose,
# not its menus, so fixing the chrome away hardly moves them.
PROSE_LINE_CHARS = 80
WORD_SAMPLE_CHARS = 3000
DEFAULT_MIN_DOCUMENTS = 3
# Top-level keys first: a related item's provider or an image URL may come earlier.
# Line starts are matched on the line break before them (the text searched starts
# with one): the engine finds that literal in C, where "^" with re.M is tried at every
# character.
_PROVIDER_DOMAIN = re.compile(
    r"\nprovider:[ \t]*\r?\n(?:[ \t]+.*\r?\n)*?[ \t]+domain:[ \t]*[\"']?([\w.-]+\.[a-z]{2,})",
    re.I)
_TOP_URL = re.compile(r"\n(?:webUrl|url|originalUrl|canonical\w*|link|source_?url):[ \t]*"
                      r"[\"']?https?://([\w.-]+)", re.I)
_DOMAIN = re.compile(r"\n\s*domain:\s*[\"']?([\w.-]+\.[a-z]{2,})", re.I)
_URL_HOST = re.compile(r"https?://([\w.-]+)", re.I)
# Anchored on the line break (a literal, which the regex engine searches fast) rather
# than on "^" with re.M; the value is matched as an unrolled loop, not char by char.
# The value is double-quoted, single-quoted or plain (up to a comment), on one line.
_TEXT_FIELD = re.compile(r'\n[ \t]*(?:-[ \t]+)?(title|excerpt|description|summary|subtitle):'
                         r'[ \t]*(?:"([^"\\\n]*(?:\\.[^"\\\n]*)*)"'
                         r"|'([^'\n]*(?:''[^'\n]*)*)'"
                         r"|([^\s\"'#|>&*!%@`{\[][^\n]*))")
_PLAIN_COMMENT = re.compile(r"\s+#.*")
# YAML's double-quoted escapes: "\u2019", "\x41", "\n", "\"", "\\"...
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")


def stable_hash(text: str) -> int:
    """A 64-bit hash that is the same in every process (str hashes are salted per process).

    Two fast checksums side by side; a rare collision only merges two lines' counts.
    """
    data = text.encode("utf-8", "surrogatepass")
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


def source_of(doc) -> str:
    """The document's source: provider domain, else URL host, else its folder.

    Read from the front matter text with two patterns rather than a YAML parse, so
    the first pass over a corpus stays cheap; both passes use this same function.
    """
    source = doc.shared.get("source")
    if source is None:
        source = "folder:" + os.path.dirname(doc.path)
        fm = doc.front_matter
        if fm is not None:
            content = "\n" + fm.content
            match = (_PROVIDER_DOMAIN.search(content) or _TOP_URL.search(content)
                     or _DOMAIN.search(content) or _URL_HOST.search(content))
            if match:
                source = _host(match.group(1))
        doc.shared["source"] = source
    return source


def _host(value: str) -> str:
    value = value.strip().lower()
    return value[4:] if value.startswith("www.") else value


def _text_fields(content: str) -> list[tuple[str, str]]:
    """(key, value) of one-line text fields (title, excerpt...), read without a YAML
    parse: double-quoted with their escapes decoded, single-quoted, or plain."""
    found = []
    for match in _TEXT_FIELD.finditer("\n" + content):
        key, double, single, plain = match.groups()
        if double is not None:
            value = _ESCAPE.sub(_unescape, double) if "\\" in double else double
        elif single is not None:
            value = single.replace("''", "'")
        else:
            value = _PLAIN_COMMENT.sub("", plain).strip()
        found.append((key, value))
    return found


def _unescape(match: re.Match) -> str:
    code = match.group(1)
    if len(code) == 1:
        return _ESCAPES.get(code, code)  # "\"", "\\", "\/" and "\ " stand for themselves
    point = int(code[1:], 16)
    return "\ufffd" if 0xD800 <= point <= 0xDFFF or point > 0x10FFFF else chr(point)


# ASCII punctuation other than the apostrophe, which WORD keeps inside a word ("don't").
_PUNCTUATION_TO_SPACE = str.maketrans("!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~",
                                      " " * 31)


def _words(text: str) -> set[str]:
    """``set(WORD.findall(text))``, cheaper: words never span whitespace or punctuation,
    and once ASCII punctuation is spaced out most tokens are one word already."""
    tokens = set(text.translate(_PUNCTUATION_TO_SPACE).split())
    words = set(filter(str.isalnum, tokens))
    for token in tokens.difference(words):
        words.update(lx.WORD.findall(token))
    return words


class CorpusStats:
    def __init__(self, min_documents: int = DEFAULT_MIN_DOCUMENTS,
                 keep_examples: bool = False) -> None:
        self.min_documents = max(2, min_documents)
        # For `lint-corpus learn`: the text of lines seen in two documents or more.
        self.keep_examples = keep_examples
        self.examples: dict[str, dict[int, str]] = {}
        self.documents = 0
        # source → line-key hash → documents; and the same for front matter sentences.
        # HashCounts while gathering, Counters of the recurring keys once compacted.
        self.lines: dict[str, HashCounts | Counter] = {}
        self.sentences: dict[str, HashCounts | Counter] = {}
        self._pending = 0  # counts added to the tables since they were last folded
        # Hashes of title keys, repeats included: the rules only ask whether a title was
        # seen, so 8 bytes a title instead of a counter's hundred (see _bound_titles).
        self.titles = array("Q")
        self.word_documents: Counter = Counter()  # word → documents holding it
        self.sources: Counter = Counter()
        # The largest count of each source's counter, memoised by _predicate; every
        # change to the counts clears it.
        self._peaks: dict = {}

    # -- gathering --------------------------------------------------------------------

    def add(self, doc) -> None:
        self._peaks.clear()
        if doc.read_problem is not None:
            return
        self.documents += 1
        source = source_of(doc)
        self.sources[source] += 1
        counter = self._table(self.lines, source)
        body = doc.body
        keys: dict[int, str] = {}
        prose: list[str] = []
        budget = WORD_SAMPLE_CHARS
        for raw in body.splitlines():
            text = raw.strip()
            if text and template_candidate(text):
                key = line_key(text)
                if key:
                    keys.setdefault(stable_hash(key), text)
            if budget > 0 and len(text) >= PROSE_LINE_CHARS:
                prose.append(text)
                budget -= len(text)
        counter.add(keys.keys())
        self._counted(counter, len(keys))
        if self.keep_examples:
            examples = self.examples.setdefault(source, {})
            for hashed, text in keys.items():
                if counter[hashed] >= 2 and hashed not in examples:
                    examples[hashed] = text
        fm = doc.front_matter
        if fm is not None:
            sentences: set[int] = set()
            for key, value in _text_fields(fm.content):
                if key == "title" and value.strip():
                    self._title_array().append(stable_hash(line_key(value)))
                elif len(value.split()) >= 6:
                    sentences.update(stable_hash(line_key(sentence))
                                     for sentence in _SENTENCE_SPLIT.split(value)
                                     if sentence.count(" ") >= 2)
            if sentences:
                field_counter = self._table(self.sentences, source)
                field_counter.add(sentences)
                self._counted(field_counter, len(sentences))
            if len(self.titles) > 2 * MAX_TITLES:
                self._bound_titles()
        self.word_documents.update(_words(" ".join(prose).lower()))
        if len(self.word_documents) > MAX_WORDS:
            _prune(self.word_documents, MAX_WORDS)

    def update(self, other: CorpusStats) -> None:
        """Merge the counts of another pass (a worker's share of the corpus)."""
        self._peaks.clear()
        self.documents += other.documents
        self.sources.update(other.sources)
        for table, others in ((self.lines, other.lines), (self.sentences, other.sentences)):
            for source, counts in others.items():
                mine = self._table(table, source)
                mine.update(counts)
                self._counted(mine, counts.size_bound() if isinstance(counts, HashCounts)
                              else len(counts))
        self._title_array().extend(other.titles.keys if isinstance(other.titles, _SortedKeys)
                                   else other.titles)
        if len(self.titles) > 2 * MAX_TITLES:
            self._bound_titles()
        self.word_documents.update(other.word_documents)
        for source, examples in other.examples.items():
            for hashed, text in examples.items():
                self.examples.setdefault(source, {}).setdefault(hashed, text)

    @staticmethod
    def _table(table: dict, source: str) -> HashCounts:
        counts = table.get(source)
        if not isinstance(counts, HashCounts):  # new, or compacted and gathering again
            counts = table[source] = HashCounts(counts)
        return counts

    def _counted(self, counts: HashCounts, added: int) -> None:
        """Bound the memory the tables hold: fold recent counts into the arrays when
        there are many, and prune a source that holds too many keys."""
        if counts.size_bound() > MAX_KEYS_PER_SOURCE:
            counts.fold()
            if len(counts) > MAX_KEYS_PER_SOURCE:
                counts.prune(MAX_KEYS_PER_SOURCE * 3 // 4)
        self._pending += added
        if self._pending > FOLD_BATCH:
            for table in (self.lines, self.sentences):
                for each in table.values():
                    if isinstance(each, HashCounts):
                        each.fold()
            self._pending = 0

    def distinct_titles(self) -> list[int]:
        """The title hashes seen, sorted, each once."""
        if isinstance(self.titles, _SortedKeys):
            return list(self.titles.keys)
        return sorted(set(self.titles))

    def _title_array(self) -> array:
        if isinstance(self.titles, _SortedKeys):  # asked before, gathering again
            self.titles = array("Q", self.titles.keys)
        return self.titles

    def _bound_titles(self) -> None:
        """Drop repeats; past MAX_TITLES distinct titles, keep those with the lowest
        hashes: a sample that does not depend on the order documents came in."""
        self.titles = array("Q", self.distinct_titles()[:MAX_TITLES])

    def compact(self) -> None:
        """Keep only what the rules ask, once gathering is over.

        The rules ask whether a line or sentence reached ``min_documents`` and whether
        a title was seen at all, so the counters shrink to their recurring keys and the
        titles to a sorted array of 8-byte hashes: on 100,000 documents, about 120 MB
        less in the process and in every worker that receives the statistics.
        """
        threshold = self.min_documents
        for table in (self.lines, self.sentences):
            for source, counts in table.items():
                table[source] = Counter({k: n for k, n in counts.items() if n >= threshold})
        if not isinstance(self.titles, _SortedKeys):
            self.titles = _SortedKeys(self.distinct_titles()[:MAX_TITLES])
        self._peaks.clear()

    # -- questions rules ask -------------------------------------------------------------

    def recurring(self, doc):
        """A predicate: does this line key recur in enough documents of doc's source?"""
        source = source_of(doc)
        return self._predicate(self.lines.get(source), ("lines", source))

    def recurring_sentences(self, doc):
        """The same question for sentences of front matter text fields."""
        source = source_of(doc)
        return self._predicate(self.sentences.get(source), ("sentences", source))

    def _predicate(self, counts, memo=None):
        if not counts:
            return None
        threshold = self.min_documents
        # The largest count of a source, computed once per source rather than once per
        # document (a scan of up to MAX_KEYS_PER_SOURCE counters).
        peak = self._peaks.get(memo)
        if peak is None:
            peak = max(counts.values())
            if memo is not None:
                self._peaks[memo] = peak
        if peak < threshold:
            return None  # nothing of this source recurs: no need to ask line by line

        def check(key: str) -> bool:
            return counts.get(stable_hash(key), 0) >= threshold

        return check

    def recurring_lines(self) -> dict[str, list[tuple[str, int]]]:
        """Source → [(example text, documents)], most frequent first (needs examples)."""
        found: dict[str, list[tuple[str, int]]] = {}
        for source, counts in sorted(self.lines.items()):
            examples = self.examples.get(source, {})
            rows = [(examples[h], n) for h, n in counts.most_common()
                    if n >= self.min_documents and h in examples]
            if rows:
                found[source] = rows
        return found

    def is_other_title(self, text: str, own_title: str | None) -> bool:
        key = line_key(text)
        if not key or (own_title is not None and line_key(own_title) == key):
            return False
        if not isinstance(self.titles, _SortedKeys):
            self.titles = _SortedKeys(self.titles)  # asked before compact(): sort once
        return self.titles.get(stable_hash(key), 0) > 0

    def document_frequency(self, word: str) -> float:
        """Share of documents holding ``word`` (0 when unknown or no corpus)."""
        if not self.documents:
            return 0.0
        return self.word_documents.get(word.lower(), 0) / self.documents


class HashCounts:
    """Counts of 64-bit hashes in about 12 bytes a key, where a Counter takes about 100.

    Two sorted arrays hold the hashes and their counts; new counts go to a small dict
    first, and ``fold`` merges them into the arrays (its loop runs over the new keys
    only; the arrays are copied in slices, in C). The owner decides when to fold.
    """

    __slots__ = ("_keys", "_counts", "_recent")

    def __init__(self, counts=None) -> None:
        self._keys = array("Q")
        self._counts = array("I")  # documents: far below 2**32
        self._recent: dict[int, int] = {}
        if counts:
            self.update(counts)

    def add(self, hashes) -> None:
        """Count each hash once more."""
        recent = self._recent
        get = recent.get
        for hashed in hashes:
            recent[hashed] = get(hashed, 0) + 1

    def update(self, other) -> None:
        recent = self._recent
        get = recent.get
        for hashed, count in other.items():
            recent[hashed] = get(hashed, 0) + count

    def size_bound(self) -> int:
        """At least the number of distinct keys, without folding."""
        return len(self._keys) + len(self._recent)

    def fold(self) -> None:
        if not self._recent:
            return
        keys, counts = self._keys, self._counts
        merged_keys, merged_counts = array("Q"), array("I")
        start, size = 0, len(keys)
        for hashed, count in sorted(self._recent.items()):
            at = bisect_left(keys, hashed, start)
            if at > start:
                merged_keys.extend(keys[start:at])
                merged_counts.extend(counts[start:at])
            if at < size and keys[at] == hashed:
                count += counts[at]
                at += 1
            merged_keys.append(hashed)
            merged_counts.append(count)
            start = at
        merged_keys.extend(keys[start:])
        merged_counts.extend(counts[start:])
        self._keys, self._counts, self._recent = merged_keys, merged_counts, {}

    def prune(self, limit: int) -> None:
        """Keep the ``limit`` most frequent keys (Misra-Gries pruning)."""
        keep = sorted(self.most_common(limit))
        self._keys = array("Q", (hashed for hashed, _ in keep))
        self._counts = array("I", (count for _, count in keep))

    def most_common(self, n: int | None = None) -> list[tuple[int, int]]:
        """(hash, count), most frequent first; ties in hash order, whatever the order
        the counts came in."""
        self.fold()
        pairs = sorted(zip(self._keys, self._counts, strict=True),
                       key=lambda pair: (-pair[1], pair[0]))
        return pairs if n is None else pairs[:n]

    def __getitem__(self, hashed: int) -> int:
        count = self._recent.get(hashed, 0)
        at = bisect_left(self._keys, hashed)
        if at < len(self._keys) and self._keys[at] == hashed:
            count += self._counts[at]
        return count

    def get(self, hashed: int, default: int = 0) -> int:
        return self[hashed] or default

    def __contains__(self, hashed: int) -> bool:
        return self[hashed] > 0

    def __len__(self) -> int:
        self.fold()
        return len(self._keys)

    def items(self):
        self.fold()
        return zip(self._keys, self._counts, strict=True)

    def keys(self):
        self.fold()
        return iter(self._keys)

    def values(self):
        self.fold()
        return iter(self._counts)


class _SortedKeys:
    """A set of 64-bit hashes in a sorted array: ``get(key, 0)`` answers 1 or 0."""

    __slots__ = ("keys",)

    def __init__(self, keys) -> None:
        self.keys = array("Q", sorted(set(keys)))

    def get(self, key: int, default: int = 0) -> int:
        index = bisect_left(self.keys, key)
        return 1 if index < len(self.keys) and self.keys[index] == key else default

    def __len__(self) -> int:
        return len(self.keys)


def _prune(counter: Counter, limit: int) -> None:
    """Drop the rarest entries so the counter keeps about ``limit`` of them."""
    keep = counter.most_common(limit * 3 // 4)
    counter.clear()
    counter.update(dict(keep))


def gather(documents: Iterable, min_documents: int = DEFAULT_MIN_DOCUMENTS,
           keep_examples: bool = False) -> CorpusStats:
    stats = CorpusStats(min_documents, keep_examples)
    for doc in documents:
        stats.add(doc)
    return stats
