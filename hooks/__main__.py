"""``python -m hooks``: the same as ``report-check``."""

from hooks.check import main

raise SystemExit(main())
