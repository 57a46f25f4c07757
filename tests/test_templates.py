from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from conftest import EXAMPLE_TEMPLATE, SHARED, requires_shared

import hooks.templates
from hooks.parser import parse_report
from hooks.templates import Limits, Template, TemplateError, derive_limits, detect, from_report, load_template_file
from hooks.templates.__main__ import data_module
from hooks.templates.__main__ import main as build_main

# The official limit tables, as report.py states them: {question: (min_words, max_words, min_images, max_images)}.
_BASE = {3: (100, 200), 4: (100, 200), 5: (100, 200)}
OFFICIAL_2023 = {
    **_BASE,
    6: (50, 100),
    7: (50, 100),
    8: (100, 200),
    9: (100, 200),
    10: (100, 200),
    11: (200, 300),
    12: (50, 100),
    13: (100, 200),
    14: (200, 300, 1, 3),
    15: (100, 200),
    16: (100, 200),
    17: (50, 200),
    18: (100, 200),
    19: (None, None, 1, 2),
    20: (None, None, 1, 1),
    21: (None, None, 1, 1),
    22: (100, 200),
    23: (100, 200),
    24: (25, 100),
    25: (200, 400, 1, 1),
    26: (200, 400),
    27: (50, 200),
}
OFFICIAL_2025 = {
    **_BASE,
    6: (100, 200),
    7: (50, 100),
    8: (100, 200),
    9: (100, 200),
    10: (100, 200),
    11: (200, 300),
    12: (50, 100),
    13: (100, 200),
    14: (200, 300, 1, 3),
    15: (100, 200),
    16: (100, 200),
    17: (50, 200),
    18: (100, 200),
    19: (None, None, 1, 2),
    20: (None, None, 1, 2),
    21: (None, None, 1, 2),
    **{n: (100, 200) for n in range(22, 28)},
    28: (0, 200),
    29: (200, 400, 1, 1),
    30: (200, 400),
    31: (50, 300),
}
OFFICIAL_2026 = {**OFFICIAL_2025, 3: (0, 200)}


def table(template: Template) -> dict[int, tuple]:
    result = {}
    for question in template.questions:
        limits = (
            question.limits.min_words,
            question.limits.max_words,
            question.limits.min_images,
            question.limits.max_images,
        )
        while limits and limits[-1] is None:
            limits = limits[:-1]
        if limits:
            result[question.number] = limits
    return result


@pytest.mark.parametrize(
    ("name", "count", "official", "skip", "drop_first"),
    [
        ("2023", 27, OFFICIAL_2023, 43, True),
        ("2025", 31, OFFICIAL_2025, 0, False),
        ("2026", 31, OFFICIAL_2026, 0, False),
    ],
)
def test_bundled_registry_holds_the_official_tables(name, count, official, skip, drop_first) -> None:
    template = hooks.templates.registry()[name]
    assert [q.number for q in template.questions] == list(range(1, count + 1))
    assert table(template) == official
    assert (template.checker.expected, template.checker.skip_chars, template.checker.drop_first_span) == (
        count,
        skip,
        drop_first,
    )
    assert all(q.prompt for q in template.questions)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [key, *_strings(item)]]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_registry_data_files_hold_facts_not_sentences() -> None:
    paths = list(Path(hooks.templates.DATA_DIR).glob("generation_*.py"))
    assert len(paths) == 3
    for path in paths:
        data = runpy.run_path(str(path))["DATA"]
        headings = {text for _, text in data["headings"]}
        keys = {
            "name",
            "headings",
            "checker",
            "questions",
            "n",
            "section",
            "prompts",
            "paragraphs",
            "kinds",
            "whole",
            "expected",
            "skip_chars",
            "drop_first_span",
            "min_words",
            "max_words",
            "min_images",
            "max_images",
            "example_lines",
            "answer_lines",
        }
        kinds = {"question", "length", "example", "text"}
        for text in _strings(data):
            is_hash = len(text) == 16 and all(c in "0123456789abcdef" for c in text)
            assert is_hash or text in headings or text in keys or text in kinds or text == data["name"], text


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["**Explain it.**", "Recommended answer length: 100-200 words."], Limits(100, 200)),
        (["Answer length: 50 - 100 words"], Limits(50, 100)),
        (["**Show it.**", "Recommended answer length: 200-300 words + 1 to 3 screenshots."], Limits(200, 300, 1, 3)),
        (["**Insert 1-2 images of your bucket.**"], Limits(None, None, 1, 2)),
        (["**Upload one image of your registry.**"], Limits(None, None, 1, 1)),
        (
            ["**Include a figure of the system.** Take inspiration from [this figure](figures/x.png)."],
            Limits(None, None, 1, 1),
        ),
        (["**Only text.** See [this figure](figures/x.png)."], Limits()),
        (["**Q**", "Example: *As seen in the first image, 2-3 images help*"], Limits()),
    ],
)
def test_derive_limits(paragraphs, expected) -> None:
    assert derive_limits(paragraphs) == expected


def test_template_file_gives_questions_and_limits() -> None:
    template = load_template_file(str(EXAMPLE_TEMPLATE))
    assert template.name == "template.md"
    assert template.sections == ("Group information", "Tooling", "Wrapping up")
    assert table(template) == {2: (20, 40), 3: (10, 30), 4: (10, 50, 1, 2), 5: (None, None, 1, 1), 6: (5, 25)}
    assert (template.checker.expected, template.checker.skip_chars, template.checker.drop_first_span) == (6, 0, False)


