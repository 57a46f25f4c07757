"""Reading: a path given on the command line, to the document it is, or the reason it has none.

Every file is read through the repository's door (``hooks.core.files``): regular
files only, a size cap, symlinks followed only while they stay inside. A report is
decoded as the official checker decodes it, parsed, matched to its template
revision, and graded by the checker of its run, by a ``report.py`` beside it that
no known revision came with (next year's), or by the one named in the options.
"""

import os
from collections.abc import Callable, Sequence
from typing import NamedTuple

from hooks.app.records import NOT_A_REPORT, UNUSABLE, Loaded, Options
from hooks.checks.document import BY_FIRST_COMMIT, BY_OPTION, BY_REPORT_PY, BY_TEXT, Document, Grading
from hooks.core.course import GRADED_FOLDER, GRADED_NAME, GRADED_REPORT, at_graded_path_in_any_case, course_run
from hooks.core.files import (
    MAX_REPORT_BYTES,
    MAX_REPORT_PY_BYTES,
    Outside,
    ReadError,
    content_type,
    read_regular_file,
    target_inside,
)
from hooks.core.git import (
    committed_changes,
    first_commit,
    in_repository,
    list_tracked_files,
    repository_or_folder,
    root_for,
    tracked_files,
)
from hooks.core.official import Checker, decode, official_view
from hooks.core.report import Report, has_answer_marker, parse_report
from hooks.templates.detect import detect
from hooks.templates.model import Template, TemplateError, from_report
from hooks.templates.report_py import CheckerError, read_report_py
from hooks.templates.revisions import known_checker, known_revisions, known_source, runs


class InputError(Exception):
    """A file that cannot be checked; the message is one line for the user."""


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
    kind = content_type(data[:1024])
    if kind is not None and kind != "SVG":
        raise InputError(f"is not a text file: it is {kind}")
    try:
        return decode(data)
    except UnicodeDecodeError as error:
        raise InputError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}){_looks_like(data)}; "
            "save it as UTF-8"
        ) from None


def _looks_like(data: bytes) -> str:
    """The encoding bytes that are not UTF-8 probably are in, as a clause of the error."""
    head = data[:200]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\x00") * 3 > len(head):
        # UTF-16 text of a latin script has a NUL in every other byte; a binary file fewer, or all.
        return ": it looks like UTF-16" if head[0::2].count(0) < 4 or head[1::2].count(0) < 4 else ""
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
    path: str, text: str, template: Template | None, checker: Checker | None = None, decided_by: str = BY_TEXT
) -> tuple[Document | None, str | None]:
    """The document for decoded text, or None when it is not a report (no question headings); and a note when its
    revision had to be guessed, or its first commit's date decides its checker.

    It is graded by ``checker`` when given (``decided_by`` says what gave it), else by the final checker of its run:
    the run of its template revision, or that of its first commit's date when that is a later run
    (``dated_checker``).
    """
    if not text.strip():
        raise InputError("is empty: the official checker finds no 'Answer:' in it and aborts")
    report = parse_report(text)
    if not report.questions and not _is_exam_report(path, report):
        return None, None
    note = None
    chosen = template is not None
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
    if checker is None and chosen:
        decided_by = BY_OPTION
    grading = Grading(template.run if checker is None else None, decided_by)
    if checker is None and not chosen:
        dated = dated_checker(path, template)
        if dated is not None:
            checker, grading, note = dated
    official = official_view(text, checker or template.checker)
    return Document(path, report, template, official, grading), note


def dated_checker(path: str, template: Template) -> tuple[Checker, Grading, str] | None:
    """The checker of a later run than its text's that grades a report, with a note that says so: that of the run its
    first commit falls in (today, when it has none yet), as the course grades every report of a run with the run's
    final report.py, or the newest known when that run has none yet. None when the text decides: its run is the
    newest, the file is outside git, it was first committed between exams (February to July), a copy of an
    earlier project, or the later run grades with the same checker."""
    newest = known_revisions()[-1]
    if template.run is None or newest.run is None or template.run >= newest.run:
        return None  # git is asked only about a report of an earlier run than the newest
    if not os.path.isfile(path) or not in_repository(path):
        return None
    first = first_commit(path)
    committed = _today() if first is None else first.date
    run = course_run(committed)
    if run is None or run <= template.run:
        return None
    graded_by = runs().get(str(run), newest)
    if graded_by.checker == template.checker or graded_by.run is None:
        return None  # the later run grades with the same table (2023 and 2024): nothing to tell apart
    how = "first committed on" if first is not None else "not committed yet on"
    note = f"{path} follows the {template.revision} template of the {template.run} run, but was {how} {committed}, "
    if graded_by.run == run:
        note += f"in the {run} run: the {run} run's checker grades it"
    else:
        note += f"in the {run} run, whose checker is not known yet: the newest, the {graded_by.run} run's, grades it"
    return graded_by.checker, Grading(graded_by.run, BY_FIRST_COMMIT, committed), note


