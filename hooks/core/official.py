"""What the course's ``report.py check`` does with a report's text: the grader alone.

Per course run, one ``report.py`` grades every report (the course's grading
script downloads the newest one). Each is a ``Checker``: how it reads the file,
the number of answers it expects, its constraint table and what it prints for a
broken limit. ``official_view`` reproduces its extraction step by step:

1. read the file as text (universal newlines); the 2023-2024 script then drops
   its first 43 characters;
2. split the whole text on ``Answer:`` and throw the text before the first
   marker away (2023-2024: the first kept span instead);
3. keep a piece only if it contains ``###``; cut it at the first ``###``, then at
   the first ``##``, wherever they stand, code blocks included;
4. append the last piece again, uncut;
5. count words with ``str.split()`` and images with its pattern (``official_images``);
6. abort when the number of answers is not the number expected.

It knows no markdown: ``hooks.checks.document`` pairs its answers with the report's questions.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from hooks.core.course import ANSWER_MARKER, LOGGED_WARNING
from hooks.core.text import line_starts


def official_images(line: str) -> Iterator[int]:
    r"""Where report.py's image pattern, ``\!\[.*?\]\(.*?\)`` in every revision, matches on one line.

    Found as the pattern finds them, without its backtracking, which is quadratic on a line of
    many ``![``: a match starts at an ``![`` exactly when a ``](`` follows it and a ``)`` follows
    that, and ends at that ``)``. When one ``![`` has no such tail, no later one has.
    """
    start = line.find("![")
    while start >= 0:
        bracket = line.find("](", start + 2)
        close = line.find(")", bracket + 2) if bracket >= 0 else -1
        if close < 0:
            return
        yield start
        start = line.find("![", close + 1)


def decode(data: bytes) -> str:
    """Bytes to text as report.py's ``open()`` reads them: UTF-8, universal newlines.

    A UTF-8 byte order mark stays, as it does for report.py. Raises UnicodeDecodeError.
    """
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


UNITS = ("words", "images")  # what the checker counts in an answer, each against its own limit


class Limits(NamedTuple):
    """One row of a checker's constraint table; None where it sets no such limit."""

    min_words: int | None = None
    max_words: int | None = None
    min_images: int | None = None
    max_images: int | None = None

    def bounds(self, unit: str) -> tuple[int, int] | None:
        """(low, high) for ``unit`` ("words" or "images"); None when the row sets no such limit."""
        low, high = (self.min_words, self.max_words) if unit == "words" else (self.min_images, self.max_images)
        return None if low is None or high is None else (low, high)


class Checker(NamedTuple):
    """One ``report.py check``: how it extracts answers, and what it requires of them."""

    name: str  # the course run whose reports it grades, or the file it was read from
    limits: tuple[Limits, ...]  # the n-th answer is checked against the n-th row
    skip_chars: int = 0  # the 2023-2024 script drops this many leading characters (its "header")
    drop_first_span: bool = False  # 2023-2024 drops the first kept span; later scripts the first chunk
    # What it prints for each limit an answer breaks: loguru's WARNING level (2025 on), or the 2023-2024
    # script's TeacherWarning category; the staff count these lines.
    warning_name: str = LOGGED_WARNING

    @property
    def expected(self) -> int:
        return len(self.limits)


class Span(NamedTuple):
    """One answer as the checker extracts it; offsets into the decoded text."""

    marker: int | None  # offset of the ``Answer:`` it follows
    start: int
    end: int
    text: str
    cut_by: str | None  # "###" or "##" when cut there, None when it runs to the end
    cut_at: int | None  # offset of that cut
    repeated_last: bool = False

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def images(self) -> int:
        return sum(1 for line in self.text.split("\n") for _ in official_images(line))

    def count(self, unit: str) -> int:
        return self.words if unit == "words" else self.images


class Chunk(NamedTuple):
    """A piece of text between two ``Answer:`` markers, as the checker splits it."""

    marker: int | None
    start: int
    end: int
    cut: int | None  # offset of the first ``###``, None if there is none


class OfficialView(NamedTuple):
    checker: Checker
    text: str
    chunks: tuple[Chunk, ...]
    spans: tuple[Span, ...]
    error: str | None
    line_starts: tuple[int, ...]
    # The span that follows the first 'Answer:' on a line, by that line.
    span_by_marker_line: tuple[tuple[int, Span], ...]

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def span_after_marker(self, line: int) -> Span | None:
        """The span that follows the first 'Answer:' on a line, if one does."""
        index = bisect_left(self.span_by_marker_line, (line,))
        if index < len(self.span_by_marker_line) and self.span_by_marker_line[index][0] == line:
            return self.span_by_marker_line[index][1]
        return None

    @property
    def counted_chunks(self) -> tuple[Chunk, ...]:
        """The chunks the checker builds answers from (the text before the first marker is not one)."""
        return self.chunks if self.checker.drop_first_span else self.chunks[1:]

    def failures(self, index: int) -> int:
        """How many WARNING lines the checker logs for its ``index``-th answer: one per limit it is outside."""
        limits, span = self.checker.limits[index], self.spans[index]
        return sum(outside(span.count(unit), limits.bounds(unit)) for unit in UNITS)

    @property
    def warning_lines(self) -> int:
        """The WARNING lines the checker logs; 0 when it aborts, as it then checks nothing."""
        return 0 if self.error is not None else sum(map(self.failures, range(len(self.spans))))


def outside(count: int, bounds: tuple[int, int] | None) -> bool:
    """Whether a count breaks its limit: the checker logs one WARNING line for it."""
    return bounds is not None and not bounds[0] <= count <= bounds[1]


def _span(text: str, chunk: Chunk, repeated_last: bool = False) -> Span:
    end, cut_by = chunk.end, None
    if chunk.cut is not None and not repeated_last:
        end, cut_by = chunk.cut, "###"
        double = text.find("##", chunk.start, end)
        if double >= 0:
            end, cut_by = double, "##"
    piece = text[chunk.start : end]
    stripped = piece.strip("\n")
    start = chunk.start + (len(piece) - len(piece.lstrip("\n")))
    return Span(chunk.marker, start, start + len(stripped), stripped, cut_by, end if cut_by else None, repeated_last)


def official_view(text: str, checker: Checker) -> OfficialView:
    """Reproduce ``report.py check``'s extraction on decoded text (see ``decode``)."""
    chunks = []
    begin, marker = checker.skip_chars, None
    while True:
        found = text.find(ANSWER_MARKER, begin)
        end = len(text) if found < 0 else found
        cut = text.find("###", begin, end)
        chunks.append(Chunk(marker, begin, end, None if cut < 0 else cut))
        if found < 0:
            break
        marker, begin = found, found + len(ANSWER_MARKER)

    error = None
    candidates = chunks if checker.drop_first_span else chunks[1:]
    spans = [_span(text, chunk) for chunk in candidates if chunk.cut is not None]
    if candidates:
        spans.append(_span(text, candidates[-1], repeated_last=True))
    else:
        error = "crashes with IndexError: there is no 'Answer:' in the file"
    if checker.drop_first_span:
        spans = spans[1:]
    if error is None and len(spans) != checker.expected:
        error = f"Number of answers are different from the expected {checker.expected}"
    starts = tuple(line_starts(text))
    by_line: dict[int, Span] = {}
    for span in spans:
        if span.marker is not None and not span.repeated_last:
            by_line.setdefault(bisect_right(starts, span.marker), span)
    return OfficialView(checker, text, tuple(chunks), tuple(spans), error, starts, tuple(by_line.items()))


def counted_images(lines: tuple[str, ...]) -> frozenset[tuple[int, int]]:
    """(line, column) of every image the checker's pattern counts; the pattern never crosses a line."""
    return frozenset(
        (number, column) for number, line in enumerate(lines, 1) if "![" in line for column in official_images(line)
    )


def limit_text(low: int, high: int) -> str:
    """'0-200', or 'exactly 1' for a one-value limit."""
    return f"exactly {low}" if low == high else f"{low}-{high}"
