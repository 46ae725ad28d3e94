#!/usr/bin/env python3
"""Cleaning quality on pages from sites the rules were never tuned on.

Three public test collections, fetched from PyPI at run time (nothing of them is kept
in this repository):

- trafilatura 1.0.0's real-world tests: 83 saved pages (mostly German blogs, shops
  and news) with snippets that the extracted text must contain and snippets it must
  not contain. Reported: content snippets kept, chrome snippets removed.
- newspaper4k 0.9.6's test pages: 23 news pages in 11 languages with the article
  text newspaper4k extracts. Reported: precision, recall and F1 of word 4-gram
  shingles, as ``../shared/eval/score.py`` computes them.
- article-extractor 0.5.9's fixtures: 28 pages of 12 English blogs and news sites
  saved in 2026, each with its article picked out by hand; scored the same way.

Each page is flattened to one line per HTML block under YAML front matter holding
its title and URL, like the development sets, then cleaned with plain
``lint-corpus fix`` (safe fixes only, what users get by default). With
``--markdown`` each page is converted to Markdown instead, as scrapers do
(markdownify, which must be installed: setext headings, inline links and images), and
Markdown syntax is set aside when comparing.

    python benchmarks/external_pages.py [--markdown] [--keep DIR] [--show]
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Comment, NavigableString

TRAFILATURA = "trafilatura==1.0.0"
NEWSPAPER = "newspaper4k==0.9.6"
ARTICLE_EXTRACTOR = "article-extractor==0.5.9"
BLOCKS = set("""p div li h1 h2 h3 h4 h5 h6 td th tr blockquote pre section article header footer
    nav aside ul ol table form figure figcaption dt dd dl address main hr br caption option
    select button label summary details""".split())
DROPPED = set("script style noscript template svg head iframe object embed".split())


def fetch(requirement: str, folder: Path) -> Path:
    """Download and unpack the source distribution of ``requirement``."""
    # Only its files are read, never installed: article-extractor asks for Python 3.12.
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                    "--no-binary", ":all:", "--ignore-requires-python", "-d", str(folder),
                    requirement], check=True)
    name = requirement.split("==")[0].replace("-", "_")
    archive = next(folder.glob(f"{name}-*.tar.gz"))
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.12, and 3.11.4 on
            tar.extractall(folder, filter="data")
        else:
            tar.extractall(folder)
    return folder / archive.name.removesuffix(".tar.gz")


def _page(html: str):
    """The page's title and its parsed HTML without scripts, styles and comments."""
    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(DROPPED):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    return title, soup


def to_markdown(html: str) -> tuple[str, list[str]]:
    """The page's title and its text converted to Markdown."""
    try:
        from markdownify import markdownify
    except ImportError:
        raise SystemExit("--markdown needs markdownify: pip install markdownify") from None
    title, soup = _page(html)
    text = re.sub(r"\n{3,}", "\n\n", markdownify(str(soup.body or soup))).strip()
    return title, [line.rstrip() for line in text.split("\n")]


# Markdown syntax set aside when comparing: images, link targets, escapes, emphasis.
_MARKDOWN_SYNTAX = [(re.compile(r"!\[[^\]]*\]\([^)]*\)"), " "),
                    (re.compile(r"\]\((?:[^()]|\([^)]*\))*\)"), "]"),
                    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])"), r"\1"),
                    (re.compile(r"[\[\]*_#>`|]"), " ")]


def plain(text: str, markdown: bool) -> str:
    """``text`` on one line, without Markdown syntax when the pages are Markdown."""
    if markdown:
        for pattern, replacement in _MARKDOWN_SYNTAX:
            text = pattern.sub(replacement, text)
    return " ".join(text.split())


def flatten(html: str) -> tuple[str, list[str]]:
    """The page's title and its text, one line per HTML block."""
    title, soup = _page(html)
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    def walk(node) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                current.append(str(child))
            elif child.name in BLOCKS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(soup.body or soup)
    flush()
    return title, lines


def write_page(folder: Path, name: str, title: str, url: str, lines: list[str]) -> None:
    front = yaml.safe_dump({"title": title, "url": url}, allow_unicode=True, sort_keys=False,
                           width=10**6)
    (folder / f"{name}.md").write_text(f"---\n{front}---\n" + "\n".join(lines) + "\n",
                                       encoding="utf-8")


def body(path: Path, markdown: bool) -> str:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n") and (end := text.find("\n---\n", 4)) > 0:
        text = text[end + 5:]
    return plain(text, markdown)


def fix(folder: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "lint_corpus", "fix", str(folder), "-q",
                           "--no-cache", "--no-progress"], capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"lint-corpus fix failed ({proc.returncode}): {proc.stderr[-500:]}")


