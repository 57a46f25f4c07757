"""One report file, read once and seen both ways: as markdown and as the official checker sees it."""

from __future__ import annotations

import os
import posixpath
from typing import NamedTuple

from hooks.markdown import Report, has_answer_marker, parse_report
from hooks.official import Checker, CheckerError, OfficialView, decode, official_view, read_report_py
from hooks.repository import Outside, ReadError, RepoFiles, read_regular_file, root_for
from hooks.templates import GRADED_REPORT, Template, detect, registry


class InputError(Exception):
    """A file that cannot be checked; the message is one line for the user."""


class Document(NamedTuple):
    path: str
    report: Report
    template: Template
    official: OfficialView


_GRADED_PATH = tuple(GRADED_REPORT.split("/"))


def _last_two(path: str) -> tuple[str, str]:
    folder, name = os.path.split(os.path.abspath(path))
    return os.path.basename(folder), name


def at_graded_path_in_any_case(path: str) -> bool:
    return tuple(part.casefold() for part in _last_two(path)) == tuple(p.casefold() for p in _GRADED_PATH)


def find_reports(folder: str) -> list[str]:
    """Every reports/README.md, in any case, under a folder, in order; hidden folders and symlinks are not entered,
    as a course's clones keep no report there."""
    found = []
    for top, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        paths = (os.path.join(top, name) for name in sorted(files))
        found += [path for path in paths if at_graded_path_in_any_case(path)]
    return found


def misnamed_report(path: str) -> str | None:
    """'reports/readme.md' for a report in another case of reports/README.md, the only path the grader reads."""
    found = _last_two(path)
    return "/".join(found) if found != _GRADED_PATH and at_graded_path_in_any_case(path) else None


def read_bytes(path: str) -> bytes:
    """A regular file's bytes (see ``read_regular_file``)."""
    try:
        return read_regular_file(path)
    except ReadError as error:
        raise InputError(str(error)) from None


def report_target(path: str) -> str:
    """The file a report path names: itself, or the target of its symlink when that stays in the repository.

    What is behind a link that leaves the repository is never read or written.
    """
    files = RepoFiles(root_for(path), None)
    relative = files.relative(path)
    try:
        found = files.find(relative)
    except Outside:
        raise InputError("is a symlink, or in a folder that is one, that leads out of the repository") from None
    if found is None or found.spelled != posixpath.normpath(relative):
        return path  # missing, or there only in another case: reading it says what the file system says
    return os.path.join(files.root, found.real)


def decode_text(data: bytes) -> str:
    try:
        return decode(data)
    except UnicodeDecodeError as error:
        raise InputError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}){_looks_like(data)}; "
            "save it as UTF-8"
        ) from None


def _looks_like(data: bytes) -> str:
    """The encoding bytes that are not UTF-8 probably are in, as a clause of the error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\x00") > len(data[:200]) // 4:
        return ": it looks like UTF-16"
    if all(byte >= 0x20 or byte in b"\t\r\n" for byte in data[:4096]):
        return ": it looks like Latin-1 (Windows-1252)"
    return ""


def read_text(path: str) -> str:
    return decode_text(read_bytes(path))


def read_checker(path: str, source: str | None = None) -> Checker:
    """The checker a report.py is, read from its source without running it."""
    try:
        return read_report_py(read_text(path) if source is None else source, path)
    except CheckerError as error:
        raise InputError(f"cannot be read as a checker: {error}") from None


def build_document(path: str, text: str, template: Template | None, checker: Checker | None = None) -> Document | None:
    """The document for decoded text, or None when it is not a report (no question headings).

    It is graded by ``checker`` when given, else by the final checker of its template's run.
    """
    if not text.strip():
        raise InputError("is empty: the official checker finds no 'Answer:' in it and aborts")
    report = parse_report(text)
    if not report.questions and not _is_exam_report(path, report):
        return None
    if template is None:
        template = detect(report)
        if template is None and not report.questions:
            # Without a question there is no prompt to tell the revision by; the newest run grades the same way.
            template = registry()[-1]
        if template is None:
            raise InputError(
                "cannot tell which template revision this report follows; pass --template or --template-file"
            )
    return Document(path, report, template, official_view(text, checker or template.checker))


def _is_exam_report(path: str, report: Report) -> bool:
    """Whether a file without question headings is still the exam report: by its path, title or markers."""
    if at_graded_path_in_any_case(path):
        return True
    titles = {template.title for template in registry()}
    return (report.title is not None and report.title.text in titles) or has_answer_marker(report)


def load_document(path: str, template: Template | None, checker: Checker | None = None) -> Document | None:
    return build_document(path, read_text(path), template, checker)
