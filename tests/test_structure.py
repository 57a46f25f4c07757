"""How the package is put together: layers that import only downwards, one registry, derived files kept current."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE_TEMPLATE, ROOT, fill

import hooks.entry
from hooks import TIERS
from hooks.app.cli import main
from hooks.checks.document import Document
from hooks.checks.registry import FAMILIES, HOOKS, RULES, Family, hooks_of
from hooks.checks.rules import Example, Finding, Rule, Settings
from hooks.templates.revisions import runs
from hooks.tools import docs

PACKAGE = ROOT / "hooks"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, ast.Module]:
    """Every module of the package by its name, without the package __init__ files (they import nothing)."""
    return {
        _module(path): ast.parse(path.read_text(encoding="utf-8"))
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py"
    }


def test_the_package_init_files_import_nothing() -> None:
    for path in PACKAGE.rglob("__init__.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))], path


def _imported(node: ast.AST) -> list[str]:
    """The package modules an import statement names, without the 'hooks.' prefix."""
    if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "hooks":
        base = node.module[len("hooks") :].lstrip(".")
        names = [f"{base}.{alias.name}" if base else alias.name for alias in node.names]
        return [name if name in SOURCES else base for name in names]
    if isinstance(node, ast.Import):
        return [alias.name[len("hooks.") :] for alias in node.names if alias.name.startswith("hooks.")]
    return []


TOP = len(TIERS)  # the tier of the entry points, the package's own modules


def _tier(module: str) -> int:
    """A module's tier: its folder's place in hooks.TIERS; the package's own modules stand above them all."""
    folders = [folder for folder, _ in TIERS]
    folder = module.split(".")[0]
    return folders.index(folder) if "." in module or module in folders else TOP


SOURCES = _sources()
# A package's __init__ ("" for hooks itself, or a tier's folder) holds no code but TIERS: below every tier.
TIER_OF = {"": -1, **{folder: -1 for folder, _ in TIERS}} | {module: _tier(module) for module in SOURCES}


def test_every_module_is_in_a_tier_folder_or_an_entry_point() -> None:
    assert sorted(module for module in SOURCES if _tier(module) == TOP) == ["__main__", "entry"]
    assert {module.split(".")[0] for module in SOURCES if "." in module} == {folder for folder, _ in TIERS}


def test_no_module_imports_a_higher_tier() -> None:
    """One-way tiers: nothing runs back up."""
    upward = [
        f"{name} ({TIERS[TIER_OF[name]][0] if TIER_OF[name] < TOP else 'entry points'}) imports {imported}"
        for name, tree in SOURCES.items()
        for node in ast.walk(tree)
        for imported in _imported(node)
        if TIER_OF[imported] > TIER_OF[name]
    ]
    assert upward == []


def _import_graph() -> dict[str, set[str]]:
    return {
        name: {imported for node in ast.walk(tree) for imported in _imported(node) if imported in SOURCES}
        for name, tree in SOURCES.items()
    }


def test_the_imports_make_no_circle() -> None:
    graph, done, circles = _import_graph(), set(), []

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            circles.append(" -> ".join([*path[path.index(module) :], module]))
            return
        if module not in done:
            for imported in sorted(graph[module]):
                visit(imported, [*path, module])
            done.add(module)

    for module in sorted(graph):
        visit(module, [])
    assert circles == []


def test_the_checks_read_the_grader_only_through_the_document() -> None:
    """hooks.checks.document pairs the report's questions with the checker's answers; every other module of the
    checks reads the checker through it, so that they all tell the same story about the grader."""
    grader = {"Span", "Chunk", "OfficialView", "official_view"}
    readers = {
        name
        for name, tree in SOURCES.items()
        if name.startswith("checks.") and name != "checks.document"
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and node.attr == "official")
        or (isinstance(node, ast.ImportFrom) and node.module == "hooks.core.official"
            and grader & {alias.name for alias in node.names})
    }  # fmt: skip
    assert readers == set()


def test_no_module_imports_the_package_inside_a_function() -> None:
    """Imports stand at a module's top, but for the paths a plain check never takes, whose modules it need not load
    (docs/speed.md): --fix (the fixer), --summary (the grader's view) and --html (the page)."""
    inside = []
    for name, tree in SOURCES.items():
        for function in ast.walk(tree):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inside += [f"{name}.{function.name}" for node in ast.walk(function) if _imported(node)]
    assert sorted(inside) == ["app.cli._fixed", "app.cli._write_index", "app.cli._write_page", "app.cli.summaries"]


