"""User settings for a :class:`~quotetrack.Parser`.

A :class:`Config` is frozen and validated when it is made, so a bad value fails
at once with a :class:`ValueError` that names the field, not later inside a
stage.

>>> Config(min_confidence=0.5).min_confidence
0.5
>>> Config(min_confidence=2)
Traceback (most recent call last):
...
ValueError: Config.min_confidence must be a number in [0, 1], got 2
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from .model import QuoteKind

__all__ = ["Config"]

SingleQuoteMode = Literal["auto", "always", "never"]
_SINGLE_QUOTE_MODES = ("auto", "always", "never")


@dataclass(frozen=True)
class Config:
    """What a parser looks for and which extra words it knows.

    Attributes:
        kinds: the quote kinds to return (default: all three).
        single_quotes: whether ``'…'`` and ``‘…’`` count as quote marks at top
            level: ``"auto"`` decides per document (British style), ``"always"``
            or ``"never"`` force it. Single quotes nested inside double quotes
            are always read as quotes.
        min_confidence: quotes below this confidence are dropped.
        extra_cue_verbs: more reporting verbs (lemmas such as ``"opine"``); their
            inflections are generated.
        extra_titles: more titles that may stand before a name (``"Archdeacon"``).
        extra_roles: more role nouns (``"ombudsman"``).
        extra_organisations: more organisation names (``"Ofcom"``).
    """

    kinds: frozenset[QuoteKind] = field(default_factory=lambda: frozenset(QuoteKind))
    single_quotes: SingleQuoteMode = "auto"
    min_confidence: float = 0.0
    extra_cue_verbs: tuple[str, ...] = ()
    extra_titles: tuple[str, ...] = ()
    extra_roles: tuple[str, ...] = ()
    extra_organisations: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "kinds", _validated_kinds(self.kinds))
        if self.single_quotes not in _SINGLE_QUOTE_MODES:
            raise ValueError(
                f"Config.single_quotes must be one of {_SINGLE_QUOTE_MODES}, got {self.single_quotes!r}"
            )
        confidence = self.min_confidence
        if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
            raise ValueError(f"Config.min_confidence must be a number in [0, 1], got {confidence!r}")
        for name in ("extra_cue_verbs", "extra_titles", "extra_roles", "extra_organisations"):
            object.__setattr__(self, name, _validated_words(name, getattr(self, name)))


def _validated_kinds(kinds: Iterable[QuoteKind | str]) -> frozenset[QuoteKind]:
    if isinstance(kinds, str) or not isinstance(kinds, Iterable):
        raise ValueError(f"Config.kinds must be a set of QuoteKind values, got {kinds!r}")
    try:
        return frozenset(QuoteKind(kind) for kind in kinds)
    except ValueError:
        allowed = [kind.value for kind in QuoteKind]
        raise ValueError(f"Config.kinds may only hold {allowed}, got {sorted(map(str, kinds))}") from None


def _validated_words(name: str, words: Iterable[str]) -> tuple[str, ...]:
    if isinstance(words, str) or not isinstance(words, Iterable):
        raise ValueError(f"Config.{name} must be a list of strings, got {words!r}")
    words = tuple(words)
    for word in words:
        if not isinstance(word, str) or not word.strip():
            raise ValueError(f"Config.{name} must hold non-empty strings, got {word!r}")
    return tuple(word.strip() for word in words)
