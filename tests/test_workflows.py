"""The GitHub side: workflow and action files valid against GitHub's schemas, the
action's scripts run for real, and the ``github`` report format line by line."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, REPO, SEEDS

WORKFLOW = REPO / ".github" / "workflows" / "lint-corpus.yml"
ACTION = REPO / "action.yml"
README = REPO / "README.md"


def readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", text, re.S | re.M)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def code_blocks(section: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", section, re.S | re.M)


# -- schema validation with check-jsonschema ---------------------------------------------


def check_jsonschema(builtin: str, *files: Path) -> subprocess.CompletedProcess:
    pytest.importorskip("check_jsonschema")
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           builtin, *map(str, files)], capture_output=True, text=True,
                          timeout=120)


def test_workflow_is_valid_against_githubs_schema():
    proc = check_jsonschema("vendor.github-workflows", WORKFLOW)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_action_is_valid_against_githubs_schema():
    proc = check_jsonschema("vendor.github-actions", ACTION)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_readme_workflow_snippet_is_valid(tmp_path):
    blocks = code_blocks(readme_section("Use in CI"), "yaml")
    assert blocks, "the README's 'Use in CI' section has no yaml block"
    snippet = tmp_path / "readme-workflow.yml"
    snippet.write_text(blocks[0], encoding="utf-8")
    proc = check_jsonschema("vendor.github-workflows", snippet)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    workflow = yaml.safe_load(blocks[0])
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    assert any(s.get("uses", "").startswith("lint-corpus/lint-corpus@") for s in steps)
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@")
               for s in steps)
    job = next(iter(workflow["jobs"].values()))
    assert job["permissions"]["security-events"] == "write"


def test_the_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
                      "    steps:\n      - uses: actions/checkout@v6\n        whith: {}\n",
                      encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", broken).returncode != 0


# -- what the workflow and the action say ----------------------------------------------------


def test_workflow_runs_tests_annotates_and_uploads_sarif():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1: on → True
    assert "pull_request" in triggers
    jobs = workflow["jobs"]
    runs = [s.get("run", "") for job in jobs.values() for s in job["steps"]]
    assert any(".ci/run" in r for r in runs), "no job installs the project and runs the tests"

    documents = next(job for job in jobs.values()
                     if any(s.get("uses") == "./" for s in job["steps"]))
    assert documents["permissions"]["security-events"] == "write"
    steps = documents["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    lint = next(s for s in steps if s.get("uses") == "./")
    assert lint["with"]["output-format"] == "github"
    assert "base_ref" in lint["with"]["changed-since"]
    upload = next(s for s in steps
                  if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == f"${{{{ steps.{lint['id']}.outputs.sarif-file }}}}"
    assert "!cancelled()" in upload["if"]


def test_readme_documents_every_input_and_output_of_the_action():
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    section = readme_section("Use in CI")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", section, re.M))
    assert set(action["inputs"]) | set(action["outputs"]) == documented
    for name, spec in {**action["inputs"], **action["outputs"]}.items():
        assert spec.get("description", "").strip(), name


def action_step(step_id: str) -> str:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    step = next(s for s in action["runs"]["steps"] if s.get("id") == step_id)
    assert step["shell"] == "bash"
    assert "${{" not in step["run"], "inputs reach the script through env only"
    return step["run"]


# -- the github format: one well-formed annotation per finding -------------------------------

ANNOTATION = re.compile(
    r"^::(?P<level>error|warning|notice) "
    r"file=(?P<file>[^,:\r\n]+),line=(?P<line>[1-9]\d*),col=(?P<col>[1-9]\d*)"
    r"(?:,endLine=(?P<end_line>[1-9]\d*))?(?:,endColumn=(?P<end_col>[1-9]\d*))?"
    r"(?:,title=(?P<title>[^,:\r\n]*))?"
    r"::(?P<message>[^\r\n]+)$")
LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def unescape(value: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def make_corpus(root: Path) -> Path:
    """Findings of every severity, in files whose names need escaping."""
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "menu, home: news.md").write_text(
        "Prices rose 5%\u00a0this year; the mayor didnâ€™t comment.\n", encoding="utf-8")
    (corpus / "broken-front-matter.md").write_text(
        "---\ntitle: A title\nprovider:\n  name: KX: Kitchen Experiments\n---\nBody.\n",
        encoding="utf-8")
    (corpus / "clean.md").write_text("Nothing to see here.\n", encoding="utf-8")
    if SEEDS:
        for seed in sorted(SEEDS.iterdir()):
            shutil.copy(seed, corpus / seed.name)
    if EXAMPLES.is_dir():
        shutil.copytree(EXAMPLES, corpus / "examples")
    return corpus


def lint_corpus(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lint_corpus", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_github_format_prints_one_well_formed_annotation_per_finding(tmp_path):
    make_corpus(tmp_path)
    github = lint_corpus(tmp_path, "check", "corpus", "--output-format", "github",
                         "--no-progress")
    jsonl = lint_corpus(tmp_path, "check", "corpus", "--output-format", "json-lines",
                        "--no-progress")
    context = f"github:\n{github.stdout}{github.stderr}\njson-lines:\n{jsonl.stdout}{jsonl.stderr}"
    assert github.returncode == jsonl.returncode == 1, context
    findings = [json.loads(line) for line in jsonl.stdout.splitlines()]
    lines = github.stdout.splitlines()
    assert len(lines) == len(findings) > 0, context
    assert {f["severity"] for f in findings} == {"error", "warning", "info"}
    for line, finding in zip(lines, findings, strict=True):
        match = ANNOTATION.match(line)
        assert match, f"malformed annotation: {line!r}"
        assert match["level"] == LEVELS[finding["severity"]], (line, finding)
        assert unescape(match["file"]) == finding["path"]
        assert (int(match["line"]), int(match["col"])) == (finding["line"], finding["column"])
        if match["end_line"]:
            assert int(match["end_line"]) == finding["end_line"]
        assert unescape(match["message"]) == f"{finding['code']} {finding['message']}"
    names = {unescape(ANNOTATION.match(line)["file"]) for line in lines}
    assert "corpus/menu, home: news.md" in names
    assert any("file=corpus/menu%2C home%3A news.md," in line for line in lines)


# -- the action's check step, run locally -------------------------------------------------


@pytest.fixture
def fake_bin(tmp_path) -> Path:
    """What the install step outputs as ``bin``: lint-corpus and python of this test run."""
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, command in (("lint-corpus", f'"{sys.executable}" -m lint_corpus'),
                          ("python", f'"{sys.executable}"')):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\nexec {command} "$@"\n', encoding="utf-8")
        script.chmod(0o755)
    return bin_dir


def run_check_step(cwd: Path, bin_dir: Path, **inputs: str):
    env = {key: value for key, value in os.environ.items() if not key.startswith("GITHUB_")}
    outputs, summary = cwd / "github-output.txt", cwd / "step-summary.md"
    outputs.write_text("", encoding="utf-8")
    env.update(LC_BIN=str(bin_dir), LC_PATHS="", LC_SCHEMA="", LC_CONFIG="",
               LC_CHANGED_SINCE="", LC_FORMAT="github", LC_SARIF="", LC_FAIL="true",
               LC_ARGS="", RUNNER_TEMP=str(cwd / "runner-temp"),
               GITHUB_OUTPUT=str(outputs), GITHUB_STEP_SUMMARY=str(summary))
    env.update({f"LC_{key.upper()}": value for key, value in inputs.items()})
    (cwd / "runner-temp").mkdir(exist_ok=True)
    proc = subprocess.run(["bash", "-c", action_step("check")], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if line)
    return proc, values


def test_action_check_step_annotates_and_writes_sarif(tmp_path, fake_bin):
    make_corpus(tmp_path)
    proc, out = run_check_step(tmp_path, fake_bin, paths="corpus")
    assert proc.returncode == 1, proc.stderr
    assert out["exit-code"] == "1"
    lines = proc.stdout.splitlines()
    assert lines and all(ANNOTATION.match(line) for line in lines), proc.stdout
    assert out["findings"] == str(len(lines))
    sarif = json.loads(Path(out["sarif-file"]).read_text(encoding="utf-8"))
    assert Path(out["sarif-file"]).parent == tmp_path / "runner-temp"
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert len(results) == len(lines)
    assert all(r["ruleId"] and r["message"]["text"]
               and r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
               for r in results)
    assert f"{len(lines)} finding(s)" in (tmp_path / "step-summary.md").read_text()


def test_action_check_step_inputs(tmp_path, fake_bin):
    corpus = make_corpus(tmp_path)
    # Paths separated by a newline and spaces; extra args split on whitespace.
    paths = f"{corpus / 'clean.md'}\n  {corpus / 'broken-front-matter.md'}"
    proc, out = run_check_step(tmp_path, fake_bin, paths=paths,
                               args="--select FM --severity FM=warning", fail="false",
                               sarif="report.sarif", format="text")
    assert proc.returncode == 0, proc.stderr  # findings, but fail-on-findings is false
    assert out["exit-code"] == "1"
    assert out["sarif-file"] == "report.sarif" and (tmp_path / "report.sarif").is_file()
    assert "FM002" in proc.stdout and "::" not in proc.stdout  # text format, FM rules only
    assert "TXT" not in proc.stdout
    assert json.loads((tmp_path / "report.sarif").read_text())["runs"][0]["results"]


def test_action_check_step_clean_and_error(tmp_path, fake_bin):
    make_corpus(tmp_path)
    proc, out = run_check_step(tmp_path, fake_bin, paths="corpus/clean.md")
    assert proc.returncode == 0, proc.stderr
    assert (out["exit-code"], out["findings"]) == ("0", "0")

    proc, out = run_check_step(tmp_path, fake_bin, paths="corpus", schema="no-such-schema",
                               fail="false")
    assert proc.returncode == 2  # an error fails even with fail-on-findings: false
    assert out == {"exit-code": "2", "findings": "", "sarif-file": ""}
    assert "no-such-schema" in proc.stderr


# -- the action's install step, for real (pip installs this project) ---------------------------


def project_copy(dest: Path) -> Path:
    """The files a clean clone of this repository has (tracked or not ignored)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO, capture_output=True, check=True).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(REPO, dest, ignore=shutil.ignore_patterns(
            ".git", ".*venv*", "__pycache__", "*.egg-info", "build", "dist", ".*cache*"))
        return dest
    for rel in filter(None, listed):
        source = REPO / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    return dest


@pytest.mark.slow
def test_action_install_step(tmp_path):
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    source = project_copy(tmp_path / "action-checkout")
    outputs = tmp_path / "github-output.txt"
    outputs.write_text("", encoding="utf-8")
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("GITHUB_", "PIP_REQUIRE_VIRTUALENV", "VIRTUAL_ENV"))}
    env.update(LC_VERSION="", LC_PYTHON=sys.executable, LC_SOURCE=str(source),
               LC_VENV=str(tmp_path / "venv"), GITHUB_OUTPUT=str(outputs))
    proc = subprocess.run(["bash", "-c", action_step("install")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("lint-corpus ")  # --version
    bin_dir = Path(dict(line.split("=", 1) for line in outputs.read_text().splitlines())["bin"])
    assert bin_dir.parent == tmp_path / "venv"
    run = subprocess.run([str(bin_dir / "lint-corpus"), "rules"], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0 and "FM009" in run.stdout, run.stderr
