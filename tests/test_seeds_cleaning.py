"""The cleaning rules on the real scraped seeds (issue 3, "Done when").

The seeds are copied to a temporary folder at test time; nothing from them is
stored in the repository. Skipped when shared/seeds is not available.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil

import pytest
import yaml
from conftest import SEEDS, key_paths

from lint_corpus import cli as cli_module

pytestmark = pytest.mark.skipif(SEEDS is None, reason="shared/seeds not available")

WORD = re.compile(r"\w+")


def _seed(prefix: str) -> str:
    (name,) = [p.name for p in SEEDS.iterdir() if p.name.startswith(prefix)]
    return name


def _run(args) -> int:
    """`lint-corpus ARGS` in-process, from the corpus's parent folder (never the repo)."""
    folder = args[-1]
    previous = os.getcwd()
    os.chdir(folder.parent)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            code = cli_module.main([str(a) for a in args])
        assert code in (0, 1), code
        return code
    finally:
        os.chdir(previous)


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    """(originals, texts after one `fix`, texts after a second `fix`) by file name."""
    folder = tmp_path_factory.mktemp("seeds") / "corpus"
    shutil.copytree(SEEDS, folder)
    originals = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    _run(["fix", "--isolated", "--ignore", "TBL", "-q", folder])
    first = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    _run(["fix", "--isolated", "--ignore", "TBL", "-q", folder])
    second = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    return originals, first, second


@pytest.fixture(scope="module")
def fixed_all_rules(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds-all") / "corpus"
    shutil.copytree(SEEDS, folder)
    _run(["fix", "--isolated", "-q", folder])
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    _run(["fix", "--isolated", "-q", folder])
    second = {p.name: p.read_bytes() for p in folder.iterdir()}
    return first, second


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _front_matter(text: str):
    match = re.match(r"---\r?\n(.*?)\r?\n---\r?\n", text, re.S)
    assert match, "front matter is missing"
    return yaml.safe_load(match.group(1))


# -- seed 001: a scraped page full of chrome ---------------------------------------------


def test_seed_001_keeps_title_body_and_references(fixed):
    originals, first, _ = fixed
    name = _seed("001_")
    before, after = _lines(originals[name]), _lines(first[name])
    title = next(line for line in before if line.startswith("How South Korea has developed"))
    assert after[0] == title
    # Every body paragraph (long lines from the one after the title to "References:").
    start, end = before.index(title), before.index("References:")
    body = [line for line in before[start + 1:end] if len(line.split()) >= 20]
    assert len(body) >= 10
    kept = [line for line in after if line in body]
    assert kept == list(dict.fromkeys(body))  # all of them, in order, each once
    urls = [line for line in before if line.startswith("https://")]
    assert len(urls) == 5
    assert after[-6:] == ["References:"] + urls


def test_seed_001_loses_every_chrome_line(fixed):
    originals, first, _ = fixed
    name = _seed("001_")
    text = first[name]
    for chrome in ("MBRCGI", "Ibtekr.org", "Pitch@Gov", "10 minute read", "Share this content",
                   "Add to Favorite", "Subscribe", "Register Now", "Newsletter", "Mailing List",
                   "Subscription Form", "More from Ibtekr", "October 2025", "September 2025",
                   "1 2 3 91", "magnifiercrossmenuchevron-down"):
        assert chrome not in text, chrome
    # The teasers of "More from Ibtekr": every line after it in the original is gone.
    before = _lines(originals[name])
    teasers = before[before.index("More from Ibtekr") + 1:]
    assert teasers and not set(teasers) & set(_lines(text))
    assert not [line for line in _lines(text) if line == "|"]


def test_seed_001_summary_appears_exactly_once(fixed):
    originals, first, _ = fixed
    name = _seed("001_")
    counts = {}
    for line in _lines(originals[name]):
        if len(line.split()) >= 20:
            counts[line] = counts.get(line, 0) + 1
    (summary,) = [line for line, n in counts.items() if n > 1]
    assert first[name].count(summary) == 1


# -- seed 002: an article with a NASCAR headline appended ----------------------------------


def test_seed_002_loses_only_the_appended_headline(fixed):
    originals, first, _ = fixed
    name = _seed("002_")
    before, after = WORD.findall(originals[name]), WORD.findall(first[name])
    last_line = originals[name].splitlines()[-1]
    assert "NASCAR" in last_line
    assert after == before[:len(before) - len(WORD.findall(last_line))]
    assert "NASCAR" not in first[name]


# -- seed 000 (and the other records): the excerpt promo ------------------------------------


def test_seed_000_excerpt_loses_the_promotion_only(fixed):
    originals, first, _ = fixed
    name = _seed("000_")
    old = _front_matter(originals[name])["excerpt"]
    new = _front_matter(first[name])["excerpt"]
    assert "Diplomat Risk Intelligence" in old and "Learn more here" in old
    assert "Diplomat Risk Intelligence" not in new and "Learn more here" not in new
    promo = old[old.index("Diplomat Risk Intelligence"):old.index("Learn more here")
                + len("Learn more here")]
    assert new == " ".join(old.replace(promo, "").split())


@pytest.mark.parametrize("prefix", ["000_", "003_", "004_"])
def test_records_keep_every_front_matter_key(fixed, prefix):
    originals, first, _ = fixed
    name = _seed(prefix)
    before, after = _front_matter(originals[name]), _front_matter(first[name])
    assert isinstance(after, dict)
    assert sorted(key_paths(after)) == sorted(key_paths(before))


@pytest.mark.parametrize("prefix", ["000_", "003_", "004_"])
def test_records_keep_their_body(fixed, prefix):
    originals, first, _ = fixed
    name = _seed(prefix)
    body = originals[name].split("\n---\n", 1)[1]
    assert WORD.findall(first[name].split("\n---\n", 1)[1]) == WORD.findall(body)


# -- idempotence ---------------------------------------------------------------------------


def test_second_fix_changes_nothing(fixed):
    _, first, second = fixed
    assert first == second


def test_second_fix_with_all_rules_changes_nothing(fixed_all_rules):
    first, second = fixed_all_rules
    assert first == second
