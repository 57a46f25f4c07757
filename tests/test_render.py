"""What GitHub shows: the render family against cmark-gfm (GitHub's renderer) and GitHub's sanitizer rules, and an
answer's pasted content never taken for the template."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest
from conftest import (
    ONE_LINE_ANSWERS,
    SHARED,
    TEMPLATE,
    check_run,
    fill,
    git,
    requires_shared,
    words,
)

from hooks.checks.render import ALLOWED_TAGS, SHOWN_AS_TEXT
from hooks.core.report import parse_report
from hooks.entry import report_check, report_headings, report_render

GITHUB = cmarkgfm.Options.CMARK_OPT_UNSAFE  # GitHub renders raw HTML, then sanitizes it


class _Sanitizer(HTMLParser):
    """GitHub's sanitizer as far as the rules rely on it: comments removed; a tag it does not allow removed, the text
    after it kept; attributes dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ALLOWED_TAGS:
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in ALLOWED_TAGS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def page(markdown: str) -> str:
    """The report as GitHub shows it: cmark-gfm's HTML, sanitized, as HTML without attributes."""
    sanitizer = _Sanitizer()
    sanitizer.feed(cmarkgfm.github_flavored_markdown_to_html(markdown, options=GITHUB))
    return "".join(sanitizer.out)


def report(tmp_path: Path, text: str) -> str:
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(capsys, main, *args: str) -> tuple[int, list[str]]:
    return check_run(capsys, main, *args)[:2]


# --- each render rule says what GitHub shows -------------------------------------------------------------


def test_a_dropped_tag_is_missing_from_the_page(tmp_path, template_text, capsys) -> None:
    answer = "We run docker run --name <name> <repository>:<tag> and <b>bold</b> with <custom>kept</custom>."
    path = report(tmp_path, fill(template_text, {**ONE_LINE_ANSWERS, 6: answer}))
    assert "We run docker run --name  : and <b>bold</b> with kept." in page(Path(path).read_text())
    assert run(capsys, report_render, path) == (
        0,
        [
            f"{path}:69: RND001 warning: Question 6: GitHub removes '<name>', '<repository>' and '<tag>' as HTML "
            "tags it does not allow, so the page shows the line without them; write it in backticks or with &lt;"
        ],
    )


def test_tags_github_shows_as_text_are_not_dropped(tmp_path, template_text, capsys) -> None:
    answer = "Our app never uses <script> tags, and <title> is set by the framework."
    path = report(tmp_path, fill(template_text, {**ONE_LINE_ANSWERS, 6: answer}))
    assert "&lt;script>" in cmarkgfm.github_flavored_markdown_to_html(Path(path).read_text(), options=GITHUB)
    assert run(capsys, report_render, path) == (0, [])
    assert {"script", "title"} <= SHOWN_AS_TEXT


def test_an_answer_right_after_the_marker_is_shown_inside_the_quote_and_fixed(tmp_path, template_text, capsys) -> None:
    text = fill(template_text, ONE_LINE_ANSWERS).replace("> Answer:\n\nGroup 7\n", "> Answer:\nGroup 7\n")
    path = report(tmp_path, text)
    assert "<blockquote>" in page(text).split("Group 7")[0].rsplit("</blockquote>", 1)[-1]
    code, found = run(capsys, report_render, path)
    assert (code, found) == (
        0,
        [
            f"{path}:13: RND002 [*] warning: Question 1: no blank line after '> Answer:', so GitHub shows the answer "
            "inside the prompt's quote"
        ],
    )
    before = json.loads(_summary(capsys, path))
    assert run(capsys, report_render, "--fix", path) == (1, [])
    fixed = Path(path).read_text()
    assert fixed == fill(template_text, ONE_LINE_ANSWERS)  # the blank line, and nothing else
    assert "</blockquote>\n<p>Group 7</p>" in page(fixed)
    counts = ("n", "words", "images", "passed")
    after = json.loads(_summary(capsys, path))["questions"]
    assert [{k: q[k] for k in counts} for q in after] == [{k: q[k] for k in counts} for q in before["questions"]]


