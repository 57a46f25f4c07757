"""A report's markdown blocks, as mistune's block parser reads the whole report, each at its source lines.

A small subclass of mistune's parser stamps every top-level token with the offset it starts at; ``read_blocks``
turns the tokens into ``Block`` records with their first and last line, and finds the code fence GitHub leaves
open. ``hooks.core.report`` makes questions of them, ``hooks.core.inline`` reads inside their lines.
"""

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, NamedTuple

from mistune import Markdown
from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.plugins.table import table

from hooks.core.text import line_starts


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


def read_blocks(text: str, lines: tuple[str, ...]) -> tuple[list[Block], dict[str, str], int | None]:
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
