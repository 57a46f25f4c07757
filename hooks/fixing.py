"""Applying a family's fixes to a file's bytes, and writing them back safely.

Edits are found on the decoded text (LF line endings, no byte order mark), and
applied to the original bytes line by line, so line endings (LF, CRLF or CR),
the byte order mark and every byte the edits do not name stay as they were.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from typing import NamedTuple

_BOM = b"\xef\xbb\xbf"


class Edit(NamedTuple):
    """Remove characters ``start:end`` of a 1-based line; ``end=None`` removes the line and its ending."""

    line: int
    start: int = 0
    end: int | None = None


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
    raw_lines = data.splitlines(keepends=True)
    result = []
    for number, raw_line in enumerate(raw_lines, 1):
        line_edits = by_line.get(number)
        if not line_edits:
            result.append(raw_line)
            continue
        if any(edit.end is None for edit in line_edits):
            continue
        content, ending = _split_ending(raw_line)
        bom = _BOM if number == 1 and content.startswith(_BOM) else b""
        text = content[len(bom) :].decode("utf-8")
        for edit in sorted(line_edits, key=lambda e: e.start, reverse=True):
            text = text[: edit.start] + text[edit.end :]
        result.append(bom + text.encode("utf-8") + ending)
    return b"".join(result)


def write_atomically(path: str, data: bytes) -> None:
    """Replace the file's content through a temporary file and a rename, keeping its mode.

    A crash or error at any point leaves either the old file or the new one, never
    a half-written file. A read-only file is refused, as a plain write would be.
    """
    target = os.path.realpath(path)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    # Root may write anywhere, so the mode bits say whether the file is meant to be read-only.
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise FixError("is read-only, so it was not fixed")
    directory = os.path.dirname(target)
    import tempfile  # see README, Speed

    try:
        descriptor, temporary = tempfile.mkstemp(prefix=".report-fix-", dir=directory)
    except OSError as error:
        raise FixError(f"cannot write beside it: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise FixError(f"could not be written: {error.strerror or error}") from None
        raise
