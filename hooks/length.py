"""report-length: word counts as the official checker computes them, against the template's limits."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from hooks.cli import Family, run
from hooks.document import Document
from hooks.parser import Span
from hooks.rules import Finding, register

WORD_LIMIT = register(
    "LEN001",
    "word-limit",
    "length",
    "An answer's word count, as the official checker counts it, is outside the template's limit.",
)
OFFICIAL_ABORT = register(
    "LEN002",
    "official-checker-aborts",
    "length",
    "The official checker will find the wrong number of answers, abort, and check nothing.",
)


def limit_text(low: int, high: int) -> str:
    return f"{low}-{high}"


def outside(count: int, low: int, high: int) -> str:
    return f"{count - high} over" if count > high else f"{low - count} under"


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
    spans = document.official.spans
    for template_question, span in zip(document.template.questions, spans):
        limits = template_question.limits
        if limits.min_words is None or limits.max_words is None:
            continue
        low, high, words = limits.min_words, limits.max_words, span.words
        if low <= words <= high:
            continue
        number = template_question.number
        question = document.report.question(number)
        line = question.line if question else document.official.line_of(span.start)
        yield Finding(
            document.path,
            line,
            WORD_LIMIT,
            f"Question {number}: {words} words, limit {limit_text(low, high)} ({outside(words, low, high)})"
            + _official_note(document, span, number),
            number,
        )


class Cause(NamedTuple):
    """Something that moves the official answer count away from the template's, by ``delta``."""

    line: int
    delta: int
    message: str
    question: int | None = None


def abort_causes(document: Document) -> list[Cause]:
    """Every place that adds or removes an answer in the official checker's count."""
    report, official, template = document.report, document.official, document.template
    marker_lines = {q.marker_line for q in report.questions if q.marker_line is not None}
    causes: list[Cause] = []

    numbers = [q.number for q in report.questions]
    wanted = [q.number for q in template.questions]
    for number in wanted:
        if number not in numbers:
            following = [q for q in report.questions if q.number > number]
            line = following[0].line if following else len(report.lines)
            causes.append(Cause(line, -1, f"Question {number} is missing: there is no '### Question {number}' heading"))
    seen: set[int] = set()
    for question in report.questions:
        if question.number not in wanted or question.number in seen:
            causes.append(
                Cause(question.line, +1, f"'### Question {question.number}' is not in the template", question.number)
            )
        seen.add(question.number)
        if question.marker_line is None:
            causes.append(
                Cause(question.line, -1, f"Question {question.number} has no 'Answer:' marker", question.number)
            )

    chunks = official.chunks if official.checker.drop_first_span else official.chunks[1:]
    marker_seen: set[int] = set()
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        if chunk.marker is None:
            if chunk.cut is None:
                message = "there is no '###' before the first 'Answer:', so the checker drops Question 1's answer"
                causes.append(Cause(1, -1, message))
            continue
        line = official.line_of(chunk.marker)
        extra = line not in marker_lines or line in marker_seen
        marker_seen.add(line)
        if last:
            if chunk.cut is not None:
                causes.append(
                    Cause(
                        official.line_of(chunk.cut),
                        +1,
                        "'###' after the last answer makes the checker count the last answer twice",
                    )
                )
            continue
        if chunk.cut is None:
            following = official.line_of(chunks[index + 1].marker or 0)
            causes.append(
                Cause(
                    line,
                    -1,
                    f"no '###' between this 'Answer:' and the next one on line {following}, "
                    "so the checker drops this answer",
                )
            )
        elif extra:
            message = "this 'Answer:' is not a question's marker; the checker starts an extra answer here"
            causes.append(Cause(line, +1, message))
    return causes


def abort_findings(document: Document) -> Iterator[Finding]:
    official = document.official
    if official.error is None:
        return
    found, expected = len(official.spans), official.checker.expected
    if not any(chunk.marker is not None for chunk in official.chunks):
        first = document.report.questions[0].line
        message = "official checker will crash: there is no 'Answer:' in the file"
        yield Finding(document.path, first, OFFICIAL_ABORT, message)
        return
    direction = 1 if found > expected else -1
    causes: Sequence[Cause] = [c for c in abort_causes(document) if c.delta == direction]
    prefix = f"official checker will abort ({found} answers, expected {expected})"
    if not causes:
        yield Finding(document.path, 1, OFFICIAL_ABORT, prefix)
        return
    for cause in causes:
        yield Finding(document.path, cause.line, OFFICIAL_ABORT, f"{prefix}: {cause.message}", cause.question)


def check(document: Document) -> Iterator[Finding]:
    if document.official.error is not None:
        yield from abort_findings(document)
    else:
        yield from word_findings(document)


FAMILY = Family("length", check)


def main(argv: Sequence[str] | None = None) -> int:
    return run(argv, [FAMILY], "report-length", "Check answer word counts the way the course's report.py counts them.")


if __name__ == "__main__":
    raise SystemExit(main())
