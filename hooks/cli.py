"""The command line that every entry point shares: arguments, reading files, running families, output, exit codes.

Exit codes: 0 clean, 1 findings, 2 a file or an argument that cannot be used.
Only the entry points import this module; checks know nothing of it. Options come from the command line,
else from the ``[tool.mlops-report-hooks]`` table that applies to the report (``hooks.config``), else defaults.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from hooks.config import Config, ConfigError, config_for
from hooks.document import (
    Document,
    InputError,
    at_graded_path_in_any_case,
    build_document,
    decode_text,
    find_reports,
    misnamed_report,
    read_bytes,
    read_checker,
    read_text,
    report_target,
)
from hooks.fixing import Edit, FixError, apply_edits, unsafe_fix, write_fixed
from hooks.official import Checker
from hooks.output import FORMATS, Verdict, render, summary_line, visible
from hooks.repository import committed_changes, tracked_files
from hooks.rules import Family, Finding, Settings, fold, parse_codes, spans
from hooks.templates import (
    GRADED_REPORT,
    Template,
    TemplateError,
    detect,
    known_checker,
    known_source,
    load_template_file,
    runs,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
# The manifest's hook that applies every safe fix, at the manual stage so that no commit runs it by surprise.
FIX_HOOK_COMMAND = "pre-commit run report-fix --hook-stage manual --all-files"
_GRADED_FOLDER, _GRADED_NAME = GRADED_REPORT.split("/")
DEFAULT_REPORT = os.path.join(_GRADED_FOLDER, _GRADED_NAME)

# The command-line form of each Settings field; a family offers those it reads.
_SETTING_OPTIONS: dict[str, tuple[tuple[str, ...], dict[str, object]]] = {
    "figures_dir": (
        ("--figures-dir",),
        {"metavar": "DIR", "help": "the folder, relative to the report, where images belong (default: figures)"},
    ),
    "unused": (
        ("--unused",),
        {"action": "store_true", "default": None, "help": "also list files in the figures folder that no image uses"},
    ),
}


class _Version(argparse.Action):
    """--version: the installed package's version, looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from importlib.metadata import version

        print(f"{parser.prog} {version('mlops-report-hooks')}")
        parser.exit()


class _HelpFormatter(argparse.HelpFormatter):
    def __init__(self, prog: str) -> None:
        # Given no width, argparse imports shutil to find it on every add_argument: see README, Speed.
        super().__init__(prog, width=int(os.environ.get("COLUMNS", "80")) - 2)


class _Parser(argparse.ArgumentParser):
    """An argument parser that answers an unknown option with the closest known one."""

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> argparse.Namespace:  # type: ignore[override]
        parsed, unknown = self.parse_known_args(args, namespace)
        if unknown:
            from difflib import get_close_matches

            known = re.findall(r"(?<![\w-])--?[A-Za-z][\w-]*", self.format_usage())  # every option, as usage lists it
            options = [item.split("=", 1)[0] for item in unknown if item.startswith("-")]
            closest = [match for option in options for match in get_close_matches(option, known, n=1, cutoff=0.7)]
            hint = f"; did you mean {closest[0]}?" if closest else ""
            self.error(f"unrecognized arguments: {' '.join(unknown)}{hint}")
        return parsed


def build_parser(
    prog: str, description: str, families: Sequence[Family], formats: Sequence[str] = FORMATS
) -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description=description, formatter_class=_HelpFormatter)
    parser.add_argument("--version", action=_Version)
    for field in dict.fromkeys(field for family in families for field in family.settings):
        flags, options = _SETTING_OPTIONS[field]
        parser.add_argument(*flags, **options)  # type: ignore[arg-type]
    fixers = [family.name for family in families if family.fix]
    if fixers:
        parser.add_argument(
            "--fix",
            action="store_true",
            help=f"repair what can be repaired safely ({', '.join(fixers)}), print 'Fixing <path>' and exit 1",
        )
    parser.add_argument("filenames", nargs="*", help="report files (pre-commit passes reports/README.md)")
    parser.add_argument(
        "--format",
        choices=formats,
        default="github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text",
        help="output format (default: github under GitHub Actions, else text)",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--template",
        choices=["auto", *runs()],
        help="the course run whose newest template the report follows (default: auto, the revision is detected)",
    )
    which.add_argument(
        "--template-file",
        metavar="PATH",
        help="a pristine template this package does not know; questions and limits "
        "are read from its 'answer length' lines and image requests",
    )
    parser.add_argument(
        "--checker-file",
        metavar="PATH",
        help="the report.py that grades the report (default: the final one of its course run, or a report.py "
        "beside the report that this package does not know); it is read, never run",
    )
    parser.add_argument(
        "--ignore",
        type=_codes,
        metavar="CODES",
        help="comma-separated codes, rule names or family prefixes not to report, e.g. HDG009,word-limit,PLH",
    )
    parser.add_argument(
        "--warn",
        type=_codes,
        metavar="CODES",
        help="comma-separated codes, rule names or family prefixes to report as warnings, which do not fail the run",
    )
    return parser


