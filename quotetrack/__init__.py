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

from .config import Config
from .model import Document, Mention, MentionKind, Quote, QuoteKind, Span, Speaker, SpeakerKind
from .parser import ParseError, Parser, extract
from .tracker import GazetteerEntry, Tracker

__version__ = "0.1.0"

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
