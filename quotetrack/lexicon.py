"""Word lists: the data the rules run on, kept apart from the rules.

Each list is a plain UTF-8 file in ``quotetrack/data/`` (one entry a line, ``#``
starts a comment, tab-separated columns where a list has several), read once per
process. A :class:`Lexicon` is immutable; a user extends it without forking
through :class:`~quotetrack.Config` (``extra_cue_verbs``, ``extra_titles``, …) or
:meth:`Lexicon.extended`.

>>> lex = default_lexicon()
>>> lex.cue_lemma("said"), lex.cue_lemma("insisting"), lex.cue_lemma("table")
('say', 'insist', None)
>>> lex.extended(cue_verbs=["opine"]).cue_lemma("opined")
'opine'
>>> lex.gender_of("Maria"), lex.country_of("Ukrainian"), lex.country_of("U.S.")
('f', 'Ukraine', 'United States')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal, TypeVar

import regex

from .model import Span

__all__ = [
    "FRAMES",
    "CueCategory",
    "CuePhrase",
    "CuePhraseMatch",
    "CueVerb",
    "Lexicon",
    "alternation",
    "compile_phrase",
    "default_lexicon",
    "inflections",
    "plural_of",
]

_T = TypeVar("_T")

# The ways a reporting verb takes its content (see data/cue_verbs.tsv).
FRAMES = frozenset({"that", "bare", "quote", "colon", "obj", "obj_to", "to", "wh", "prep", "mixed"})
# The frames a user-added verb gets: it behaves like "say".
_DEFAULT_FRAMES = frozenset({"that", "bare", "quote", "colon"})

SpeakerPosition = Literal["before", "after", "slot"]
_SPEAKER_POSITIONS: tuple[SpeakerPosition, ...] = ("before", "after", "slot")


class CueCategory(str, Enum):
    """What a cue reports: words said, a belief, an intention or evidence."""

    SPEECH = "speech"
    BELIEF = "belief"
    INTENTION = "intention"
    EVIDENCE = "evidence"


@dataclass(frozen=True)
class CueVerb:
    """A reporting verb: its lemma, the ways it takes its content and what it reports.

    ``frames`` holds tags from :data:`FRAMES`: ``that`` (that-clause), ``bare``
    (clause with no "that"), ``quote`` (direct quote), ``colon``, ``obj`` (a
    listener: "told reporters"), ``obj_to`` (object + to-infinitive), ``wh``
    ("asked whether…"), ``prep`` ("warned of…") and ``mixed`` (an object with
    quoted words: "called the plan “reckless”"). ``categories`` lists what
    the verb reports, the usual sense first.

    >>> cue = default_lexicon().cue("urged")
    >>> cue.lemma, cue.category.value, cue.takes("obj_to"), cue.takes("wh")
    ('urge', 'speech', True, False)
    """

    lemma: str
    frames: frozenset[str]
    categories: tuple[CueCategory, ...] = (CueCategory.SPEECH,)

    @property
    def category(self) -> CueCategory:
        """The verb's usual sense."""
        return self.categories[0]

    def takes(self, frame: str) -> bool:
        """True when the verb can take its content in ``frame``."""
        return frame in self.frames


@dataclass(frozen=True)
class CuePhrase:
    """A multiword cue from ``cue_phrases.tsv``, compiled.

    ``speaker`` says where the phrase puts its speaker: ``before`` the phrase
    (the clause's subject), right ``after`` it, or in its ``{S}`` ``slot``.
    """

    pattern: str
    category: CueCategory
    speaker: SpeakerPosition
    regex: Any = field(compare=False, repr=False)
    # The words to look for the phrase by ("according"; "statement" for "a statement from"),
    # and whether a match starts with one of them.
    triggers: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    starts_with_trigger: bool = field(default=True, compare=False, repr=False)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[CuePhraseMatch]:
        """Every place in ``text[start:end]`` this phrase matches.

        >>> phrase = default_lexicon().cue_phrase("<quote> {S} as (saying|telling|writing|arguing|warning|stating)")
        >>> [m.speaker_slot.slice(t) for t in ["Tass quoted Dmitry Peskov as saying"] for m in phrase.finditer(t)]
        ['Dmitry Peskov']
        """
        for found in self.regex.finditer(text, start, len(text) if end is None else end):
            yield _phrase_match(self, found)


@dataclass(frozen=True)
class CuePhraseMatch:
    """Where a cue phrase matched, with its slots (offsets into the searched text)."""

    phrase: CuePhrase
    span: Span
    speaker_slot: Span | None = None
    object_slot: Span | None = None


