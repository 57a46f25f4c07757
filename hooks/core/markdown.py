"""What a report's markdown means, as a reader sees it; the only module that reads markdown.

``parse_report`` gives headings, sections and, per ``### Question N``, its
prompt, its ``Answer:`` marker and its answer, each with the 1-based source line
it starts on. The blocks are mistune's own: its block parser reads the whole
report, and a small subclass stamps every token with the offset it starts at.
``find_images`` gives every image the report links, and whether it renders.

What the course's checker makes of the same text is ``hooks.core.official``; ``hooks.checks.document`` pairs the two.
"""

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, NamedTuple
from urllib.parse import unquote

from mistune import Markdown
from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.helpers import parse_link
from mistune.plugins.table import table
from mistune.util import unescape, unikey

from hooks.core.course import ANSWER_MARKER, QUESTION_HEADING, RENAMED_QUESTION_HEADING
from hooks.core.text import line_starts

_PROSE = ("block_quote", "paragraph")


class _LocatingState(BlockState):
    """A block state that stamps every new token with the offset it starts at."""

    block_start: int | None = None

    def append_token(self, token: dict[str, Any]) -> None:
        token.setdefault("_start", self.cursor if self.block_start is None else self.block_start)
        super().append_token(token)

    def prepend_token(self, token: dict[str, Any]) -> None:
        token.setdefault("_start", self.cursor if self.block_start is None else self.block_start)
        super().prepend_token(token)

    def add_paragraph(self, text: str) -> None:
        last = self.last_token()
        super().add_paragraph(text)
        if self.last_token() is not last:
            self.tokens[-1]["_start"] = self.cursor


# The rules that end a block quote's lazy continuation lines in mistune.
_LAZY_QUOTE_BREAKS = ["blank_line", "thematic_break", "fenced_code", "list", "block_html"]


class _LocatingParser(BlockParser):
    """mistune's block parser; a rule's tokens start where the rule matched.

    Some rules (HTML blocks, block quotes) move the cursor before they append
    their token, so the match start is the reliable position.
    """

    def compile_sc(self, rules: list[str] | None = None) -> re.Pattern[str]:
        # mistune lets a lazy line swallow an ATX heading ("> Answer:", "text",
        # "### Question 2" becomes one quote, and Question 2 is lost); in
        # CommonMark the heading ends the quote.
        if rules is not None and rules == _LAZY_QUOTE_BREAKS:
            rules = [*rules, "atx_heading"]
        return super().compile_sc(rules)

    # The rules that move the cursor before they add their token, or insert it elsewhere (a list). Every other rule
    # adds its token at the cursor, where it matched, and is left to mistune alone (this is its hottest call), unless
    # one of these three reads it on the way (a blank line or a heading that ends a quote).
    def parse_method(self, m: re.Match[str], state: BlockState) -> int | None:
        if state.block_start is None:  # type: ignore[attr-defined]
            return self._methods[m.lastgroup](m, state)  # type: ignore[index]
        return self._located(super().parse_method, m, state)

    def parse_block_quote(self, m: re.Match[str], state: BlockState) -> int:
        return self._located(super().parse_block_quote, m, state)

    def parse_raw_html(self, m: re.Match[str], state: BlockState) -> int | None:
        return self._located(super().parse_raw_html, m, state)

    def parse_list(self, m: re.Match[str], state: BlockState) -> int:
        return self._located(super().parse_list, m, state)

    @staticmethod
    def _located(parse: Callable[[re.Match[str], BlockState], Any], m: re.Match[str], state: BlockState) -> Any:
        outer = getattr(state, "block_start", None)
        state.block_start = m.start()  # type: ignore[attr-defined]
        before = len(state.tokens)
        try:
            return parse(m, state)
        finally:
            state.block_start = outer  # type: ignore[attr-defined]
            # The list rule inserts its token without append_token.
            for token in state.tokens[max(before - 1, 0) :]:
                token.setdefault("_start", m.start())


@cache
def _parser() -> BlockParser:
    """The block parser, made once: GitHub's tables are blocks (mistune's table plugin), and a quote's inside is
    prompt text, read line by line, so only where the quote ends matters."""
    return Markdown(renderer=None, block=_LocatingParser(block_quote_rules=["blank_line"]), plugins=[table]).block


