"""The course's conventions: the words and paths of its template and its grader, in one place.

Everything here is a fact about the DTU 02476 template (``reports/README.md``) and its
``report.py``: the marker the grader splits on, the placeholder a group replaces, the
question headings, the prompt's length line and example, the stand-ins of the examples.
It imports nothing from the package; the rest of the package imports these names.
"""

import os
import re
from functools import cache
from typing import Any

# The template ends every prompt with this marker, and the course's checker splits the report on it.
ANSWER_MARKER = "Answer:"
# The template's path in the course repository and in every group's: the one file the grader reads.
GRADED_REPORT = "reports/README.md"
GRADED_FOLDER, GRADED_NAME = GRADED_REPORT.split("/")
# Where the course keeps the template: a revision's text is GRADED_REPORT at the revision's commit.
COURSE_REPOSITORY = "https://github.com/SkafteNicki/dtu_mlops"
# The warning category the 2023-2024 report.py raises for a broken limit; later ones log loguru's WARNING level.
TEACHER_WARNING = "TeacherWarning"
LOGGED_WARNING = "WARNING"

# A question's heading, "### Question 3"; renamed or at another level, the label alone ("## Q3", "#### Question 3").
QUESTION_HEADING = re.compile(r"Question\s+(\d+)\b")
RENAMED_QUESTION_HEADING = re.compile(r"(?i)(?:question|q)\s*(\d+)\s*[:.]?")

# A prompt's length line, "Recommended answer length: 100-200 words", and its image requests.
LENGTH_LINE = re.compile(r"(?i)answer length:\s*(\d+)\s*(?:-|to)\s*(\d+)\s*words")
IMAGE_RANGE = re.compile(r"(?i)\b(\d+)\s*(?:-|to)\s*(\d+)\s+(?:screenshots?|images?|figures?)\b")
ONE_IMAGE = re.compile(r"(?i)\b(?:one|a|an|1)\s+(?:screenshot|image|figure)\b")
# The prompt's example answer starts with this label and runs to the end of the prompt.
EXAMPLE_LABEL = "example"
_EXAMPLE_PREFIX = re.compile(r"(?i)^example:")

# Stand-ins from the template's examples that a group is meant to replace, with what each is: text no group
# writes as its own. A ' ... ' is no stand-in by itself (groups write their own ellipses): an example's blank is
# found with its sentence (EXAMPLE_BLANK).
STAND_INS = (
    (re.compile(r"\bs[xX]{4,}\b"), "a study number stand-in ('sXXXXXX')"),
    (re.compile(r"(?i)<web(?:link|url)>"), "a link stand-in ('<weblink>')"),
    (re.compile(r"(?i)\[\s*(?:image|figure|screenshot)s?\s+placeholder\b[^\]]*\]"), "an image stand-in"),
)
# What marks a blank in a sentence of the example, to be filled in: '...', 'X' ('X tests', 'X%'), a stand-in (its
# '>' gone, as prompt text is normalized).
EXAMPLE_BLANK = re.compile(r"\.\.\.|\u2026|\bX\b|\bs[xX]{4,}\b|(?i:<web(?:link|url))")
# A sentence of the example without a blank is reported only from this many words: a short one ('We used FastAPI
# to do this.') is as likely a group's own.
EXAMPLE_SENTENCE_WORDS = 8

# The template's fill-in line, "--- question 3 fill here ---", however a group or
# its editor changed it: spacing, dash count, typographic dashes, backticks.
_PLACEHOLDER = r"(?i)^\s*`*\s*(?:\p{Pd}|\u2212)+\s*question\s*\d*\s*fill\s*here\s*(?:\p{Pd}|\u2212)+\s*`*\s*$"
# The same at the start of a line with text after it; possessive, so the text starts after all the dashes.
_PLACEHOLDER_BEFORE_TEXT = (
    r"(?i)^\s*`*\s*(?:\p{Pd}|\u2212)+\s*question\s*\d*\s*fill\s*here\s*(?:\p{Pd}|\u2212)++\s*+`*+\s*+(?=\S)"
)


@cache
def _unicode_pattern(pattern: str) -> Any:
    """A pattern compiled by the regex module, for \\p{Pd}: every Unicode dash."""
    import regex  # see docs/speed.md: only a line with "fill" in it needs it

    return regex.compile(pattern)


def is_placeholder(line: str) -> bool:
    return "fill" in line.lower() and _unicode_pattern(_PLACEHOLDER).match(line) is not None


def placeholder_before_text(line: str) -> int:
    """Where the text starts on a line that begins with the placeholder ('--- question 3 fill here --- We ...');
    0 when the line does not."""
    if "fill" not in line.lower():
        return 0
    match = _unicode_pattern(_PLACEHOLDER_BEFORE_TEXT).match(line)
    return match.end() if match else 0


def is_example(paragraph: str) -> bool:
    """Whether a (normalized) prompt paragraph starts the example."""
    return paragraph.lower().startswith(EXAMPLE_LABEL)


def without_example_label(text: str) -> str:
    return _EXAMPLE_PREFIX.sub("", text).strip()


def course_run(day: str) -> int | None:
    """The course run (the January exam) a date (YYYY-MM-DD) falls in: August of year Y-1 to January of year Y is run
    Y. February to July tells nothing: a project copied or kept after its exam."""
    year, month = int(day[:4]), int(day[5:7])
    if month >= 8:
        return year + 1
    return year if month == 1 else None


def _last_two(path: str) -> tuple[str, str]:
    folder, name = os.path.split(os.path.abspath(path))
    return os.path.basename(folder), name


def at_graded_path_in_any_case(path: str) -> bool:
    """Whether a path is reports/README.md, in any case."""
    return tuple(part.casefold() for part in _last_two(path)) == (GRADED_FOLDER.casefold(), GRADED_NAME.casefold())


def misnamed_report(path: str) -> str | None:
    """'reports/readme.md' for a report in another case of reports/README.md, the only path the grader reads."""
    found = _last_two(path)
    return "/".join(found) if found != (GRADED_FOLDER, GRADED_NAME) and at_graded_path_in_any_case(path) else None
