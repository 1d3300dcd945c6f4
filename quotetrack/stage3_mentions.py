"""Stage 3 — mentions: the words that name speakers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Analysis

if TYPE_CHECKING:
    from .parser import Context


def run(analysis: Analysis, context: Context) -> None:
    """Placeholder."""
