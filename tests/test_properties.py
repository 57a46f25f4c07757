"""Property tests: real reports, mutated at random, never make a hook misbehave.

For every mutated report: no exception, an exit code in {0, 1, 2}, every finding's line
inside the file; ``--summary`` agrees with an emulation of report.py written here from
its source; ``--fix`` is idempotent and removes nothing but placeholder text. The corpus
reports are used when ``../shared`` is beside the checkout, else the shipped example.
A mutated pyproject.toml or report.py beside the report is read, or refused (passed over)
in one line, never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from conftest import EXAMPLE_REPORT, EXAMPLE_REPORT_PY, EXAMPLE_TEMPLATE, SHARED
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from hooks.core.course import is_placeholder, placeholder_before_text
from hooks.core.official import official_images
from hooks.entry import report_check, report_headings, report_images, report_length, report_placeholders
from hooks.templates.revisions import DATA_DIR

pytestmark = pytest.mark.slow  # hypothesis, 2,000 examples

CORPUS = sorted((SHARED / "corpus" / "reports").glob("*.md"))
# The smaller corpus reports keep a CI run short; each is a real student's report.
SOURCES = [path.read_text(encoding="utf-8") for path in sorted(CORPUS, key=lambda p: p.stat().st_size)[:24]]
SOURCES.append(EXAMPLE_REPORT.read_text(encoding="utf-8"))
ENTRY_POINTS = [report_check, report_length, report_images, report_headings, report_placeholders]
FRAGMENTS = [
    "Answer:",
    "> Answer:",
    "###",
    "## Section",
    "### Question 3",
    "---",
    "--- question 3 fill here ---",
    "![a](figures/x.png)",
    "![",
    "](",
    "<img src=x.png>",
    "```",
    "~~~",
    "<!--",
    "-->",
    ">",
    "\t",
    "\r",
    "\x00",
    "\x1b[31m",
    "\u2028",
    "\ufeff",
    "\u2014",
    "<<<<<<< HEAD",
    "=======",
    "- ",
    "1. ",
    "[a]: figures/x.png",
    "    code",
    "|a|b|\n|---|---|",
]

fragment = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))
mutation = st.tuples(
    st.sampled_from(["insert", "delete", "replace", "splice", "duplicate", "open a fence", "glue a heading"]),
    st.floats(min_value=0, max_value=1, exclude_max=True),
    st.floats(min_value=0, max_value=1),
    fragment,
)
reports = st.builds(
    lambda source, mutations: mutate(SOURCES[source], mutations),
    st.integers(min_value=0, max_value=len(SOURCES) - 1),
    st.lists(mutation, min_size=1, max_size=6),
)


def mutate(text: str, mutations: list[tuple[str, float, float, str]]) -> str:
    lines = text.split("\n")
    for kind, where, column, piece in mutations:
        index = int(where * len(lines))
        # A fence left open in one question's answer ('```python' and no closing line), and a question heading glued
        # to the dashes above it ('---### Question 9'): where the markdown and the grader part ways.
        markers = [number for number, line in enumerate(lines) if "Answer:" in line]
        headings = [number for number, line in enumerate(lines) if line.startswith("### Question")]
        if kind == "open a fence" and markers:
            lines.insert(markers[int(where * len(markers))] + 1, "```python" if column < 0.5 else "~~~")
        elif kind == "glue a heading" and headings:
            heading = headings[int(where * len(headings))]
            lines[heading] = "---" + lines[heading]
        elif kind == "insert":
            lines.insert(index, piece)
        elif kind == "delete" and len(lines) > 1:
            del lines[index]
        elif kind == "replace":
            lines[index] = piece
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        else:
            line = lines[index]
            at = int(column * len(line))
            lines[index] = line[:at] + piece + line[at:]
    return "\n".join(lines)


def run(main, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(args))
    return code, out.getvalue()


def options(text: str) -> list[str]:
    """The example report is checked against the example template, as the README shows."""
    return ["--template-file", str(EXAMPLE_TEMPLATE)] if text.startswith("# Example") else []


def write(folder: str, text: str) -> Path:
    path = Path(folder) / "reports" / "README.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


# 1,000 + 600 + 400 = 2,000 examples of mutated reports per run, the same ones every run: a clean clone's CI
# must not pass or fail by luck.
PROFILE = settings(
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@settings(PROFILE, max_examples=1000)
@given(text=reports, entry=st.sampled_from(ENTRY_POINTS))
def test_every_entry_point_ends_normally_with_findings_inside_the_file(text: str, entry) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write(folder, text)
        code, out = run(entry, *options(text), "--format", "json", str(path))
    assert code in (0, 1, 2)
    # As an editor numbers lines: a final line break starts no line, but a blank line before it is one.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    last_line = max(1, len(lines) - (lines[-1] == ""))
    for finding in json.loads(out or "[]"):
        assert 1 <= finding["line"] <= last_line, finding


# --- report.py, emulated from its source ---------------------------------------------

OFFICIAL_IMAGE = re.compile(r"\!\[.*?\]\(.*?\)")


def official_answers(text: str, skip_chars: int, drop_first_span: bool) -> list[str] | None:
    """The answers report.py extracts, or None where it crashes (no 'Answer:' at all)."""
    text = text[skip_chars:]
    per_question = text.split("Answer:")
    if not drop_first_span:
        per_question.pop(0)
        if not per_question:
            return None
    answers = []
    for piece in per_question:
        if "###" in piece:
            piece = piece.split("###")[0]
            if "##" in piece:
                piece = piece.split("##")[0]
            answers.append(piece)
    answers.append(per_question[-1])
    if drop_first_span:
        answers = answers[1:]
    return [answer.strip("\n") for answer in answers]


def official_result(text: str, checker: dict) -> tuple[bool, int]:
    """(aborts, WARNING lines) of the checker on the text."""
    answers = official_answers(text, checker["skip_chars"], checker["drop_first_span"])
    if answers is None or len(answers) != checker["questions"]:
        return True, 0
    warnings = 0
    for number, answer in enumerate(answers, 1):
        for limit, count in (("words", len(answer.split())), ("images", len(OFFICIAL_IMAGE.findall(answer)))):
            low_high = checker[limit].get(str(number))
            if low_high and not low_high[0] <= count <= low_high[1]:
                warnings += 1
    return False, warnings


@settings(PROFILE, max_examples=600)
@given(text=reports)
def test_summary_agrees_with_report_py(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write(folder, text)
        code, out = run(report_check, *options(text), "--summary", "--format", "json", str(path))
    summaries = json.loads(out or "[]")
    if code == 2 or not summaries:
        return  # not a report, or its revision cannot be told: nothing is predicted
    summary = summaries[0]
    checker_file = Path(DATA_DIR) / f"checker_{summary['checker']}.json"
    if not checker_file.is_file():
        return  # an example template's own limits
    decoded = text.replace("\r\n", "\n").replace("\r", "\n")
    aborts, warnings = official_result(decoded, json.loads(checker_file.read_text()))
    assert (summary["official"]["error"] is not None, summary["official"]["warnings"]) == (aborts, warnings)


# --- the fixer -----------------------------------------------------------------------


def _dash_or_space(char: str) -> bool:
    return char.isspace() or char == "-" or char == "\u2212" or unicodedata.category(char) == "Pd"


def trimmed_of_dashes(old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` with some dashes and spaces taken out, and nothing else changed."""
    position = 0
    for char in old:
        if position < len(new) and new[position] == char:
            position += 1
        elif not _dash_or_space(char):
            return False
    return position == len(new)