def _summary(capsys, path: str) -> str:
    report_check([*TEMPLATE, "--summary", "--format", "json", path])
    return json.dumps(json.loads(capsys.readouterr().out)[0])


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        ("    " + words(10, "prose"), "the whole answer is indented four spaces, so GitHub shows it as code"),
        ("We run it:\n\n    ```bash\n    make test\n    ```",
         "this code fence is indented four spaces, so GitHub shows its backticks as text"),
        ("Our results:\n\n    The model reaches ninety percent accuracy on the held out split",
         "this paragraph is indented four spaces, so GitHub shows it as code"),
    ],
)  # fmt: skip
def test_an_accidental_code_block_is_code_on_the_page(tmp_path, template_text, capsys, answer: str, why: str) -> None:
    path = report(tmp_path, fill(template_text, {**ONE_LINE_ANSWERS, 6: answer}))
    shown = page(Path(path).read_text())
    assert "<pre><code>" in shown.split("What would you do differently")[1]
    code, found = run(capsys, report_render, path)
    line = next(n for n, text in enumerate(Path(path).read_text().split("\n"), 1) if text.startswith("    "))
    assert (code, found) == (0, [f"{path}:{line}: RND003 warning: Question 6: {why}; remove the indentation"])


def test_commands_and_trees_indented_on_purpose_are_left_alone(tmp_path, template_text, capsys) -> None:
    answer = (
        "Our layout:\n\n    src/\n      train.py\n      data.py\n\nand to run it:\n\n    $ python -m src.train --lr=0.1"
    )
    path = report(tmp_path, fill(template_text, {**ONE_LINE_ANSWERS, 6: answer}))
    assert run(capsys, report_render, path) == (0, [])


def test_a_comment_is_hidden_on_the_page_and_counted_by_the_grader(tmp_path, template_text, capsys) -> None:
    answer = "Start earlier and plan more. <!-- we should mention the deadline slip -->"
    path = report(tmp_path, fill(template_text, {**ONE_LINE_ANSWERS, 6: answer}))
    assert "deadline" not in page(Path(path).read_text())
    assert run(capsys, report_render, path) == (
        0,
        [f"{path}:69: RND004 warning: Question 6: GitHub hides this HTML comment, but the official checker counts its "
         "6 words"],
    )  # fmt: skip


def test_underscores_around_a_name_turn_bold(tmp_path, template_text, capsys) -> None:
    answer = "The fixtures live in tests/__init__.py, and my__var stays."
    path = report(tmp_path, fill(template_text, {**ONE_LINE_ANSWERS, 6: answer}))
    assert "tests/<strong>init</strong>.py" in page(Path(path).read_text())
    assert run(capsys, report_render, path) == (
        0,
        [f"{path}:69: RND005 warning: Question 6: GitHub shows '__init__' as a bold 'init'; write it in backticks"],
    )


def test_a_pasted_comment_line_is_a_heading_on_the_page_and_stays_the_answers(tmp_path, template_text, capsys):
    """'# Base image' in an answer: one render warning; no structure error, no empty answer, the whole answer counted
    and its leftover placeholder found, as the grader reads it."""
    dockerfile = "# Base image\nFROM python:3.11-slim\nRUN pip install uv\n\n--- question 3 fill here ---"
    answer = f"{words(15)} our Dockerfile:\n\n{dockerfile}"
    path = report(tmp_path, fill(template_text, {**ONE_LINE_ANSWERS, 3: answer}))
    assert "<h1>Base image</h1>" in page(Path(path).read_text())
    _, found = run(capsys, report_check, "--ignore", "IMG003", path)
    assert found == [
        f"{path}:31: LEN001 Question 3: 32 words, limit 10-30 (2 over)",
        f"{path}:41: RND006 warning: Question 3: '# Base image' shows as a big heading on GitHub; fence the code it "
        "belongs to",
        f"{path}:45: PLH003 [*] Question 3: the template's placeholder line is still here, next to the answer",
    ]
    # The same with the marker missing: the answer is still there, across the '#' line.
    no_marker = Path(path).read_text().replace("> Recommended answer length: 10-30 words.\n>\n> Answer:\n", "", 1)
    Path(path).write_text(no_marker)
    _, found = run(capsys, report_check, "--ignore", "IMG003", path)
    assert not [line for line in found if " PLH002 " in line or " HDG003 " in line]


