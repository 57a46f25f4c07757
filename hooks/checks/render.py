"""Render: what GitHub shows of an answer, where it is not what the group wrote or what the grader counts.

Teachers read the report on GitHub. Its renderer (cmark-gfm) and its sanitizer decide
what the page shows: an HTML tag it does not allow is removed, comments are hidden,
an indented paragraph is code, a '#' line is a heading. Every rule here is a warning:
the grader counts the raw text either way; the page is what a teacher reads.
"""

import re
from collections.abc import Iterator
from typing import NamedTuple

from hooks.checks.document import Document
from hooks.checks.rules import Edit, Example, Finding, Rule, Settings
from hooks.core.blocks import Block
from hooks.core.inline import Comment, Tag, html_comments, html_tags, underscore_strong
from hooks.core.report import Question, Report, answer_holding
from hooks.core.text import counted, listed

# The tags GitHub's sanitizer keeps (html-pipeline's SanitizationFilter allowlist, with which GitHub began); any
# other tag is removed from the page, and the text between an open and a closing one is kept.
ALLOWED_TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "br", "b", "i", "strong", "em", "a", "pre", "code", "img", "tt",
    "div", "ins", "del", "sup", "sub", "p", "picture", "ol", "ul", "table", "thead", "tbody", "tfoot", "blockquote",
    "dl", "dt", "dd", "kbd", "q", "samp", "var", "hr", "ruby", "rt", "rp", "li", "tr", "td", "th", "s", "strike",
    "summary", "details", "caption", "figure", "figcaption", "abbr", "bdo", "cite", "dfn", "mark", "small", "source",
    "span", "time", "wbr",
})  # fmt: skip
# The tags cmark-gfm's tagfilter extension escapes: the page shows them as text, so nothing is lost.
SHOWN_AS_TEXT = frozenset({"title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"})

_LATER = "Start the project earlier, and write the report while we work."

UNKNOWN_TAG = Rule(
    "RND001",
    "dropped-tag",
    "A word in angle brackets (`<name>`, `<Project name>`) that reads as an HTML tag GitHub does not allow, with no "
    "closing tag: GitHub's sanitizer removes it, so the page shows the line without it (`docker run --name  :`). "
    "Tags GitHub keeps (`<br>`, `<img>`, `<details>`) and a tag closed later (its text stays) are not reported.",
    why="The teacher reads the answer with the words in angle brackets missing; the grader counts them.",
    how_to_fix="Write the placeholder in backticks (`` `<name>` ``) or as `&lt;name&gt;`.",
    example=Example(
        "We start it with docker run --name <container> trainer.",
        "We start it with `docker run --name <container> trainer`.",
        6,
    ),
    severity="warning",
    folds=True,
)
ANSWER_IN_QUOTE = Rule(
    "RND002",
    "answer-in-quote",
    "The answer starts on the line right after `> Answer:`. Without a blank line between them, the answer continues "
    "the prompt's quote, and GitHub shows it inside the grey box. Fixable: `--fix` inserts the blank line; the "
    "official checker strips leading line breaks, so no count changes.",
    why="The teacher sees the answer as part of the course's question.",
    how_to_fix="Leave a blank line after `> Answer:`, or let `--fix` (the `report-fix` hook) insert it.",
    example=Example(
        "> Recommended answer length: 5-25 words.\n>\n> Answer:\n",
        "> Recommended answer length: 5-25 words.\n>\n> Answer:\n\n",
        at="> Answer:",
    ),
    severity="warning",
    folds=True,
)
INDENTED_CODE = Rule(
    "RND003",
    "indented-code",
    "Text indented four spaces or more is a code block in markdown. Reported when that is unlikely to be meant: the "
    "whole answer, a paragraph of prose, a list of sentences, or a code fence (its backticks then show as text). "
    "Commands, trees and JSON indented on purpose are left alone.",
    why="GitHub shows the text in a grey monospace box, as code, not as the answer's prose.",
    how_to_fix="Remove the indentation; fence real code with ``` lines instead.",
    example=Example(f"    {_LATER}", _LATER, 6),
    severity="warning",
    folds=True,
)
HIDDEN_COMMENT = Rule(
    "RND004",
    "hidden-comment",
    "An HTML comment with text in it (`<!-- ... -->`) inside an answer: GitHub hides it, but the official checker "
    "counts its words.",
    why="The count the grader checks includes words no teacher sees.",
    how_to_fix="Delete the comment, or write its text as part of the answer.",
    example=Example(f"{_LATER} <!-- and rehearse the demo -->", _LATER, 6),
    severity="warning",
)
UNDERSCORE_BOLD = Rule(
    "RND005",
    "underscore-bold",
    "A name with double underscores on both sides outside code (`__init__.py`): markdown reads the underscores as "
    "bold, and GitHub shows a bold 'init.py'.",
    why="The page shows another name than the one written: the underscores vanish and the word turns bold.",
    how_to_fix="Write the name in backticks: `` `__init__.py` ``.",
    example=Example(
        "We moved the fixtures into tests/__init__.py.", "We moved the fixtures into `tests/__init__.py`.", 6
    ),
    severity="warning",
)
HEADING_LINE = Rule(
    "RND006",
    "heading-line",
    "A line that starts with `# ` inside an answer, usually a comment of pasted code (a Dockerfile, a shell "
    "script) without a fence: GitHub shows it as a big heading. It stays the answer's: the official checker does "
    "not cut at a single `#`, and the other checks read the answer across it.",
    why="The page shows a title in the middle of the answer, and the code around it as prose.",
    how_to_fix="Fence the pasted code with ``` lines before and after it.",
    example=Example(
        "Our image is built from this Dockerfile:\n\n# Base image\nFROM python:3.11-slim",
        "Our image is built from this Dockerfile:\n\n```dockerfile\n# Base image\nFROM python:3.11-slim\n```",
        3,
        at="# Base image",
    ),
    severity="warning",
    folds=True,
)
RULES = (UNKNOWN_TAG, ANSWER_IN_QUOTE, INDENTED_CODE, HIDDEN_COMMENT, UNDERSCORE_BOLD, HEADING_LINE)

