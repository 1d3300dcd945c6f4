"""``python -m quotetrack``: the same as the ``quotetrack`` command (see :mod:`quotetrack.cli`)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
