"""action.yml: the composite GitHub Action, its steps run here as GitHub runs them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE_TEMPLATE, ROOT, fill, git, with_figures, words

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]


def test_the_action_is_a_composite_of_bash_steps_with_its_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"report", "args", "html"}
    assert ACTION["inputs"]["report"]["default"] == "reports/README.md"
    assert all(step["shell"] == "bash" for step in STEPS)
    assert STEPS[0]["run"] == 'python -m pip install --quiet "${GITHUB_ACTION_PATH}[preview]"'
    # No input is pasted into a script: each reaches it as an environment variable.
    assert not any("${{" in step["run"] for step in STEPS)


def _run(step: dict, cwd: Path, environment: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**os.environ, **environment, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_steps_annotate_summarise_and_write_the_page(tmp_path: Path, template_text: str) -> None:
    pytest.importorskip("nh3")
    root = tmp_path / "group"
    report = root / "reports" / "README.md"
    report.parent.mkdir(parents=True)
    answers = {1: "Group 7", 2: words(45), 3: words(20), 4: words(20) + "\n\n![d](figures/dashboard.png)",
               5: "![p](figures/pipeline.png)", 6: words(10)}  # fmt: skip
    report.write_text(fill(template_text, answers), encoding="utf-8")
    with_figures(report)
    (root / "template.md").write_text(EXAMPLE_TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    summary = tmp_path / "summary.md"
    inputs = {"REPORT": "reports/README.md", "ARGS": "--template-file template.md", "HTML": "report.html"}
    environment = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), **inputs}
    done = [_run(step, root, environment) for step in STEPS[1:]]
    assert [run.returncode for run in done] == [0, 0, 1]
    assert done[2].stdout.splitlines()[0].startswith("::error file=reports/README.md,line=17")
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("**reports/README.md** (template template.md, checker template.md)\n")
    assert "| 2 | 17 | 45 | 20-40 | 0 | - | **FAIL** |" in written
    assert '<li class="error" data-line="17">' in (root / "report.html").read_text(encoding="utf-8")


def test_the_readme_workflow_uses_the_actions_inputs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (workflow,) = [block for block in readme.split("```yaml\n")[1:] if "uses: OWNER/mlops-report-hooks@" in block]
    step = yaml.safe_load(workflow.split("```")[0])["jobs"]["report"]["steps"][-1]
    assert step["uses"].startswith("OWNER/mlops-report-hooks@")
    assert set(step.get("with", {})) <= set(ACTION["inputs"])
