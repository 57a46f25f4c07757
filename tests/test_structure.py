"""How the package is put together: what only the command line may know, what only the parser may read."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

import hooks.check
from hooks.rules import RULES, codes_table

PACKAGE = ROOT / "hooks"
CHECK_MODULES = ["length", "images", "headings", "placeholders"]


def test_checks_import_no_command_line_code() -> None:
    """Importing every check family leaves argparse and hooks.cli unloaded: only main() brings them in."""
    modules = ", ".join(f"hooks.{name}" for name in CHECK_MODULES)
    code = f"import sys, {modules}; print(sorted(m for m in ('argparse', 'hooks.cli') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout == "[]\n"


def _sources() -> dict[str, str]:
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py")}


def test_only_the_markdown_module_imports_mistune() -> None:
    importers = sorted(name for name, text in _sources().items() if re.search(r"^\s*(from|import) mistune", text, re.M))
    assert importers == ["hooks/markdown.py"]


def test_no_private_name_of_a_dependency_is_read() -> None:
    for name, text in _sources().items():
        assert not re.search(r"\b(mistune|regex)(\.\w+)*\._[a-z]", text), name
        assert not re.search(r"^\s*from (mistune|regex)[\w.]* import .*\b_[a-z]", text, re.M), name


def test_readme_codes_table_is_the_registry() -> None:
    """The README's codes table is exactly the registry's, code by code."""
    assert hooks.check.FAMILIES  # every family registered its rules
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = codes_table()
    assert table in readme, "README.md's codes table differs from hooks.rules.codes_table(); paste that in"
    assert len(table.splitlines()) == len(RULES) + 2


def test_readme_quick_start_output_is_the_real_output(monkeypatch, capsys) -> None:
    """The output the README shows under its quick-start command is what that command prints."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"\.venv/bin/report-check (--template-file \S+ \S+)\n", readme)
    shown = re.search(r"```text\n(.*?)```", readme, re.S)
    assert command and shown
    monkeypatch.chdir(ROOT)
    assert hooks.check.main(command.group(1).split()) == 1
    assert capsys.readouterr().out == shown.group(1)
