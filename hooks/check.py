"""report-check: every check family in one process, or ``--summary``, the grader's table."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from collections.abc import Sequence

from hooks import headings, images, length, placeholders
from hooks.cli import NOT_A_REPORT, UNUSABLE, Loaded, Session, build_parser, check_documents, emit, end_of_command
from hooks.document import Document, misnamed_report
from hooks.official import Limits
from hooks.output import FORMATS, Verdict, warning_lines
from hooks.rules import Family, counted
from hooks.templates import GRADED_REPORT

# A new family is one module with a FAMILY; listing it here is all it takes.
FAMILIES: tuple[Family, ...] = (length.FAMILY, images.FAMILY, headings.FAMILY, placeholders.FAMILY)


# What the official checker makes of a report in a batch; UNUSABLE and NOT_A_REPORT when there is none to grade.
GRADED, ABORTS, NOT_READ = "graded", "aborts", "not read"


def summary(document: Document) -> dict[str, object]:
    """What the grader sees, row by row of its table: the n-th official span is question n. When it aborts with more
    answers than rows, the extra ones are rows without limits."""
    official = document.official
    aborted = official.error is not None
    questions = []
    # One row per row of its table, and one more per extra answer it finds before it aborts.
    for index in range(max(official.checker.expected, len(official.spans))):
        number = index + 1
        limits = official.checker.limits[index] if index < official.checker.expected else Limits()
        span = official.spans[index] if index < len(official.spans) else None
        heading = document.report.question(number)
        line = heading.line if heading else official.line_of(span.start) if span else None
        questions.append(
            {
                "n": number,
                "line": line,
                "words": span.words if span else None,
                "images": span.images if span else None,
                "min_words": limits.min_words,
                "max_words": limits.max_words,
                "min_images": limits.min_images,
                "max_images": limits.max_images,
                "passed": None if aborted else official.failures(index) == 0,
            }
        )
    status = NOT_READ if misnamed_report(document.path) else ABORTS if aborted else GRADED
    return {
        "path": document.path,
        "status": status,
        "problem": None,
        "template": official.checker.name,
        "revision": document.template.name,
        "checker": official.checker.name,
        "official": {
            "error": official.error,
            "warnings": official.warning_lines,
            "warning_name": official.checker.warning_name,
        },
        "questions": questions,
    }


def unchecked(loaded: Loaded) -> dict[str, object]:
    """A path given that has no report to grade, in the shape of a summary: its status says why."""
    return {
        "path": loaded.path,
        "status": loaded.status,
        "problem": loaded.problem,
        "template": None,
        "revision": None,
        "checker": None,
        "official": {"error": None, "warnings": 0, "warning_name": "WARNING"},
        "questions": [],
    }


def _range(low: object, high: object) -> str:
    return "-" if low is None else f"{low}-{high}"


def _printed(data: dict) -> str:
    """'3 WARNING lines': what the checker of a summary prints."""
    official = data["official"]
    return counted(official["warnings"], f"{official['warning_name']} lines")


def summary_table(data: dict) -> str:
    if data["problem"] is not None:
        return f"{data['path']}: {data['status']}: {data['problem']}"
    rows = [("Q", "line", "words", "limit", "images", "limit", "result")]
    for q in data["questions"]:
        result = {None: "-", True: "pass", False: "FAIL"}[q["passed"]]
        rows.append(
            (
                str(q["n"]),
                "-" if q["line"] is None else str(q["line"]),
                "-" if q["words"] is None else str(q["words"]),
                _range(q["min_words"], q["max_words"]),
                "-" if q["images"] is None else str(q["images"]),
                _range(q["min_images"], q["max_images"]),
                result,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    graded_by = "" if data["checker"] == data["revision"] else f", checker {data['checker']}"
    lines = [f"{data['path']} (template {data['revision']}{graded_by})"]
    lines += ["  " + "  ".join(cell.rjust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    official = data["official"]
    if official["error"]:
        lines.append(f"official checker: aborts ({official['error']}), prints 0 {official['warning_name']} lines")
    else:
        lines.append(f"official checker: {_printed(data)}")
    if data["status"] == NOT_READ:
        lines.append(f"official checker: does not read it, as it reads exactly {GRADED_REPORT}")
    return "\n".join(lines)


def _severity(entry: dict) -> tuple[int, int]:
    """Worst first: what is not graded at all, then aborts, then the most warning lines."""
    order = (UNUSABLE, NOT_A_REPORT, NOT_READ, ABORTS, GRADED)
    return order.index(entry["status"]), -entry["warnings"]


def overview(summaries: list[dict]) -> dict[str, object]:
    """What a batch of reports adds up to: which ones the grader aborts on or cannot grade, the warning lines it
    prints, the questions it fails most, per course run (the questions of one run are not those of another)."""
    per_report = sorted(
        (
            {
                "path": data["path"],
                "status": data["status"],
                "aborts": data["status"] == ABORTS,
                "warnings": data["official"]["warnings"],
                "warning_name": data["official"]["warning_name"],
            }
            for data in summaries
        ),
        key=_severity,
    )
    failed = Counter((data["checker"], q["n"]) for data in summaries for q in data["questions"] if q["passed"] is False)
    statuses = Counter(data["status"] for data in summaries)
    return {
        "reports": len(summaries),
        "aborts": statuses[ABORTS],
        "not_read": statuses[NOT_READ],
        "unusable": statuses[UNUSABLE],
        "not_reports": statuses[NOT_A_REPORT],
        "warnings": sum(entry["warnings"] for entry in per_report),
        "warnings_per_report": per_report,
        "most_failed": [
            {"checker": checker, "n": n, "reports": count}
            for (checker, n), count in sorted(failed.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
        ],
    }


_LABELS = {ABORTS: "abort", NOT_READ: "not read", UNUSABLE: "unusable", NOT_A_REPORT: "not a report"}


def _listed(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)


def overview_text(data: dict) -> str:
    per_report = data["warnings_per_report"]
    graded = [entry for entry in per_report if entry["status"] == GRADED]
    printed = warning_lines(Verdict(entry["warnings"], entry["warning_name"]) for entry in graded)
    grader = [f"prints {printed} on {len(graded)}"]
    grader += [f"aborts on {data['aborts']}"] if data["aborts"] else []
    grader += [f"does not read {data['not_read']}"] if data["not_read"] else []
    headline = f"{counted(data['reports'], 'files')} checked: the official checker {_listed(grader)}"
    unusable, others = data["unusable"], data["not_reports"]
    unchecked = [f"{unusable} {'is' if unusable == 1 else 'are'} unusable"] if unusable else []
    unchecked += ["1 is not a report" if others == 1 else f"{others} are not reports"] if others else []
    if unchecked:
        headline += f"; {_listed(unchecked)}"
    labels = [_LABELS.get(entry["status"], str(entry["warnings"])) for entry in per_report]
    width = max(map(len, labels), default=0)
    lines = [headline, "warning lines per report, worst first:"]
    lines += [f"  {label:>{width}}  {entry['path']}" for label, entry in zip(labels, per_report)]
    by_checker: dict[str, list[str]] = {}
    for entry in data["most_failed"]:
        by_checker.setdefault(entry["checker"], []).append(f"Q{entry['n']} ({entry['reports']})")
    for checker, failed in by_checker.items():
        lines.append(f"questions most often failed (reports), {checker} checker: {', '.join(failed[:10])}")
    return "\n".join(lines)


CSV_COLUMNS = ("path", "status", "problem", "checker", "template", "revision", "question", "line", "words", "images",
               "min_words", "max_words", "min_images", "max_images", "passed", "official_warnings",
               "official_error")  # fmt: skip


def summaries_csv(summaries: list[dict]) -> str:
    """One row per answer the grader counts, per report, for a spreadsheet: the integer columns (question, line,
    words, images, official_warnings) are never empty. A report with no answer to count (unusable, not a report,
    or no 'Answer:' at all) is one row of question 0, which stands for the whole report, with no line, words or
    images (0) and its status and problem."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for data in summaries:
        official = data["official"]
        report = (data["path"], data["status"], data["problem"] or "", data["checker"] or "", data["template"] or "",
                  data["revision"] or "")  # fmt: skip
        verdict = (official["warnings"], official["error"] or "")
        rows = [q for q in data["questions"] if q["words"] is not None]
        if not rows:
            writer.writerow((*report, 0, 0, 0, 0, "", "", "", "", "", *verdict))
        for q in rows:
            limits = ("" if limit is None else limit for limit in (q["min_words"], q["max_words"], q["min_images"],
                                                                   q["max_images"]))  # fmt: skip
            passed = "" if q["passed"] is None else str(q["passed"]).lower()
            writer.writerow((*report, q["n"], q["line"], q["words"], q["images"], *limits, passed, *verdict))
    return output.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    description = "Run every report check, or print the grader's view with --summary."
    parser = build_parser("report-check", description, FAMILIES, formats=(*FORMATS, "csv"))
    parser.add_argument(
        "--summary",
        action="store_true",
        help="print per question what the official checker will count and whether it passes; with more than one "
        "report, an overview after them (--format csv: one row per question per report)",
    )
    args = parser.parse_args(argv)
    if args.format == "csv" and not args.summary:
        parser.error("--format csv goes with --summary")
    session = Session("report-check", args, FAMILIES)
    code = print_summaries(session) if args.summary else session.report(check_documents(session, FAMILIES))
    end_of_command(argv)
    return code