def test_no_module_postpones_its_annotations() -> None:
    """typing.NamedTuple compiles every string annotation of a record when its module is imported: about 2 ms over
    the package's records (docs/speed.md), so the package's annotations are evaluated, never strings."""
    postponed = [
        name
        for name, tree in _sources().items()
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "__future__"
    ]
    assert postponed == []


def test_a_command_collects_garbage_rarely() -> None:
    """A console script imports hooks.entry first; from there on the collector waits for 100,000 new objects, so a
    whole run makes no pass, while the older generations keep their thresholds."""
    code = (
        "import contextlib, gc, io; default = gc.get_threshold(); import hooks.entry\n"
        "passes = lambda: sum(generation['collections'] for generation in gc.get_stats())\n"
        "before = passes()\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    found = hooks.entry.report_check(['--template-file', 'examples/template.md', 'examples/reports'])\n"
        "print(found, gc.get_threshold()[0], gc.get_threshold()[1:] == default[1:], passes() - before)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout == "1 100000 True 0\n"


def test_checks_import_no_command_line_code() -> None:
    """Importing every check family leaves argparse and the command line unloaded."""
    modules = ", ".join(f"hooks.checks.{family.name}" for family in FAMILIES)
    loaded = "sorted(m for m in ('argparse', 'hooks.app.cli', 'hooks.app.options') if m in sys.modules)"
    code = f"import sys, {modules}; print({loaded})"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout == "[]\n"


def test_the_registry_is_whole_on_its_own() -> None:
    """The rules are the registry's from its own import: nothing fills it by importing something else first."""
    code = "from hooks.checks.registry import RULES; print(len(RULES))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout == f"{sum(len(family.rules) for family in FAMILIES)}\n"


def _top_names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return [(node.module or "").split(".")[0]]
    return [alias.name.split(".")[0] for alias in node.names] if isinstance(node, ast.Import) else []


def test_only_the_block_and_inline_readers_import_mistune() -> None:
    importers = {name for name, tree in _sources().items() for node in ast.walk(tree) if "mistune" in _top_names(node)}
    assert importers == {"core.blocks", "core.inline"}


def test_only_the_preview_imports_its_extra_and_only_when_it_renders() -> None:
    """cmarkgfm and nh3 are the optional preview extra: a commit never loads them."""
    for extra in ("cmarkgfm", "nh3"):
        importers = {name for name, tree in _sources().items() for node in ast.walk(tree) if extra in _top_names(node)}
        assert importers == {"app.preview"}, extra
        assert extra not in {name for node in _sources()["app.preview"].body for name in _top_names(node)}


def test_no_private_name_of_a_dependency_is_read() -> None:
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(mistune|regex)(\.\w+)*\._[a-z]", text), path
        assert not re.search(r"^\s*from (mistune|regex)[\w.]* import .*\b_[a-z]", text, re.M), path


def test_derived_files_are_current() -> None:
    """.pre-commit-hooks.yaml, [project.scripts], the tables of the README and docs/, docs/rules.md: the registry's."""
    assert list(docs.stale()) == [], "run: python -m hooks.tools.docs"


def test_every_hook_with_a_script_has_its_entry_function(monkeypatch) -> None:
    """A plain function per console script, that grep finds, each running its own hook; no other public name."""
    ran = []
    monkeypatch.setattr(hooks.entry, "main", lambda hook, argv: ran.append((hook, argv)) or 0)
    for hook in HOOKS:
        if hook.script:
            assert getattr(hooks.entry, hook.function)(["x"]) == 0
    assert ran == [(hook, ["x"]) for hook in HOOKS if hook.script]
    functions = {name for name, value in vars(hooks.entry).items() if callable(value) and name.startswith("report_")}
    assert functions == {hook.function for hook in HOOKS if hook.script}


def test_the_options_page_offers_the_runs_the_registry_knows() -> None:
    page = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    assert f"`--template {{auto,{','.join(runs())}}}`" in page


def test_every_rule_explains_itself() -> None:
    for rule in RULES.values():
        assert rule.summary and rule.why and rule.how_to_fix, rule.code
        assert rule.why != rule.summary and rule.how_to_fix != rule.why, rule.code


def _extra_findings(document: Document, settings: Settings) -> list[Finding]:
    return [Finding(document.path, question.line, EXTRA_RULE, "a question", question.number)
            for question in document.report.questions[:1]]  # fmt: skip


EXTRA_RULE = Rule("XTR001", "first-question", "The first question.", why="To show.", how_to_fix="Nothing.",
                  example=Example("", "", 1, at="### Question 1"))  # fmt: skip


def test_a_fifth_family_needs_its_module_and_one_registry_entry(tmp_path: Path, capsys) -> None:
    """Given one more Family (and its entry function in hooks.entry), everything else follows: its hook, manifest
    entry, console script and table row, and its findings in report-check and in its own command line."""
    extra = Family("XTR", "extra", "check the extra things", "Extra things.", (EXTRA_RULE,), _extra_findings)
    added = hooks_of((*FAMILIES, extra))
    assert [hook.id for hook in added] == [*(hook.id for hook in HOOKS), "report-extra"]
    assert '- id: report-extra\n  name: "check the extra things"' in docs.manifest(added)
    assert 'report-extra = "hooks.entry:report_extra"' in docs.scripts(added)
    assert "| `report-extra` | Extra things. |" in docs.hooks_table(added)
    assert "| [`XTR`](docs/codes.md#xtr) | `report-extra` | Extra things. |" in docs.families_table((*FAMILIES, extra))
    assert "### XTR\n\n`report-extra`: Extra things." in docs.codes_table((*FAMILIES, extra))
    report = tmp_path / "README.md"
    report.write_text(fill(EXAMPLE_TEMPLATE.read_text(encoding="utf-8"), {}), encoding="utf-8")
    template = ["--template-file", str(EXAMPLE_TEMPLATE)]
    assert main(added[-1], [*template, str(report)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == f"{report}:10: XTR001 a question"
    main(added[0], [*template, "--format", "json", str(report)])
    assert "XTR001" in capsys.readouterr().out


def _readme_block(after: str) -> str:
    """The README's first ```text block after the line ``after``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(.*?)```", readme[readme.index(after) :], re.S)
    assert shown, after
    return shown.group(1)


def test_readme_quick_start_output_is_the_real_output(monkeypatch, capsys) -> None:
    """The output the README shows under its quick-start command is what that command prints."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"\.venv/bin/report-check (--template-file \S+ \S+)\n", readme)
    assert command
    monkeypatch.chdir(ROOT)
    assert hooks.entry.report_check(command.group(1).split()) == 1
    assert capsys.readouterr().out == _readme_block(command.group(0))


def test_readme_findings_are_the_real_output(tmp_path: Path, monkeypatch, capsys) -> None:
    """The README's "What a finding looks like": the example report with a '<name>' written into its second answer;
    each line it shows is a line of the real output, in order, and '...' stands for the lines it leaves out."""
    shutil.copytree(ROOT / "examples", tmp_path, dirs_exist_ok=True)
    report = tmp_path / "reports" / "README.md"
    text = report.read_text(encoding="utf-8")
    report.write_text(
        text.replace("unformatted code. It runs", "unformatted code with docker run --name <name>. It runs", 1),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert hooks.entry.report_check(["--template-file", "template.md", "reports/README.md"]) == 1
    printed = capsys.readouterr().out.splitlines()
    shown = [line for line in _readme_block("## What a finding looks like").splitlines() if line != "..."]
    assert [line for line in printed if line in shown] == shown
    assert printed[-1] == shown[-1] and len(printed) > len(shown)


LINK = re.compile(r"\]\(((?!https?:)[^)#\s]*)(?:#([^)\s]+))?\)")


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation but '-' and '_' dropped, spaces as '-'."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_link_of_the_readme_and_the_docs_leads_to_a_file_and_heading() -> None:
    """A page moved or a heading renamed leaves no dead link: every relative link of README.md and docs/ names a
    file of the repository and, after '#', a heading of it."""
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = re.sub(r"^(`{3,}).*?^\1", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)  # code blocks
        text = re.sub(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", "", text, flags=re.S)  # code spans
        for target, anchor in LINK.findall(text):
            path = (page.parent / target).resolve() if target else page
            assert path.is_file(), f"{page.name}: {target}"
            if anchor and path.suffix == ".md":
                headings = re.findall(r"^#{1,6} (.*)$", path.read_text(encoding="utf-8"), re.M)
                assert anchor in {_anchor(h) for h in headings}, f"{page.name}: {target}#{anchor}"