def test_a_question_beyond_the_template_is_reported_once(tmp_path, template_text, capsys) -> None:
    text = fill(template_text, ONE_LINE_ANSWERS) + "\n### Question 7\n\nMore.\n"
    path = report(tmp_path, text)
    _, found = run(capsys, report_check, "--ignore", "IMG003", path)
    assert found == [
        f"{path}:71: LEN002 official checker will abort (7 answers, expected 6), so it checks no word count: "
        "'### Question 7' is not in the template; line 71: '###' after the last answer makes the checker count the "
        "last answer twice"
    ]
    _, found = run(capsys, report_headings, path)
    assert not [line for line in found if " HDG006 " in line]


def test_a_trailing_space_after_the_marker_changes_nothing_said(tmp_path, template_text, capsys) -> None:
    text = fill(template_text, {**ONE_LINE_ANSWERS, 2: words(45)}).replace(
        "> Answer:\n\n" + words(45), "> Answer: \n\n" + words(45)
    )
    path = report(tmp_path, text)
    assert run(capsys, report_check, "--ignore", "IMG,HDG", path)[1] == [
        f"{path}:17: LEN001 Question 2: 45 words, limit 20-40 (5 over)"
    ]


def test_image_counts_on_shifted_answers_say_which_lines_the_grader_reads(tmp_path, template_text, capsys) -> None:
    """A marker missing in Question 4 and a '###' heading after the last answer: the count is right, the answers
    shift."""
    text = fill(template_text, ONE_LINE_ANSWERS) + "\n### Appendix\n\nMore notes.\n"
    text = text.replace(">\n> Answer:\n\n" + ONE_LINE_ANSWERS[4], "\n\n" + ONE_LINE_ANSWERS[4])
    path = report(tmp_path, text)
    found = [line for line in run(capsys, report_check, "--ignore", "IMG003", path)[1] if " IMG001 " in line]
    # Question 5's answer holds its image; the grader reads Question 6's answer in its place.
    assert found == [
        f"{path}:52: IMG001 Question 5: 0 images, limit exactly 1 (1 under); the official checker reads line 68 as "
        "this answer, the whole answer (line 58) has 1 word"
    ]


def test_an_lfs_pointer_is_a_warning(tmp_path, template_text, capsys) -> None:
    root = tmp_path / "repo"
    (root / "reports" / "figures").mkdir(parents=True)
    pointer = b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"0" * 64 + b"\nsize 12345\n"
    for name in ("dash.png", "pipe.png"):
        (root / "reports" / "figures" / name).write_bytes(pointer)
    path = root / "reports" / "README.md"
    path.write_text(fill(template_text, ONE_LINE_ANSWERS), encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    code, found = run(capsys, report_check, str(path))
    assert code == 0
    assert found == [
        f"{path}:49: IMG013 warning: Question 4: 'figures/dash.png' is a Git LFS pointer: GitHub shows the image, "
        "but a checkout without git-lfs (a CI default) has only the pointer",
        f"{path}:59: IMG013 warning: Question 5: 'figures/pipe.png' is a Git LFS pointer: GitHub shows the image, "
        "but a checkout without git-lfs (a CI default) has only the pointer",
    ]


def test_an_image_path_with_a_space_is_text_on_the_page_and_counted(tmp_path, template_text, capsys) -> None:
    path = report(tmp_path, fill(template_text, {**ONE_LINE_ANSWERS, 5: "![pipeline](figures/our pipeline.png)"}))
    assert "![pipeline](figures/our pipeline.png)" in page(Path(path).read_text())
    code, found = run(capsys, report_check, path)
    found = [line for line in found if "Question 5" in line]
    assert code == 1
    assert f"{path}:59: IMG014 Question 5: the path 'figures/our pipeline.png' has a space, so GitHub shows this " \
        "image's markdown as text, but the official checker counts an image; write %20 for each space, or put the " \
        "path in <...>" in found  # fmt: skip
    assert len(found) == 1


def test_answers_inflated_by_markup_say_so_when_it_decides(tmp_path, template_text, capsys) -> None:
    answer = words(38) + " <br> <br> <br>"
    path = report(tmp_path, fill(template_text, {**ONE_LINE_ANSWERS, 2: answer}))
    assert run(capsys, report_check, "--ignore", "IMG", path)[1] == [
        f"{path}:17: LEN001 Question 2: 41 words, limit 20-40 (1 over); 3 of them are HTML that GitHub does not "
        "show, so the page has 38"
    ]


def test_a_report_without_prompts_is_graded_by_the_newest_checker_of_its_size(tmp_path, capsys) -> None:
    """Converted from HTML: the question headings and markers are there, the prompt quotes are not."""
    folder = tmp_path / "reports"
    folder.mkdir()
    body = "\n".join(f"### Question {n}\n\nAnswer:\n\nWe did it.\n" for n in range(1, 32))
    (folder / "README.md").write_text(f"# Our report\n\n{body}", encoding="utf-8")
    code = report_check(["--summary", "--format", "json", str(folder / "README.md")])
    out, err = capsys.readouterr()
    assert code == 1
    assert json.loads(out)[0]["checker"] == "2026"
    assert err == (
        f"report-check: note: {folder / 'README.md'}: no prompt tells which template revision it follows, so it is "
        "graded as the 2026 run's, the newest with 31 questions; pass --template to choose another\n"
    )


# --- GitHub's block structure ----------------------------------------------------------------------------

_KINDS = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
          "pre": "block_code", "hr": "thematic_break", "ul": "list", "ol": "list", "blockquote": "block_quote",
          "table": "table"}  # fmt: skip


