"""Time and memory against size: every entry point on generated reports up to the size cap, and on hostile inputs.

    python benchmarks/scaling.py [--runs N]

The sized reports are the shipped example with every answer lengthened by prose, a
list and an image per paragraph, as a long real report reads: a tenth of the cap, and
the cap itself (hooks.core.files.MAX_REPORT_BYTES). The hostile inputs are the shapes
that once made a hook hang (docs/safety.md), each placed in an answer; the single shapes
fill the report up to the cap with one kind of line each, the shapes whose lines or
findings once cost 50-100 microseconds each.
Budgets, against mistune's own block parse of the same file in a process of its own: at
most twice its time and three times its peak memory; the report at the cap at most 12
times the one at a tenth of it. Each line says OVER where one is not held.
Exit status: 0 when the budgets hold, 1 otherwise.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import ENTRY_POINTS, MISTUNE_PARSE, script

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from hooks.core.files import MAX_REPORT_BYTES  # noqa: E402  (the cap these shapes fill)

TEMPLATE = ROOT / "examples" / "template.md"
EXAMPLE = ROOT / "examples" / "reports" / "README.md"
SIZES = {"a tenth of the cap": MAX_REPORT_BYTES // 10, "the cap": MAX_REPORT_BYTES - 4096}
TIME_BUDGET, MEMORY_BUDGET, GROWTH_BUDGET = 2.0, 3.0, 12.0

PARAGRAPH = (
    "We trained the model on the cleaned data set with a fixed seed, logged every run, and compared the "
    "validation loss across three learning rates before we kept the middle one for the final model.\n\n"
    "- the data is versioned with DVC\n- the image is built by CI\n\n"
    "![training curve](figures/dash.png)\n\n"
)
# What an answer of one shape may fill: the cap, less the example around it.
ROOM = MAX_REPORT_BYTES - len(EXAMPLE.read_bytes()) - 1024


def filled(unit: str) -> str:
    """``unit`` repeated as often as the room under the cap holds."""
    return unit * (ROOM // len(unit.encode()))


def hostile_inputs() -> dict[str, str]:
    """Answers that made a hook take seconds to minutes before its scans were made linear."""
    return {
        "'![a](' to the cap": filled("![a]("),
        "'![' to the cap": filled("!["),
        "'<img ' to the cap": filled("<img "),
        "'[' to the cap": filled("["),
        "nested '>' to the cap": filled(">") + " x",
        "backticks to the cap": filled("`"),
        "400 code span lengths": "".join("`" * n + " a " for n in range(1, 400)),
        "'<!-- ' to the cap": filled("<!-- "),
        "a line of words": filled("word "),
        "a line of links": filled("[a](b) "),
        "a line of '__a__'": filled("__a__ "),
        "a line of '.__a__'": filled(".__a__"),
    }


def single_shapes() -> dict[str, str]:
    """One kind of line each, as an answer that fills the report up to the cap."""
    return {
        "image lines": filled("![a](figures/x.png)\n"),
        "distinct images": _distinct_images(),
        "'## x' lines": filled("## x\n"),
        "'# x' lines": filled("# x\n"),
        "'Answer:' lines": filled("Answer:\n"),
        "'> Answer:' lines": filled("> Answer:\n"),
        "'---' lines": filled("---\n"),
        "short lines": filled("a\n"),
        "'> x' lines": filled("> x\n"),
        "'- x' lines": filled("- x\n"),
        "code lines": filled("    x\n"),
        "tables": filled("| a | b |\n|---|---|\n"),
        "'<!-- a -->' lines": filled("<!-- a -->\n"),
        "'<name>' lines": filled("<name>\n"),
        "'__a__' lines": filled("__a__\n"),
        "placeholders": filled("--- question 3 fill here ---\n"),
    }


def _distinct_images() -> str:
    """Lines that each link a file of their own, as many as the room holds."""
    lines, size = [], 0
    while size < ROOM - 64:
        lines.append(f"![a](figures/x{len(lines)}.png)\n")
        size += len(lines[-1])
    return "".join(lines)


def with_answer(report: str, body: str) -> str:
    """The example report with ``body`` added to its fourth answer."""
    anchor = "\n### Question 5"
    return report.replace(anchor, f"\n{body}\n{anchor}", 1)


def sized_report(size: int) -> str:
    report = EXAMPLE.read_text(encoding="utf-8")
    questions = report.count("### Question")
    per_answer = max(1, (size - len(report)) // (questions * len(PARAGRAPH)))
    for number in range(2, questions + 1):
        anchor = f"\n### Question {number + 1}" if number < questions else None
        addition = "\n" + PARAGRAPH * per_answer
        report = report.replace(anchor, addition + anchor, 1) if anchor else report + addition
    return report


def question_headings(heading: str = "### Question ") -> str:
    """The example report and as many more questions as the cap holds, each under ``heading`` and its number."""
    report = EXAMPLE.read_text(encoding="utf-8")
    more, number, size = [], 7, len(report.encode())
    while size < ROOM:
        more.append(f"\n{heading}{number}\n\n> Answer:\n\nx\n")
        size, number = size + len(more[-1]), number + 1
    return report + "".join(more)


# Each command runs under this small launcher: a child's peak memory counts the memory of the process it was forked
# from, and the bench holds megabytes of reports. It prints the child's wall time, peak memory (kB) and exit code.
LAUNCHER = """\
import os, resource, sys, time
said, quiet = os.dup(1), os.open(os.devnull, os.O_WRONLY)
os.dup2(quiet, 1)
os.dup2(quiet, 2)
start = time.perf_counter()
_, status = os.waitpid(os.spawnvp(os.P_NOWAIT, sys.argv[1], sys.argv[1:]), 0)
spent = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
os.write(said, f"{spent} {peak} {os.waitstatus_to_exitcode(status)}".encode())
"""


def measured(commands: dict[str, list[str]], runs: int, cwd: Path) -> dict[str, tuple[float, float]]:
    """The median wall time (seconds) and the largest peak memory (MB) of each command, over interleaved runs.
    Raises SystemExit when a command fails (exit 2 or more): its time would measure nothing."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, float] = dict.fromkeys(commands, 0.0)
    for _ in range(runs):
        for name, command in commands.items():
            done = subprocess.run([sys.executable, "-c", LAUNCHER, *command], cwd=cwd, capture_output=True, text=True)
            spent, peak, code = done.stdout.split()
            if int(code) >= 2:
                raise SystemExit(f"scaling: {name} failed (exit {code}): {' '.join(command)}")
            times[name].append(float(spent))
            # ru_maxrss is in kilobytes on Linux.
            memory[name] = max(memory[name], int(peak) / 1024)
    return {name: (statistics.median(times[name]), memory[name]) for name in commands}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per command; the median time is kept (default 3)")
    args = parser.parse_args()
    scripts = {name: script(name) for name in ENTRY_POINTS}
    example = EXAMPLE.read_text(encoding="utf-8")
    cases = {name: sized_report(size) for name, size in SIZES.items()}
    cases.update({name: with_answer(example, body) for name, body in {**hostile_inputs(), **single_shapes()}.items()})
    cases["question headings"] = question_headings()
    cases["'## Question N' headings"] = question_headings("## Question ")
    ok = True
    times: dict[str, dict[str, float]] = {}
    print(f"budgets: time <= {TIME_BUDGET:g}x and peak memory <= {MEMORY_BUDGET:g}x mistune's block parse of the file")
    print(f"{'input':<28}{'KB':>6}  " + "  ".join(f"{name:>21}" for name in ("mistune", *ENTRY_POINTS)))
    with tempfile.TemporaryDirectory() as folder:
        # A template file an option names is read inside the working folder (outside git, the folder itself).
        shutil.copy(TEMPLATE, Path(folder) / "template.md")
        for case, text in cases.items():
            path = Path(folder) / "reports" / "README.md"
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            commands = {name: [script, "--template-file", "template.md", str(path)] for name, script in scripts.items()}
            commands["mistune"] = [sys.executable, "-c", MISTUNE_PARSE, str(path)]
            found = measured(commands, args.runs, Path(folder))
            seconds, megabytes = found.pop("mistune")
            times[case] = {name: value[0] for name, value in found.items()}
            over = sorted(
                name
                for name, (spent, peak) in found.items()
                if spent > TIME_BUDGET * seconds or peak > MEMORY_BUDGET * megabytes
            )
            ok &= not over
            cells = "  ".join(
                f"{spent:>6.2f}s {peak:>5.0f}MB {spent / seconds:>4.1f}x" for spent, peak in found.values()
            )
            flag = f"  OVER: {', '.join(over)}" if over else ""
            print(
                f"{case:<28}{len(text.encode()) // 1024:>6}  {seconds:>6.2f}s {megabytes:>5.0f}MB       {cells}{flag}",
                flush=True,
            )
    print()
    tenth, cap = SIZES
    for name in ENTRY_POINTS:
        growth = times[cap][name] / times[tenth][name]
        ok &= growth <= GROWTH_BUDGET
        print(f"{name}: the report at {cap} takes {growth:.1f}x the one at {tenth} (budget {GROWTH_BUDGET:g}x)")
    print(f"every budget holds: {'yes' if ok else 'no'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
