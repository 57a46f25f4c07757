"""Reading: a path given on the command line, to the document it is, or the reason it has none.

Every file is read through the repository's door (``hooks.repository``): regular
files only, a size cap, symlinks followed only while they stay inside. A report is
decoded as the official checker decodes it, parsed, matched to its template
revision, and graded by the checker of its run, by a ``report.py`` beside it that
no known revision came with (next year's), or by the one named in the options.
"""

import os
from typing import NamedTuple

from hooks.course import GRADED_REPORT, at_graded_path_in_any_case
from hooks.document import Document
from hooks.markdown import Report, has_answer_marker, parse_report
from hooks.official import Checker, decode, official_view
from hooks.options import Options
from hooks.repository import (
    MAX_REPORT_BYTES,
    MAX_REPORT_PY_BYTES,
    Outside,
    ReadError,
    read_regular_file,
    repository_or_folder,
    root_for,
    target_inside,
)
from hooks.templates.detect import detect
from hooks.templates.model import Template, TemplateError, from_report
from hooks.templates.report_py import CheckerError, read_report_py
from hooks.templates.revisions import known_checker, known_revisions, known_source

# Why a path given has no document to check.
UNUSABLE, NOT_A_REPORT = "unusable", "not a report"


class InputError(Exception):
    """A file that cannot be checked; the message is one line for the user."""


class Loaded(NamedTuple):
    """One path given on the command line, read: its document, or why there is none."""

    path: str
    document: Document | None = None
    problem: str | None = None  # one line for the user
    status: str | None = None  # UNUSABLE or NOT_A_REPORT when there is no document
    named: bool = True  # the problem is said after the path (one about another file names that file)
    notes: tuple[str, ...] = ()  # what the reader should know about how it is graded
    target: str = ""  # the file the path names (a symlink's target inside the repository)
    data: bytes = b""  # the file's bytes, as read
    checker: Checker | None = None  # the checker named for it or found beside it; None: its run's
    options: Options | None = None  # what it is checked with
    # A report the commit leaves alone: the paths the commit changes that a family guards (Settings.changed).
    changed: frozenset[str] | None = None

    @property
    def said(self) -> str:
        """The problem as one line for stderr."""
        return f"{self.path}: {self.problem}" if self.named else str(self.problem)


def read_bytes(path: str, cap: int = MAX_REPORT_BYTES, what: str = "a report") -> bytes:
    """A regular file's bytes, up to ``cap`` (see ``read_regular_file``)."""
    try:
        return read_regular_file(path, cap, what)
    except ReadError as error:
        raise InputError(str(error)) from None


def report_target(path: str) -> str:
    """The file a path names: itself, or the target of its symlink when that stays in the repository the path is
    in. What is behind a link that leaves it is never read or written."""
    try:
        return target_inside(path, root_for(path))
    except Outside:
        raise InputError("is a symlink, or in a folder that is one, that leads out of the repository") from None


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


def _report_py(path: str) -> str:
    """A report.py's text, read through the door of its repository, with a report.py's size cap."""
    return decode_text(read_bytes(report_target(path), MAX_REPORT_PY_BYTES, "a report.py"))


def read_checker(path: str, source: str | None = None) -> Checker:
    """The checker a report.py is, read from its source without running it."""
    try:
        return read_report_py(_report_py(path) if source is None else source, path)
    except CheckerError as error:
        raise InputError(f"is not a checker table: {error}") from None


def named_target(path: str) -> str:
    """The file an option names, inside the working folder's repository (symlinks followed only while they stay)."""
    try:
        return target_inside(path, repository_or_folder(os.getcwd()))
    except Outside:
        raise InputError("is outside the repository of the working folder, so it is not read") from None


def load_template_file(path: str) -> Template:
    """A pristine template of a year this package does not know. Raises TemplateError."""
    try:
        report = parse_report(decode_text(read_bytes(named_target(path), MAX_REPORT_BYTES, "a template")))
    except InputError as error:
        raise TemplateError(f"cannot read template file {path}: {error}") from None
    try:
        return from_report(os.path.basename(path), report)
    except TemplateError as error:
        raise TemplateError(f"{path} is not a report template: {error}") from None


