"""Each image's file (IMG003-IMG013): there in the commit, in the case the link writes, a real image inside the
repository, and not a Git LFS pointer; and, for a commit that leaves the report alone, what that commit breaks.
"""

import posixpath
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from hooks.checks.document import Document
from hooks.checks.rules import Example, Finding, Rule, Settings
from hooks.core.files import Found, Outside, ReadError, RepoFiles, content_type
from hooks.core.git import DELETED, MODIFIED, TYPE_CHANGED
from hooks.core.inline import Image, find_images

_PIPELINE = "![pipeline](figures/pipeline.png)"

MISSING = Rule(
    "IMG003",
    "missing-file",
    "The image's file does not exist. It suggests a file that differs only in extension, or one folder "
    "off (`reports/figures/x.png` written from inside `reports/`).",
    why="GitHub shows a broken image where the screenshot should be, although the grader counts it.",
    how_to_fix="Commit the file, or correct the path: it is relative to the report's folder.",
    example=Example("![pipeline](figures/pipline.png)", _PIPELINE, 5),
)
WRONG_CASE = Rule(
    "IMG004",
    "wrong-case",
    "The file exists only with another case (`Figure.PNG` for `figure.png`). This works on macOS and "
    "Windows but breaks on Linux and GitHub. It is checked against the real directory entries, so it is "
    "caught on a case-insensitive file system too.",
    why="GitHub's file names are case-sensitive: the image shows on your laptop and is broken on the page.",
    how_to_fix="Write the name exactly as the file is named, or rename the file with `git mv`.",
    example=Example("![pipeline](figures/Pipeline.png)", _PIPELINE, 5),
)
UNTRACKED = Rule(
    "IMG005",
    "untracked-file",
    "The file exists but git does not track it. pre-commit leaves untracked files alone, so the commit "
    "would go out without the figure: `git add` it. Not checked outside a git repository.",
    why="The commit goes out without the figure, so GitHub shows a broken image.",
    how_to_fix="`git add` the file, as the message says.",
)
EXTENSION = Rule(
    "IMG006",
    "extension",
    "The file is not `.png`, `.jpg` or `.jpeg`, the types the template asks for, and not an image GitHub shows "
    "either (a `.pdf`, a `.tiff`).",
    why="GitHub shows a link or nothing instead of the screenshot.",
    how_to_fix="Export the screenshot as `.png` or `.jpg` and link that file.",
)
CONTENT = Rule(
    "IMG007",
    "content",
    "The file is empty, not an image, or an image of another type than its extension says (a JPEG named `.png`).",
    why="GitHub shows an empty file or one that is no image as a broken image.",
    how_to_fix="Save the screenshot again in the format its extension names, or rename it to match its content.",
    warning_when="the file is a PNG, JPEG, GIF or WebP image under another image extension: GitHub and every "
    "browser show an image by its content",
)
REMOTE = Rule(
    "IMG008",
    "remote",
    "An image that is not a file of the repository: a remote URL (`http(s)://`), a `data:` URL, a path on your "
    "machine (`file:`, `C:\\...`), or an absolute path that the repository does not have. It is never fetched or "
    "read. A path that starts with `/` and names a file of the repository is that file: GitHub reads it from the "
    "repository's root.",
    why="GitHub drops `data:` images, and a path on your machine is nowhere on the page; a remote image shows, but "
    "can change or vanish after the deadline.",
    how_to_fix="Commit the screenshot under `figures/` and link it with a relative path.",
    example=Example("![pipeline](data:image/png;base64,iVBORw0KGgo=)", _PIPELINE, 5),
    warning_when="the URL is remote (`http(s)://`): GitHub shows the image while the URL answers",
)
OUTSIDE = Rule(
    "IMG009",
    "outside-repository",
    "The path leaves the repository (`../../..`), or goes through a symlink out of it. It is never read.",
    why="Nothing outside the repository reaches GitHub: the image is broken on the page.",
    how_to_fix="Copy the file into `figures/`, commit it, and link it there.",
    example=Example("![pipeline](../../pipeline.png)", _PIPELINE, 5),
)
OUTSIDE_FIGURES = Rule(
    "IMG010",
    "outside-figures",
    "The image is not in the figures folder (`--figures-dir`).",
    why="The template keeps screenshots in `reports/figures/`; graders look for them there.",
    how_to_fix="Move the file into the figures folder (`git mv`) and change the link.",
    severity="warning",
)
UNUSED = Rule(
    "IMG011",
    "unused-figure",
    "A file in the figures folder that no image uses (with `--unused`).",
    why="A screenshot nobody links is either forgotten in the report or clutter in the repository.",
    how_to_fix="Link it in the answer it belongs to, or delete it.",
    severity="warning",
)
OTHER_TYPE = Rule(
    "IMG012",
    "other-image-type",
    "The file is a `.gif`, `.svg` or `.webp` image: GitHub shows it, but the template asks for `.png`, `.jpg` "
    "or `.jpeg`.",
    why="The page shows it, but the template asks for `.png` or `.jpg`.",
    how_to_fix="Export it as `.png` or `.jpg` if the course insists; otherwise leave it.",
    severity="warning",
)
LFS_POINTER = Rule(
    "IMG013",
    "lfs-pointer",
    "The file is a Git LFS pointer (`version https://git-lfs.github.com/spec/v1`), not the image: GitHub shows the "
    "image, but a checkout without git-lfs, a CI default, has only the pointer. Its content is not checked.",
    why="Nothing breaks on GitHub; a tool or a grader that reads the checkout without git-lfs sees no image.",
    how_to_fix="Nothing, if GitHub shows it; to keep screenshots out of LFS, `git lfs untrack` their pattern and add "
    "them again.",
    severity="warning",
    folds=True,
)
RULES = (
    MISSING,
    WRONG_CASE,
    UNTRACKED,
    EXTENSION,
    CONTENT,
    REMOTE,
    OUTSIDE,
    OUTSIDE_FIGURES,
    UNUSED,
    OTHER_TYPE,
    LFS_POINTER,
)


