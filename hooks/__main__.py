"""``python -m hooks`` is ``report-check``."""

from hooks.cli import main
from hooks.registry import ALL

raise SystemExit(main(ALL))
