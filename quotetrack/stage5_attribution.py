"""Stage 5 — attribution: each quote tied to its speaker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Analysis

if TYPE_CHECKING:
    from .parser import Context


def run(analysis: Analysis, context: Context) -> None:
    """Placeholder."""
