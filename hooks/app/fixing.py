"""Fixing: the families' edits applied to a file's bytes, proved safe, and written back atomically.

Edits are found on the decoded text (LF line endings, no byte order mark), and
applied to the original bytes line by line, so line endings (LF, CRLF or CR),
the byte order mark and every byte the edits do not name stay as they were.
"""

import contextlib
import itertools
import os
import stat
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import NamedTuple

from hooks.checks.document import Document, only_placeholder, question_span
from hooks.checks.rules import Edit, Finding
from hooks.core.git import git
from hooks.core.report import Question

_BOM = b"\xef\xbb\xbf"


class FixError(Exception):
    """A fix that could not be written; the file is unchanged."""


def _split_ending(raw_line: bytes) -> tuple[bytes, bytes]:
    for ending in (b"\r\n", b"\n", b"\r"):
        if raw_line.endswith(ending):
            return raw_line[: -len(ending)], ending
    return raw_line, b""


def apply_edits(data: bytes, edits: Iterable[Edit]) -> bytes:
    """The bytes with the edits applied; edits on one line must not overlap."""
    by_line: dict[int, list[Edit]] = {}
    for edit in edits:
        by_line.setdefault(edit.line, []).append(edit)
    if not by_line:
        return data
    # bytes.splitlines breaks at \n, \r\n and \r only: the line breaks Python's text mode sees.
    # [content, ending, ending of the last line removed right after it] of each line that stays
    kept: list[list[bytes]] = []
    for number, raw_line in enumerate(data.splitlines(keepends=True), 1):
        content, ending = _split_ending(raw_line)
        line_edits = by_line.get(number, [])
        cuts = [edit for edit in line_edits if not edit.blank_after]
        if any(edit.end is None for edit in cuts):
            if kept:
                kept[-1][2] = ending
            continue
        if cuts:
            bom = _BOM if number == 1 and content.startswith(_BOM) else b""
            text = content[len(bom) :].decode("utf-8")
            for edit in sorted(cuts, key=lambda e: e.start, reverse=True):
                text = text[: edit.start] + edit.insert + text[edit.end :]
            content = bom + text.encode("utf-8")
        kept.append([content, ending, b""])
        if ending and len(cuts) < len(line_edits):
            kept.append([b"", ending, b""])  # the blank line asked for, ended as the line before it
    for line, following in itertools.pairwise(kept):
        if line[1] == b"\r" and line[2] and following[0] == b"" and following[1] == b"\n":
            # A line removed with its own ending would leave a lone CR before an empty line's LF,
            # and the two would read as one CRLF: that line goes with the CR before it instead.
            line[1] = line[2]
    return b"".join(content + ending for content, ending, _ in kept)


def _temporary_folder(target: str) -> str:
    """Where the new content is written before the rename: the folder git keeps for this work tree (a linked
    worktree's and a submodule's too), when it is on the same file system, so that a fixer killed midway leaves
    nothing that ``git status`` shows; else beside the report."""
    folder = os.path.dirname(target) or "."
    git_dir = (git(folder, "rev-parse", "--absolute-git-dir") or "").strip()
    try:
        if git_dir and os.path.isdir(git_dir) and os.stat(git_dir).st_dev == os.stat(folder).st_dev:
            return git_dir
    except OSError:
        pass
    return folder


def _keep_attributes(source: int, target: int, status: os.stat_result) -> None:
    """Give the new file the old one's owner, group, mode and extended attributes, where the platform allows."""
    with contextlib.suppress(OSError, AttributeError):
        os.fchown(target, status.st_uid, status.st_gid)
    os.fchmod(target, stat.S_IMODE(status.st_mode))
    if hasattr(os, "listxattr"):
        with contextlib.suppress(OSError):
            for name in os.listxattr(source):
                with contextlib.suppress(OSError):
                    os.setxattr(target, name, os.getxattr(source, name))


def write_fixed(target: str, original: bytes, data: bytes) -> bool:
    """Replace the file's content, if it still holds ``original``, keeping everything about it but its bytes; whether
    the file had other hard links, which keep the old content.

    The new content goes to a temporary file and is renamed over the old one, so a crash
    leaves either file, never half of one: a rewrite in place cannot promise that. A read-only
    file is refused, as a plain write would be; a file that changed since it was read (an
    editor saved it) is left alone.
    """
    try:
        status = os.stat(target)
        descriptor = os.open(target, os.O_RDONLY)
    except OSError as error:
        raise FixError(f"could not be written: {error.strerror or error}") from None
    try:
        # Root may write anywhere, so the mode bits say whether the file is meant to be read-only.
        if not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
            raise FixError("is read-only, so it was not fixed")
        _replace(target, descriptor, status, original, data)
    finally:
        os.close(descriptor)
    return status.st_nlink > 1


def _changed(current: bytes, original: bytes) -> None:
    if current != original:
        raise FixError("changed while it was being fixed, so it was left alone; run the hook again")


