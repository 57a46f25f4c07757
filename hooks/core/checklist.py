"""The report's checklist: the task list items before the first question, each with its tick mark as written.

The course's template opens with a checklist of its modules (``* [ ] ...``) that groups tick. GitHub shows a box
only for ``[ ]``, ``[x]`` and ``[X]``; groups also write ``[ok]``, ``[✅]``, ``[]`` or a bare ``- ✅ ...``, which the
page shows as text. The entries are read from the list blocks mistune finds, so a list in a code block is not one.
"""

import re
from typing import NamedTuple

from hooks.core.report import LIST_MARKER, Report

# A list item's marker, then its mark: a bracketed one of up to 8 characters that no link or reference follows, or
# a check or cross symbol standing for one; then the item's text.
_ENTRY = re.compile(
    rf"(?P<bullet>{LIST_MARKER}\s+)"
    r"(?:(?P<box>\[(?P<mark>[^\[\]\n]{0,8})\])(?![(\[:])|(?P<symbol>✅|❌|✔️|✔|✓|☑️|☑|✗|✘)(?=\s))"
    r"\s*(?P<text>\S.*)$"
)
_ITEM = re.compile(LIST_MARKER + r"(?:\s|$)")
# The marks GitHub shows as a checkbox (a task list item's box).
BOXES = {" ": False, "x": True, "X": True}


class Entry(NamedTuple):
    """A checklist item as written: its line, its mark and where the mark stands in the line, and its text."""

    line: int
    mark: str  # inside the brackets (' ', 'x', 'ok', ''), or the symbol written for a box ('✅')
    bracketed: bool  # the mark stands in brackets
    start: int  # the mark's columns in the line, brackets included
    end: int
    text: str

    @property
    def box(self) -> bool:
        """GitHub shows the mark as a checkbox."""
        return self.bracketed and self.mark in BOXES


def _continued(lines: tuple[str, ...], number: int, last: int) -> list[str]:
    """The lines an item's text continues on (a long item wrapped by its editor): up to a blank line or the next
    item."""
    following = []
    while number <= last and lines[number - 1].strip() and not _ITEM.match(lines[number - 1]):
        following.append(lines[number - 1].strip())
        number += 1
    return following


def checklist(report: Report) -> tuple[Entry, ...]:
    """Every item of a list before the first question that starts with a tick mark, in order."""
    end = report.questions[0].line if report.questions else len(report.lines) + 1
    entries = []
    for block in report.blocks:
        if block.line >= end:
            break
        if block.kind != "list":
            continue
        last = min(block.end_line, end - 1)
        for number in range(block.line, last + 1):
            match = _ENTRY.match(report.lines[number - 1])
            if match is None:
                continue
            bracketed = match["box"] is not None
            where = "box" if bracketed else "symbol"
            mark = match["mark"] if bracketed else match["symbol"]
            text = " ".join([match["text"].strip(), *_continued(report.lines, number + 1, last)])
            entries.append(Entry(number, mark, bracketed, match.start(where), match.end(where), text))
    return tuple(entries)
