"""Maintainer command: write what is derived from the registry, so that a new family or year is data.

    python -m hooks.tools.docs           # rewrite every derived file of the source tree
    python -m hooks.tools.docs --check   # exit 1 and name each derived file that is not current

Derived: ``docs/rules.md``, ``.pre-commit-hooks.yaml``, the ``[project.scripts]`` of
``pyproject.toml``, and the tables of code families (README), hooks (``docs/usage.md``),
codes (``docs/codes.md``), course runs (``docs/grader.md``) and tiers
(``docs/architecture.md``), each between ``<!-- begin NAME -->`` and ``<!-- end NAME -->``.
A test runs the check.
"""

import argparse
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from hooks import TIERS
from hooks.app.output import level_of
from hooks.checks.registry import FAMILIES, HOOKS, RULES, Family, Hook, family_of
from hooks.checks.rules import Rule
from hooks.core.course import GRADED_REPORT
from hooks.templates.revisions import known_revisions

ROOT = Path(__file__).resolve().parents[2]
PROG = "python -m hooks.tools.docs"
# The report, in any case, and the pyproject.toml whose table configures the hooks: a commit that breaks the table
# is blocked there, not at the next commit of the report.
FILES_PATTERN = f"(^|/)(?i:{re.escape(GRADED_REPORT).lower()})$|(^|/)pyproject\\.toml$"
# What the manifest's hooks need of pre-commit: PRE_COMMIT=1 in a hook's environment (2.5.0) tells a hook without
# the report among its files that it runs for a commit; types_or (2.9.0) lets a report that is a symlink through,
# which pre-commit's default types, [file], would never pass.
MINIMUM_PRE_COMMIT = "2.9.0"


def codes_table(families: tuple[Family, ...] = FAMILIES) -> str:
    """Every code, a table per family, each under a heading that the README's families table links."""
    parts = []
    for family in families:
        rows = [
            f"### {family.prefix}",
            "",
            f"`report-{family.name}`: {family.description}",
            "",
            "| code | name | level | what it checks |",
            "|---|---|---|---|",
        ]
        rows += [
            f"| [`{r.code}`](rules.md#{r.code.lower()}) | {r.name} | {level_of(r)} | {r.summary} |"
            for r in sorted(family.rules, key=lambda rule: rule.code)
        ]
        parts.append("\n".join(rows))
    return "\n\n".join(parts)  # fmt: skip


def families_table(families: tuple[Family, ...] = FAMILIES) -> str:
    """The README's line per family: its codes (linked to their table), its hook, what it checks."""
    rows = ["| codes | hook | what it checks |", "|---|---|---|"]
    rows += [f"| [`{f.prefix}`](docs/codes.md#{f.prefix.lower()}) | `report-{f.name}` | {f.description} |"
             for f in families]  # fmt: skip
    return "\n".join(rows)


def hooks_table(hooks: tuple[Hook, ...] = HOOKS) -> str:
    rows = ["| id | what it checks |", "|---|---|"]
    rows += [f"| `{hook.id}` | {hook.description} |" for hook in hooks]
    return "\n".join(rows)


def tiers_table() -> str:
    """The package's map: its tiers, bottom first (``hooks.TIERS``), each a folder, with its modules."""
    rows = ["| tier | modules | what they are |", "|---|---|---|"]
    for folder, role in TIERS:
        modules = sorted(path.stem for path in (ROOT / "hooks" / folder).glob("*.py") if path.stem != "__init__")
        rows.append(f"| `hooks/{folder}/` | {', '.join(f'`{module}`' for module in modules)} | {role} |")
    rows.append("| `hooks/` | `entry`, `__main__` | the entry points: one function per hook |")
    return "\n".join(rows)


def runs_table() -> str:
    """The course runs this package knows: their revisions, question counts and checker."""
    rows = [
        "| run | revisions | questions | graded by | its report.py | prints per broken limit |",
        "|---|---|---|---|---|---|",
    ]
    runs: dict[int | None, list] = {}
    for template in known_revisions():
        runs.setdefault(template.run, []).append(template)
    for run, templates in runs.items():
        checker = templates[-1].checker
        dates = f"{templates[0].revision} to {templates[-1].revision} ({len(templates)})"
        counts = " or ".join(str(count) for count in dict.fromkeys(len(t.questions) for t in templates))
        rows.append(
            f"| {run} | {dates} | {counts} | checker `{checker.name}`, {checker.expected} answers | "
            f"{_report_py(checker.name)} | `{checker.warning_name}` |"
        )
    return "\n".join(rows)


def _report_py(checker: str) -> str:
    data = json.loads((ROOT / "hooks" / "templates" / f"checker_{checker}.json").read_text(encoding="utf-8"))
    return str(data["report_py"])


def _fenced(text: str) -> str:
    # Four backticks, so that an example's own code fence stays part of it.
    return f"````markdown\n{text}\n````"


def _rule_section(rule: Rule) -> str:
    family = family_of(rule)
    lines = [
        f"## {rule.code}",
        "",
        f"`{rule.name}`, {level_of(rule)}, checked by `report-{family.name}` and `report-check`.",
        "",
        f"**What it checks.** {rule.summary}",
        "",
        *([f"**A warning, not an error, when** {rule.warning_when}.", ""] if rule.warning_when else []),
        f"**Why it matters.** {rule.why}",
        "",
        f"**How to fix it.** {rule.how_to_fix}",
    ]
    example = rule.example
    if example is not None:
        where = (
            f"as the answer of Question {example.question}"
            if example.question
            else f"in the report, before `{example.before}`,"
            if example.before
            else "in the report"
        )
        lines += ["", f"**Example.** Reported, {where} of the [example template](../examples/template.md):", ""]
        lines += [_fenced(example.bad), "", "Instead:", "", _fenced(example.good)]
    else:
        lines += ["", "**Example.** It needs files or git history; its tests in `tests/` build them."]
    return "\n".join(lines)


