"""Configuration: discovery, keys, rule selection with ruff-like specificity, CLI overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_settings

from lint_corpus.config import (
    Settings,
    find_config,
    load_settings,
    parse_size,
    settings_from_mapping,
)
from lint_corpus.errors import ConfigError
from lint_corpus.model import Severity
from lint_corpus.registry import RuleSet, load_catalogue

# A document with one finding each of FM004 (error), FM007 (warning), FM009 (info).
DOC = "---\ntitle: \"a\"\ntitle: \"b\"\nlive: yes\ndate: 2021-06-30\n---\n"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(Settings(), plugins=False)


def enabled(catalogue, **overrides) -> list[str]:
    return [r.code for r in RuleSet(catalogue, make_settings(**overrides)).enabled]


# -- discovery -------------------------------------------------------------------------


def test_find_config_prefers_lint_corpus_toml_in_the_same_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.lint-corpus]\nselect = ['FM']\n")
    (tmp_path / ".lint-corpus.toml").write_text("select = ['FM']\n")
    assert find_config(tmp_path) == tmp_path / ".lint-corpus.toml"
    (tmp_path / "lint-corpus.toml").write_text("select = ['FM']\n")
    assert find_config(tmp_path) == tmp_path / "lint-corpus.toml"


def test_find_config_skips_a_pyproject_without_our_table(tmp_path):
    (tmp_path / "lint-corpus.toml").write_text("select = ['FM']\n")
    sub = tmp_path / "project"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[tool.black]\nline-length = 88\n")
    deeper = sub / "docs" / "2021"
    deeper.mkdir(parents=True)
    assert find_config(deeper) == tmp_path / "lint-corpus.toml"
    (sub / "pyproject.toml").write_text("[tool.lint-corpus]\nignore = ['FM009']\n")
    assert find_config(deeper) == sub / "pyproject.toml"


def test_pyproject_table_is_read_and_paths_are_relative_to_it(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.lint-corpus]\nselect = ['FM']\nschema = 's.json'\n"
        "max-file-size = '2KiB'\nper-file-ignores = {'drafts/*' = 'FM009'}\n")
    settings = load_settings(cwd=tmp_path)
    assert settings.config_path == tmp_path / "pyproject.toml"
    assert settings.root == tmp_path.resolve()
    assert settings.select == ["FM"]
    assert settings.schema == "s.json"
    assert settings.max_file_size == 2048
    assert settings.per_file_ignores == {"drafts/*": ["FM009"]}


def test_isolated_ignores_config(tmp_path):
    (tmp_path / "lint-corpus.toml").write_text("select = ['FM']\n")
    assert load_settings(cwd=tmp_path, isolated=True).select is None
    assert load_settings(cwd=tmp_path).select == ["FM"]


@pytest.mark.parametrize("data, fragment", [
    ({"selct": ["FM"]}, "unknown key 'selct'"),
    ({"select": "FM"}, "'select' has the wrong type"),
    ({"builtin-packs": "yes"}, "'builtin-packs' has the wrong type"),
    ({"severity": {"FM": "loud"}}, "severity['FM']: unknown severity 'loud'"),
    ({"max-file-size": "huge"}, "is not a size"),
    ({"ignore": ["FM", 3]}, "expected a list of strings"),
])
def test_bad_settings_raise_config_error_naming_the_file(data, fragment, tmp_path):
    path = tmp_path / "lint-corpus.toml"
    with pytest.raises(ConfigError) as info:
        settings_from_mapping(data, path)
    assert fragment in str(info.value)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("value, size", [
    (1000, 1000), ("1000", 1000), ("5MB", 5 * 1024**2), ("512KiB", 512 * 1024),
    ("1.5k", 1536), ("2 GiB", 2 * 1024**3), ("7b", 7),
])
def test_parse_size(value, size):
    assert parse_size(value) == size


@pytest.mark.parametrize("value", ["", "-5", "5 parsecs", 0, True])
def test_parse_size_rejects(value):
    with pytest.raises(ConfigError):
        parse_size(value)


# -- selection ---------------------------------------------------------------------------


@pytest.mark.parametrize("overrides, included, excluded", [
    ({"select": ["FM"]}, ["FM001", "FM004"], ["TXT001", "SCH001"]),
    ({"select": ["FM"], "ignore": ["FM004"]}, ["FM001", "FM005"], ["FM004"]),
    # The more specific selector wins, whichever list it is in.
    ({"select": ["FM004"], "ignore": ["FM"]}, ["FM004"], ["FM001", "FM005"]),
    ({"select": ["FM00"], "ignore": ["FM0"]}, ["FM001", "FM009"], ["FM010", "FM016"]),
    # On a tie, ignore wins.
    ({"select": ["FM0"], "ignore": ["FM0"]}, [], ["FM001", "FM010"]),
    ({"select": ["ALL"], "ignore": ["TXT"]}, ["FM001", "ENC001", "LC001"], ["TXT001"]),
    # A rule name is the most specific selector of all.
    ({"select": ["duplicate-key"], "ignore": ["FM00"]}, ["FM004"], ["FM001"]),
    ({"ignore": ["ENC", "mojibake"]}, ["FM001", "TXT002"], ["ENC001", "TXT001"]),
    ({"select": ["FM001"], "extend_select": ["TXT003"]}, ["FM001", "TXT003"], ["FM002"]),
    ({"extend_select": ["TXT003"], "ignore": ["TXT"]}, ["FM001", "TXT003"], ["TXT001"]),
    ({"select": ["FM001"], "extend_select": ["TXT"], "ignore": ["TXT003"]},
     ["FM001", "TXT001"], ["TXT003", "FM002"]),
])
def test_selection(catalogue, overrides, included, excluded):
    chosen = enabled(catalogue, **overrides)
    for code in included:
        assert code in chosen
    for code in excluded:
        assert code not in chosen


def test_default_selection_is_every_default_enabled_rule(catalogue):
    assert enabled(catalogue) == [c for c, r in catalogue.items() if r.default_enabled]


@pytest.mark.parametrize("field", ["select", "ignore", "extend_select"])
def test_unknown_selector_is_a_config_error(catalogue, field):
    with pytest.raises(ConfigError, match="unknown rule selector 'NOPE9'"):
        RuleSet(catalogue, make_settings(**{field: ["NOPE9"]}))


def test_severity_overrides_use_the_most_specific_selector(catalogue):
    settings = make_settings(severity={"FM": Severity.INFO, "FM004": Severity.WARNING,
                                       "ALL": Severity.ERROR})
    severities = RuleSet(catalogue, settings).severities
    assert severities["FM004"] is Severity.WARNING
    assert severities["FM002"] is Severity.INFO
    assert severities["TXT003"] is Severity.ERROR  # only ALL matches it
    default = RuleSet(catalogue, make_settings()).severities
    assert default["TXT003"] is Severity.INFO


def test_per_file_ignores_match_relative_paths(catalogue):
    settings = make_settings(select=["FM"], per_file_ignores={"drafts/**": ["FM009", "FM00"],
                                                              "*.txt": ["duplicate-key"]})
    ruleset = RuleSet(catalogue, settings)
    drafts = [r.code for r in ruleset.for_path("drafts/2021/a.md")]
    assert "FM009" not in drafts and "FM001" not in drafts and "FM010" in drafts
    assert "FM004" not in [r.code for r in ruleset.for_path("notes/a.txt")]
    assert [r.code for r in ruleset.for_path("notes/a.md")] == [r.code for r in ruleset.enabled]


# -- through the command line ------------------------------------------------------------


def _write_doc(folder: Path, name: str = "doc.md", text: str = DOC) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _codes(result) -> list[str]:
    return [f["code"] for f in result.json()]


def test_cli_reads_pyproject_config(cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.lint-corpus]\nselect = ['FM009']\n")
    _write_doc(tmp_path)
    result = cli(["check", "--output-format", "json", "."], cwd=tmp_path)
    assert (result.code, _codes(result)) == (1, ["FM009"])


def test_cli_reads_lint_corpus_toml_from_a_parent_folder(cli, tmp_path):
    (tmp_path / "lint-corpus.toml").write_text("select = ['FM007']\n")
    sub = tmp_path / "a" / "b"
    _write_doc(sub)
    result = cli(["check", "--output-format", "json", "doc.md"], cwd=sub)
    assert _codes(result) == ["FM007"]


def test_cli_unknown_config_key_exits_2(cli, tmp_path):
    (tmp_path / "lint-corpus.toml").write_text("selcet = ['FM']\n")
    _write_doc(tmp_path)
    result = cli(["check", "."], cwd=tmp_path)
    assert result.code == 2
    assert "unknown key 'selcet'" in result.err and "lint-corpus.toml" in result.err
    assert "Traceback" not in result.err


def test_cli_invalid_toml_exits_2(cli, tmp_path):
    (tmp_path / "lint-corpus.toml").write_text("select = [\n")
    _write_doc(tmp_path)
    result = cli(["check", "."], cwd=tmp_path)
    assert result.code == 2 and "invalid TOML" in result.err


@pytest.mark.parametrize("pyproject, expected_code", [
    # Our own table, broken: an error naming the file, never the defaults in silence.
    pytest.param("[tool.lint-corpus]\nselect = ['FM'\n", 2, id="our-table-broken"),
    # Another tool's broken file is skipped, as one without our table is.
    pytest.param("[tool.black]\nline-length = [\n", 0, id="other-table-broken"),
])
def test_cli_broken_pyproject(cli, tmp_path, pyproject, expected_code):
    (tmp_path / "pyproject.toml").write_text(pyproject)
    (tmp_path / "a.md").write_text("A plain sentence that ends well.\n")
    result = cli(["check", "."], cwd=tmp_path)
    assert result.code == expected_code
    if expected_code == 2:
        assert "pyproject.toml: invalid TOML" in result.err and "Traceback" not in result.err


def test_cli_flags_override_the_config(cli, tmp_path):
    (tmp_path / "lint-corpus.toml").write_text(
        "select = ['FM009']\nseverity = {FM = 'warning'}\n")
    _write_doc(tmp_path)
    # --select replaces the config's select; --severity beats the config's severity.
    result = cli(["check", "--output-format", "json", "--select", "FM004,FM009",
                  "--severity", "FM004=info", "."], cwd=tmp_path)
    found = {f["code"]: f["severity"] for f in result.json()}
    assert found == {"FM004": "info", "FM009": "warning"}
    # --ignore adds to the selection from the config.
    result = cli(["check", "--output-format", "json", "--ignore", "FM009", "."], cwd=tmp_path)
    assert (result.code, result.json()) == (0, [])


def test_cli_extend_select_and_per_file_ignores_from_config(cli, tmp_path):
    (tmp_path / "lint-corpus.toml").write_text(
        "select = ['FM004']\nextend-select = ['FM007']\n"
        "[per-file-ignores]\n'drafts/*.md' = ['FM004']\n")
    _write_doc(tmp_path / "drafts")
    _write_doc(tmp_path / "final")
    result = cli(["check", "--output-format", "json", "."], cwd=tmp_path)
    found = sorted((f["path"], f["code"]) for f in result.json())
    assert found == [("drafts/doc.md", "FM007"), ("final/doc.md", "FM004"),
                     ("final/doc.md", "FM007")]


def test_cli_per_file_ignores_flag(cli, tmp_path):
    _write_doc(tmp_path / "drafts")
    result = cli(["check", "--isolated", "--output-format", "json", "--select", "FM",
                  "--per-file-ignores", "drafts/*:FM004,FM009", "."], cwd=tmp_path)
    assert _codes(result) == ["FM007"]


def test_cli_config_paths_used_when_no_path_given(cli, tmp_path):
    (tmp_path / "lint-corpus.toml").write_text("paths = ['corpus']\nselect = ['FM004']\n")
    _write_doc(tmp_path / "corpus")
    _write_doc(tmp_path / "elsewhere")  # not in `paths`: never read
    sub = tmp_path / "tools"
    sub.mkdir()
    result = cli(["check", "--output-format", "json"], cwd=sub)  # run from a subfolder
    assert [(Path(f["path"]).name, Path(f["path"]).parent.name, f["code"])
            for f in result.json()] == [("doc.md", "corpus", "FM004")]


def test_cli_explicit_config_and_schema_relative_to_it(cli, tmp_path):
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "schema.json").write_text('{"type": "object", "required": ["webUrl"]}')
    (conf / "settings.toml").write_text("select = ['SCH']\nschema = 'schema.json'\n")
    _write_doc(tmp_path)
    result = cli(["check", "--config", conf / "settings.toml", "--output-format", "json",
                  "doc.md"], cwd=tmp_path)
    assert [(f["code"], f["line"]) for f in result.json()] == [("SCH001", 2)]


def test_cli_missing_config_file_exits_2(cli, tmp_path):
    _write_doc(tmp_path)
    result = cli(["check", "--config", tmp_path / "nope.toml", "."], cwd=tmp_path)
    assert result.code == 2 and "nope.toml" in result.err


@pytest.mark.parametrize("args, fragment", [
    (["--select", "XYZ1"], "unknown rule selector 'XYZ1'"),
    (["--severity", "FM004"], "expected CODES=LEVEL"),
    (["--severity", "FM004=fatal"], "unknown severity 'fatal'"),
    (["--per-file-ignores", "FM004"], "expected GLOB:CODES"),
    (["--max-file-size", "big"], "is not a size"),
])
def test_cli_bad_flags_exit_2(cli, tmp_path, args, fragment):
    _write_doc(tmp_path)
    result = cli(["check", "--isolated", *args, "."], cwd=tmp_path)
    assert result.code == 2
    assert fragment in result.err
