"""The records the application tier passes around: what a report is checked with (``Options``, built by
``hooks.app.options``) and a path given, read (``Loaded``, built by ``hooks.app.reading``). Here, so that the modules
that only read them (output, the summary, fixing) import neither builder."""

from typing import NamedTuple

from hooks.checks.document import Document
from hooks.checks.rules import Settings
from hooks.core.official import Checker
from hooks.templates.model import Template

# Why a path given has no document to check: a file that cannot be read, one that is no report, or a group of a
# course batch without a report.
UNUSABLE, NOT_A_REPORT, MISSING = "unusable", "not a report", "missing"


class Options(NamedTuple):
    """What one report is checked with: the command line over its pyproject.toml table over the defaults."""

    template: Template | None  # None: detected
    checker_file: str | None
    settings: Settings
    ignore: tuple[str, ...]
    warn: tuple[str, ...]


class Loaded(NamedTuple):
    """One path given on the command line, read: its document, or why there is none."""

    path: str
    document: Document | None = None
    problem: str | None = None  # one line for the user
    status: str | None = None  # UNUSABLE, NOT_A_REPORT or MISSING when there is no document
    named: bool = True  # the problem is said after the path (one about another file names that file)
    notes: tuple[str, ...] = ()  # what the reader should know about how it is graded
    target: str = ""  # the file the path names (a symlink's target inside the repository)
    data: bytes = b""  # the file's bytes, as read
    checker: Checker | None = None  # the checker named for it or found beside it; None: its run's
    options: Options | None = None  # what it is checked with
    # A report the commit leaves alone: the paths the commit changes that a family guards (Settings.changed).
    changed: dict[str, str] | None = None

    @property
    def said(self) -> str:
        """The problem as one line for stderr."""
        return f"{self.path}: {self.problem}" if self.named else str(self.problem)
