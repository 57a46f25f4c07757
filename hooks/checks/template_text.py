"""The template's own text left in an answer (PLH005, PLH006): a line the pristine template has in the answer's
place, a sentence of the prompt's example, word for word or with its blanks, and the examples' stand-ins.
"""

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple

from hooks.checks.document import Document
from hooks.checks.rules import Example, Finding, Rule
from hooks.core.course import EXAMPLE_SENTENCE_WORDS, STAND_INS
from hooks.core.report import Question, normalize
from hooks.core.text import lines_list, number_runs, sentences
from hooks.templates.model import crc32, fingerprint

TEMPLATE_TEXT = Rule(
    "PLH005",
    "template-text",
    "Template text in the answer: a line the pristine template itself has in the answer's place, or a sentence of "
    "the prompt's example kept word for word. A sentence whose blanks (`...`, `X`, `sXXXXXX`) are still in it is "
    "an error; a whole sentence of the example (of 8 words or more) a warning, as it may be true of the group; "
    "the example's frame filled in with the group's own words is the group's answer. One finding per question "
    "and kind, listing its lines.",
    why="The teacher reads the template's own words as the group's answer, and the grader counts them.",
    how_to_fix="Replace the template's text with your own words; keep an example's sentence only if it is true for "
    "you.",
    example=Example("We enjoyed ... because ... .", "We enjoyed Docker, because one image ran the same everywhere.", 2),
    absorbs=("PLH006",),
    warning_when="the example's sentence is whole, without a blank: it may be true of the group",
)
TEMPLATE_TOKEN = Rule(
    "PLH006",
    "template-token",
    "A stand-in from the template's examples: `sXXXXXX`, `<weblink>`/`<weburl>`, `[Image placeholder ...]`.",
    why="The teacher reads a blank where a study number, a link or an image belongs.",
    how_to_fix="Write the real study number, link or image.",
    example=Example("Group 42: s224466 and sXXXXXX", "Group 42: s224466 and s224467", 1),
)
RULES = (TEMPLATE_TEXT, TEMPLATE_TOKEN)


def _code_lines(question: Question) -> set[int]:
    return {n for block in question.blocks if block.kind == "block_code" for n in range(block.line, block.end_line + 1)}


class _Sentence(NamedTuple):
    line: int  # where it starts
    lines: tuple[int, ...]  # every line it spans
    key: str  # its fingerprint
    words: int


# A line break before a capital letter: where a line of the example copied under a line of the group's own, which
# ends without a full stop, starts a sentence of its own.
_CAPITAL_LINE = re.compile(r"\n(?=[\s*_>]*[A-Z])")  # past emphasis and quote markers


def _readings(lines: list[tuple[int, str]]) -> Iterator[tuple[list[int], list[str]]]:
    """The answer's text lines as paragraphs (consecutive lines), each also read as ending at every line break
    before a capital letter: (line numbers, texts) of each reading."""
    paragraphs: list[tuple[list[int], list[str]]] = []
    previous = -1
    for number, text in lines:
        if number != previous + 1:
            paragraphs.append(([], []))
        paragraphs[-1][0].append(number)
        paragraphs[-1][1].append(text)
        previous = number
    for numbers, texts in paragraphs:
        yield numbers, texts
        joined = "\n".join(texts)
        cuts = [match.start() for match in _CAPITAL_LINE.finditer(joined)]
        if cuts:
            ends = list(accumulate(len(text) + 1 for text in texts))  # where each line's break is
            firsts = [0, *(bisect_right(ends, cut) + 1 for cut in cuts), len(texts)]  # the break ends line k
            for first, last in itertools.pairwise(firsts):
                yield numbers[first:last], texts[first:last]


def _sentence_keys(lines: list[tuple[int, str]]) -> Iterator[tuple[str, str, list[int], list[str]]]:
    """(fingerprint, sentence, line numbers, texts of its reading) of each sentence of each reading."""
    for numbers, texts in _readings(lines):
        # Normalized whole, as the template's example was: its sentences' fingerprints are their CRCs.
        for _, sentence in sentences(normalize(" ".join(texts))):
            yield crc32(sentence), sentence, numbers, texts