@dataclass(frozen=True)
class Lexicon:
    """All word lists one parser uses.

    Case conventions: ``cue_forms``, ``noun_homographs``, ``titles``, ``roles``,
    ``org_words`` and ``honorifics`` hold casefolded words (titles, org words and
    honorifics without a final full stop); ``organisations``, ``first_names``,
    ``countries``, ``nationalities``, ``credits`` and ``not_names`` keep the case
    they are written in.
    """

    abbreviations: frozenset[str]
    cue_forms: Mapping[str, CueVerb]
    titles: frozenset[str]
    roles: frozenset[str]
    pronouns: Mapping[str, str]
    organisations: frozenset[str]
    cue_phrases: tuple[CuePhrase, ...] = ()
    noun_homographs: frozenset[str] = frozenset()
    honorifics: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Role word form (singular or plural, casefolded) → "person" or "org".
    role_kinds: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    plural_roles: frozenset[str] = frozenset()
    # One-word organisation names that are also common words ("Shell"): names only in context.
    common_organisations: frozenset[str] = frozenset()
    org_words: frozenset[str] = frozenset()
    first_names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Adjective or demonym ("Ukrainian") → country; country name or alias ("Britain") → country.
    nationalities: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    countries: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    name_particles: frozenset[str] = frozenset()
    # Particles glued to the next name by a hyphen ("al" in "al-Assad").
    hyphen_particles: frozenset[str] = frozenset()
    credits: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    # Closed-class word sets by name ("frame_determiners", "reported_auxiliaries", …), casefolded;
    # see data/function_words.tsv for what each is for. Read them with :meth:`word_set`.
    words: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    # Derived data (compiled patterns) built on first use, once per lexicon; never compared.
    _memo: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def cue(self, word: str) -> CueVerb | None:
        """The reporting verb ``word`` is a form of, if any.

        >>> cue = default_lexicon().cue("Wrote")
        >>> cue.lemma, sorted(cue.frames)[:3]
        ('write', ['bare', 'colon', 'prep'])
        """
        return self.cue_forms.get(word.casefold())

    def cue_lemma(self, word: str) -> str | None:
        """The lemma of ``word`` when it is a form of a reporting verb."""
        cue = self.cue_forms.get(word.casefold())
        return cue.lemma if cue is not None else None

    def is_noun_homograph(self, word: str) -> bool:
        """True when ``word`` is a cue form that is also a common noun ("statement" is not a
        cue; "claims", "report" and "warning" are both), so a rule should ask for verb context.

        >>> lex = default_lexicon()
        >>> lex.is_noun_homograph("claims"), lex.is_noun_homograph("claimed"), lex.is_noun_homograph("said")
        (True, False, False)
        """
        return word.casefold() in self.noun_homographs

    def cue_phrase(self, pattern: str) -> CuePhrase | None:
        """The loaded cue phrase written as ``pattern``, if any."""
        return next((phrase for phrase in self.cue_phrases if phrase.pattern == pattern), None)

    def cue_phrase_matches(self, text: str, start: int = 0, end: int | None = None) -> list[CuePhraseMatch]:
        """All cue phrases in ``text[start:end]``, left to right, in one pass over the text.

        Matches do not overlap; where two phrases could match at one place the one
        listed first in ``cue_phrases.tsv`` wins, so list longer phrases first.

        >>> matches = default_lexicon().cue_phrase_matches("Peskov told reporters, according to Tass.")
        >>> [(m.phrase.pattern, m.phrase.speaker, m.span.slice("Peskov told reporters, according to Tass."))
        ...  for m in matches]
        [('<tell> (reporters|...)', 'before', 'told reporters'), ('according to', 'after', 'according to')]
        """
        if not self.cue_phrases:
            return []
        scanner, phrases_by_word = self.memo("cue_phrase_triggers", _phrase_triggers)
        order = {phrase.pattern: index for index, phrase in enumerate(self.cue_phrases)}
        stop = len(text) if end is None else end
        candidates: list[CuePhraseMatch] = []
        for trigger in scanner.finditer(text, start, stop):
            for phrase in phrases_by_word[_trigger_key(trigger.group())]:
                found = _phrase_found_by(phrase, text, trigger, start, stop)
                if found is not None:
                    candidates.append(_phrase_match(phrase, found))
        candidates.sort(key=lambda m: (m.span.start, order[m.phrase.pattern]))
        matches: list[CuePhraseMatch] = []
        for match in candidates:
            if not matches or match.span.start >= matches[-1].span.end:
                matches.append(match)
        return matches

    def gender_of(self, first_name: str) -> str | None:
        """``"m"``, ``"f"`` or ``"x"`` (both) for a known first name or honorific, else None.

        >>> lex = default_lexicon()
        >>> lex.gender_of("Dmitry"), lex.gender_of("Ursula"), lex.gender_of("Andrea"), lex.gender_of("Mrs.")
        ('m', 'f', 'x', 'f')
        >>> lex.gender_of("Peskov") is None
        True
        """
        gender = self.first_names.get(first_name)
        if gender is None and first_name[:1].islower():
            gender = self.first_names.get(first_name[:1].upper() + first_name[1:])
        if gender is None:
            gender = self.honorifics.get(_undotted(first_name))
        return gender

    def honorific_gender(self, word: str) -> str | None:
        """The gender an honorific implies (``"Mr"`` → ``"m"``, ``"Dr."`` → ``"x"``), else None."""
        return self.honorifics.get(_undotted(word))

    def country_of(self, word: str) -> str | None:
        """The country a nationality adjective or a country name points to.

        >>> lex = default_lexicon()
        >>> lex.country_of("Russian"), lex.country_of("British"), lex.country_of("Britain"), lex.country_of("Kyiv")
        ('Russia', 'United Kingdom', 'United Kingdom', 'Ukraine')
        >>> lex.country_of("Kremlin") is None
        True
        """
        return self.nationalities.get(word) or self.countries.get(word)

    def is_title(self, words: str) -> bool:
        """True when ``words`` is a title that may stand before a name ("Prime Minister",
        "Sen.", "mrs"), compared case-insensitively."""
        return _undotted(words) in self.titles

    def is_role(self, words: str) -> bool:
        """True when ``words`` is a role noun, singular or plural ("spokesman", "officials")."""
        return words.casefold() in self.roles

    def role_kind(self, words: str) -> str | None:
        """``"person"`` or ``"org"`` for a role noun ("spokesmen" → person, "company" → org).

        >>> default_lexicon().role_kind("spokesmen"), default_lexicon().role_kind("ministry")
        ('person', 'org')
        """
        return self.role_kinds.get(words.casefold())

    def is_org_word(self, word: str) -> bool:
        """True when ``word`` makes a capitalised name an organisation ("Ministry", "Corp.")."""
        return _undotted(word) in self.org_words

    def word_set(self, name: str) -> frozenset[str]:
        """The closed-class word set ``name`` from ``function_words.tsv``.

        Rules fetch a set once per document or stage call and test membership on it.

        >>> lex = default_lexicon()
        >>> "the" in lex.word_set("frame_determiners"), "both" in lex.word_set("frame_determiners")
        (True, False)
        >>> lex.word_set("determinerz")
        Traceback (most recent call last):
        ...
        KeyError: "no word set 'determinerz' in the lexicon; known sets: ..."
        """
        try:
            return self.words[name]
        except KeyError:
            known = ", ".join(sorted(self.words)) or "none"
            raise KeyError(f"no word set {name!r} in the lexicon; known sets: {known}") from None

    def memo(self, key: str, build: Callable[[Lexicon], _T]) -> _T:
        """Data derived from this lexicon (a compiled pattern), built on first use and kept.

        ``key`` names the data; ``build`` makes it from the lexicon. Building twice
        from two threads at once is harmless: both results are equal.
        """
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = build(self)
            self._memo[key] = value
            return value

    def extended(
        self,
        *,
        cue_verbs: Iterable[str] = (),
        titles: Iterable[str] = (),
        roles: Iterable[str] = (),
        organisations: Iterable[str] = (),
    ) -> Lexicon:
        """A copy of this lexicon with more words.

        New cue verbs take every frame "say" takes and report speech; roles are
        people and get a generated plural.

        >>> lex = default_lexicon().extended(roles=["ombudsman"], titles=["Archdeacon"], organisations=["Ofcom"])
        >>> lex.is_role("ombudsmen"), lex.is_title("archdeacon"), "Ofcom" in lex.organisations
        (True, True, True)
        """
        forms = dict(self.cue_forms)
        for lemma in _checked_words("cue_verbs", cue_verbs):
            _add_cue(forms, CueVerb(lemma.casefold(), _DEFAULT_FRAMES), ())
        role_kinds = dict(self.role_kinds)
        plurals = set(self.plural_roles)
        for role in _checked_words("roles", roles):
            _add_role(role_kinds, plurals, role.casefold(), "person", "")
        return replace(
            self,
            cue_forms=MappingProxyType(forms),
            titles=self.titles | {_undotted(t) for t in _checked_words("titles", titles)},
            roles=frozenset(role_kinds),
            role_kinds=MappingProxyType(role_kinds),
            plural_roles=frozenset(plurals),
            organisations=self.organisations | frozenset(_checked_words("organisations", organisations)),
        )


@cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped with quotetrack (read from disk once)."""
    forms: dict[str, CueVerb] = {}
    for fields in _rows("cue_verbs.tsv"):
        lemma, frames, categories, irregular = (fields + ["", "", ""])[:4]
        _add_cue(
            forms, CueVerb(lemma, _frames(lemma, frames), _categories(lemma, categories)), tuple(irregular.split())
        )
    honorifics = {_undotted(row[0]): row[1] for row in _rows("honorifics.tsv")}
    role_kinds: dict[str, str] = {}
    plurals: set[str] = set()
    for fields in _rows("roles.txt"):
        role, kind, plural = (fields + ["", ""])[:3]
        _add_role(role_kinds, plurals, role.casefold(), kind or "person", plural)
    # Places speak only through their governments, so they are read as organisations.
    organisations = [(row[0], row[1:]) for row in (*_rows("organisations.txt"), *_rows("places.txt"))]
    nationalities, countries = _countries()
    particles = [row[0] for row in _rows("name_particles.txt")]
    return Lexicon(
        abbreviations=frozenset(row[0] for row in _rows("abbreviations.txt")),
        cue_forms=MappingProxyType(forms),
        titles=frozenset(_undotted(row[0]) for row in _rows("titles.txt")) | frozenset(honorifics),
        roles=frozenset(role_kinds),
        pronouns=MappingProxyType({row[0]: row[1] for row in _rows("pronouns.tsv")}),
        organisations=frozenset(name for name, _ in organisations),
        cue_phrases=tuple(_phrase(row) for row in _rows("cue_phrases.tsv")),
        noun_homographs=_noun_homographs(forms),
        honorifics=MappingProxyType(honorifics),
        role_kinds=MappingProxyType(role_kinds),
        plural_roles=frozenset(plurals),
        common_organisations=frozenset(name for name, marks in organisations if "common" in marks),
        org_words=frozenset(_undotted(row[0]) for row in _rows("org_words.txt")),
        first_names=MappingProxyType({row[0]: row[1] for row in _rows("first_names.tsv")}),
        nationalities=MappingProxyType(nationalities),
        countries=MappingProxyType(countries),
        name_particles=frozenset(p for p in particles if not p.endswith("-")),
        hyphen_particles=frozenset(p[:-1] for p in particles if p.endswith("-")),
        credits=frozenset(row[0] for row in _rows("credits.txt")),
        not_names=frozenset(row[0] for row in _rows("not_names.txt")),
        modifiers=frozenset(row[0].casefold() for row in _rows("modifiers.txt")),
        words=_word_sets(),
    )


# --- verb forms -------------------------------------------------------------------------------


def inflections(lemma: str, irregular: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The lemma, its -s, -ing and past forms.

    ``irregular`` gives the past and past participle, which replace the regular
    -ed form; an entry written ``+form`` is added to the generated forms instead.

    >>> inflections("say", ("said",))
    ('say', 'says', 'saying', 'said')
    >>> inflections("deny")
    ('deny', 'denies', 'denying', 'denied')
    >>> inflections("admit"), inflections("quip")
    (('admit', 'admits', 'admitting', 'admitted'), ('quip', 'quips', 'quipping', 'quipped'))
    >>> inflections("argue"), inflections("write", ("wrote", "written"))
    (('argue', 'argues', 'arguing', 'argued'), ('write', 'writes', 'writing', 'wrote', 'written'))
    >>> inflections("learn", ("+learnt",))
    ('learn', 'learns', 'learning', 'learned', 'learnt')
    """
    if lemma in _SPECIAL_VERBS:
        return _SPECIAL_VERBS[lemma]
    replacing = tuple(form for form in irregular if not form.startswith("+"))
    added = tuple(form[1:] for form in irregular if form.startswith("+"))
    forms = [lemma, _third_person(lemma), _present_participle(lemma)]
    forms.extend(replacing or (_past(lemma),))
    forms.extend(added)
    return tuple(dict.fromkeys(forms))