def read_document(
    path: str, text: str, template: Template | None, checker: Checker | None = None
) -> tuple[Document | None, str | None]:
    """The document for decoded text, or None when it is not a report (no question headings); and a note when its
    revision had to be guessed.

    It is graded by ``checker`` when given, else by the final checker of its template's run.
    """
    if not text.strip():
        raise InputError("is empty: the official checker finds no 'Answer:' in it and aborts")
    report = parse_report(text)
    if not report.questions and not _is_exam_report(path, report):
        return None, None
    note = None
    if template is None:
        template = detect(report)
    if template is None and not report.questions:
        # Without a question there is no prompt to tell the revision by; the newest run grades the same way.
        template = known_revisions()[-1]
    if template is None:
        # Its prompts are gone (a report converted from HTML, say): the newest run with its number of questions.
        count = len(report.questions)
        template = next((t for t in reversed(known_revisions()) if t.checker.expected == count), None)
        if template is None:
            raise InputError(
                "cannot tell which template revision this report follows; pass --template or --template-file"
            )
        note = (
            f"{path}: no prompt tells which template revision it follows, so it is graded as the {template.run} "
            f"run's, the newest with {count} questions; pass --template to choose another"
        )
    return Document(path, report, template, official_view(text, checker or template.checker)), note


def build_document(path: str, text: str, template: Template | None, checker: Checker | None = None) -> Document | None:
    """The document for decoded text, or None when it is not a report (see ``read_document``)."""
    return read_document(path, text, template, checker)[0]


def _is_exam_report(path: str, report: Report) -> bool:
    """Whether a file without question headings is still the exam report: by its path, title or markers."""
    if at_graded_path_in_any_case(path):
        return True
    titles = {template.title for template in known_revisions()}
    return (report.title is not None and report.title.text in titles) or has_answer_marker(report)


def load_document(path: str, template: Template | None, checker: Checker | None = None) -> Document | None:
    return build_document(path, read_text(path), template, checker)


def find_reports(folder: str) -> list[str]:
    """Every reports/README.md, in any case, under a folder, in order; hidden folders and symlinks are not entered,
    as a course's clones keep no report there."""
    found = []
    for top, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        paths = (os.path.join(top, name) for name in sorted(files))
        found += [path for path in paths if at_graded_path_in_any_case(path)]
    return found


def _beside(path: str) -> tuple[Checker | None, str | None]:
    """A report.py beside the report whose table no known revision has (next year's), and what to say of it."""
    beside = os.path.join(os.path.dirname(path), "report.py")
    if not os.path.lexists(beside):
        return None, None
    try:
        source = _report_py(beside)
        if known_source(source):
            return None, None
        checker = read_checker(beside, source)
    except InputError as error:
        return None, f"{beside} is ignored: it {error}"
    if known_checker(checker):
        return None, None
    return checker, f"{path} is graded with the table of {beside}, a report.py this package does not know"


def _contradicted(document: Document, chosen: Template) -> str | None:
    """A run named with --template (or the table) that the report's own wording contradicts."""
    detected = detect(document.report)
    if detected is None or detected.run == chosen.run:
        return None
    return (
        f"{document.path} reads like the {detected.run} template (revision {detected.revision}), "
        f"not the {chosen.run} one: is --template {detected.run} meant?"
    )


def load(path: str, options: Options, from_template_file: bool) -> Loaded:
    """One path's document, or why there is none."""
    named = options.checker_file
    try:
        explicit = read_checker(named) if named else None
    except InputError as error:
        return Loaded(path, problem=f"{named}: {error}", status=UNUSABLE, named=False)
    try:
        target = report_target(path)
        data = read_bytes(target)
        checker, said = (explicit, None) if explicit else _beside(path)
        document, guessed = read_document(path, decode_text(data), options.template, checker)
    except InputError as error:
        return Loaded(path, problem=str(error), status=UNUSABLE)
    notes = tuple(note for note in (said, guessed) if note)
    if document is None:
        problem = f"it is not {GRADED_REPORT} and has no question heading or '> Answer:' marker, so it was not checked"
        return Loaded(path, problem=problem, status=NOT_A_REPORT, notes=notes)
    if options.template is not None and not from_template_file:
        hint = _contradicted(document, options.template)
        notes += (hint,) if hint else ()
    return Loaded(path, document, notes=notes, target=target, data=data, checker=checker, options=options)
