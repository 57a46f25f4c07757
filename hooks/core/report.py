"""A report's questions as a reader sees them: headings, sections and, per ``### Question N``, its prompt, its
``Answer:`` marker and its answer, each with the 1-based source line it starts on (``parse_report``).

What the course's checker makes of the same text is ``hooks.core.official``; ``hooks.checks.document`` pairs the two.
"""

import re
from bisect import bisect_right
from collections.abc import Callable
from typing import NamedTuple

from hooks.core.blocks import Block, read_blocks
from hooks.core.course import ANSWER_MARKER, QUESTION_HEADING, RENAMED_QUESTION_HEADING

_PROSE = ("block_quote", "paragraph")


class SourceLine(NamedTuple):
    number: int
    text: str


def paragraphs(quoted: tuple[SourceLine, ...]) -> tuple[SourceLine, ...]:
    """Quote lines (markers stripped) as paragraphs: first line number, lines joined by spaces.

    Joining makes a rewrapped prompt read the same as the original.
    """
    result: list[SourceLine] = []
    previous = None
    for line in quoted:
        if not line.text.strip():
            previous = None
            continue
        if previous is not None and line.number == previous + 1:
            result[-1] = SourceLine(result[-1].number, f"{result[-1].text} {line.text}")
        else:
            result.append(line)
        previous = line.number
    return tuple(result)


class Question(NamedTuple):
    number: int
    line: int
    end_line: int  # the last line before the next question or section heading
    heading: str
    section: str | None
    prompt: tuple[SourceLine, ...]
    marker_line: int | None
    marker_quoted: bool  # the marker is inside a block quote, as the template has it
    # The last line of the quote that holds the marker: past the marker line, the answer renders inside the quote.
    quote_end: int | None
    answer_line: int | None
    answer_end_line: int | None
    answer: str
    blocks: tuple[Block, ...]
    # The first and last lines of text written between the heading and the marker outside the prompt's quote
    # markers: an answer above its 'Answer:', which the grader does not read as this question's.
    above_marker: tuple[int, int] | None = None

    @property
    def words(self) -> int:
        return len(self.answer.split())

    @property
    def prompt_paragraphs(self) -> tuple[SourceLine, ...]:
        return paragraphs(self.prompt)

    def in_answer(self, line: int) -> bool:
        """Whether ``line`` lies between the answer's first and last lines of text."""
        first, last = self.answer_line, self.answer_end_line
        return first is not None and last is not None and first <= line <= last


class Section(NamedTuple):
    title: str
    line: int


class Report(NamedTuple):
    lines: tuple[str, ...]
    blocks: tuple[Block, ...]
    title: Block | None
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    references: tuple[tuple[str, str], ...]  # link reference definitions: (normalized label, destination)
    # The line of a code fence that is never closed. Markdown makes the rest of the file code; the
    # report is read as if that line were blank, so that its questions are still found.
    unclosed_fence: int | None = None

    @property
    def last_line(self) -> int:
        """The file's last line as an editor numbers it: a final line break starts no line."""
        return max(1, len(self.lines) - (self.lines[-1] == ""))

    def question(self, number: int) -> Question | None:
        return next((question for question in self.questions if question.number == number), None)


# The backslash of an escaped punctuation character (a formatter writes \* for *).
_ESCAPE = re.compile(r"\\(?=[!-/:-@[-`{-~])")


def normalize(line: str) -> str:
    """Prompt text with the formatting that renders the same taken out.

    Quote markers, ``*``/``_`` emphasis, escapes and runs of white space do not
    change what a reader sees, so they do not change a prompt's fingerprint.
    """
    if "\\" in line:
        line = _ESCAPE.sub("", line)
    return " ".join(line.replace("*", "").replace("_", "").replace(">", "").split())


def _strip_quote(line: str) -> str:
    stripped = line.lstrip()
    while stripped.startswith(">"):
        stripped = stripped[1:].lstrip()
    return stripped


