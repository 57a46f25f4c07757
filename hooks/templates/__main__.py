"""Maintainer command: build a registry data file from a pristine course template.

    python -m hooks.templates build PATH/TO/README.md --name 2027 [--variant LATER/README.md]

writes ``hooks/templates/generation_2027.py`` and prints its questions and limits,
so they can be compared with that year's ``report.py`` before committing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from hooks.parser import Checker, Report, parse_report
from hooks.templates import DATA_DIR, DATA_MODULE_PREFIX, TemplateError, from_report, with_variant


def python_literal(value: object, depth: int = 0) -> str:
    """Data (dicts, lists, strings, numbers, None, booleans) as Python source, one item per line."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a Python string literal
    if isinstance(value, dict):
        items = [f"{json.dumps(key)}: {python_literal(item, depth + 1)}" for key, item in value.items()]
        opening, closing = "{", "}"
    elif isinstance(value, list):
        items = [python_literal(item, depth + 1) for item in value]
        opening, closing = "[", "]"
    else:
        return repr(value)
    if not items:
        return opening + closing
    indent = "    " * (depth + 1)
    return opening + "\n" + "".join(f"{indent}{item},\n" for item in items) + "    " * depth + closing


def data_module(name: str, data: dict[str, object]) -> str:
    return (
        f'"""The {name} template\'s facts, written by `python -m hooks.templates build`: do not edit."""\n\n'
        f"DATA = {python_literal(data)}\n"
    )


def _read(path: str) -> Report:
    return parse_report(Path(path).read_bytes().decode("utf-8").replace("\r\n", "\n"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks.templates", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build a data file from a pristine template")
    build.add_argument("template", help="the pristine template (reports/README.md of the course repository)")
    build.add_argument("--name", required=True, help="the generation's name, e.g. the year: 2027")
    build.add_argument(
        "--legacy-checker",
        action="store_true",
        help="that year's report.py is the 2023-2024 one: it drops the first 43 characters and the first span",
    )
    build.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="PATH",
        help="a later pristine revision of the same year whose reworded prompts are accepted too (repeatable)",
    )
    build.add_argument(
        "--output-dir", default=DATA_DIR, help=f"where to write {DATA_MODULE_PREFIX}NAME.py (default: the registry)"
    )
    args = parser.parse_args(argv)

    module = DATA_MODULE_PREFIX + args.name
    if not module.isidentifier():
        parser.error(f"--name {args.name!r}: use letters, digits and underscores only")
    path = args.template
    try:
        report = _read(path)
        checker = Checker(len(report.questions), 43, True) if args.legacy_checker else None
        template = from_report(args.name, report, checker)
        for path in args.variant:
            template = with_variant(template, _read(path))
    except (OSError, UnicodeDecodeError, TemplateError) as error:
        print(f"python -m hooks.templates: error: {path}: {error}", file=sys.stderr)
        return 2
    output = Path(args.output_dir) / f"{module}.py"
    output.write_text(data_module(args.name, template.to_data()), encoding="utf-8")
    print(f"wrote {output}: {len(template.questions)} questions")
    for question in template.questions:
        limits = {key: value for key, value in question.limits.as_dict().items() if value is not None}
        if limits:
            print(f"  Question {question.number}: {limits}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
