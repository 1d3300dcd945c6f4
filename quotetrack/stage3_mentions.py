"""Stage 3 — mentions: the words that name each speaker.

The quote stage marks where a cue's frame puts the speaker (the *slot*:
"Kremlin spokesman Dmitry Peskov" in "“…,” Kremlin spokesman Dmitry Peskov
told reporters"). This stage reads the mention out of the slot and says what
kind of words it is: a name, a title and a name, a role description, a
pronoun or an organisation.

>>> from quotetrack.model import MentionKind
>>> from quotetrack.lexicon import default_lexicon
>>> classify_mention("Kremlin spokesman Dmitry Peskov", default_lexicon()) is MentionKind.TITLE_NAME
True
>>> classify_mention("his spokesman", default_lexicon()) is MentionKind.ROLE
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from .lexicon import Lexicon
from .model import Analysis, Mention, MentionKind, Span

if TYPE_CHECKING:
    from .parser import Context

__all__ = ["run", "classify_mention"]

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-.][\p{L}\p{M}\p{N}]+)*\.?")
_DESCRIPTION_STARTS = frozenset(
    "the a an his her its their our my your this that another one some several many".split()
)


def run(analysis: Analysis, context: Context) -> None:
    """Turn each candidate's speaker slot into a classified mention."""
    by_slot: dict[Span, Mention | None] = {}
    for candidate in analysis.candidates:
        slot = candidate.speaker_slot
        if slot is None or candidate.speaker_mention is not None:
            continue
        if slot not in by_slot:
            mention = mention_in(analysis.text, slot, context.lexicon)
            by_slot[slot] = mention
            if mention is not None:
                analysis.mentions.append(mention)
        candidate.speaker_mention = by_slot[slot]


def mention_in(text: str, slot: Span, lexicon: Lexicon) -> Mention | None:
    """The mention that fills ``slot``, trimmed of surrounding punctuation."""
    words = list(_WORD.finditer(text, slot.start, slot.end))
    if not words:
        return None
    span = Span(words[0].start(), words[-1].end())
    words_text = span.slice(text)
    if words_text.endswith(".") and not _keeps_final_dot(words_text):
        span = Span(span.start, span.end - 1)
        words_text = words_text[:-1]
    return Mention(span=span, text=words_text, kind=classify_mention(words_text, lexicon))


def classify_mention(words_text: str, lexicon: Lexicon) -> MentionKind:
    """What kind of words ``words_text`` is (see :class:`~quotetrack.model.MentionKind`)."""
    words = words_text.split()
    lowered = [w.casefold().rstrip(".") for w in words]
    if len(words) == 1 and lowered[0] in lexicon.pronouns:
        return MentionKind.PRONOUN
    if words_text in lexicon.organisations or (lowered[0] == "the" and " ".join(words[1:]) in lexicon.organisations):
        return MentionKind.ORGANISATION
    if lowered[0] in _DESCRIPTION_STARTS or not words[0][0].isupper():
        return MentionKind.ROLE
    capitalised = [w for w in words if w[0].isupper()]
    if len(capitalised) < len(words) or any(w.casefold().rstrip(".") in lexicon.titles for w in words[:-1]):
        return MentionKind.TITLE_NAME
    return MentionKind.NAME


def _keeps_final_dot(words_text: str) -> bool:
    # "Jr." and initials keep their dot; a sentence's full stop does not belong to the name.
    last = words_text.rsplit(" ", 1)[-1]
    return last in ("Jr.", "Sr.", "Inc.", "Ltd.", "Corp.", "Co.") or (len(last) == 2 and last[0].isupper())
