#!/usr/bin/env python3
"""Generate N seed-like documents, deterministically, for benchmarks.

Two shapes, as in real corpora of scraped news:
- records: YAML front matter (title, excerpt, dates, URLs, provider, images,
  related items...) with an empty body, like the news-record seeds;
- articles: scraped page text with menus, share bars, teaser lists, a Markdown
  table (sometimes broken), and sometimes an off-topic last line.

All text is made from a small invented vocabulary, so nothing third-party is copied.

    python benchmarks/generate.py OUT_DIR --count 10000 [--seed 7]
    python benchmarks/generate.py corpus.jsonl --count 10000 --jsonl

With ``--jsonl`` the same documents become records of one JSONL file (``.jsonl.gz``
compresses it): the front matter fields as JSON fields, the body as ``text``.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import random

NOUNS = ("council budget harbour festival library startup reactor vaccine satellite "
         "museum tariff drought election orchestra bridge ferry campus algorithm "
         "pipeline wildlife archive stadium clinic museum railway").split()
VERBS = ("approves delays expands questions funds opens reviews doubles cancels "
         "studies tests unveils restores rejects").split()
ADJECTIVES = ("regional national coastal rural digital public private historic new "
              "controversial delayed ambitious modest").split()
PLACES = "Northport Eastvale Lindgren Marisol Okafor Brandt Velhaven Tarrow".split()
SITES = [("The Northport Ledger", "northport-ledger.example"),
         ("Eastvale Daily", "eastvale-daily.example"),
         ("Coastline Wire", "coastline-wire.example"),
         ("Marisol Post", "marisol-post.example")]
MENU = "Home News Sport Business Opinion Culture Science Travel Weather Podcasts".split()


def sentence(rng: random.Random, words: int = 14) -> str:
    parts = [f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} in {rng.choice(PLACES)}",
             rng.choice(VERBS), f"a {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} plan"]
    while len(" ".join(parts).split()) < words:
        parts.append(rng.choice(["after", "while", "because", "as", "and"]))
        parts.append(f"the {rng.choice(NOUNS)} {rng.choice(VERBS)} {rng.choice(NOUNS)}s")
    return " ".join(parts) + "."


def headline(rng: random.Random) -> str:
    return (f"{rng.choice(PLACES)} {rng.choice(NOUNS).title()} "
            f"{rng.choice(VERBS).title()} {rng.choice(ADJECTIVES).title()} "
            f"{rng.choice(NOUNS).title()} Plan")


def record(rng: random.Random, index: int) -> str:
    name, domain = rng.choice(SITES)
    day = 1 + index % 28
    slug = f"story-{index}"
    related = []
    for r in range(rng.randint(0, 12)):  # the seeds hold 1 to 15 related items
        rname, rdomain = rng.choice(SITES)
        item = [f'  - title: "{headline(rng)}"',
                f'    excerpt: "{sentence(rng, 18)}"',
                f"    publishedDateTime: 2021-06-{day:02d}T{r:02d}:15:00Z",
                f'    webUrl: "https://{rdomain}/2021/06/related-{index}-{r}"',
                "    type: article",
                "    provider:",
                f"      name: {rname}",
                f"      domain: {rdomain}",
                f"    quality: {rng.randint(10, 130)}"]
        if rng.random() < 0.7:
            item += ["    images:",
                     f'      - url: "https://img.{rdomain}/{index}-{r}.jpg"',
                     "        width: 600",
                     "        height: 400",
                     "        isCached: true"]
        related.extend(item)
    lines = ["---", "category: news",
             f'title: "{headline(rng)}"',
             f'excerpt: "{sentence(rng, 20)} {sentence(rng, 12)}"',
             f"publishedDateTime: 2021-06-{day:02d}T12:30:00Z",
             f'originalUrl: "https://{domain}/2021/06/{slug}"',
             f'webUrl: "https://{domain}/2021/06/{slug}"',
             f'ampWebUrl: "https://{domain}/amp/2021/06/{slug}"',
             f"type: {'video' if index % 17 == 0 else 'article'}",
             f"quality: {rng.randint(5, 140)}",
             f"heat: {rng.choice(['-1', '', str(rng.randint(0, 99))])}",
             "published: false", "",
             "provider:", f"  name: {name}", f"  domain: {domain}", "",
             "topics:", "  - AI", f"  - {rng.choice(NOUNS).title()}", "",
             "images:", f'  - url: "https://img.{domain}/{index}.jpg"',
             "    width: 800", "    height: 450", "    isCached: true", ""]
    if related:
        lines += ["related:", *related, ""]
    lines += [f'secured: "{rng.getrandbits(256):064x}"', "---", ""]
    return "\n".join(lines) + "\n"


def table_row(rng: random.Random) -> str:
    return f"{rng.choice(NOUNS).title()} | {rng.randint(1, 9)}0k | {rng.randint(1, 12)} months |"


def article(rng: random.Random, index: int) -> str:
    name, domain = rng.choice(SITES)
    out = [" | ".join(rng.sample(MENU, 6)), "", headline(rng), "",
           f"{rng.randint(3, 15)} minute read", "Share this article", ""]
    for _ in range(rng.randint(5, 12)):
        out += [" ".join(sentence(rng, rng.randint(12, 30)) for _ in range(rng.randint(1, 3))),
                ""]
    if index % 3 == 0:
        out += ["The table below compares the options:", "",
                "Option | Cost | Time |", "---|" if index % 6 == 0 else "---|---|---|",
                table_row(rng), table_row(rng),
                ""]
    out += [sentence(rng, 16), "", f"Subscribe to {name} for more stories",
            "Register Now", f"More from {name}", ""]
    for _ in range(3):
        out += [headline(rng), sentence(rng, 22), f"{rng.randint(1, 28)} June 2021", ""]
    out += ["1 2 3 45", "magnifiercrossmenuchevron-down"]
    if index % 2 == 0:
        out.append(f"{rng.choice(PLACES)} Racing Team Wins Late Duel Under the Lights")
    return "\n".join(out) + "\n"


def documents(count: int, seed: int = 7):
    rng = random.Random(seed)
    for index in range(count):
        if index % 2 == 0:
            yield f"{index:06d}.md", record(rng, index)
        else:
            yield f"{index:06d}.txt", article(rng, index)


def to_record(name: str, text: str) -> dict:
    """A document as a JSONL record: front matter fields, then the body as ``text``."""
    import yaml

    record: dict = {}
    body = text
    if text.startswith("---\n"):
        end = text.index("\n---\n", 3)
        fields = yaml.load(text[4:end], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        record.update(_jsonable(fields or {}))
        body = text[end + 5:]
    record["text"] = body
    return record


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def write_jsonl(path: str, count: int, seed: int) -> None:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as handle:
        for name, text in documents(count, seed):
            handle.write(json.dumps(to_record(name, text), ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="folder to write the documents to (with --jsonl: the "
                                    "JSONL file)")
    parser.add_argument("--jsonl", action="store_true",
                        help="write one JSONL file of records instead of files")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-folder", type=int, default=1000,
                        help="documents per sub-folder (large flat folders are slow)")
    args = parser.parse_args()
    if args.jsonl:
        write_jsonl(args.out, args.count, args.seed)
        return
    for i, (name, text) in enumerate(documents(args.count, args.seed)):
        folder = os.path.join(args.out, f"part-{i // args.per_folder:04d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