def _replace(target: str, descriptor: int, status: os.stat_result, original: bytes, data: bytes) -> None:
    import tempfile  # see docs/speed.md

    try:
        handle, temporary = tempfile.mkstemp(prefix=".report-fix-", dir=_temporary_folder(target))
    except OSError as error:
        raise FixError(f"cannot write beside it: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            _keep_attributes(descriptor, file.fileno(), status)
            os.fsync(file.fileno())
        with open(target, "rb") as current:
            _changed(current.read(), original)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise FixError(f"could not be written: {error.strerror or error}") from None
        raise


def _shape(document: Document, removed: Collection[int] = ()) -> tuple[object, ...]:
    """What a fix must never change: the questions, every heading, and where the checker splits.

    A heading whose ``---`` underline is ``removed`` was made by the placeholder's dashes,
    and ends with them.
    """
    report = document.report
    headings = [
        (heading.level, heading.text)
        for block in report.blocks
        for heading in (block, *block.nested_headings)
        if heading.kind == "heading" and not (heading.setext and heading.end_line in removed)
    ]
    markers = [(question.number, question.marker_line is None, question.marker_quoted) for question in report.questions]
    return tuple(headings), tuple(markers), len(document.official.chunks)


def _counts(document: Document, question: Question) -> tuple[int, int] | None:
    span = question_span(document, question)
    return None if span is None else (span.words, span.images)


def _graded(document: Document) -> tuple[object, ...]:
    """What the official checker decides on: its abort, and each answer's words and images."""
    official = document.official
    return (official.error, *((span.words, span.images) for span in official.spans))


def _said(findings: Iterable[Finding]) -> Counter[tuple[str, int | None]]:
    """What the findings are about, wherever they are: (code, question)."""
    return Counter((finding.code, finding.question) for finding in findings)


def unsafe_fix(
    before: Document,
    after: Document,
    edited: Iterable[Edit],
    bytes_before: bytes,
    fixed: bytes,
    again: bytes,
    findings: Callable[[Document], Iterable[Finding]],
) -> str | None:
    """Why a fix must not be written, or None when it is safe.

    Each check guards a class of mistakes, not an input: the markdown may be read wrongly (a fence left open, a
    heading glued to dashes), so what the official checker reads is checked on its own terms. ``again`` is the
    fixed bytes fixed once more: a fix that is not finished after one run is not understood well enough to write.
    """
    edited = list(edited)
    removed = {edit.line for edit in edited if edit.end is None and not edit.blank_after}
    inserted = sum(edit.blank_after for edit in edited)
    if len(fixed.splitlines()) != len(bytes_before.splitlines()) - len(removed) + inserted:
        return "it would join two lines (a line ending would be lost)"
    if _shape(before, removed) != _shape(after):
        return "it would change the report's headings or 'Answer:' markers"
    for index, (old_span, new_span) in enumerate(zip(before.official.spans, after.official.spans, strict=False)):
        if only_placeholder(old_span.text) and new_span.text != old_span.text:
            return (
                f"it would change the official checker's answer {index + 1}, which is still the template's placeholder"
            )
    lines = {edit.line for edit in edited}
    cut = {edit.line for edit in edited if not edit.blank_after}
    for old, new in zip(before.report.questions, after.report.questions, strict=False):
        touched = [line for line in lines if old.line <= line <= old.end_line]
        if not touched and old.answer != new.answer:
            return f"it would change Question {old.number}, which it does not fix"
        if touched and not cut.intersection(touched) and _counts(before, old) != _counts(after, new):
            # Only blank lines were inserted: what the official checker counts must stay as it was.
            return f"it would change what the official checker counts in Question {old.number}"
    in_questions = {line for q in before.report.questions for line in range(q.line, q.end_line + 1)}
    if lines - in_questions and _graded(before) != _graded(after):
        # An edit outside every question (the checklist's marks): what the official checker counts must not move.
        return "it would change what the official checker counts"
    if again != fixed:
        return "a second run would change it again"
    new = _said(findings(after)) - _said(findings(before))
    if new:
        (code, question), _ = next(iter(new.items()))
        where = f" in Question {question}" if question is not None else ""
        return f"it would add a finding it did not have ({code}{where})"
    return None


class Fixed(NamedTuple):
    """What --fix did to a report."""

    document: Document  # the report as it is now
    lines: tuple[int, ...] = ()  # the lines it changed; () when it wrote nothing
    problem: str | None = None  # why it wrote nothing although there was something to fix; or, written, a note
    failed: bool = False  # the problem is an error writing the file, not a fix found unsafe


def repair(
    document: Document,
    target: str,
    data: bytes,
    fixers: Sequence[Callable[[Document], Iterable[Edit]]],
    rebuild: Callable[[bytes], Document | None],
    findings: Callable[[Document], Iterable[Finding]],
) -> Fixed:
    """Apply every fixer's edits to ``data`` (the bytes of ``target``), check the result, and write it.

    ``rebuild`` reads fixed bytes as a document, as the report was read; ``findings`` are a document's findings, as
    the run checks it.
    """

    def edits_of(current: Document) -> list[Edit]:
        return [edit for fixer in fixers for edit in fixer(current)]

    edits = edits_of(document)
    fixed = apply_edits(data, edits)
    if fixed == data:
        return Fixed(document)
    after = rebuild(fixed)
    if after is None:
        reason: str | None = "it would leave no question"
    else:
        again = apply_edits(fixed, edits_of(after))
        reason = unsafe_fix(document, after, edits, data, fixed, again, findings)
    if reason is not None or after is None:
        return Fixed(document, problem=f"{document.path} was not fixed: {reason}; fix it by hand")
    try:
        linked = write_fixed(target, data, fixed)
    except FixError as error:
        return Fixed(document, problem=f"{document.path}: {error}", failed=True)
    note = f"{document.path} had other hard links: they keep the text as it was" if linked else None
    return Fixed(after, tuple(sorted({edit.line for edit in edits})), problem=note)
