"""Output: every format the hooks print, and nothing else.

Findings: ``text`` (``path:line: CODE [*] [warning: ]message`` and a summary line),
``github`` (workflow commands, one per line a finding is about) and ``json``. The
grader's view (``--summary``): a table per report and an overview of a batch, or
JSON, or one csv row per answer the grader counts. A rule's documentation
(``--explain``). Control characters from a report are printed escaped.
"""

import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from hooks.app.reading import MISSING, NOT_A_REPORT, UNUSABLE, Loaded
from hooks.checks.document import Document, answers
from hooks.checks.images import figures_not_shown
from hooks.checks.rules import Finding, Rule
from hooks.core.course import GRADED_REPORT, LOGGED_WARNING, misnamed_report
from hooks.core.text import SHOWN_LINES, counted, listed


def _github_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(value: str) -> str:
    return _github_data(value).replace(":", "%3A").replace(",", "%2C")


def finding_to_json(finding: Finding) -> dict[str, object]:
    return {
        "path": finding.path,
        "line": finding.line,
        "code": finding.code,
        "question": finding.question,
        "severity": finding.severity,
        "message": finding.message,
        "fixable": finding.fixable,
        # A cause repeated across questions, or an abort with several causes, is one finding about many lines.
        "questions": list(finding.questions or ([] if finding.question is None else [finding.question])),
        "lines": list(finding.lines),
    }


# C0 and C1 control characters, DEL among them: a report's ANSI or OSC escape sequence must not reach the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def render(findings: Iterable[Finding], fmt: str) -> str:
    """The findings in one format; '' when text or github has nothing to say. Control characters are escaped."""
    findings = list(findings)
    if fmt == "json":
        return json.dumps([finding_to_json(f) for f in findings], indent=2)
    findings = [f._replace(path=visible(f.path), message=visible(f.message)) for f in findings]
    if fmt == "github":
        # An annotation on each line a finding is about, so that every cause shows where it is.
        return "\n".join(
            f"::{f.severity} file={_github_property(f.path)},line={line},title={f.code}::"
            f"{_github_data(f'{f.code} {f.message}')}"
            for f in findings
            # GitHub shows at most 10 annotations of each level per step: the lines the message lists first.
            for line in f.lines[:SHOWN_LINES]
        )
    # An error needs no label; a warning says it is one, so that a student can tell what blocks the commit.
    # '[*]', as ruff marks it: the fixer repairs this one whole.
    return "\n".join(
        f"{f.path}:{f.line}: {f.code}{' [*]' if f.fixable else ''} {'warning: ' if f.severity == 'warning' else ''}"
        f"{f.message}"
        for f in findings
    )


class Verdict(NamedTuple):
    """What the official checker will make of one report."""

    warning_lines: int
    warning_name: str = "WARNING"  # what the checker prints for a broken limit: WARNING, or TeacherWarning
    aborts: bool = False
    read: bool = True  # False: the report is not at the one path the grader reads
    path: str = ""


def warning_lines(verdicts: Iterable[Verdict]) -> str:
    """'3 WARNING lines', '1 WARNING line and 2 TeacherWarning lines': what the checkers print, by its name."""
    by_name: dict[str, int] = {}
    for verdict in verdicts:
        by_name[verdict.warning_name] = by_name.get(verdict.warning_name, 0) + verdict.warning_lines
    return " and ".join(counted(count, f"{name} lines") for name, count in by_name.items()) or "0 WARNING lines"


