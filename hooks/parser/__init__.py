"""The only package that reads markdown.

Two views of one report:

* ``parse_report`` gives what the markdown means: headings, sections and, per
  ``### Question N``, its prompt, its ``Answer:`` marker and its answer, each with
  the 1-based source line it starts on. Its blocks are mistune's: ``blocks.scan``
  finds the top-level ones as mistune's block parser does (and a test holds it
  to that), and mistune itself reads a list's inside and every link.
* ``official_view`` gives what the course's ``report.py check`` will see: it splits
  the raw text on ``Answer:`` and cuts at ``###`` then ``##`` wherever they stand,
  code blocks included.

Checks compare the two; none of them splits raw text itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import accumulate
from operator import add
from typing import Any

from hooks.records import Record

try:
    # hashlib would load OpenSSL, which costs more start-up time than all our checks.
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b

from urllib.parse import unquote

from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.helpers import parse_link, parse_link_text
from mistune.util import unescape, unikey

from hooks.parser.blocks import scan

ANSWER_MARKER = "Answer:"
_PROSE = ("block_quote", "paragraph")
_QUESTION_HEADING = re.compile(r"Question\s+(\d+)\b")
# The official checker counts images with this pattern (report.py, all years).
OFFICIAL_IMAGE = re.compile(r"\!\[.*?\]\(.*?\)")


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

    It parses what ``blocks.scan`` leaves alone, the inside of a list, and is the
    reference that scan is tested against. Some rules (HTML blocks, block quotes)
    move the cursor before they append their token, so the match start is the
    reliable position.
    """

    def compile_sc(self, rules: list[str] | None = None) -> re.Pattern[str]:
        # mistune lets a lazy line swallow an ATX heading ("> Answer:", "text",
        # "### Question 2" becomes one quote); in CommonMark the heading ends it.
        if rules == _LAZY_QUOTE_BREAKS:
            rules = [*rules, "atx_heading"]
        return super().compile_sc(rules)

    def parse_method(self, m: re.Match[str], state: BlockState) -> int | None:
        outer = getattr(state, "block_start", None)
        state.block_start = m.start()  # type: ignore[attr-defined]
        before = len(state.tokens)
        try:
            return super().parse_method(m, state)
        finally:
            state.block_start = outer  # type: ignore[attr-defined]
            # The list rule inserts its token without append_token.
            for token in state.tokens[max(before - 1, 0) :]:
                token.setdefault("_start", m.start())


