"""Stage 6 — results: freeze the working state into a typed :class:`Document`."""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter

from .config import Config
from .model import Analysis, Candidate, Document, Quote, _unchecked_quote

# (start, end) of a candidate's span, read in C: the order of Spans, without their Python ``__lt__``.
_span_order = attrgetter("span.start", "span.end")


def build_document(analysis: Analysis, config: Config) -> Document:
    """The frozen :class:`Document` for a finished analysis, quotes in reading order."""
    kinds, floor = config.kinds, config.min_confidence
    kept = [c for c in analysis.candidates if c.kind in kinds and c.confidence >= floor]
    kept.sort(key=_span_order)
    # Groups are renumbered by first appearance so that output is dense and stable.
    groups: dict[int, int] = {}
    for candidate in kept:
        groups.setdefault(candidate.group, len(groups))
    quotes = tuple([_quote(analysis, c, groups[c.group]) for c in kept])
    used = {q.speaker.id for q in quotes if q.speaker is not None}
    speakers = analysis.speakers
    return Document(
        text=analysis.text,
        quotes=quotes,
        speakers=tuple([s for s in speakers.values() if s.id in used]),
        paragraphs=tuple(analysis.paragraphs),
        sentences=tuple(analysis.sentences),
        entities=tuple(speakers.values()),
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
        confidence=_published_confidence(candidate.confidence),
        paragraph=candidate.paragraph,
        sentence=candidate.sentence,
        group=group,
        part=candidate.part,
    )


# The rules give a handful of confidence values, and round() to three places goes through a decimal
# conversion: each value is published once per process. ``typed``: 1 and 1.0 round to different types.
@lru_cache(maxsize=256, typed=True)
def _published_confidence(confidence: float) -> float:
    """``confidence`` clamped to [0, 1] and rounded to three places.

    >>> _published_confidence(0.66666), _published_confidence(1.5), _published_confidence(-0.2)
    (0.667, 1.0, 0.0)
    """
    return round(min(1.0, max(0.0, confidence)), 3)
