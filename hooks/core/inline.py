"""What a reader sees inside a report's lines: the images it links (and whether each renders), code spans,
HTML comments and tags, and emphasis, as GitHub reads them.

Every scan is linear in the line: each finds its delimiters once, left to right, and never rescans the rest of
the line from each opener, which hostile lines (50,000 '![') would make quadratic.
"""

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any, NamedTuple
from urllib.parse import unquote

from mistune.helpers import parse_link
from mistune.util import unescape, unikey

from hooks.core.report import Report

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
