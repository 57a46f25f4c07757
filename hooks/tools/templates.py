"""Maintainer command: add a revision of the course template to the registry's revisions.json.

    python -m hooks.tools.templates build PATH/TO/README.md --date 2027-01-05 --commit 0123abcd --run 2027 \
        --output-dir hooks/templates [--variant LATER.md]

reads the pristine ``README.md`` of that commit of the course repository, and the
``report.py`` beside it, and writes ``revisions.json`` in the output folder, with this
revision added (or replaced, for a commit it already has). The folder must hold a ``checker_*.json``
that grades the run. It prints where the limits the prompts state differ from
that checker's table, and each checklist item that ``checklist.json`` does not know yet.
"""

import argparse
import json
import os
import re
import sys
import sysconfig
from pathlib import Path

from hooks.core.checklist import checklist
from hooks.core.official import Limits, decode
from hooks.core.report import Report, parse_report
from hooks.templates.checklist import item_fingerprint, item_of
from hooks.templates.model import TemplateError, from_report, with_variant
from hooks.templates.report_py import CheckerError, read_report_py
from hooks.templates.revisions import (
    REVISIONS_FILE,
    load_checkers,
    load_revisions,
    revisions_data,
    source_fingerprint,
    table_fingerprint,
)

PROG = "python -m hooks.tools.templates"


def _installed(directory: str) -> bool:
    """Whether the folder is inside an installation's site-packages, which no build may write."""
    real = os.path.realpath(directory)
    installs = {os.path.realpath(sysconfig.get_paths()[key]) for key in ("purelib", "platlib")}
    return any(real == path or real.startswith(path + os.sep) for path in installs)


def read_template(path: str) -> Report:
    """A pristine template, read as report.py reads text (raises OSError or UnicodeDecodeError)."""
    return parse_report(decode(Path(path).read_bytes()))


def _range(low: int | None, high: int | None) -> str:
    return "none" if low is None else f"{low}-{high}"


def _differences(stated: Limits, graded: Limits) -> list[str]:
    found = []
    for unit, index in (("words", 0), ("images", 2)):
        if stated[index : index + 2] != graded[index : index + 2]:
            said, checked = _range(*stated[index : index + 2]), _range(*graded[index : index + 2])
            found.append(f"{unit}: the prompt says {said}, report.py checks {checked}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="add a pristine revision of the template to revisions.json")
    build.add_argument("template", help="the pristine template (reports/README.md at that commit of the course)")
    build.add_argument("--date", required=True, help="the revision's date, YYYY-MM-DD")
    build.add_argument("--commit", required=True, help="the course repository's commit of the revision")
    build.add_argument("--run", required=True, type=int, help="the course run (year of the January exam) it belongs to")
    build.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="PATH",
        help="a template whose reworded prompts this revision accepts too (repeatable)",
    )
    build.add_argument("--output-dir", required=True, help="the registry folder in a source tree: hooks/templates")
    args = parser.parse_args(argv)

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
        parser.error(f"--date {args.date!r}: use YYYY-MM-DD")
    if _installed(args.output_dir):
        parser.error(f"--output-dir {args.output_dir} is an installed package: write into a source tree")
    path = args.template
    try:
        checker = load_checkers(args.output_dir).get(args.run)
        if checker is None:
            raise TemplateError(f"no checker_*.json in {args.output_dir} grades the {args.run} run: write it first")
        pristine = read_template(path)
        stated = from_report(args.date, pristine, None, args.commit, args.run)
        own = os.path.join(os.path.dirname(path), "report.py")
        source = decode(Path(own).read_bytes())
        report_py = (source_fingerprint(source), table_fingerprint(read_report_py(source, own)))
        template = stated._replace(checker=checker, report_py=report_py)
        for path in args.variant:
            template = with_variant(template, read_template(path))
        templates = [known for known in load_revisions(args.output_dir) if known.commit != args.commit]
    except (OSError, UnicodeDecodeError, TemplateError, CheckerError) as error:
        print(f"{PROG}: error: {path}: {error}", file=sys.stderr)
        return 2
    templates = sorted([*templates, template], key=lambda known: (known.revision, known.commit))
    output = Path(args.output_dir) / REVISIONS_FILE
    output.write_text(json.dumps(revisions_data(templates), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"wrote {output}: {len(templates)} revisions; {args.date} has {len(template.questions)} questions, "
        f"graded by the {args.run} run's checker, which expects {checker.expected} answers"
    )
    for index, (question, said) in enumerate(zip(template.questions, stated.checker.limits, strict=False)):
        graded = checker.limits[index] if index < checker.expected else Limits()
        for difference in _differences(said, graded):
            print(f"  Question {question.number}: {difference}")
    for entry in checklist(pristine):
        if item_of(entry.text) is None:
            print(
                f"  checklist line {entry.line} is no known item: add {item_fingerprint(entry.text)} to its item "
                f"(or a new one) in hooks/templates/checklist.json"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
