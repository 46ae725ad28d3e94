#!/usr/bin/env python3
"""What the cleaning rules add to the check time of the core rules.

Generates a corpus of seed-like documents (benchmarks/generate.py), then times, in
alternation so machine noise hits both alike:

- core: `lint-corpus check --select ENC,FM,SCH,TXT,LC,EMB --schema news-article`
- all: the same with every default rule (cleaning, tables...)
- cleaning: core plus the cleaning families only (CH, TRL, DUP, HTML, TRC)

and prints the median of each and the ratios, measured in this one run.

    python benchmarks/cleaning_overhead.py --count 2000 --runs 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORE = "ENC,FM,SCH,TXT,LC,EMB"
CLEANING = "CH,TRL,DUP,HTML,TRC"


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "lint_corpus", *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"lint-corpus failed ({proc.returncode}): {proc.stderr[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", help="use this folder instead of generating one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lc-overhead-") as scratch:
        folder = args.corpus or os.path.join(scratch, "docs")
        if not args.corpus:
            subprocess.run([sys.executable, str(HERE / "generate.py"), folder, "--count",
                            str(args.count)], check=True)
        common = ["check", folder, "--schema", "news-article", "--isolated", "-q",
                  "--no-progress", "--no-cache"]
        if subprocess.run([sys.executable, "-m", "lint_corpus", "check", "--help"],
                          capture_output=True, text=True).stdout.find("--no-cache") < 0:
            common.remove("--no-cache")
        variants = {
            "core": common + ["--select", CORE],
            "core+cleaning": common + ["--select", f"{CORE},{CLEANING}"],
            "all rules": common + ["--select", "ALL"],
        }
        times: dict[str, list[float]] = {name: [] for name in variants}
        timed(variants["core"])  # warm the file cache
        for _ in range(args.runs):
            for name, variant in variants.items():
                times[name].append(timed(variant))
    medians = {name: statistics.median(values) for name, values in times.items()}
    documents = args.count if not args.corpus else sum(
        len(files) for _, _, files in os.walk(args.corpus))
    print(f"{documents} documents, median of {args.runs} runs each")
    for name, value in medians.items():
        print(f"  {name:<14} {value:6.2f} s  {documents / value:8.0f} docs/s")
    core = medians["core"]
    print(f"cleaning rules add {medians['core+cleaning'] / core - 1:+.0%} to the core's time; "
          f"all rules {medians['all rules'] / core - 1:+.0%}")


if __name__ == "__main__":
    main()
