"""What the official checker will do with a report, explained against its markdown.

Both views come from the parser; this module only compares them, so every
family that explains the checker (length, headings) tells the same story.
"""

from __future__ import annotations

from collections.abc import Iterator

from hooks.document import Document
from hooks.parser import Chunk, Question, Span
from hooks.records import Record


def question_span(document: Document, question: Question) -> Span | None:
    """The official span that starts at the question's own ``Answer:`` marker."""
    if question.marker_line is None:
        return None
    return document.official.span_by_marker_line.get(question.marker_line)


class OffLimits(Record):
    """A question whose official count (of words or images) is outside its limit."""

    def __init__(self, number: int, line: int, span: Span, count: int, low: int, high: int) -> None:
        self.number = number
        self.line = line  # the question's heading, or where the official answer starts without one
        self.span = span
        self.count = count
        self.low = low
        self.high = high

    def describe(self, unit: str) -> str:
        """'231 words, limit 0-200 (31 over)'."""
        side = f"{self.count - self.high} over" if self.count > self.high else f"{self.low - self.count} under"
        return f"{self.count} {unit}, limit {self.low}-{self.high} ({side})"


def off_limits(document: Document, unit: str) -> Iterator[OffLimits]:
    """The questions the official checker warns about for ``unit`` ("words" or "images"), in order."""
    for template_question, span in zip(document.template.questions, document.official.spans):
        low, high = getattr(template_question.limits, f"min_{unit}"), getattr(template_question.limits, f"max_{unit}")
        count = span.words if unit == "words" else span.images
        if low is None or high is None or low <= count <= high:
            continue
        question = document.report.question(template_question.number)
        line = question.line if question else document.official.line_of(span.start)
        yield OffLimits(template_question.number, line, span, count, low, high)


class Marker(Record):
    """An 'Answer:' the official checker splits on."""

    def __init__(self, line: int, index: int, own: bool) -> None:
        self.line = line
        self.index = index  # of the chunk it starts, in counted_chunks
        self.own = own  # a question's own marker: the first 'Answer:' on a question's marker line


def markers(document: Document) -> list[Marker]:
    official = document.official
    own_lines = {q.marker_line for q in document.report.questions if q.marker_line is not None}
    seen: set[int] = set()
    found = []
    for index, chunk in enumerate(counted_chunks(document)):
        if chunk.marker is None:
            continue
        line = official.line_of(chunk.marker)
        found.append(Marker(line, index, line in own_lines and line not in seen))
        seen.add(line)
    return found


def counted_chunks(document: Document) -> tuple[Chunk, ...]:
    """The chunks the checker builds answers from (the text before the first marker is not one)."""
    official = document.official
    return official.chunks if official.checker.drop_first_span else official.chunks[1:]


class Cause(Record):
    """Something that moves the official answer count away from the template's, by ``delta``."""

    def __init__(self, line: int, delta: int, message: str, question: int | None = None) -> None:
        self.line = line
        self.delta = delta
        self.message = message
        self.question = question


def abort_causes(document: Document) -> list[Cause]:
    """Where the official answer count goes wrong, when it does: the causes that push it
    the way it is off (too many answers: what adds one; too few: what removes one)."""
    report, official, template = document.report, document.official, document.template
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

    chunks = counted_chunks(document)
    if chunks and chunks[0].marker is None and chunks[0].cut is None:
        message = "there is no '###' before the first 'Answer:', so the checker drops Question 1's answer"
        causes.append(Cause(1, -1, message))
    for marker in markers(document):
        chunk = chunks[marker.index]
        if marker.index == len(chunks) - 1:
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
            following = official.line_of(chunks[marker.index + 1].marker or 0)
            causes.append(
                Cause(
                    marker.line,
                    -1,
                    f"no '###' between this 'Answer:' and the next one on line {following}, "
                    "so the checker drops this answer",
                )
            )
        elif not marker.own:
            message = "this 'Answer:' is not a question's marker; the checker starts an extra answer here"
            causes.append(Cause(marker.line, +1, message))
    if official.error is None:
        return []
    direction = 1 if len(official.spans) > official.checker.expected else -1
    return sorted((cause for cause in causes if cause.delta == direction), key=lambda cause: cause.line)
