"""Rules that explain themselves: every example is reported where it says, and --explain prints the documentation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import fill, git

from hooks.app.cli import main
from hooks.checks.registry import HOOKS, RULES, family_of
from hooks.checks.rules import Rule
from hooks.entry import report_check

PNG = b"\x89PNG\r\n\x1a\n" + bytes(8)
WITH_EXAMPLES = [rule for rule in RULES.values() if rule.example is not None]


def _line_of(text: str, wanted: str, start: int) -> int:
    """The 1-based number of the first line at or after ``start`` that starts with ``wanted``."""
    lines = text.split("\n")
    return next(number for number in range(start, len(lines) + 1) if lines[number - 1].startswith(wanted))


def _reports(rule: Rule, template: str, answers: dict[int, str]) -> tuple[str, str, int]:
    """The example report with the rule's bad text, with its good text, and the line the finding is on."""
    example = rule.example
    assert example is not None
    if example.question is not None:
        bad = fill(template, {**answers, example.question: example.bad})
        good = fill(template, {**answers, example.question: example.good})
        start = _line_of(bad, f"### Question {example.question}", 1)
        if not example.at:
            start = _line_of(bad, example.bad.split("\n")[0], start + 1)
    elif example.before:
        filled = fill(template, answers)
        at = filled.index(f"\n{example.before}") + 1
        bad, good = filled[:at] + example.bad + "\n" + filled[at:], filled[:at] + example.good + "\n" + filled[at:]
        start = bad[:at].count("\n") + 1
    else:
        filled = fill(template, answers)
        assert filled.count(example.good) == 1, f"{rule.code}: its good text must be in the report once"
        bad, good = filled.replace(example.good, example.bad), filled
        start = bad[: bad.index(example.bad)].count("\n") + 1
        if example.at:
            # From the heading of the question that holds the fragment, when one does.
            before = bad.split("\n")[:start]
            start = max((n for n, text in enumerate(before, 1) if text.startswith("### Question")), default=start)
    return bad, good, _line_of(bad, example.at, start) if example.at else start


def _found(tmp_path: Path, rule: Rule, text: str, capsys) -> list[tuple[str, int]]:
    """(code, line) of every finding of the rule's family hook on ``text`` as reports/README.md in a repository
    that commits the example's screenshots."""
    root = tmp_path / "repository"
    figures = root / "reports" / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    for name in ("dashboard.png", "pipeline.png"):
        (figures / name).write_bytes(PNG)
    report = root / "reports" / "README.md"
    report.write_text(text, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    (hook,) = [hook for hook in HOOKS if hook.families == (family_of(rule),)]
    template = str(Path(__file__).resolve().parents[1] / "examples" / "template.md")
    main(hook, ["--template-file", template, "--format", "json", str(report)])
    return [(finding["code"], line) for finding in json.loads(capsys.readouterr().out) for line in finding["lines"]]


@pytest.mark.parametrize("rule", WITH_EXAMPLES, ids=[rule.code for rule in WITH_EXAMPLES])
def test_every_rule_reports_its_example_at_its_line(rule: Rule, tmp_path, template_text, good_answers, capsys) -> None:
    bad, good, line = _reports(rule, template_text, good_answers)
    assert (rule.code, line) in _found(tmp_path / "bad", rule, bad, capsys)
    assert rule.code not in {code for code, _ in _found(tmp_path / "good", rule, good, capsys)}


def test_explain_prints_a_rules_documentation(capsys) -> None:
    assert report_check(["--explain", "PLH004"]) == 0
    assert capsys.readouterr().out == (
        "PLH004 wrapping-dashes (error, placeholders family)\n"
        "\n"
        "What it checks:\n"
        "  The answer starts or ends with the placeholder's `---`: three or more dashes, standing alone\n"
        "  (fixable) or glued to the text (`---Group 7`, reported only). One finding per answer, at the first\n"
        "  dashes. Shorter runs are content: a flag, a list marker, a dash in a sentence. A `---` line\n"
        "  directly under text also turns that text into a heading, and the finding says so.\n"
        "\n"
        "Why it matters:\n"
        "  The grader counts the dashes as words, and GitHub shows them; a `---` line under text makes it a\n"
        "  heading.\n"
        "\n"
        "How to fix it:\n"
        "  Delete the dashes, or let `--fix` (the `report-fix` hook) delete those that stand alone.\n"
        "\n"
        "Reported, as the answer of Question 6:\n"
        "    --- Start the project earlier, and write the report while we work. ---\n"
        "\n"
        "Instead:\n"
        "    Start the project earlier, and write the report while we work.\n"
    )


@pytest.mark.parametrize("item", ["wrapping-dashes", "plh004", "PLH004"])
def test_explain_takes_a_code_or_a_rule_name(item: str, capsys) -> None:
    assert report_check(["--explain", item]) == 0
    assert capsys.readouterr().out.startswith("PLH004 wrapping-dashes (error, placeholders family)\n")


def test_explain_a_family_or_all_lists_rules_one_line_each(capsys) -> None:
    assert report_check(["--explain", "LEN"]) == 0
    assert capsys.readouterr().out == (
        "LEN001 word-limit (error): An answer's word count, as the official checker counts it, is outside its limit in "
        "the checker's table.\n"
        "LEN002 official-checker-aborts (error): The official checker will find the wrong number of answers, abort, "
        "and check no word count.\n"
    )
    assert report_check(["--explain", "all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(RULES)
    assert "PLH002 empty-answer (error or warning): The answer below `> Answer:` is empty, or only `---`." in lines


@pytest.mark.parametrize(("item", "closest"), [("PLH04", "PLH004"), ("wraping-dashes", "wrapping-dashes")])
def test_explain_of_an_unknown_rule_names_the_closest(item: str, closest: str, capsys) -> None:
    assert report_check(["--explain", item]) == 2
    assert capsys.readouterr() == (
        "",
        f"report-check: error: --explain: {item!r} is not a rule code or name; did you mean {closest}?\n",
    )


def test_a_rule_without_an_example_says_why() -> None:
    """The rules whose example needs files or git history: each has tests of its own."""
    assert sorted(code for code, rule in RULES.items() if rule.example is None) == [
        "CHK001", "CHK004", "HDG005", "HDG015", "HDG018", "IMG005", "IMG006", "IMG007", "IMG010", "IMG011", "IMG012",
        "IMG013",
    ]  # fmt: skip