def rules_page() -> str:
    header = [
        "# Rules",
        "",
        f"<!-- Written by `{PROG}` from the registry: edit the rules in their family's module. -->",
        "",
        "Every rule of `mlops-report-hooks`: what it checks, why it matters, how to fix it, and an example that a",
        "test runs. `report-check --explain CODE` prints the same. A finding is an error (it fails the hook) or a",
        "warning (printed, but it does not); `--warn` makes any code a warning.",
        "",
        "| code | name | level |",
        "|---|---|---|",
        *(f"| [`{r.code}`](#{r.code.lower()}) | {r.name} | {level_of(r)} |" for r in RULES.values()),
    ]
    return "\n".join(header) + "\n\n" + "\n\n".join(_rule_section(rule) for rule in RULES.values()) + "\n"


def _hook_entry(hook: Hook) -> list[str]:
    lines = [
        f"- id: {hook.id}",
        f"  name: {json.dumps(hook.title)}",
        f"  description: {json.dumps(hook.description.replace('`', ''))}",
        f"  entry: {hook.entry}",
        "  language: python",
        f"  files: {FILES_PATTERN}",
        "  types: []",
        "  types_or: [file, symlink]",
    ]
    if hook.stages:
        lines.append(f"  stages: [{', '.join(hook.stages)}]")
    elif any(family.guards for family in hook.families):
        lines.append("  always_run: true")
    return [*lines, f'  minimum_pre_commit_version: "{MINIMUM_PRE_COMMIT}"', "  verbose: true"]


def manifest(hooks: tuple[Hook, ...] = HOOKS) -> str:
    """.pre-commit-hooks.yaml: every hook of the registry."""
    header = [
        f"# Written by `{PROG}` from hooks/checks/registry.py; edit the registry, not this file.",
        "# verbose: pre-commit hides a passing hook's output, and warnings must still reach the student.",
        "# always_run: a commit that deletes, renames or replaces a figure does not touch the report, and pre-commit",
        "# would skip the hook; run without the report, it checks only the figures the commit changes.",
    ]
    return "\n".join([*header, *(line for hook in hooks for line in _hook_entry(hook))]) + "\n"


def scripts(hooks: tuple[Hook, ...] = HOOKS) -> str:
    """pyproject.toml's [project.scripts]: a console script per hook that has one."""
    lines = ["[project.scripts]"]
    lines += [f'{hook.script} = "hooks.entry:{hook.function}"' for hook in hooks if hook.script]
    return "\n".join(lines) + "\n"


def _between(text: str, name: str, content: str) -> str:
    """``text`` with what stands between its markers for ``name`` replaced by ``content``."""
    begin, end = f"<!-- begin {name} -->\n", f"\n<!-- end {name} -->"
    start, stop = text.index(begin) + len(begin), text.index(end)
    return text[:start] + content + text[stop:]


def _section(text: str, header: str, content: str) -> str:
    """``text`` with the TOML section that starts with ``header`` replaced by ``content``."""
    start = text.index(header)
    stop = text.find("\n\n[", start + len(header))
    return text[:start] + content + (text[stop + 1 :] if stop >= 0 else "")


def _tables(*tables: tuple[str, Callable[[], str]]) -> Callable[[str], str]:
    """A page's derivation: each named table written between its markers."""

    def derive(text: str) -> str:
        for name, table in tables:
            text = _between(text, name, table())
        return text

    return derive


DERIVED: dict[str, Callable[[str], str]] = {
    "docs/rules.md": lambda _: rules_page(),
    ".pre-commit-hooks.yaml": lambda _: manifest(),
    "pyproject.toml": lambda text: _section(text, "[project.scripts]\n", scripts()),
    "README.md": _tables(("families", families_table)),
    "docs/usage.md": _tables(("hooks", hooks_table)),
    "docs/codes.md": _tables(("codes", codes_table)),
    "docs/grader.md": _tables(("runs", runs_table)),
    "docs/architecture.md": _tables(("tiers", tiers_table)),
}


def stale(root: Path = ROOT) -> dict[str, str]:
    """Each derived file that is not current, with what it should hold."""
    found = {}
    for name, derive in DERIVED.items():
        path = root / name
        now = path.read_text(encoding="utf-8") if path.exists() else ""
        wanted = derive(now)
        if wanted != now:
            found[name] = wanted
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a derived file is stale")
    args = parser.parse_args(argv)
    if not (ROOT / "pyproject.toml").is_file():
        parser.error(f"{ROOT} is not a source tree: run it in a checkout")
    found = stale()
    for name, wanted in found.items():
        if args.check:
            print(f"{PROG}: {name} is not current; run {PROG}", file=sys.stderr)
        else:
            (ROOT / name).parent.mkdir(parents=True, exist_ok=True)
            (ROOT / name).write_text(wanted, encoding="utf-8")
            print(f"wrote {os.path.join(ROOT.name, name)}")
    return 1 if found and args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
