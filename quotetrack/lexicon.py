"""Word lists: the data the rules run on, kept apart from the rules.

Each list is a plain UTF-8 file in ``quotetrack/data/`` (one entry a line, ``#``
starts a comment), read once per process. A :class:`Lexicon` is immutable; a
user extends it without forking through :class:`~quotetrack.Config`
(``extra_cue_verbs``, ``extra_titles``, …) or :meth:`Lexicon.extended`.

>>> lex = default_lexicon()
>>> lex.cue_lemma("said"), lex.cue_lemma("insisting"), lex.cue_lemma("table")
('say', 'insist', None)
>>> lex.extended(cue_verbs=["opine"]).cue_lemma("opined")
'opine'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from types import MappingProxyType

__all__ = ["CueVerb", "Lexicon", "default_lexicon", "inflections"]


@dataclass(frozen=True)
class CueVerb:
    """A reporting verb: its lemma and the ways it takes its content.

    ``frames`` holds tags such as ``that`` (that-clause), ``bare`` (clause with no
    "that"), ``quote`` (direct quote), ``colon``, ``obj_to`` (object +
    to-infinitive).
    """

    lemma: str
    frames: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    """All word lists one parser uses."""

    abbreviations: frozenset[str]
    cue_forms: Mapping[str, CueVerb]
    titles: frozenset[str]
    roles: frozenset[str]
    pronouns: Mapping[str, str]
    organisations: frozenset[str]

    def cue_lemma(self, word: str) -> str | None:
        """The lemma of ``word`` when it is a form of a reporting verb."""
        cue = self.cue_forms.get(word.casefold())
        return cue.lemma if cue is not None else None

    def extended(
        self,
        *,
        cue_verbs: Iterable[str] = (),
        titles: Iterable[str] = (),
        roles: Iterable[str] = (),
        organisations: Iterable[str] = (),
    ) -> Lexicon:
        """A copy of this lexicon with more words."""
        forms = dict(self.cue_forms)
        for lemma in cue_verbs:
            _add_cue(forms, lemma.casefold(), frozenset({"that", "bare", "quote", "colon"}), ())
        return replace(
            self,
            cue_forms=MappingProxyType(forms),
            titles=self.titles | {t.casefold() for t in titles},
            roles=self.roles | {r.casefold() for r in roles},
            organisations=self.organisations | frozenset(organisations),
        )


@cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped with quotetrack (read from disk once)."""
    forms: dict[str, CueVerb] = {}
    for fields in _rows("cue_verbs.tsv"):
        lemma, frames, irregular = (fields + ["", ""])[:3]
        _add_cue(forms, lemma, frozenset(frames.split(",")), tuple(irregular.split()))
    return Lexicon(
        abbreviations=frozenset(row[0] for row in _rows("abbreviations.txt")),
        cue_forms=MappingProxyType(forms),
        titles=frozenset(row[0].casefold() for row in _rows("titles.txt")),
        roles=frozenset(row[0].casefold() for row in _rows("roles.txt")),
        pronouns=MappingProxyType({row[0]: row[1] for row in _rows("pronouns.tsv")}),
        organisations=frozenset(row[0] for row in _rows("organisations.txt")),
    )


def inflections(lemma: str, irregular: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The lemma, its -s, -ing and past forms (regular unless ``irregular`` gives
    the past and past participle).

    >>> inflections("say", ("said",))
    ('say', 'says', 'saying', 'said')
    >>> inflections("deny")
    ('deny', 'denies', 'denying', 'denied')
    >>> inflections("admit")
    ('admit', 'admits', 'admitting', 'admitted')
    """
    forms = [lemma, _third_person(lemma), _present_participle(lemma)]
    forms.extend(irregular or (_past(lemma),))
    return tuple(dict.fromkeys(forms))


def _add_cue(forms: dict[str, CueVerb], lemma: str, frames: frozenset[str], irregular: tuple[str, ...]) -> None:
    cue = CueVerb(lemma, frames)
    for form in inflections(lemma, irregular):
        forms.setdefault(form, cue)


_VOWELS = "aeiou"
# Verbs whose final consonant doubles before -ed/-ing although the rule of thumb
# (one vowel + one consonant) cannot see the stress.
_DOUBLING = frozenset(
    "admit commit submit regret refer prefer confer infer omit permit rebut chat quip jot plan stop vet bar".split()
)


def _third_person(lemma: str) -> str:
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ies"
    return lemma + "s"


def _present_participle(lemma: str) -> str:
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    if lemma in _DOUBLING:
        return lemma + lemma[-1] + "ing"
    return lemma + "ing"


def _past(lemma: str) -> str:
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ied"
    if lemma in _DOUBLING:
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def _rows(filename: str) -> Iterator[list[str]]:
    text = resources.files("quotetrack.data").joinpath(filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield [cell.strip() for cell in line.split("\t")]