def summary_line(findings: Sequence[Finding], verdicts: Sequence[Verdict], fix_command: str | None) -> str:
    """The text output's last line: what was found, what the grader will make of the reports, what a fix repairs.

    What the official checker prints (its warning lines, its abort) is told apart from the errors that block
    for another reason (a figure GitHub will not show, an edited heading), which change no grade.
    ``fix_command``: how the reader applies the fixes; None when the fixer has run.
    """
    # Each finding is told once, as it is printed: a warning (--warn included) is a warning; an error is in the
    # official checker's output when it is one of its lines and the grader reads the report at all.
    unread = {verdict.path for verdict in verdicts if not verdict.read}
    graded = sum(f.severity == "error" and f.graded and f.path not in unread for f in findings)
    errors = sum(finding.severity == "error" for finding in findings) - graded
    warnings = sum(finding.severity == "warning" for finding in findings)
    kinds = [f"{graded} in the official checker's output"] if graded else []
    kinds += [counted(errors, "other errors" if graded else "errors")] if errors else []
    kinds += [counted(warnings, "warnings")] if warnings else []
    found = f"Found {counted(len(findings), 'findings')}"
    if len(verdicts) > 1:
        found += f" in {len(verdicts)} reports"
    parts = [f"{found} ({', '.join(kinds)})"]
    read = [verdict for verdict in verdicts if verdict.read]
    unread = len(verdicts) - len(read)
    aborts = sum(verdict.aborts for verdict in read)
    printed = warning_lines(verdict for verdict in read if not verdict.aborts)
    if len(verdicts) == 1:
        outcome = "not read it" if unread else "abort" if aborts else f"print {printed}"
        parts.append(f"the official checker will {outcome}")
    elif verdicts:
        outcome = f"the official checker will print {printed}"
        outcome += f", and abort on {aborts}" if aborts else ""
        outcome += f", and not read {unread}" if unread else ""
        parts.append(outcome)
    repairs = sum(finding.fixable for finding in findings)
    if repairs and fix_command:
        parts.append(f"{repairs} fixable with {fix_command}")
    return "; ".join(parts) + "."


# What the official checker makes of a report in a batch; UNUSABLE and NOT_A_REPORT when there is none to grade.
GRADED, ABORTS, NOT_READ = "graded", "aborts", "not read"


def summary(document: Document) -> dict[str, object]:
    """What the grader sees, row by row of its table: the n-th official span is question n. When it aborts with more
    answers than rows, the extra ones are rows without limits."""
    official = document.official
    aborted = official.error is not None
    questions = [
        {
            "n": answer.number,
            "line": answer.line,
            "words": answer.span.words if answer.span else None,
            "images": answer.span.images if answer.span else None,
            "min_words": answer.limits.min_words,
            "max_words": answer.limits.max_words,
            "min_images": answer.limits.min_images,
            "max_images": answer.limits.max_images,
            "passed": None if aborted else official.failures(answer.number - 1) == 0,
        }
        for answer in answers(document)
    ]
    status = NOT_READ if misnamed_report(document.path) else ABORTS if aborted else GRADED
    if status == NOT_READ:
        # The grader does not find the file: no verdict of its is told, only what it would count there.
        questions = [question | {"passed": None} for question in questions]
    return {
        "path": document.path,
        "status": status,
        "problem": f"the grader reads exactly {GRADED_REPORT}" if status == NOT_READ else None,
        "template": official.checker.name,
        "revision": document.template.revision,
        "checker": official.checker.name,
        # What decided the checker: its text, its first commit (of a later run: "committed" is its date), the options
        # or a report.py beside it.
        "decided_by": document.grading.decided_by,
        "committed": document.grading.committed,
        "official": {
            "error": official.error,
            "warnings": None if status == NOT_READ else official.warning_lines,
            "warning_name": official.checker.warning_name,
        },
        "figures_not_shown": figures_not_shown(document),
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
        "decided_by": None,
        "committed": None,
        "official": {"error": None, "warnings": None, "warning_name": LOGGED_WARNING},
        "figures_not_shown": 0,
        "questions": [],
    }


def _range(low: object, high: object) -> str:
    return "-" if low is None else f"{low}-{high}"


def _printed(data: dict) -> str:
    """'3 WARNING lines': what the checker of a summary prints."""
    official = data["official"]
    return counted(official["warnings"], f"{official['warning_name']} lines")


