"""A report's top-level markdown blocks, found as mistune's block parser finds them.

mistune 3's ``BlockParser`` is the reference. This scanner matches mistune's own
rule patterns and takes mistune's decisions rule by rule, in mistune's order,
with mistune's quirks. It works only at the top level, where a report's
structure lives: where a block quote or a list ends is decided, but what is
inside it is not parsed.

It exists for start-up time. On its first parse mistune compiles an alternation
of all its rules, and more for each list indent, and it sends every line through
generic machinery. For one 50 KB report in a fresh process, that costs more than
all our checks together. Here, each line is tried only against the rules its
first character can start, and each pattern is compiled when first needed.

``tests/test_blocks.py`` parses every corpus report and a few thousand generated
documents both ways and requires the same blocks. When mistune changes a
decision, that test names the document.
"""

from __future__ import annotations

import re
import string

from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.helpers import BLOCK_TAGS, HTML_ATTRIBUTES, PRE_TAGS
from mistune.util import expand_leading_tab

_SPECIFICATION = BlockParser.SPECIFICATION
_BLANK_LINE = BlockParser.BLANK_LINE
_ATX_HEADING_TRIM = re.compile(r"(\s+|^)#+\s*$")
_OPEN_TAG_END = re.compile(HTML_ATTRIBUTES + r"[ \t]*>[ \t]*(?:\n|$)")
_CLOSE_TAG_END = re.compile(r"[ \t]*>[ \t]*(?:\n|$)")
_LINE_HAS_TEXT = re.compile(r"(\s*)\S")

# The characters (after up to three spaces) that can start each rule.
_DIGITS = "0123456789"
_RULE_STARTS = {
    "blank_line": "\t\v\f\n",
    "fenced_code": "`~",
    "indent_code": "",  # the line loop decides indented code before any rule
    "atx_heading": "#",
    "setex_heading": "=-",
    "thematic_break": "-*_",
    "block_quote": ">",
    "list": "-+*" + _DIGITS,
    "ref_link": "[",
    "raw_html": "<",
    "block_html": "<",
}


