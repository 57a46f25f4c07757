"""report-check: every check family in one process, or ``--summary``, the grader's table."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from collections.abc import Sequence

from hooks import headings, images, length, placeholders
from hooks.cli import Session, build_parser, check_documents, emit, end_of_command
from hooks.document import Document
from hooks.output import FORMATS
from hooks.rules import Family, counted

# A new family is one module with a FAMILY; listing it here is all it takes.
FAMILIES: tuple[Family, ...] = (length.FAMILY, images.FAMILY, headings.FAMILY, placeholders.FAMILY)


def summary(document: Document) -> dict[str, object]:
    """What the grader sees, row by row of its table: the n-th official span is question n."""
    official = document.official
    aborted = official.error is not None
    questions = []
    for index, limits in enumerate(official.checker.limits):
        number = index + 1
        span = official.spans[index] if index < len(official.spans) else None
        words = span.words if span else None
        images = span.images if span else None
        heading = document.report.question(number)
        questions.append(
            {
                "n": number,
                "line": heading.line if heading else None,
                "words": words,
                "images": images,
                "min_words": limits.min_words,
                "max_words": limits.max_words,
                "min_images": limits.min_images,
                "max_images": limits.max_images,
                "passed": None if aborted else official.failures(index) == 0,
            }
        )
    return {
        "path": document.path,
        "template": official.checker.name,
        "revision": document.template.name,
        "checker": official.checker.name,
        "official": {"error": official.error, "warnings": official.warning_lines},
        "questions": questions,
    }


def _range(low: object, high: object) -> str:
    return "-" if low is None else f"{low}-{high}"


def summary_table(data: dict) -> str:
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
        lines.append(f"official checker: aborts ({official['error']}), prints 0 WARNING lines")
    else:
        lines.append(f"official checker: {counted(official['warnings'], 'WARNING lines')}")
    return "\n".join(lines)


def overview(summaries: list[dict]) -> dict[str, object]:
    """What a batch of reports adds up to: how many the grader aborts on, its WARNING lines, the questions it fails."""
    warnings = sorted(
        (
            {"path": data["path"], "aborts": bool(data["official"]["error"]), "warnings": data["official"]["warnings"]}
            for data in summaries
        ),
        key=lambda entry: (not entry["aborts"], -entry["warnings"]),
    )
    failed = Counter(q["n"] for data in summaries for q in data["questions"] if q["passed"] is False)
    return {
        "reports": len(summaries),
        "aborts": sum(bool(data["official"]["error"]) for data in summaries),
        "warnings": sum(entry["warnings"] for entry in warnings),
        "warnings_per_report": warnings,
        "most_failed": [{"n": n, "reports": count} for n, count in failed.most_common()],
    }


def overview_text(data: dict) -> str:
    lines = [
        f"{data['reports']} reports checked; the official checker aborts on {data['aborts']}, "
        f"and prints {data['warnings']} WARNING lines on the others",
        "WARNING lines per report, worst first:",
        *(
            f"  {'abort' if entry['aborts'] else entry['warnings']:>5}  {entry['path']}"
            for entry in data["warnings_per_report"]
        ),
    ]
    if data["most_failed"]:
        failed = ", ".join(f"Q{entry['n']} ({entry['reports']})" for entry in data["most_failed"][:10])
        lines.append(f"questions most often failed (reports): {failed}")
    return "\n".join(lines)


CSV_COLUMNS = ("path", "template", "revision", "question", "line", "words", "images", "min_words", "max_words",
               "min_images", "max_images", "passed", "official_warnings", "official_error")  # fmt: skip


def summaries_csv(summaries: list[dict]) -> str:
    """One row per question per report, for a spreadsheet."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for data in summaries:
        official = data["official"]
        for q in data["questions"]:
            limits = (q["min_words"], q["max_words"], q["min_images"], q["max_images"])
            passed = "" if q["passed"] is None else str(q["passed"]).lower()
            report = (data["path"], data["template"], data["revision"])
            counts = (q["n"], q["line"], q["words"], q["images"], *limits, passed)
            writer.writerow((*report, *counts, official["warnings"], official["error"] or ""))
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
    """--summary: the grader's table (or JSON) for every file; 1 when the official checker will complain."""
    args = session.args
    total = len(args.filenames)
    progress = total > 20 and sys.stderr.isatty()
    summaries = []
    for document, _ in session.documents():
        summaries.append(summary(document))
        if progress:
            print(f"\rchecked {len(summaries)} of {total}", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
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
