"""A report seen both ways: the markdown a reader sees, and what the official checker makes of it, paired.

Per question: the report's ``### Question N`` (its prompt, marker and answer), the
checker's n-th answer (``Span``) and the n-th row of its table (``Limits``). Every
family and the summary read this pairing, never the checker's chunks or offsets,
so that length, headings and images tell the same story about the grader.
"""

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from hooks.core.course import is_placeholder
from hooks.core.official import Limits, OfficialView, Span, limit_text, official_view, outside
from hooks.core.report import Question, Report
from hooks.core.text import counted
from hooks.templates.model import Template

# What decided the checker that grades a report (Grading.decided_by).
BY_TEXT = "its text"
BY_FIRST_COMMIT = "its first commit"
BY_OPTION = "the options"
BY_REPORT_PY = "a report.py beside it"


class Grading(NamedTuple):
    """Which course run's checker grades a report, and what decided it."""

    run: int | None  # None: a checker or template the options name, or a report.py beside the report
    decided_by: str = BY_TEXT
    committed: str | None = None  # the date of the report's first commit, when it decided


class Document(NamedTuple):
    path: str
    report: Report
    template: Template
    official: OfficialView
    grading: Grading = Grading(None)


class Answer(NamedTuple):
    """Question n as the report has it and as the official checker extracts and grades it."""

    number: int
    line: int | None  # the question's heading, or where the checker's n-th answer starts without one
    question: Question | None  # the report's question n
    span: Span | None  # the checker's n-th answer
    limits: Limits  # the n-th row of its table; no limits beyond it


def question_span(document: Document, question: Question) -> Span | None:
    """The span that starts at the question's own ``Answer:`` marker."""
    if question.marker_line is None:
        return None
    return document.official.span_after_marker(question.marker_line)


def only_placeholder(text: str) -> bool:
    """Whether an answer, as the official checker reads it, is still the template's: placeholder lines and dashes."""
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and all(is_placeholder(line) or not line.strip(" -\u2013\u2014") for line in lines)


def placeholder_answer_lines(document: Document) -> frozenset[int]:
    """The lines of the answers the official checker reads as only the template's placeholder: unanswered to the
    grader, whatever the markdown around them (a fence left open) makes of them on the page."""
    view = document.official
    return frozenset(
        line
        for span in view.spans
        if span.end > span.start and only_placeholder(span.text)
        for line in range(view.line_of(span.start), view.line_of(span.end - 1) + 1)
    )