def print_summaries(session: Session) -> int:
    """--summary: the grader's table (or JSON, or csv) for every path given; 1 when the official checker will
    complain, 2 when a path has no report to grade (it is in the output too, with its reason)."""
    args = session.args
    total = len(args.filenames)
    progress = total > 20 and sys.stderr.isatty()
    summaries = []
    for loaded in session.load():
        if loaded.changed is not None:
            continue  # a report the commit leaves alone is no part of the grader's view of the files given
        if loaded.document is None:
            session.tell(loaded)
            summaries.append(unchecked(loaded))
        else:
            summaries.append(summary(loaded.document))
        if progress:
            print(f"\rchecked {len(summaries)} of {total}", end="", file=sys.stderr, flush=True)
    if progress:
        # The progress line is cleared, so that the terminal shows only what the run found.
        print(f"\r{' ' * len(f'checked {total} of {total}')}\r", end="", file=sys.stderr, flush=True)
    batch = overview(summaries) if len(summaries) > 1 else None
    if args.format == "json":
        emit(json.dumps(summaries + ([{"overview": batch}] if batch else []), indent=2))
    elif args.format == "csv":
        emit(summaries_csv(summaries).rstrip("\n"))
    elif summaries:
        tables = [summary_table(data) for data in summaries]
        emit("\n\n".join(tables + ([overview_text(batch)] if batch else [])))
    failed = any(data["official"]["error"] or data["official"]["warnings"] for data in summaries)
    return max(session.exit_code, 1 if failed else 0)


if __name__ == "__main__":
    raise SystemExit(main())
