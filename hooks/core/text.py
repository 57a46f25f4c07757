"""Small helpers for text that every layer shares: line offsets, plurals, runs of numbers."""

import re
from collections.abc import Iterable, Sequence
from itertools import accumulate
from operator import add
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from difflib import SequenceMatcher


def line_starts(text: str) -> list[int]:
    """The offset of each line's first character."""
    # Line i starts after the lines before it and their i line endings.
    return list(map(add, accumulate(map(len, text.split("\n")), initial=0), range(text.count("\n") + 1)))


def counted(count: int, plural: str) -> str:
    """'1 word', '2 words', '0 WARNING lines'."""
    return f"{count} {plural[:-1] if count == 1 else plural}"


def number_runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """1, 2, 3, 5 -> [(1, 3), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def ranges(numbers: Iterable[int]) -> str:
    """1, 2, 3, 5 -> '1-3, 5'."""
    return ", ".join(str(first) if first == last else f"{first}-{last}" for first, last in number_runs(numbers))


def listed(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)


SHOWN_LINES = 10  # a list of lines says this many, then how many more


def lines_list(numbers: Sequence[int]) -> str:
    """'4, 9, 12'; past SHOWN_LINES, '1, 2, ..., 10 and 99,990 more'."""
    shown = ", ".join(map(str, numbers[:SHOWN_LINES]))
    more = len(numbers) - SHOWN_LINES
    return f"{shown} and {more:,} more" if more > 0 else shown


# A sentence ends at '.', '!' or '?' before white space and a capital letter: "using ... . To get" ends after
# " .", not at the blank's dots, whose next word is lower case.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of each sentence of a paragraph, in order."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        found.append((start, text[start : match.start()]))
        start = match.end()
    found.append((start, text[start:]))
    return [(offset, sentence) for offset, sentence in found if sentence.strip()]


def matcher(expected: Sequence[Any], actual: Sequence[Any]) -> "SequenceMatcher":
    """How a report's sequence (headings, paragraphs, words) differs from the template's; only a report that differs
    comes here, so difflib is imported here (docs/speed.md)."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, expected, actual, autojunk=False)


def quoted_heading(level: int, text: str) -> str:
    """A heading as it is written, quoted: "'### Question 3'"."""
    return f"'{'#' * level} {text}'"
