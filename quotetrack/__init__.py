"""quotetrack: who said what in news text.

Finds direct, mixed and reported speech, the words that name each speaker,
and resolves speakers to people and organisations — in pure Python, with no
model to download.

>>> import quotetrack
>>> doc = quotetrack.extract('“The talks were useful,” Peskov told reporters.')
>>> quote = doc.quotes[0]
>>> quote.text, quote.kind.value, quote.speaker_mention.text
('The talks were useful,', 'direct', 'Peskov')
>>> doc.text[quote.span.start:quote.span.end] == quote.text
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import Config
from .model import Document, Mention, MentionKind, Quote, QuoteKind, Span, Speaker, SpeakerKind
from .parser import ParseError, Parser, extract

if TYPE_CHECKING:
    from .tracker import GazetteerEntry, Tracker

__version__ = "0.1.0"

# Names whose module loads on first use: the tracker (and hashlib, datetime
# and the rest it needs) would add to every import, for programs that only parse.
_LAZY = {"GazetteerEntry": "tracker", "Tracker": "tracker"}

__all__ = [
    "Config",
    "Document",
    "GazetteerEntry",
    "Mention",
    "MentionKind",
    "ParseError",
    "Parser",
    "Quote",
    "QuoteKind",
    "Speaker",
    "SpeakerKind",
    "Span",
    "Tracker",
    "__version__",
    "extract",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'quotetrack' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups find it without calling this again
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
