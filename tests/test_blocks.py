"""The block scanner finds the blocks mistune's block parser finds, line for line."""

from __future__ import annotations

import random

import pytest
from conftest import EXAMPLE_REPORT, EXAMPLE_TEMPLATE, SHARED, requires_shared

from hooks.parser import Block, mistune_tokens, parse_report, to_blocks
from hooks.parser.blocks import scan


def scanned(text: str) -> tuple[list[Block], dict[str, str] | None]:
    tokens, references = scan(text)
    lines = tuple(text.split("\n"))
    return to_blocks([(t.kind, t.start, t.level, t.text, t.setext) for t in tokens], text, lines), references


def mistune_blocks(text: str) -> tuple[list[Block], dict[str, str]]:
    """The reference: mistune 3's own block parser, reading quotes and lists through."""
    tokens, references = mistune_tokens(text)
    lines = tuple(text.split("\n"))
    simple = [
        (
            token["type"],
            token["_start"],
            token["attrs"]["level"] if token["type"] == "heading" else 0,
            token.get("text", ""),
            token.get("style") == "setext",
        )
        for token in tokens
    ]
    return to_blocks(simple, text, lines), references


def assert_same_as_mistune(text: str) -> None:
    blocks, references = scanned(text)
    expected_blocks, expected_references = mistune_blocks(text)
    assert blocks == expected_blocks, text
    # None: a definition may sit inside a quote or list, and the parser asks mistune.
    if references is not None:
        assert references == expected_references, text


def kinds(text: str) -> list[tuple[str, int, int]]:
    return [(block.kind, block.line, block.end_line) for block in scanned(text)[0]]


def test_lazy_quote_line_ends_at_an_atx_heading() -> None:
    # mistune would take the heading into the quote; CommonMark and we do not.
    text = "> Answer:\nlazy text\n### Question 2\n"
    assert kinds(text) == [("block_quote", 1, 2), ("heading", 3, 3)]
    assert_same_as_mistune(text)


def test_code_and_html_hide_headings() -> None:
    text = "```\n### not a heading\n```\n\n<!--\n## hidden\n-->\n\n    # indented code\n\n## Real\n"
    assert kinds(text) == [("block_code", 1, 3), ("block_html", 5, 7), ("block_code", 9, 9), ("heading", 11, 11)]
    assert_same_as_mistune(text)


def test_list_takes_its_lazy_and_indented_lines() -> None:
    text = "- one\n  still one\nlazy line\n- two\n\n  after a blank, indented\n\nparagraph\n"
    assert kinds(text) == [("list", 1, 6), ("paragraph", 8, 8)]
    assert_same_as_mistune(text)


def test_setext_heading_and_thematic_break() -> None:
    text = "Title\n=====\n\n---\n\ntext\n---\n"
    blocks = scanned(text)[0]
    assert [(b.kind, b.line, b.end_line, b.level, b.setext) for b in blocks] == [
        ("heading", 1, 2, 1, True),
        ("thematic_break", 4, 4, 0, False),
        ("heading", 6, 7, 2, True),
    ]
    assert blocks[0].text == "Title"
    assert_same_as_mistune(text)


def test_indented_line_continues_a_paragraph() -> None:
    assert kinds("text\n    more text\n") == [("paragraph", 1, 2)]


def test_reference_definitions() -> None:
    assert scanned('[Fig]: figures/a.png "A"\n\n![x][fig]\n')[1] == {"FIG": "figures/a.png"}
    # Inside a list the scanner does not look; the report parser asks mistune.
    text = "- item\n\n  [fig]: figures/b.png\n\n![x][fig]\n"
    assert scanned(text)[1] is None
    assert parse_report(text).references == {"FIG": "figures/b.png"}


CASES = [
    "# T\n## S\n### Question 1\n> prompt\n>\n> Answer:\n\nanswer\n",
    "> quote\n- list after quote\n",
    "> ```\n> code in quote\nnot lazy\n",
    "1. one\n2. two\n3) other list\n",
    "2. cannot interrupt\ntext\n2. here\n",
    "text\n-\n",
    "- a\n * b\n  * c\n   * d\n    * e\n",
    "<div>\n## inside html\n\n## outside\n",
    "<custom-tag>\n## after\n",
    "text\n<custom-tag>\n",
    "``` a`b\n## heading\n",
    "~~~~\n```\n## in code\n~~~~\n## out\n",
    "\t# tab code\n",
    "> a\n>\n> b\nlazy\n\nnew\n",
    "[a]: /u 'title'\n[b]:\n/v\n",
    "***\n___\n- - -\n=-=\n",
    "text\r\nwith carriage return\n",
    "last line without newline",
    "     \n",
    "para\n     \nmore\n",
    "text\n\u0661. an ordered list in Arabic-Indic digits\n\u0662. two\n",
]


@pytest.mark.parametrize("text", CASES)
def test_same_blocks_as_mistune(text: str) -> None:
    assert_same_as_mistune(text)


# Lines a report is made of, and the odd ones a student or an editor leaves.
PIECES = [
    "", "", "", "text line", "Answer: words here", "### Question 3", "## Section", "# Title", "#nospace",
    "####### seven", "Heading", "===", "---", "- - -", "***", "___", "-", "- item", "* star item", "+ plus",
    "1. one", "2. two", "1) paren", "10. ten", "  - nested", "   - three", "    indented code", "\tcode tab",
    "     ", "  \t x", " \t", "\t", "```", "```python", "``` a`b", "~~~", "````", "  ```", "> quote", ">", "> ",
    ">     code in quote", "> > nested", ">### heading in quote", "  > indented quote", "lazy continuation",
    "<!-- comment", "-->", "<!-- one line -->", "<div>", "</div>", "<pre>", "</pre>", '<img src="a.png">',
    "<custom-tag>", "</span>", "<?php", "?>", "<![CDATA[", "]]>", "<!DOCTYPE html>", "[ref]: /url",
    '[ref]: /url "title"', "[Ref]:", "[]: /x", "  [a]: <b c>", "text [x]: y", "![img](figures/a.png)",
    "   # three spaces", "    # four spaces", "- # heading item", "-\tTab item", "1.", "*", "=-=", "  ===  ",
    "--- question 3 fill here ---", "\u00a0", "  text with two spaces", "9999999999. too long",
    "\u0661. arabic-indic one", "\u0662) two",
]  # fmt: skip


def generated(seed: int) -> str:
    rng = random.Random(seed)
    lines = []
    for _ in range(rng.randint(1, 25)):
        piece = rng.choice(PIECES)
        if rng.random() < 0.15:
            piece = " " * rng.randint(1, 6) + piece
        lines.append(piece)
    return "\n".join(lines) + ("\n" if rng.random() < 0.8 else "")


def test_same_blocks_as_mistune_on_generated_documents() -> None:
    for seed in range(3000):
        assert_same_as_mistune(generated(seed))


def test_same_blocks_as_mistune_on_the_examples() -> None:
    for path in (EXAMPLE_TEMPLATE, EXAMPLE_REPORT):
        assert_same_as_mistune(path.read_text(encoding="utf-8"))


@requires_shared
def test_same_blocks_as_mistune_on_every_corpus_report_and_template() -> None:
    paths = sorted((SHARED / "corpus").rglob("*.md"))
    assert len(paths) > 60
    for path in paths:
        text = path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        assert_same_as_mistune(text)
