"""TBL rules: pipe tables and HTML table remnants.

Most cases are fixture files under ``tests/fixtures/tables``. A line's expected
findings are written at its end as ``<!-- expect: TBL001 TBL003 -->``; the harness
strips every marker before linting, so markers never touch what is parsed, and
line numbers stay the same. A fixture without markers is a valid file: no finding
and no change. ``NAME.fixed.EXT`` beside a fixture is its exact text after
``fix --unsafe-fixes``.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SEEDS, fix_text, lint_text, make_linter, to_document
from markdown_it import MarkdownIt
from markdown_it.rules_block.table import escapedSplit

from lint_corpus.fix import fix_document
from lint_corpus.registry import builtin_rules
from lint_corpus.rules import tables as tables_module

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"
MARKER = re.compile(r"[ \t]*<!-- expect: ([A-Z0-9, ]+) -->(?=\r?$)", re.M)
TBL = ["TBL"]
CODES = [f"TBL{n:03d}" for n in range(1, 13)]
SEED_002 = "002_23b03b3f3f1e2ab1.txt"
MARKDOWNLINT_CLI2 = "markdownlint-cli2@0.22.1"


def load_fixture(path: Path) -> tuple[str, list[tuple[str, int]]]:
    """(text without markers, sorted expected (code, line) pairs)."""
    raw = path.read_text(encoding="utf-8")
    expected = []
    for number, line in enumerate(raw.split("\n"), 1):
        match = MARKER.search(line)
        if match:
            expected.extend((code, number) for code in re.split(r"[ ,]+", match.group(1).strip()))
    return MARKER.sub("", raw), sorted(expected)


CASES = sorted(p for p in FIXTURES.iterdir()
               if p.suffix in (".md", ".txt") and ".fixed." not in p.name)
CASE_IDS = [p.name for p in CASES]
DAMAGED = [p for p in CASES if load_fixture(p)[1]]


def golden(path: Path) -> Path:
    return path.with_name(f"{path.stem}.fixed{path.suffix}")


def run_fix(text: str, path: str = "doc.md", unsafe: bool = True, select=TBL):
    linter = make_linter(select)
    return fix_document(to_document(text, path), linter.lint, unsafe=unsafe)


def gfm_tables(text: str) -> list[dict]:
    """The tables a GFM parser (markdown-it with tables) finds: cells and source rows."""
    md = MarkdownIt("commonmark").enable("table")
    lines = text.splitlines()
    found, current, row = [], None, None
    for token in md.parse(text):
        if token.type == "table_open":
            current = {"map": token.map, "rows": [], "source": lines[token.map[0]:token.map[1]]}
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None and current is not None:
            row.append(token.content)
        elif token.type == "tr_close":
            current["rows"].append(row)
            row = None
        elif token.type == "table_close":
            found.append(current)
            current = None
    return found


def source_cells(line: str) -> int:
    cells = escapedSplit(line.strip())
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return len(cells)


def assert_sound_tables(text: str, unfixed: frozenset[int] = frozenset()) -> None:
    """Every GFM table: each source row (delimiter row too) has the header's cell count.

    ``unfixed`` holds the 1-based lines of findings that have no fix.
    """
    for table in gfm_tables(text):
        width = source_cells(table["source"][0])
        for number, line in enumerate(table["source"], table["map"][0] + 1):
            if number in unfixed:
                continue
            if number != table["map"][0] + 2:  # a one-column delimiter row needs no pipe
                assert "|" in line, f"a line without pipes is a row of the table: {line!r}"
            assert source_cells(line) == width, f"row with the wrong cell count: {line!r}"


# -- the fixtures ---------------------------------------------------------------------

def test_fixtures_exist():
    assert len(CASES) >= 10 and DAMAGED
    covered = {code for path in DAMAGED for code, _ in load_fixture(path)[1]}
    assert covered == set(CODES), f"codes without a fixture: {set(CODES) - covered}"


@pytest.mark.parametrize("path", CASES, ids=CASE_IDS)
def test_findings_match_the_markers(path):
    text, expected = load_fixture(path)
    findings = lint_text(text, path=path.name, select=TBL)
    assert sorted((f.code, f.line) for f in findings) == expected


@pytest.mark.parametrize("path", CASES, ids=CASE_IDS)
def test_fix_repairs_and_is_idempotent(path):
    text, expected = load_fixture(path)
    result = run_fix(text, path.name)
    assert result.converged
    # Only findings without a fix may remain (malformed or complex HTML tables).
    assert all(f.fix is None for f in result.remaining), \
        [(f.code, f.line, f.message) for f in result.remaining]
    assert {(f.code) for f in result.remaining} <= {code for code, _ in expected}
    again = run_fix(result.text, path.name)
    assert again.text == result.text, "a second fix run changed the text"
    if not expected:
        assert result.text == text, "a valid file was changed"
    target = golden(path)
    if target.exists():
        assert result.text == target.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", DAMAGED, ids=[p.name for p in DAMAGED])
def test_repaired_tables_are_gfm_tables(path):
    text, _ = load_fixture(path)
    result = run_fix(text, path.name)
    fixed = result.text
    assert_sound_tables(fixed, frozenset(f.line for f in result.remaining))
    # No table debris is left outside a table: no delimiter row, no line opening
    # with a pipe.
    covered = set()
    for table in gfm_tables(fixed):
        covered.update(range(*table["map"]))
    for number, line in enumerate(fixed.splitlines()):
        if line.lstrip().startswith("|") or re.match(r"^ {0,3}:?-+:?\s*\|", line):
            assert number in covered, f"line {number + 1} is table debris: {line!r}"


@pytest.mark.parametrize("path", [p for p in CASES if golden(p).exists()],
                         ids=[p.name for p in CASES if golden(p).exists()])
def test_golden_files_are_clean(path):
    fixed = golden(path).read_text(encoding="utf-8")
    assert [f for f in lint_text(fixed, path=path.name, select=TBL) if f.fix is not None] == []


def test_every_finding_points_at_its_line():
    text, expected = load_fixture(FIXTURES / "scraped-article.txt")
    lines = text.split("\n")
    for finding in lint_text(text, path="a.txt", select=TBL):
        assert finding.line == finding.end_line  # one line: the damaged row
        assert lines[finding.line - 1].strip(), finding


def test_safe_fixes_alone_converge_and_leave_the_guesses():
    text, _ = load_fixture(FIXTURES / "scraped-article.txt")
    safe = run_fix(text, "a.txt", unsafe=False)
    assert safe.converged
    assert run_fix(safe.text, "a.txt", unsafe=False).text == safe.text
    left = {f.code for f in safe.remaining}
    assert {"TBL005", "TBL007", "TBL008", "TBL012"} <= left
    assert all(f.fix is not None and str(f.fix.applicability) == "unsafe"
               for f in safe.remaining)
    # Then the unsafe fixes reach the same end as fixing everything at once.
    assert run_fix(safe.text, "a.txt").text == run_fix(text, "a.txt").text


# -- semantics ------------------------------------------------------------------------

VALID = [
    pytest.param("Just prose, no pipes at all.\n", id="no-pipes"),
    pytest.param("Home | News | Sport | Weather\n\nStory text.\n", id="nav-bar"),
    pytest.param("One | pipe in a sentence.\n---\n", id="setext-heading-under-pipe"),
    pytest.param("Menu\n|\nItem\n|\nOther\n", id="pipe-lines-menu"),
    pytest.param("| a | b |\n| - | - |\n| `x\\|y` | \\| |\n", id="escaped-pipes"),
    pytest.param("a | b\n:-: | --:\n1 | 2\n", id="no-edge-pipes-aligned"),
    pytest.param("```\n| a |\n---|\nAbCdEf\n```\n", id="fenced-code"),
    pytest.param("Text.\n\n    | a | b |\n    ---|\n", id="indented-code"),
    pytest.param("> | a | b |\n> ---|\n", id="blockquote-not-ours"),
    pytest.param("---\ntitle: x\nnote: |\n  a | b\n  ---|\n---\nBody.\n", id="front-matter"),
    pytest.param("Write `<table>` for tables.\n", id="table-tag-in-code-span"),
    pytest.param("| a | b |\r\n| --- | --- |\r\n| 1 | 2 |\r\n", id="crlf"),
]


@pytest.mark.parametrize("text", VALID)
def test_valid_text_has_no_findings(text):
    assert lint_text(text, path="a.md", select=TBL) == []


def test_a_code_span_pipe_splits_the_cell_as_in_gfm():
    # GFM (markdown-it, micromark, so markdownlint) splits on a pipe in a code span.
    text = "| a | b |\n| - | - |\n| `x|y` | z |\n"
    (finding,) = lint_text(text, select=TBL)
    assert (finding.code, finding.line) == ("TBL001", 3)
    assert fix_text(text, select=TBL, unsafe=True) == "| a | b |\n| - | - |\n| `x\\|y` | z |\n"


def test_crlf_is_kept():
    text = "Intro\r\nName | Age |\r\n---|\r\nAda | 36 |\r\nLen\r\n"
    fixed = fix_text(text, path="a.txt", select=TBL, unsafe=True)
    assert "\n" not in fixed.replace("\r\n", "")
    assert fixed == ("Intro\r\n\r\n| Name | Age |\r\n| --- | --- |\r\n| Ada | 36 |\r\n\r\n"
                     "Len\r\n")


def test_html_conversion_safety():
    explicit = "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>\n"
    guessed = "<table><tr><td>A</td><td>B</td></tr><tr><td>1</td><td>2</td></tr></table>\n"
    (first,) = lint_text(explicit, select=TBL)
    (second,) = lint_text(guessed, select=TBL)
    assert str(first.fix.applicability) == "safe"
    assert str(second.fix.applicability) == "unsafe"
    assert fix_text(explicit, select=TBL) == "| A | B |\n| --- | --- |\n| 1 | 2 |\n"


def test_merged_html_cells_are_padded():
    text = ("<table><tr><th>R</th><th>Q1</th><th>Q2</th></tr>"
            "<tr><td rowspan=\"2\">N</td><td colspan=\"2\">shut</td></tr>"
            "<tr><td>4</td><td>5</td></tr></table>\n")
    assert fix_text(text, select=TBL, unsafe=True) == (
        "| R | Q1 | Q2 |\n| --- | --- | --- |\n| N | shut | |\n| | 4 | 5 |\n")


def test_rules_share_one_parse(monkeypatch):
    calls = []
    real = tables_module._analyse
    monkeypatch.setattr(tables_module, "_analyse", lambda doc: calls.append(1) or real(doc))
    text, _ = load_fixture(FIXTURES / "scraped-article.txt")
    assert lint_text(text, path="a.txt", select=TBL)
    assert len(calls) == 1


def test_rule_documentation():
    rules = {r.code: r for r in builtin_rules() if r.code.startswith("TBL")}
    assert sorted(rules) == CODES
    for rule in rules.values():
        for section in ("## What it does", "## Why it matters", "## Example", "## Fix safety"):
            assert section in rule.explanation, (rule.code, section)
        example = rule.explanation.split("## Example", 1)[1].split("##", 1)[0]
        assert "`" in example, f"{rule.code}: the example should show text"


# -- random damage ---------------------------------------------------------------------

WORDS = ("North South Harbour Mill River Early Pilot Stage Regional Fund Rising Sales Low "
         "Cost High Open Closed Winter Summer YouTube FinTech (Beta) 2021 3,400 km").split()
PROSE = "This sentence of running prose goes on for a while, as prose does."


def damaged_document(seed: int) -> str:
    """Valid tables in a random pipe style, then broken the ways scrapers break them."""
    rng = random.Random(seed)

    def cell() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))

    parts: list[str] = []
    for _ in range(rng.randint(1, 3)):
        parts.append(rng.choice(["Intro text.", "", "A short line", "# Heading"]))
        width = rng.randint(1, 5)
        lead, trail = rng.choice([(True, True), (False, False), (True, False), (False, True)])

        def row(cells: list[str], width=width, lead=lead, trail=trail) -> str:
            text = " | ".join(cells)
            text = "| " + text if lead or not cells[0] else text
            return text + " |" if trail or not cells[-1] or width == 1 else text

        lines = [row([cell() for _ in range(width)]), row(["---"] * width)]
        lines += [row([cell() if rng.random() > 0.1 else "" for _ in range(width)])
                  for _ in range(rng.randint(0, 5))]
        for _ in range(rng.randint(0, 4)):
            k = rng.randrange(len(lines))
            damage = rng.randrange(9)
            if damage == 0:
                lines[k] = lines[k].replace(" | ", "")  # cells glued
            elif damage == 1:
                lines[k] = lines[k].strip("| ")  # edge pipes lost
            elif damage == 2 and k > 0:
                lines[k - 1] += lines.pop(k)  # line break lost
            elif damage == 3:
                lines[k:k + 1] = lines[k].replace("|", "\n|").split("\n")  # exploded
            elif damage == 4:
                lines[k] = "---|"
            elif damage == 5:
                lines.insert(k, cell())
            elif damage == 6:
                lines.insert(k, PROSE)
            elif damage == 7:
                lines[k] += " | extra"
            elif damage == 8:
                lines.insert(k, "")
        parts.extend(lines)
    return "\n".join(parts) + "\n"


RANDOM_SEEDS = range(400)


def test_random_damage_converges_and_is_idempotent():
    linter = make_linter(["TBL", "LC"])  # LC001: a rule that raised
    for seed in RANDOM_SEEDS:
        text = damaged_document(seed)
        result = fix_document(to_document(text), linter.lint, unsafe=True)
        assert result.converged, seed
        assert not [f for f in result.remaining if f.code.startswith("LC")], seed
        assert all(f.fix is None for f in result.remaining), seed
        again = fix_document(to_document(result.text), linter.lint, unsafe=True)
        assert again.text == result.text, seed
        assert_sound_tables(result.text, frozenset(f.line for f in result.remaining))


# -- the seeds ------------------------------------------------------------------------

needs_seeds = pytest.mark.skipif(SEEDS is None, reason="shared/seeds is not available")


@needs_seeds
def test_seeds_without_tables_have_no_findings():
    for path in sorted(SEEDS.iterdir()):
        if path.name == SEED_002:
            continue
        findings = lint_text(path.read_bytes(), path=path.name, select=TBL)
        assert findings == [], (path.name, [(f.code, f.line) for f in findings])


@needs_seeds
def test_seed_002_tables_are_repaired(cli, tmp_path):
    source = SEEDS / SEED_002
    if not source.exists():
        pytest.skip(f"{SEED_002} is not among the seeds")
    target = tmp_path / SEED_002
    shutil.copyfile(source, target)
    original = source.read_text(encoding="utf-8")
    assert {f.code for f in lint_text(original, path=SEED_002, select=TBL)} >= {
        "TBL004", "TBL005", "TBL007", "TBL008", "TBL012"}
    cli(["fix", "--unsafe-fixes", target], cwd=tmp_path)
    fixed = target.read_text(encoding="utf-8")
    tables = gfm_tables(fixed)
    assert len(tables) == 2
    assert_sound_tables(fixed)
    rows = [row for table in tables for row in table["rows"]]
    cells = {cell for row in rows for cell in row}
    for cell in ("Manufacturing & Automation", "Nascent Stage", "Financial Technology (FinTech)",
                 "Regulatory Transparency", "Limited Scope"):
        assert cell in cells
    assert ["Manufacturing & Automation", "Nascent Stage", "Advanced Integration",
            "Moderate Integration"] in rows
    assert ["Financial Technology (FinTech)", "Intermediate Adoption", "Advanced Deployment",
            "Advanced Deployment"] in rows
    assert ["Regulatory Transparency", "Limited Scope", "Extensive Clarity Across Sectors"] in rows
    assert tables[0]["rows"][0] == ["Industry Sector", "South Korea", "United States", "China"]
    assert tables[1]["rows"][0] == ["Policy Aspect", "South Korean Framework",
                                    "Global Best Practices"]
    # The prose glued to the tables is a paragraph again.
    assert "\nAddressing these disparities" in fixed
    assert "gaps:\n\n| Policy Aspect" in fixed
    # A second run changes nothing.
    cli(["fix", "--unsafe-fixes", target], cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == fixed


# -- markdownlint ---------------------------------------------------------------------

def _markdownlint(request) -> Path:
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("npm is not installed")
    folder = request.config.cache.mkdir("markdownlint-cli2")
    binary = folder / "node_modules" / ".bin" / "markdownlint-cli2"
    if not binary.exists():
        completed = subprocess.run(
            [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund",
             "--no-save", MARKDOWNLINT_CLI2],
            capture_output=True, text=True, timeout=600)
        assert completed.returncode == 0, completed.stderr[-2000:]
    return binary


def _run_markdownlint(binary: Path, folder: Path, rules=("MD055", "MD056", "MD058")):
    config = {"config": {"default": False, **{rule: True for rule in rules}}}
    (folder / ".markdownlint-cli2.jsonc").write_text(json.dumps(config), encoding="utf-8")
    completed = subprocess.run([str(binary), "**/*.md"], cwd=folder, capture_output=True,
                               text=True, timeout=300)
    errors = re.findall(r"^(\S+?):(\d+)(?::\d+)? (?:error )?(MD\d{3})", completed.stdout
                        + completed.stderr, re.M)
    return completed.returncode, [(name, int(line), rule) for name, line, rule in errors]


@pytest.mark.slow
def test_markdownlint_accepts_valid_and_repaired_tables(request, tmp_path):
    binary = _markdownlint(request)
    unfixed = set()  # rows we report without a fix (cells that cannot be told apart)
    for path in CASES:
        text, expected = load_fixture(path)
        name = path.stem + ".md"
        if not expected:
            (tmp_path / f"valid-{name}").write_text(text, encoding="utf-8")
        result = run_fix(text, path.name)
        (tmp_path / f"fixed-{name}").write_text(result.text, encoding="utf-8")
        unfixed.update((f"fixed-{name}", f.line) for f in result.remaining)
    for seed in RANDOM_SEEDS[:150]:
        result = run_fix(damaged_document(seed), "a.md")
        (tmp_path / f"fixed-random-{seed}.md").write_text(result.text, encoding="utf-8")
        unfixed.update((f"fixed-random-{seed}.md", f.line) for f in result.remaining)
    if SEEDS is not None and (SEEDS / SEED_002).exists():
        seed = (SEEDS / SEED_002).read_text(encoding="utf-8")
        (tmp_path / "fixed-seed-002.md").write_text(run_fix(seed, "a.txt").text,
                                                    encoding="utf-8")
    _, errors = _run_markdownlint(binary, tmp_path)
    assert errors, "markdownlint should see the one row left unrepaired"
    assert [e for e in errors if (e[0], e[1]) not in unfixed] == []


@pytest.mark.slow
def test_markdownlint_parity_on_what_it_can_see(request, tmp_path):
    """On damage GFM still parses, TBL001/2/3 flag the lines MD056/55/58 flag."""
    binary = _markdownlint(request)
    text = ("Intro line\n"
            "| Lake | Depth |\n"
            "| --- | --- |\n"
            "| Merin | 40 m |\n"
            "Solva | 12 m |\n"
            "| Tarn |\n"
            "| Grey | 8 m | deep |\n"
            "# Heading\n"
            "\n"
            "| Peak | Height |\n"
            "| --- | --- |\n"
            "| Orrin | 900 m\n"
            "\n"
            "End.\n")
    (tmp_path / "parity.md").write_text(text, encoding="utf-8")
    _, errors = _run_markdownlint(binary, tmp_path)
    theirs = {({"MD056": "TBL001", "MD055": "TBL002", "MD058": "TBL003"}[rule], line)
              for _, line, rule in errors}
    ours = {(f.code, f.line) for f in lint_text(text, select=TBL)}
    assert ours == theirs
