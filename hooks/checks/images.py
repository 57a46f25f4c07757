"""Images: every screenshot counted the way the grader counts it, and really there in the commit.

The family of the ``IMG`` rules. The counts (IMG001, IMG002, IMG014) are checked here; each image's file, with
the rules about it, in ``hooks.checks.figures``.
"""

import posixpath
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence

from hooks.checks import figures
from hooks.checks.document import Document, grader_reads, limits_of, off_limits
from hooks.checks.rules import Example, Finding, Rule, Settings
from hooks.core.files import RepoFiles
from hooks.core.inline import PATH_WITH_SPACE, Image, find_images, linked_image_files
from hooks.core.official import counted_images
from hooks.core.report import answer_holding
from hooks.core.text import lines_list, listed

_PIPELINE = "![pipeline](figures/pipeline.png)"

IMAGE_COUNT = Rule(
    "IMG001",
    "image-count",
    "A question's image count, as the official checker counts it (its pattern over its answer text), is "
    "outside its limit in the checker's table. When the page shows images the checker does not count (an `<img>` "
    "tag, a reference-style image), the message names them, and their `IMG002` findings are folded into it.",
    why="The official checker prints one WARNING line for it, and the staff count those lines.",
    how_to_fix="Add or remove screenshots, each written `![text](figures/name.png)`: a plain link, an `<img>` tag or a "
    "reference-style image is not counted.",
    example=Example("Our pipeline has three steps: data, training and serving.", _PIPELINE, 5, at="### Question 5"),
    absorbs=("IMG002",),
)
COUNT_DIFFERS = Rule(
    "IMG002",
    "count-differs",
    "What the grader counts and what a reader sees differ: an image in a code block or an HTML comment is "
    "counted but never shows; an `<img>` tag or a reference-style image shows but is not counted. "
    "Reported in questions that ask for images.",
    why="The grader's count and the page a teacher reads disagree: an image counted that nobody sees, or one seen "
    "that the count misses.",
    how_to_fix="Write each screenshot as `![text](figures/name.png)` in the answer's text, outside code and comments.",
    warning_when="the image shows but the grader does not count it: the page loses nothing, and where the count "
    "then fails its limit, `IMG001` says so",
    example=Example(
        "The dashboard shows our three best runs.\n\n```\n![dashboard](figures/dashboard.png)\n```",
        "The dashboard shows our three best runs.\n\n![dashboard](figures/dashboard.png)",
        4,
        at="![dashboard]",
    ),
)


SPACE_IN_PATH = Rule(
    "IMG014",
    "space-in-path",
    "An image whose path has a space (`![plot](figures/loss curve.png)`): it is no image in markdown, so GitHub "
    "shows its text, but the official checker's pattern counts it.",
    why="The grader counts a screenshot that the page does not show.",
    how_to_fix="Write `%20` for each space (`figures/loss%20curve.png`), put the path in `<...>`, or rename the file.",
    example=Example("![pipeline](figures/our pipeline.png)", _PIPELINE, 5),
)
RULES = tuple(sorted((IMAGE_COUNT, COUNT_DIFFERS, SPACE_IN_PATH, *figures.RULES), key=lambda rule: rule.code))


def count_findings(document: Document, images: Sequence[Image]) -> Iterator[Finding]:
    """The questions whose image count the grader fails, with what the page shows that it does not count."""
    links: tuple[tuple[int, str], ...] | None = None
    counted = counted_images(document.report.lines)
    for off in off_limits(document, "images"):
        message = f"Question {off.number}: {off.describe('images')}" + grader_reads(document, off.span, off.number)
        question = document.report.question(off.number)
        covers: tuple[int, ...] = ()
        if off.counted < off.low and question is not None and question.answer_line is not None:
            # Images the page shows but the pattern misses are why it counts too few: this finding says so (IMG002).
            uncounted = [
                image
                for image in images
                if question.in_answer(image.line) and not image.hidden_in and (image.line, image.column) not in counted
            ]
            if uncounted:
                kinds = listed(list(dict.fromkeys(_KIND_NAMES[image.kind] for image in uncounted)))
                lines = list(dict.fromkeys(image.line for image in uncounted))
                where = f"line {lines[0]}" if len(lines) == 1 else f"lines {lines_list(lines)}"
                if len(uncounted) == 1:
                    message += (
                        f"; the page shows {kinds} on {where} that the official checker does not count: write it as "
                        "![text](figures/name.png)"
                    )
                else:
                    message += (
                        f"; the page shows {len(uncounted)} images on {where} that the official checker does not "
                        f"count ({kinds}): write each as ![text](figures/name.png)"
                    )
                covers = (off.line, *lines)
            elif off.counted == 0:
                links = linked_image_files(document.report) if links is None else links
                linked = [url for line, url in links if question.in_answer(line)]
                if linked:
                    message += f"; the answer links {linked[0]!r} without '!', which makes a link, not an image"
        yield Finding(document.path, off.line, IMAGE_COUNT, message, off.number, covers=covers, graded=True)