def _removable(line: str) -> bool:
    """A line --fix may delete whole: a placeholder, or dashes only (never a blank line)."""
    return is_placeholder(line) or (bool(line.strip()) and all(map(_dash_or_space, line)))


def _trimmed(line: str, kept: str) -> bool:
    """Whether ``kept`` is ``line`` without some dashes, or without the placeholder that starts it as well."""
    end = placeholder_before_text(line)
    return trimmed_of_dashes(line, kept) or (end > 0 and trimmed_of_dashes(line[end:], kept))


def removed_only_placeholder_text(before: str, after: str) -> bool:
    """Whether ``after`` is ``before`` with removable lines gone and other lines trimmed, in order.

    Lines are walked in order rather than diffed: an answer of identical lines would pair its lines wrongly.
    A placeholder on the last line goes with the ending before it, or leaves that ending (blank lines) last.
    """
    old, new = before.rstrip("\n").split("\n"), after.rstrip("\n").split("\n")
    position = 0
    for line in old:
        kept = new[position] if position < len(new) else None
        if kept is not None and (kept == line or (not _removable(line) and _trimmed(line, kept))):
            position += 1
        elif not (_removable(line) or (kept is None and not line.strip())):
            # A blank line may follow the last text only as the file's ending, which rstrip took.
            return False
    return position == len(new)


@settings(PROFILE, max_examples=400)
@given(text=reports)
def test_fix_is_idempotent_and_removes_only_placeholder_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write(folder, text)
        before = path.read_bytes()
        run(report_placeholders, *options(text), "--fix", str(path))
        once = path.read_bytes()
        run(report_placeholders, *options(text), "--fix", str(path))
        assert path.read_bytes() == once
    if once != before:
        decode = lambda data: data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # noqa: E731
        assert removed_only_placeholder_text(decode(before), decode(once))
        # What the grader reads as an answer that is still the placeholder is left as it is, whatever the markdown.
        unanswered = Counter(unanswered_answers(decode(before)))
        assert not unanswered - Counter(unanswered_answers(decode(once)))