def _example_matches(lines: list[tuple[int, str]], keys: frozenset[str]) -> list[_Sentence]:
    """The sentences of an answer's text lines whose fingerprints are among ``keys``, each with its lines; lines are
    worked out only for these few."""
    found = []
    for key, sentence, numbers, texts in _sentence_keys(lines) if keys else ():
        if key in keys:
            spanned = _spanned(numbers, texts, sentence)
            found.append(_Sentence(spanned[0], spanned, key, len(sentence.split())))
    return list(dict.fromkeys(found))


def _spanned(numbers: list[int], texts: list[str], sentence: str) -> tuple[int, ...]:
    """The lines of a reading that a sentence of it spans; its first line when it cannot be placed."""
    normalized = [normalize(text) for text in texts]
    starts = list(accumulate((len(text) + 1 for text in normalized[:-1]), initial=0))
    offset = " ".join(normalized).find(sentence)
    if offset < 0:
        return (numbers[0],)
    first = bisect_right(starts, offset) - 1
    last = bisect_right(starts, offset + len(sentence) - 1) - 1
    return tuple(numbers[first : last + 1])


def template_text_findings(document: Document, question: Question, text: list[tuple[int, str]]) -> Iterator[Finding]:
    """``text``: the answer's lines of text (not the placeholder, not dashes alone), with their numbers."""
    path, number = document.path, question.number
    template_question = document.template.question(number)
    if template_question is None:
        return
    code = _code_lines(question)
    lines = [(line, written) for line, written in text if line not in code]
    own = set(template_question.answer_lines)
    kept = [line for line, text in lines if fingerprint(text) in own] if own else []
    for first, last in number_runs(kept):
        where = f"line {first} is" if first == last else f"lines {first}-{last} are"
        message = f"Question {number}: {where} the template's own text, unchanged"
        yield Finding(path, first, TEMPLATE_TEXT, message, number)
    left = set(kept)
    example = frozenset((*template_question.example_blanks, *template_question.example_sentences))
    said = _example_matches([(line, text) for line, text in lines if line not in left], example)
    blanks = [sentence for sentence in said if sentence.key in template_question.example_blanks]
    whole = [
        sentence
        for sentence in said
        if sentence.key in template_question.example_sentences and sentence.words >= EXAMPLE_SENTENCE_WORDS
    ]
    if blanks:
        what = _example_sentences(blanks)
        message = f"Question {number}: {what} with its blanks still in it; write your own words in their place"
        if len(blanks) > 1:
            message = f"Question {number}: {what} with their blanks still in them; write your own words in their place"
        covers = tuple(sorted({line for sentence in blanks for line in sentence.lines}))
        yield Finding(path, blanks[0].line, TEMPLATE_TEXT, message, number, covers=covers)
    if whole:
        what = _example_sentences(whole)
        keep = "it only if it is" if len(whole) == 1 else "them only if they are"
        message = f"Question {number}: {what}, word for word: keep {keep} true for your group"
        covers = tuple(sorted({line for sentence in whole for line in sentence.lines}))
        yield Finding(path, whole[0].line, TEMPLATE_TEXT, message, number, covers=covers, level="warning")
    for line, text in lines:
        for pattern, description in STAND_INS:
            if pattern.search(text):
                message = f"Question {number}: {description} is still here; write the real one"
                yield Finding(path, line, TEMPLATE_TOKEN, message, number)
                break


def _example_sentences(found: list[_Sentence]) -> str:
    """'this sentence is the template's example' or '2 sentences (lines 4, 6) are the template's example'."""
    if len(found) == 1:
        return "this sentence is the template's example"
    lines = list(dict.fromkeys(sentence.line for sentence in found))
    where = f"line {lines[0]}" if len(lines) == 1 else f"lines {lines_list(lines)}"
    return f"{len(found)} sentences ({where}) are the template's example"


def only_template_text(document: Document, question: Question, text: list[tuple[int, str]]) -> bool:
    """Whether all the answer's text came with the template: the question is still unanswered."""
    template_question = document.template.question(question.number)
    if template_question is None:
        return False
    own = set(template_question.answer_lines)
    if own and all(fingerprint(written) in own for _, written in text):
        return True
    example = {*template_question.example_sentences, *template_question.example_blanks}
    return all(key in example for key, *_ in _sentence_keys(text))
