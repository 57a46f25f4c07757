"""Time against size: every entry point on generated reports of 0.1, 1 and 10 MB, and on hostile inputs.

    python benchmarks/scaling.py [--runs N]

The sized reports are the shipped example with every answer lengthened by prose, a
list and an image per paragraph, as a long real report reads. The hostile inputs are
the shapes that once made a hook hang (README, Safety), each placed in an answer; the
single shapes are about 1 MB of one kind of line each, the shapes whose lines or
findings once cost 50-100 microseconds each.
Budgets: each run on a hostile input or a single shape under 2 s, or within twice
mistune's own block parse of it when that is longer; the 10 MB report at most 12
times the 1 MB one.
Exit status: 0 when the budgets hold, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench import ENTRY_POINTS, MISTUNE_PARSE, medians, script

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "examples" / "template.md"
EXAMPLE = ROOT / "examples" / "reports" / "README.md"
SIZES = {"0.1 MB": 100_000, "1 MB": 1_000_000, "10 MB": 10_000_000}
SECONDS_BUDGET, GROWTH_BUDGET, SHAPE_BUDGET = 2.0, 12.0, 2.0

PARAGRAPH = (
    "We trained the model on the cleaned data set with a fixed seed, logged every run, and compared the "
    "validation loss across three learning rates before we kept the middle one for the final model.\n\n"
    "- the data is versioned with DVC\n- the image is built by CI\n\n"
    "![training curve](figures/dash.png)\n\n"
)


def hostile_inputs() -> dict[str, str]:
    """Answers that made a hook take seconds to minutes before its scans were made linear."""
    return {
        "50,000 '![a]('": "![a](" * 50_000,
        "50,000 '!['": "![" * 50_000,
        "20,000 '<img '": "<img " * 20_000,
        "20,000 '['": "[" * 20_000,
        "10,000 nested '>'": ">" * 10_000 + " x",
        "100,000 backticks": "`" * 100_000,
        "400 code span lengths": "".join("`" * n + " a " for n in range(1, 400)),
        "50,000 '<!-- '": "<!-- " * 50_000,
        "5 MB line": "word " * 1_000_000,
    }


def single_shapes() -> dict[str, str]:
    """About 1 MB of one kind of line each, as an answer."""
    return {
        "100,000 image lines": "![a](figures/x.png)\n" * 100_000,
        "50,000 distinct images": "".join(f"![a](figures/x{n}.png)\n" for n in range(50_000)),
        "100,000 '## x' lines": "## x\n" * 100_000,
        "100,000 '# x' lines": "# x\n" * 100_000,
        "100,000 'Answer:' lines": "Answer:\n" * 100_000,
        "100,000 '---' lines": "---\n" * 100_000,
        "500,000 short lines": "a\n" * 500_000,
        "100,000 '> x' lines": "> x\n" * 100_000,
        "100,000 '- x' lines": "- x\n" * 100_000,
        "100,000 code lines": "    x\n" * 100_000,
        "50,000 tables": "| a | b |\n|---|---|\n" * 50_000,
        "100,000 '<!-- a -->'": "<!-- a -->\n" * 100_000,
        "100,000 '<name>' lines": "<name>\n" * 100_000,
        "100,000 '__a__' lines": "__a__\n" * 100_000,
        "40,000 placeholders": "--- question 3 fill here ---\n" * 40_000,
    }


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


def thirty_thousand_headings(heading: str = "### Question ") -> str:
    """The example report and 30,000 more questions, each under ``heading`` and its number."""
    report = EXAMPLE.read_text(encoding="utf-8")
    return report + "".join(f"\n{heading}{n}\n\n> Answer:\n\nx\n" for n in range(7, 30_007))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per command; the median is kept (default 3)")
    args = parser.parse_args()
    scripts = {name: script(name) for name in ENTRY_POINTS}
    cases = {name: sized_report(size) for name, size in SIZES.items()}
    cases.update(
        {name: with_answer(EXAMPLE.read_text(encoding="utf-8"), body) for name, body in hostile_inputs().items()}
    )
    cases["30,000 question headings"] = thirty_thousand_headings()
    cases["30,000 '## Question N'"] = thirty_thousand_headings("## Question ")
    example = EXAMPLE.read_text(encoding="utf-8")
    cases.update({name: with_answer(example, body) for name, body in single_shapes().items()})
    ok = True
    results: dict[str, dict[str, float]] = {}
    print(f"{'input':<26}{'bytes':>11}  " + "  ".join(f"{name:>19}" for name in ("mistune", *ENTRY_POINTS)))
    with tempfile.TemporaryDirectory() as folder:
        for case, text in cases.items():
            path = Path(folder) / "reports" / "README.md"
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            commands = {name: [script, "--template-file", str(TEMPLATE), str(path)] for name, script in scripts.items()}
            commands["mistune"] = [sys.executable, "-c", MISTUNE_PARSE, str(path)]
            results[case] = medians(commands, args.runs)
            mistune = results[case].pop("mistune")
            # A sized report is held to its growth; every other input to 2 s, or twice mistune's parse of it.
            budget = float("inf") if case in SIZES else max(SECONDS_BUDGET, SHAPE_BUDGET * mistune)
            over = [name for name, value in results[case].items() if value >= budget]
            ok &= not over
            cells = "  ".join(f"{results[case][name]:>18.2f}s" for name in ENTRY_POINTS)
            flag = f"  OVER {budget:.2f}s: {', '.join(over)}" if over else ""
            print(f"{case:<26}{len(text.encode()):>11}  {mistune:>18.2f}s  {cells}{flag}", flush=True)
    print()
    for name in ENTRY_POINTS:
        growth = results["10 MB"][name] / results["1 MB"][name]
        ok &= growth <= GROWTH_BUDGET
        print(f"{name}: 10 MB takes {growth:.1f}x the 1 MB time (budget {GROWTH_BUDGET:g}x)")
    print(f"every run under {SECONDS_BUDGET:g} s or {SHAPE_BUDGET:g}x mistune's parse, and within the growth budget: "
          f"{'yes' if ok else 'no'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