def mistune_tokens(text: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """mistune's own tokens for ``text``, each with its start offset as ``_start``; and the link references."""
    state = _LocatingState()
    state.process(text)
    _LocatingParser().parse(state)
    return state.tokens, {key: value["url"] for key, value in state.env["ref_links"].items()}


class Block(Record):
    """A top-level markdown block: ``kind`` is mistune's token type."""

    def __init__(
        self, kind: str, line: int, end_line: int, level: int = 0, text: str = "", setext: bool = False
    ) -> None:
        self.kind = kind
        self.line = line
        self.end_line = end_line
        self.level = level
        self.text = text
        self.setext = setext


class SourceLine(Record):
    def __init__(self, number: int, text: str) -> None:
        self.number = number
        self.text = text


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


class Question(Record):
    def __init__(
        self,
        number: int,
        line: int,
        end_line: int,
        heading: str,
        section: str | None,
        prompt: tuple[SourceLine, ...],
        marker_line: int | None,
        marker_quoted: bool,
        answer_line: int | None,
        answer_end_line: int | None,
        answer: str,
        blocks: tuple[Block, ...],
    ) -> None:
        self.number = number
        self.line = line
        self.end_line = end_line  # the last line before the next question or section heading
        self.heading = heading
        self.section = section
        self.prompt = prompt
        self.marker_line = marker_line
        self.marker_quoted = marker_quoted  # the marker is inside a block quote, as the template has it
        self.answer_line = answer_line
        self.answer_end_line = answer_end_line
        self.answer = answer
        self.blocks = blocks

    @property
    def words(self) -> int:
        return len(self.answer.split())

    @property
    def prompt_paragraphs(self) -> tuple[SourceLine, ...]:
        return paragraphs(self.prompt)


class Section(Record):
    def __init__(self, title: str, line: int) -> None:
        self.title = title
        self.line = line


class Report(Record):
    def __init__(
        self,
        lines: tuple[str, ...],
        blocks: tuple[Block, ...],
        title: Block | None,
        sections: tuple[Section, ...],
        questions: tuple[Question, ...],
        references: dict[str, str],
    ) -> None:
        self.lines = lines
        self.blocks = blocks
        self.title = title
        self.sections = sections
        self.questions = questions
        self.references = references  # link reference definitions: normalized label -> destination

    def question(self, number: int) -> Question | None:
        for question in self.questions:
            if question.number == number:
                return question
        return None


def decode(data: bytes) -> str:
    """Bytes to text as Python's text mode reads them: UTF-8, universal newlines.

    A UTF-8 byte order mark stays, as it does for the official checker.
    Raises UnicodeDecodeError.
    """
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _line_starts(text: str) -> list[int]:
    """The offset of each line's first character."""
    # Line i starts after the lines before it and their i line endings.
    return list(map(add, accumulate(map(len, text.split("\n")), initial=0), range(text.count("\n") + 1)))


def to_blocks(tokens: list[tuple[str, int, int, str, bool]], text: str, lines: tuple[str, ...]) -> list[Block]:
    """Blocks from top-level tokens (kind, start offset, heading level, heading text, setext), blank lines included."""
    starts = _line_starts(text)
    blocks = []
    for index, (kind, start, level, heading, setext) in enumerate(tokens):
        if kind == "blank_line":
            continue
        line = bisect_right(starts, start)
        following = tokens[index + 1][1] if index + 1 < len(tokens) else len(text)
        end_line = bisect_right(starts, max(start, following - 1))
        while end_line > line and not lines[end_line - 1].strip():
            end_line -= 1
        blocks.append(Block(kind, line, end_line, level, heading.strip() if kind == "heading" else "", setext))
    return blocks


def _blocks(text: str, lines: tuple[str, ...]) -> tuple[list[Block], dict[str, str]]:
    tokens, references = scan(text)
    blocks = to_blocks([(t.kind, t.start, t.level, t.text, t.setext) for t in tokens], text, lines)
    if references is None:  # a definition may be inside a quote or a list: mistune reads them
        references = mistune_tokens(text)[1]
    return blocks, references


# The backslash of an escaped punctuation character (a formatter writes \* for *).
_ESCAPE = re.compile(r"\\(?=[!-/:-@[-`{-~])")


def normalize(line: str) -> str:
    """Prompt text with the formatting that renders the same taken out.

    Quote markers, ``*``/``_`` emphasis, escapes and runs of white space do not
    change what a reader sees, so they do not change a prompt's fingerprint.
    """
    if "\\" in line:
        line = _ESCAPE.sub("", line)
    # Three replaces: faster than str.translate, and this runs on every answer line.
    return " ".join(line.replace("*", "").replace("_", "").replace(">", "").split())


@cache
def fingerprint(line: str) -> str:
    """A short stable hash of normalized prompt text ('' for blank text)."""
    text = normalize(line)
    return blake2b(text.encode("utf-8"), digest_size=8).hexdigest() if text else ""


def _strip_quote(line: str) -> str:
    stripped = line.lstrip()
    while stripped.startswith(">"):
        stripped = stripped[1:].lstrip()
    return stripped


def quote_lines(block: Block, lines: tuple[str, ...]) -> tuple[SourceLine, ...]:
    """A block quote's lines with their quote markers stripped."""
    return tuple(SourceLine(n, _strip_quote(lines[n - 1])) for n in range(block.line, block.end_line + 1))


def _nested_headings(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for token in tokens:
        if token["type"] == "heading":
            found.append(token)
        found += _nested_headings(token.get("children", []))
    return found


def list_headings(block: Block, lines: tuple[str, ...]) -> tuple[Block, ...]:
    """Headings inside a list's items (``- ### Results``), each at its source line."""
    source = lines[block.line - 1 : block.end_line]
    if block.kind != "list" or not any("#" in line or (line.strip() and not line.strip("-= ")) for line in source):
        return ()
    tokens, _ = mistune_tokens("\n".join(source) + "\n")
    found = []
    cursor = 0
    for token in _nested_headings([t for t in tokens if t["type"] == "list"]):
        text = token.get("text", "").strip().split("\n")[0]
        for index in range(cursor, len(source)):
            if (text and text in source[index]) or (not text and "#" in source[index]):
                level = token["attrs"]["level"]
                setext = token.get("style") == "setext"
                found.append(Block("heading", block.line + index, block.line + index, level, text, setext))
                cursor = index + 1
                break
    return tuple(found)


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
    return Question(
        number=number,
        line=heading.line,
        end_line=region_end,
        heading=heading.text,
        section=section,
        prompt=prompt,
        marker_line=marker_line,
        marker_quoted=marker_block is not None and marker_block.kind == "block_quote",
        answer_line=filled[0] if filled else None,
        answer_end_line=filled[-1] if filled else None,
        answer="\n".join(text for _, text in answer_lines).strip(),
        blocks=tuple(block for block in body if block.end_line >= after),
    )


def _question_number(block: Block) -> int | None:
    if block.kind != "heading" or block.level != 3:
        return None
    match = _QUESTION_HEADING.match(block.text)
    return int(match.group(1)) if match else None


def _is_section(block: Block) -> bool:
    return block.kind == "heading" and block.level <= 2 and not block.setext


def parse_report(text: str) -> Report:
    """Parse decoded report text (see ``decode``) into its markdown structure."""
    text = text[1:] if text.startswith("\ufeff") else text
    lines = tuple(text.split("\n"))
    blocks, references = _blocks(text, lines)
    title = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
    sections = tuple(Section(b.text, b.line) for b in blocks if _is_section(b) and b.level == 2)

    questions = []
    section: str | None = None
    current: tuple[int, Block, str | None] | None = None
    body: list[Block] = []
    for block in [*blocks, None]:
        number = _question_number(block) if block else None
        # A setext underline is often a leftover ``---`` under an answer, so only
        # ATX headings of level 1 and 2 close a question.
        ends_region = block is None or number is not None or _is_section(block)
        if ends_region and current is not None:
            region_end = (block.line - 1) if block else len(lines)
            questions.append(_question(*current, body, region_end, lines))
            current = None
        if block is None:
            break
        if _is_section(block) and block.level == 2:
            section = block.text
        if number is not None:
            current, body = (number, block, section), []
        elif current is not None:
            body.append(block)
    return Report(lines, tuple(blocks), title, sections, tuple(questions), references)


# --- images ---------------------------------------------------------------------


class Image(Record):
    """An image a report links: ``![alt](dest)``, ``![alt][label]`` or ``<img src>``."""

    def __init__(self, line: int, column: int, kind: str, url: str, hidden_in: str, official: bool) -> None:
        self.line = line
        self.column = column
        self.kind = kind  # "inline", "reference" or "html"
        self.url = url  # the destination, unescaped and percent-decoded
        self.hidden_in = hidden_in  # "" when it renders, else "a code block", "inline code" or "an HTML comment"
        self.official = official  # the official checker's pattern counts it


_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--.*?-->")
_HTML_IMAGE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


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


def _markdown_images(line: str, references: dict[str, str]) -> list[tuple[int, str, str]]:
    """(column, kind, url) of each markdown image on a line, parsed as mistune parses links."""
    found = []
    position = line.find("![")
    while position >= 0:
        escaped = position > 0 and line[position - 1] == "\\"
        alt, after = parse_link_text(line, position + 2)
        if not escaped and alt is not None:
            if line.startswith("(", after):
                attrs, _ = parse_link(line, after + 1)
                if attrs is not None:
                    found.append((position, "inline", unquote(attrs["url"])))
            else:
                label = alt
                if line.startswith("[", after):
                    text, _ = parse_link_text(line, after + 1)
                    label = text or alt
                url = references.get(unikey(label))
                if url is not None:
                    found.append((position, "reference", unquote(url)))
        position = line.find("![", position + 2)
    return found


def find_images(report: Report) -> tuple[Image, ...]:
    """Every image the report links, rendered or not, at its line."""
    kinds = _line_kinds(report)
    images = []
    for number, line in enumerate(report.lines, 1):
        if "![" not in line and ("<" not in line or "<img" not in line.lower()):
            continue
        kind = kinds.get(number, "")
        hidden = [(m.start(), m.end(), "inline code") for m in _CODE_SPAN.finditer(line)]
        hidden += [(m.start(), m.end(), "an HTML comment") for m in _COMMENT.finditer(line)]
        counted = {m.start() for m in OFFICIAL_IMAGE.finditer(line)}
        found = [] if kind == "html" else _markdown_images(line, report.references)
        found += [
            (m.start(), "html", unquote(unescape(next(g for g in m.groups() if g is not None))))
            for m in _HTML_IMAGE.finditer(line)
        ]
        for column, image_kind, url in sorted(found):
            where = kind if kind != "html" else ""
            where = where or next((why for start, end, why in hidden if start <= column < end), "")
            images.append(Image(number, column, image_kind, url, where, column in counted))
    return tuple(images)


# --- the official checker's view -------------------------------------------------


class Checker(Record):
    """How one generation of ``report.py check`` extracts answers."""

    def __init__(self, expected: int, skip_chars: int = 0, drop_first_span: bool = False) -> None:
        self.expected = expected
        # The 2023-2024 script drops this many leading characters (its front matter).
        self.skip_chars = skip_chars
        # 2023-2024 drops the first kept span; later scripts drop the first chunk.
        self.drop_first_span = drop_first_span


class Span(Record):
    """One answer as the official checker extracts it; offsets into the decoded text."""

    def __init__(
        self,
        marker: int | None,
        start: int,
        end: int,
        text: str,
        cut_by: str | None,
        cut_at: int | None,
        repeated_last: bool = False,
    ) -> None:
        self.marker = marker  # offset of the ``Answer:`` it follows
        self.start = start
        self.end = end
        self.text = text
        self.cut_by = cut_by  # "###" or "##" when cut there, None when it runs to the end
        self.cut_at = cut_at  # offset of that cut
        self.repeated_last = repeated_last

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def images(self) -> int:
        return len(OFFICIAL_IMAGE.findall(self.text))


class Chunk(Record):
    """A piece of text between two ``Answer:`` markers, as the checker splits it."""

    def __init__(self, marker: int | None, start: int, end: int, cut: int | None) -> None:
        self.marker = marker
        self.start = start
        self.end = end
        self.cut = cut  # offset of the first ``###``, None if there is none


class OfficialView(Record):
    def __init__(
        self,
        checker: Checker,
        text: str,
        chunks: tuple[Chunk, ...],
        spans: tuple[Span, ...],
        error: str | None,
        line_starts: list[int],
        span_by_marker_line: dict[int, Span],
    ) -> None:
        self.checker = checker
        self.text = text
        self.chunks = chunks
        self.spans = spans
        self.error = error
        self.line_starts = line_starts
        # The span that follows the first 'Answer:' on a line, by that line.
        self.span_by_marker_line = span_by_marker_line

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)


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
    marker_length = len(ANSWER_MARKER)
    begin, marker = checker.skip_chars, None
    while True:
        found = text.find(ANSWER_MARKER, begin)
        end = len(text) if found < 0 else found
        cut = text.find("###", begin, end)
        chunks.append(Chunk(marker, begin, end, None if cut < 0 else cut))
        if found < 0:
            break
        marker, begin = found, found + marker_length

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
    starts = _line_starts(text)
    by_line: dict[int, Span] = {}
    for span in spans:
        if span.marker is not None and not span.repeated_last:
            by_line.setdefault(bisect_right(starts, span.marker), span)
    return OfficialView(checker, text, tuple(chunks), tuple(spans), error, starts, by_line)
