"""The command line of every hook: load -> fix (only with --fix) -> check -> select -> fold -> render.

Exit codes: 0 clean, 1 findings, 2 a file or an argument that cannot be used.
Options come from the command line, else from the ``[tool.mlops-report-hooks]``
table that applies to the report (``hooks.app.options``), else defaults.
"""

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from hooks.app import output
from hooks.app.options import CONFIG_FILE, Config, ConfigError, build_parser, check_config, config_for, resolve
from hooks.app.reading import (
    InputError,
    build_document,
    course_groups,
    decode_text,
    load,
    load_template_file,
    reports_left_alone,
)
from hooks.app.records import MISSING, NOT_A_REPORT, UNUSABLE, Loaded, Options
from hooks.app.selection import check, selected
from hooks.checks.document import Document
from hooks.checks.registry import Hook, family_of, find_rule, rules_of
from hooks.checks.rules import Finding
from hooks.core.course import GRADED_FOLDER, GRADED_NAME, GRADED_REPORT, misnamed_report
from hooks.core.git import GIT_SECONDS, end_of_git
from hooks.core.text import ranges
from hooks.templates.model import Template, TemplateError

if TYPE_CHECKING:  # imported by --summary only
    from hooks.app.summary import Summary

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
# The manifest's hook that applies every safe fix, at the manual stage so that no commit runs it by surprise.
FIX_HOOK_COMMAND = "pre-commit run report-fix --hook-stage manual --all-files"
DEFAULT_REPORT = os.path.join(GRADED_FOLDER, GRADED_NAME)


