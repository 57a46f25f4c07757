"""The checklist family on the corpus: the real item table against the course's templates, and every tick of the
64 groups' repositories against the hand verdicts of ``../shared/corpus/checklist/``."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED, corpus_module, requires_shared

from hooks.checks.evidence import EVIDENCE
from hooks.core.checklist import checklist
from hooks.core.report import parse_report
from hooks.templates.checklist import item_of

CHECKLIST = SHARED / "corpus" / "checklist"
pytestmark = [requires_shared, pytest.mark.slow]


def _table(name: str) -> list[dict[str, str]]:
    with (CHECKLIST / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter="\t"))


def test_every_wording_of_every_item_is_that_item() -> None:
    for row in _table("items_by_revision.tsv"):
        for variant in row["variants"].split(" || "):
            text = variant.rsplit(" [", 1)[0]
            assert item_of(text) == row["item"], text


def test_every_item_of_every_revisions_checklist_is_known() -> None:
    revisions = sorted((SHARED / "corpus" / "templates" / "revisions").glob("*/README.md"))
    assert revisions
    for path in revisions:
        entries = checklist(parse_report(path.read_text(encoding="utf-8")))
        assert [entry.text for entry in entries if item_of(entry.text) is None] == [], path.parent.name


def test_a_warning_only_where_the_hand_verdict_says_the_tick_is_not_backed(tmp_path: Path) -> None:
    """Every CHK001 on the 64 repositories is on a tick read by hand as an overclaim or work on an unmerged branch,
    none on a tick the repository backs or that the evidence cannot decide; and at least 5 of those 7 are found."""
    corpus = corpus_module()
    verdicts = {(row["repo"], row["item"]): row["verdict"] for row in _table("unbacked_ticks.tsv")}
    ticked = {(row["repo"], row["item"]) for row in _table("ticks.tsv") if row["state"] == "ticked"}
    script = Path(sys.executable).with_name("report-checklist")
    warned = set()
    for name in sorted(path.stem for path in (SHARED / "corpus" / "trees").glob("*.json")):
        report = corpus.materialize(name, tmp_path, with_tree=True)
        repo = corpus.entry(name)["repo"]
        run = subprocess.run([str(script), "--format", "json", report.name], cwd=report.parent, capture_output=True)
        assert run.returncode == 0, run.stderr
        entries = {entry.line: entry for entry in checklist(parse_report(report.read_text(encoding="utf-8")))}
        for finding in json.loads(run.stdout):
            assert finding["code"] != "CHK004", (name, finding["message"])
            if finding["code"] == "CHK001":
                warned.add((repo, item_of(entries[finding["line"]].text)))
    assert warned <= ticked
    assert {verdicts.get(tick, "BACKED") for tick in warned} <= {"OVERCLAIM", "NOT_MERGED"}, sorted(warned)
    wanted = {
        tick for tick, verdict in verdicts.items() if tick[1] in EVIDENCE and verdict in ("OVERCLAIM", "NOT_MERGED")
    }
    assert len(wanted & warned) >= 5, sorted(wanted - warned)