def _today() -> str:
    """Today's date, YYYY-MM-DD."""
    from datetime import date  # only for a report not committed yet: 2 ms of every run otherwise

    return date.today().isoformat()


def build_document(path: str, text: str, template: Template | None, checker: Checker | None = None) -> Document | None:
    """The document for decoded text, or None when it is not a report (see ``read_document``)."""
    return read_document(path, text, template, checker)[0]


def _is_exam_report(path: str, report: Report) -> bool:
    """Whether a file without question headings is still the exam report: by its path, title or markers."""
    if at_graded_path_in_any_case(path):
        return True
    titles = {template.title for template in known_revisions()}
    return (report.title is not None and report.title.text in titles) or has_answer_marker(report)


class Group(NamedTuple):
    """A group's folder in a course batch: its reports, and the folders in it that could not be listed."""

    folder: str
    reports: tuple[str, ...]
    unlisted: tuple[tuple[str, str], ...] = ()  # (folder, why)


def _subfolders(folder: str) -> tuple[list[str], str | None]:
    """The folders in a folder, in order, that a walk enters (not hidden, no symlinks); and why it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if entry.is_dir(follow_symlinks=False))
    except OSError as error:
        return [], error.strerror or str(error)
    return [os.path.join(folder, name) for name in names if not name.startswith(".")], None


def _is_repository(folder: str) -> bool:
    return os.path.lexists(os.path.join(folder, ".git"))


def _holds_report(folder: str) -> bool:
    """Whether a folder is, or has, a reports/ folder with its README.md (in any case): a project, not a folder of
    projects."""
    candidates = [folder, *_subfolders(folder)[0]]
    return any(
        os.path.basename(candidate).casefold() == GRADED_FOLDER.casefold() and _graded_names(candidate)
        for candidate in candidates
    )


def _graded_names(folder: str) -> list[str]:
    """The README.md files (in any case) of a reports folder."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    paths = (os.path.join(folder, name) for name in sorted(names) if name.casefold() == GRADED_NAME.casefold())
    return [path for path in paths if os.path.isfile(path)]


def _reports_in(folder: str) -> Group:
    """Every reports/README.md, in any case, under a group's folder, not in a repository nested in it (a
    submodule is another project)."""
    found, unlisted, pending = [], [], [folder]
    while pending:
        current = pending.pop()
        folders, why = _subfolders(current)
        if why is not None:
            unlisted.append((current, why))
        pending += reversed([sub for sub in folders if not _is_repository(sub)])
        if os.path.basename(current).casefold() == GRADED_FOLDER.casefold():
            found += _graded_names(current)
    return Group(folder, tuple(found), tuple(unlisted))


def course_groups(folder: str) -> list[Group]:
    """The groups a folder on the command line stands for: itself when it is a repository or holds a report; else
    every repository under it, or, when none is, every folder in it. Hidden folders and symlinks are not entered,
    and the walk keeps its own stack, so a tree of any depth is walked."""
    if _is_repository(folder) or _holds_report(folder):
        return [_reports_in(folder)]
    repositories, unlisted, pending = [], [], [folder]
    while pending:
        current = pending.pop()
        if current != folder and _is_repository(current):
            repositories.append(current)
            continue
        folders, why = _subfolders(current)
        if why is not None:
            unlisted.append((current, why))
        pending += reversed(folders)
    groups = repositories or _subfolders(folder)[0] or [folder]
    found = [_reports_in(group) for group in groups]
    return found + [Group(path, (), ((path, why),)) for path, why in unlisted if path not in groups]


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
        list_tracked_files(path)  # git lists the repository's files while the report is parsed
        checker, said = (explicit, None) if explicit else _beside(path)
        decided_by = BY_OPTION if explicit else BY_REPORT_PY if checker else BY_TEXT
        document, guessed = read_document(path, decode_text(data), options.template, checker, decided_by)
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


def reports_left_alone(
    given: Sequence[str], guards: Sequence[Callable[[str], bool]]
) -> list[tuple[str, dict[str, str]]]:
    """Under pre-commit, each report in the repository that the commit leaves alone (not among the paths given),
    with the files the commit deletes, renames away or replaces that a family guards (a figure): the report may show
    them."""
    if not os.environ.get("PRE_COMMIT") or not guards:
        return []
    found = tracked_files(os.getcwd())
    if found is None:
        return []
    top, names = found
    changed = {path: how for path, how in committed_changes(top).items() if any(guard(path) for guard in guards)}
    if not changed:
        return []
    paths = {os.path.abspath(path) for path in given}
    reports = [os.path.relpath(os.path.join(top, name)) for name in names if at_graded_path_in_any_case(name)]
    return [(path, changed) for path in reports if os.path.abspath(path) not in paths]
