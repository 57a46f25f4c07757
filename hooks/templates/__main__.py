"""Maintainer command: write a template's prompts data module from the pristine course template.

    python -m hooks.templates build PATH/TO/README.md --name 2027 --output-dir hooks/templates [--variant LATER.md]

writes ``prompts_2027.py`` into the output folder, which must already hold the
``checker_2027.py`` written from that year's report.py, and prints where the
limits the prompts state differ from the checker's table.
"""

from __future__ import annotations

import argparse
import os
import sys
import sysconfig
from pathlib import Path
from pprint import pformat

from hooks.markdown import Report, parse_report
from hooks.official import Limits
from hooks.templates import (
    CHECKER_PREFIX,
    PROMPTS_PREFIX,
    TemplateError,
    checker_of,
    from_report,
    load_data_module,
    prompts_data,
    with_variant,
)

PROG = "python -m hooks.templates"


def data_module(name: str, data: dict[str, object]) -> str:
    return (
        f'"""The {name} template\'s headings and prompt fingerprints, written by `{PROG} build`: do not edit."""\n\n'
        f"DATA = {pformat(data, width=116, sort_dicts=False)}\n"
    )


def _read(path: str) -> Report:
    return parse_report(Path(path).read_bytes().decode("utf-8").replace("\r\n", "\n"))


def _installed(directory: str) -> bool:
    """Whether the folder is inside an installation's site-packages, which no build may write."""
    real = os.path.realpath(directory)
    installs = {os.path.realpath(sysconfig.get_paths()[key]) for key in ("purelib", "platlib")}
    return any(real == path or real.startswith(path + os.sep) for path in installs)


def _range(low: int | None, high: int | None) -> str:
    return "none" if low is None else f"{low}-{high}"


def _differences(stated: Limits, graded: Limits) -> list[str]:
    found = []
    for unit, index in (("words", 0), ("images", 2)):
        if stated[index : index + 2] != graded[index : index + 2]:
            found.append(
                f"{unit}: the prompt says {_range(*stated[index : index + 2])}, "
                f"report.py checks {_range(*graded[index : index + 2])}"
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="write a prompts data module from a pristine template")
    build.add_argument("template", help="the pristine template (reports/README.md of the course repository)")
    build.add_argument("--name", required=True, help="the template's name, the year of its course run: 2027")
    build.add_argument("--checker", help="the checker_<NAME>.py that grades it (default: --name)")
    build.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="PATH",
        help="a later pristine revision of the same year whose reworded prompts are accepted too (repeatable)",
    )
    build.add_argument("--output-dir", required=True, help="the registry folder in a source tree: hooks/templates")
    args = parser.parse_args(argv)

    checker_name = args.checker or args.name
    for value in (args.name, checker_name):
        if not (PROMPTS_PREFIX + value).isidentifier():
            parser.error(f"{value!r} cannot name a data module: use letters, digits and underscores only")
    if _installed(args.output_dir):
        parser.error(f"--output-dir {args.output_dir} is an installed package: write into a source tree")
    path = args.template
    try:
        checker = checker_of(load_data_module(args.output_dir, CHECKER_PREFIX + checker_name), checker_name)
        report = _read(path)
        stated = from_report(args.name, report)
        template = stated._replace(checker=checker)
        for path in args.variant:
            template = with_variant(template, _read(path))
    except (OSError, UnicodeDecodeError, TemplateError) as error:
        print(f"{PROG}: error: {path}: {error}", file=sys.stderr)
        return 2
    output = Path(args.output_dir) / f"{PROMPTS_PREFIX}{args.name}.py"
    output.write_text(data_module(args.name, prompts_data(template)), encoding="utf-8")
    print(f"wrote {output}: {len(template.questions)} questions, graded by {CHECKER_PREFIX}{checker_name}.py")
    if len(template.questions) != checker.expected:
        print(f"  the template has {len(template.questions)} questions, report.py expects {checker.expected} answers")
    for question in template.questions:
        for difference in _differences(stated.limits(question.number), template.limits(question.number)):
            print(f"  Question {question.number}: {difference}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