def _add_cue(forms: dict[str, CueVerb], cue: CueVerb, irregular: tuple[str, ...]) -> None:
    for form in inflections(cue.lemma, irregular):
        forms.setdefault(form, cue)


_VOWELS = "aeiou"
# Verbs of two or more syllables whose stressed last syllable doubles its consonant
# ("admitted"); one-syllable verbs are found by _doubles_by_rule.
_DOUBLING = frozenset(
    "admit commit submit regret refer prefer confer infer omit permit rebut aver concur demur deter transmit "
    "abet compel dispel forget begin occur recur equip outwit allot acquit".split()
)
# One syllable ending in one vowel and one consonant ("plan", "quip", "sob"); w, x, y never double.
_ONE_SYLLABLE_CVC = regex.compile(r"(?:qu|[^aeiouy])*[aeiou][^aeiouwxy]")
# Verbs too irregular for the rules, used by cue phrases ("<be> of the view that").
_SPECIAL_VERBS: dict[str, tuple[str, ...]] = {
    "be": ("be", "am", "is", "are", "was", "were", "been", "being", "'s", "’s", "'re", "’re", "'m", "’m"),
    "have": ("have", "has", "having", "had", "'ve", "’ve"),
    "do": ("do", "does", "doing", "did", "done"),
    "go": ("go", "goes", "going", "went", "gone"),
    "make": ("make", "makes", "making", "made"),
    "take": ("take", "takes", "taking", "took", "taken"),
    "put": ("put", "puts", "putting"),
    "hit": ("hit", "hits", "hitting"),
    "get": ("get", "gets", "getting", "got", "gotten"),
    "give": ("give", "gives", "giving", "gave", "given"),
    "spell": ("spell", "spells", "spelling", "spelled", "spelt"),
}