def _by_first_character(rules: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    characters = {c for rule in rules for c in _RULE_STARTS[rule]}
    return {c: tuple(rule for rule in rules if c in _RULE_STARTS[rule]) for c in characters}


# mistune's rule orders: its default rules at the top level; the rules that end a
# block quote's lazy lines (with the ATX heading mistune forgets: CommonMark ends
# the quote there); the rules that end a list item.
_TOP_LEVEL = _by_first_character(BlockParser.DEFAULT_RULES)
_QUOTE_BREAKS = _by_first_character(
    ("blank_line", "thematic_break", "fenced_code", "list", "block_html", "atx_heading")
)
_LIST_BREAKS = _by_first_character(
    ("thematic_break", "fenced_code", "atx_heading", "block_quote", "block_html", "list")
)


def _list_marker_plausible(line: str) -> bool:
    if line[:1] in ("-", "+", "*"):
        return line[1:2] in ("", " ", "\t")
    digits = 0
    while line[digits : digits + 1].isdecimal():  # mistune's \d: any Unicode decimal digit
        digits += 1
    return (
        1 <= digits <= 9
        and line[digits : digits + 1] in (".", ")")
        and line[digits + 1 : digits + 2] in ("", " ", "\t")
    )


# Necessary conditions, cheaper to test than the patterns (which then need no
# compiling in most reports): the line starts, after its spaces, with a rule's character.
_PLAUSIBLE = {
    "setex_heading": lambda line: not line.rstrip(" \t").strip("=-"),
    "thematic_break": lambda line: (
        line.count(line[:1]) >= 3 and not line.replace(line[:1], "").replace(" ", "").replace("\t", "")
    ),
    "fenced_code": lambda line: line.startswith(("```", "~~~")),
    "list": _list_marker_plausible,
}

# Compiled on first use: a pattern costs more to compile than a report's lines cost to match.
_patterns: dict[object, re.Pattern[str]] = {}


def _pattern(rule: str) -> re.Pattern[str]:
    """mistune's pattern for a rule."""
    pattern = _patterns.get(rule)
    if pattern is None:
        pattern = _patterns[rule] = re.compile(_SPECIFICATION[rule], re.M)
    return pattern


def _closing_fence(character: str, length: int) -> re.Pattern[str]:
    key = (character, length)
    if key not in _patterns:
        _patterns[key] = re.compile(r"^ {0,3}" + character + "{" + str(length) + r",}[ \t]*(?:\n|$)", re.M)
    return _patterns[key]


class Token:
    """A top-level block: ``kind`` is mistune's token type, ``start`` the offset of its first line."""

    __slots__ = ("kind", "level", "parts", "setext", "start", "text")

    def __init__(self, kind: str, start: int, end: int = 0, level: int = 0, text: str = "") -> None:
        self.kind = kind
        self.start = start
        # A paragraph's text, as (start, end) offsets: a block quote can end
        # inside a paragraph's lines (mistune's prepend_token), so it need not be contiguous.
        self.parts = [[start, end]]
        self.level = level
        self.text = text  # headings only
        self.setext = False

    def extend(self, start: int, end: int) -> None:
        if self.parts[-1][1] == start:
            self.parts[-1][1] = end
        else:
            self.parts.append([start, end])


def _is_indent_code_line(line: str) -> bool:
    if line.endswith("\n"):
        line = line[:-1]
    if len(line) > 4 and line.startswith("    "):
        return True
    spaces = len(line) - len(line.lstrip(" "))
    return spaces + 1 < len(line) and line[spaces] == "\t"


def _expand_leading_tabs(line: str, column: int = 0) -> str:
    if "\t" not in line:
        return line
    parts = []
    index = 0
    for index, character in enumerate(line):  # noqa: B007 - index is where the text starts
        if character == " ":
            parts.append(" ")
            column += 1
        elif character == "\t":
            parts.append(" " * (4 - column % 4))
            column += 4 - column % 4
        else:
            break
    else:
        index = len(line)
    return "".join(parts) + line[index:]


def _indent_width(line: str) -> int:
    if "\t" not in line:
        return len(line) - len(line.lstrip(" "))
    column = 0
    for character in line:
        if character == " ":
            column += 1
        elif character == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def _item(found: re.Match[str], bullet: str) -> tuple[str, str, str] | None:
    """A list pattern's match as an item of a list with this bullet: (spaces, marker, text)."""
    return found.group("list_1", "list_2", "list_3") if found.group("list_2")[-1] == bullet else None


def _next_item(line: str, bullet: str, indent: int) -> tuple[str, str, str] | None:
    """The line, its leading tabs expanded, as the next item of a list with this bullet, indented at most ``indent``."""
    found = _pattern("list").match(_expand_leading_tabs(line))
    if found is None or len(found.group("list_1")) > indent:
        return None
    return _item(found, bullet)


def _quote_content(line: str) -> str | None:
    """A block quote line's text after its ``>``, or None for another line."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith(">"):
        return None
    return stripped[1:]


class _Scanner:
    def __init__(self, src: str) -> None:
        self.src = src
        self.size = len(src)
        self.tokens: list[Token] = []
        self.references: BlockState | None = None
        # A quote or list holds a line like a link reference definition: only
        # mistune, reading their inside, can say.
        self.nested_references = False

    def line_end(self, position: int) -> int:
        end = self.src.find("\n", position)
        return self.size if end < 0 else end + 1

    def open_paragraph(self) -> Token | None:
        tokens = self.tokens
        return tokens[-1] if tokens and tokens[-1].kind == "paragraph" else None

    def append_paragraph(self, position: int) -> int | None:
        """The line at ``position`` continues an open paragraph (mistune's ``append_paragraph``)."""
        paragraph = self.open_paragraph()
        if paragraph is None:
            return None
        end = self.line_end(position)
        paragraph.extend(position, end)
        return end

    def match(
        self, rules: dict[str, tuple[str, ...]], position: int, indent: int = 3
    ) -> tuple[str, re.Match[str]] | None:
        """The first of the rules that matches at ``position``, in the rules' order.

        A list item of narrow marker lets its breaks be indented less than three
        spaces: mistune narrows the patterns' leading `` {0,3}``; the same is
        asked here of the spaces counted.
        """
        src = self.src
        end = src.find("\n", position)
        line = src[position : self.size if end < 0 else end]
        text = line.lstrip(" ")
        # The character after the spaces, the line ending of a line of spaces included.
        character = text[:1] or src[position + len(line) : position + len(line) + 1]
        if len(line) - len(text) > indent and character not in _RULE_STARTS["blank_line"]:
            return None
        # The list rule's \d is any Unicode decimal digit, as in mistune.
        candidates = rules.get("0" if character.isdecimal() else character)
        if not candidates:
            return None
        for rule in candidates:
            plausible = _PLAUSIBLE.get(rule)
            if plausible is not None and not plausible(text):
                continue
            found = _pattern(rule).match(src, position)
            if found:
                return rule, found
        return None

    def parse(self, rule: str, found: re.Match[str]) -> int | None:
        end: int | None = getattr(self, rule)(found)
        return end

    def run(self) -> list[Token]:
        position, size, src, tokens = 0, self.size, self.src, self.tokens
        while position < size:
            end = src.find("\n", position) + 1 or size
            first = src[position]
            if first == "\n":  # only the blank line rule starts with a line ending
                tokens.append(Token("blank_line", position))
                position = _BLANK_LINE.match(src, position).end()  # type: ignore[union-attr]
                continue
            if first in " \t":
                if _is_indent_code_line(src[position:end]):
                    position = self.append_paragraph(position) or self.indent_code(position, end)
                    continue
                found = self.match(_TOP_LEVEL, position)
            else:
                # Most lines are text: no rule starts with their first character.
                found = self.match(_TOP_LEVEL, position) if first in _TOP_LEVEL or first.isdecimal() else None
            after = self.parse(*found) if found else None
            if after is None:
                if tokens and tokens[-1].kind == "paragraph":
                    tokens[-1].extend(position, end)
                else:
                    tokens.append(Token("paragraph", position, end))
                after = end
            position = after
        return tokens

    def contained(self, start: int, end: int) -> None:
        if not self.nested_references and "]:" in self.src[start:end]:
            self.nested_references = True

    # --- rules, each as mistune's parse_<rule> decides -----------------------------

    def indent_code(self, position: int, end: int) -> int:
        self.tokens.append(Token("block_code", position))
        src = self.src
        while end < self.size:
            line_end = self.line_end(end)
            line = src[end:line_end]
            if not (_is_indent_code_line(line) or not line.strip()):
                break
            end = line_end
        return end

    def blank_line(self, found: re.Match[str]) -> int:
        self.tokens.append(Token("blank_line", found.start()))
        return found.end()

    def thematic_break(self, found: re.Match[str]) -> int:
        self.tokens.append(Token("thematic_break", found.start()))
        return found.end() + 1

    def fenced_code(self, found: re.Match[str]) -> int | None:
        marker, info = found.group("fenced_2"), found.group("fenced_3")
        if info and marker[0] == "`" and "`" in info:
            return None  # CommonMark example 145: not a fence
        closing = _closing_fence(marker[0], len(marker)).search(self.src, found.end() + 1)
        self.tokens.append(Token("block_code", found.start()))
        return closing.end() if closing else self.size

    def atx_heading(self, found: re.Match[str]) -> int:
        text = found.group("atx_2").strip(string.whitespace)
        if text:
            text = _ATX_HEADING_TRIM.sub("", text)
        self.tokens.append(Token("heading", found.start(), level=len(found.group("atx_1")), text=text))
        return found.end() + 1

    def setex_heading(self, found: re.Match[str]) -> int | None:
        paragraph = self.open_paragraph()
        if paragraph is not None:
            paragraph.kind = "heading"
            paragraph.level = 1 if found.group("setext_1") == "=" else 2
            paragraph.setext = True
            paragraph.text = "".join(self.src[start:end] for start, end in paragraph.parts).strip()
            return found.end() + 1
        for rule in ("thematic_break", "list"):
            other = _pattern(rule).match(self.src, found.start())
            if other:
                return self.parse(rule, other)
        return None

    def block_quote(self, found: re.Match[str]) -> int:
        start = found.start()
        src, size = self.src, self.size
        position = self.line_end(start)
        first = _quote_content(src[start:position]) or ""
        first = expand_leading_tab(first, 3)
        first = first[1:] if first.startswith(" ") else first
        end_pos = None
        if _BLANK_LINE.match(first) or _is_indent_code_line(first) or _pattern("fenced_code").match(first):
            # Code or a blank first line: only marked lines continue the quote.
            while position < self.size:
                end = self.line_end(position)
                if _quote_content(src[position:end]) is None:
                    break
                position = end
        else:
            previous_blank = False
            while position < size:
                end = src.find("\n", position) + 1 or size
                content = _quote_content(src[position:end])
                if content is not None:
                    previous_blank = not content.strip()
                    position = end
                    continue
                if previous_blank:
                    break  # CommonMark example 249: a lazy line needs text before it
                breaking = self.match(_QUOTE_BREAKS, position)
                if breaking:
                    end_pos = self.parse(*breaking)
                    if end_pos:
                        break
                position = end  # a lazy continuation line
        self.contained(start, position)
        token = Token("block_quote", start)
        if end_pos:
            self.tokens.insert(len(self.tokens) - 1, token)  # mistune's prepend_token
            return end_pos
        self.tokens.append(token)
        return position

    def list(self, found: re.Match[str]) -> int:
        start = found.start()
        spaces, marker, text = found.group("list_1", "list_2", "list_3")
        # CommonMark examples 285 and 304: an empty item, or an ordered list not
        # starting at 1, cannot interrupt a paragraph.
        if not text.strip() or (len(marker) > 1 and int(marker[:-1]) != 1):
            end_pos = self.append_paragraph(start)
            if end_pos:
                return end_pos
        bullet = marker[-1]
        position = found.end() + 1
        item: tuple[str, str, str] | None = (spaces, marker, text)
        index = end_pos = None
        while item is not None:
            item, position, index, end_pos = self.list_item(bullet, item, position)
        self.contained(start, position)
        token = Token("list", start)
        if end_pos and index is not None:
            self.tokens.insert(index, token)
            return end_pos
        self.tokens.append(token)
        return position

    def list_item(
        self, bullet: str, item: tuple[str, str, str], position: int
    ) -> tuple[tuple[str, str, str] | None, int, int | None, int | None]:
        """Where one item ends: (the next item's marker, position, token index, end) as mistune collects it.

        ``bullet`` is the list's marker character: a later item must have the same.
        """
        spaces, marker, text = item
        leading_width = len(spaces) + len(marker)
        text = _expand_leading_tabs(text, leading_width)
        has_text = _LINE_HAS_TEXT.match(text) is not None
        indent = _indent_width(text)
        continue_width = leading_width + (indent if has_text and indent < 5 else 1)
        narrow = min(leading_width, 3)
        src = self.src
        collected_text = False
        previous_blank = False
        while position < self.size:
            end = self.line_end(position)
            raw = src[position:end]
            if _BLANK_LINE.match(raw):
                previous_blank = True
                position = end
                continue
            continuation = _indent_width(raw) >= continue_width
            if continuation:
                if previous_blank and not has_text and not collected_text:
                    break  # CommonMark example 280: an item starts with at most one blank line
                collected_text = collected_text or bool(raw.strip())
                previous_blank = False
                position = end
                continue
            breaking = self.match(_LIST_BREAKS, position, narrow)
            if "\t" in raw:
                next_item = None if breaking and breaking[0] == "thematic_break" else _next_item(raw, bullet, narrow)
            else:
                # Without tabs the list pattern has matched this line already, if anything has.
                next_item = _item(breaking[1], bullet) if breaking and breaking[0] == "list" else None
            if next_item:
                return next_item, end, None, None
            if breaking:
                if breaking[0] == "list":
                    break
                index = len(self.tokens)
                end_pos = self.parse(*breaking)
                if end_pos:
                    return None, position, index, end_pos
            if previous_blank:
                break
            collected_text = collected_text or bool(raw.strip())
            position = end
        return None, position, None, None

    def ref_link(self, found: re.Match[str]) -> int | None:
        end_pos = self.append_paragraph(found.start())
        if end_pos:
            return end_pos
        if self.references is None:
            self.references = BlockState()
            self.references.process(self.src)
        self.references.cursor = found.start()
        # Link destinations and titles have many rules; mistune's own code reads them.
        return _REFERENCE_READER.parse_ref_link(found, self.references)

    def raw_html(self, found: re.Match[str]) -> int | None:
        start = found.start()
        marker = found.group(0).strip()
        for opening, closing in (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>")):
            if marker == opening:
                return self.html_to(closing, found)
        if marker.startswith("<!"):
            return self.html_to(">", found)
        open_tag = close_tag = None
        if marker.startswith("</"):
            close_tag = marker[2:].lower()
            if close_tag in BLOCK_TAGS:
                return self.html_to_blank_line(start)
        else:
            open_tag = marker[1:].lower()
            if open_tag in PRE_TAGS:
                return self.html_to("</" + open_tag + ">", found)
            if open_tag in BLOCK_TAGS:
                return self.html_to_blank_line(start)
        # Other tags (CommonMark's seventh kind) cannot interrupt a paragraph.
        end_pos = self.append_paragraph(start)
        if end_pos:
            return end_pos
        line_end = self.line_end(start)
        if (open_tag and _OPEN_TAG_END.match(self.src, found.end(), line_end)) or (
            close_tag and _CLOSE_TAG_END.match(self.src, found.end(), line_end)
        ):
            return self.html_to_blank_line(start)
        return None

    block_html = raw_html

    def html_to(self, closing: str, found: re.Match[str]) -> int:
        self.tokens.append(Token("block_html", found.start()))
        position = self.src.find(closing, found.end())
        return self.size if position < 0 else self.line_end(position)

    def html_to_blank_line(self, start: int) -> int:
        self.tokens.append(Token("block_html", start))
        blank = _BLANK_LINE.search(self.src, start)
        return blank.start() if blank else self.size


_REFERENCE_READER = BlockParser()


def scan(src: str) -> tuple[list[Token], dict[str, str] | None]:
    """The top-level blocks of ``src``, blank lines included, and its link reference definitions (label -> url).

    The definitions are None when a quote or a list may hold one, which this
    scanner does not read.
    """
    scanner = _Scanner(src)
    tokens = scanner.run()
    if scanner.nested_references:
        return tokens, None
    references = scanner.references.env["ref_links"] if scanner.references else {}
    return tokens, {key: value["url"] for key, value in references.items()}
