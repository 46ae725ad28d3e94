"""Declarative YAML rule packs, and third-party Python rules from entry points."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import located, make_settings, to_document

from lint_corpus import registry
from lint_corpus.engine import Linter
from lint_corpus.errors import ConfigError, PackError
from lint_corpus.fix import fix_document
from lint_corpus.model import Diagnostic, Edit, Fix, rule
from lint_corpus.packs import load_pack
from lint_corpus.registry import RuleSet, load_catalogue

PACK = """
pack: test-chrome
description: Lines that page templates leave behind.
rules:
  - code: TP001
    name: share-prompt
    message: "share prompt: {match}"
    phrases: ["Share this content", "Share this article"]
    fix: {action: remove-line}
  - code: TP002
    name: read-time
    message: "reading time {match}"
    regex: '^(\\d+) minute read$'
    severity: info
    fix: {action: replace, replacement: '[\\1 min]', applicability: unsafe}
  - code: TP003
    name: icon-residue
    message: "icon-font residue"
    phrases: ["Advert"]
    whole-line: false
    ignore-case: false
    fix: remove-match
  - code: TP004
    name: opening-menu
    message: "menu item at the top: {match}"
    regex: '^[A-Z][a-z]+$'
    whole-line: true
    scope: {first-lines: 2}
  - code: TP005
    name: closing-headline
    message: "headline at the end"
    regex: '^[A-Z].*[^.]$'
    scope: {last-lines: 1}
    fix: {action: remove-line, applicability: unsafe}
  - code: TP006
    name: excerpt-prompt
    message: "prompt in a field: {match}"
    regex: ' ?Learn more here'
    scope: {field: related.*.excerpt}
    fix: {action: remove-match}
  - code: TP007
    name: title-suffix
    message: "site name in the title"
    regex: ' \\| Example News$'
    scope: {field: title}
    severity: error
    fix: {action: replace, replacement: ''}
  - code: TP008
    name: opt-in
    message: "an opt-in rule"
    phrases: ["Opt in"]
    default-enabled: false
