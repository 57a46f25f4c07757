"""Checklist: the course's checklist of modules against the repository the report is committed in.

Examiners read the ticks beside the repository, and no checker looks at them: the grader reads only the answers.
Every rule here is a warning, since none changes the grade. A ticked item whose work leaves a file or an import
behind (``evidence.EVIDENCE``) is looked for in what git tracks; a tick mark GitHub does not show as a checkbox is
reported, and fixed where its meaning is plain; a checklist with nothing ticked beside written answers is said once.
"""

import posixpath
from collections.abc import Iterator
from typing import NamedTuple

from hooks.checks.document import Document, answers, only_placeholder
from hooks.checks.evidence import EVIDENCE, TEXT_BYTES, Tree
from hooks.checks.rules import Edit, Example, Finding, Rule, Settings
from hooks.core.checklist import BOXES, Entry, checklist
from hooks.core.files import Outside, ReadError, RepoFiles
from hooks.core.git import in_repository
from hooks.core.text import ranges
from hooks.templates.checklist import item_of

# Marks a group writes for a ticked or an empty box, which GitHub shows as text; any other ("~", "50%") is a box
# half done, which no fix can decide.
_TICKED = frozenset({"x", "ok", "yes", "done", "v", "y", "✅", "✔", "✔️", "✓", "☑", "☑️"})
_EMPTY = frozenset({"", "no", "❌", "✗", "✘"})
MIN_ITEMS = 5  # a list this long of boxes before the first question is the checklist
_OUR_CHECKLIST = "* [x] We wrote our own tests\n* [x] We set up a workflow\n* [ ] We measured the cost\n"

NOT_BACKED = Rule(
    "CHK001",
    "tick-not-backed",
    "A ticked item of the checklist whose work leaves a file or an import behind (a Dockerfile, a CI workflow, a "
    "lint step in it, a pre-commit configuration, unit tests of the data or the model, API tests, a load test, "
    "FastAPI, Hydra, PyTorch Lightning, ONNX or BentoML, configuration files, a dependency list, a data or training "
    "script) has none in the files git tracks. Items done in a cloud console, and those simple evidence cannot "
    "decide (profiling, sweeps, coverage, DVC, logging, docs), are not checked.",
    why="Examiners read the ticks beside the repository. On the corpus, such a tick with nothing behind it was an "
    "overclaim or work left on a branch that was never merged.",
    how_to_fix="Merge the branch the work is on, commit the file, or untick the item.",
    severity="warning",
)
MARK = Rule(
    "CHK002",
    "tick-mark",
    "A checklist item ticked with a mark GitHub does not show as a checkbox (`[ok]`, `[✅]`, `- ✅`, `[~]`) or left "
    "empty as `[]`: the page shows the mark as text. One finding per mark, listing its lines. Fixable where its "
    "meaning is plain: a tick becomes `[x]`, an empty box `[ ]`; the checklist lies before the first `Answer:`, so "
    "no count changes.",
    why="GitHub shows a box only for `[ ]`, `[x]` and `[X]`; with any other mark the examiner sees no ticked box.",
    how_to_fix="Write `[x]` for done and `[ ]` for not done, or let `--fix` (the `report-fix` hook) do it.",
    example=Example(
        _OUR_CHECKLIST.replace("[x]", "[ok]"),
        _OUR_CHECKLIST,
        before="## Group information",
    ),
    severity="warning",
)
NOTHING_TICKED = Rule(
    "CHK003",
    "nothing-ticked",
    "The checklist has no ticked item, though the answers are written.",
    why="Examiners read the checklist to see which modules the group did; an untouched one says none.",
    how_to_fix="Tick (`[x]`) the items your project did.",
    example=Example(
        _OUR_CHECKLIST.replace("[x]", "[ ]") * 2,
        _OUR_CHECKLIST * 2,
        before="## Group information",
    ),
    severity="warning",
)
NOT_CHECKED = Rule(
    "CHK004",
    "checklist-not-checked",
    "The ticked items could not be checked against the repository: the report is not in a git repository, or git "
    "did not answer. Said once per report. A repository that tracks nothing outside the report's folder is not "
    "the project's, and its ticks are not checked either, without a word.",
    why="The check reads what git tracks in the commit; without it, a tick with nothing behind it goes unnoticed.",
    how_to_fix="Commit the report in the project's repository, beside its code.",
    severity="warning",
)
RULES = (NOT_BACKED, MARK, NOTHING_TICKED, NOT_CHECKED)


def _meaning(entry: Entry) -> bool | None:
    """True for a tick, False for an empty box, None for a mark half way (or one no fix can read)."""
    if entry.box:
        return BOXES[entry.mark]
    mark = entry.mark.strip().casefold()
    return True if mark in _TICKED else False if mark in _EMPTY else None


def _shown_as_text(entry: Entry) -> bool:
    """A mark of the checklist that GitHub shows as text: in brackets, or a symbol before a checklist item."""
    return not entry.box and (item_of(entry.text) is not None or (entry.bracketed and _meaning(entry) is not None))


