"""Stage 2 — quotes: find the spans of speech in the text.

Direct quotes come from paired quote marks (:mod:`.marks`) that hold speech
(:mod:`.direct`); the reporting clause next to a quote gives its cue and
speaker slot (:mod:`.frames`). Reported and mixed speech come from the frames
of reporting cues in each sentence (:mod:`.reported`).

>>> from quotetrack.parser import Parser
>>> [q.text for q in Parser().parse('He starred in “The Crown.” “We are ready,” he said.').quotes]
['We are ready,']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Analysis
from .direct import find_direct
from .marks import find_quote_pairs
from .reported import find_reported

if TYPE_CHECKING:
    from ..parser import Context

__all__ = ["find_quote_pairs", "run"]


def run(analysis: Analysis, context: Context) -> None:
    """Add a candidate for every quote in the document."""
    find_direct(analysis, context)
    find_reported(analysis, context)
