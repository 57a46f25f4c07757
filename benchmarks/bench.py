"""Time the hooks as whole processes against baselines measured in the same run.

    python benchmarks/bench.py [REPORT] [--runs N]

Four measurements, each from medians over interleaved runs (so machine load falls on
every command alike):

1. every entry point against two floors: the import floor, ``python -c "import mistune,
   regex"``, and the design floor, the same plus mistune's block parse of the report set
   up as ``hooks/core/blocks.py`` sets it up, the part no hook can shed while mistune reads the
   whole report (budget: an entry point costs at most the design floor plus 0.25 times the
   import floor);
2. the course's own ``report.py check`` against ``report-check`` on the same report
   (budget: report.py at least 2.5 times slower). report.py runs from a virtual
   environment made in a temporary folder with its imports installed; when they
   cannot be installed, the line says why and is skipped;
3. ``pre-commit run report-check --all-files`` in a temporary repository against
   the same with a hook that does nothing: what a student waits for at a commit (printed);
4. ``report-check --summary`` over every corpus report in one process, against the
   same over one: the marginal cost of a report in a course batch, against mistune's own
   block parse per report measured the same way (budget: at most 2 times it);
5. ``report-check`` in the largest corpus repository (its files, ``corpus.py materialize
   --tree``), against the same report in a repository of the report alone: what checking
   the checklist against the repository costs (budget: at most 0.15 times the import floor).

The default report is the largest one in ../shared/corpus, else the shipped example.
Exit status: 0 when the budgets hold, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
EXAMPLE = (ROOT / "examples" / "reports" / "README.md", ["--template-file", str(ROOT / "examples" / "template.md")])
OFFICIAL_CHECKER = SHARED / "templates" / "revisions" / "2026-01-09_eb7305c5" / "report.py"
ENTRY_POINTS = (
    "report-check",
    "report-length",
    "report-images",
    "report-headings",
    "report-placeholders",
    "report-render",
    "report-checklist",
)
# Entry point: at most the design floor plus this share of the import floor. report.py: at least this many times
# slower than report-check. A report in a batch: at most this many times mistune's own parse of it.
ENTRY_POINT_BUDGET, OFFICIAL_BUDGET, MARGINAL_BUDGET = 0.25, 2.5, 2.0
# The checklist against the largest corpus repository: at most this share of the import floor.
TREE_BUDGET = 0.15
# The parser configuration of hooks.core.blocks._parser, made once, as there: GitHub's tables, a quote's inside
# unparsed.
MISTUNE_PARSE = """\
import sys, mistune, regex
from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.plugins.table import table
parser = mistune.Markdown(renderer=None, block=BlockParser(block_quote_rules=["blank_line"]), plugins=[table]).block
for path in sys.argv[1:]:
    state = BlockState()
    state.process(open(path, encoding="utf-8", errors="replace").read())
    parser.parse(state)
"""


def default_report() -> tuple[Path, list[str]]:
    reports = sorted((SHARED / "reports").glob("*.md"), key=lambda path: path.stat().st_size)
    return (reports[-1], []) if reports else EXAMPLE


def script(name: str) -> str:
    path = Path(sys.executable).parent / name
    if not path.exists():
        raise SystemExit(f"bench: {name} is not installed beside {sys.executable} (pip install .)")
    return str(path)


def medians(
    commands: dict[str, list[str]], runs: int, cwd: Path | None = None, env: dict[str, str] | None = None
) -> dict[str, float]:
    """The median wall time of each command, in seconds, over interleaved runs."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def _line(name: str, seconds: float, base: float) -> str:
    return f"  {name:<34} {seconds * 1000:7.1f} ms  ratio {seconds / base:5.2f}"