def _doubles(lemma: str) -> bool:
    return lemma in _DOUBLING or _ONE_SYLLABLE_CVC.fullmatch(lemma) is not None


def _third_person(lemma: str) -> str:
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ies"
    return lemma + "s"


def _present_participle(lemma: str) -> str:
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")) and len(lemma) > 2:
        return lemma[:-1] + "ing"
    if _doubles(lemma):
        return lemma + lemma[-1] + "ing"
    return lemma + "ing"


def _past(lemma: str) -> str:
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ied"
    if _doubles(lemma):
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def _frames(lemma: str, text: str) -> frozenset[str]:
    frames = frozenset(f.strip() for f in text.split(",") if f.strip())
    unknown = frames - FRAMES
    if unknown or not frames:
        raise ValueError(f"cue_verbs.tsv: {lemma!r} has unknown or no frames {sorted(unknown)}; use {sorted(FRAMES)}")
    return frames


def _categories(lemma: str, text: str) -> tuple[CueCategory, ...]:
    try:
        return tuple(CueCategory(c.strip()) for c in text.split(",") if c.strip()) or (CueCategory.SPEECH,)
    except ValueError:
        allowed = [c.value for c in CueCategory]
        raise ValueError(f"cue_verbs.tsv: {lemma!r} has category {text!r}; use {allowed}") from None


def _noun_homographs(forms: Mapping[str, CueVerb]) -> frozenset[str]:
    words: set[str] = set()
    lemmas = {cue.lemma for cue in forms.values()}
    for row in _rows("noun_homographs.txt"):
        entry = row[0].casefold()
        words.add(entry)
        if entry in lemmas:
            words.add(_third_person(entry))
    return frozenset(words)


def _word_sets() -> Mapping[str, frozenset[str]]:
    """The named sets of ``function_words.tsv``; a set may run over several lines."""
    sets: dict[str, list[str]] = {}
    for row in _rows("function_words.tsv"):
        if len(row) != 2 or not row[1]:
            raise ValueError(f"function_words.tsv: {row[0]!r} needs a tab, then its words apart by spaces")
        sets.setdefault(row[0], []).extend(word.casefold() for word in row[1].split())
    return MappingProxyType({name: frozenset(words) for name, words in sets.items()})


# --- roles, countries ----------------------------------------------------------------------------


def plural_of(noun: str) -> str:
    """The regular plural of a role noun (the last word of a multiword one).

    >>> plural_of("spokesman"), plural_of("company"), plural_of("chief executive"), plural_of("attorney")
    ('spokesmen', 'companies', 'chief executives', 'attorneys')
    """
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith("person"):
        return noun[:-6] + "people"
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in _VOWELS:
        return noun[:-1] + "ies"
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return noun + "es"
    return noun + "s"


def _add_role(kinds: dict[str, str], plurals: set[str], role: str, kind: str, plural: str) -> None:
    if kind not in ("person", "org"):
        raise ValueError(f"roles.txt: {role!r} has kind {kind!r}; use person or org")
    kinds.setdefault(role, kind)
    if plural == "-":
        return
    plural = plural.casefold() or plural_of(role)
    kinds.setdefault(plural, kind)
    plurals.add(plural)


def _countries() -> tuple[dict[str, str], dict[str, str]]:
    adjectives: dict[str, str] = {}
    names: dict[str, str] = {}
    for fields in _rows("nationalities.tsv"):
        country, adjective_cell, alias_cell = (fields + ["", ""])[:3]
        names.setdefault(country, country)
        for adjective in _cells(adjective_cell):
            adjectives.setdefault(adjective, country)
        for alias in _cells(alias_cell):
            names.setdefault(alias, country)
    return adjectives, names


def _cells(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(",") if item.strip()]


# --- cue phrases -----------------------------------------------------------------------------------