def summary_table(data: dict) -> str:
    path = visible(data["path"])
    if data["status"] in _UNCHECKED:
        return f"{path}: {data['status']}: {visible(str(data['problem']))}"
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
    graded_by = "" if data["checker"] == data["revision"] else f", checker {visible(str(data['checker']))}"
    decided = data["decided_by"] + (f" of {data['committed']}" if data["committed"] else "")
    lines = [f"{path} (template {visible(str(data['revision']))}{graded_by}, chosen by {decided})"]
    lines += [
        "  " + "  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=False)).rstrip() for row in rows
    ]
    official = data["official"]
    if data["status"] == NOT_READ:
        lines.append(f"official checker: does not read it, as it reads exactly {GRADED_REPORT}")
    elif official["error"]:
        lines.append(f"official checker: aborts ({official['error']}), prints 0 {official['warning_name']} lines")
    else:
        lines.append(f"official checker: {_printed(data)}")
    if data["figures_not_shown"]:
        lines.append(f"GitHub: {_not_shown(data['figures_not_shown'])}")
    return "\n".join(lines)


def _not_shown(count: int) -> str:
    """'1 figure does not show', '2 figures do not show'."""
    return f"{counted(count, 'figures')} {'does' if count == 1 else 'do'} not show"


# The statuses of a path with no report to grade: it is one line of its own in the text output.
_UNCHECKED = (MISSING, UNUSABLE, NOT_A_REPORT)


def _severity(entry: dict) -> tuple[int, int, int]:
    """Worst first: what is not graded at all, then aborts, then the most warning lines, then figures not shown."""
    order = (MISSING, UNUSABLE, NOT_A_REPORT, NOT_READ, ABORTS, GRADED)
    return order.index(entry["status"]), -(entry["warnings"] or 0), -entry["figures_not_shown"]


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
                "figures_not_shown": data["figures_not_shown"],
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
        "missing": statuses[MISSING],
        "warnings": sum(entry["warnings"] or 0 for entry in per_report),
        "figures_not_shown": sum(entry["figures_not_shown"] for entry in per_report),
        "warnings_per_report": per_report,
        "most_failed": [
            {"checker": checker, "n": n, "reports": count}
            for (checker, n), count in sorted(failed.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
        ],
    }


_LABELS = {
    ABORTS: "abort",
    NOT_READ: "not read",
    UNUSABLE: "unusable",
    NOT_A_REPORT: "not a report",
    MISSING: "missing",
}


def overview_text(data: dict) -> str:
    per_report = data["warnings_per_report"]
    graded = [entry for entry in per_report if entry["status"] == GRADED]
    printed = warning_lines(Verdict(entry["warnings"], entry["warning_name"]) for entry in graded)
    grader = [f"prints {printed} on {len(graded)}"]
    grader += [f"aborts on {data['aborts']}"] if data["aborts"] else []
    grader += [f"does not read {data['not_read']}"] if data["not_read"] else []
    headline = f"{counted(data['reports'], 'reports')} checked: the official checker {listed(grader)}"
    unusable, others, missing = data["unusable"], data["not_reports"], data["missing"]
    unchecked = [f"{missing} {'is' if missing == 1 else 'are'} missing"] if missing else []
    unchecked += [f"{unusable} {'is' if unusable == 1 else 'are'} unusable"] if unusable else []
    unchecked += ["1 is not a report" if others == 1 else f"{others} are not reports"] if others else []
    if unchecked:
        headline += f"; {listed(unchecked)}"
    if data["figures_not_shown"]:
        headline += f"; on GitHub, {_not_shown(data['figures_not_shown'])}"
    labels = [_LABELS.get(entry["status"], str(entry["warnings"])) for entry in per_report]
    width = max(map(len, labels), default=0)
    lines = [headline, "warning lines per report, worst first:"]
    for label, entry in zip(labels, per_report, strict=True):
        figures = f"  ({_not_shown(entry['figures_not_shown'])})" if entry["figures_not_shown"] else ""
        lines.append(f"  {label:>{width}}  {visible(entry['path'])}{figures}")
    by_checker: dict[str, list[str]] = {}
    for entry in data["most_failed"]:
        by_checker.setdefault(entry["checker"], []).append(f"Q{entry['n']} ({entry['reports']})")
    for checker, failed in by_checker.items():
        lines.append(f"questions most often failed (reports), {checker} checker: {', '.join(failed[:10])}")
    return "\n".join(lines)


