"""Stage 6 — results: freeze the working state into a typed :class:`Document`."""

from __future__ import annotations

from .config import Config
from .model import Analysis, Candidate, Document, Quote, _unchecked_quote


def build_document(analysis: Analysis, config: Config) -> Document:
    """The frozen :class:`Document` for a finished analysis, quotes in reading order."""
    kept = [c for c in analysis.candidates if c.kind in config.kinds and c.confidence >= config.min_confidence]
    kept.sort(key=lambda c: (c.span.start, c.span.end))
    # Groups are renumbered by first appearance so that output is dense and stable.
    groups: dict[int, int] = {}
    for candidate in kept:
        groups.setdefault(candidate.group, len(groups))
    quotes = tuple(_quote(analysis, c, groups[c.group]) for c in kept)
    used = {q.speaker.id for q in quotes if q.speaker is not None}
    return Document(
        text=analysis.text,
        quotes=quotes,
        speakers=tuple(s for s in analysis.speakers.values() if s.id in used),
        paragraphs=tuple(analysis.paragraphs),
        sentences=tuple(analysis.sentences),
        entities=tuple(analysis.speakers.values()),
    )


def _quote(analysis: Analysis, candidate: Candidate, group: int) -> Quote:
    speaker = analysis.speakers.get(candidate.speaker_id) if candidate.speaker_id is not None else None
    span = candidate.span
    # The confidence is clamped here, so the constructor's range check is not needed.
    return _unchecked_quote(
        span=span,
        text=analysis.text[span.start : span.end],
        kind=candidate.kind,
        speaker=speaker,
        speaker_mention=candidate.speaker_mention,
        cue=candidate.cue,
        confidence=round(min(1.0, max(0.0, candidate.confidence)), 3),
        paragraph=candidate.paragraph,
        sentence=candidate.sentence,
        group=group,
        part=candidate.part,
    )