class _Positions(HTMLParser):
    """Every element of cmark-gfm's HTML that has a source position: (tag, first line, first column, last line,
    last column). Raw HTML passes through unbalanced, so nesting is told by position, not by tags."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, int, int, int, int]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        position = dict(attrs).get("data-sourcepos")
        if position:
            start, end = position.split("-")
            self.elements.append((tag, *map(int, start.split(":")), *map(int, end.split(":"))))

    def top_level(self) -> list[tuple[str, int, int]]:
        """(kind, first line, last line) of the blocks no container holds, in order."""

        def inside(index: int, other: int) -> bool:
            inner, outer = self.elements[index], self.elements[other]
            same = inner[1:] == outer[1:]  # a list and its only item: the one opened first holds the other
            return (
                index != other
                and outer[0] in _CONTAINERS
                and outer[1:3] <= inner[1:3]
                and inner[3:5] <= outer[3:5]
                and (not same or other < index)
            )

        top = [
            index for index in range(len(self.elements)) if not any(inside(index, o) for o in range(len(self.elements)))
        ]
        return [(_KINDS[self.elements[i][0]], self.elements[i][1], self.elements[i][3]) for i in top
                if self.elements[i][0] in _KINDS]  # fmt: skip


_CONTAINERS = frozenset({"blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th"})


def _agree(ours: list[tuple[str, int]], github: list[tuple[str, int, int]]) -> bool:
    """The same blocks at the same lines. cmark-gfm gives a table whose header row ends a paragraph the paragraph's
    first line as its own: our table's header line lies in its range."""
    return len(ours) == len(github) and all(
        kind == theirs and (line == first or (kind == "table" and first <= line <= last))
        for (kind, line), (theirs, first, last) in zip(ours, github, strict=False)
    )


def _corpus_names() -> list[str]:
    reports = SHARED / "corpus" / "reports"
    return sorted(path.stem for path in reports.glob("*.md")) if reports.is_dir() else []


@requires_shared
@pytest.mark.parametrize("name", _corpus_names())
def test_block_structure_is_github_s(name: str) -> None:
    """Every heading, code block, thematic break, list, quote and table starts where cmark-gfm starts it."""
    text = (SHARED / "corpus" / "reports" / f"{name}.md").read_bytes().decode("utf-8").replace("\r\n", "\n")
    text = text.replace("\r", "\n")
    parsed = parse_report(text)
    if parsed.unclosed_fence is not None:
        pytest.skip("a fence never closed is read as a blank line, on purpose")
    github = _Positions()
    options = cmarkgfm.Options.CMARK_OPT_SOURCEPOS | GITHUB
    github.feed(cmarkgfm.github_flavored_markdown_to_html(text.removeprefix("\ufeff"), options=options))
    ours = [(block.kind, block.line) for block in parsed.blocks if block.kind in set(_KINDS.values())]
    assert _agree(ours, github.top_level()), (ours, github.top_level())
