"""One report file, read once and seen both ways: as markdown and as the official checker sees it."""

from __future__ import annotations

from typing import NamedTuple

from hooks.markdown import Report, parse_report
from hooks.official import Checker, CheckerError, OfficialView, decode, official_view, read_report_py
from hooks.templates import Template, detect


class InputError(Exception):
    """A file that cannot be checked; the message is one line for the user."""


class Document(NamedTuple):
    path: str
    report: Report
    template: Template
    official: OfficialView


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None


def decode_text(data: bytes) -> str:
    try:
        return decode(data)
    except UnicodeDecodeError as error:
        raise InputError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); save it as UTF-8"
        ) from None


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
    report = parse_report(text)
    if not report.questions:
        return None
    if template is None:
        template = detect(report)
        if template is None:
            raise InputError(
                "cannot tell which template revision this report follows; pass --template or --template-file"
            )
    return Document(path, report, template, official_view(text, checker or template.checker))


def load_document(path: str, template: Template | None, checker: Checker | None = None) -> Document | None:
    return build_document(path, read_text(path), template, checker)
