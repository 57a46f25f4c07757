from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXAMPLE_TEMPLATE = EXAMPLES / "template.md"
EXAMPLE_REPORT = EXAMPLES / "reports" / "README.md"
# The options that check a report against the example template.
TEMPLATE = ["--template-file", str(EXAMPLE_TEMPLATE)]

# A report.py with the example template's limits, in the course's dict style: it is read, never run.
EXAMPLE_REPORT_PY = """
def check() -> None:
    per_question = text.split("Answer:")
    per_question.pop(0)
    question_constraints = {
        "question_1": NoConstraints(),
        "question_2": LengthConstraints(min_length=20, max_length=40),
        "question_3": LengthConstraints(min_length=10, max_length=30),
        "question_4": MultiConstraints(
            constrains=[LengthConstraints(min_length=10, max_length=50), ImageConstraints(min_images=1, max_images=2)]
        ),
        "question_5": ImageConstraints(min_images=1, max_images=1),
        "question_6": LengthConstraints(min_length=5, max_length=25),
    }
    if len(answers) != 6:
        raise ValueError("Number of answers are different from the expected 6.")
"""

SHARED = ROOT.parent / "shared"

requires_shared = pytest.mark.skipif(
    not (SHARED / "corpus" / "manifest.json").is_file(),
    reason="../shared/corpus is not beside this checkout (as on a user's clone)",
)


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo``; its output."""
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


_SUMMARY = re.compile(r"Found (\d+) findings?(?: in (\d+) reports)? \(")


def findings(out: str) -> list[str]:
    """Text output's finding lines, after checking that its last line is the summary and counts them.

    JSON and github output, which have no summary, come back as their lines.
    """
    lines = out.splitlines()
    if not lines or lines[0].startswith(("[", "::")):
        return lines
    *found, summary = lines
    match = _SUMMARY.match(summary)
    assert match, f"the last line is not the summary: {summary!r}"
    assert int(match.group(1)) == len(found), summary
    return found


def check_run(capsys, main, *args: str, template: list[str] = TEMPLATE) -> tuple[int, list[str], str]:
    """An entry point run with ``template`` (the example template): its exit code, the finding lines of its text
    output (its closing line checked, and left out) and its stderr."""
    code = main([*template, *args])
    out, err = capsys.readouterr()
    return code, findings(out), err


def corpus_module():
    sys.path.insert(0, str(SHARED / "tools"))
    import corpus

    return corpus


def fill(template: str, answers: dict[int, str]) -> str:
    """The template with the placeholder line of each listed question replaced by its answer."""
    for number, answer in answers.items():
        placeholder = f"\n--- question {number} fill here ---\n"
        assert template.count(placeholder) == 1, number
        template = template.replace(placeholder, f"\n{answer}\n")
    return template


PNG = b"\x89PNG\r\n\x1a\n" + bytes(8)


def with_figures(report: Path) -> Path:
    """The report, with the screenshots the good answers show (figures/dashboard.png, figures/pipeline.png) beside
    it."""
    figures = report.parent / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    for name in ("dashboard.png", "pipeline.png"):
        (figures / name).write_bytes(PNG)
    return report


def words(count: int, word: str = "word") -> str:
    return " ".join([word] * count)


# One-line answers that meet every limit and keep each line where the example template has it.
ONE_LINE_ANSWERS = {
    1: "Group 7",
    2: words(30),
    3: words(20),
    4: words(20) + " ![d](figures/dash.png)",
    5: "![p](figures/pipe.png)",
    6: words(10),
}


@pytest.fixture
def template_text() -> str:
    return EXAMPLE_TEMPLATE.read_text(encoding="utf-8")


@pytest.fixture
def good_answers() -> dict[int, str]:
    """Answers that meet every limit of the example template."""
    return {
        1: "Group 7",
        2: words(30),
        3: words(20),
        4: words(20) + "\n\n![dashboard](figures/dashboard.png)",
        5: "![pipeline](figures/pipeline.png)",
        6: words(10),
    }