class Run:
    """One run of a hook over the paths named on the command line (or, under pre-commit, none)."""

    def __init__(self, hook: Hook, args: argparse.Namespace) -> None:
        self.hook = hook
        self.args = args
        self.exit_code = EXIT_CLEAN
        self.verdicts: list[output.Verdict] = []  # of every report checked
        self.configs: dict[str, Config | None] = {}
        self.template_file: Template | None = None
        self.groups_without_report: dict[str, Loaded] = {}  # by the folder of a group in a folder given
        self.said: set[str] = set()  # the errors told on stderr
        self.paths = self._given(args.filenames)
        if args.template_file:
            try:
                self.template_file = load_template_file(args.template_file)
            except TemplateError as error:
                self.fail(str(error))

    def _given(self, names: Sequence[str]) -> list[str]:
        """The paths given, each folder replaced by every report under it; with none, the report a hand run means."""
        if not names:
            if os.environ.get("PRE_COMMIT"):
                return []  # pre-commit names the files itself, none for a commit without them
            # By hand: the report where the grader looks for it, from the repository or from inside its folder.
            inside = os.path.basename(os.getcwd()).casefold() == GRADED_FOLDER.casefold()
            found = [path for path in (DEFAULT_REPORT, *([GRADED_NAME] if inside else [])) if os.path.isfile(path)]
            if not found:
                self.fail(f"no file given, and there is no {DEFAULT_REPORT} under the current folder")
            return found[:1]
        paths = []
        for name in names:
            if os.path.basename(name) == CONFIG_FILE:
                self._check_config(name)
                continue
            if not os.path.isdir(name):
                paths.append(name)
                continue
            # A folder stands for its groups, each with its reports or said to have none.
            for group in course_groups(name):
                paths += group.reports or [group.folder]
                unlisted = [f"{folder} cannot be listed: {why}" for folder, why in group.unlisted]
                if not group.reports:
                    problem = "; ".join([f"has no {GRADED_REPORT} (in any case)", *unlisted])
                    status = UNUSABLE if unlisted else MISSING
                    self.groups_without_report[group.folder] = Loaded(group.folder, problem=problem, status=status)
                else:
                    for said in unlisted:
                        self.fail(said)
        return paths

    def _check_config(self, path: str) -> None:
        """A pyproject.toml a commit changes: a table that cannot be used blocks it, as it would the next report."""
        try:
            note = check_config(path)
        except ConfigError as error:
            self.fail(str(error))
            return
        if note is not None:
            self.note(note)

    def fail(self, message: str) -> None:
        """An error on stderr, once however often it is met (a broken table applies to every report under it)."""
        said = f"{self.hook.id}: error: {output.visible(message)}"
        if said not in self.said:
            self.said.add(said)
            to_stderr(said)
        self.exit_code = EXIT_UNUSABLE

    def note(self, message: str) -> None:
        to_stderr(f"{self.hook.id}: note: {output.visible(message)}")

    def unread(self, loaded: Loaded) -> None:
        """Why a path has no document: an error (exit 2), or a note for a file that is not a report."""
        if loaded.status == NOT_A_REPORT:
            self.note(f"{loaded.path} is not a report: {loaded.problem}")
        else:
            self.fail(loaded.said)

    def _options(self, path: str) -> Options:
        """Raises ConfigError."""
        folder = os.path.dirname(path) or "."
        if folder not in self.configs:
            self.configs[folder], notes = config_for(folder)
            for note in notes:
                self.note(note)
        return resolve(self.args, self.configs[folder], self.template_file)

    def reports(self) -> Iterator[Loaded]:
        """Every path given, read, in order. Then, under pre-commit, the reports that the commit leaves alone, for
        what it breaks of them (their own problems are not this commit's)."""
        if self.args.template_file and self.template_file is None:
            return
        for path in self.paths:
            yield self._load(path, fix=getattr(self.args, "fix", False))
        guards = [family.guards for family in self.hook.families if family.guards]
        for path, changed in reports_left_alone(self.paths, guards):
            loaded = self._load(path, fix=False)
            if loaded.document is not None:
                yield loaded._replace(changed=changed)

    def _load(self, path: str, fix: bool) -> Loaded:
        if path in self.groups_without_report:
            return self.groups_without_report[path]
        try:
            options = self._options(path)
        except ConfigError as error:
            return Loaded(path, problem=str(error), status=UNUSABLE, named=False)
        loaded = load(path, options, self.template_file is not None)
        for note in loaded.notes:
            self.note(note)
        if fix and loaded.document is not None:
            loaded = self._fixed(loaded, options)
        return loaded

    def _fixed(self, loaded: Loaded, options: Options) -> Loaded:
        assert loaded.document is not None
        path = loaded.path

        def rebuild(data: bytes) -> Document | None:
            try:
                return build_document(path, decode_text(data), options.template, loaded.checker)
            except InputError:
                return None

        fixers = [family.edits for family in self.hook.families if family.edits]

        def findings(document: Document) -> list[Finding]:
            return selected(document, self.hook.families, options)

        from hooks.app import fixing  # only --fix writes (docs/speed.md)

        done = fixing.repair(loaded.document, loaded.target, loaded.data, fixers, rebuild, findings)
        if done.problem is not None and done.failed:
            self.fail(done.problem)
        elif done.problem is not None:
            self.note(done.problem)
        if done.lines:
            plural = "s" if len(done.lines) > 1 else ""
            to_stderr(f"{output.visible(path)}: --fix changed line{plural} {ranges(done.lines)}")
            to_stderr(f"Fixing {output.visible(path)}")
            self.exit_code = max(self.exit_code, EXIT_FINDINGS)
        return loaded._replace(document=done.document)

    def fix_command(self) -> str | None:
        """How the reader applies the fixes: the manual hook when pre-commit runs this one; None after --fix."""
        if getattr(self.args, "fix", False):
            return None
        return f"`{FIX_HOOK_COMMAND}`" if os.environ.get("PRE_COMMIT") else "--fix"

    def findings(self) -> int:
        """Check every report and print its findings (and, with --html, write its page); the exit code."""
        found: list[Finding] = []
        pages: list[tuple[Document, list[Finding]]] = []
        for loaded in self.reports():
            document = loaded.document
            if document is None or loaded.options is None:
                self.unread(loaded)
                continue
            official = document.official
            self.verdicts.append(
                output.Verdict(
                    official.warning_lines,
                    official.checker.warning_name,
                    official.error is not None,
                    misnamed_report(document.path) is None,
                    document.path,
                )
            )
            checked = check(document, self.hook.families, loaded.options, loaded.changed)
            found += checked
            if getattr(self.args, "html", None) and loaded.changed is None:
                pages.append((document, checked))
        if pages:
            self._write_page(pages)
        text = output.render(found, self.args.format)
        if text and self.args.format == "text":
            text += "\n" + output.closing_line(found, self.verdicts, self.fix_command())
        if text:
            emit(text)
        if any(finding.severity == "error" for finding in found):
            self.exit_code = max(self.exit_code, EXIT_FINDINGS)
        return self.exit_code

    def summaries(self) -> int:
        """--summary: the grader's table (or JSON, or csv) for every path given; 1 when the official checker will
        complain, 2 when a path has no report to grade (it is in the output too, with its reason)."""
        from hooks.app import summary  # only a hand run or a teacher's batch asks (docs/speed.md)

        args = self.args
        total = len(self.paths)
        progress = total > 20 and sys.stderr is not None and sys.stderr.isatty()
        summaries = []
        documents: dict[str, tuple[Document, Options]] = {}
        for loaded in self.reports():
            if loaded.changed is not None:
                continue  # a report the commit leaves alone is no part of the grader's view of the files given
            if loaded.document is None:
                self.unread(loaded)
                summaries.append(summary.unchecked_summary(loaded))
            else:
                summaries.append(summary.summary_of(loaded.document))
                documents[loaded.document.path] = (loaded.document, loaded.options)
            if progress:
                to_stderr(f"\rchecked {len(summaries)} of {total}", end="")
        if progress:
            # The progress line is cleared, so that the terminal shows only what the run found.
            to_stderr(f"\r{' ' * len(f'checked {total} of {total}')}\r", end="")
        batch = summary.overview(summaries) if len(summaries) > 1 else None
        if getattr(args, "html", None):
            self._write_index(summaries, documents)
        if args.format == "json":
            emit(summary.summaries_json(summaries, batch))
        elif args.format == "csv":
            emit(summary.summaries_csv(summaries).removesuffix("\n"))
        elif args.format == "markdown":
            emit(summary.summaries_markdown(summaries, batch))
        elif summaries:
            tables = [summary.summary_table(data) for data in summaries]
            emit("\n\n".join(tables + ([summary.overview_text(batch)] if batch else [])))
        failed = any(data.complains for data in summaries)
        return max(self.exit_code, EXIT_FINDINGS if failed else EXIT_CLEAN)

    def _write_page(self, pages: list[tuple[Document, list[Finding]]]) -> None:
        """--html PATH: the page of the one report checked."""
        from hooks.app import preview  # only --html renders (docs/speed.md)

        if len(pages) != 1:
            self.fail(f"--html {self.args.html}: one report's page goes to a file; for {len(pages)}, add --summary")
            return
        try:
            preview.write_page(self.args.html, *pages[0])
        except (preview.PreviewUnavailable, OSError) as error:
            self.fail(str(error) if isinstance(error, preview.PreviewUnavailable) else f"--html: {error}")
            return
        to_stderr(f"wrote {output.visible(self.args.html)}")

    def _write_index(self, summaries: "list[Summary]", documents: dict[str, tuple[Document, Options]]) -> None:
        """--summary --html DIR: a page per report and the course's index, worst first."""
        from hooks.app import preview  # only --html renders (docs/speed.md)

        checked = {path: (document, check(document, self.hook.families, options, None))
                   for path, (document, options) in documents.items()}  # fmt: skip
        try:
            index = preview.write_site(self.args.html, summaries, checked)
        except (preview.PreviewUnavailable, OSError) as error:
            self.fail(str(error) if isinstance(error, preview.PreviewUnavailable) else f"--html: {error}")
            return
        to_stderr(f"wrote {output.visible(index)} and {len(documents)} pages")


