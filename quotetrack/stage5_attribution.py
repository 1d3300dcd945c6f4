"""Stage 5 — attribution: each quote tied to its speaker.

A quote whose cue names its speaker gets the speaker that coreference made of
that mention. A quote with no cue of its own takes the speaker of the quote
just before it when the news convention says so: a second paragraph of the
same speaker's words, or a new quote right after an attributed one
(``“A,” Lopez said. “B.”``). In a conversation that means the speaker who
spoke last.

>>> from quotetrack.parser import Parser
>>> doc = Parser().parse('“We will appeal,” Maria Lopez said.\\n“The ruling is wrong.”')
>>> [q.speaker_mention.text for q in doc.quotes]
['Maria Lopez', 'Maria Lopez']
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from .model import Analysis, Candidate, QuoteKind, SpeakerKind

if TYPE_CHECKING:
    from .parser import Context

# How many paragraphs back an unattributed quote may look for its speaker.
_CONTINUATION_PARAGRAPHS = 1
_CONTINUATION_CONFIDENCE = 0.75
_UNRESOLVED_CONFIDENCE = 0.6
# Enum members read once: on Python 3.11 ``QuoteKind.DIRECT`` goes through EnumType's slow attribute hook.
_DIRECT, _UNKNOWN = QuoteKind.DIRECT, SpeakerKind.UNKNOWN
_start_of = attrgetter("span.start")


def run(analysis: Analysis, context: Context) -> None:
    """Fill in each quote's speaker, from its own mention or from the quote before it."""
    for candidate in analysis.candidates:
        if candidate.speaker_mention is not None and candidate.speaker_id is None:
            candidate.speaker_id = analysis.mention_speaker.get(candidate.speaker_mention.span)
    _attribute_continuations(analysis.candidates)
    for candidate in analysis.candidates:
        if candidate.speaker_mention is not None and not _resolved(analysis, candidate.speaker_id):
            # "a source", an unresolved "he": the words are there, but who spoke is not known.
            candidate.confidence = min(candidate.confidence, _UNRESOLVED_CONFIDENCE)


def _resolved(analysis: Analysis, speaker_id: str | None) -> bool:
    speaker = analysis.speakers.get(speaker_id) if speaker_id is not None else None
    return speaker is not None and speaker.kind is not _UNKNOWN


def _attribute_continuations(candidates: list[Candidate]) -> None:
    previous: Candidate | None = None
    for candidate in sorted(candidates, key=_start_of):
        if _continues(candidate, previous):
            assert previous is not None
            candidate.speaker_mention = previous.speaker_mention
            candidate.speaker_id = previous.speaker_id
            candidate.confidence = min(_CONTINUATION_CONFIDENCE, previous.confidence)
            candidate.evidence = "continuation"
        if candidate.speaker_mention is not None:
            previous = candidate


def _continues(candidate: Candidate, previous: Candidate | None) -> bool:
    """An unattributed direct quote right after an attributed one carries on the same speaker's words."""
    return (
        previous is not None
        and candidate.kind is _DIRECT
        and candidate.speaker_mention is None
        and candidate.speaker_slot is None
        and candidate.paragraph - previous.paragraph <= _CONTINUATION_PARAGRAPHS
    )