LFS_CAUSE = (
    "the figures are Git LFS pointers: GitHub shows the images, but a checkout without git-lfs has only the pointers"
)
_LFS = b"version https://git-lfs.github.com/spec/"

EXTENSIONS = (".png", ".jpg", ".jpeg")
# The image type of each extension GitHub shows; the template asks for the first three only.
_TYPES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP", ".svg": "SVG"}
# Enough of a file to tell its type: an SVG may open with an XML declaration, a comment or a doctype.
_HEAD = 1024


def _scheme(url: str) -> str | None:
    """A URL's scheme, lower case ('https', 'data', 'c' for a Windows drive), '//' for a host without one; None for a
    path."""
    if url.startswith("//"):
        return "//"
    head = url.split("/", 1)[0]
    scheme = head.split(":", 1)[0] if ":" in head else ""
    return scheme.lower() if scheme.replace("+", "").replace(".", "").replace("-", "").isalnum() else None


def _file_part(url: str) -> str:
    """The path of a URL, without its query or fragment."""
    return url.split("#", 1)[0].split("?", 1)[0]


class Located(NamedTuple):
    """Where an image's URL points: its repository path and the file there, or why not."""

    problem: str | None  # "remote", "absolute", "outside" or "missing"; None when the file is there
    path: str | None  # the repository path the link names
    found: Found | None  # the file, as the directory entries spell it and with links followed
    trail: tuple[str, ...] = ()  # every repository path on the way to the file: the path, its links, their targets


def _locate(files: RepoFiles, report_dir: str, url: str) -> Located:
    scheme = _scheme(url)
    if scheme in ("http", "https", "//"):
        return Located("remote", None, None)
    if scheme is not None:
        return Located("data" if scheme == "data" else "machine", None, None)
    # A path that starts with '/' is read from the repository's root on GitHub.
    rooted = url.startswith("/")
    path = posixpath.normpath(_file_part(url).lstrip("/") if rooted else posixpath.join(report_dir, _file_part(url)))
    trail = [path]
    try:
        found = files.find(path, trail)
    except Outside:
        return Located("absolute" if rooted else "outside", None, None, tuple(trail))
    if found is None:
        return Located("absolute" if rooted else "missing", path, None, tuple(trail))
    return Located(None, path, found, (*trail, found.spelled, found.real))


def _exists(files: RepoFiles, path: str) -> bool:
    try:
        return files.find(path) is not None
    except Outside:
        return False


def _suggestion(files: RepoFiles, report_dir: str, path: str) -> str:
    """A file the link probably meant: another extension, or one folder off."""
    directory, name = posixpath.split(path)
    stem = posixpath.splitext(name)[0].casefold()
    try:
        folder = files.find(directory or ".")
    except Outside:
        folder = None
    entries = (files.entries(folder.real) if folder else None) or ()
    for entry in entries:
        if posixpath.splitext(entry)[0].casefold() == stem:
            return f"; did you mean {_relative(report_dir, posixpath.join(directory, entry))!r}?"
    # A misspelt name: the closest stem among the folder's images ('dashbord.png' for 'dashboard.png').
    images = {posixpath.splitext(entry)[0]: entry for entry in entries if entry.lower().endswith(EXTENSIONS)}
    if images:
        from difflib import get_close_matches  # see docs/speed.md: only for a missing file beside other images

        close = get_close_matches(posixpath.splitext(name)[0], list(images), n=1, cutoff=0.75)
        if close:
            return f"; did you mean {_relative(report_dir, posixpath.join(directory, images[close[0]]))!r}?"
    candidates = [posixpath.join(report_dir, "figures", name), posixpath.join(posixpath.dirname(report_dir), path)]
    if path.startswith(report_dir + "/") and report_dir:
        candidates.append(posixpath.join(report_dir, path[len(report_dir) + 1 :]))
    parts = path.split("/")
    candidates.append("/".join(parts[:-2] + parts[-1:]))
    for candidate in candidates:
        candidate = posixpath.normpath(candidate)
        if candidate != path and not candidate.startswith("..") and _exists(files, candidate):
            return f"; there is {_relative(report_dir, candidate)!r}"
    return ""


