"""Stage 5 — attribution: each quote tied to the speaker its mention refers to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Analysis

if TYPE_CHECKING:
    from .parser import Context


def run(analysis: Analysis, context: Context) -> None:
    """Give each quote with a speaker mention the speaker that coreference made of it."""
    by_mention = {m.span: speaker_id for speaker_id, speaker in analysis.speakers.items() for m in speaker.mentions}
    for candidate in analysis.candidates:
        if candidate.speaker_mention is not None and candidate.speaker_id is None:
            candidate.speaker_id = by_mention.get(candidate.speaker_mention.span)
