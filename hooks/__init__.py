"""mlops-report-hooks: pre-commit hooks that check a DTU 02476 exam report the way its grader reads it."""

# The package's tiers, bottom first, each a folder of the package; the entry points (``entry``, ``__main__``) stand
# above them all. A module imports only modules of its own tier or of a tier below, only at its top, and the
# imports make no circle (tests hold all three). The package map in docs/architecture.md is written from this.
TIERS: tuple[tuple[str, str], ...] = (
    (
        "core",
        "a report read two ways, its markdown (mistune) and what the course's report.py makes of its text; the "
        "course's words; the repository's files and git",
    ),
    ("templates", "the template revisions as facts and their checkers; which one a report follows; a report.py"),
    ("checks", "rules and findings; the report paired with the grader's answers; the check families; their registry"),
    ("app", "the command line: options, reading a path, selecting and fixing findings, every output format, the page"),
    ("tools", "maintainer commands: the derived files, a new template revision"),
)
