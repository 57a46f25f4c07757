"""``python -m hooks`` is ``report-check``."""

from hooks.app.cli import main
from hooks.checks.registry import ALL

raise SystemExit(main(ALL))
