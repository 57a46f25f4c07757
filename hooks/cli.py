"""The command line that every entry point shares: arguments, reading files, running families, output, exit codes.

Exit codes: 0 clean, 1 findings, 2 a file or an argument that cannot be used.
Only the entry points import this module; checks know nothing of it.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Iterable, Iterator, Sequence

from hooks.document import Document, InputError, build_document, decode_text, read_bytes, read_checker, read_text
from hooks.fixing import FixError, apply_edits, write_atomically
from hooks.official import Checker
from hooks.output import FORMATS, render
from hooks.rules import FAMILY_NAMES, Family, Finding, Settings
from hooks.templates import Template, TemplateError, known_checker, known_source, load_template_file, runs

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2

# The command-line form of each Settings field; a family offers those it reads.
_SETTING_OPTIONS: dict[str, tuple[tuple[str, ...], dict[str, object]]] = {
    "figures_dir": (
        ("--figures-dir",),
        {
            "default": Settings().figures_dir,
            "metavar": "DIR",
            "help": "the folder, relative to the report, where images belong (default: figures)",
        },
    ),
    "unused": (
        ("--unused",),
        {"action": "store_true", "help": "also list files in the figures folder that no image uses"},
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


def build_parser(prog: str, description: str, families: Sequence[Family]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description, formatter_class=_HelpFormatter)
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
        choices=FORMATS,
        default="github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text",
        help="output format (default: github under GitHub Actions, else text)",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--template",
        choices=["auto", *runs()],
        default="auto",
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
        default=(),
        metavar="CODES",
        help="comma-separated codes or prefixes not to report, e.g. HDG009,PLH",
    )
    parser.add_argument(
        "--warn",
        type=_codes,
        default=(),
        metavar="CODES",
        help="comma-separated codes or prefixes to report as warnings, which do not fail the run",
    )
    return parser


def _codes(value: str) -> tuple[str, ...]:
    codes = tuple(code.strip().upper() for code in value.split(",") if code.strip())
    for code in codes:
        prefix, digits = code[:3], code[3:]
        if prefix not in FAMILY_NAMES or not (digits.isdigit() or not digits) or len(digits) > 3:
            raise argparse.ArgumentTypeError(f"{code!r} is not a rule code or prefix (such as LEN001 or HDG)")
    return codes


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


def settings_of(args: argparse.Namespace) -> Settings:
    return Settings(**{field: getattr(args, field) for field in Settings._fields if hasattr(args, field)})


class Session:
    """One run over the files named on the command line."""

    def __init__(self, prog: str, args: argparse.Namespace, families: Sequence[Family]) -> None:
        self.prog = prog
        self.args = args
        self.families = families
        self.exit_code = EXIT_CLEAN

    def fail(self, message: str) -> None:
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        self.exit_code = EXIT_UNUSABLE

    def note(self, message: str) -> None:
        print(f"{self.prog}: note: {message}", file=sys.stderr)

    def template(self) -> Template | None:
        if self.args.template_file:
            return load_template_file(self.args.template_file)
        if self.args.template != "auto":
            return runs()[self.args.template]
        return None

    def checker(self, path: str) -> Checker | None:
        """A report.py beside the report whose table no known revision has: next year's."""
        beside = os.path.join(os.path.dirname(path), "report.py")
        if not os.path.isfile(beside):
            return None
        try:
            source = read_text(beside)
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

    def documents(self) -> Iterator[Document]:
        try:
            template = self.template()
        except TemplateError as error:
            self.fail(str(error))
            return
        named = self.args.checker_file
        try:
            explicit = read_checker(named) if named else None
        except InputError as error:
            self.fail(f"{named}: {error}")
            return
        for path in self.args.filenames:
            try:
                data = read_bytes(path)
                checker = explicit or self.checker(path)
                document = build_document(path, decode_text(data), template, checker)
            except InputError as error:
                self.fail(f"{path}: {error}")
                continue
            if document is not None:
                yield self._fixed(document, data, template, checker) if getattr(self.args, "fix", False) else document

    def _fixed(self, document: Document, data: bytes, template: Template | None, checker: Checker | None) -> Document:
        edits = [edit for family in self.families if family.fix for edit in family.fix(document)]
        fixed = apply_edits(data, edits)
        if fixed == data:
            return document
        try:
            write_atomically(document.path, fixed)
        except FixError as error:
            self.fail(f"{document.path}: {error}")
            return document
        print(f"Fixing {document.path}")
        self.exit_code = max(self.exit_code, EXIT_FINDINGS)
        return build_document(document.path, decode_text(fixed), template, checker) or document

    def report(self, findings: list[Finding]) -> int:
        findings = select(findings, self.args.ignore, self.args.warn)
        output = render(findings, self.args.format)
        if output:
            print(output)
        if any(f.severity == "error" for f in findings):
            self.exit_code = max(self.exit_code, EXIT_FINDINGS)
        return self.exit_code


def check_documents(documents: Iterable[Document], families: Sequence[Family], settings: Settings) -> list[Finding]:
    findings = []
    for document in documents:
        found = [finding for family in families for finding in family.check(document, settings)]
        findings += sorted(found, key=lambda f: (f.line, f.code))
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
    code = session.report(check_documents(session.documents(), families, settings_of(args)))
    end_of_command(argv)
    return code