def _codes(value: str) -> tuple[str, ...]:
    try:
        return parse_codes(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _matches(code: str, selection: tuple[str, ...]) -> bool:
    return any(code.startswith(selected) for selected in selection)


def select(findings: Iterable[Finding], ignore: tuple[str, ...], warn: tuple[str, ...]) -> list[Finding]:
    """Drop the ignored codes and downgrade the warned ones to warnings."""
    selected = []
    for finding in findings:
        if _matches(finding.code, ignore):
            continue
        if _matches(finding.code, warn):
            finding = finding._replace(rule=finding.rule._replace(severity="warning"))
        selected.append(finding)
    return selected


class Options(NamedTuple):
    """What one report is checked with: the command line over its pyproject.toml table over the defaults."""

    template: Template | None  # None: detected
    checker_file: str | None
    settings: Settings
    ignore: tuple[str, ...]
    warn: tuple[str, ...]


# Why a path given has no document to check.
UNUSABLE, NOT_A_REPORT = "unusable", "not a report"


class Loaded(NamedTuple):
    """One path given on the command line, read: its document, or why there is none."""

    path: str
    document: Document | None = None
    options: Options | None = None
    problem: str | None = None  # one line for the user
    status: str | None = None  # UNUSABLE or NOT_A_REPORT when there is no document
    named: bool = True  # the problem is said after the path (a configuration error names its own file)
    # A report the commit leaves alone: the paths it changes (Settings.changed), and the families that guard them.
    changed: frozenset[str] | None = None


class Session:
    """One run over the files named on the command line."""

    def __init__(self, prog: str, args: argparse.Namespace, families: Sequence[Family]) -> None:
        self.prog = prog
        self.args = args
        for stream in (sys.stdout, sys.stderr):
            # A terminal that cannot show a report's characters (cp1252 on Windows) gets them escaped.
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="backslashreplace")
        self.families = families
        self.exit_code = EXIT_CLEAN
        self.verdicts: list[Verdict] = []  # of every report checked
        self.configs: dict[str, Config | None] = {}
        self.template_file: Template | None = None
        self.empty_folders: set[str] = set()  # folders given that hold no report
        if args.filenames:
            args.filenames = self._expand(args.filenames)
        elif not os.environ.get("PRE_COMMIT"):
            # Run by hand with no file: the report where the grader looks for it, from the repository or from
            # inside its reports/ folder. (pre-commit names the files itself, none for a commit without them.)
            inside = os.path.basename(os.getcwd()).casefold() == _GRADED_FOLDER.casefold()
            found = [path for path in (DEFAULT_REPORT, *([_GRADED_NAME] if inside else [])) if os.path.isfile(path)]
            if found:
                args.filenames = found[:1]
            else:
                self.fail(f"no file given, and there is no {DEFAULT_REPORT} under the current folder")
        if args.template_file:
            try:
                self.template_file = load_template_file(args.template_file)
            except TemplateError as error:
                self.fail(str(error))

    def _guarded(self) -> list[tuple[str, frozenset[str]]]:
        """Under pre-commit, each report in the repository that the commit leaves alone, with the files the commit
        deletes, renames away or replaces that a family guards (a figure): the report may show them."""
        if not os.environ.get("PRE_COMMIT") or not any(family.guards for family in self.families):
            return []
        found = tracked_files(os.getcwd())
        if found is None:
            return []
        top, names = found
        changed = {path for path in committed_changes(top) if any(f.guards and f.guards(path) for f in self.families)}
        given = {os.path.abspath(path) for path in self.args.filenames}
        reports = [os.path.relpath(os.path.join(top, name)) for name in names if at_graded_path_in_any_case(name)]
        return [(path, frozenset(changed)) for path in reports if changed and os.path.abspath(path) not in given]

    def _expand(self, names: Sequence[str]) -> list[str]:
        """The paths given, each folder replaced by every report under it."""
        paths = []
        for name in names:
            found = find_reports(name) if os.path.isdir(name) else [name]
            if not found:
                self.empty_folders.add(name)
            paths += found or [name]
        return paths

    def fail(self, message: str) -> None:
        print(f"{self.prog}: error: {visible(message)}", file=sys.stderr)
        self.exit_code = EXIT_UNUSABLE

    def note(self, message: str) -> None:
        print(f"{self.prog}: note: {visible(message)}", file=sys.stderr)

    def options(self, path: str) -> Options:
        """Raises ConfigError."""
        args = self.args
        folder = os.path.dirname(path) or "."
        if folder not in self.configs:
            self.configs[folder] = config_for(folder)
        config = self.configs[folder]

        def given(name: str, key: str) -> object:
            value = getattr(args, name, None)
            return value if value is not None or config is None else config.get(key)

        template = self.template_file
        if template is None:
            run = given("template", "template")
            if run is not None and run != "auto":
                template = runs()[run]
        settings = Settings(
            **{
                field: value
                for field in Settings._fields
                if (value := given(field, field.replace("_", "-"))) is not None
            }
        )
        figures = settings.figures_dir.replace("\\", "/")
        if figures.startswith("/") or ".." in figures.split("/") or os.path.isabs(settings.figures_dir):
            raise ConfigError(
                f"figures-dir {settings.figures_dir!r} must be a folder inside the repository, relative to the report"
            )
        return Options(
            template,
            given("checker_file", "checker-file"),
            settings,
            given("ignore", "ignore") or (),
            given("warn", "warn") or (),
        )

    def checker(self, path: str) -> Checker | None:
        """A report.py beside the report whose table no known revision has: next year's."""
        beside = os.path.join(os.path.dirname(path), "report.py")
        if not os.path.lexists(beside):
            return None
        try:
            source = read_text(report_target(beside))
            if known_source(source):
                return None
            checker = read_checker(beside, source)
        except InputError as error:
            self.note(f"{beside} is ignored: it {error}")
            return None
        if known_checker(checker):
            return None
        self.note(f"{path} is graded with the table of {beside}, a report.py this package does not know")
        return checker

    def load(self) -> Iterator[Loaded]:
        """Every path given, in order: its document, or why there is none. Then, under pre-commit, the reports
        that the commit leaves alone, for what it breaks of them (their problems are not this commit's)."""
        if self.args.template_file and self.template_file is None:
            return
        for path in self.args.filenames:
            yield self._load(path)
        for path, changed in self._guarded():
            loaded = self._load(path, fix=False)
            if loaded.document is not None:
                yield loaded._replace(changed=changed)

    def _load(self, path: str, fix: bool = True) -> Loaded:
        """One path's document, or why there is none; fixed when --fix is given, unless ``fix`` is False."""
        if path in self.empty_folders:
            return Loaded(path, problem=f"has no {GRADED_REPORT} (in any case) under it", status=UNUSABLE)
        try:
            options = self.options(path)
        except ConfigError as error:
            return Loaded(path, problem=str(error), status=UNUSABLE, named=False)
        named = options.checker_file
        try:
            explicit = read_checker(named) if named else None
        except InputError as error:
            return Loaded(path, problem=f"{named}: {error}", status=UNUSABLE, named=False)
        try:
            target = report_target(path)
            data = read_bytes(target)
            checker = explicit or self.checker(path)
            document = build_document(path, decode_text(data), options.template, checker)
        except InputError as error:
            return Loaded(path, problem=str(error), status=UNUSABLE)
        if document is None:
            problem = (
                "it is not reports/README.md and has no question heading or '> Answer:' marker, so it was not checked"
            )
            return Loaded(path, problem=problem, status=NOT_A_REPORT)
        if options.template is not None and self.template_file is None:
            self._hint_run(document, options.template)
        if fix and getattr(self.args, "fix", False):
            document = self._fixed(document, target, data, options.template, checker)
        return Loaded(path, document, options)

    def tell(self, loaded: Loaded) -> None:
        """Why a path has no document: an error (exit 2), or a note for a file that is not a report."""
        if loaded.status == NOT_A_REPORT:
            self.note(f"{loaded.path} is not a report: {loaded.problem}")
        else:
            self.fail(f"{loaded.path}: {loaded.problem}" if loaded.named else str(loaded.problem))

    def _hint_run(self, document: Document, chosen: Template) -> None:
        """A run named with --template (or the table) that the report's own wording contradicts."""
        detected = detect(document.report)
        if detected is not None and detected.run != chosen.run:
            self.note(
                f"{document.path} reads like the {detected.run} template (revision {detected.name}), "
                f"not the {chosen.run} one: is --template {detected.run} meant?"
            )

    def _edits(self, document: Document) -> list[Edit]:
        return [edit for family in self.families if family.fix for edit in family.fix(document)]

    def _fixed(
        self, document: Document, target: str, data: bytes, template: Template | None, checker: Checker | None
    ) -> Document:
        edits = self._edits(document)
        fixed = apply_edits(data, edits)
        if fixed == data:
            return document
        path = document.path
        after = build_document(path, decode_text(fixed), template, checker)
        if after is None:
            reason: str | None = "it would leave no question"
        else:
            again = apply_edits(fixed, self._edits(after))
            reason = unsafe_fix(document, after, edits, again, fixed)
        if reason is not None or after is None:
            self.note(f"{path} was not fixed: {reason}; fix it by hand")
            return document
        try:
            write_fixed(target, data, fixed)
        except FixError as error:
            self.fail(f"{path}: {error}")
            return document
        lines = {edit.line for edit in edits}
        print(f"{visible(path)}: --fix changed line{'s' if len(lines) > 1 else ''} {spans(lines)}", file=sys.stderr)
        print(f"Fixing {visible(path)}", file=sys.stderr)
        self.exit_code = max(self.exit_code, EXIT_FINDINGS)
        return after

    def fix_command(self) -> str | None:
        """How the reader applies the fixes: the manual hook when pre-commit runs this one; None after --fix."""
        if getattr(self.args, "fix", False):
            return None
        return f"`{FIX_HOOK_COMMAND}`" if os.environ.get("PRE_COMMIT") else "--fix"

    def report(self, findings: list[Finding]) -> int:
        output = render(findings, self.args.format)
        if output and self.args.format == "text":
            output += "\n" + summary_line(findings, self.verdicts, self.fix_command())
        if output:
            emit(output)
        if any(f.severity == "error" for f in findings):
            self.exit_code = max(self.exit_code, EXIT_FINDINGS)
        return self.exit_code