def _shortened(url: str) -> str:
    """A long URL (a data: URL's base64) cut for a message."""
    return url if len(url) <= 40 else url[:37] + "..."


def _relative(report_dir: str, path: str) -> str:
    return posixpath.relpath(path, report_dir or ".")


def url_findings(
    files: RepoFiles, report_dir: str, figures: str, url: str, located: Located, suggest: bool = True
) -> list[tuple[Rule, str, str | None]]:
    """What is wrong with the file an image URL points at, the same for every image that links it, with the level
    when it is not the rule's."""
    figures_dir = posixpath.normpath(posixpath.join(report_dir, figures))
    problem, path, found = located.problem, located.path, located.found
    if problem == "remote":
        message = (
            f"{url!r} is remote: GitHub shows it while the URL answers, but it can change or vanish after the "
            "deadline; commit the file and link it under figures/"
        )
        return [(REMOTE, message, "warning")]
    if problem == "data":
        return [(REMOTE, f"{_shortened(url)!r} is a data: URL, which GitHub drops: commit the image as a file", None)]
    if problem == "machine":
        return [(REMOTE, f"{url!r} is a path on your machine, which is not on the page; commit the file", None)]
    if problem == "absolute":
        message = (
            f"{url!r} is an absolute path: GitHub reads it from the repository's root, which has no such file; "
            "make it relative to the report"
        )
        return [(REMOTE, message, None)]
    if problem == "outside" or path is None:
        return [(OUTSIDE, f"{url!r} points outside the repository", None)]
    if problem == "missing" or found is None:
        if len(located.trail) > 1:  # a symlink whose target is gone
            target = _relative(report_dir, located.trail[-1])
            return [(MISSING, f"{url!r} is a symlink to {target!r}, which does not exist", None)]
        suggestion = _suggestion(files, report_dir, path) if suggest else ""
        return [(MISSING, f"{url!r} does not exist" + suggestion, None)]
    results: list[tuple[Rule, str, str | None]] = []
    if found.spelled != path:
        message = (
            f"{url!r} differs in case from the file {_relative(report_dir, found.spelled)!r}: it shows on macOS "
            "and Windows, but not on Linux or GitHub"
        )
        results.append((WRONG_CASE, message, None))
    shown = _relative(report_dir, found.spelled)
    if files.tracked is not None and found.real not in files.tracked:
        message = f"{shown!r} is not tracked by git, so the commit would go out without it: git add {found.real}"
        results.append((UNTRACKED, message, None))
    extension = posixpath.splitext(found.real)[1].lower()
    problem_text, shows = _content_problem(files, found.real, extension) if extension in _TYPES else ("", True)
    if problem_text == _LFS_POINTER_TEXT:
        message = (
            f"{shown!r} is a Git LFS pointer: GitHub shows the image, but a checkout without git-lfs (a CI default) "
            "has only the pointer"
        )
        results.append((LFS_POINTER, message, None))
    elif problem_text:
        if shows:
            problem_text += ", which GitHub shows all the same; rename it to match its content"
        results.append((CONTENT, f"{shown!r} {problem_text}", "warning" if shows else None))
    elif extension in _TYPES and extension not in EXTENSIONS:
        message = f"{shown!r} is {_TYPES[extension]}: GitHub shows it, but the template asks for .png or .jpg"
        results.append((OTHER_TYPE, message, None))
    elif extension not in EXTENSIONS:
        message = f"{shown!r} is not .png, .jpg or .jpeg, as the template asks, and GitHub does not show it as an image"
        results.append((EXTENSION, message, None))
    if not (found.spelled + "/").startswith(figures_dir + "/"):
        results.append((OUTSIDE_FIGURES, f"{shown!r} is outside the {figures}/ folder", None))
    return results


_LFS_POINTER_TEXT = "is a Git LFS pointer"


# The image types GitHub and browsers show by their content, whatever the file's extension (an SVG is not sniffed).
_SHOWN_BY_CONTENT = ("PNG", "JPEG", "GIF", "WebP")