def marginal_cost(runs: int) -> bool:
    reports = sorted(str(path) for path in (SHARED / "reports").glob("*.md"))
    print(f"4. report-check --summary over {len(reports)} reports in one process against one, budget per report "
          f"<= {MARGINAL_BUDGET:g}x mistune's own parse per report")  # fmt: skip
    if len(reports) < 2:
        print("  skipped: the corpus is not here")
        return True
    found = medians(
        {
            "one": [script("report-check"), "--summary", "--format", "csv", reports[0]],
            "all": [script("report-check"), "--summary", "--format", "csv", *reports],
            "mistune one": [sys.executable, "-c", MISTUNE_PARSE, reports[0]],
            "mistune all": [sys.executable, "-c", MISTUNE_PARSE, *reports],
        },
        runs,
    )
    per_report = (found["all"] - found["one"]) / (len(reports) - 1)
    mistune = (found["mistune all"] - found["mistune one"]) / (len(reports) - 1)
    times = per_report / mistune
    print(f"  per report {per_report * 1000:.1f} ms; mistune's block parse alone {mistune * 1000:.1f} ms: "
          f"{times:.2f}x, {'within' if times <= MARGINAL_BUDGET else 'OVER'} budget")  # fmt: skip
    return times <= MARGINAL_BUDGET


def checklist_cost(runs: int, work: Path) -> bool:
    print(f"5. report-check in the largest corpus repository against the same report alone in its repository, "
          f"budget <= {TREE_BUDGET} x the import floor")  # fmt: skip
    trees = sorted((SHARED / "trees").glob("*.json"), key=lambda path: path.stat().st_size)
    if not trees:
        print("  skipped: the corpus is not here")
        return True
    sys.path.insert(0, str(SHARED.parent / "tools"))
    import corpus

    name = max(trees, key=lambda path: len(corpus.tree(path.stem)["files"])).stem
    with_tree = corpus.materialize(name, work / "with-tree", with_tree=True)
    alone = corpus.materialize(name, work / "alone")
    found = medians(
        {
            "import floor": [sys.executable, "-c", "import mistune, regex"],
            "alone": [script("report-check"), str(alone)],
            "with its repository": [script("report-check"), str(with_tree)],
        },
        runs,
    )
    base = found["import floor"]
    extra = (found["with its repository"] - found["alone"]) / base
    files = len(corpus.tree(name)["files"])
    print(_line("report-check, the report alone", found["alone"], base))
    print(_line(f"report-check, {files} files beside it", found["with its repository"], base))
    verdict = "within" if extra <= TREE_BUDGET else "OVER"
    print(f"  the repository adds {extra:.2f} x the import floor: {verdict} budget")
    return extra <= TREE_BUDGET


# A figure a report links, as the file it names: a PNG's signature is all a hook reads of it.
_FIGURE = re.compile(r"!\[[^\]]*\]\(<?([^)\s>]+)")
_PNG = b"\x89PNG\r\n\x1a\n" + bytes(24)


def student_repository(report: Path, work: Path) -> Path:
    """A git repository with the report committed at reports/README.md and a file for every figure it links, as a
    student's repository is when the hook runs."""
    repository = work / "repository"
    (repository / "reports").mkdir(parents=True)
    text = report.read_text(encoding="utf-8", errors="replace")
    (repository / "reports" / "README.md").write_text(text, encoding="utf-8")
    for link in _FIGURE.findall(text):
        figure = (repository / "reports" / link).resolve()
        if "://" not in link and not link.startswith("/") and figure.is_relative_to(repository):
            figure.parent.mkdir(parents=True, exist_ok=True)
            figure.write_bytes(_PNG)
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "report"]):
        subprocess.run([*git, *command], cwd=repository, check=True)
    return repository


def entry_points(report: Path, extra: list[str], runs: int, work: Path) -> bool:
    repository = student_repository(report, work)
    if extra:  # a template file is read inside the working folder's repository
        shutil.copy(extra[-1], repository / "template.md")
    commands = {"import floor": [sys.executable, "-c", "import mistune, regex"]}
    commands["design floor"] = [sys.executable, "-c", MISTUNE_PARSE, str(report)]
    commands |= {name: [script(name), *extra, str(report)] for name in ENTRY_POINTS}
    template = ["--template-file", "template.md"] if extra else []
    commands["report-check in a repository"] = [script("report-check"), *template, "reports/README.md"]
    found = medians(commands, runs, cwd=repository)
    base, design = found.pop("import floor"), found.pop("design floor")
    print(
        f'1. entry points against the import floor `python -c "import mistune, regex"` ({base * 1000:.1f} ms) and '
        f"the design floor, the same plus mistune's block parse of the report ({design * 1000:.1f} ms, "
        f"{design / base:.2f}x); budget: at most the design floor + {ENTRY_POINT_BUDGET} x the import floor; the "
        "last line runs in a git repository with the report's figures, as a student runs it"
    )
    for name, seconds in found.items():
        over = (seconds - design) / base
        print(f"  {name:<28} {seconds * 1000:7.1f} ms  {seconds / base:5.2f}x the import floor, "
              f"design floor + {over:5.2f} x the import floor")  # fmt: skip
    worst = max((seconds - design) / base for seconds in found.values())
    print(f"  worst: design floor + {worst:.2f} x the import floor: "
          f"{'within' if worst <= ENTRY_POINT_BUDGET else 'OVER'} budget")  # fmt: skip
    return worst <= ENTRY_POINT_BUDGET


