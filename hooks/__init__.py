"""mlops-report-hooks: pre-commit hooks that check a DTU 02476 exam report the way its grader reads it."""

# The package's layers, bottom first: a module imports only modules of the layers below its own, and only at
# its top (tests hold both). The README's map of the package is written from this.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("small text helpers; the course's words and paths", ("text", "course")),
    (
        "the course's report.py on text; rules and findings; the file system and git",
        ("official", "rules", "repository"),
    ),
    ("the report's markdown (mistune)", ("markdown",)),
    ("a template revision as facts", ("templates.model",)),
    (
        "the revisions known, their checkers; a report.py read as a table",
        ("templates.revisions", "templates.report_py"),
    ),
    ("which revision a report follows", ("templates.detect",)),
    ("a report seen both ways, its questions paired with the checker's answers", ("document",)),
    ("the check families", ("length", "images", "headings", "placeholders", "render")),
    ("the registry of families, rules and hooks", ("registry",)),
    ("options: the command line and pyproject.toml", ("options",)),
    ("reading a path given; fixing a report", ("reading", "fixing")),
    ("every output format", ("output",)),
    ("the command line's pipeline; maintainer commands", ("cli", "docs", "templates.__main__")),
    ("the entry points", ("entry", "__main__")),
)
