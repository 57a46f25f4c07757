"""One version: pyproject, --version on every entry point, the README's rev and the CHANGELOG agree."""

from __future__ import annotations

import re
import subprocess
from importlib.metadata import version

import pytest
from conftest import ROOT

from hooks.entry import report_check, report_headings, report_images, report_length, report_placeholders

VERSION = version("mlops-report-hooks")


def test_the_installed_version_is_pyproject_s() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.findall(r'^version = "(.+)"$', pyproject, re.M) == [VERSION]


@pytest.mark.parametrize(
    ("main", "prog"),
    [
        (report_check, "report-check"),
        (report_length, "report-length"),
        (report_images, "report-images"),
        (report_headings, "report-headings"),
        (report_placeholders, "report-placeholders"),
    ],
)
def test_every_entry_point_prints_the_version(main, prog: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"{prog} {VERSION}\n"


def readme_rev() -> str:
    """The ``rev:`` of the README's .pre-commit-config.yaml snippet."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (rev,) = re.findall(r"^\s*rev: (\S+)", readme, re.M)
    return rev


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_readme_pins_the_release_commit_of_this_version() -> None:
    """A full commit hash, which every clone of main has (tags do not travel with it), whose pyproject.toml is this
    version's: the commit of this release, an ancestor of the checkout."""
    rev = readme_rev()
    assert re.fullmatch(r"[0-9a-f]{40}", rev), rev
    git = ["git", "-C", str(ROOT)]
    assert subprocess.run([*git, "merge-base", "--is-ancestor", rev, "HEAD"], capture_output=True).returncode == 0
    released = subprocess.run([*git, "show", f"{rev}:pyproject.toml"], capture_output=True, text=True, check=True)
    assert re.findall(r'^version = "(.+)"$', released.stdout, re.M) == [VERSION]


def test_changelog_has_a_section_for_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (\S+)", changelog, re.M)
    # Changes since the release gather under "Unreleased" until the next version is tagged.
    assert sections[: sections.index(VERSION) + 1] in ([VERSION], ["Unreleased", VERSION])