_KIND_NAMES = {"html": "an <img> tag", "reference": "a reference-style image", "inline": "a markdown image"}


def difference_findings(document: Document, images: Sequence[Image]) -> Iterator[Finding]:
    """Where what the grader counts and what the reader sees part ways, in questions that ask for images."""
    counted = counted_images(document.report.lines)
    image_lines = [image.line for image in images]
    for question in document.report.questions:
        limits = limits_of(document, question.number)
        if limits is None or limits.min_images is None:
            continue
        if question.answer_line is None or question.answer_end_line is None:
            continue
        number = question.number
        first = bisect_left(image_lines, question.answer_line)
        for image in images[first : bisect_right(image_lines, question.answer_end_line)]:
            official = (image.line, image.column) in counted
            if image.hidden_in == PATH_WITH_SPACE:
                continue  # IMG014's
            if official and image.hidden_in:
                message = (
                    f"Question {number}: the official checker counts this image, but it is in {image.hidden_in} "
                    "and does not show"
                )
            elif not official and not image.hidden_in:
                what = _KIND_NAMES[image.kind]
                message = f"Question {number}: this image shows, but the official checker does not count {what}"
                yield Finding(document.path, image.line, COUNT_DIFFERS, message, number, level="warning")
                continue
            else:
                continue
            yield Finding(document.path, image.line, COUNT_DIFFERS, message, number)


def space_findings(document: Document, images: Sequence[Image]) -> Iterator[Finding]:
    """Images whose path has a space: GitHub shows their text, the grader counts them."""
    question_at = _answer_of(document)
    for image in images:
        if image.hidden_in == PATH_WITH_SPACE:
            number = question_at(image.line)
            message = (
                f"the path {image.url!r} has a space, so GitHub shows this image's markdown as text, but the official "
                "checker counts an image; write %20 for each space, or put the path in <...>"
            )
            said = message if number is None else f"Question {number}: {message}"
            yield Finding(document.path, image.line, SPACE_IN_PATH, said, number)


def _answer_of(document: Document) -> Callable[[int], int | None]:
    """The number of the question whose answer holds a line, if one does."""
    holding = answer_holding(document.report)

    def question_at(line: int) -> int | None:
        question = holding(line)
        return None if question is None else question.number

    return question_at


def findings(document: Document, settings: Settings) -> Iterator[Finding]:
    images = find_images(document.report)
    if settings.changed is None:
        yield from count_findings(document, images)
        yield from difference_findings(document, images)
        yield from space_findings(document, images)
    if not settings.unused and all(image.hidden_in for image in images):
        return
    files = RepoFiles.for_report(document.path)
    question_at = _answer_of(document)
    changed = None if settings.changed is None else {path.casefold(): how for path, how in settings.changed.items()}
    used = set()
    for image, located, problems in figures.shown_figures(document, images, files, settings.figures_dir):
        if located.found is not None:
            used.add(located.found.spelled)
        caused = None if changed is None else figures.caused_by(located, changed)
        number = question_at(image.line)
        for rule, message, level in problems:
            if caused is not None and rule not in caused:
                continue
            said = message if number is None else f"Question {number}: {message}"
            cause = figures.LFS_CAUSE if rule is figures.LFS_POINTER else None
            yield Finding(document.path, image.line, rule, said, number, cause=cause, level=level)
    if settings.unused and changed is None:
        report_dir = posixpath.dirname(files.relative(document.path))
        figures_dir = posixpath.normpath(posixpath.join(report_dir, settings.figures_dir))
        yield from figures.unused_findings(document, used, files, report_dir, figures_dir)
