"""report-images: every screenshot counted the way the grader counts it, and really there in the commit."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from hooks.document import Document
from hooks.markdown import Image, find_images
from hooks.official import counted_images, off_limits
from hooks.rules import Family, Finding, Settings, register

IMAGE_COUNT = register(
    "IMG001",
    "image-count",
    "A question's image count, as the official checker counts it (its pattern over its answer text), is "
    "outside its limit in the checker's table.",
)
COUNT_DIFFERS = register(
    "IMG002",
    "count-differs",
    "What the grader counts and what a reader sees differ: an image in a code block or an HTML comment is "
    "counted but never shows; an `<img>` tag or a reference-style image shows but is not counted. "
    "Reported in questions that ask for images.",
)
MISSING = register(
    "IMG003",
    "missing-file",
    "The image's file does not exist. It suggests a file that differs only in extension, or one folder "
    "off (`reports/figures/x.png` written from inside `reports/`).",
)
WRONG_CASE = register(
    "IMG004",
    "wrong-case",
    "The file exists only with another case (`Figure.PNG` for `figure.png`). This works on macOS and "
    "Windows but breaks on Linux and GitHub. It is checked against the real directory entries, so it is "
    "caught on a case-insensitive file system too.",
)
UNTRACKED = register(
    "IMG005",
    "untracked-file",
    "The file exists but git does not track it. pre-commit leaves untracked files alone, so the commit "
    "would go out without the figure: `git add` it. Not checked outside a git repository.",
)
EXTENSION = register(
    "IMG006",
    "extension",
    "The file is not `.png`, `.jpg` or `.jpeg`, the types the template asks for.",
)
CONTENT = register(
    "IMG007",
    "content",
    "The file is empty, or its first bytes do not match its extension (a JPEG named `.png`).",
)
REMOTE = register(
    "IMG008",
    "remote",
    "A remote URL (`http(s)://`, `data:`) or an absolute path. It is never fetched or read.",
)
OUTSIDE = register(
    "IMG009",
    "outside-repository",
    "The path leaves the repository (`../../..`), or goes through a symlink out of it. It is never read.",
)
OUTSIDE_FIGURES = register(
    "IMG010",
    "outside-figures",
    "The image is not in the figures folder (`--figures-dir`).",
    "warning",
)
UNUSED = register(
    "IMG011",
    "unused-figure",
    "A file in the figures folder that no image uses (with `--unused`).",
    "warning",
)

EXTENSIONS = (".png", ".jpg", ".jpeg")
_FIGURE_EXTENSIONS = (*EXTENSIONS, ".gif", ".svg", ".webp")
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"RIFF", "WebP"),
    (b"%PDF", "PDF"),
    (b"<svg", "SVG"),
    (b"<?xml", "SVG"),
)
_EXPECTED = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


class RepoFiles:
    """The only door to the file system and git: listings, tracked paths and file signatures.

    Paths are repository-relative POSIX paths. Nothing outside ``root`` is ever
    listed or opened: callers check that a path stays inside before asking.
    """

    def __init__(self, root: str, tracked: frozenset[str] | None) -> None:
        self.root = root
        self.tracked = tracked  # None outside a git repository
        self._entries: dict[str, tuple[str, ...] | None] = {}

    @classmethod
    def for_report(cls, report_path: str) -> RepoFiles:
        directory = os.path.dirname(os.path.abspath(report_path))
        top = _repository_top(directory)
        if top is None:
            # Without git, the working directory stands for the repository when it holds the report.
            here = os.getcwd()
            return cls(here if directory.startswith(here + os.sep) or directory == here else directory, None)
        listing = _git(top, "ls-files", "-z")
        return cls(top, None if listing is None else frozenset(name for name in listing.split("\0") if name))

    def entries(self, directory: str) -> tuple[str, ...] | None:
        """The names in a repository directory, exactly as stored; None if it is not a directory."""
        if directory not in self._entries:
            try:
                with os.scandir(os.path.join(self.root, directory)) as scan:
                    self._entries[directory] = tuple(entry.name for entry in scan)
            except OSError:
                self._entries[directory] = None
        return self._entries[directory]

    def real_path_inside(self, path: str) -> bool:
        """Whether the path, with every symlink followed, stays inside the repository."""
        root = os.path.realpath(self.root)
        real = os.path.realpath(os.path.join(self.root, path))
        return real == root or real.startswith(root + os.sep)

    def head(self, path: str, size: int = 16) -> bytes:
        with open(os.path.join(self.root, path), "rb") as file:
            return file.read(size)


def _repository_top(directory: str) -> str | None:
    """The nearest folder at or above ``directory`` that holds ``.git``, as git finds it."""
    while True:
        if os.path.exists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _git(directory: str, *args: str) -> str | None:
    import subprocess  # see README, Speed

    try:
        done = subprocess.run(["git", *args], cwd=directory, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def _is_remote(url: str) -> bool:
    head = url.split("/", 1)[0]
    return url.startswith("//") or (":" in head and head.split(":", 1)[0].replace("+", "").replace(".", "").isalnum())


def count_findings(document: Document) -> Iterator[Finding]:
    for off in off_limits(document, "images"):
        message = f"Question {off.number}: {off.describe('images')}"
        yield Finding(document.path, off.line, IMAGE_COUNT, message, off.number)


def difference_findings(document: Document, images: Sequence[Image]) -> Iterator[Finding]:
    """Where what the grader counts and what the reader sees part ways, in questions that ask for images."""
    counted = counted_images(document.report.lines)
    for question in document.report.questions:
        checker = document.official.checker
        if question.number > checker.expected or checker.limits[question.number - 1].min_images is None:
            continue
        if question.answer_line is None or question.answer_end_line is None:
            continue
        number = question.number
        for image in images:
            if not question.answer_line <= image.line <= question.answer_end_line:
                continue
            official = (image.line, image.column) in counted
            if official and image.hidden_in:
                message = (
                    f"Question {number}: the official checker counts this image, but it is in {image.hidden_in} "
                    "and does not show"
                )
            elif not official and not image.hidden_in:
                what = "an <img> tag" if image.kind == "html" else "a reference-style image"
                message = f"Question {number}: this image shows, but the official checker does not count {what}"
            else:
                continue
            yield Finding(document.path, image.line, COUNT_DIFFERS, message, number)


def _resolve(files: RepoFiles, report_dir: str, url: str) -> tuple[str | None, str | None]:
    """The repository path an image points at, or why it cannot be resolved (remote, outside)."""
    if _is_remote(url):
        return None, "remote"
    if url.startswith("/"):
        return None, "absolute"
    path = url.split("#", 1)[0].split("?", 1)[0]
    joined = posixpath.normpath(posixpath.join(report_dir, path)) if report_dir else posixpath.normpath(path)
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None, "outside"
    if not files.real_path_inside(joined):
        return None, "outside"
    return joined, None


def _on_disk(files: RepoFiles, path: str) -> str | None:
    """The path as the directory entries spell it, matching case only if it must; None if absent.

    Comparing with the real entries, not asking the file system, finds a wrong case on a
    case-insensitive file system too.
    """
    stored: list[str] = []
    for part in path.split("/"):
        entries = files.entries("/".join(stored))
        if entries is None:
            return None
        if part not in entries:
            folded = [name for name in entries if name.casefold() == part.casefold()]
            if not folded:
                return None
            part = folded[0]
        stored.append(part)
    return "/".join(stored)


def _suggestion(files: RepoFiles, report_dir: str, path: str) -> str:
    """A file the link probably meant: another extension, or one folder off."""
    directory, name = posixpath.split(path)
    stem = posixpath.splitext(name)[0].casefold()
    for entry in files.entries(directory) or ():
        if posixpath.splitext(entry)[0].casefold() == stem:
            return f"; did you mean {_relative(report_dir, posixpath.join(directory, entry))!r}?"
    candidates = [posixpath.join(report_dir, "figures", name), posixpath.join(posixpath.dirname(report_dir), path)]
    if path.startswith(report_dir + "/") and report_dir:
        candidates.append(posixpath.join(report_dir, path[len(report_dir) + 1 :]))
    parts = path.split("/")
    candidates.append("/".join(parts[:-2] + parts[-1:]))
    for candidate in candidates:
        candidate = posixpath.normpath(candidate)
        if candidate != path and not candidate.startswith("..") and _on_disk(files, candidate) is not None:
            return f"; there is {_relative(report_dir, candidate)!r}"
    return ""


def _relative(report_dir: str, path: str) -> str:
    return posixpath.relpath(path, report_dir or ".")


class _Located(NamedTuple):
    """Where a shown image points: its repository path, what is on disk there, or why not."""

    image: Image
    problem: str | None  # "remote", "absolute", "outside" or "missing"; None when the file is there
    path: str | None  # the repository path the link names
    stored: str | None  # the path as the directory entries spell it, when the file exists


def _locate(files: RepoFiles, report_dir: str, image: Image) -> _Located:
    path, problem = _resolve(files, report_dir, image.url)
    if problem or path is None:
        return _Located(image, problem or "outside", None, None)
    stored = _on_disk(files, path)
    return _Located(image, "missing" if stored is None else None, path, stored)


def file_findings(
    document: Document, located: Sequence[_Located], files: RepoFiles, report_dir: str, figures: str
) -> Iterator[Finding]:
    figures_dir = posixpath.normpath(posixpath.join(report_dir, figures))
    for found in located:
        image, problem, path, stored = found.image, found.problem, found.path, found.stored
        if problem == "remote":
            message = f"{image.url!r} is remote: the graders may not see it; commit the file and link it under figures/"
            yield Finding(document.path, image.line, REMOTE, message)
            continue
        if problem == "absolute":
            message = f"{image.url!r} is an absolute path, which exists only on your machine; make it relative"
            yield Finding(document.path, image.line, REMOTE, message)
            continue
        if problem == "outside" or path is None:
            yield Finding(document.path, image.line, OUTSIDE, f"{image.url!r} points outside the repository")
            continue
        if problem == "missing" or stored is None:
            message = f"{image.url!r} does not exist" + _suggestion(files, report_dir, path)
            yield Finding(document.path, image.line, MISSING, message)
            continue
        if stored != path:
            message = (
                f"{image.url!r} differs in case from the file {_relative(report_dir, stored)!r}: it shows on macOS "
                "and Windows, but not on Linux or GitHub"
            )
            yield Finding(document.path, image.line, WRONG_CASE, message)
        shown = _relative(report_dir, stored)
        if files.tracked is not None and stored not in files.tracked:
            message = f"{shown!r} is not tracked by git, so the commit would go out without it: git add {stored}"
            yield Finding(document.path, image.line, UNTRACKED, message)
        extension = posixpath.splitext(stored)[1].lower()
        if extension not in EXTENSIONS:
            message = f"{shown!r} is not .png, .jpg or .jpeg, as the template asks"
            yield Finding(document.path, image.line, EXTENSION, message)
        else:
            problem_text = _content_problem(files, stored, extension)
            if problem_text:
                yield Finding(document.path, image.line, CONTENT, f"{shown!r} {problem_text}")
        if not (stored + "/").startswith(figures_dir + "/"):
            message = f"{shown!r} is outside the {figures}/ folder"
            yield Finding(document.path, image.line, OUTSIDE_FIGURES, message)


def _content_problem(files: RepoFiles, path: str, extension: str) -> str:
    try:
        head = files.head(path)
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if not head:
        return "is empty"
    expected = _EXPECTED[extension]
    actual = next((kind for signature, kind in _SIGNATURES if head.startswith(signature)), None)
    if actual == expected:
        return ""
    return f"is not a {expected} image" + (f": it is {actual}" if actual else "")


def unused_findings(
    document: Document, located: Sequence[_Located], files: RepoFiles, report_dir: str, figures: str
) -> Iterator[Finding]:
    figures_dir = posixpath.normpath(posixpath.join(report_dir, figures))
    used = {found.stored for found in located}
    for name in sorted(files.entries(figures_dir) or ()):
        path = posixpath.join(figures_dir, name)
        if posixpath.splitext(name)[1].lower() in _FIGURE_EXTENSIONS and path not in used:
            message = f"{_relative(report_dir, path)!r} is not used by any image in the report"
            yield Finding(document.path, 1, UNUSED, message)


def check(document: Document, settings: Settings) -> Iterator[Finding]:
    images = find_images(document.report)
    yield from count_findings(document)
    yield from difference_findings(document, images)
    if not any(not image.hidden_in for image in images) and not settings.unused:
        return
    files = RepoFiles.for_report(document.path)
    report_path = os.path.relpath(os.path.abspath(document.path), files.root).replace(os.sep, "/")
    report_dir = posixpath.dirname(report_path)
    located = [_locate(files, report_dir, image) for image in images if not image.hidden_in]
    yield from file_findings(document, located, files, report_dir, settings.figures_dir)
    if settings.unused:
        yield from unused_findings(document, located, files, report_dir, settings.figures_dir)


FAMILY = Family("IMG", check, settings=("figures_dir", "unused"))


def main(argv: Sequence[str] | None = None) -> int:
    from hooks.cli import run

    return run(argv, [FAMILY], "report-images", "Check that every screenshot is counted, present and committed.")


if __name__ == "__main__":
    raise SystemExit(main())