_FENCES = ("```", "~~~")
# Characters that prose has little use for and code, trees and JSON much: an indented block without them reads as text.
_CODE_CHARACTERS = frozenset("{}[]<>=$;|\\/`#@%^*_&\"'")


def _blank_line_fixes(document: Document, question: Question) -> bool:
    """Whether a blank line after '> Answer:' gives the answer back to the page: not when the answer is indented
    four spaces, which the blank line would turn into code."""
    if question.answer_line is None:
        return False
    line = document.report.lines[question.answer_line - 1].expandtabs(4)
    return len(line) - len(line.lstrip(" ")) < 4


def _quoted(document: Document, question: Question) -> bool:
    """Whether the answer's first line continues the quote that holds the marker, as a lazy line would: written
    without '>', it is shown inside the quote all the same. (One written with '>' is quoted on purpose.)"""
    first = question.answer_line
    return (
        question.quote_end is not None
        and question.marker_line is not None
        and first is not None
        and first <= question.quote_end
        and not document.report.lines[first - 1].lstrip().startswith(">")
    )


class _Page(NamedTuple):
    """What GitHub makes of an answer's raw HTML and emphasis."""

    tags: list[Tag]
    comments: list[Comment]
    strong: list[tuple[int, str]]


def _pages(report: Report) -> dict[int, _Page]:
    """Each answered question's raw HTML and emphasis, by the line of its heading: found once for the whole report,
    and each placed in its question by bisection."""
    holding = answer_holding(report)
    pages: dict[int, _Page] = {}

    def page_of(line: int) -> _Page | None:
        question = holding(line)
        return None if question is None else pages.setdefault(question.line, _Page([], [], []))

    for tag in html_tags(report):
        if (page := page_of(tag.line)) is not None:
            page.tags.append(tag)
    for comment in html_comments(report):
        if (page := page_of(comment.line)) is not None:
            page.comments.append(comment)
    for line, written in underscore_strong(report):
        if (page := page_of(line)) is not None:
            page.strong.append((line, written))
    return pages


def _dropped_tags(document: Document, question: Question, page: _Page) -> Iterator[Finding]:
    tags = page.tags
    kept = ALLOWED_TAGS | SHOWN_AS_TEXT | {tag.name for tag in tags if tag.closing}
    dropped = [tag for tag in tags if not tag.closing and tag.name not in kept]
    by_line: dict[int, dict[str, None]] = {}
    for tag in dropped:
        by_line.setdefault(tag.line, {})[f"'{tag.text}'"] = None
    for line, quoted in by_line.items():
        on_line = list(quoted)
        what = f"{listed(on_line)} as {'an HTML tag' if len(on_line) == 1 else 'HTML tags'} it does not allow"
        message = (
            f"Question {question.number}: GitHub removes {what}, so the page shows the line without "
            f"{'it' if len(on_line) == 1 else 'them'}; write it in backticks or with &lt;"
        )
        cause = "GitHub removes words in angle brackets as HTML tags it does not allow; write them in backticks"
        yield Finding(document.path, line, UNKNOWN_TAG, message, question.number, cause=cause)


