"""CH005 and the corpus statistics behind it: lines that recur across a source.

The corpus is invented: four short local-news articles of one site, each wrapped in
the same site template (two header lines, three footer lines). The template lines
must be flagged once they recur in at least three documents of the source; the
article paragraphs, including a sentence that every article repeats, must stay.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from conftest import make_linter, to_document

from lint_corpus import corpus as corpus_module
from lint_corpus.corpus import CorpusStats, gather, line_key, source_of, stable_hash
from lint_corpus.fix import fix_document

ARTICLES = [
    ["Fishermen in Port Aven have started tagging lobsters with small plastic rings so that "
     "scientists can follow how far the animals wander between seasons.",
     "The project began after two poor harvests in a row, when older crews noticed that the "
     "biggest lobsters seemed to have moved further from the harbour wall.",
     "Volunteers record each tag number, the depth of the pot and the water temperature, and "
     "send the figures to a university laboratory every Friday.",
     "Early results suggest that the animals travel less than expected, which would mean the "
     "poor harvests had more to do with warm water than with overfishing."],
    ["A retired ferry captain has turned his garage into a workshop where teenagers learn to "
     "repair outboard motors that would otherwise end up in a scrapyard.",
     "He started with two students from the local school and now teaches a dozen every Saturday "
     "morning, using engines donated by boat owners along the coast.",
     "The students keep a logbook of every repair, and several of them have already found "
     "summer jobs at the marina thanks to the skills they picked up.",
     "The captain says he would like the school to offer the course for credit, but the "
     "education board has not yet answered his letter."],
    ["Heavy rain overnight flooded the coastal road between Port Aven and Merrow Bay, forcing "
     "buses to take a long detour through the hills for most of Tuesday.",
     "Road crews cleared fallen branches and pumped water from the lowest stretch, but the "
     "surface was damaged in several places and needs resurfacing.",
     "Shopkeepers in Merrow Bay said they lost a day of trade because delivery vans could not "
     "reach them until late in the afternoon.",
     "The county engineer promised a study of the drainage along the road, which has flooded "
     "three times since the start of the year."],
    ["The lighthouse on Gull Point will open to visitors this summer for the first time in "
     "forty years, after volunteers restored the spiral staircase and the lamp room.",
     "Guided tours will run twice a day and will be limited to small groups, because the "
     "gallery at the top can hold only eight people at a time.",
     "Tickets will be sold at the harbour office, and the money raised will pay for a new coat "
     "of paint on the tower before the autumn storms arrive.",
     "Local historians have also collected photographs of the keepers who lived on the point, "
     "which will be shown in the old oil store beside the tower."],
]
TITLES = ["Lobster tags reveal short journeys", "Ferry captain opens engine workshop",
          "Coastal road flooded after storm", "Gull Point lighthouse opens to visitors"]
# A prose sentence every article of the site repeats inside its main text.
SHARED_PROSE = ("The council meets on the first Tuesday of every month in the old town hall, and "
                "residents may speak on any item on the agenda.")
HEADER = ["Harbor Ledger Top Picks", "Coastal Edition For Island Readers"]
FOOTER = ["Ledger Insight Maps The Coast Every Season", "Printed In Port Aven By Tidewater Press",
          "Harbor Ledger Reader Services Desk"]
TEMPLATE = HEADER + FOOTER
EXCERPT_PROMO = "Ledger Insight tracks the tides for The Harbor Ledger readers every week."


def front(i: int, how: str = "provider", domain: str = "harborledger.example") -> str:
    if how == "none":
        return ""
    lines = [f'title: "{TITLES[i]}"',
             f'excerpt: "{ARTICLES[i][0]} {EXCERPT_PROMO}"']
    if how == "provider":
        lines += ["provider:", "  name: The Harbor Ledger", f"  domain: {domain}"]
    else:  # only a URL gives the source
        lines += [f'webUrl: "https://www.{domain}/2023/story-{i}"']
    return "---\n" + "\n".join(lines) + "\n---\n"


def page(i: int, how: str = "provider", domain: str = "harborledger.example",
         extra_footer: tuple[str, ...] = (), headline: bool | None = None) -> str:
    """Article ``i`` in the site template; a page without front matter shows its headline."""
    body = ARTICLES[i]
    top = [TITLES[i], ""] if (how == "none" if headline is None else headline) else []
    lines = HEADER + [""] + top + [body[0], "", body[1], "", SHARED_PROSE, "", body[2], "",
                                   body[3], ""]
    return front(i, how, domain) + "\n".join(lines + FOOTER + list(extra_footer)) + "\n"


def documents(count: int, how: str = "provider", folder: str = "site"):
    suffix = ".txt" if how == "none" else ".md"
    return [to_document(page(i, how), f"{folder}/story{i}{suffix}") for i in range(count)]


BODY_CH = ("CH001", "CH002", "CH003", "CH004", "CH005")  # CH006 works on the front matter


def linter_with(stats, select=BODY_CH):
    linter = make_linter(list(select))
    linter.corpus = stats
    return linter


def flagged(text: str, findings, code: str = "CH005") -> set[str]:
    """The non-blank lines that findings of ``code`` cover."""
    lines = text.split("\n")
    return {lines[n - 1].strip() for f in findings if f.code == code
            for n in range(f.line, f.end_line + 1) if lines[n - 1].strip()}


# -- CH005 ------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["provider", "url", "none"])
def test_template_lines_recurring_in_three_documents_are_flagged(how):
    docs = documents(4, how)
    linter = linter_with(gather(docs))
    for doc in docs:
        findings = linter.lint(doc)
        assert flagged(doc.text, findings) == set(TEMPLATE), doc.path
        assert {f.code for f in findings} == {"CH005"}


def test_a_linter_given_statistics_later_uses_them():
    # Rule contexts are built once per linter; new statistics must reach the rules.
    docs = documents(4)
    linter = make_linter(list(BODY_CH))
    assert not flagged(docs[0].text, linter.lint(to_document(docs[0].text, docs[0].path)))
    linter.corpus = gather(docs)
    assert flagged(docs[0].text, linter.lint(docs[0])) == set(TEMPLATE)


@pytest.mark.parametrize("how", ["provider", "url", "none"])
def test_fix_keeps_every_paragraph_including_the_recurring_prose(how):
    docs = documents(4, how)
    linter = linter_with(gather(docs))
    for i, doc in enumerate(docs):
        fixed = fix_document(doc, linter.lint).text
        assert fixed.startswith(front(i, how))
        body = fixed[len(front(i, how)):]
        article = ARTICLES[i]
        headline = [TITLES[i]] if how == "none" else []
        assert body == "\n\n".join(headline + article[:2] + [SHARED_PROSE] + article[2:]) + "\n"


def test_recurring_line_above_the_text_is_not_taken_for_the_headline():
    docs = [to_document(page(i, "none", headline=False), f"site/story{i}.txt") for i in range(4)]
    linter = linter_with(gather(docs))
    assert flagged(docs[0].text, linter.lint(docs[0])) == set(TEMPLATE)


@pytest.mark.parametrize("count, expected", [(2, set()), (3, set(TEMPLATE))])
def test_min_documents_is_three(count, expected):
    docs = documents(count)
    linter = linter_with(gather(docs))
    assert flagged(docs[0].text, linter.lint(docs[0])) == expected


def test_without_corpus_statistics_the_template_is_not_chrome():
    (doc,) = documents(1)
    assert make_linter(["CH"]).lint(doc) == []


def test_lines_recur_per_source_not_across_sources():
    # Two documents of each of two sites: each site's template recurs only twice.
    docs = [to_document(page(i, "provider", "harborledger.example"), f"a{i}.md") for i in (0, 1)]
    docs += [to_document(page(i, "provider", "tidewaterpost.example"), f"b{i}.md") for i in (2, 3)]
    stats = gather(docs)
    linter = linter_with(stats)
    assert [f for doc in docs for f in linter.lint(doc)] == []
    assert stats.sources == {"harborledger.example": 2, "tidewaterpost.example": 2}


def _guide(i: int) -> str:
    """A structured Markdown document: the same section lists as its siblings."""
    return "\n\n".join([
        f"# {TITLES[i]}", ARTICLES[i][0], "## Options", "* `depth` {number}\n* Default: none",
        ARTICLES[i][1], "[Tide tables of the Ledger](https://harborledger.example/tides)",
        "## Licence", "* Reuse allowed\n* Credit the Ledger", ARTICLES[i][2]]) + "\n"


def test_a_structured_documents_own_recurring_lines_stay():
    # Section lists shared by every document of a folder are the documents' structure;
    # a link to another page of the site, recurring too, is still chrome.
    docs = [to_document(_guide(i), f"guides/g{i}.md") for i in range(4)]
    linter = linter_with(gather(docs))
    for doc in docs:
        assert flagged(doc.text, linter.lint(doc)) == {
            "[Tide tables of the Ledger](https://harborledger.example/tides)"}


def test_recurring_predicate_counts_documents_not_lines():
    # A line repeated five times in one document recurs in one document only.
    text = "\n".join(["Harbor Ledger Top Picks"] * 5 + [ARTICLES[0][0]]) + "\n"
    stats = gather([to_document(text, "site/a.txt")])
    assert stats.recurring(to_document(text, "site/a.txt")) is None
    docs = documents(3)
    stats = gather(docs)
    check = stats.recurring(docs[0])
    assert check(line_key("Harbor Ledger Top Picks"))
    assert check(line_key("harbor ledger top picks!"))
    assert not check(line_key(ARTICLES[0][1]))


def test_recurring_excerpt_sentence_is_field_chrome():
    docs = documents(4)
    linter = linter_with(gather(docs), select=["CH006"])
    for i, doc in enumerate(docs):
        (finding,) = linter.lint(doc)
        assert finding.line == 3 and "Ledger Insight tracks" in finding.message
        fixed = fix_document(doc, linter.lint).text
        assert yaml.safe_load(fixed.split("---\n")[1])["excerpt"] == ARTICLES[i][0]
    assert make_linter(["CH006"]).lint(docs[0]) == []  # without the corpus: one-off text


def test_recurring_sentence_of_plain_yaml_excerpts_is_field_chrome():
    # The same records written as yaml.safe_dump writes them: plain scalars, no quotes.
    docs = [to_document(page(i).replace('"', ""), f"site/story{i}.md") for i in range(4)]
    linter = linter_with(gather(docs), select=["CH006"])
    for doc in docs:
        (finding,) = linter.lint(doc)
        assert "Ledger Insight tracks" in finding.message


# -- the statistics ----------------------------------------------------------------------


@pytest.mark.parametrize("path, front_matter, expected", [
    ("a/b.md", "provider:\n  name: X\n  domain: HarborLedger.example\n", "harborledger.example"),
    ("a/b.md", 'webUrl: "https://www.harborledger.example/2023/x"\n', "harborledger.example"),
    ("a/b.md", 'originalUrl: "http://news.tidewater.example/x?y=1"\n', "news.tidewater.example"),
    ("a/b.md", 'webUrl: "https://other.example/x"\nprovider:\n  domain: harborledger.example\n',
     "harborledger.example"),
    ("corpus/site/b.md", 'title: "No source here"\n', "folder:corpus/site"),
    ("corpus/site/b.txt", None, "folder:corpus/site"),
])
def test_source_of(path, front_matter, expected):
    text = ("---\n" + front_matter + "---\n" if front_matter is not None else "") + "Body.\n"
    assert source_of(to_document(text, path)) == expected


def _snapshot(stats: CorpusStats):
    return (stats.documents, dict(stats.sources),
            {s: dict(c) for s, c in stats.lines.items()},
            {s: dict(c) for s, c in stats.sentences.items()},
            stats.distinct_titles(), dict(stats.word_documents))


def test_update_merges_two_halves_into_the_result_of_one_pass():
    docs = documents(4) + documents(3, "none", "other")
    whole = gather(docs)
    first, second = gather(docs[:3]), gather(docs[3:])
    first.update(second)
    assert _snapshot(first) == _snapshot(whole)
    doc = docs[0]
    assert first.recurring(doc)(line_key(HEADER[0])) and whole.recurring(doc)(line_key(HEADER[0]))


def test_update_merges_examples_for_learn():
    docs = documents(4)
    whole = gather(docs, keep_examples=True)
    first, second = gather(docs[:2], keep_examples=True), gather(docs[2:], keep_examples=True)
    first.update(second)
    assert first.recurring_lines() == whole.recurring_lines()
    (rows,) = whole.recurring_lines().values()
    assert {text for text, _ in rows} >= set(TEMPLATE)
    assert all(count == 4 for _, count in rows)


def _small_doc(i: int) -> str:
    unique = [f"Unique line {chr(97 + i)}{j} about nothing in particular" for j in range(6)]
    return "\n".join(unique[:3] + ["Template Line One", "Template Line Two", "Template Line Three"]
                     + unique[3:]) + "\n"


def test_key_pruning_keeps_memory_bounded_and_frequent_lines(monkeypatch):
    monkeypatch.setattr(corpus_module, "MAX_KEYS_PER_SOURCE", 20)
    stats = CorpusStats()
    for i in range(12):
        stats.add(to_document(_small_doc(i), f"site/d{i}.txt"))
        assert len(stats.lines["folder:site"]) <= 20
    counts = stats.lines["folder:site"]
    for line in ("Template Line One", "Template Line Two", "Template Line Three"):
        assert counts[stable_hash(line_key(line))] == 12
    check = stats.recurring(to_document("x\n", "site/any.txt"))
    assert check(line_key("Template Line Two"))
    assert not check(line_key("Unique line a0 about nothing in particular"))


def test_merging_pruned_counters_stays_bounded(monkeypatch):
    monkeypatch.setattr(corpus_module, "MAX_KEYS_PER_SOURCE", 20)
    halves = []
    for start in (0, 6):
        stats = CorpusStats()
        for i in range(start, start + 6):
            stats.add(to_document(_small_doc(i), f"site/d{i}.txt"))
        halves.append(stats)
    halves[0].update(halves[1])
    counts = halves[0].lines["folder:site"]
    assert len(counts) <= 20
    assert counts[stable_hash(line_key("Template Line One"))] == 12


def test_long_lines_are_not_counted():
    long_line = " ".join(["word"] * 30)
    stats = gather([to_document(f"{long_line}\nShort line\n", f"site/d{i}.txt") for i in range(3)])
    (counts,) = stats.lines.values()
    assert stable_hash(line_key(long_line)) not in counts
    assert counts[stable_hash(line_key("Short line"))] == 3


def test_document_frequencies_count_the_prose_not_the_menus():
    # The weights of TRL001 come from the words of each body's prose: a site menu that
    # fixing removes does not count, so a second run weighs words as the first did.
    prose = ("The council approved the harbour budget after a long debate about dredging "
             "the channel before winter.")
    stats = gather([to_document(f"Weather\nHarbour Sport Elections\n{prose}\n", f"site/d{i}.txt")
                    for i in range(4)])
    assert stats.document_frequency("dredging") == 1.0
    assert stats.document_frequency("weather") == stats.document_frequency("elections") == 0.0


# -- end to end: check, fix, learn ---------------------------------------------------------


def write_corpus(folder: Path, extra_footer=lambda i: ()) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(4):
        path = folder / f"story{i}.md"
        path.write_text(page(i, extra_footer=extra_footer(i)), encoding="utf-8")
        paths.append(path)
    return paths


def test_cli_check_flags_the_template_lines(cli, tmp_path):
    paths = write_corpus(tmp_path / "corpus")
    result = cli(["check", "--isolated", "--select", "CH005", "--output-format", "json",
                  "corpus"], cwd=tmp_path)
    assert result.code == 1
    findings = result.json()
    for path in paths:
        text = path.read_text(encoding="utf-8").split("\n")
        lines = {text[n - 1] for f in findings if f["path"].endswith(path.name)
                 for n in range(f["line"], f["end_line"] + 1) if text[n - 1].strip()}
        assert lines == set(TEMPLATE)


def test_cli_fix_removes_the_template_and_keeps_the_articles(cli, tmp_path):
    paths = write_corpus(tmp_path / "corpus")
    result = cli(["fix", "--isolated", "corpus"], cwd=tmp_path)
    assert result.code == 1  # files changed
    for i, path in enumerate(paths):
        text = path.read_text(encoding="utf-8")
        for line in TEMPLATE:
            assert line not in text
        for paragraph in ARTICLES[i] + [SHARED_PROSE]:
            assert text.count(paragraph) == 1 + (paragraph == ARTICLES[i][0])  # + the excerpt
        assert "Ledger Insight tracks" not in text  # CH006 with the corpus statistics
    again = cli(["fix", "--isolated", "corpus"], cwd=tmp_path)
    assert again.code == 0, again.out


def test_cli_min_documents_option(cli, tmp_path):
    (tmp_path / "corpus").mkdir()
    for i in range(2):
        (tmp_path / "corpus" / f"story{i}.md").write_text(page(i), encoding="utf-8")
    strict = cli(["check", "--isolated", "--select", "CH005", "corpus"], cwd=tmp_path)
    assert strict.code == 0, strict.out
    (tmp_path / "lint-corpus.toml").write_text("[rules.CH005]\nmin-documents = 2\n",
                                               encoding="utf-8")
    loose = cli(["check", "--select", "CH005", "corpus"], cwd=tmp_path)
    assert loose.code == 1 and "CH005" in loose.out


def _numbered(i: int) -> tuple[str, ...]:
    return (f"Page {i + 1} of 12", f"Edition {i + 3} printed")


def test_learn_writes_a_pack_that_flags_the_same_lines(cli, tmp_path):
    paths = write_corpus(tmp_path / "corpus", _numbered)
    pack = tmp_path / "rules" / "learned.yaml"
    learned = cli(["learn", "--isolated", "corpus", "-o", pack], cwd=tmp_path)
    assert learned.code == 0 and pack.is_file()
    data = yaml.safe_load(pack.read_text(encoding="utf-8"))
    assert data["pack"] == "learned"
    assert data["rules"] and all(rule["code"].startswith("LRN") for rule in data["rules"])
    phrases = [p for rule in data["rules"] for p in rule.get("phrases", [])]
    regexes = [rule["regex"] for rule in data["rules"] if "regex" in rule]
    assert set(TEMPLATE) <= set(phrases)
    assert not any(ch.isdigit() for p in phrases for ch in p)  # numbered lines are regexes
    (regex,) = regexes
    assert "\\d+" in regex and "Page" in regex and "Edition" in regex

    by_pack = cli(["check", "--isolated", "--select", "LRN", "--pack", pack,
                   "--output-format", "json", "corpus"], cwd=tmp_path).json()
    by_corpus = cli(["check", "--isolated", "--select", "CH005", "--output-format", "json",
                     "corpus"], cwd=tmp_path).json()
    for path in paths:
        text = path.read_text(encoding="utf-8").split("\n")

        def lines(findings, name=path.name, text=text):
            return {text[n - 1] for f in findings if os.path.basename(f["path"]) == name
                    for n in range(f["line"], f["end_line"] + 1) if text[n - 1].strip()}

        assert lines(by_corpus) and lines(by_corpus) <= lines(by_pack)
        assert set(TEMPLATE) | set(_numbered(paths.index(path))) <= lines(by_pack)


def test_learned_pack_matches_other_numbers(cli, tmp_path):
    write_corpus(tmp_path / "corpus", _numbered)
    pack = tmp_path / "learned.yaml"
    cli(["learn", "--isolated", "corpus", "-o", pack], cwd=tmp_path)
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "late.txt").write_text(
        ARTICLES[0][0] + "\n\nPage 7 of 40\nEdition 81 printed\nPage seven of forty\n",
        encoding="utf-8")
    result = cli(["check", "--isolated", "--select", "LRN", "--pack", pack,
                  "--output-format", "json", "new"], cwd=tmp_path)
    assert sorted(f["line"] for f in result.json()) == [3, 4]


def test_learn_needs_three_documents_by_default(cli, tmp_path):
    (tmp_path / "corpus").mkdir()
    for i in range(2):
        (tmp_path / "corpus" / f"story{i}.md").write_text(page(i), encoding="utf-8")
    pack = tmp_path / "learned.yaml"
    assert cli(["learn", "--isolated", "corpus", "-o", pack], cwd=tmp_path).code == 0
    assert yaml.safe_load(pack.read_text(encoding="utf-8"))["rules"] == []
    assert cli(["learn", "--isolated", "--min-documents", "2", "corpus", "-o", pack],
               cwd=tmp_path).code == 0
    rules = yaml.safe_load(pack.read_text(encoding="utf-8"))["rules"]
    assert set(TEMPLATE) <= {p for rule in rules for p in rule.get("phrases", [])}


def test_compact_statistics_give_the_same_findings_and_answers():
    """After ``compact`` (what a run lints with), every rule sees the same answers."""
    docs = documents(4) + documents(3, "none", "other") + documents(2, "url", "third")
    full, small = gather(docs), gather(docs)
    small.compact()
    assert sum(map(len, small.lines.values())) < sum(map(len, full.lines.values()))
    probes = TEMPLATE + TITLES + SHARED_PROSE.split(". ") + [a for art in ARTICLES for a in art]
    for doc in docs:
        for getter in ("recurring", "recurring_sentences"):
            a, b = getattr(full, getter)(doc), getattr(small, getter)(doc)
            assert (a is None) == (b is None)
            if a is not None:
                assert [a(line_key(p)) for p in probes] == [b(line_key(p)) for p in probes]
        for text in probes:
            assert full.is_other_title(text, None) == small.is_other_title(text, None)
        assert located_findings(linter_with(full), doc) == located_findings(linter_with(small), doc)
    assert any(small.is_other_title(t, None) for t in TITLES)


def located_findings(linter, doc):
    return [(f.code, f.line, f.column, f.message) for f in linter.lint(doc)]


@pytest.mark.parametrize("text, key", [
    ("Share this article", "share this article"),
    ("24 June 2021", "0 june 0"),
    ("2 June 2020", "0 june 0"),
    ("Page 1 of 12", "page 0 of 0"),
    ("Version 1.5 — 2021-06-01", "version 0 0"),  # punctuation goes first, then digit runs
    ("  “Top   Stories” » ", "top stories"),
    ("Capítulo ٣٤ e 2٣", "capítulo 0 e 0"),  # other scripts' digits, mixed runs too
    ("Ação 007", "ação 0"),
])
def test_line_key(text, key):
    assert line_key(text) == key


@pytest.mark.parametrize("text", [
    "plain words only",
    "don't stop-believing, e-mail_me (now)!",
    "rock’n’roll — «citação» 3.5% über-cool",
    "snake_case and __dunder__ and 'quoted'",
    "a'b ''c' d'' 'e",
    "中文 text, ١٢٣ digits; ß",
    "",
])
def test_document_words_are_the_word_pattern_matches(text):
    from lint_corpus.corpus import _words
    from lint_corpus.lexicon import WORD

    assert _words(text) == set(WORD.findall(text))


def test_titles_beyond_the_bound_are_sampled_the_same_in_any_order(monkeypatch):
    import lint_corpus.corpus as corpus_module

    monkeypatch.setattr(corpus_module, "MAX_TITLES", 3)
    names = [f"Harbour story number {word}" for word in
             ("one", "two", "three", "four", "five", "six", "seven", "eight")]
    kept = []
    for order in (names, names[::-1]):
        stats = CorpusStats()
        for name in order + order[:2]:  # repeats count once
            stats.add(to_document(f'---\ntitle: "{name}"\n---\nBody.\n', "a/x.md"))
        stats.compact()
        kept.append(stats.distinct_titles())
    assert kept[0] == kept[1] and len(kept[0]) == 3
    assert kept[0] == sorted(stable_hash(line_key(name)) for name in names)[:3]


# -- HashCounts: the counters of the first pass ----------------------------------------

@pytest.mark.parametrize("batches", [
    [[1, 2, 3], [2, 3], [3]],
    [[2**64 - 1, 0, 7], [7, 7], [], [0]],  # the whole 64-bit range, repeats, nothing
    [list(range(50, 0, -1)), list(range(0, 100, 3))],
])
def test_hash_counts_count_like_a_counter_with_folds_between(batches):
    from collections import Counter

    from lint_corpus.corpus import HashCounts

    counts, expected = HashCounts(), Counter()
    for fold_first in (False, True):
        for batch in batches:
            if fold_first:
                counts.fold()
            counts.add(batch)
            expected.update(batch)
            assert all(counts[h] == n for h, n in expected.items())
    assert dict(counts.items()) == dict(expected) and len(counts) == len(expected)
    assert (10**9 in counts, counts.get(10**9, -1)) == (False, -1)
    merged = HashCounts(counts)  # from another table, as update() merges a worker's
    merged.update(expected)
    assert dict(merged.items()) == {h: 2 * n for h, n in expected.items()}


def test_hash_counts_prune_and_rank_the_same_in_any_order():
    import pickle

    from lint_corpus.corpus import HashCounts

    rows = [(10, 5), (3, 2), (8, 2), (1, 1), (99, 2)]
    ranked = []
    for order in (rows, rows[::-1]):
        counts = HashCounts()
        for hashed, n in order:
            counts.add([hashed] * n)
        ranked.append(counts.most_common())
        copy = pickle.loads(pickle.dumps(counts))
        copy.prune(3)
        assert dict(copy.items()) == {10: 5, 3: 2, 8: 2}
    assert ranked[0] == ranked[1] == [(10, 5), (3, 2), (8, 2), (99, 2), (1, 1)]


def test_statistics_are_the_same_whatever_the_fold_batch(monkeypatch):
    docs = documents(4) + documents(3, "none", "other")
    whole = _snapshot(gather(docs))
    monkeypatch.setattr(corpus_module, "FOLD_BATCH", 3)  # fold after nearly every document
    assert _snapshot(gather(docs)) == whole


# The first pass reads text fields without a YAML parse; each form must give the value
# the parser gives, or another document's title would go unrecognised.
@pytest.mark.parametrize("line", [
    'title: "Harbour \\u2018reopens\\u2019 at \\"dawn\\" \\\\ \\x41\\tB"',
    "title: 'It''s the ferry: again'",
    "title: Plain ferry title",
    "title: Plain ferry title  # a comment",
    "- title: \"An item of a list\"",
    "excerpt: 'Two sentences here. And a second one.'",
])
def test_text_fields_read_like_the_yaml_parser(line):
    from lint_corpus.corpus import _text_fields

    ((key, value),) = _text_fields(line)
    parsed = yaml.safe_load(line)
    assert value == (parsed[0] if isinstance(parsed, list) else parsed)[key]


@pytest.mark.parametrize("line", ["title: |", "title: >-", "title: [a, b]", "title:",
                                  "title: &anchor x", "summary: {a: b}"])
def test_block_and_flow_values_are_not_read_as_text_fields(line):
    from lint_corpus.corpus import _text_fields

    assert _text_fields(line) == []
