"""The grader's view (``--summary``): what the official checker makes of each report, as a typed record, and of a
course's batch of them; printed as a table per report and an overview, as JSON, or as one csv row per answer."""

import io
import json
from collections import Counter
from typing import NamedTuple

from hooks.app.output import Verdict, printed_warnings, visible
from hooks.app.records import MISSING, NOT_A_REPORT, UNUSABLE, Loaded
from hooks.checks.checklist import not_backed
from hooks.checks.document import Document, answers
from hooks.checks.figures import figures_not_shown
from hooks.core.course import GRADED_REPORT, LOGGED_WARNING, misnamed_report
from hooks.core.text import counted, listed

# What the official checker makes of a report in a batch; UNUSABLE and NOT_A_REPORT when there is none to grade.
GRADED, ABORTS, NOT_READ = "graded", "aborts", "not read"


class Row(NamedTuple):
    """A row of the checker's table: a question, what the checker counts in its answer, its limits, its verdict."""

    n: int
    line: int | None
    words: int | None
    images: int | None
    min_words: int | None
    max_words: int | None
    min_images: int | None
    max_images: int | None
    passed: bool | None  # None: no verdict (the checker aborts, or does not read the report)


class Outcome(NamedTuple):
    """What the official checker prints for a report."""

    error: str | None  # its abort
    warnings: int | None  # its WARNING lines; None when it does not read the report
    warning_name: str  # what it prints per broken limit: WARNING, or TeacherWarning


class Summary(NamedTuple):
    """The grader's view of one path given: a report, or why there is none to grade (``status``, ``problem``)."""

    path: str
    status: str  # GRADED, ABORTS or NOT_READ; MISSING, UNUSABLE or NOT_A_REPORT without a report to grade
    problem: str | None
    template: str | None
    revision: str | None
    checker: str | None
    # What decided the checker: its text, its first commit (of a later run: ``committed`` is its date), the options
    # or a report.py beside it.
    decided_by: str | None
    committed: str | None
    official: Outcome
    figures_not_shown: int
    # Ticked checklist items with nothing behind them in the repository; None when the ticks could not be checked.
    ticks_not_backed: int | None
    questions: tuple[Row, ...]

    def as_json(self) -> dict[str, object]:
        return self._asdict() | {
            "official": self.official._asdict(),
            "questions": [row._asdict() for row in self.questions],
        }

    @property
    def complains(self) -> bool:
        """Whether the official checker aborts or prints a WARNING line, or does not read the report at all."""
        return bool(self.official.error or self.official.warnings or self.status == NOT_READ)


def summary_of(document: Document) -> Summary:
    """What the grader sees, row by row of its table: the n-th official span is question n. When it aborts with more
    answers than rows, the extra ones are rows without limits."""
    official = document.official
    aborted = official.error is not None
    status = NOT_READ if misnamed_report(document.path) else ABORTS if aborted else GRADED
    # The grader that does not find the file tells no verdict, only what it would count there.
    judged = status == GRADED
    rows = tuple(
        Row(
            answer.number,
            answer.line,
            answer.span.words if answer.span else None,
            answer.span.images if answer.span else None,
            answer.limits.min_words,
            answer.limits.max_words,
            answer.limits.min_images,
            answer.limits.max_images,
            official.failures(answer.number - 1) == 0 if judged else None,
        )
        for answer in answers(document)
    )
    return Summary(
        document.path,
        status,
        f"the grader reads exactly {GRADED_REPORT}" if status == NOT_READ else None,
        official.checker.name,
        document.template.revision,
        official.checker.name,
        document.grading.decided_by,
        document.grading.committed,
        Outcome(official.error, None if status == NOT_READ else official.warning_lines, official.checker.warning_name),
        figures_not_shown(document),
        not_backed(document),
        rows,
    )


def unchecked_summary(loaded: Loaded) -> Summary:
    """A path given that has no report to grade, in the shape of a summary: its status says why."""
    outcome = Outcome(None, None, LOGGED_WARNING)
    return Summary(loaded.path, loaded.status, loaded.problem, None, None, None, None, None, outcome, 0, None, ())