class OutputError(Exception):
    """stdout cannot take the output (a full disk, a closed stream): the run ends with exit 2."""


def emit(text: str) -> None:
    """Print to stdout; a reader that has gone (``| head``) ends the output quietly. Raises OutputError when stdout
    cannot be written."""
    if sys.stdout is None:
        raise OutputError("stdout is closed")
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # What is left is not wanted, and the interpreter must not complain when it flushes at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError) as error:  # ValueError: a closed file
        # Nothing more goes to stdout, and the interpreter must not fail again flushing it at exit.
        sys.stdout = None  # type: ignore[assignment]
        raise OutputError(getattr(error, "strerror", None) or str(error)) from None


def to_stderr(text: str, end: str = "\n") -> None:
    """A line for the reader on stderr, and only there: with stderr closed, it is dropped, never sent to stdout,
    which may be JSON."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):  # nowhere left to say it
        print(text, end=end, file=sys.stderr, flush=True)


def explain(prog: str, item: str) -> int:
    """--explain CODE: a rule's documentation; --explain LEN or all: the rules of a family, or every rule, one line
    each; exit 2, naming the closest, for anything else."""
    listed = rules_of(item)
    if listed:
        emit(output.rule_lines(listed))
        return EXIT_CLEAN
    try:
        rule = find_rule(item)
    except ValueError as error:
        to_stderr(f"{prog}: error: --explain: {error}")
        return EXIT_UNUSABLE
    emit(output.explain(rule, family_of(rule).name))
    return EXIT_CLEAN


def escaping_output() -> None:
    """A terminal that cannot show a report's characters (cp1252 on Windows) gets them escaped."""
    for stream in (sys.stdout, sys.stderr):  # None when it was closed before the run
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def end_of_command(argv: Sequence[str] | None) -> None:
    """Run as a command (``argv`` None, as the console scripts call ``main``), skip the last garbage collection.

    The interpreter's collection at exit only frees memory that the process
    hands back anyway. A caller that passes ``argv`` keeps its collector as it was.
    """
    if argv is None:
        gc.freeze()


def main(hook: Hook, argv: Sequence[str] | None = None) -> int:
    """The whole life of a hook's entry point."""
    parser = build_parser(hook)
    args = parser.parse_args(argv)
    if args.explain is not None:
        return explain(hook.id, args.explain)
    wants_summary = getattr(args, "summary", False)
    if wants_summary and getattr(args, "fix", False):
        parser.error("--summary never writes: run --fix without it")
    if args.format in ("csv", "markdown") and not wants_summary:
        parser.error(f"--format {args.format} goes with --summary")
    escaping_output()
    run = Run(hook, args)
    try:
        code = run.summaries() if wants_summary else run.findings()
    except OutputError as error:
        to_stderr(f"{hook.id}: error: cannot write the output: {error}")
        code = EXIT_UNUSABLE
    stalled = end_of_git()
    if stalled is not None:
        run.note(
            f"'{stalled}' did not answer within {GIT_SECONDS} s (does the repository's git configuration include "
            "a pipe?), so the run went on without git: which files are committed, and the report's first version, "
            "were not known"
        )
    end_of_command(argv)
    return code