# A task list item's marker and box, ticked or not.
# A list item's marker at the start of a line: a bullet, or a number and its dot or parenthesis.
LIST_MARKER = r"^\s*(?:[-*+]|\d{1,9}[.)])"
_CHECKBOX = re.compile(LIST_MARKER + r"\s+\[[ xX]\]\s*")


def preamble(report: Report) -> tuple[str, ...]:
    """The text lines before the first question (title, instructions, checklist); a ticked box reads as an empty one."""
    end = report.questions[0].line - 1 if report.questions else len(report.lines)
    return tuple(_CHECKBOX.sub("", line) for line in report.lines[:end] if line.strip())


def quote_lines(block: Block, lines: tuple[str, ...]) -> tuple[SourceLine, ...]:
    """A block quote's lines with their quote markers stripped."""
    return tuple(SourceLine(n, _strip_quote(lines[n - 1])) for n in range(block.line, block.end_line + 1))


def _marker(block: Block, lines: tuple[str, ...]) -> tuple[int, int] | None:
    for number in range(block.line, block.end_line + 1):
        column = lines[number - 1].find(ANSWER_MARKER)
        if column >= 0:
            return number, column
    return None


def _question(
    number: int,
    heading: Block,
    section: str | None,
    body: list[Block],
    region_end: int,
    lines: tuple[str, ...],
) -> Question:
    # The marker is the first ``Answer:`` in prose; the prompt is the quote before it.
    marker_block, marker = next(
        ((block, found) for block in body if block.kind in _PROSE and (found := _marker(block, lines))),
        (None, None),
    )
    prompt_end = heading.line
    for block in body:
        if block.kind != "block_quote" or (marker and block.line > marker[0]):
            break
        prompt_end = block.end_line
    if marker is not None:
        marker_line, column = marker
        prompt_end = marker_line - 1
        answer_lines = [(marker_line, lines[marker_line - 1][column + len(ANSWER_MARKER) :])]
        after = marker_line + 1
    else:
        marker_line = None
        answer_lines = []
        after = prompt_end + 1
    prompt = tuple(
        SourceLine(n, _strip_quote(lines[n - 1]))
        for n in range(heading.line + 1, prompt_end + 1)
        if lines[n - 1].lstrip().startswith(">")
    )
    answer_lines += [(n, lines[n - 1]) for n in range(after, region_end + 1)]
    filled = [n for n, text in answer_lines if text.strip()]
    html = {n for block in body if block.kind == "block_html" for n in range(block.line, block.end_line + 1)}
    above = [
        n
        for n in range(heading.line + 1, marker_line or heading.line)
        if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith(">") and n not in html
    ]
    return Question(
        number=number,
        line=heading.line,
        end_line=region_end,
        heading=heading.text,
        section=section,
        prompt=prompt,
        marker_line=marker_line,
        marker_quoted=marker_block is not None and marker_block.kind == "block_quote",
        quote_end=marker_block.end_line if marker_block is not None and marker_block.kind == "block_quote" else None,
        answer_line=filled[0] if filled else None,
        answer_end_line=filled[-1] if filled else None,
        answer="\n".join(text for _, text in answer_lines).strip(),
        blocks=tuple(block for block in body if block.end_line >= after),
        above_marker=(above[0], above[-1]) if above else None,
    )


def answer_holding(report: Report) -> Callable[[int], Question | None]:
    """The question whose answer holds a line (between its first and last lines of text), if one does; found by
    bisection, so that a line is placed in its question once, however many questions there are."""
    questions = report.questions
    starts = [question.line for question in questions]

    def holding(line: int) -> Question | None:
        index = bisect_right(starts, line) - 1
        return questions[index] if index >= 0 and questions[index].in_answer(line) else None

    return holding


def has_answer_marker(report: Report) -> bool:
    """Whether a prompt's ``> Answer:`` is anywhere in the report, outside code."""
    return any(block.kind == "block_quote" and _marker(block, report.lines) is not None for block in report.blocks)