"""

DOC = (
    "---\n"
    "title: \"Tides rise | Example News\"\n"
    "related:\n"
    "  - excerpt: \"First part. Learn more here\"\n"
    "  - excerpt: plain\n"
    "---\n"
    "News\n"
    "Sport\n"
    "4 minute read\n"
    "  share THIS   content \n"
    "Opt in\n"
    "The body Advert text, Adverts and ADVERT stay.\n"
    "Unrelated Headline Appended\n"
)


@pytest.fixture
def pack_path(tmp_path) -> Path:
    path = tmp_path / "chrome.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def _linter(pack_path, **overrides):
    overrides.setdefault("select", ["TP"])
    settings = make_settings(packs=[str(pack_path)], builtin_packs=False, **overrides)
    catalogue = load_catalogue(settings, plugins=False)
    return Linter(settings, RuleSet(catalogue, settings))


def test_pack_rules_find_their_lines(pack_path):
    findings = _linter(pack_path).lint(to_document(DOC))
    assert located(findings) == [
        ("TP007", 2, 19),  # at the matched text inside the value
        ("TP006", 4, 26),
        ("TP004", 7, 1), ("TP004", 8, 1),  # first two non-blank body lines only
        ("TP002", 9, 1),
        ("TP001", 10, 3),  # whitespace and case are normalised for whole-line phrases
        ("TP008", 11, 1),  # off by default, but selecting the prefix selects it
        ("TP003", 12, 10),  # a phrase is whole words, and case counts here
        ("TP005", 13, 1),  # last line only
    ]
    by_code = {f.code: f for f in findings}
    assert by_code["TP001"].message == "share prompt: share THIS   content"
    assert by_code["TP002"].message == "reading time 4 minute read"
    assert by_code["TP006"].message == "`related[0].excerpt`: prompt in a field:  Learn more here"
    assert str(by_code["TP002"].severity) == "info"
    assert str(by_code["TP007"].severity) == "error"
    assert str(by_code["TP001"].severity) == "warning"


def test_pack_fixes_safe_then_unsafe(pack_path):
    linter = _linter(pack_path)
    safe = fix_document(to_document(DOC), linter.lint).text
    assert safe == (
        "---\n"
        "title: \"Tides rise\"\n"
        "related:\n"
        "  - excerpt: \"First part.\"\n"
        "  - excerpt: plain\n"
        "---\n"
        "News\n"
        "Sport\n"
        "4 minute read\n"
        "Opt in\n"
        "The body  text, Adverts and ADVERT stay.\n"
        "Unrelated Headline Appended\n"
    )
    unsafe = fix_document(to_document(DOC), linter.lint, unsafe=True).text
    assert "[4 min]\n" in unsafe
    assert "Unrelated Headline Appended" not in unsafe
    assert unsafe.endswith("Opt in\nThe body  text, Adverts and ADVERT stay.\n")


def test_default_enabled_false_needs_selecting(pack_path):
    linter = _linter(pack_path, select=None)  # the default selection
    found = [f.code for f in linter.lint(to_document(DOC))]
    assert "TP001" in found and "TP008" not in found
    linter = _linter(pack_path, select=None, extend_select=["opt-in"])
    assert ("TP008", 11, 1) in located(linter.lint(to_document(DOC)))



def test_pack_rules_are_documented(pack_path):
    rules = {r.code: r for r in load_pack(pack_path)}
    explanation = rules["TP001"].explanation
    for section in ("## What it does", "## Why it matters", "## Example", "## Fix safety"):
        assert section in explanation
    assert "`Share this content`" in explanation
    assert "test-chrome" in explanation
    assert str(rules["TP002"].fix) == "unsafe" and str(rules["TP004"].fix) == "none"
    assert rules["TP001"].origin == str(pack_path)


# -- broken packs: exit 2 naming the pack, the rule and the key ------------------------------

BASE = {"code": "XP001", "name": "x", "message": "m", "phrases": ["a"]}


def _pack(tmp_path, body: str) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.mark.parametrize("body, fragments", [
    ("rules:\n  - code: XP001\n    message: m\n    regex: '(unclosed'\n",
     ["rule XP001", "key 'regex'", "bad regular expression"]),
    ("rules:\n  - code: XP001\n    message: m\n    phrases: [a]\n    colour: red\n",
     ["rule XP001", "key 'colour'", "unknown key"]),
    ("rules:\n  - code: XP001\n    message: m\n    phrases: [a]\n    regex: a\n",
     ["rule XP001", "exactly one of"]),
    ("rules:\n  - code: XP001\n    phrases: [a]\n", ["rule XP001", "key 'message'"]),
    ("rules:\n  - code: xp1\n    message: m\n    phrases: [a]\n", ["key 'code'"]),
    ("rules:\n  - message: m\n    phrases: [a]\n", ["rule #1", "key 'code'"]),
    ("rules:\n  - code: XP001\n    message: m\n    phrases: [a]\n    scope: {middle: 3}\n",
     ["rule XP001", "key 'scope'", "unknown scope 'middle'"]),
    ("rules:\n  - code: XP001\n    message: m\n    phrases: [a]\n    scope: {last-lines: 0}\n",
     ["key 'scope'", "positive number"]),
    ("rules:\n  - code: XP001\n    message: m\n    phrases: [a]\n    scope: {field: title}\n"
     "    fix: remove-line\n", ["key 'fix'", "remove-line"]),
    ("rules:\n  - code: XP001\n    message: m\n    regex: '(a)'\n"
     "    fix: {action: replace, replacement: '\\2'}\n", ["key 'fix'", "bad replacement"]),
    ("rules:\n  - code: XP001\n    message: m\n    phrases: [a]\n    fix: {action: shout}\n",
     ["key 'fix'", "`action` must be one of"]),
    ("rules:\n  - code: XP001\n    message: m\n    phrases: [a]\n"
     "    fix: {action: remove-line, applicability: maybe}\n", ["key 'fix'", "applicability"]),
    ("rules:\n  - code: XP001\n    message: m\n    phrases: [a]\n    severity: fatal\n",
     ["key 'severity'", "unknown severity"]),
    ("rules:\n  - code: XP001\n    message: m\n    phrases: [a]\n    whole-line: sometimes\n",
     ["key 'whole-line'", "true or false"]),
    ("rules:\n  - code: XP001\n    message: m\n    phrases: [a]\n"
     "  - code: XP001\n    message: n\n    phrases: [b]\n", ["XP001", "used twice"]),
    ("pack: p\nrulez: []\n", ["unknown key 'rulez'"]),
    ("rules: {a: 1}\n", ["`rules` must be a list"]),
    ("rules: [\n", ["invalid YAML"]),
])
def test_broken_pack_is_a_pack_error(tmp_path, body, fragments):
    path = _pack(tmp_path, body)
    with pytest.raises(PackError) as info:
        load_pack(path)
    message = str(info.value)
    assert message.startswith(f"rule pack {path}")
    for fragment in fragments:
        assert fragment in message


def test_broken_pack_on_the_command_line_exits_2(cli, tmp_path):
    path = _pack(tmp_path, "rules:\n  - code: XP001\n    message: m\n    regex: '[a-'\n")
    (tmp_path / "doc.md").write_text("text\n")
    result = cli(["check", "--isolated", "--pack", path, "doc.md"], cwd=tmp_path)
    assert result.code == 2
    assert str(path) in result.err and "rule XP001" in result.err and "'regex'" in result.err
    assert "Traceback" not in result.err


def test_missing_pack_exits_2(cli, tmp_path):
    (tmp_path / "doc.md").write_text("text\n")
    result = cli(["check", "--isolated", "--pack", tmp_path / "nope.yaml", "doc.md"],
                 cwd=tmp_path)
    assert result.code == 2 and "nope.yaml" in result.err


def test_pack_code_clashing_with_a_builtin_is_an_error(tmp_path):
    path = _pack(tmp_path, "rules:\n  - code: FM004\n    message: m\n    phrases: [a]\n")
    with pytest.raises(ConfigError, match="FM004 is defined twice"):
        load_catalogue(make_settings(packs=[str(path)]), plugins=False)


def test_packs_folder_from_config_is_relative_to_the_config(cli, tmp_path):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "chrome.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "packs" / "notes.txt").write_text("not a pack")  # only *.yaml/*.yml load
    (tmp_path / "lint-corpus.toml").write_text("packs = ['packs']\nselect = ['share-prompt']\n")
    (tmp_path / "a.txt").write_text("Body.\nShare this article\n")
    (tmp_path / "sub").mkdir()
    result = cli(["check", "--output-format", "json", "../a.txt"], cwd=tmp_path / "sub")
    assert [(f["code"], f["line"]) for f in result.json()] == [("TP001", 2)]


# -- third-party rules through entry points --------------------------------------------------


@rule("XT001", "says-hello", severity="warning", fix="safe")
def says_hello(doc, ctx):
    """Flags the word hello.

    ## What it does
    Finds `hello`.

    ## Why it matters
    Tests need a rule.

    ## Example
    `hello`

    ## Fix safety
    Safe.
    """
    at = doc.text.find("hello")
    if at >= 0:
        yield Diagnostic(at, at + 5, "hello found",
                         Fix.safe("greet properly", Edit(at, at + 5, "good day")))


@rule("XT002", "always-fails", severity="warning")
def always_fails(doc, ctx):
    """Raises on every document.

    ## What it does
    Fails.

    ## Why it matters
    Tests LC001.

    ## Example
    Any.

    ## Fix safety
    None.
    """
    raise KeyError("missing-thing")


class FakeEntryPoint:
    def __init__(self, name, value, loaded):
        self.name, self.value, self._loaded = name, value, loaded

    def load(self):
        if isinstance(self._loaded, Exception):
            raise self._loaded
        return self._loaded


@pytest.fixture
def plugins(monkeypatch):
    def install(*entries):
        def fake_entry_points(group=None):
            assert group == registry.ENTRY_POINT_GROUP
            return list(entries)

        monkeypatch.setattr(registry, "entry_points", fake_entry_points)

    return install


def test_plugin_rules_run_and_fix(cli, tmp_path, plugins):
    plugins(FakeEntryPoint("greetings", "greet:rules", lambda: [says_hello]))
    doc = tmp_path / "a.txt"
    doc.write_text("Say hello.\n")
    result = cli(["check", "--isolated", "--select", "XT", "--output-format", "json", "a.txt"],
                 cwd=tmp_path)
    assert [(f["code"], f["line"], f["column"]) for f in result.json()] == [("XT001", 1, 5)]
    assert cli(["fix", "--isolated", "--select", "XT", "a.txt"], cwd=tmp_path).code == 1
    assert doc.read_text() == "Say good day.\n"
    explained = cli(["explain", "--isolated", "says-hello"], cwd=tmp_path)
    assert "plugin greetings" in explained.out


def test_plugin_rule_that_raises_becomes_lc001(cli, tmp_path, plugins):
    plugins(FakeEntryPoint("flaky", "flaky:RULE", always_fails),
            FakeEntryPoint("greetings", "greet:rules", [says_hello]))
    (tmp_path / "a.txt").write_text("hello\n")
    (tmp_path / "b.txt").write_text("hello again\n")
    result = cli(["check", "--isolated", "--select", "XT,LC", "--output-format", "json", "."],
                 cwd=tmp_path)
    found = [(f["path"], f["code"]) for f in result.json()]
    assert found == [("a.txt", "LC001"), ("a.txt", "XT001"), ("b.txt", "LC001"),
                     ("b.txt", "XT001")]
    message = result.json()[0]["message"]
    assert "XT002 (always-fails)" in message and "KeyError" in message
    assert result.code == 1


@pytest.mark.parametrize("loaded, fragment", [
    (ImportError("no module named greet"), "cannot be loaded: ImportError"),
    (42, "provides no rules"),
])
def test_broken_plugin_exits_2(cli, tmp_path, plugins, loaded, fragment):
    plugins(FakeEntryPoint("broken", "broken:rules", loaded))
    (tmp_path / "a.txt").write_text("text\n")
    result = cli(["check", "--isolated", "a.txt"], cwd=tmp_path)
    assert result.code == 2
    assert "plugin broken (broken:rules)" in result.err and fragment in result.err
