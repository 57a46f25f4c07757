"""The ``[tool.mlops-report-hooks]`` table of a repository's pyproject.toml: options every way of running shares.

The nearest pyproject.toml that has the table, walking up from the report's
folder to the repository root, applies to that report; the command line
overrides it key by key.
"""

from __future__ import annotations

import os
import re
from typing import Any, NamedTuple

from hooks.rules import parse_codes
from hooks.templates import runs

TABLE = "mlops-report-hooks"
KEYS = ("checker-file", "figures-dir", "ignore", "template", "warn")


class ConfigError(Exception):
    """A table that cannot be used; the message is one line naming the file and the key."""


class Config(NamedTuple):
    path: str  # the pyproject.toml it was read from
    values: dict[str, Any]  # by key; checker-file already relative to the working directory

    def get(self, key: str) -> Any:
        return self.values.get(key)


def _toml(path: str) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python < 3.11: the backport, a dependency there
        import tomli as tomllib

    with open(path, "rb") as file:
        try:
            return tomllib.load(file)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None


def _check(path: str, key: str, value: Any) -> Any:
    where = f"{path}: [tool.{TABLE}] {key}"
    if key in ("ignore", "warn"):
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            raise ConfigError(f'{where}: must be a list of rule codes or prefixes, such as ["HDG009", "PLH"]')
        try:
            return parse_codes(",".join(value))
        except ValueError as error:
            raise ConfigError(f"{where}: {error}") from None
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: must be a non-empty string")
    if key == "checker-file":
        return os.path.relpath(os.path.join(os.path.dirname(path), value))
    if key == "template" and value != "auto" and value not in runs():
        raise ConfigError(f"{where}: {value!r} is not auto or a course run ({', '.join(runs())})")
    return value


# A [tool.*] table that may be this one misspelt ([tool.mlops_report_hooks]): its file is parsed to say so. A
# project named "mlops_project" is not reason enough to parse its pyproject.toml on every run.
_NEAR_MISS = re.compile(r"""(?i)tool\s*\.\s*["']?[\w.-]*(?:mlops|report.?hook)""")


def _misspelt(tool: dict[str, Any]) -> str | None:
    """A [tool.*] table whose name is close to this package's, which would otherwise be silently ignored."""
    from difflib import SequenceMatcher

    for name in tool:
        spelled = str(name).lower().replace("_", "-").replace(" ", "-")
        if name != TABLE and SequenceMatcher(None, spelled, TABLE).ratio() >= 0.8:
            return str(name)
    return None


def _read(path: str) -> Config | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            text = file.read()
        if TABLE not in text and not _NEAR_MISS.search(text):
            return None
        data = _toml(path)
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror or error}") from None
    tool = data.get("tool")
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
        raise ConfigError(f"{path}: [tool.{TABLE}] {unknown[0]}: unknown key; allowed: {', '.join(KEYS)}")
    return Config(path, {key: _check(path, key, value) for key, value in table.items()})


def config_for(directory: str) -> Config | None:
    """The table that applies to reports in ``directory``; None when no pyproject.toml up to the repository root
    has one."""
    directory = os.path.abspath(directory)
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            found = _read(candidate)
            if found is not None:
                return found
        parent = os.path.dirname(directory)
        if os.path.exists(os.path.join(directory, ".git")) or parent == directory:
            return None
        directory = parent
