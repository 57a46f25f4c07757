"""One version: pyproject, --version on every entry point, the README's rev and the CHANGELOG agree."""

from __future__ import annotations

import re
from importlib.metadata import version

import pytest
from conftest import ROOT

from hooks import check, headings, images, length, placeholders

VERSION = version("mlops-report-hooks")


def test_the_installed_version_is_pyproject_s() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.findall(r'^version = "(.+)"$', pyproject, re.M) == [VERSION]


@pytest.mark.parametrize(
    ("main", "prog"),
    [
        (check.main, "report-check"),
        (length.main, "report-length"),
        (images.main, "report-images"),
        (headings.main, "report-headings"),
        (placeholders.main, "report-placeholders"),
    ],
)
def test_every_entry_point_prints_the_version(main, prog: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"{prog} {VERSION}\n"


def test_readme_pins_the_release_tag_of_this_version() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"^\s*rev: (\S+)", readme, re.M) == [f"v{VERSION}"]


def test_changelog_has_a_section_for_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (\S+)", changelog, re.M)
    # Changes since the release gather under "Unreleased" until the next version is tagged.
    assert sections[: sections.index(VERSION) + 1] in ([VERSION], ["Unreleased", VERSION])