def official_checker(report: Path, runs: int, work: Path) -> bool:
    print(f"2. the course's report.py check against report-check, budget report.py >= {OFFICIAL_BUDGET}x slower")
    if not OFFICIAL_CHECKER.is_file():
        print(f"  skipped: {OFFICIAL_CHECKER} is not here")
        return True
    environment = work / "official-venv"
    install = subprocess.run(
        f"{sys.executable} -m venv {environment} && {environment}/bin/pip install -q typer markdown pydantic loguru",
        shell=True,
        capture_output=True,
        text=True,
    )
    if install.returncode != 0:
        reason = (install.stderr.strip().splitlines() or ["no message"])[-1]
        print(f"  skipped: report.py's imports could not be installed ({reason})")
        return True
    folder = work / "official"
    folder.mkdir()
    shutil.copy(OFFICIAL_CHECKER, folder / "report.py")
    shutil.copy(report, folder / "README.md")
    found = medians(
        {
            "report-check": [script("report-check"), "README.md"],
            "report.py check": [str(environment / "bin" / "python"), "report.py", "check"],
        },
        runs,
        cwd=folder,
    )
    base = found["report-check"]
    print(_line("report-check", base, base))
    print(_line("report.py check", found["report.py check"], base))
    times = found["report.py check"] / base
    print(f"  report.py takes {times:.1f}x report-check: {'within' if times >= OFFICIAL_BUDGET else 'OVER'} budget")
    return times >= OFFICIAL_BUDGET


def pre_commit_run(report: Path, extra: list[str], runs: int, work: Path) -> None:
    print("3. `pre-commit run report-check --all-files` against the same with a no-op Python hook")
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists():
        print("  skipped: pre-commit is not installed beside this Python (pip install '.[test]')")
        return
    repository = work / "student"
    (repository / "reports").mkdir(parents=True)
    shutil.copy(report, repository / "reports" / "README.md")
    (repository / "noop.py").write_text("import sys\nsys.exit(0)\n")
    entry = " ".join([script("report-check"), *extra])
    (repository / ".pre-commit-config.yaml").write_text(
        textwrap.dedent(
            f"""\
            repos:
            - repo: local
              hooks:
              - id: report-check
                name: report-check
                entry: {entry}
                language: system
                files: (^|/)reports/README\\.md$
              - id: noop
                name: noop
                entry: {sys.executable} noop.py
                language: system
                files: (^|/)reports/README\\.md$
            """
        )
    )
    environment = dict(os.environ, PRE_COMMIT_HOME=str(work / "pre-commit-home"))
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "report"]):
        subprocess.run([*git, *command], cwd=repository, check=True, env=environment)
    commands = {name: [str(pre_commit), "run", name, "--all-files"] for name in ("noop", "report-check")}
    found = medians(commands, runs, cwd=repository, env=environment)
    print(_line("pre-commit run noop", found["noop"], found["noop"]))
    print(_line("pre-commit run report-check", found["report-check"], found["noop"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", nargs="?", help="report to check (default: the largest corpus report)")
    parser.add_argument("--runs", type=int, default=20, help="runs of each command (default: 20)")
    args = parser.parse_args(argv)
    report, extra = (Path(args.report), []) if args.report else default_report()
    print(f"report: {report} ({report.stat().st_size / 1024:.1f} KiB), {args.runs} interleaved runs, medians")
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        within = entry_points(report, extra, args.runs, Path(work))
        within = official_checker(report, args.runs, Path(work)) and within
        pre_commit_run(report, extra, args.runs, Path(work))
        within = marginal_cost(max(args.runs // 4, 3)) and within
        within = checklist_cost(args.runs, Path(work)) and within
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main())