# A word inside a slot: letters and digits, with inner apostrophes, dots and hyphens ("U.S",
# "O’Brien", "al-Assad") and ampersands ("AT&T"); a final full stop ends the sentence, not the word.
_SLOT_WORD = r"[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}&]|['’.\-](?=[\p{L}\p{M}\p{N}]))*"
_SPACE = r"[^\S\r\n]"
# Words that end a slot: a listener or speaker is a noun phrase, and these start what follows it.
_SLOT_STOP = (
    r"(?i:that|in|on|at|with|for|to|from|by|and|or|but|after|before|when|while|as|about|over|during|if|"
    r"because|said|says|say|told|tells|was|were|is|are|has|had|have|would|will|who|which)(?![\p{L}\p{M}\p{N}])"
)
# Words of a phrase are apart by spaces, or by one line break (a phrase never spans paragraphs).
_GAP = rf"(?:{_SPACE}*\r?\n{_SPACE}*|{_SPACE}+)"
_SLOT_MAX_WORDS = 6
_PHRASE_TOKENS = regex.compile(r"\{[A-Z]\}|<[^<>\s]+>|[()\[\]|]|\s+|[^\s()\[\]|{}<>]+")
_LETTER_START = regex.compile(r"[\p{L}\p{M}\p{N}]")


@dataclass
class _Item:
    regex: str
    optional: bool = False
    spaced: bool = False  # whitespace stood before it in the pattern
    slot: str = ""  # "S" or "O" when the item is a slot
    starts_with_letter: bool = True
    # The words (casefolded, ' for ’) the item can begin with; None when it begins with a slot.
    first_words: frozenset[str] | None = frozenset()


def compile_phrase(pattern: str, forms_of: Callable[[str], Iterable[str]] | None = None) -> Any:
    """Compile a cue-phrase pattern (syntax in ``data/cue_phrases.tsv``) into a linear-time regex.

    ``forms_of`` gives the forms ``<lemma>`` stands for (default: the forms of the cue verb
    ``lemma`` in ``cue_verbs.tsv``, else :func:`inflections`).
    Slots are named groups ``S`` and ``O``; a slot that opens the pattern is read
    behind the match, so the match itself starts at the first literal.

    >>> rx = compile_phrase("in (a|an) [exclusive] interview [with {O}]")
    >>> rx.search("she said in an exclusive interview with CNN.").group(0)
    'in an exclusive interview with CNN'
    >>> rx = compile_phrase("{S}'s spokesman <say>")
    >>> found = rx.search("Later, Vladimir Putin’s spokesman said.")
    >>> found.group(0), found.group("S")
    ('’s spokesman said', 'Vladimir Putin')
    >>> compile_phrase("according (to")
    Traceback (most recent call last):
    ...
    ValueError: cue phrase 'according (to': unclosed '('
    """
    compiled, _ = _compile_phrase(pattern, forms_of if forms_of is not None else _forms_for_phrases)
    return compiled


def _compile_phrase(pattern: str, forms: Callable[[str], Iterable[str]]) -> tuple[Any, tuple[frozenset[str], bool]]:
    """The compiled phrase, the words to find it by, and whether a match starts with one of them."""
    tokens = [t for t in _PHRASE_TOKENS.findall(pattern)]
    if not tokens or not "".join(tokens).strip():
        raise ValueError("a cue phrase needs at least one word")
    parser = _PhraseParser(pattern, tokens, forms)
    items = parser.sequence()
    if parser.position < len(tokens):
        raise ValueError(f"cue phrase {pattern!r}: unexpected {tokens[parser.position]!r}")
    leading_slot = items[0].slot if items[0].slot and not items[0].optional else ""
    if leading_slot:
        if len(items) == 1:
            raise ValueError(f"cue phrase {pattern!r}: a slot alone is no phrase")
        gap = _GAP if items[1].spaced else ""
        items[1].spaced = False
        source = f"(?<={items[0].regex}{gap}){_joined(items[1:])}"
        triggers = _first_words(items[1:])
    else:
        source = _joined(items)
        triggers = _first_words(items)
        if items[0].starts_with_letter:
            source = r"(?<![\p{L}\p{M}\p{N}])" + source
    if not items[-1].slot:
        source += r"(?![\p{L}\p{M}\p{N}])"
    if triggers is None:
        raise ValueError(f"cue phrase {pattern!r}: only one slot may open a phrase, and no other may follow it")
    return regex.compile(source), _anchor(items[1:] if leading_slot else items) or (triggers, True)


# Words too frequent to look for a phrase by: a phrase is found by a rarer word in it.
_FREQUENT = frozenset(
    "the a an in on of to for by from at with as it this that is are was were be been being am "
    "'s 're 'm 've has have had his her their its our my your and or".split()
)


def _anchor(items: list[_Item]) -> tuple[frozenset[str], bool] | None:
    """The rarest easy handle on a phrase: the words of its first required item that holds
    no frequent word, and whether that item opens the phrase."""
    for index, item in enumerate(items):
        if item.optional or item.slot or not item.first_words:
            continue
        if not item.first_words & _FREQUENT:
            return item.first_words, index == 0
    return None