def summaries_json(summaries: list[dict], batch: dict | None) -> str:
    """The summaries as a JSON array, the overview of a batch as its last element."""
    return json.dumps(summaries + ([{"overview": batch}] if batch else []), indent=2)


CSV_COLUMNS = ("path", "status", "problem", "checker", "template", "revision", "question", "line", "words", "images",
               "min_words", "max_words", "min_images", "max_images", "passed", "official_warnings",
               "official_error", "figures_not_shown")  # fmt: skip


# A cell a spreadsheet would read as a formula (or whose first character hides one) begins with one of these.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str | None) -> str:
    """A text cell that no spreadsheet runs: a leading ' before what would start a formula."""
    text = text or ""
    return f"'{text}" if text.startswith(_FORMULA) else text


def summaries_csv(summaries: list[dict]) -> str:
    """One row per answer the grader counts, per report, for a spreadsheet: the integer columns (question, line,
    words, images, figures_not_shown) are never empty, and official_warnings is empty only for a report the grader
    does not read (missing, unusable, not a report, or not at reports/README.md). A report with no answer to count
    (unusable, not a report, missing, or no 'Answer:' at all) is one row of question 0, which stands for the whole
    report, with no line, words or images (0) and its status and problem."""
    import csv  # only for a course batch

    output = io.StringIO()
    # CRLF ends a row, as RFC 4180 has it: a field with a CR or an LF in it is quoted.
    writer = csv.writer(output)
    writer.writerow(CSV_COLUMNS)
    for data in summaries:
        official = data["official"]
        texts = (data["path"], data["status"], data["problem"], data["checker"], data["template"], data["revision"])
        report = tuple(_cell(text) for text in texts)
        warnings = "" if official["warnings"] is None else official["warnings"]
        verdict = (warnings, _cell(official["error"]), data["figures_not_shown"])
        rows = [q for q in data["questions"] if q["words"] is not None]
        if not rows:
            writer.writerow((*report, 0, 0, 0, 0, "", "", "", "", "", *verdict))
        for q in rows:
            limits = ("" if limit is None else limit for limit in (q["min_words"], q["max_words"], q["min_images"],
                                                                   q["max_images"]))  # fmt: skip
            passed = "" if q["passed"] is None else str(q["passed"]).lower()
            writer.writerow((*report, q["n"], q["line"], q["words"], q["images"], *limits, passed, *verdict))
    return output.getvalue()


def _where(rule: Rule) -> str:
    example = rule.example
    if example is None:
        return ""
    return f", as the answer of Question {example.question}" if example.question else ", in the report"


def level_of(rule: Rule) -> str:
    """'error', 'warning', or 'error or warning' for a rule whose findings are warnings in some cases."""
    return f"{rule.severity} or warning" if rule.warning_when else rule.severity


def rule_lines(rules: Iterable[Rule]) -> str:
    """One line per rule, as `ruff rule --all` lists them: code, name, level, and the first sentence of what it
    checks."""
    return "\n".join(f"{r.code} {r.name} ({level_of(r)}): {r.summary.split('. ')[0].rstrip('.')}." for r in rules)


def explain(rule: Rule, family: str) -> str:
    """A rule's documentation as plain text, for ``--explain``."""
    import textwrap  # only when asked

    def paragraph(title: str, text: str) -> list[str]:
        return [f"{title}:", *textwrap.wrap(text, 100, initial_indent="  ", subsequent_indent="  "), ""]

    lines = [f"{rule.code} {rule.name} ({level_of(rule)}, {family} family)", ""]
    lines += paragraph("What it checks", rule.summary)
    if rule.warning_when:
        lines += paragraph("A warning, not an error, when", rule.warning_when)
    lines += paragraph("Why it matters", rule.why)
    lines += paragraph("How to fix it", rule.fix)
    if rule.example is not None:
        lines += [f"Reported{_where(rule)}:", *textwrap.indent(rule.example.bad, "    ").splitlines(), ""]
        lines += ["Instead:", *textwrap.indent(rule.example.good, "    ").splitlines(), ""]
    return "\n".join(lines).rstrip("\n")