def unanswered_answers(text: str) -> list[str]:
    """The answers report.py extracts (as the 2025-2026 script does) that are nothing but placeholder lines and
    dashes."""
    answers = official_answers(text, 0, False) or []
    return [
        answer
        for answer in answers
        if answer.strip() and all(_removable(line) for line in answer.split("\n") if line.strip())
    ]


# --- the linear scans against the patterns they replace -----------------------------


@settings(PROFILE, max_examples=300)
@given(line=st.text(alphabet="![]()x \\`", max_size=40))
def test_official_images_match_report_pys_pattern(line: str) -> None:
    assert list(official_images(line)) == [match.start() for match in OFFICIAL_IMAGE.finditer(line)]


# --- the other files a run reads: pyproject.toml and report.py -----------------------

PYPROJECT = """[project]
name = "group-7"

[tool.mlops-report-hooks]
ignore = ["HDG009", "RND"]
warn = ["PLH"]
figures-dir = "figures"
template = "auto"
"""
TOML_FRAGMENTS = ["[", "]", "[[tool.mlops-report-hooks]]", '"', "'''", "=", "{", "}", ",", "#", "\\", "\\u0000",
                  "\x00", "\ufeff", "1" * 5_000, "inf", "nan", "1979-05-27T07:32:00Z", "true",
                  'checker-file = "/etc/passwd"', 'checker-file = "../../x.py"', 'figures-dir = "../.."',
                  "[tool.mlops_report_hooks]", "[" * 2_000, "{a={b={c={}}}}"]  # fmt: skip
REPORT_PYS = [*sorted((SHARED / "corpus" / "templates" / "revisions").glob("*/report.py"))[-3:]]
REPORT_PY_SOURCES = [*(path.read_text(encoding="utf-8") for path in REPORT_PYS), EXAMPLE_REPORT_PY]
PY_FRAGMENTS = ["(", ")", "{", "}", "[", "]", ",", ":", "-" * 1_000, "9" * 5_000, '"a"', "None", "1.5", "-1",
                "LengthConstraints(min_length=1)", "ImageConstraints(min_images=1, max_images=2)",
                '"question_3": NoConstraints(),', "def check():", "    ", "\t", "if len(answers) != 31:",
                "per_question.pop(0)", "\x00", "\\", "'''", "lambda: 0", "**{}", "*[]"]  # fmt: skip


def mutated(sources: list[str], fragments: list[str]) -> st.SearchStrategy[str]:
    mutation = st.tuples(
        st.sampled_from(["insert", "delete", "replace", "splice", "duplicate"]),
        st.floats(min_value=0, max_value=1, exclude_max=True),
        st.floats(min_value=0, max_value=1),
        st.one_of(st.sampled_from(fragments), st.text(max_size=12)),
    )
    return st.builds(
        lambda source, mutations: mutate(sources[source], mutations),
        st.integers(min_value=0, max_value=len(sources) - 1),
        st.lists(mutation, min_size=1, max_size=3),
    )


def run_beside(name: str, content: str, *args: str) -> tuple[int, str, str]:
    """report-check on the example report with ``content`` as ``name`` beside it: exit code, stdout, stderr."""
    with tempfile.TemporaryDirectory() as folder:
        path = write(folder, EXAMPLE_REPORT.read_text(encoding="utf-8"))
        (path.parent / name).write_bytes(content.encode("utf-8", "surrogatepass"))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = report_check([*options("# Example"), *args, str(path)])
    return code, out.getvalue(), err.getvalue()


def said_in_one_line_each(err: str) -> bool:
    return all(line.startswith(("report-check: note: ", "report-check: error: ")) for line in err.splitlines())


@settings(PROFILE, max_examples=300)
@given(text=mutated([PYPROJECT], TOML_FRAGMENTS))
def test_a_mutated_pyproject_is_read_or_refused_in_one_line(text: str) -> None:
    code, out, err = run_beside("pyproject.toml", text, "--format", "json")
    event(f"exit {code}")
    assert code in (0, 1, 2) and said_in_one_line_each(err), err
    assert code != 2 or err.count("\n") == 1, err
    json.loads(out)  # with --format json, stdout is JSON whatever happens


@settings(PROFILE, max_examples=300)
@given(source=mutated(REPORT_PY_SOURCES, PY_FRAGMENTS))
def test_a_mutated_report_py_grades_as_read_or_is_passed_over_in_one_line(source: str) -> None:
    code, out, err = run_beside("report.py", source, "--summary", "--format", "json")
    event("graded as read" if "is graded with the table of" in err else "passed over" if err else "known")
    assert code in (0, 1) and said_in_one_line_each(err) and err.count("\n") <= 1, err
    (summary,) = json.loads(out)
    if "is graded with the table of" in err:  # read as a table: every limit a whole number, or none at all
        for question in summary["questions"]:
            for low, high in ((question["min_words"], question["max_words"]),
                              (question["min_images"], question["max_images"])):  # fmt: skip
                assert (low is None) == (high is None) and (
                    low is None or (isinstance(low, int) and isinstance(high, int))
                )