def _lines(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def grader_reads(document: Document, span: Span, number: int) -> str:
    """Where the checker's answer differs from the one the markdown holds, a clause that says how; else ''."""
    question = document.report.question(number)
    official = document.official
    if question is None or question.answer_line is None or question.answer_end_line is None:
        return ""
    if span.text.split() == question.answer.split():
        return ""  # the same words: a space after 'Answer:' moves where the text starts, not what is counted
    leading = len(span.text) - len(span.text.lstrip())
    first, last = official.line_of(span.start + leading), official.line_of(max(span.start, span.end - 1))
    words = counted(question.words, "words")
    whole = f"the whole answer has {words}"
    if first != question.answer_line:
        return (
            f"; the official checker reads {_lines(first, last)} as this answer, "
            f"the whole answer ({_lines(question.answer_line, question.answer_end_line)}) has {words}"
        )
    if span.cut_at is not None and official.line_of(span.cut_at) <= question.answer_end_line:
        return f"; the official checker stops at the '{span.cut_by}' on line {official.line_of(span.cut_at)}, {whole}"
    return ""


class LineEdit(NamedTuple):
    """Lines ``first``-``last`` replaced by ``text`` (None: removed); with ``last`` = ``first`` - 1, ``text`` is
    inserted before line ``first``."""

    first: int
    last: int
    text: str | None = None


def _graded_counts(view: OfficialView) -> tuple[object, ...]:
    """What the checker decides on: its abort, or each answer's words and images."""
    if view.error is not None:
        return (len(view.spans),)
    return tuple((span.words, span.images) for span in view.spans)


def reads_differently(document: Document, edits: Sequence[LineEdit]) -> bool:
    """Whether the official checker would count anything differently if the report's lines were edited so."""
    official = document.official
    text, starts = official.text, official.line_starts
    pieces, kept = [], 0
    for edit in sorted(edits):
        begin = starts[edit.first - 1] if edit.first <= len(starts) else len(text)
        end = starts[edit.last] if edit.last < len(starts) else len(text)
        pieces += [text[kept:begin], "" if edit.text is None else edit.text + "\n"]
        kept = max(begin, end)
    edited = "".join([*pieces, text[kept:]])
    return _graded_counts(official_view(edited, official.checker)) != _graded_counts(official)


class OffLimits(NamedTuple):
    """A question whose counted words or images are outside its limit."""

    number: int
    line: int  # the question's heading, or where the counted answer starts without one
    span: Span
    counted: int
    low: int
    high: int

    def describe(self, unit: str) -> str:
        """'231 words, limit 0-200 (31 over)'; '0 images, limit exactly 1 (1 under)'."""
        side = f"{self.counted - self.high} over" if self.counted > self.high else f"{self.low - self.counted} under"
        return f"{counted(self.counted, unit)}, limit {limit_text(self.low, self.high)} ({side})"


def graded_answer(document: Document, number: int) -> tuple[Span, Limits] | None:
    """The checker's answer for a question and its row of the table; None when it aborts or has no such row."""
    official = document.official
    if official.error is not None or not 0 < number <= min(len(official.spans), official.checker.expected):
        return None
    return official.spans[number - 1], official.checker.limits[number - 1]


def answers(document: Document) -> list[Answer]:
    """Every answer: one per row of the checker's table, and one per extra answer it finds before it aborts."""
    official = document.official
    found = []
    for index in range(max(official.checker.expected, len(official.spans))):
        number = index + 1
        span = official.spans[index] if index < len(official.spans) else None
        limits = official.checker.limits[index] if index < official.checker.expected else Limits()
        question = document.report.question(number)
        line = question.line if question else official.line_of(span.start) if span else None
        if line is not None:
            line = min(line, document.report.last_line)  # an answer that starts at the file's end: its last line
        found.append(Answer(number, line, question, span, limits))
    return found


def off_limits(document: Document, unit: str) -> Iterator[OffLimits]:
    """The questions the checker warns about for ``unit`` ("words" or "images"), in order; none when it aborts."""
    if document.official.error is not None:
        return
    for answer in answers(document):
        if answer.span is None or answer.line is None:
            continue
        bounds, counted = answer.limits.bounds(unit), answer.span.count(unit)
        if bounds is not None and outside(counted, bounds):
            yield OffLimits(answer.number, answer.line, answer.span, counted, *bounds)


class Marker(NamedTuple):
    """An 'Answer:' the checker splits on, and the answer it starts there."""

    line: int
    own: bool  # a question's own marker: the first 'Answer:' on a question's marker line
    # When no '###' stands between the 'Answer:' before this one and this one, the checker drops that text: the
    # line it starts on, or 0 when it is blank. None: nothing is dropped.
    drops_from: int | None = None
    cut_line: int | None = None  # the '###' that ends the answer it starts; None when none does
    next_line: int | None = None  # the next 'Answer:' the checker splits on; None after the last


def answer_markers(document: Document) -> list[Marker]:
    official = document.official
    own_lines = {q.marker_line for q in document.report.questions if q.marker_line is not None}
    seen: set[int] = set()
    found = []
    chunks = official.counted_chunks
    for index, chunk in enumerate(chunks):
        if chunk.marker is None:
            continue
        line = official.line_of(chunk.marker)
        previous = chunks[index - 1] if index else None
        drops_from = None
        if previous is not None and previous.cut is None and previous.marker is not None:
            dropped = official.text[previous.start : previous.end].strip()
            drops_from = official.line_of(previous.start) if dropped else 0
        cut_line = None if chunk.cut is None else official.line_of(chunk.cut)
        next_line = official.line_of(chunks[index + 1].marker or 0) if index + 1 < len(chunks) else None
        found.append(Marker(line, line in own_lines and line not in seen, drops_from, cut_line, next_line))
        seen.add(line)
    return found


def counted_twice(document: Document) -> int | None:
    """The line of a '###' after the last 'Answer:', which makes the checker count the last answer twice."""
    chunks = document.official.counted_chunks
    if chunks and chunks[-1].cut is not None and chunks[-1].marker is not None:
        return document.official.line_of(chunks[-1].cut)
    return None


def uncut_preamble(document: Document) -> int | None:
    """When the checker counts the text before the first 'Answer:' as an answer (an older checker) and no '###'
    ends it, the line of that first 'Answer:' (the last line when there is none); else None."""
    official = document.official
    chunks = official.counted_chunks
    if not chunks or chunks[0].marker is not None or chunks[0].cut is not None:
        return None
    return official.line_of(chunks[1].marker or 0) if len(chunks) > 1 else document.report.last_line


class AnswerCount(NamedTuple):
    """How many answers the checker finds, how many its table expects, and whether it aborts over them."""

    found: int
    expected: int
    aborts: bool
    markers: bool  # whether the text has an 'Answer:' at all (without one, the checker crashes)
    checker: str  # the checker's name


def answer_count(document: Document) -> AnswerCount:
    official = document.official
    markers = any(chunk.marker is not None for chunk in official.chunks)
    return AnswerCount(
        len(official.spans), official.checker.expected, official.error is not None, markers, official.checker.name
    )


def limits_of(document: Document, number: int) -> Limits | None:
    """The row of the checker's table for a question; None past the table."""
    checker = document.official.checker
    return checker.limits[number - 1] if 0 < number <= checker.expected else None


def cut_line(document: Document, span: Span) -> int | None:
    """The line of the '###' or '##' where the checker ends an answer; None when it runs to the end."""
    return None if span.cut_at is None else document.official.line_of(span.cut_at)


def first_marker_line(document: Document) -> int:
    """The line of the first 'Answer:' the checker splits on; 1 when there is none."""
    return next((marker.line for marker in answer_markers(document)), 1)
