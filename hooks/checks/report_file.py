"""The report file as a whole (HDG016-HDG018): no git conflict markers, no code fence left open, the path the
grader reads.
"""

import re
from collections.abc import Iterator

from hooks.checks.document import (
    Document,
)
from hooks.checks.rules import Example, Finding, Rule
from hooks.core.course import misnamed_report

CONFLICT_MARKERS = Rule(
    "HDG016",
    "conflict-markers",
    "Git conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`) are left in the report: a merge was not "
    "finished. One finding names every marker line.",
    why="A merge was not finished: both sides show on the page, and the grader counts both.",
    how_to_fix="Keep one side, delete the other and the three marker lines.",
    example=Example(
        "<<<<<<< HEAD\nStart earlier.\n=======\nStart the project earlier.\n>>>>>>> main",
        "Start the project earlier.",
        6,
    ),
)
UNCLOSED_FENCE = Rule(
    "HDG017",
    "unclosed-fence",
    "A code fence (```` ``` ````) that nothing closes: on GitHub everything after it shows as code. The "
    "other checks read the report as if that line were not there.",
    why="On GitHub everything after the fence shows as code, the rest of the report included.",
    how_to_fix="Close the fence with a line of three backticks after the code.",
    example=Example(
        "Start earlier, and run:\n\n```bash\nmake all",
        "Start earlier, and run:\n\n```bash\nmake all\n```",
        6,
        at="```bash",
    ),
)
REPORT_PATH = Rule(
    "HDG018",
    "report-path",
    "The report is `readme.md` or in a `Reports/` folder, another case of `reports/README.md`. The grader "
    "reads exactly `reports/README.md`, so on Linux this report is not graded at all.",
    why="The grader opens exactly `reports/README.md`: on Linux it does not find this file, and grades nothing.",
    how_to_fix="Rename it with `git mv`, as the message says.",
)
RULES = (CONFLICT_MARKERS, UNCLOSED_FENCE, REPORT_PATH)


_CONFLICT = re.compile(r"(?:<{7}|>{7})(?: |$)|={7}$")


def conflict_lines(document: Document) -> list[int]:
    """The lines of git conflict markers, when a merge left some ('=======' alone is a heading's underline)."""
    lines = document.report.lines
    found = [number for number, line in enumerate(lines, 1) if _CONFLICT.match(line)]
    return found if any(lines[number - 1][0] in "<>" for number in found) else []


def file_findings(document: Document, conflict: list[int]) -> Iterator[Finding]:
    """What is broken in the file as a whole: an unfinished merge, a fence left open."""
    report = document.report
    misnamed = misnamed_report(document.path)
    if misnamed:
        message = (
            f"the report is {misnamed}: the grader reads exactly reports/README.md, so this report is not "
            "graded at all; rename it (git mv)"
        )
        # The grader's output changes whole: it does not find the report.
        yield Finding(document.path, 1, REPORT_PATH, message, graded=True)
    if conflict:
        where = ", ".join(map(str, conflict))
        message = f"git conflict markers on lines {where}: finish the merge, keep one side, delete the markers"
        yield Finding(document.path, conflict[0], CONFLICT_MARKERS, message)
    if report.unclosed_fence is not None:
        message = "this code fence is never closed: on GitHub the rest of the report shows as code"
        yield Finding(document.path, report.unclosed_fence, UNCLOSED_FENCE, message)