def _prose(lines: list[str]) -> bool:
    text = " ".join(lines)
    return len(text.split()) >= 8 and not _CODE_CHARACTERS.intersection(text)


_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])\s+(?=\S)")


def _prose_list(lines: list[str]) -> bool:
    """A list of sentences ('- We use seeded experiments ...'): a list marker first, and words, not code. A path or a
    '<placeholder>' in an item does not make it code; a command or a YAML key on its own does."""
    if not _LIST_ITEM.match(lines[0]):
        return False
    words = [word for line in lines for word in _LIST_ITEM.sub("", line, count=1).split()]
    wordy = sum(word[:1].isalpha() for word in words)
    return len(words) >= 8 and wordy >= 0.8 * len(words) and not any(line.endswith((":", "{", ";")) for line in lines)


def _indented(document: Document, question: Question, block: Block) -> Finding | None:
    lines = [line.strip() for line in document.report.lines[block.line - 1 : block.end_line] if line.strip()]
    fence = next((offset for offset, line in enumerate(lines) if line.startswith(_FENCES)), None)
    whole = question.answer_line == block.line and question.answer_end_line == block.end_line
    if fence is not None:
        why, line = "this code fence is indented four spaces, so GitHub shows its backticks as text", block.line
    elif whole:
        why, line = "the whole answer is indented four spaces, so GitHub shows it as code", block.line
    elif _prose(lines):
        why, line = "this paragraph is indented four spaces, so GitHub shows it as code", block.line
    elif _prose_list(lines):
        why, line = "this list is indented four spaces, so GitHub shows it as code", block.line
    else:
        return None
    message = f"Question {question.number}: {why}; remove the indentation"
    cause = "answers indented four spaces show as code on GitHub; remove the indentation"
    return Finding(document.path, line, INDENTED_CODE, message, question.number, cause=cause)


def question_findings(document: Document, question: Question, page: _Page) -> Iterator[Finding]:
    path, number = document.path, question.number
    if _quoted(document, question):
        message = (
            f"Question {number}: no blank line after '> Answer:', so GitHub shows the answer inside the prompt's quote"
        )
        cause = "no blank line after '> Answer:', so GitHub shows the answers inside the prompts' quotes"
        fixable = _blank_line_fixes(document, question)
        yield Finding(path, question.marker_line or question.line, ANSWER_IN_QUOTE, message, number,
                      fixable=fixable, cause=cause)  # fmt: skip
    yield from _dropped_tags(document, question, page)
    for block in question.blocks:
        if block.kind == "block_code" and not block.fenced and question.in_answer(block.line):
            found = _indented(document, question, block)
            if found is not None:
                yield found
        elif block.kind == "heading" and block.level == 1 and not block.setext and question.in_answer(block.line):
            written = document.report.lines[block.line - 1].strip()
            message = f"Question {number}: '{written}' shows as a big heading on GitHub; fence the code it belongs to"
            cause = "'#' lines show as big headings on GitHub; fence the code they belong to"
            yield Finding(path, block.line, HEADING_LINE, message, number, cause=cause)
    for comment in page.comments:
        words = len(comment.text.split())
        # A commented-out image is the image family's (IMG002): counted, not shown.
        if words and "![" not in comment.text:
            message = f"Question {number}: GitHub hides this HTML comment, but the official checker counts its " + (
                counted(words, "words")
            )
            yield Finding(path, comment.line, HIDDEN_COMMENT, message, number)
    for line, written in page.strong:
        shown = written.strip("_").replace("__", "")
        message = f"Question {number}: GitHub shows '{written}' as a bold '{shown}'; write it in backticks"
        yield Finding(path, line, UNDERSCORE_BOLD, message, number)


def findings(document: Document, settings: Settings) -> Iterator[Finding]:
    report = document.report
    pages = _pages(report)
    empty = _Page([], [], [])
    for question in report.questions:
        if document.template.question(question.number) is not None:
            yield from question_findings(document, question, pages.get(question.line, empty))


def edits(document: Document) -> Iterator[Edit]:
    """A blank line after each '> Answer:' that the answer continues: the grader strips it, GitHub ends the quote."""
    for question in document.report.questions:
        if _quoted(document, question) and question.marker_line is not None and _blank_line_fixes(document, question):
            yield Edit(question.marker_line, blank_after=True)