def emit(text: str) -> None:
    """Print to stdout; a reader that has gone (``| head``) ends the output quietly."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # What is left is not wanted, and the interpreter must not complain when it flushes at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def check_documents(session: Session, families: Sequence[Family]) -> list[Finding]:
    """Every document's findings, as its options select them, in line order."""
    findings = []
    for loaded in session.load():
        document, options = loaded.document, loaded.options
        if document is None or options is None:
            session.tell(loaded)
            continue
        official = document.official
        read = misnamed_report(document.path) is None
        checker = official.checker
        session.verdicts.append(Verdict(official.warning_lines, checker.warning_name, official.error is not None, read))
        settings, checking = options.settings, families
        if loaded.changed is not None:
            # A commit that leaves the report alone is checked for what it breaks, and nothing else.
            settings = settings._replace(changed=loaded.changed)
            checking = [family for family in families if family.guards]
        last_line = document.report.last_line
        found = [
            finding._replace(line=min(max(finding.line, 1), last_line))
            for family in checking
            for finding in family.check(document, settings)
        ]
        findings += fold(select(found, options.ignore, options.warn))
    return findings


def end_of_command(argv: Sequence[str] | None) -> None:
    """Run as a command (``argv`` None, as the console scripts call ``main``), skip the last garbage collection.

    The interpreter's collection at exit only frees memory that the process
    hands back anyway. A caller that passes ``argv`` keeps its collector as it was.
    """
    if argv is None:
        gc.freeze()


def run(argv: Sequence[str] | None, families: Sequence[Family], prog: str, description: str) -> int:
    """The whole life of a single-family entry point such as ``report-length``."""
    args = build_parser(prog, description, families).parse_args(argv)
    session = Session(prog, args, families)
    code = session.report(check_documents(session, families))
    end_of_command(argv)
    return code