def _range(low: object, high: object) -> str:
    return "-" if low is None else f"{low}-{high}"


COLUMNS = ("Q", "line", "words", "limit", "images", "limit", "result")


def row_cells(q: Row) -> tuple[str, ...]:
    """A question's row as the tables show it (COLUMNS): '-' where there is nothing, and pass, FAIL or '-'."""
    result = {None: "-", True: "pass", False: "FAIL"}[q.passed]
    counts = ("-" if value is None else str(value) for value in (q.line, q.words, q.images))
    line, words, images = counts
    return (str(q.n), line, words, _range(q.min_words, q.max_words), images, _range(q.min_images, q.max_images),
            result)  # fmt: skip


def verdict(data: Summary) -> str:
    """What the official checker does with a report, in words: reads it not, aborts, or prints N WARNING lines."""
    official = data.official
    if data.status == NOT_READ:
        return f"does not read it, as it reads exactly {GRADED_REPORT}"
    if official.error:
        return f"aborts ({official.error}), prints 0 {official.warning_name} lines"
    return counted(official.warnings or 0, f"{official.warning_name} lines")


def summary_table(data: Summary) -> str:
    path = visible(data.path)
    if data.status in _UNCHECKED:
        return f"{path}: {data.status}: {visible(str(data.problem))}"
    rows = [COLUMNS, *(row_cells(q) for q in data.questions)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    graded_by = "" if data.checker == data.revision else f", checker {visible(str(data.checker))}"
    decided = f"{data.decided_by}" + (f" of {data.committed}" if data.committed else "")
    lines = [f"{path} (template {visible(str(data.revision))}{graded_by}, chosen by {decided})"]
    lines += [
        "  " + "  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=False)).rstrip() for row in rows
    ]
    lines.append(f"official checker: {verdict(data)}")
    if data.figures_not_shown:
        lines.append(f"GitHub: {_not_shown(data.figures_not_shown)}")
    if data.ticks_not_backed:
        lines.append(f"checklist: {_not_backed(data.ticks_not_backed)} by this commit")
    return "\n".join(lines)


def _not_shown(count: int) -> str:
    """'1 figure does not show', '2 figures do not show'."""
    return f"{counted(count, 'figures')} {'does' if count == 1 else 'do'} not show"


def _not_backed(count: int) -> str:
    """'1 ticked item is not backed', '2 ticked items are not backed'."""
    return f"{counted(count, 'ticked items')} {'is' if count == 1 else 'are'} not backed"


# The statuses of a path with no report to grade: it is one line of its own in the text output.
_UNCHECKED = (MISSING, UNUSABLE, NOT_A_REPORT)


class Tally(NamedTuple):
    """One report of a batch, as the overview ranks it."""

    path: str
    status: str
    aborts: bool
    warnings: int | None
    warning_name: str
    figures_not_shown: int
    ticks_not_backed: int | None


class MostFailed(NamedTuple):
    """A question of one checker's table, and in how many reports of the batch the checker fails it."""

    checker: str | None
    n: int
    reports: int


class Overview(NamedTuple):
    """What a batch of reports adds up to."""

    reports: int
    aborts: int
    not_read: int
    unusable: int
    not_reports: int
    missing: int
    warnings: int
    figures_not_shown: int
    ticks_not_backed: int
    warnings_per_report: tuple[Tally, ...]  # worst first
    most_failed: tuple[MostFailed, ...]

    def as_json(self) -> dict[str, object]:
        return self._asdict() | {
            "warnings_per_report": [tally._asdict() for tally in self.warnings_per_report],
            "most_failed": [failed._asdict() for failed in self.most_failed],
        }


def _severity(status: str, warnings: int | None, figures_not_shown: int) -> tuple[int, int, int]:
    """Worst first: what is not graded at all, then aborts, then the most warning lines, then figures not shown."""
    order = (MISSING, UNUSABLE, NOT_A_REPORT, NOT_READ, ABORTS, GRADED)
    return order.index(status), -(warnings or 0), -figures_not_shown


def worst_first(summaries: list[Summary]) -> list[Summary]:
    """The reports in the order the overview ranks them."""
    return sorted(summaries, key=lambda data: _severity(data.status, data.official.warnings, data.figures_not_shown))


def overview(summaries: list[Summary]) -> Overview:
    """What a batch of reports adds up to: which ones the grader aborts on or cannot grade, the warning lines it
    prints, the questions it fails most, per course run (the questions of one run are not those of another)."""
    per_report = sorted(
        (
            Tally(
                data.path,
                data.status,
                data.status == ABORTS,
                data.official.warnings,
                data.official.warning_name,
                data.figures_not_shown,
                data.ticks_not_backed,
            )
            for data in summaries
        ),
        key=lambda tally: _severity(tally.status, tally.warnings, tally.figures_not_shown),
    )
    failed = Counter((data.checker, q.n) for data in summaries for q in data.questions if q.passed is False)
    statuses = Counter(data.status for data in summaries)
    return Overview(
        len(summaries),
        statuses[ABORTS],
        statuses[NOT_READ],
        statuses[UNUSABLE],
        statuses[NOT_A_REPORT],
        statuses[MISSING],
        sum(tally.warnings or 0 for tally in per_report),
        sum(tally.figures_not_shown for tally in per_report),
        sum(tally.ticks_not_backed or 0 for tally in per_report),
        tuple(per_report),
        tuple(
            MostFailed(checker, n, count)
            for (checker, n), count in sorted(failed.items(), key=lambda item: (str(item[0][0]), -item[1], item[0][1]))
        ),
    )


_LABELS = {
    ABORTS: "abort",
    NOT_READ: "not read",
    UNUSABLE: "unusable",
    NOT_A_REPORT: "not a report",
    MISSING: "missing",
}


def overview_text(data: Overview) -> str:
    per_report = data.warnings_per_report
    graded = [tally for tally in per_report if tally.status == GRADED]
    printed = printed_warnings(Verdict(tally.warnings or 0, tally.warning_name) for tally in graded)
    grader = [f"prints {printed} on {len(graded)}"]
    grader += [f"aborts on {data.aborts}"] if data.aborts else []
    grader += [f"does not read {data.not_read}"] if data.not_read else []
    headline = f"{counted(data.reports, 'reports')} checked: the official checker {listed(grader)}"
    unusable, others, missing = data.unusable, data.not_reports, data.missing
    unchecked = [f"{missing} {'is' if missing == 1 else 'are'} missing"] if missing else []
    unchecked += [f"{unusable} {'is' if unusable == 1 else 'are'} unusable"] if unusable else []
    unchecked += ["1 is not a report" if others == 1 else f"{others} are not reports"] if others else []
    if unchecked:
        headline += f"; {listed(unchecked)}"
    if data.figures_not_shown:
        headline += f"; on GitHub, {_not_shown(data.figures_not_shown)}"
    if data.ticks_not_backed:
        headline += f"; in the checklists, {_not_backed(data.ticks_not_backed)}"
    labels = [_LABELS.get(tally.status, str(tally.warnings)) for tally in per_report]
    width = max(map(len, labels), default=0)
    lines = [headline, "warning lines per report, worst first:"]
    for label, tally in zip(labels, per_report, strict=True):
        notes = [_not_shown(tally.figures_not_shown)] if tally.figures_not_shown else []
        notes += [_not_backed(tally.ticks_not_backed)] if tally.ticks_not_backed else []
        aside = f"  ({'; '.join(notes)})" if notes else ""
        lines.append(f"  {label:>{width}}  {visible(tally.path)}{aside}")
    by_checker: dict[str | None, list[str]] = {}
    for failed_question in data.most_failed:
        by_checker.setdefault(failed_question.checker, []).append(f"Q{failed_question.n} ({failed_question.reports})")
    for checker, failed in by_checker.items():
        lines.append(f"questions most often failed (reports), {checker} checker: {', '.join(failed[:10])}")
    return "\n".join(lines)


def summaries_json(summaries: list[Summary], batch: Overview | None) -> str:
    """The summaries as a JSON array, the overview of a batch as its last element."""
    data = [summary.as_json() for summary in summaries] + ([{"overview": batch.as_json()}] if batch else [])
    return json.dumps(data, indent=2)


def _markdown_cell(text: object) -> str:
    """A table cell: a '|' or a line break would end it."""
    return str(text).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def summary_markdown(data: Summary) -> str:
    """One report's grader's view as a GitHub-flavoured markdown table, for a job summary or a comment."""
    path = _markdown_cell(data.path)
    if data.status in _UNCHECKED:
        return f"**{path}**: {data.status}: {_markdown_cell(data.problem)}"
    lines = [f"**{path}** (template {_markdown_cell(data.revision)}, checker {_markdown_cell(data.checker)})", ""]
    lines.append(f"Official checker: **{_markdown_cell(verdict(data))}**.")
    notes = [f"{_not_shown(data.figures_not_shown)} on GitHub"] if data.figures_not_shown else []
    notes += [f"{_not_backed(data.ticks_not_backed)} by the repository"] if data.ticks_not_backed else []
    said = "; ".join(notes)
    lines += ["", said[:1].upper() + said[1:] + "."] if notes else []
    lines += ["", f"| {' | '.join(COLUMNS)} |", "|---:|---:|---:|---|---:|---|---|"]
    for q in data.questions:
        cells = list(row_cells(q))
        cells[-1] = "**FAIL**" if q.passed is False else cells[-1]
        lines.append(f"| {' | '.join(cells)} |")
    return "\n".join(lines)


def summaries_markdown(summaries: list[Summary], batch: Overview | None) -> str:
    """The grader's view as markdown: for a batch the overview first (what a job summary shows first), then each
    report."""
    parts = [summary_markdown(data) for data in summaries]
    if batch is not None:
        parts.insert(0, "~~~text\n" + overview_text(batch) + "\n~~~")
    return "\n\n".join(parts)


CSV_COLUMNS = ("path", "status", "problem", "checker", "template", "revision", "question", "line", "words", "images",
               "min_words", "max_words", "min_images", "max_images", "passed", "official_warnings",
               "official_error", "figures_not_shown", "ticks_not_backed")  # fmt: skip


# A cell a spreadsheet would read as a formula (or whose first character hides one) begins with one of these.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str | None) -> str:
    """A text cell that no spreadsheet runs: a leading ' before what would start a formula."""
    text = text or ""
    return f"'{text}" if text.startswith(_FORMULA) else text


def summaries_csv(summaries: list[Summary]) -> str:
    """One row per answer the grader counts, per report, for a spreadsheet: the integer columns (question, line,
    words, images, figures_not_shown) are never empty; official_warnings is empty only for a report the grader does
    not read (missing, unusable, not a report, or not at reports/README.md), and ticks_not_backed only where the
    ticks could not be checked (outside git, say). A report with no answer to count (unusable, not a report,
    missing, or no 'Answer:' at all) is one row of question 0, which stands for the whole report, with no line,
    words or images (0) and its status and problem."""
    import csv  # only for a course batch

    output = io.StringIO()
    # CRLF ends a row, as RFC 4180 has it: a field with a CR or an LF in it is quoted.
    writer = csv.writer(output)
    writer.writerow(CSV_COLUMNS)
    for data in summaries:
        official = data.official
        texts = (data.path, data.status, data.problem, data.checker, data.template, data.revision)
        report = tuple(_cell(text) for text in texts)
        warnings = "" if official.warnings is None else official.warnings
        backed = "" if data.ticks_not_backed is None else data.ticks_not_backed
        verdict = (warnings, _cell(official.error), data.figures_not_shown, backed)
        rows = [q for q in data.questions if q.words is not None]
        if not rows:
            writer.writerow((*report, 0, 0, 0, 0, "", "", "", "", "", *verdict))
        for q in rows:
            limits = ("" if limit is None else limit for limit in (q.min_words, q.max_words, q.min_images,
                                                                   q.max_images))  # fmt: skip
            passed = "" if q.passed is None else str(q.passed).lower()
            writer.writerow((*report, q.n, q.line, q.words, q.images, *limits, passed, *verdict))
    return output.getvalue()
