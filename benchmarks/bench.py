"""Time the hooks as whole processes against a baseline measured in the same run.

    python benchmarks/bench.py [REPORT] [--runs N] [--max-ratio R]

The baseline is the interpreter importing the two runtime dependencies,
``python -c "import mistune, regex"``: a hook can never be faster than that, so
the ratio says what our own code costs. Runs are interleaved so that machine
load falls on every command alike; the median of each is compared, for wall
time (what a user waits, the target) and for CPU time (steadier on a busy machine). The default
report is the largest one in ../shared/corpus, else the shipped example.

It also times parsing plus every check in-process (best of many runs).
Exit status: 0 when every ratio is at most --max-ratio, 1 otherwise.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_REPORTS = ROOT.parent / "shared" / "corpus" / "reports"
EXAMPLE = (ROOT / "examples" / "reports" / "README.md", ["--template-file", str(ROOT / "examples" / "template.md")])


def default_report() -> tuple[Path, list[str]]:
    if not CORPUS_REPORTS.is_dir():
        return EXAMPLE
    reports = sorted(CORPUS_REPORTS.glob("*.md"), key=lambda path: path.stat().st_size)
    return (reports[-1], []) if reports else EXAMPLE


def script(name: str) -> str:
    path = Path(sys.executable).parent / name
    if not path.exists():
        raise SystemExit(f"bench: {name} is not installed beside {sys.executable} (pip install .)")
    return str(path)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_commands(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall time and median CPU time (user + system) of each command."""
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start, start_cpu = time.perf_counter(), _children_cpu()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(_children_cpu() - start_cpu)
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name])) for name in commands}


def in_process_ms(report: Path, extra: list[str], runs: int = 50) -> float:
    from hooks.check import FAMILIES
    from hooks.cli import build_parser
    from hooks.document import build_document, read_text
    from hooks.templates import load_template_file

    template = load_template_file(extra[1]) if extra else None
    options = build_parser("bench", "", FAMILIES).parse_args([])
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        document = build_document(str(report), read_text(str(report)), template)
        assert document is not None
        for family in FAMILIES:
            list(family.check(document, options))
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", nargs="?", help="report to check (default: the largest corpus report)")
    parser.add_argument("--runs", type=int, default=30, help="runs of each command (default: 30)")
    parser.add_argument("--max-ratio", type=float, default=1.15, help="target ratio (default: 1.15)")
    args = parser.parse_args(argv)
    report, extra = (Path(args.report), []) if args.report else default_report()

    commands = {
        "baseline": [sys.executable, "-c", "import mistune, regex"],
        "report-length": [script("report-length"), *extra, str(report)],
        "report-check": [script("report-check"), *extra, str(report)],
    }
    medians = time_commands(commands, args.runs)
    base_wall, base_cpu = medians["baseline"]
    print(f"report: {report} ({report.stat().st_size / 1024:.1f} KiB), {args.runs} interleaved runs, medians")
    worst = 0.0
    for name, (wall, cpu) in medians.items():
        wall_ratio, cpu_ratio = wall / base_wall, cpu / base_cpu
        if name != "baseline":
            worst = max(worst, wall_ratio)
        print(
            f"  {name:<14} wall {wall * 1000:6.1f} ms  ratio {wall_ratio:.3f}   "
            f"cpu {cpu * 1000:6.1f} ms  ratio {cpu_ratio:.3f}"
        )
    print(f"  parse + all checks in-process: {in_process_ms(report, extra):.1f} ms")
    verdict = "within" if worst <= args.max_ratio else "OVER"
    print(f"worst wall-time ratio {worst:.3f}: {verdict} the target of {args.max_ratio}")
    return 0 if worst <= args.max_ratio else 1


if __name__ == "__main__":
    raise SystemExit(main())