def snippet_checks(source: Path, work: Path, show: bool, markdown: bool) -> None:
    tests = (source / "tests" / "realworld_tests.py").read_text(encoding="utf-8")
    start = tests.index("MOCK_PAGES = {")
    pages = ast.literal_eval(tests[start + len("MOCK_PAGES = "):tests.index("\n}", start) + 2])
    checks: dict[str, dict[str, list[str]]] = {}
    url = None
    quoted = r"""(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s+(not\s+)?in\s+result"""
    for line in tests.splitlines():
        if found := re.search(r"load_mock_page\('([^']+)'", line):
            url = found.group(1)
        code = line.split(" # ")[0]
        if url and code.strip().startswith("assert"):
            for single, double, negated in re.findall(quoted, code):
                entry = checks.setdefault(url, {"keep": [], "remove": []})
                entry["remove" if negated else "keep"].append(single or double)
    raw, fixed = work / "snippets-raw", work / "snippets"
    raw.mkdir()
    names = {}
    for url, entry in checks.items():
        page = source / "tests" / "cache" / pages.get(url, "")
        if not page.is_file():
            continue
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", page.name.removesuffix(".html"))
        html = page.read_bytes().decode("utf-8", errors="replace")
        title, lines = to_markdown(html) if markdown else flatten(html)
        write_page(raw, name, title, url, lines)
        names[name] = entry
    shutil.copytree(raw, fixed)
    fix(fixed)
    counts = {"keep": [0, 0], "remove": [0, 0]}
    for name, entry in sorted(names.items()):
        before, after = body(raw / f"{name}.md", markdown), body(fixed / f"{name}.md", markdown)
        for kind, snippets in entry.items():
            for snippet in (plain(s, markdown) for s in snippets):
                if snippet not in before:
                    continue  # lost in flattening: says nothing about the cleaning
                counts[kind][1] += 1
                good = (snippet in after) == (kind == "keep")
                counts[kind][0] += good
                if show and not good:
                    print(f"  {name}: {'lost' if kind == 'keep' else 'kept'} {snippet!r}")
    (kept, keep_total), (removed, remove_total) = counts["keep"], counts["remove"]
    print(f"trafilatura real-world pages: {len(names)} pages; content snippets kept "
          f"{kept}/{keep_total} ({kept / keep_total:.1%}), chrome snippets removed "
          f"{removed}/{remove_total} ({removed / remove_total:.1%})")


def shingles(text: str) -> Counter:
    """Word 4-grams, counted (words are ``\\w+`` runs, as the development sets' scorer
    splits them)."""
    words = re.findall(r"\w+", text)
    return Counter(tuple(words[i:i + 4]) for i in range(max(1, len(words) - 3)))


def precision_recall(got: Counter, want: Counter) -> tuple[float, float]:
    hits = sum((got & want).values())
    return (hits / sum(got.values()) if got else 0.0,
            hits / sum(want.values()) if want else 0.0)


def gold_scores(label: str, pages, work: Path, show: bool, markdown: bool) -> None:
    """Score plain ``fix`` on ``pages`` (name, HTML, URL, gold text) by word 4-grams."""
    raw, fixed = work / f"{label}-raw", work / label
    raw.mkdir()
    golds = {}
    for name, html, url, gold in pages:
        title, lines = to_markdown(html) if markdown else flatten(html)
        heading = BeautifulSoup(html, "html.parser").find("h1")
        headline = " ".join(heading.get_text(" ").split()) if heading else ""
        # The headline goes to the title, as in the development sets.
        if headline in lines and not markdown:
            lines.remove(headline)
            title = headline
        write_page(raw, name, title, url, lines)
        golds[name] = " ".join(gold.split())
    shutil.copytree(raw, fixed)
    fix(fixed)
    for state, folder in (("untouched", raw), ("fixed", fixed)):
        precisions, recalls = [], []
        for name, gold in golds.items():
            precision, recall = precision_recall(
                shingles(body(folder / f"{name}.md", markdown)), shingles(gold))
            precisions.append(precision)
            recalls.append(recall)
            if show and state == "fixed":
                print(f"  {name}: P {precisions[-1]:.2f} R {recalls[-1]:.2f}")
        p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
        print(f"{label} pages, {state}: {len(golds)} pages, P {p:.3f} R {r:.3f} "
              f"F1 {2 * p * r / (p + r):.3f}")


def newspaper_pages(source: Path):
    """newspaper4k's test pages with the text it extracts from each."""
    data = source / "tests" / "data"
    for page in sorted((data / "html").glob("*.html")):
        gold = data / "txt" / f"{page.stem}.txt"
        if gold.is_file():
            yield (page.stem, page.read_bytes().decode("utf-8", errors="replace"),
                   f"https://example.org/{page.stem}", gold.read_text(encoding="utf-8"))


def article_extractor_pages(source: Path):
    """article-extractor's saved pages with the article HTML picked out of each by hand
    (a curated selector and clean-up), its text one line per block."""
    root = source / "tests" / "fixtures" / "fullpage_to_article_html"
    index = json.loads((root / "fixtures_index.json").read_text(encoding="utf-8"))
    for case in index["cases"]:
        folder = root / case["host"] / case["case"]
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{case['host']}_{case['case']}")
        expected = (folder / "expected.html").read_bytes().decode("utf-8", errors="replace")
        yield (name, (folder / "raw.html").read_bytes().decode("utf-8", errors="replace"),
               case["url"], "\n".join(flatten(expected)[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="keep the pages and their fixed copies here")
    parser.add_argument("--show", action="store_true", help="list each miss")
    parser.add_argument("--markdown", action="store_true",
                        help="convert the pages to Markdown (needs markdownify)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lc-external-"))
    try:
        snippet_checks(fetch(TRAFILATURA, work / "src"), work, args.show, args.markdown)
        gold_scores("newspaper4k", newspaper_pages(fetch(NEWSPAPER, work / "src")), work,
                    args.show, args.markdown)
        gold_scores("article-extractor",
                    article_extractor_pages(fetch(ARTICLE_EXTRACTOR, work / "src")), work,
                    args.show, args.markdown)
        if args.keep:
            shutil.copytree(work, args.keep, ignore=shutil.ignore_patterns("src"),
                            dirs_exist_ok=True)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
