"""Stage 4 — coreference: mentions grouped into speakers.

This first version groups name mentions by the personal name they contain
("Kremlin spokesman Dmitry Peskov" and "Peskov" are one speaker when the
surname matches a fuller name already seen). Pronouns and role descriptions
are left unresolved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import Lexicon
from .model import Analysis, Mention, MentionKind, Speaker, SpeakerKind

if TYPE_CHECKING:
    from .parser import Context

_NAMED = (MentionKind.NAME, MentionKind.TITLE_NAME, MentionKind.ORGANISATION)


def run(analysis: Analysis, context: Context) -> None:
    """Fill ``analysis.speakers`` with one speaker per named entity."""
    clusters: dict[str, list[Mention]] = {}
    names: dict[str, str] = {}
    for mention in sorted(analysis.mentions, key=lambda m: m.span.start):
        if mention.kind not in _NAMED:
            continue
        name = personal_name(mention, context.lexicon)
        key = _cluster_key(name, names)
        names[key] = max(names.get(key, ""), name, key=len)
        clusters.setdefault(key, []).append(mention)
    for index, (key, mentions) in enumerate(clusters.items()):
        kind = SpeakerKind.ORGANISATION if mentions[0].kind is MentionKind.ORGANISATION else SpeakerKind.PERSON
        aliases = tuple(dict.fromkeys(m.text for m in mentions if m.text != names[key]))
        speaker_id = f"S{index}"
        analysis.speakers[speaker_id] = Speaker(speaker_id, names[key], kind, aliases, tuple(mentions))


def personal_name(mention: Mention, lexicon: Lexicon) -> str:
    """The name in a mention without the titles and roles before it."""
    if mention.kind is not MentionKind.TITLE_NAME:
        return mention.text
    words = mention.text.split()
    start = 0
    for index, word in enumerate(words[:-1]):
        if not word[0].isupper() or word.casefold().rstrip(".") in lexicon.titles:
            start = index + 1
    return " ".join(words[start:])


def _cluster_key(name: str, names: dict[str, str]) -> str:
    surname = name.split()[-1]
    for key, full in names.items():
        if full == name or full.split()[-1] == surname and (len(name.split()) == 1 or len(full.split()) == 1):
            return key
    return name