def _first_words(items: list[_Item]) -> frozenset[str] | None:
    """The words a sequence can begin with: its first item's, and the next item's too
    while the items before are optional."""
    words: set[str] = set()
    for item in items:
        if item.first_words is None:
            return None
        words |= item.first_words
        if not item.optional:
            return frozenset(words)
    return frozenset(words)


class _PhraseParser:
    """Recursive descent over the pattern's tokens: sequence := item*, item := word | <lemma> |
    {S} | (sequence | sequence ...) | [sequence]."""

    def __init__(self, pattern: str, tokens: list[str], forms_of: Callable[[str], Iterable[str]]) -> None:
        self.pattern = pattern
        self.tokens = tokens
        self.position = 0
        self.forms_of = forms_of
        self.slots: set[str] = set()

    def error(self, message: str) -> ValueError:
        return ValueError(f"cue phrase {self.pattern!r}: {message}")

    def sequence(self) -> list[_Item]:
        items: list[_Item] = []
        spaced = False
        while self.position < len(self.tokens):
            token = self.tokens[self.position]
            if token in (")", "]", "|"):
                break
            self.position += 1
            if token.isspace():
                spaced = True
                continue
            item = self.item(token)
            item.spaced = spaced and bool(items)
            items.append(item)
            spaced = False
        if not items:
            raise self.error("empty group or alternative")
        return items

    def item(self, token: str) -> _Item:
        if token == "(":
            return self.group(")", optional=False)
        if token == "[":
            return self.group("]", optional=True)
        if token.startswith("{"):
            return self.slot(token[1])
        if token.startswith("<"):
            forms = {form for form in self.forms_of(token[1:-1].casefold())}
            words = sorted((regex.escape(form) for form in forms), key=len, reverse=True)
            return _Item(r"(?i:" + "|".join(words) + ")", first_words=frozenset(map(_trigger_key, forms)))
        literal = "".join("['’]" if char in "'’" else regex.escape(char) for char in token)
        starts_with_letter = _LETTER_START.match(token) is not None
        return _Item(
            f"(?i:{literal})", starts_with_letter=starts_with_letter, first_words=frozenset({_trigger_key(token)})
        )

    def slot(self, name: str) -> _Item:
        if name not in ("S", "O"):
            raise self.error(f"unknown slot {{{name}}}; use {{S}} (speaker) or {{O}} (object)")
        if name in self.slots:
            raise self.error(f"slot {{{name}}} used twice")
        self.slots.add(name)
        word = f"(?!{_SLOT_STOP}){_SLOT_WORD}"
        words = f"{word}(?:{_SPACE}+{word}){{0,{_SLOT_MAX_WORDS - 1}}}"
        return _Item(f"(?P<{name}>{words})", slot=name, first_words=None)

    def group(self, closing: str, optional: bool) -> _Item:
        alternatives = [self.sequence()]
        while self.position < len(self.tokens) and self.tokens[self.position] == "|":
            self.position += 1
            alternatives.append(self.sequence())
        if self.position >= len(self.tokens) or self.tokens[self.position] != closing:
            raise self.error(f"unclosed {'(' if closing == ')' else '['!r}")
        self.position += 1
        body = "|".join(_joined(alternative) for alternative in alternatives)
        slot = next((item.slot for alternative in alternatives for item in alternative if item.slot), "")
        starts = all(alternative[0].starts_with_letter for alternative in alternatives)
        firsts = [_first_words(alternative) for alternative in alternatives]
        first_words = None if any(f is None for f in firsts) else frozenset().union(*(f for f in firsts if f))
        return _Item(f"(?:{body})", optional=optional, slot=slot, starts_with_letter=starts, first_words=first_words)


def _joined(items: list[_Item]) -> str:
    """The items' regexes in order, a gap before each spaced item. An optional item carries
    its gap inside its optional group, so that leaving it out leaves one gap, not two."""
    parts: list[str] = []
    gap_taken = False  # an optional first item took the gap that follows it
    for index, item in enumerate(items):
        gap = _GAP if item.spaced and not gap_taken else ""
        gap_taken = False
        if item.optional and index == 0 and len(items) > 1:
            parts.append(f"(?:{item.regex}{_GAP if items[1].spaced else ''})?")
            gap_taken = True
        elif item.optional:
            parts.append(f"(?:{gap}{item.regex})?")
        else:
            parts.append(gap + item.regex)
    return "".join(parts)