def test_template_file_errors(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"^cannot read template file .*missing\.md: "):
        load_template_file(str(tmp_path / "missing.md"))
    (tmp_path / "notes.md").write_text("# Notes\n\nNo questions here.\n")
    with pytest.raises(TemplateError, match=r"notes\.md is not a report template: it has no '### Question N' headings"):
        load_template_file(str(tmp_path / "notes.md"))
    (tmp_path / "latin1.md").write_bytes(b"### Question 1\n\xe9\n")
    with pytest.raises(TemplateError, match="cannot read template file"):
        load_template_file(str(tmp_path / "latin1.md"))


def _two_generations(monkeypatch: pytest.MonkeyPatch, template_text: str) -> str:
    newer = template_text.replace("**How do you run your tests?**", "**Which test runner do you use?**")
    old = from_report("old", parse_report(template_text))
    new = from_report("new", parse_report(newer))
    monkeypatch.setattr(hooks.templates, "registry", lambda: {"new": new, "old": old})
    return newer


def test_detect_picks_the_generation_with_the_most_shared_prompts(monkeypatch, template_text) -> None:
    newer = _two_generations(monkeypatch, template_text)
    assert detect(parse_report(template_text)).name == "old"
    assert detect(parse_report(newer)).name == "new"
    # Edited prompts elsewhere do not change the verdict.
    edited = newer.replace("**Which group are you?**", "**Our group**").replace(
        "**Include a figure of your pipeline.**", "**A figure**"
    )
    assert detect(parse_report(edited)).name == "new"
    assert detect(parse_report("### Question 1\n> **Unrelated**\n> Answer:\n")) is None


def test_build_command_writes_a_data_file(tmp_path: Path, capsys) -> None:
    assert build_main(["build", str(EXAMPLE_TEMPLATE), "--name", "2099", "--output-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"wrote {tmp_path / 'generation_2099.py'}: 6 questions"
    assert out[1:] == [
        "  Question 2: {'min_words': 20, 'max_words': 40}",
        "  Question 3: {'min_words': 10, 'max_words': 30}",
        "  Question 4: {'min_words': 10, 'max_words': 50, 'min_images': 1, 'max_images': 2}",
        "  Question 5: {'min_images': 1, 'max_images': 1}",
        "  Question 6: {'min_words': 5, 'max_words': 25}",
    ]
    built = Template.from_data(runpy.run_path(str(tmp_path / "generation_2099.py"))["DATA"])
    assert built == from_report("2099", parse_report(EXAMPLE_TEMPLATE.read_text()))


def test_build_command_rejects_a_non_template(tmp_path: Path, capsys) -> None:
    (tmp_path / "x.md").write_text("# nothing\n")
    assert build_main(["build", str(tmp_path / "x.md"), "--name", "x", "--output-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"python -m hooks.templates: error: {tmp_path / 'x.md'}: it has no '### Question N' headings\n"
    )
    assert not list(tmp_path.glob("*.py"))


def test_build_command_rejects_a_name_that_cannot_name_a_module(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_main(["build", str(EXAMPLE_TEMPLATE), "--name", "2026-rev", "--output-dir", str(tmp_path)])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m hooks.templates: error: --name '2026-rev': use letters, digits and underscores only"
    )
    assert not list(tmp_path.iterdir())


def test_data_module_holds_exactly_the_data(tmp_path: Path) -> None:
    data = {
        "name": "x",
        "texts": ['say "hi"', "it's", "back\\slash", "Página \u2013 ok", "tab\tand\nnewline"],
        "nothing": None,
        "flags": [True, False],
        "empty": [],
        "nested": {"n": 3, "pairs": [[1, "a"]]},
    }
    path = tmp_path / "generation_x.py"
    path.write_text(data_module("x", data), encoding="utf-8")
    assert runpy.run_path(str(path))["DATA"] == data


def revision_2026_e3622b47(tmp_path: Path) -> Path:
    """The 2026 template as its e3622b47 revision words Question 25.

    That revision is not in the corpus as a pristine file; four reports follow it
    and none of them edited that prompt, so one of them supplies it.
    """
    lines = (SHARED / "corpus" / "templates" / "2026.md").read_text(encoding="utf-8").split("\n")
    report = (SHARED / "corpus" / "reports" / "Aryan-Mi__dtu-vibe-ops-02476.md").read_text(encoding="utf-8")
    revised = report.split("\n")

    def prompt(source: list[str]) -> tuple[int, int]:
        start = source.index("### Question 25")
        return start, next(i for i in range(start, len(source)) if source[i].startswith("> Answer:"))

    (start, end), (revised_start, revised_end) = prompt(lines), prompt(revised)
    path = tmp_path / "2026-e3622b47.md"
    path.write_text("\n".join(lines[:start] + revised[revised_start:revised_end] + lines[end:]), encoding="utf-8")
    return path


@requires_shared
@pytest.mark.parametrize("name", ["2023", "2025", "2026"])
def test_bundled_data_file_is_what_the_build_command_makes(tmp_path: Path, name: str) -> None:
    options = {"2023": ["--legacy-checker"], "2026": ["--variant", str(revision_2026_e3622b47(tmp_path))]}
    pristine = SHARED / "corpus" / "templates" / f"{name}.md"
    command = ["build", str(pristine), "--name", name, "--output-dir", str(tmp_path), *options.get(name, [])]
    assert build_main(command) == 0
    bundled = Path(hooks.templates.DATA_DIR) / f"generation_{name}.py"
    assert (tmp_path / f"generation_{name}.py").read_bytes() == bundled.read_bytes()


@requires_shared
@pytest.mark.parametrize("name", ["2023", "2025", "2026"])
def test_pristine_templates_are_detected(name: str) -> None:
    text = (SHARED / "corpus" / "templates" / f"{name}.md").read_text(encoding="utf-8")
    assert detect(parse_report(text)).name == name