def _question_number(block: Block) -> int | None:
    if block.kind != "heading" or block.setext:
        return None
    match = QUESTION_HEADING.match(block.text) if block.level == 3 else None
    match = match or RENAMED_QUESTION_HEADING.fullmatch(block.text)
    return int(match.group(1)) if match else None


def _is_heading(block: Block) -> bool:
    return block.kind == "heading" and block.level <= 2 and not block.setext


def _is_canonical(block: Block) -> bool:
    """A question heading as the template writes it, '### Question N': the official checker cuts at it."""
    return block.level == 3 and QUESTION_HEADING.match(block.text) is not None


def _question_headings(blocks: list[Block], lines: tuple[str, ...]) -> dict[int, int]:
    """The line of each question heading, with its number.

    A renamed heading ('# Question 14', '#### Q3') after a question's 'Answer:' that does not name a later
    question is the answer's own text: a group that opens its answer with the question's title, not a question.
    """
    found: dict[int, int] = {}
    current, since = 0, []  # the prose since the current question's heading: looked into only for a renamed one
    for block in blocks:
        number = _question_number(block)
        if number is not None and (
            _is_canonical(block) or number > current or not any(_marker(prose, lines) for prose in since)
        ):
            found[block.line] = number
            current, since = number, []
        elif block.kind in _PROSE:
            since.append(block)
    return found


def _sections(blocks: list[Block], questions: dict[int, int]) -> set[int]:
    """The lines of the '##' headings that are the template's sections: before the first question, after the last,
    and between questions those followed by a quote (a section's introduction, a prompt) or a question heading.
    A '##' heading with text of its own below it, in an answer, is the answer's: a pasted README's, say."""
    first, last = min(questions, default=0), max(questions, default=0)
    sections = set()
    for block, following in zip(blocks, [*blocks[1:], None], strict=True):
        if not (_is_heading(block) and block.level == 2) or block.line in questions:
            continue
        introduces = following is None or following.line in questions or following.kind == "block_quote"
        if block.line < first or block.line > last or introduces:
            sections.add(block.line)
    return sections


def parse_report(text: str) -> Report:
    """Parse decoded report text (LF line endings) into its markdown structure."""
    text = text[1:] if text.startswith("\ufeff") else text
    lines = tuple(text.split("\n"))
    blocks, references, unclosed_fence = read_blocks(text, lines)
    numbers = _question_headings(blocks, lines)
    title = next((b for b in blocks if _is_heading(b) and b.level == 1 and _question_number(b) is None), None)
    section_lines = _sections(blocks, numbers)
    sections = tuple(Section(b.text, b.line) for b in blocks if b.line in section_lines and _is_heading(b))

    questions = []
    section: str | None = None
    current: tuple[int, Block, str | None] | None = None
    body: list[Block] = []
    last_question = max(numbers, default=0)
    for block in [*blocks, None]:
        number = numbers.get(block.line) if block and block.kind == "heading" else None
        # A setext underline is often a leftover ``---`` under an answer, so only ATX headings close a question:
        # a section's (level 2), and after the last question a title's (level 1). Between questions a '#' line is
        # the answer's, pasted code that renders as a heading; the template has no such heading there.
        is_section = block is not None and block.line in section_lines and _is_heading(block)
        is_title = block is not None and _is_heading(block) and block.level == 1 and _question_number(block) is None
        ends_region = block is None or number is not None or is_section or (is_title and block.line > last_question)
        if ends_region and current is not None:
            region_end = (block.line - 1) if block else len(lines)
            questions.append(_question(*current, body, region_end, lines))
            current = None
        if block is None:
            break
        if is_section:
            section = block.text
        if number is not None:
            current, body = (number, block, section), []
        elif current is not None:
            body.append(block)
    return Report(lines, tuple(blocks), title, sections, tuple(questions), tuple(references.items()), unclosed_fence)
