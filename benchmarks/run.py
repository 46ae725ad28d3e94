#!/usr/bin/env python3
"""Speed and memory of ``lint-corpus check``, with ratios measured in the same run.

Generates N seed-like documents (``generate.py``), then, in each of ``--runs`` rounds,
times (wall clock, each command a fresh process) and samples the peak resident memory
of the whole process tree (every 20 ms from /proc):

- ``floor``: read every file and parse its front matter with PyYAML's C loader, and
  nothing else;
- ``cold``: ``lint-corpus check --jobs 1`` with all rules, an empty cache;
- ``jobs1`` and ``jobs2``: ``--jobs 1`` and ``--jobs 2``, all rules, no cache;
- ``warm``: the same check as ``cold`` again, nothing changed (every entry cached);
- ``fm-schema``: ``--jobs 1 --select FM,SCH``, the validator's share of the work;
- ``validator``: a hand-written python-frontmatter + jsonschema validator (the
  news-article schema), when python-frontmatter is installed;
- ``markdownlint``: markdownlint-cli2 with only its table rules (MD055, MD056, MD058),
  when node and markdownlint-cli2 are installed (``--install`` installs it with npm
  into benchmarks/.tools, and python-frontmatter with pip).

It prints each figure's median over the rounds and the medians of the ratios of each
round, then the goals of issue 6 with the measured value. ``--rss-count 100000``
measures the peak memory of one run on that many documents (``--rss-select`` chooses
its rules; the default is all).

    python benchmarks/run.py --count 10000 --runs 3
    python benchmarks/run.py --runs 0 --rss-count 100000     # memory only
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TOOLS = HERE / ".tools"
MARKDOWNLINT = TOOLS / "node_modules" / ".bin" / "markdownlint-cli2"
SCHEMA = REPO / "schemas" / "news-article.schema.json"

FLOOR = r"""
import os, sys, yaml
loader = yaml.CSafeLoader
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        with open(os.path.join(folder, name), "rb") as handle:
            text = handle.read().decode("utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---", 3)
            yaml.load(text[4:end if end >= 0 else len(text)], Loader=loader)
"""

VALIDATOR = r"""
import json, os, sys
import frontmatter, jsonschema
schema = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
errors = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        path = os.path.join(folder, name)
        try:
            post = frontmatter.load(path)
        except Exception as exc:
            print(f"{path}: {exc}")
            errors += 1
            continue
        if not post.metadata:
            continue
        data = json.loads(json.dumps(post.metadata, default=str))  # dates as text
        for error in validator.iter_errors(data):
            print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
            errors += 1
print(f"{errors} errors", file=sys.stderr)
"""


def run(cmd: list[str], cwd: Path | None = None, pss: bool = False):
    """Wall time and peak RSS (KiB) of the process tree, sampled from /proc.

    With ``pss``, also the peak of the tree's summed proportional set size: forked
    workers share the parent's pages, which a sum of RSS counts once per process.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = peak_pss = 0
    while proc.poll() is None:
        peak = max(peak, _tree_memory(proc.pid, "status", "VmRSS:"))
        if pss:
            peak_pss = max(peak_pss, _tree_memory(proc.pid, "smaps_rollup", "Pss:"))
        time.sleep(0.02 if not pss else 0.1)
    elapsed = time.perf_counter() - started
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return (elapsed, peak, peak_pss) if pss else (elapsed, peak)


def _tree_memory(pid: int, table: str, field: str) -> int:
    total = 0
    for child in [pid, *_descendants(pid)]:
        try:
            with open(f"/proc/{child}/{table}") as handle:
                for line in handle:
                    if line.startswith(field):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def _descendants(pid: int) -> list[int]:
    out = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            children = [int(c) for c in handle.read().split()]
    except OSError:
        return out
    for child in children:
        out.append(child)
        out.extend(_descendants(child))
    return out


def lint_corpus(*args: str) -> list[str]:
    return [sys.executable, "-m", "lint_corpus", "check", *args, "--no-progress", "-q",
            "--isolated"]


def corpus_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def generate(folder: Path, count: int) -> None:
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(folder), "--count",
                    str(count)], check=True)


def have_frontmatter() -> bool:
    return subprocess.run([sys.executable, "-c", "import frontmatter"],
                          capture_output=True).returncode == 0