def _marks(document: Document, entries: tuple[Entry, ...]) -> Iterator[Finding]:
    """One finding per mark GitHub shows as text."""
    by_mark: dict[tuple[str, bool], list[Entry]] = {}
    for entry in entries:
        if _shown_as_text(entry):
            by_mark.setdefault((entry.mark, entry.bracketed), []).append(entry)
    for (mark, bracketed), marked in by_mark.items():
        written = f"[{mark}]" if bracketed else mark
        meaning = _meaning(marked[0])
        instead = "write [x] or [ ]" if meaning is None else f"write {'[x]' if meaning else '[ ]'}"
        lines = tuple(entry.line for entry in marked)
        where = f"{len(lines)} checklist items use" if len(lines) > 1 else "a checklist item uses"
        on = f" (lines {ranges(lines)})" if len(lines) > 1 else ""
        message = f"{where} '{written}', which GitHub shows as text, not as a box{on}; {instead}"
        yield Finding(document.path, lines[0], MARK, message, covers=lines, fixable=meaning is not None)


def _written(document: Document) -> bool:
    """Most answers are written: more than the template's placeholder, or nothing."""
    graded = [answer.span.text for answer in answers(document) if answer.span is not None]
    done = [text for text in graded if text.split() and not only_placeholder(text)]
    return bool(graded) and 2 * len(done) >= len(graded)


def _read(files: RepoFiles, path: str) -> str | None:
    """A tracked file's first TEXT_BYTES as text, through the repository's door."""
    try:
        found = files.find(path)
        return None if found is None else files.head(found.real, TEXT_BYTES).decode("utf-8", errors="replace")
    except (Outside, ReadError):
        return None


def _tree(document: Document) -> Tree | str | None:
    """What git tracks in the commit, or why the ticks cannot be checked against it; None for a repository that
    holds nothing but the report."""
    if not in_repository(document.path):
        return "the report is not in a git repository"
    files = RepoFiles.for_report(document.path)
    if files.tracked is None:
        return "git did not answer"
    report = files.relative(document.path)
    folder = posixpath.dirname(report)
    inside = f"{folder}/" if folder else report
    if all(path.startswith(inside) for path in files.tracked):
        return None  # a repository of the report alone: the project is elsewhere, and nothing here says otherwise
    return Tree(sorted(files.tracked), lambda path: _read(files, path))


class Checked(NamedTuple):
    """The ticks against the repository: those with nothing behind them, or why they were not checked."""

    missing: tuple[tuple[Entry, str], ...] = ()  # ticked items not backed, each with what was looked for
    unchecked: Entry | None = None  # the first ticked item, when the ticks could not be checked
    reason: str | None = None  # why, when there is something to say (not for a repository of the report alone)


def _checked(document: Document, entries: tuple[Entry, ...]) -> Checked:
    """The ticked items the evidence covers, against what git tracks. A report that ticks none never asks git."""
    ticked = [(entry, item_of(entry.text)) for entry in entries if _meaning(entry)]
    covered = [(entry, item) for entry, item in ticked if item in EVIDENCE]
    if not covered:
        return Checked()
    tree = _tree(document)
    if not isinstance(tree, Tree):
        return Checked(unchecked=covered[0][0], reason=tree)
    return Checked(
        tuple((entry, EVIDENCE[item].looked_for) for entry, item in covered if not EVIDENCE[item].backed(tree))
    )


def not_backed(document: Document) -> int | None:
    """How many ticked items have nothing behind them in the repository; None when the ticks could not be checked."""
    checked = _checked(document, checklist(document.report))
    return None if checked.unchecked else len(checked.missing)


def _item(entry: Entry) -> str:
    words = entry.text.split()
    return " ".join(words[:8]) + (" ..." if len(words) > 8 else "")


def findings(document: Document, settings: Settings) -> Iterator[Finding]:
    entries = checklist(document.report)
    if not entries:
        return
    yield from _marks(document, entries)
    if len(entries) >= MIN_ITEMS and not any(_meaning(entry) is not False for entry in entries) and _written(document):
        yield Finding(
            document.path,
            entries[0].line,
            NOTHING_TICKED,
            f"nothing in the checklist is ticked ({len(entries)} items), though the answers are written",
        )
    checked = _checked(document, entries)
    if checked.unchecked is not None and checked.reason is not None:
        message = f"the ticked items were not checked: {checked.reason}"
        yield Finding(document.path, checked.unchecked.line, NOT_CHECKED, message)
    for entry, looked_for in checked.missing:
        message = f"ticked '{_item(entry)}', but not found in this commit: {looked_for}"
        yield Finding(document.path, entry.line, NOT_BACKED, message)


def edits(document: Document) -> Iterator[Edit]:
    """Each mark GitHub shows as text whose meaning is plain, as the box GitHub shows."""
    for entry in checklist(document.report):
        meaning = _meaning(entry)
        if meaning is not None and _shown_as_text(entry):
            yield Edit(entry.line, entry.start, entry.end, insert="[x]" if meaning else "[ ]")
