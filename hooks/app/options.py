"""Options: the command line and the ``[tool.mlops-report-hooks]`` table of a repository's pyproject.toml.

Every way of running reads the same options. For each report, an option given on
the command line wins over the nearest table that applies to the report (walking
up from its folder to the repository root), which wins over the default.
"""

import argparse
import os
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from hooks.app.records import Options
from hooks.checks.registry import Hook, parse_codes
from hooks.checks.rules import Settings
from hooks.core.files import MAX_PYPROJECT_BYTES, Outside, ReadError, read_inside, target_inside
from hooks.core.git import repository_or_folder, root_for
from hooks.templates.model import Template
from hooks.templates.revisions import runs

FORMATS = ("text", "github", "json")
SUMMARY_FORMATS = (*FORMATS, "csv", "markdown")
TABLE = "mlops-report-hooks"
KEYS = ("checker-file", "figures-dir", "ignore", "template", "warn")

# The command-line form of each Settings field that is an option; a family offers those it reads.
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


class ConfigError(Exception):
    """Options that cannot be used; the message is one line naming the file and the key."""


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
        # Given no width, argparse imports shutil to find it on every add_argument: see docs/speed.md.
        columns = os.environ.get("COLUMNS", "")
        super().__init__(prog, width=max(int(columns) if columns.isdigit() else 80, 40) - 2)


class _Parser(argparse.ArgumentParser):
    """An argument parser that answers an unknown option with the closest known one."""

    def parse_args(self, args: Sequence[str] | None = None, namespace: Any = None) -> argparse.Namespace:  # type: ignore[override]
        parsed, unknown = self.parse_known_args(args, namespace)
        if unknown:
            from difflib import get_close_matches  # only for a mistake

            known = re.findall(r"(?<![\w-])--?[A-Za-z][\w-]*", self.format_usage())  # every option, as usage lists it
            options = [item.split("=", 1)[0] for item in unknown if item.startswith("-")]
            closest = [match for option in options for match in get_close_matches(option, known, n=1, cutoff=0.7)]
            hint = f"; did you mean {closest[0]}?" if closest else ""
            self.error(f"unrecognized arguments: {' '.join(unknown)}{hint}")
        return parsed