def install() -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "python-frontmatter"],
                   check=True)
    if shutil.which("npm"):
        TOOLS.mkdir(exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                        str(TOOLS), "markdownlint-cli2"], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="use this folder instead of generating")
    parser.add_argument("--install", action="store_true",
                        help="pip install python-frontmatter, npm install markdownlint-cli2")
    parser.add_argument("--rss-count", type=int, default=0,
                        help="also measure peak memory of one run on this many documents")
    parser.add_argument("--rss-select", default="ALL", help="rules for the memory run")
    parser.add_argument("--rss-corpus", type=Path, help="use this folder for the memory run")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    if args.install:
        install()

    work = Path(tempfile.mkdtemp(prefix="lint-corpus-bench-"))
    try:
        figures: dict = {}
        if args.runs > 0:
            corpus = args.corpus
            if corpus is None:
                corpus = work / "corpus"
                generate(corpus, args.count)
            files, size = corpus_size(corpus)
            print(f"corpus: {files} documents, {size / 1e6:.1f} MB; {os.cpu_count()} CPUs; "
                  f"{args.runs} rounds", flush=True)
            cache = work / "cache"
            everything = ["--select", "ALL", "--schema", "news-article"]
            commands = {
                "floor": [sys.executable, "-c", FLOOR, str(corpus)],
                "cold": lint_corpus(str(corpus), *everything, "--jobs", "1", "--cache-dir",
                                    str(cache)),
                "warm": lint_corpus(str(corpus), *everything, "--jobs", "1", "--cache-dir",
                                    str(cache)),
                "jobs1": lint_corpus(str(corpus), *everything, "--jobs", "1", "--no-cache"),
                "jobs2": lint_corpus(str(corpus), *everything, "--jobs", "2", "--no-cache"),
                # The validator's work: front matter and schema rules only.
                "fm-schema": lint_corpus(str(corpus), "--select", "FM,SCH", "--schema",
                                         "news-article", "--jobs", "1", "--no-cache"),
            }
            if have_frontmatter():
                commands["validator"] = [sys.executable, "-c", VALIDATOR, str(corpus), str(SCHEMA)]
            else:
                print("(no python-frontmatter: `pip install python-frontmatter`, or --install)")
            markdownlint = MARKDOWNLINT if MARKDOWNLINT.exists() else shutil.which(
                "markdownlint-cli2")
            if markdownlint and shutil.which("node"):
                config = work / ".markdownlint-cli2.jsonc"
                config.write_text(json.dumps({"config": {"default": False, "MD055": True,
                                                         "MD056": True, "MD058": True}}))
                commands["markdownlint"] = [str(markdownlint), "**/*.md", "**/*.txt",
                                            "--config", str(config)]
            else:
                print("(no markdownlint-cli2: `npm install --prefix benchmarks/.tools "
                      "markdownlint-cli2`, or --install)")

            times: dict[str, list[float]] = {name: [] for name in commands}
            peaks: dict[str, list[int]] = {name: [] for name in commands}
            ratios: dict[str, list[float]] = {}
            for round_ in range(args.runs):
                shutil.rmtree(cache, ignore_errors=True)
                measured = {}
                for name, cmd in commands.items():
                    cwd = corpus if name == "markdownlint" else None
                    elapsed, peak = run(cmd, cwd)
                    measured[name] = elapsed
                    times[name].append(elapsed)
                    peaks[name].append(peak)
                    print(f"  round {round_ + 1}: {name:<12} {elapsed:7.2f} s  "
                          f"{peak / 1024:6.0f} MB", flush=True)
                pairs = {"cold / floor": ("cold", "floor"), "jobs1 / jobs2": ("jobs1", "jobs2"),
                         "warm / cold": ("warm", "cold"), "validator / cold": ("validator", "cold"),
                         "validator / jobs2": ("validator", "jobs2"),
                         "validator / fm-schema": ("validator", "fm-schema"),
                         "markdownlint / cold": ("markdownlint", "cold")}
                for label, (a, b) in pairs.items():
                    if a in measured and b in measured:
                        ratios.setdefault(label, []).append(measured[a] / measured[b])

            print(f"\nmedians of {args.runs} rounds, {files} documents ({size / 1e6:.1f} MB):")
            figures.update(documents=files, bytes=size, runs=args.runs, commands={})
            for name in commands:
                median = statistics.median(times[name])
                peak = max(peaks[name]) / 1024
                figures["commands"][name] = {"seconds": median, "peak_rss_mb": peak}
                print(f"  {name:<12} {median:7.2f} s  {files / median:8,.0f} docs/s  "
                      f"{size / 1e6 / median:6.1f} MB/s  peak RSS {peak:5.0f} MB")
            print("ratios (median of the rounds' ratios):")
            figures["ratios"] = {}
            for label, values in ratios.items():
                figures["ratios"][label] = statistics.median(values)
                print(f"  {label:<20} {statistics.median(values):6.2f}")
            goals = [("cold single-process check <= 1.5x the floor", "cold / floor", "<=", 1.5),
                     ("--jobs 2 >= 1.6x faster than --jobs 1", "jobs1 / jobs2", ">=", 1.6),
                     ("re-run with nothing changed <= 10% of cold", "warm / cold", "<=", 0.10),
                     (">= 2x faster than the hand-written validator", "validator / cold", ">=",
                      2.0)]
            print("goals:")
            for text, label, op, target in goals:
                if label not in figures["ratios"]:
                    continue
                value = figures["ratios"][label]
                met = value <= target if op == "<=" else value >= target
                print(f"  [{'x' if met else ' '}] {text}: {value:.2f}")

        if args.rss_count or args.rss_corpus:
            big = args.rss_corpus
            if big is None:
                big = work / "big"
                generate(big, args.rss_count)
            n, total = corpus_size(big)
            cmd = lint_corpus(str(big), "--select", args.rss_select, "--schema",
                              "news-article", "--no-cache")
            elapsed, peak, peak_pss = run(cmd, pss=True)
            figures["rss"] = {"documents": n, "select": args.rss_select, "seconds": elapsed,
                              "peak_rss_mb": peak / 1024, "peak_pss_mb": peak_pss / 1024}
            print(f"memory: {n} documents ({total / 1e6:.0f} MB), --select {args.rss_select}, "
                  f"default jobs: {elapsed:.1f} s, peak of all processes: summed RSS "
                  f"{peak / 1024:.0f} MB, summed PSS {peak_pss / 1024:.0f} MB")
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