def _phrase(row: list[str]) -> CuePhrase:
    pattern, category, speaker = (row + ["", ""])[:3]
    if speaker not in _SPEAKER_POSITIONS:
        raise ValueError(f"cue_phrases.tsv: {pattern!r} has speaker {speaker!r}; use {list(_SPEAKER_POSITIONS)}")
    if speaker == "slot" and "{S}" not in pattern:
        raise ValueError(f"cue_phrases.tsv: {pattern!r} puts its speaker in a slot but has no {{S}}")
    try:
        cue_category = CueCategory(category)
    except ValueError:
        raise ValueError(f"cue_phrases.tsv: {pattern!r} has category {category!r}") from None
    compiled, (triggers, starts_with_trigger) = _compile_phrase(pattern, _forms_for_phrases)
    return CuePhrase(pattern, cue_category, speaker, compiled, triggers, starts_with_trigger)


def _forms_for_phrases(lemma: str) -> tuple[str, ...]:
    # Cue verbs carry their irregular forms in cue_verbs.tsv; read them from the loaded table.
    table = _cue_forms_by_lemma()
    return table.get(lemma) or inflections(lemma)


@cache
def _cue_forms_by_lemma() -> dict[str, tuple[str, ...]]:
    by_lemma: dict[str, list[str]] = {}
    for fields in _rows("cue_verbs.tsv"):
        lemma, irregular = fields[0], (fields + ["", "", ""])[3]
        by_lemma[lemma] = list(inflections(lemma, tuple(irregular.split())))
    return {lemma: tuple(forms) for lemma, forms in by_lemma.items()}


def _trigger_key(word: str) -> str:
    return word.casefold().replace("’", "'")


def _phrase_triggers(lexicon: Lexicon) -> tuple[Any, dict[str, tuple[CuePhrase, ...]]]:
    """One regex for every word a cue phrase is found by, and the phrases each word finds.

    Running each phrase over the whole text, or one alternation of all of them, is
    slow; finding the few places where a phrase can be and trying only the phrases
    found by the word there is fast.
    """
    by_word: dict[str, list[CuePhrase]] = {}
    for phrase in lexicon.cue_phrases:
        for word in phrase.triggers:
            by_word.setdefault(word, []).append(phrase)
    scanner = regex.compile(r"(?i)\b" + alternation(by_word) + r"\b")
    return scanner, {word: tuple(phrases) for word, phrases in by_word.items()}


# How far before the word it is found by a phrase may start, and after it end.
_PHRASE_REACH_BEFORE = 120
_PHRASE_REACH_AFTER = 300


def _phrase_found_by(phrase: CuePhrase, text: str, trigger: Any, start: int, stop: int) -> Any:
    if phrase.starts_with_trigger:
        return phrase.regex.match(text, trigger.start(), stop)
    low = max(start, trigger.start() - _PHRASE_REACH_BEFORE)
    for found in phrase.regex.finditer(text, low, min(stop, trigger.end() + _PHRASE_REACH_AFTER)):
        if found.start() > trigger.start():
            break
        if found.end() > trigger.start():
            return found
    return None


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, factored by common prefixes so that the engine
    decides character by character instead of trying each word in turn (much faster
    for hundreds of words). Longer words win over their prefixes; ' also matches ’.

    >>> rx = regex.compile(alternation(["say", "said", "says", "tell"]))
    >>> [rx.fullmatch(word) is not None for word in ("said", "says", "sa", "tells")]
    [True, True, False, False]
    >>> regex.fullmatch(alternation(["it's", "its"]), "it’s") is not None
    True
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _alternation_of(root) or "(?!)"


def _alternation_of(node: dict[str, Any]) -> str:
    branches = [
        ("['’]" if char in "'’" else regex.escape(char)) + _alternation_of(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "|".join(f"(?:{b})" for b in branches)
    if "" in node:
        return f"(?:{body})?"
    return body if len(branches) == 1 else f"(?:{body})"


def _phrase_match(phrase: CuePhrase, found: Any) -> CuePhraseMatch:
    speaker = _group_span(found, "S")
    start = min(found.start(), speaker.start) if speaker is not None else found.start()
    return CuePhraseMatch(phrase, Span(start, found.end()), speaker, _group_span(found, "O"))


def _group_span(found: Any, name: str) -> Span | None:
    if name not in found.re.groupindex or found.group(name) is None:
        return None
    return Span(found.start(name), found.end(name))


# --- files ---------------------------------------------------------------------------------------


def _undotted(word: str) -> str:
    return word.casefold().rstrip(".")


def _checked_words(name: str, words: Iterable[str]) -> list[str]:
    if isinstance(words, str):
        raise TypeError(f"Lexicon.extended({name}=...) takes a list of strings, got the string {words!r}")
    checked = []
    for word in words:
        if not isinstance(word, str) or not word.strip():
            raise ValueError(f"Lexicon.extended({name}=...) needs non-empty strings, got {word!r}")
        checked.append(word.strip())
    return checked


def _rows(filename: str) -> Iterator[list[str]]:
    text = resources.files("quotetrack.data").joinpath(filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield [cell.strip() for cell in line.split("\t")]
