"""What every entry point shares: arguments, reading files, running check families, output, exit codes.

Exit codes: 0 clean, 1 findings, 2 a file or an argument that cannot be used.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence

from hooks.document import Document, InputError, build_document, decode_text, read_bytes
from hooks.fixing import Edit, FixError, apply_edits, write_atomically
from hooks.output import FORMATS, render
from hooks.records import Record
from hooks.rules import PREFIXES, Finding
from hooks.templates import Template, TemplateError, load_template_file, registry

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


class Family(Record):
    """A check family: a name, a function from a document (and the run's options) to its findings,
    for a family that can repair what it finds one from a document to its edits, and the
    options of its own that its entry points and report-check accept."""

    def __init__(
        self,
        name: str,
        check: Callable[[Document, argparse.Namespace], Iterable[Finding]],
        fix: Callable[[Document], Iterable[Edit]] | None = None,
        add_options: Callable[[argparse.ArgumentParser], None] | None = None,
    ) -> None:
        self.name = name
        self.check = check
        self.fix = fix
        self.add_options = add_options


def _terminal_columns() -> int:
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80


class _HelpFormatter(argparse.HelpFormatter):
    def __init__(self, prog: str) -> None:
        # Left to find the width itself, argparse imports shutil on every
        # add_argument, which costs a hook more start-up time than its checks.
        super().__init__(prog, width=_terminal_columns() - 2)


def build_parser(prog: str, description: str, families: Sequence[Family]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description, formatter_class=_HelpFormatter)
    for family in families:
        if family.add_options:
            family.add_options(parser)
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
        choices=["auto", *registry()],
        default="auto",
        help="template generation the report follows (default: auto, detected from its prompts)",
    )
    which.add_argument(
        "--template-file",
        metavar="PATH",
        help="a pristine template of a generation this package does not know; questions and limits "
        "are read from its 'answer length' lines and image requests",
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
        if prefix not in PREFIXES.values() or not (digits.isdigit() or not digits) or len(digits) > 3:
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
            finding = finding.replace(rule=finding.rule.replace(severity="warning"))
        selected.append(finding)
    return selected


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

    def template(self) -> Template | None:
        if self.args.template_file:
            return load_template_file(self.args.template_file)
        if self.args.template != "auto":
            return registry()[self.args.template]
        return None

    def documents(self) -> Iterator[Document]:
        try:
            template = self.template()
        except TemplateError as error:
            self.fail(str(error))
            return
        for path in self.args.filenames:
            try:
                data = read_bytes(path)
                document = build_document(path, decode_text(data), template)
            except InputError as error:
                self.fail(f"{path}: {error}")
                continue
            if document is not None:
                yield self._fixed(document, data, template) if getattr(self.args, "fix", False) else document

    def _fixed(self, document: Document, data: bytes, template: Template | None) -> Document:
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
        return build_document(document.path, decode_text(fixed), template) or document

    def report(self, findings: list[Finding]) -> int:
        findings = select(findings, self.args.ignore, self.args.warn)
        output = render(findings, self.args.format)
        if output:
            print(output)
        if any(f.severity == "error" for f in findings):
            self.exit_code = max(self.exit_code, EXIT_FINDINGS)
        return self.exit_code


def check_documents(
    documents: Iterable[Document], families: Sequence[Family], options: argparse.Namespace
) -> list[Finding]:
    findings = []
    for document in documents:
        found = [finding for family in families for finding in family.check(document, options)]
        findings += sorted(found, key=lambda f: (f.line, f.code))
    return findings


def end_of_command(argv: Sequence[str] | None) -> None:
    """Run as a command (``argv`` None, as the console scripts call ``main``), skip the last garbage collection.

    At exit the interpreter collects once more, walking every object that mistune
    and the checks created, only to free memory the process hands back anyway:
    about 7 % of a run. Frozen objects are left out of it. A caller that passes
    ``argv`` keeps its collector as it was.
    """
    if argv is None:
        gc.freeze()


def run(argv: Sequence[str] | None, families: Sequence[Family], prog: str, description: str) -> int:
    """The whole life of a single-family entry point such as ``report-length``."""
    args = build_parser(prog, description, families).parse_args(argv)
    session = Session(prog, args, families)
    code = session.report(check_documents(session.documents(), families, args))
    end_of_command(argv)
    return code