def _mistune_tokens(text: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """mistune's tokens for ``text``, top-level ones with their start offset as ``_start``; and the link references."""
    state = _LocatingState()
    state.process(text)
    _parser().parse(state)
    return state.tokens, {key: value["url"] for key, value in state.env["ref_links"].items()}


class Block(NamedTuple):
    """A top-level markdown block: ``kind`` is mistune's token type."""

    kind: str
    line: int
    end_line: int
    level: int = 0
    text: str = ""
    setext: bool = False
    # The headings inside a list's items (``- ### Results``), each at its source line.
    nested_headings: "tuple[Block, ...]" = ()
    fenced: bool = False  # a code block between fences, not one indented four spaces


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


def _nested_headings(tokens: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for token in tokens:
        if token["type"] == "heading":
            yield token
        yield from _nested_headings(token.get("children", []))


def _list_headings(token: dict[str, Any], line: int, source: tuple[str, ...]) -> tuple[Block, ...]:
    """The headings inside a list's items, found by their text in the list's source lines."""
    found = []
    cursor = 0
    for heading in _nested_headings(token.get("children", [])):
        text = heading.get("text", "").strip().split("\n")[0]
        for index in range(cursor, len(source)):
            if (text and text in source[index]) or (not text and "#" in source[index]):
                level, setext = heading["attrs"]["level"], heading.get("style") == "setext"
                found.append(Block("heading", line + index, line + index, level, text, setext))
                cursor = index + 1
                break
    return tuple(found)


def _unclosed_fence(tokens: list[dict[str, Any]], starts: list[int], lines: tuple[str, ...]) -> int | None:
    """The line of the last top-level code fence when nothing closes it."""
    last = next((token for token in reversed(tokens) if token["type"] != "blank_line"), None)
    if last is None or last["type"] != "block_code" or last.get("style") != "fenced":
        return None
    line = bisect_right(starts, last["_start"])
    marker = last["marker"]
    rest = [text.strip() for text in lines[line:] if text.strip()]
    if rest and len(rest[-1]) >= len(marker) and set(rest[-1]) == {marker[0]}:
        return None
    return line


# How many fences left open, one inside the other, the report is read again without (each read is mistune's parse).
_REREADS = 4


def _blocks(text: str, lines: tuple[str, ...]) -> tuple[list[Block], dict[str, str], int | None]:
    """The top-level blocks, each with the lines it spans (trailing blank lines left out); the link
    references; the line of a fence that is never closed."""
    tokens, references = _mistune_tokens(text)
    starts = line_starts(text)
    # The fence GitHub leaves open is said (HDG017); the questions after it are read as if it were blank. That may
    # leave open a fence that was code inside it (a '~~~' after a '```'): it is blanked in turn, a few times at most.
    unclosed = _unclosed_fence(tokens, starts, lines)
    fence = unclosed
    for _ in range(_REREADS):
        if fence is None:
            break
        start, end = starts[fence - 1], starts[fence - 1] + len(lines[fence - 1])
        text = text[:start] + " " * (end - start) + text[end:]
        tokens, references = _mistune_tokens(text)
        fence = _unclosed_fence(tokens, starts, lines)
    # A quote that a list ends is put before the list's blank line, after the list: in source order again.
    tokens.sort(key=lambda token: token["_start"])
    blocks = []
    for index, token in enumerate(tokens):
        kind = token["type"]
        if kind == "blank_line":
            continue
        start = token["_start"]
        line = bisect_right(starts, start)
        following = tokens[index + 1]["_start"] if index + 1 < len(tokens) else len(text)
        end_line = bisect_right(starts, max(start, following - 1))
        while end_line > line and not lines[end_line - 1].strip():
            end_line -= 1
        if kind == "heading":
            level, setext = token["attrs"]["level"], token.get("style") == "setext"
            blocks.append(Block(kind, line, end_line, level, token["text"].strip(), setext))
        elif kind == "list":
            blocks.append(
                Block(kind, line, end_line, nested_headings=_list_headings(token, line, lines[line - 1 : end_line]))
            )
        else:
            blocks.append(Block(kind, line, end_line, fenced=token.get("style") == "fenced"))
    return blocks, references, unclosed


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
_CHECKBOX = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+\[[ xX]\]\s*")


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
    blocks, references, unclosed_fence = _blocks(text, lines)
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


# --- images, as a reader sees them --------------------------------------------------


class Image(NamedTuple):
    """An image a report links: ``![alt](dest)``, ``![alt][label]`` or ``<img src>``."""

    line: int
    column: int
    kind: str  # "inline", "reference" or "html"
    url: str  # the destination, unescaped and percent-decoded
    hidden_in: str  # "" when it renders, else "a code block", "inline code" or "an HTML comment"


_BACKTICKS = re.compile(r"`+")
# The bracket tokens mistune's link parser reads: a '[' or ']' behind an even number of backslashes.
_BRACKET = re.compile(r"(?<!\\)(?:\\\\)*[\[\]]")
_IMAGE_TAG = re.compile(r"<img\b", re.IGNORECASE)
_TAG_SOURCE = re.compile(r"""[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)

# Every scan below is linear in the line: each finds its delimiters once, left to right, and
# never rescans the rest of the line from each opener, which hostile lines (50,000 '![') would make quadratic.


def _code_spans(line: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each inline code span: a backtick run closed by the next run of the same length."""
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(line)]
    following: dict[int, int] = {}  # run index -> index of the next run of the same length
    last_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        if length in last_of_length:
            following[index] = last_of_length[length]
        last_of_length[length] = index
    index = 0
    while index < len(runs):
        closing = following.get(index)
        if closing is None:
            index += 1
            continue
        yield runs[index][0], runs[closing][1]
        index = closing + 1


def _outside_comments(text: str) -> Iterator[str]:
    """The stretches of a text outside its HTML comments."""
    visible_from = 0
    for start, end in _comments(text):
        yield text[visible_from:start]
        visible_from = end
    yield text[visible_from:]


def _comments(line: str) -> Iterator[tuple[int, int]]:
    start = line.find("<!--")
    while start >= 0:
        end = line.find("-->", start + 4)
        if end < 0:
            return
        yield start, end + 3
        start = line.find("<!--", end + 3)


def _closing_brackets(line: str) -> dict[int, int]:
    """For each '[' that is closed, the offset just after its ']', as mistune's ``parse_link_text`` pairs them."""
    closing, open_brackets = {}, []
    for match in _BRACKET.finditer(line):
        bracket = match.end() - 1
        if line[bracket] == "[":
            open_brackets.append(bracket)
        elif open_brackets:
            closing[open_brackets.pop()] = bracket + 1
    return closing


def _destination(line: str, start: int) -> dict[str, Any] | None:
    """The ``(url "title")`` of a link that starts at ``start``, read by mistune's ``parse_link``.

    mistune reads no further than the next ``![`` or ``](`` (where another link starts): each
    read covers its own stretch of the line, so a line of 50,000 ``![a](`` or 40,000 ``[a](b)``
    is read once, not each time to its end (mistune 3.3 has no limit of its own there).
    """
    end = line.find("](", start)
    end = len(line) if end < 0 else end
    image = line.find("![", start, end)  # searched only as far as the next link: each search is its own stretch
    attrs, _ = parse_link(line[start : end if image < 0 else image], 0)
    return attrs


# Why an image that the grader's pattern matches shows on GitHub as the text it is written with.
PATH_WITH_SPACE = "a path with a space"


def _markdown_images(line: str, references: dict[str, str]) -> list[tuple[int, str, str, str]]:
    """(column, kind, url, why it does not render or "") of each markdown image on a line, parsed as mistune parses
    links. An inline image whose path holds a space is no image in CommonMark: GitHub shows its text."""
    found = []
    closing = _closing_brackets(line) if "![" in line else {}
    position = line.find("![")
    while position >= 0:
        escaped = position > 0 and line[position - 1] == "\\"
        after = closing.get(position + 1)
        if not escaped and after is not None:
            alt = line[position + 2 : after - 1]
            if line.startswith("(", after):
                attrs = _destination(line, after + 1)
                close = line.find(")", after + 1)
                if attrs is not None:
                    found.append((position, "inline", unquote(attrs["url"]), ""))
                elif close > 0 and not line.startswith("(<", after) and " " in line[after + 1 : close].strip():
                    found.append((position, "inline", line[after + 1 : close].strip(), PATH_WITH_SPACE))
            else:
                label = alt
                label_end = closing.get(after) if line.startswith("[", after) else None
                if label_end is not None:
                    label = line[after + 1 : label_end - 1] or alt
                url = references.get(unikey(label))
                if url is not None:
                    found.append((position, "reference", unquote(url), ""))
        position = line.find("![", position + 2)
    return found


_IMAGE_FILE = re.compile(r"(?i)\.(?:png|jpe?g|gif|svg|webp)(?:[?#].*)?$")
_IMAGE_EXTENSION = re.compile(r"(?i)\.(?:png|jpe?g|gif|svg|webp)")


def linked_image_files(report: Report) -> tuple[tuple[int, str], ...]:
    """(line, url) of each plain link to an image file, ``[x](figures/x.png)``: a link, not an image."""
    found = []
    for number, line in enumerate(report.lines, 1):
        if "](" not in line:
            continue
        closing = _closing_brackets(line)
        for start, after in closing.items():
            if (start > 0 and line[start - 1] in "!\\") or not line.startswith("(", after):
                continue
            # Only a link that names an image file is read: the text up to the next link has its extension.
            following = line.find("](", after)
            if not _IMAGE_EXTENSION.search(line, after, len(line) if following < 0 else following):
                continue
            attrs = _destination(line, after + 1)
            if attrs is not None and _IMAGE_FILE.search(attrs["url"]):
                found.append((number, unquote(attrs["url"])))
    return tuple(found)


def _html_images(line: str) -> Iterator[tuple[int, str]]:
    """(column, src) of each ``<img>`` tag; a tag's attributes are read no further than the next ``<img``."""
    starts = [match.start() for match in _IMAGE_TAG.finditer(line)]
    for start, end in zip(starts, [*starts[1:], len(line)], strict=False):
        match = _TAG_SOURCE.match(line, start + 4, end)
        if match:
            yield start, unquote(unescape(next(group for group in match.groups() if group is not None)))


def _line_kinds(report: Report) -> dict[int, str]:
    """Lines whose images do not render, with the reason; HTML lines are marked "html"."""
    kinds = {}
    for block in report.blocks:
        if block.kind == "block_code":
            kind = "a code block"
        elif block.kind == "block_html":
            kind = "an HTML comment" if report.lines[block.line - 1].lstrip().startswith("<!--") else "html"
        else:
            continue
        kinds.update(dict.fromkeys(range(block.line, block.end_line + 1), kind))
    return kinds


def find_images(report: Report) -> tuple[Image, ...]:
    """Every image the report links, rendered or not, at its line."""
    kinds = _line_kinds(report)
    references = dict(report.references)
    images = []
    read: dict[str, list[tuple[int, str, str, str]]] = {}  # a line's images, read once however often it repeats
    for number, line in enumerate(report.lines, 1):
        if "![" not in line and ("<" not in line or "<img" not in line.lower()):
            continue
        kind = kinds.get(number, "")
        hidden = [(start, end, "inline code") for start, end in _code_spans(line)] if "`" in line else []
        hidden += [(start, end, "an HTML comment") for start, end in _comments(line)]
        if line not in read:
            read[line] = _markdown_images(line, references) + [(c, "html", url, "") for c, url in _html_images(line)]
        found = [image for image in read[line] if kind != "html" or image[1] == "html"]
        for column, image_kind, url, unrendered in sorted(found):
            where = kind if kind != "html" else ""
            where = where or next((why for start, end, why in hidden if start <= column < end), unrendered)
            images.append(Image(number, column, image_kind, url, where))
    return tuple(images)


# --- what GitHub shows of the raw HTML and emphasis a report holds --------------------

# CommonMark's raw HTML: an open tag (a name, attributes, maybe '/') or a closing tag.
_ATTRIBUTE = r"""\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
_RAW_TAG = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:{_ATTRIBUTE})*)\s*/?>")
# '__word__' that CommonMark reads as strong emphasis: the underscores stand outside a word on both sides.
# '__init__' that CommonMark reads as strong emphasis: a name, no white space in it, underscores outside a word on both
# sides. Bounded, so that a line of many openers is read once.
_UNDERSCORE_STRONG = re.compile(r"(?<![\w\\])__(?![\s_])(\S{0,200}?[^\s_\\])__(?!\w)")
# How far back a URL's '://' may stand before the '__' (a link that contains '__init__' is no emphasis).
_URL_REACH = 200


class Tag(NamedTuple):
    """An HTML tag a line holds outside code and comments."""

    line: int
    column: int
    text: str  # as written
    name: str  # lowercase
    closing: bool


class Comment(NamedTuple):
    """An HTML comment outside code."""

    line: int
    end_line: int
    text: str  # between '<!--' and '-->'


def _text_lines(report: Report, needle: str) -> Iterator[tuple[int, str, list[tuple[int, int]]]]:
    """(number, line, spans of code and comments) of each line that holds ``needle`` outside a code block and an
    HTML comment block."""
    kinds = _line_kinds(report)
    for number, line in enumerate(report.lines, 1):
        if needle in line and kinds.get(number) not in ("a code block", "an HTML comment"):
            hidden = "`" in line or "<!--" in line
            yield number, line, _merged([*_code_spans(line), *_comments(line)]) if hidden else []


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of a line, sorted and merged where they overlap, so that a column is looked up in them by bisection."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _outside(column: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a column is outside sorted, disjoint spans."""
    index = bisect_right(spans, (column, float("inf"))) - 1
    return index < 0 or not spans[index][0] <= column < spans[index][1]


def html_tags(report: Report) -> tuple[Tag, ...]:
    """Every HTML tag outside code and comments, in order."""
    return tuple(
        Tag(number, match.start(), match.group(0), match.group(2).lower(), bool(match.group(1)))
        for number, line, hidden in _text_lines(report, "<")
        for match in _RAW_TAG.finditer(line)
        if _outside(match.start(), hidden)
    )


def html_comments(report: Report) -> tuple[Comment, ...]:
    """Every HTML comment outside code: a block of its own, or within a line."""
    kinds = _line_kinds(report)
    found = []
    for block in report.blocks:
        if block.kind == "block_html" and kinds.get(block.line) == "an HTML comment":
            text = "\n".join(report.lines[block.line - 1 : block.end_line]).strip()
            found.append(Comment(block.line, block.end_line, text.removeprefix("<!--").removesuffix("-->")))
    for number, line, _ in _text_lines(report, "<!--"):
        code = list(_code_spans(line))  # sorted and disjoint
        found += [Comment(number, number, line[start + 4 : end - 3]) for start, end in _comments(line)
                  if _outside(start, code)]  # fmt: skip
    return tuple(sorted(found))


def underscore_strong(report: Report) -> tuple[tuple[int, str], ...]:
    """(line, text) of the first '__word__' outside code on each line that GitHub shows as bold 'word', underscores
    gone: one is enough to say so, and a line of thousands stays one."""
    found = []
    for number, line, hidden in _text_lines(report, "__"):
        for match in _UNDERSCORE_STRONG.finditer(line):
            if _outside(match.start(), hidden) and "://" not in _word_before(line, match.start()):
                found.append((number, match.group(0)))
                break
    return tuple(found)


def _word_before(line: str, column: int) -> str:
    """The text from the last space before ``column`` to it, as far back as _URL_REACH."""
    start = max(0, column - _URL_REACH)
    return line[line.rfind(" ", start, column) + 1 or start : column]


def invisible_words(text: str) -> int:
    """How many of a text's words (as ``str.split`` counts them) GitHub does not show: whole HTML tags, such as
    '<br>', and what comments hold."""
    # As _comments does on a line: each '<!--' looks for its '-->' once, so 50,000 unclosed ones stay linear.
    visible = " ".join(_outside_comments(text))
    hidden_tags = sum(1 for word in visible.split() if _RAW_TAG.fullmatch(word) and not word.lower().startswith("<img"))
    return len(text.split()) - len(visible.split()) + hidden_tags