def _content_problem(files: RepoFiles, path: str, extension: str) -> tuple[str, bool]:
    """What is wrong with a file's content for its extension ('' when nothing), and whether GitHub shows it as an
    image all the same."""
    try:
        head = files.head(path, _HEAD)
    except ReadError as error:
        return str(error), False
    if not head:
        return "is empty", False
    if head.startswith(_LFS):
        return _LFS_POINTER_TEXT, True
    expected = _TYPES[extension]
    actual = content_type(head)
    if actual == expected:
        return "", True
    return f"is not a {expected} image" + (f": it is {actual}" if actual else ""), actual in _SHOWN_BY_CONTENT


def unused_findings(
    document: Document, used: set[str], files: RepoFiles, report_dir: str, figures_dir: str
) -> Iterator[Finding]:
    try:
        folder = files.find(figures_dir)
    except Outside:
        return
    if folder is None:
        return
    for name in sorted(files.entries(folder.real) or ()):
        path = posixpath.join(folder.spelled, name)
        if posixpath.splitext(name)[1].lower() in _TYPES and path not in used:
            message = f"{_relative(report_dir, path)!r} is not used by any image in the report"
            yield Finding(document.path, 1, UNUSED, message)


class Figure(NamedTuple):
    """An image the page shows, where its URL leads, and what is wrong with that file: (rule, message, level)."""

    image: Image
    located: Located
    problems: list[tuple[Rule, str, str | None]]


def shown_figures(
    document: Document, images: Sequence[Image], files: RepoFiles, figures: str, suggest: bool = True
) -> Iterator[Figure]:
    """Every image the page shows, with its file's problems; each URL is looked up once. ``suggest``: a missing
    file's message says what it may have meant (for the first _SUGGESTIONS)."""
    report_dir = posixpath.dirname(files.relative(document.path))
    by_url: dict[str, tuple[Located, list[tuple[Rule, str, str | None]]]] = {}
    missing = 0
    for image in images:
        if image.hidden_in:
            continue
        if image.url not in by_url:
            located = _locate(files, report_dir, image.url)
            missing += located.problem == "missing"
            problems = url_findings(files, report_dir, figures, image.url, located, suggest and missing <= _SUGGESTIONS)
            by_url[image.url] = located, problems
        yield Figure(image, *by_url[image.url])


# How many missing files of a report get a "did you mean": each looks through its folder, and a report that links
# thousands of missing files needs no more than these to see what went wrong.
_SUGGESTIONS = 20


# What makes GitHub show a broken image, or none, where the report shows a figure.
_NOT_SHOWN = (MISSING, WRONG_CASE, UNTRACKED, EXTENSION, CONTENT, REMOTE, OUTSIDE)


def figures_not_shown(document: Document) -> int:
    """How many of the images the report shows GitHub will not: their files are missing, in another case, not
    committed, or no image it shows."""
    images = find_images(document.report)
    if not any(not image.hidden_in for image in images):
        return 0
    files = RepoFiles.for_report(document.path)
    return sum(_broken(figure.problems) for figure in shown_figures(document, images, files, Settings().figures_dir,
                                                                     suggest=False))  # fmt: skip


def _broken(problems: Sequence[tuple[Rule, str, str | None]]) -> bool:
    """Whether a figure's problems make GitHub show a broken image, or none."""
    return any(rule in _NOT_SHOWN and (level or rule.severity) == "error" for rule, _, level in problems)


def shown_file(files: RepoFiles, report_dir: str, url: str) -> str | None:
    """The repository path of the file GitHub shows for an image's URL; None when it shows none from the repository
    (missing, in another case, not committed, no image it shows, outside, or remote)."""
    located = _locate(files, report_dir, url)
    if located.found is None:
        return None
    problems = url_findings(files, report_dir, Settings().figures_dir, url, located, suggest=False)
    return None if _broken(problems) else located.found.real


# What a commit that leaves the report alone can break in a figure, by how it changes a path on the figure's way:
# a deletion, the file's existence (in its case, in the index); a new content, the content; a new type (a file that
# becomes a symlink, say), anything about the file.
_CAUSED_BY = {
    DELETED: (MISSING, WRONG_CASE, UNTRACKED, OUTSIDE, REMOTE),
    MODIFIED: (CONTENT, LFS_POINTER),
    TYPE_CHANGED: (MISSING, WRONG_CASE, UNTRACKED, OUTSIDE, CONTENT, LFS_POINTER, EXTENSION, OTHER_TYPE),
}


def caused_by(located: Located, changed: Mapping[str, str]) -> tuple[Rule, ...]:
    """The rules whose findings on a figure the commit's changes (paths casefolded) can cause: none when it
    changes no path on the figure's way."""
    kinds = {changed[path.casefold()] for path in located.trail if path.casefold() in changed}
    return tuple(rule for kind in sorted(kinds) for rule in _CAUSED_BY.get(kind, ()))


def is_figure(path: str) -> bool:
    """A file that a report may show: deleting, renaming or replacing it can break the page."""
    return posixpath.splitext(path)[1].lower() in _TYPES
