"""report-length: word counts as the official checker computes them, against the limits of its table."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from hooks.document import Document
from hooks.official import Span, abort_causes, off_limits
from hooks.rules import REPEATED, Family, Finding, Settings, counted, register

WORD_LIMIT = register(
    "LEN001",
    "word-limit",
    "An answer's word count, as the official checker counts it, is outside its limit in the checker's table. When the "
    "checker reads less than the whole answer (it stops at a `##` inside a code block, say), the message "
    "gives both counts and the line where it stops, and the `HDG013` finding of that cut is folded into it.",
    absorbs=("HDG013",),
)
OFFICIAL_ABORT = register(
    "LEN002",
    "official-checker-aborts",
    "The official checker will find the wrong number of answers, abort, and check no word count. One "
    "finding, at the first cause, lists every cause with its line: a heading after the last answer, an "
    "extra `Answer:`, a missing marker or question heading, an answer with no `###` before the next "
    "`Answer:` (a question heading at another level, say). A cause repeated in three places or more is said once, "
    "with its lines. It is printed first, and the structure findings of the same causes (`HDG001`, `HDG006`, "
    "`HDG008`, `HDG014`, `HDG019`) are folded into it.",
    absorbs=("HDG001", "HDG006", "HDG008", "HDG014", "HDG019"),
    leads=True,
)


def _lines(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _official_note(document: Document, span: Span, number: int) -> str:
    """Where the official span differs from the answer the markdown holds, say how."""
    question = document.report.question(number)
    official = document.official
    if question is None or question.answer_line is None or question.answer_end_line is None:
        return ""
    first, last = official.line_of(span.start), official.line_of(max(span.start, span.end - 1))
    whole = f"the whole answer has {question.words} words"
    if first != question.answer_line:
        return (
            f"; the official checker reads {_lines(first, last)} as this answer, "
            f"the whole answer ({_lines(question.answer_line, question.answer_end_line)}) has {question.words} words"
        )
    if span.cut_at is not None and official.line_of(span.cut_at) <= question.answer_end_line:
        return f"; the official checker stops at the '{span.cut_by}' on line {official.line_of(span.cut_at)}, {whole}"
    return ""


def word_findings(document: Document) -> Iterator[Finding]:
    for off in off_limits(document, "words"):
        message = f"Question {off.number}: {off.describe('words')}" + _official_note(document, off.span, off.number)
        yield Finding(document.path, off.line, WORD_LIMIT, message, off.number, graded=True)


def abort_findings(document: Document) -> Iterator[Finding]:
    """One finding for an aborting checker, at its first cause, naming every cause."""
    official = document.official
    if official.error is None:
        return
    if not any(chunk.marker is not None for chunk in official.chunks):
        message = "official checker will crash: there is no 'Answer:' in the file"
        lines = tuple(question.line for question in document.report.questions) or (1,)
        yield Finding(document.path, lines[0], OFFICIAL_ABORT, message, covers=lines, graded=True)
        return
    found, expected = len(official.spans), official.checker.expected
    summary = (
        f"official checker will abort ({counted(found, 'answers')}, expected {expected}), so it checks no word count"
    )
    causes = abort_causes(document)
    if not causes:
        yield Finding(document.path, 1, OFFICIAL_ABORT, summary, graded=True)
        return
    covers = tuple(cause.line for cause in causes)
    repeats: dict[str, list[int]] = {}
    for cause in causes:
        if cause.repeated:
            repeats.setdefault(cause.repeated, []).append(cause.line)
    said = []  # (line, what): the first cause's line is the finding's own
    for cause in causes:
        lines = repeats.get(cause.repeated or "", [])
        if len(lines) < REPEATED:
            said.append((cause.line, cause.message))
        elif lines[0] == cause.line:
            said.append((cause.line, f"{cause.repeated} (lines {', '.join(map(str, lines))})"))
    (line, first), *others = said
    message = f"{summary}: {first}" + "".join(f"; line {where}: {what}" for where, what in others)
    questions = tuple(dict.fromkeys(cause.question for cause in causes if cause.question is not None))
    yield Finding(document.path, line, OFFICIAL_ABORT, message, covers=covers, graded=True, questions=questions)


def check(document: Document, settings: Settings) -> Iterator[Finding]:
    if document.official.error is not None:
        yield from abort_findings(document)
    else:
        yield from word_findings(document)


FAMILY = Family("LEN", check)


def main(argv: Sequence[str] | None = None) -> int:
    from hooks.cli import run

    return run(argv, [FAMILY], "report-length", "Check answer word counts the way the course's report.py counts them.")


if __name__ == "__main__":
    raise SystemExit(main())