def _codes(value: str) -> tuple[str, ...]:
    try:
        return parse_codes(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser(hook: Hook) -> argparse.ArgumentParser:
    """The command line of a hook's entry point: the options of its families, and --summary for report-check."""
    description = hook.description.replace("`", "")
    parser = _Parser(prog=hook.id, description=description, formatter_class=_HelpFormatter)
    parser.add_argument("--version", action=_Version)
    for field in dict.fromkeys(field for family in hook.families for field in family.settings):
        flags, options = _SETTING_OPTIONS[field]
        parser.add_argument(*flags, **options)  # type: ignore[arg-type]
    fixers = [family.name for family in hook.families if family.edits]
    if fixers:
        parser.add_argument(
            "--fix",
            action="store_true",
            help=f"repair what can be repaired safely ({', '.join(fixers)}), print 'Fixing <path>' and exit 1",
        )
    parser.add_argument("filenames", nargs="*", help="report files or folders (pre-commit passes reports/README.md)")
    parser.add_argument(
        "--format",
        choices=SUMMARY_FORMATS if hook.summary else FORMATS,
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
    parser.add_argument(
        "--explain",
        metavar="CODE",
        help="print what a rule checks, why it matters, how to fix it and an example, and exit; a family prefix "
        "(LEN) or 'all' lists those rules, one line each",
    )
    if hook.summary:
        parser.add_argument(
            "--summary",
            action="store_true",
            help="print per question what the official checker will count and whether it passes; with more than "
            "one report, an overview after them (--format csv: one row per answer per report; markdown: tables for "
            "a job summary); it never changes a report",
        )
        parser.add_argument(
            "--html",
            metavar="PATH",
            help="also write the report as GitHub shows it, with every finding beside its line, to the file PATH "
            "(with --summary: a folder, with an index of every report); needs the preview extra",
        )
    return parser


class Config(NamedTuple):
    path: str  # the pyproject.toml it was read from
    values: dict[str, Any]  # by key; checker-file already relative to the working directory

    def get(self, key: str) -> Any:
        return self.values.get(key)


def _toml(path: str, data: bytes) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python < 3.11: the backport, a dependency there
        import tomli as tomllib

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: not UTF-8 (byte 0x{data[error.start]:02x})") from None
    # A TOMLDecodeError is a ValueError, and so is a number too long to read; nesting may exhaust the stack.
    except (ValueError, RecursionError, MemoryError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ConfigError(f"{path}: not valid TOML: {reason}") from None


def _value(path: str, key: str, value: Any) -> Any:
    """A key's value, checked and made usable."""
    where = f"{path}: [tool.{TABLE}] {key}"
    if key in ("ignore", "warn"):
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            raise ConfigError(f'{where}: must be a list of rule codes or prefixes, such as ["HDG009", "PLH"]')
        try:
            return parse_codes(",".join(value))
        except ValueError as error:
            raise ConfigError(f"{where}: {error}") from None
    if not isinstance(value, str) or not value or "\0" in value:
        raise ConfigError(f"{where}: must be a non-empty string")
    if key == "checker-file":
        named = os.path.join(os.path.dirname(path), value)
        _inside(named, repository_or_folder(os.path.dirname(path)), where)
        return os.path.relpath(named)
    if key == "template" and value != "auto" and value not in runs():
        raise ConfigError(f"{where}: {value!r} is not auto or a course run ({', '.join(runs())})")
    return value


# A [tool.*] table that may be this one misspelt ([tool.mlops_report_hooks]): its file is parsed to say so. A
# project named "mlops_project" is not reason enough to parse its pyproject.toml on every run.
_NEAR_MISS = re.compile(r"""(?i)tool\s*\.\s*["']?[\w.-]*(?:mlops|report.?hook)""")


def _misspelt(tool: dict[str, Any]) -> str | None:
    """A [tool.*] table whose name is close to this package's, which would otherwise be silently ignored."""
    from difflib import SequenceMatcher  # only for a near miss

    for name in tool:
        spelled = str(name).lower().replace("_", "-").replace(" ", "-")
        if name != TABLE and SequenceMatcher(None, spelled, TABLE).ratio() >= 0.8:
            return str(name)
    return None


def _inside(path: str, root: str, what: str) -> None:
    """Raises ConfigError when a path named by an option leaves the repository, directly or through a symlink."""
    try:
        target_inside(path, root)
    except Outside:
        raise ConfigError(f"{what}: {path} is outside the repository, so it is not read") from None


def _parse_config(path: str, data: bytes) -> Config | None:
    text = data.decode("utf-8", errors="replace")
    if TABLE not in text and not _NEAR_MISS.search(text):
        return None
    tool = _toml(path, data).get("tool")
    if not isinstance(tool, dict):
        return None
    misspelt = _misspelt(tool)
    if misspelt is not None:
        raise ConfigError(f"{path}: [tool.{misspelt}] is not read: did you mean [tool.{TABLE}]?")
    table = tool.get(TABLE)
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.{TABLE}] must be a table")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        from difflib import get_close_matches  # only for a mistake

        near = get_close_matches(str(unknown[0]), KEYS, n=1, cutoff=0.7)
        hint = f" (did you mean {near[0]}?)" if near else ""
        raise ConfigError(f"{path}: [tool.{TABLE}] {unknown[0]}: unknown key{hint}; allowed: {', '.join(KEYS)}")
    return Config(path, {key: _value(path, key, value) for key, value in table.items()})


CONFIG_FILE = "pyproject.toml"


def check_config(path: str) -> str | None:
    """A pyproject.toml given as a file to check (pre-commit passes it when a commit changes it): raises ConfigError
    when its table, or a table spelt close to it, cannot be used; a note when the file is passed over."""
    try:
        data = read_inside(path, root_for(path), MAX_PYPROJECT_BYTES, "a pyproject.toml")
    except Outside:
        return f"{path} is not read: it leads out of the repository"
    except ReadError as error:
        return f"{path} is not read: it {error}"
    _parse_config(path, data)
    return None


def config_for(directory: str) -> tuple[Config | None, tuple[str, ...]]:
    """The table that applies to reports in ``directory`` (None when no pyproject.toml up to the repository root
    has one), and notes on the pyproject.toml files passed over: one that leads out of the repository, or that is
    no regular file or too large, is not read."""
    directory = os.path.abspath(directory)
    # The repository; outside git, the working folder when it holds the report's folder, else that folder alone.
    root = root_for(os.path.join(directory, CONFIG_FILE))
    notes: list[str] = []
    while True:
        candidate = os.path.join(directory, CONFIG_FILE)
        if os.path.lexists(candidate):
            try:
                data = read_inside(candidate, root, MAX_PYPROJECT_BYTES, "a pyproject.toml")
            except Outside:
                notes.append(f"{candidate} is not read: it leads out of the repository")
            except ReadError as error:
                notes.append(f"{candidate} is not read: it {error}")
            else:
                found = _parse_config(candidate, data)
                if found is not None:
                    return found, tuple(notes)
        parent = os.path.dirname(directory)
        if directory == root or parent == directory:
            return None, tuple(notes)
        directory = parent


def resolve(args: argparse.Namespace, config: Config | None, template_file: Template | None) -> Options:
    """The options for a report that ``config`` applies to. Raises ConfigError."""

    def given(name: str, key: str) -> Any:
        value = getattr(args, name, None)
        return value if value is not None or config is None else config.get(key)

    if getattr(args, "checker_file", None):
        _inside(args.checker_file, repository_or_folder(os.getcwd()), "--checker-file")
    template = template_file
    if template is None:
        run = given("template", "template")
        if run is not None and run != "auto":
            template = runs()[run]
    chosen = {field: given(field, field.replace("_", "-")) for field in _SETTING_OPTIONS}
    settings = Settings(**{field: value for field, value in chosen.items() if value is not None})
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
