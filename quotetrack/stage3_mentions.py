"""Stage 3 — mentions: the words that name (or point to) a speaker.

No model, only rules over the text and the word lists of the
:class:`~quotetrack.lexicon.Lexicon`. One compiled regex walks the text once and
stops at two kinds of places:

- a *run* of capitalised words ("German Chancellor Friedrich Merz", "Ursula von
  der Leyen", "J.K. Rowling", "the White House"), which dictionary look-ups split
  into names, titles, organisations and the sentence-initial words that are
  none of these ("The", "After", "This");
- a lowercase *keyword*: a role noun ("spokesman", "company", "officials") or a
  subject pronoun. A role looks back a few words for its modifiers and article
  ("a senior official", "the company’s chief executive"), and forward for a name
  it is the title of ("spokesman Dmitry Peskov").

The quote stage marks where a cue's frame puts the speaker (the *slot*);
:func:`mention_in` reads the speaker mention out of it. :func:`run` also lists
every mention of the document for coreference.

>>> from quotetrack.lexicon import default_lexicon
>>> lex = default_lexicon()
>>> text = "Kremlin spokesman Dmitry Peskov said the talks with the White House had been useful."
>>> [(m.text, m.kind.value) for m in find_mentions(text, 0, len(text), lex)]
[('Kremlin spokesman Dmitry Peskov', 'title_name'), ('the White House', 'organisation')]
>>> classify_mention("Kremlin spokesman Dmitry Peskov", lex) is MentionKind.TITLE_NAME
True
>>> classify_mention("his spokesman", lex) is MentionKind.ROLE
True
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import compress, count, repeat
from operator import attrgetter, eq, is_not, itemgetter, methodcaller
from typing import TYPE_CHECKING, Any

import regex

from .lexicon import Lexicon, alternation
from .model import Analysis, Candidate, Mention, MentionKind, QuoteKind, Span, _unchecked_mention

if TYPE_CHECKING:
    from .parser import Context

__all__ = ["appositive_in", "classify_mention", "find_mentions", "mention_in", "run"]

_NAMED = (MentionKind.NAME, MentionKind.TITLE_NAME)
_POSSESSIVE_MARKS = ("'s", "’s")
# The kinds of mention that may join the role or possessive before them.
_JOINABLE = (MentionKind.NAME, MentionKind.TITLE_NAME, MentionKind.ROLE)
# Articles and possessives that open a description ("the company", "his spokesman").
_DETERMINERS = frozenset(
    "the a an his her its their our my your this these those another one some several many "
    "two three four five six dozens hundreds both all no any each every".split()
)
# Lowercase words that end a description on its left: verbs, prepositions, conjunctions.
_LEFT_STOPS = frozenset(
    "and or but nor so yet as at by for from in into of off on onto over to under with without about after "
    "before between during against among than then when while where which who whom whose that if because "
    "said says say told tells is are was were be been being has have had do does did will would can could "
    "shall should may might must not also only just even still again ever never very too quite rather".split()
)
_SUBJECT_PRONOUNS = ("he", "she", "they", "it", "we")
_JOINERS = frozenset({"of", "for", "on", "the"})
_THE = frozenset({"the ", "The ", "the\u00a0", "The\u00a0"})
_CACHE_SIZE = 50_000  # entries of each cache in _Tables but the slots'
_SLOT_CACHE_SIZE = 5_000  # slot readings: slots are longer than words and runs
_CAPITAL_PRONOUNS = frozenset({"He", "She", "They", "It", "We", "I"})
_MAX_NAME_WORDS = 7
_MAX_ROLE_LOOKBACK = 5
_MAX_HEADLINE = 200  # characters; a longer line is a paragraph, whatever its capitals
_CREDIT_REACH = 200  # characters a picture credit may run on either side of its agency
# Characters that may stand between a sentence end and the next sentence's first word.
_OPENERS = " \t\u00a0“\"‘'«(["
_OPENER_CHARACTERS = frozenset(_OPENERS)  # a set: "" is in every str
_SENTENCE_ENDS = ".!?"


def run(analysis: Analysis, context: Context) -> None:
    """Fill each candidate's speaker mention from its slot, and ``analysis.mentions``
    with every mention in the document outside the direct quotes, sorted and
    without overlaps (a slot's mention wins over a mention found elsewhere)."""
    lexicon = context.lexicon
    text = analysis.text
    # Keyed by (start, end): a tuple hashes in C, a Span in Python.
    by_slot: dict[tuple[int, int], Mention | None] = {}
    slot_mentions: list[Mention] = []
    readings = lexicon.memo("mention_tables", _tables).slots
    for candidate in analysis.candidates:
        slot = candidate.speaker_slot
        if slot is None or candidate.speaker_mention is not None:
            continue
        key = (slot.start, slot.end)
        mention = by_slot.get(key, _UNREAD)
        if mention is _UNREAD:
            mention = by_slot[key] = _read_slot(text, slot, lexicon, readings)
            if mention is not None:
                slot_mentions.append(mention)
        candidate.speaker_mention = mention
    _widen_nested_slot_mentions(analysis.candidates, slot_mentions)
    quotes = [_quote_span(c) for c in analysis.candidates if c.kind is QuoteKind.DIRECT]
    found = _places(text, 0, len(text), lexicon, quotes)
    analysis.mentions = _merged(analysis.mentions + slot_mentions, found, text)


def _widen_nested_slot_mentions(candidates: list[Candidate], slot_mentions: list[Mention]) -> None:
    """Two slots may read the same words to different lengths: a reporting clause's slot
    "Democratic" and a quote frame's "Democratic candidate Hillary Clinton". The longer
    reading names the speaker; the shorter is dropped and its quotes take the longer one,
    so that the document's mentions never overlap."""
    if len(slot_mentions) < 2:
        return
    ordered = sorted(slot_mentions, key=_by_start_then_longest)
    widest: dict[int, Mention] = {}  # id of a nested mention → the mention that holds it
    holder = ordered[0]
    for mention in ordered[1:]:
        if mention.span.end <= holder.span.end:
            widest[id(mention)] = holder
        else:
            holder = mention
    if not widest:
        return
    slot_mentions[:] = [m for m in slot_mentions if id(m) not in widest]
    for candidate in candidates:
        read = candidate.speaker_mention
        if read is not None and id(read) in widest:
            candidate.speaker_mention = widest[id(read)]


def _by_start_then_longest(mention: Mention) -> tuple[int, int]:
    return mention.span.start, -mention.span.end


def _quote_span(candidate: Candidate) -> Span:
    """``candidate.outer or candidate.span`` without calling ``Span.__len__``: the marks'
    span unless there is none or it is empty."""
    outer = candidate.outer
    return outer if outer is not None and outer.end != outer.start else candidate.span


def find_mentions(text: str, start: int, end: int, lexicon: Lexicon, exclude: Iterable[Span] = ()) -> list[Mention]:
    """All speaker-like mentions in ``text[start:end]``, left to right, not overlapping.

    ``exclude`` lists spans to skip (the direct quotes): no mention is found
    inside them. Picture credits ("JOHN SMITH/AFP via Getty Images") and
    bylines ("By JOHN SMITH") are skipped too.

    >>> from quotetrack.lexicon import default_lexicon
    >>> text = "“We are ready,” he said. A senior official said Russia would reply."
    >>> [(m.text, m.kind.value) for m in find_mentions(text, 0, len(text), default_lexicon(), [Span(0, 15)])]
    [('he', 'pronoun'), ('A senior official', 'role'), ('Russia', 'organisation')]
    """
    _check_region(text, start, end, lexicon)
    return _as_mentions(text, _places(text, start, end, lexicon, _checked_spans(exclude)))


def _places(text: str, start: int, end: int, lexicon: Lexicon, exclude: list[Span]) -> list[_Place]:
    finder = _Finder(text, lexicon, in_slot=False)
    for gap_start, gap_end in _gaps(start, end, [*exclude, *_credit_spans(text, start, end, lexicon)]):
        finder.scan(gap_start, gap_end)
    return finder.result()


def _as_mentions(text: str, places: Iterable[_Place]) -> list[Mention]:
    return [Mention(Span(start, end), text[start:end], kind) for start, end, kind in places]


def mention_in(text: str, slot: Span, lexicon: Lexicon) -> Mention | None:
    """The mention that fills a speaker ``slot``: its longest name when it has one
    ("Dmitry Peskov" in "Dmitry Peskov, the Kremlin spokesman"), else its first
    mention; failing both, the slot's words trimmed of punctuation.

    >>> from quotetrack.lexicon import default_lexicon
    >>> text = "Peskov, the Kremlin spokesman, said"
    >>> mention_in(text, Span(0, 29), default_lexicon())
    Mention(span=Span(start=0, end=6), text='Peskov', kind=<MentionKind.NAME: 'name'>)
    """
    _check_region(text, slot.start, slot.end, lexicon)
    return _read_slot(text, slot, lexicon, lexicon.memo("mention_tables", _tables).slots)


def _read_slot(
    text: str, slot: Span, lexicon: Lexicon, readings: dict[tuple[str, str], _Place | None]
) -> Mention | None:
    """:func:`mention_in` for a slot already checked, through the cache of slot ``readings``."""
    # What a slot holds depends on its words and on the character before it only (a run
    # starts after no letter), so slots that read alike ("he", "Mr. Obama") are read once.
    key = (text[slot.start - 1] if slot.start else "", text[slot.start : slot.end])
    place = readings.get(key, _UNREAD)
    if place is _UNREAD:
        if len(readings) > _SLOT_CACHE_SIZE:
            readings.clear()
        mention = _slot_mention(text, slot, lexicon)
        place = readings[key] = None if mention is None else _relative(mention, slot.start)
    if place is None:
        return None
    start, end = slot.start + place[0], slot.start + place[1]
    return _unchecked_mention(start, end, text[start:end], place[2])


def _relative(mention: Mention, offset: int) -> _Place:
    return (mention.span.start - offset, mention.span.end - offset, mention.kind)


def _slot_mention(text: str, slot: Span, lexicon: Lexicon) -> Mention | None:
    mentions = _slot_mentions(text, slot, lexicon)
    names = [m for m in mentions if m.kind in _NAMED]
    if len(names) == 1:
        return names[0]
    if names:
        return max(names, key=lambda m: (len(m.span), -m.span.start))
    if mentions:
        return mentions[0]
    return _whole_slot(text, slot, lexicon)


def appositive_in(text: str, slot: Span, lexicon: Lexicon) -> Mention | None:
    """The description set off by a comma next to the name in ``slot``: "the Kremlin
    spokesman" in "Peskov, the Kremlin spokesman" or in "the Kremlin spokesman,
    Dmitry Peskov"; "an epidemiologist at the Charité hospital" in "Lena Hoffmann,
    an epidemiologist at the Charité hospital". None when there is none.

    >>> from quotetrack.lexicon import default_lexicon
    >>> text = "Lena Hoffmann, an epidemiologist at the Charité hospital, said"
    >>> appositive_in(text, Span(0, 56), default_lexicon()).text
    'an epidemiologist at the Charité hospital'
    """
    _check_region(text, slot.start, slot.end, lexicon)
    mentions = _slot_mentions(text, slot, lexicon)
    names = [m for m in mentions if m.kind in _NAMED]
    if not names:
        return None
    name = max(names, key=lambda m: (len(m.span), -m.span.start))
    comma = _COMMA_AFTER.match(text, name.span.end, slot.end)
    if comma is not None:
        first = _LEFT_WORD.match(text, comma.end(), slot.end)
        if first is not None and _opens_description(first.group(), lexicon):
            return _phrase_from(text, comma.end(), slot.end)
    for mention in mentions:
        if mention.kind is MentionKind.ROLE and mention.span.end <= name.span.start:
            if text[mention.span.end : name.span.start].strip() == ",":
                return mention
    return None


def _opens_description(word: str, lexicon: Lexicon) -> bool:
    lowered = word.casefold()
    return (
        lowered in _DETERMINERS
        or lowered.endswith(("’s", "'s"))
        or lowered in lexicon.modifiers
        or lexicon.is_role(lowered)
        or lexicon.is_title(lowered)
    )


def classify_mention(words_text: str, lexicon: Lexicon) -> MentionKind:
    """What kind of words ``words_text`` is (see :class:`~quotetrack.model.MentionKind`).

    >>> from quotetrack.lexicon import default_lexicon
    >>> [classify_mention(w, default_lexicon()).value for w in ("she", "the Kremlin", "Acme Corp.", "Peskov")]
    ['pronoun', 'organisation', 'organisation', 'name']
    """
    words = words_text.split()
    if not words:
        return MentionKind.OTHER
    lowered = [w.casefold().rstrip(".") for w in words]
    if len(words) == 1 and (lowered[0] in lexicon.pronouns or words[0] in lexicon.pronouns):
        return MentionKind.PRONOUN
    bare = words[1:] if lowered[0] == "the" else words
    if bare and _is_organisation(bare, lexicon):
        return MentionKind.ORGANISATION
    if lowered[0] in _DETERMINERS or not words[0][0].isupper() or lowered[-1] in lexicon.roles:
        return MentionKind.ROLE
    prefix_end, has_title = _title_prefix(words, lexicon)
    if prefix_end == len(words):
        return MentionKind.ROLE if has_title else MentionKind.ORGANISATION
    if has_title or any(not w[0].isupper() and w.casefold() not in lexicon.name_particles for w in words):
        return MentionKind.TITLE_NAME
    return MentionKind.NAME


# --- the finder ------------------------------------------------------------------------------------


# A mention while the finder works: (start, end, kind). Its text is always the text it
# spans, so the Mention is built only for the places kept, at the end; most places are
# dropped, joined or absorbed before then, and a tuple costs a thirtieth of a Mention.
_Place = tuple[int, int, MentionKind]


@dataclass(frozen=True)
class _Tables:
    """What the finder looks words up in, derived from the lexicon once (see :meth:`Lexicon.memo`).

    The two caches map a run's text to its reading and a word to its part in a
    description; both are pure functions of their key, and are emptied when they
    grow past :data:`_CACHE_SIZE` so that memory stays bounded on any input.
    """

    runs: Any  # the compiled run pattern
    # Each keyword as written and with a possessive ("company", "company’s", "company's")
    # → the keyword; see _keyword_forms.
    keywords: dict[str, str]
    multiword: dict[str, tuple[str, ...]]
    readings: dict[str, tuple[_PlacedPiece, ...]]
    steps: dict[str, _Step]
    tokens: dict[str, str | None]  # a token → the keyword it stands for, if any
    # (the character before a slot, the slot's text) → the slot's mention, relative to the slot
    slots: dict[tuple[str, str], _Place | None]


def _tables(lexicon: Lexicon) -> _Tables:
    keywords, multiword = _keywords(lexicon)
    return _Tables(_run_pattern(lexicon), _keyword_forms(keywords), multiword, {}, {}, {}, {})


def _keyword_forms(keywords: frozenset[str]) -> dict[str, str]:
    """Every form a token's core may take to stand for a keyword: the keyword itself, or
    the keyword with "’s" or "'s"; a keyword as written wins over a possessive of another.
    (A keyword that begins with punctuation is found in the possessive only once stripped.)"""
    forms = {
        keyword + ending: keyword
        for keyword in keywords
        if keyword[:1] not in _EDGE_PUNCTUATION
        for ending in _POSSESSIVE
    }
    forms.update((keyword, keyword) for keyword in keywords)
    return forms


class _Finder:
    """Finds the mentions of one region (or of the gaps of one document), left to right."""

    __slots__ = (
        "text", "lexicon", "in_slot", "tables", "readings", "places", "pending", "known_words",
        "line_start", "line_end", "line_is_headline", "region_start", "place_prepositions",
    )

    def __init__(self, text: str, lexicon: Lexicon, in_slot: bool) -> None:
        self.text = text
        self.lexicon = lexicon
        self.in_slot = in_slot
        self.tables = lexicon.memo("mention_tables", _tables)
        self.readings = self.tables.readings
        self.places: list[_Place] = []
        # A one-word name at the start of a sentence ("Prices rose"?, "Peskov said"?), with its
        # word: kept only if the document also writes the word capitalised mid-sentence or knows it.
        self.pending: list[tuple[_Place, str]] = []
        self.known_words: set[str] = set()
        # The line the last headline question was about, and its answer (see in_headline).
        self.line_start = self.line_end = 0
        self.line_is_headline = False
        self.region_start = 0
        self.place_prepositions = lexicon.word_set("place_prepositions")

    def scan(self, start: int, end: int) -> None:
        self.region_start = start
        text, tables = self.text, self.tables
        hits = _keyword_hits(text, start, end, tables)
        next_hit, next_start = 0, hits[0][0] if hits else end
        readings_get, add_run, add_keyword = self.readings.get, self.add_run, self.add_keyword
        for run in tables.runs.finditer(text, start, end):
            run_start, run_end = run.span()
            while next_start <= run_start:
                if hits[next_hit][1] <= run_start:
                    add_keyword(*hits[next_hit])
                # else a role word the run starts inside of ("Chief executive"): the run reads it
                next_hit += 1
                next_start = hits[next_hit][0] if next_hit < len(hits) else end
            # _reading, with its common case inline: most run texts were read before.
            pieces = readings_get(text[run_start:run_end])
            if pieces is None:
                pieces = _reading(text[run_start:run_end], tables, self.lexicon)
            if pieces:  # else only words that name no one ("The", "After")
                add_run(run_start, run_end, pieces)
        for hit in hits[next_hit:]:
            add_keyword(*hit)

    def result(self) -> list[_Place]:
        places = self.places
        for place, word in self.pending:
            if word in self.known_words or word in self.lexicon.first_names:
                places.append(place)
        return _without_overlaps(places)

    def add_keyword(self, word_start: int, word_end: int, word: str) -> None:
        if word in _SUBJECT_PRONOUNS:
            self.places.append((word_start, word_end, MentionKind.PRONOUN))
        else:
            self.add_role(word_start, word_end)

    # --- capitalised runs

    def add_run(self, start: int, end: int, pieces: tuple[_PlacedPiece, ...]) -> None:
        """Add the mentions of the run at ``text[start:end]``, whose reading is ``pieces``."""
        text = self.text
        in_slot = self.in_slot
        if in_slot:
            headline = False
        elif self.line_start <= start < self.line_end:  # the line of the run before: most runs share one
            headline = self.line_is_headline
        else:
            headline = self.in_headline(start)
        places = self.places
        for piece in pieces:
            first, last, kind = start + piece.start, start + piece.end, piece.kind
            if kind is _PRONOUN:
                places.append((first, last, kind))
                continue
            if piece.needs_the and not self.after_the(first):
                continue
            if kind is _ORGANISATION and self.after_the(first):
                first -= 4
            if headline and not piece.fits_headline:
                continue
            if kind is _NAME and piece.word_count == 1 and self.names_a_place(first, last):
                continue
            if piece.named_words:  # known as names wherever they stand; never one word waiting for evidence
                self.known_words.update(piece.words)
                initial = False
            else:
                initial = piece.opens_run and not in_slot and _starts_sentence(text, start)
                if not (initial or headline):
                    self.known_words.update(piece.words)
            if initial and piece.word_count == 1 and self.initial_word_needs_evidence(first, last, kind):
                self.pending.append(((first, last, kind), piece.words[0]))
            elif places and piece.joinable and first - places[-1][1] in (1, 3):
                self.join_previous(first, last, kind)
            else:
                places.append((first, last, kind))

    def names_a_place(self, start: int, end: int) -> bool:
        """"visited Leeds", "in Minsk", "the West": one unknown capitalised word after a word of
        place or after "the" is a place, not a person (a known first name, a possessive or a longer
        name still is a person); so is a picture's "(C)" or "(L)"."""
        text = self.text
        if end - start == 1 and text[start - 1 : start] == "(" and text[end : end + 1] == ")":
            return True
        if text[end : end + 2] in _POSSESSIVE_MARKS or text[start:end] in self.lexicon.first_names:
            return False
        if self.after_the(start):
            return True
        before = text.rfind(" ", max(self.region_start, start - 12), start - 1)
        if before < 0 or start - 1 < 0 or text[start - 1] != " ":
            return False
        return text[before + 1 : start - 1].casefold() in self.place_prepositions

    def after_the(self, position: int) -> bool:
        # A "the" before the region is not the region's: mentions never start before it.
        return position - 4 >= self.region_start and self.text[position - 4 : position] in _THE

    def initial_word_needs_evidence(self, start: int, end: int, kind: MentionKind) -> bool:
        if kind is MentionKind.NAME:
            return True
        return kind is _ORGANISATION and self.text[start:end] in self.lexicon.common_organisations

    def in_headline(self, position: int) -> bool:
        """True when the line holding ``position`` is a title-case headline of at most
        :data:`_MAX_HEADLINE` characters.

        The answer is kept for the whole line: runs come left to right, so each line's
        ends are searched for once and the whole stays linear, with or without line breaks.
        """
        if not self.line_start <= position < self.line_end:
            text = self.text
            self.line_start = text.rfind("\n", 0, position) + 1
            line_end = text.find("\n", position)
            self.line_end = len(text) if line_end < 0 else line_end
            self.line_is_headline = self.line_end - self.line_start <= _MAX_HEADLINE and _is_title_case(
                text[self.line_start : self.line_end]
            )
        return self.line_is_headline

    def join_previous(self, start: int, end: int, kind: MentionKind) -> None:
        """Join a name or role to the role or possessive one space or "’s " before it:
        "spokesman" + "Dmitry Peskov", "Russia’s" + "President Vladimir Putin"."""
        places = self.places
        previous_start, previous_end, previous_kind = places[-1]
        between = self.text[previous_end:start]
        titled = previous_kind is _ROLE and kind is not _ROLE
        if titled and between in (" ", "\u00a0") and self.is_person_role(previous_start, previous_end):
            places[-1] = (previous_start, end, MentionKind.TITLE_NAME)
        elif between in _POSSESSIVE_GAPS and previous_kind is not _PRONOUN and kind is not MentionKind.NAME:
            places[-1] = (previous_start, end, kind)
        else:
            places.append((start, end, kind))

    def is_person_role(self, start: int, end: int) -> bool:
        head = self.text[start:end].rsplit(None, 1)[-1].casefold()
        return self.lexicon.role_kind(head) != "org" and (self.lexicon.is_role(head) or self.lexicon.is_title(head))

    # --- role descriptions

    def add_role(self, start: int, end: int) -> None:
        """A role noun with the words before it that describe it: "the company", "a senior
        official", "the Ukrainian leader", "Kremlin spokesman", "the firm’s chief executive"."""
        first = self.description_start(start)
        places = self.places
        while places and places[-1][1] > first:
            absorbed = places.pop()  # "Kremlin" + "spokesman": the role takes the name in
            first = min(first, absorbed[0])
        places.append((first, end, _ROLE))

    def description_start(self, head_start: int) -> int:
        """Where the description of the role at ``head_start`` begins. Known modifiers,
        capitalised words and possessives join it; other lowercase words join only when
        an article comes before them ("the lead researcher", not "Trump fired officials")."""
        text, region_start, steps = self.text, self.region_start, self.tables.steps
        start = position = head_start
        unconfirmed: int | None = None  # where the description starts if no article comes
        for _ in range(_MAX_ROLE_LOOKBACK):
            # Words of one description stand one space apart; a comma or a line break ends it.
            if position - 1 <= region_start or text[position - 1] not in " \u00a0":
                break
            word_end = position - 1
            reach = word_end - 30 if word_end - 30 > region_start else region_start
            # _last_gap, with its common case inline: the word after the last space is plain.
            gap = text.rfind(" ", reach, word_end)
            word_start = gap + 1 if gap >= 0 else reach
            word = text[word_start:word_end]
            if not word.isprintable():
                gap = _last_gap(text, reach, word_end)
                word_start = gap + 1 if gap >= 0 else reach
                word = text[word_start:word_end]
            if gap < 0 and reach > region_start:
                break  # a "word" of 30 characters is no word of a description
            last = gap >= 0 and text[gap] in "\n\t"
            if word[:1] in _OPENER_CHARACTERS:
                while word_start < word_end and text[word_start] in _OPENERS:
                    word_start, last = word_start + 1, True  # “The company: the quote mark ends it
                word = text[word_start:word_end]
            step = steps.get(word) or _description_step(word, self.tables, self.lexicon)
            if step is _Step.ENDS:
                break
            if step is _Step.ARTICLE:
                return word_start
            if step is _Step.UNCONFIRMED:
                unconfirmed = start if unconfirmed is None else unconfirmed
            start = position = word_start
            if last:
                break
        return start if unconfirmed is None else unconfirmed


_FIRST = itemgetter(0)
_SPAN_KEY = attrgetter("start", "end")
_SECOND = itemgetter(1)
_UNREAD: Any = object()  # a slot not read yet
_NAME, _PRONOUN = MentionKind.NAME, MentionKind.PRONOUN
_ORGANISATION, _ROLE = MentionKind.ORGANISATION, MentionKind.ROLE
_POSSESSIVE_GAPS = frozenset({"’s ", "'s ", "’s\u00a0", "'s\u00a0"})


class _Step(Enum):
    """What a word before a role noun does to its description."""

    ENDS = "ends"  # the description ends after the word: a verb, a preposition, a full stop
    ARTICLE = "article"  # the description starts at the word: "the", "his", "several"
    JOINS = "joins"  # a modifier, title, name or possessive: "senior", "Kremlin", "firm’s"
    UNCONFIRMED = "unconfirmed"  # another lowercase word: it joins only if an article comes before it


# The last space, no-break space, line break or tab before a position.
_WORD_GAP = regex.compile(r"[ \u00a0\n\t]", flags=regex.REVERSE)


def _last_gap(text: str, start: int, end: int) -> int:
    """Where the last space, no-break space, line break or tab of ``text[start:end]`` stands; -1 if none."""
    gap = text.rfind(" ", start, end)
    # The other three are not printable: a plain word after the space holds none of them.
    if text[gap + 1 if gap >= 0 else start : end].isprintable():
        return gap
    found = _WORD_GAP.search(text, start, end)
    return found.start() if found is not None else -1


def _description_step(word: str, tables: _Tables, lexicon: Lexicon) -> _Step:
    """What ``word`` does to the description of a role noun after it, cached per word."""
    step = tables.steps.get(word)
    if step is None:
        if len(tables.steps) > _CACHE_SIZE:
            tables.steps.clear()
        step = tables.steps[word] = _judge_description_word(word, lexicon)
    return step


def _judge_description_word(word: str, lexicon: Lexicon) -> _Step:
    lowered = word.casefold()
    if not word or word.endswith(".") and word not in lexicon.abbreviations and not _is_all_caps(word):
        return _Step.ENDS  # the full stop of the sentence before
    if lowered in _DETERMINERS:
        return _Step.ARTICLE
    if not word.replace("-", "").replace("’", "").replace("'", "").replace(".", "").isalnum():
        return _Step.ENDS
    if word[0].isupper() or lowered.endswith(("’s", "'s")):
        if word in lexicon.not_names or lowered in _LEFT_STOPS:
            return _Step.ENDS
    elif lowered in _LEFT_STOPS or lexicon.cue(word) is not None:
        return _Step.ENDS
    elif not (lowered in lexicon.modifiers or lowered in lexicon.roles or lexicon.is_title(lowered)):
        return _Step.UNCONFIRMED
    return _Step.JOINS


# --- runs of capitalised words ------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """A mention inside a run, by word indices (inclusive): the part of a run's reading
    that does not depend on where the run stands, so it is cached by the run's words."""

    first: int
    last: int
    kind: MentionKind
    acronym: bool = False  # an unknown acronym: a mention only after "the" or with 3+ letters


@dataclass(frozen=True, slots=True)  # slots: thousands are cached
class _PlacedPiece:
    """A piece with what does not depend on where its run stands: its character offsets
    in the run and the answers about its words, worked out once per run text."""

    start: int
    end: int
    kind: MentionKind
    words: tuple[str, ...]
    word_count: int
    opens_run: bool  # it starts with the run's first word
    needs_the: bool  # an unknown acronym of one or two letters: a mention only after "the"
    fits_headline: bool
    named_words: bool  # a name of two words or more: its words are known to be names
    joinable: bool  # it may join the role or possessive before it


def _reading(run_text: str, tables: _Tables, lexicon: Lexicon) -> tuple[_PlacedPiece, ...]:
    """The pieces of a run, cached by the run's text: runs repeat ("Trump", "The", "He")."""
    pieces = tables.readings.get(run_text)
    if pieces is None:
        if len(tables.readings) > _CACHE_SIZE:
            tables.readings.clear()
        pieces = tables.readings[run_text] = _read_run(run_text, lexicon)
    return pieces


def _read_run(run_text: str, lexicon: Lexicon) -> tuple[_PlacedPiece, ...]:
    words = tuple(run_text.split())
    # One space joins the words of a run, so their offsets follow from their lengths.
    offsets = []
    position = 0
    for word in words:
        offsets.append(position)
        position += len(word) + 1
    return tuple(_placed(piece, words, offsets, lexicon) for piece in _analyse_run(words, lexicon))


def _placed(piece: _Piece, words: tuple[str, ...], offsets: list[int], lexicon: Lexicon) -> _PlacedPiece:
    piece_words = words[piece.first : piece.last + 1]
    return _PlacedPiece(
        start=offsets[piece.first],
        end=offsets[piece.last] + len(words[piece.last]),
        kind=piece.kind,
        words=piece_words,
        word_count=len(piece_words),
        opens_run=piece.first == 0,
        needs_the=piece.acronym and len(words[piece.first]) < 3,
        fits_headline=_fits_headline(piece.kind, piece_words, lexicon),
        named_words=len(piece_words) > 1 and piece.kind in _NAMED,
        joinable=piece.kind in _JOINABLE,
    )


def _fits_headline(kind: MentionKind, words: tuple[str, ...], lexicon: Lexicon) -> bool:
    # Title case hides names: only known organisations, titles and known first names count.
    if kind is MentionKind.NAME:
        return len(words) >= 2 and words[0] in lexicon.first_names
    return kind in (MentionKind.ORGANISATION, MentionKind.TITLE_NAME)


def _analyse_run(words: tuple[str, ...], lexicon: Lexicon) -> tuple[_Piece, ...]:
    """The names, titles, organisations and pronouns in a run of capitalised words."""
    pieces: list[_Piece] = []
    for first, last in _segments(words, lexicon, pieces):
        pieces.extend(_segment_pieces(words, first, last, lexicon))
    return tuple(sorted(pieces, key=lambda piece: piece.first))


def _surname_after_first_name(words: tuple[str, ...], index: int, lexicon: Lexicon) -> bool:
    """"Theresa May", "Julia March": after a known first name, a month or a modal that is also a
    surname (the ``surnames_among_not_names`` word set) belongs to the name."""
    return (index > 0 and words[index].casefold() in lexicon.word_set("surnames_among_not_names")
            and words[index - 1] in lexicon.first_names)


def _segments(words: tuple[str, ...], lexicon: Lexicon, pieces: list[_Piece]) -> list[tuple[int, int]]:
    """The run cut where a word that is no name stands ("After", "The", "His") and at a
    full stop that ends a sentence; a pronoun ("He", "I") becomes a piece of its own."""
    segments: list[tuple[int, int]] = []
    first = 0
    for index, word in enumerate(words):
        if word in _CAPITAL_PRONOUNS:
            pieces.append(_Piece(index, index, MentionKind.PRONOUN))
        elif not (word in lexicon.not_names or word.casefold() in _DETERMINERS and word[0].isupper()):
            continue
        elif _opens_known_name(words, index, lexicon) or _surname_after_first_name(words, index, lexicon):
            continue
        segments.append((first, index - 1))
        first = index + 1
    segments.append((first, len(words) - 1))
    return [bounds for bounds in (_trimmed(words, a, b, lexicon) for a, b in segments) if bounds[0] <= bounds[1]]


def _opens_known_name(words: tuple[str, ...], index: int, lexicon: Lexicon) -> bool:
    # "The New York Times", "The Hague": a listed name may begin with a word that is no name.
    for length in range(min(5, len(words) - index), 1, -1):
        joined = " ".join(words[index : index + length])
        if joined in lexicon.organisations or joined in lexicon.countries:
            return True
    return False


def _trimmed(words: tuple[str, ...], first: int, last: int, lexicon: Lexicon) -> tuple[int, int]:
    """A segment without joining words at its ends ("of", "van"), and cut before an "of"
    that follows no organisation word or title ("Smith of Reuters" → "Smith")."""
    while first <= last and (words[first] in lexicon.name_particles or words[first] in _JOINERS):
        first += 1
    while last >= first and (words[last] in lexicon.name_particles or words[last] in _JOINERS):
        last -= 1
    for index in range(first + 1, last + 1):
        before = words[index - 1]
        if words[index] in _JOINERS and not (lexicon.is_org_word(before) or lexicon.is_title(before)):
            return first, index - 1
    return first, last


def _segment_pieces(words: tuple[str, ...], first: int, last: int, lexicon: Lexicon) -> list[_Piece]:
    segment = words[first : last + 1]
    if sum(1 for word in segment if _is_all_caps(word)) >= 2 and " ".join(segment) not in lexicon.organisations:
        return []  # shouting, a byline or a credit: "VYACHESLAV PROKOFYEV", "BREAKING NEWS"
    if _is_organisation(segment, lexicon) or " ".join(segment) in lexicon.countries:
        return [_Piece(first, last, MentionKind.ORGANISATION)]
    if len(segment) > _MAX_NAME_WORDS:
        return []  # a title-case phrase, not a name
    prefix_end, has_title = _title_prefix(segment, lexicon)
    if prefix_end == len(segment):
        # "German Chancellor" alone is a role; "Ukrainian" alone names no one (a role
        # after it may take it in: "Ukrainian officials").
        return [_Piece(first, last, MentionKind.ROLE)] if has_title else []
    if has_title:
        return [_Piece(first, last, MentionKind.TITLE_NAME)]
    pieces = []
    prefix = " ".join(segment[:prefix_end])
    if prefix and (prefix in lexicon.countries or prefix in lexicon.organisations):
        pieces.append(_Piece(first, first + prefix_end - 1, MentionKind.ORGANISATION))
    rest = first + prefix_end
    if rest == last and _is_all_caps(words[rest]):
        pieces.append(_Piece(rest, last, MentionKind.ORGANISATION, acronym=True))  # "the NRA", "NYPD"
    elif rest == last and words[rest].casefold() in lexicon.roles:
        pieces.append(_Piece(rest, last, MentionKind.ROLE))  # "Officials said", "Police said"
    else:
        pieces.append(_Piece(rest, last, MentionKind.NAME))
    return pieces


def _is_all_caps(word: str) -> bool:
    return word.isupper() and len(word.replace(".", "")) >= 2


# --- the scanner -------------------------------------------------------------------------------------


def _run_pattern(lexicon: Lexicon) -> Any:
    """A run of capitalised words, with the particles and "of" that may join them
    ("Ursula von der Leyen", "Ministry of Defence", "J.K. Rowling", "Bashar al-Assad").

    The engine finds a capital quickly when the pattern begins by matching one, but tries
    every position when it begins with a lookahead: so the first token is matched from its
    capital on, and each kind of token (abbreviation, initials, word) goes on from there.
    """
    letters = r"\p{L}\p{M}\p{N}"
    abbreviations = sorted(
        {a[:-1] for a in lexicon.abbreviations if a.endswith(".") and a[:1].isupper() and a[:-1].isalpha()},
        key=len,
        reverse=True,
    )
    abbreviation = abbreviation_rest = r"(?!)"
    if abbreviations:
        guard = _followed_by(abbreviations, _DOT)
        abbreviation = rf"{guard}(?:{alternation(abbreviations)})\."
        abbreviation_rest = rf"{guard and _AFTER_LETTER_GUARD}{_rests_by_first(abbreviations)}\."
    initials_rest = r"\.(?:\p{Lu}\.)*"
    word_rest = rf"[{letters}]*(?:['’]\p{{Lu}}[{letters}]*|[-&]\p{{Lu}}[{letters}]*)*"
    particles = lexicon.hyphen_particles
    particle = rf"{_followed_by(particles, _HYPHEN)}(?:{alternation(particles)})"
    hyphen_particle = rf"{particle}-\p{{Lu}}[{letters}]*(?:-\p{{Lu}}[{letters}]*)*"
    first_token = rf"\p{{Lu}}{_AFTER_RUN_START}(?:{abbreviation_rest}|{initials_rest}|{word_rest})"
    token = rf"(?:{abbreviation}|\p{{Lu}}{initials_rest}|\p{{Lu}}{word_rest})"
    joiner_words = [*lexicon.name_particles, "of", "of the", "for", "on"]
    joiners = rf"{_followed_by(joiner_words, _SPACE)}(?:{alternation(joiner_words)})"
    # After the space, only a capital or the first letter of a joiner or particle can go on.
    next_word = _first_letter_guard([*abbreviations, *joiner_words, *particles])
    gap = rf"{_SPACE}{next_word}(?:{joiners}{_SPACE}){{0,3}}"
    # A run starts at a capital that begins a word; a hyphenated particle joins only inside one.
    return regex.compile(rf"{first_token}(?:{gap}(?:{token}|{hyphen_particle}))*")


def _rests_by_first(words: list[str]) -> str:
    """A regex for the rest of any of ``words`` once its first letter is matched: for each
    first letter, a lookbehind that it was matched and the alternation of the rests."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, after in sorted(rests.items()):
        longer = [rest for rest in after if rest]
        body = alternation(longer) if longer else ""
        if longer and "" in after:
            body = f"(?:{body})?"
        branches.append(f"(?<={regex.escape(first)}){body}")
    return "(?:" + "|".join(branches) + ")"


def _first_letter_guard(words: list[str]) -> str:
    """A lookahead for a capital or the first character of one of ``words`` (an apostrophe
    stands for both, as in :func:`alternation`); none if a word is empty."""
    if not all(words):
        return ""
    firsts = {word[0] for word in words}
    if firsts & set("'’"):
        firsts |= set("'’")
    return rf"(?=[\p{{Lu}}{''.join(regex.escape(first) for first in sorted(firsts))}])"


def _followed_by(words: Iterable[str], after: str) -> str:
    """A guard that lets the regex engine skip an alternation of ``words`` quickly: it
    checks that the letters ahead are followed by ``after`` (a regex) before the words
    are tried one by one, which is slow in the regex module. The guard lets through
    every place one of the words matches only when the words are ASCII letters (single
    spaces may join them, as in "of the"); for any other list it is left out."""
    if all(w and all(part.isascii() and part.isalpha() for part in w.split(" ")) for w in words):
        return rf"(?=\p{{L}}++{after})"
    return ""


_DOT = r"\."
_HYPHEN = "-"
_SPACE = "[ \u00a0]"

# No letter, apostrophe, full stop or hyphen stands right before a run (so "McDonald" is one word):
# checked once its capital is matched.
_AFTER_RUN_START = r"(?<![\p{L}\p{M}\p{N}'’.\-]\p{Lu})"
# The guard of the abbreviations (see _followed_by) once their first letter is matched.
_AFTER_LETTER_GUARD = r"(?=\p{L}*+\.)"


def _keywords(lexicon: Lexicon) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """The lowercase words that start a description: one-word roles and subject pronouns;
    and for each last word of a multiword role ("chief executive"), the whole roles."""
    single = {role for role in lexicon.roles if " " not in role}
    multi: dict[str, list[str]] = {}
    for role in lexicon.roles:
        if " " in role and role.rsplit(" ", 1)[1] not in single:
            multi.setdefault(role.rsplit(" ", 1)[1], []).append(role)
    return frozenset(single | set(_SUBJECT_PRONOUNS) | set(multi)), {k: tuple(v) for k, v in multi.items()}


_POSSESSIVE = frozenset({"’s", "'s"})
_EDGE_PUNCTUATION = "\"“”‘’'()[]{},.;:!?«»—–…*/"


def _keyword_hits(text: str, start: int, end: int, tables: _Tables) -> list[tuple[int, int, str]]:
    """Where role nouns and subject pronouns stand in ``text[start:end]``.

    Splitting on whitespace and looking the tokens up in a dict is many times faster
    than a regex over hundreds of words. The answer for each token is kept (most tokens
    of a text were seen before), so the look-ups run in C (``map``, ``compress``) and
    Python code runs only for the hits and for the tokens never seen before.
    """
    known = tables.tokens
    if len(known) > _CACHE_SIZE:
        known.clear()
    tokens = text[start:end].split()
    # The keyword each token stands for; None for none, _UNSEEN if not known yet.
    words = list(map(known.get, tokens, repeat(_UNSEEN)))
    # compress keeps the true values: every keyword unless a lexicon has an empty one.
    kept = words if "" not in tables.keywords else map(is_not, words, repeat(None))
    hits: list[tuple[int, int, str]] = []
    earliest, previous = start, -1  # where the token after the last hit may start, and its index
    for index in compress(count(), kept):
        raw, word = tokens[index], words[index]
        if word is _UNSEEN:
            word = known[raw] = _token_keyword(raw, tables.keywords)
        if word is None:
            continue
        # _token_start's first try, inline: nearly every hit is the first match of its token.
        at = text.find(raw, earliest, end)
        after = at + len(raw)
        if not ((at == start or text[at - 1].isspace()) and (after == end or text[after].isspace())):
            # found inside another token first: skip the tokens in between, one space each
            earliest += sum(map(len, tokens[previous + 1 : index])) + index - previous - 1
            at = _token_start(text, raw, earliest, start, end)
            after = at + len(raw)
        earliest, previous = after + 1, index
        word_end = at + raw.find(word) + len(word)
        word_start = word_end - len(word)
        if word in tables.multiword:
            word_start = _multiword_start(text, word_start, tables.multiword[word], start)
            if word_start < 0:
                continue
        hits.append((word_start, word_end, word))
    return hits


def _token_keyword(raw: str, forms: dict[str, str]) -> str | None:
    """The keyword a token stands for as written, or once stripped of punctuation at its ends."""
    return forms[raw] if raw in forms else forms.get(raw.strip(_EDGE_PUNCTUATION))


_UNSEEN: Any = object()  # a token not looked up yet


def _token_start(text: str, raw: str, earliest: int, start: int, end: int) -> int:
    """Where ``raw`` first stands as a whole whitespace-delimited token of ``text[start:end]``
    from ``earliest`` on; an earlier token equal to it would have been a hit too, so that
    is the token itself. The caller passes the least place the token can stand, so few
    matches inside other words are skipped."""
    at = text.find(raw, earliest, end)
    after = at + len(raw)
    while not ((at == start or text[at - 1].isspace()) and (after == end or text[after].isspace())):
        at = text.find(raw, at + 1, end)
        after = at + len(raw)
    return at


def _multiword_start(text: str, last_start: int, roles: tuple[str, ...], limit: int) -> int:
    """Where the multiword role ending at the word at ``last_start`` begins, or -1."""
    for role in roles:
        head = role[: role.rfind(" ") + 1]  # "chief " of "chief executive"
        start = last_start - len(head)
        if start >= limit and text[start:last_start].casefold().replace("\u00a0", " ") == head:
            return start
    return -1


_RUN_TOKEN = regex.compile(r"[^ \u00a0]+")
_COMMA_AFTER = regex.compile(r"[ \u00a0]*,[ \u00a0]+")
_LEFT_WORD = regex.compile(r"[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}]|['’.\-](?=[\p{L}\p{M}\p{N}]))*\.?")
_HEADLINE_WORD = regex.compile(r"\b[\p{L}][\p{L}\p{M}'’\-]{3,}")


# --- helpers ----------------------------------------------------------------------------------------


def _title_prefix(words: Sequence[str], lexicon: Lexicon) -> tuple[int, bool]:
    """How many leading words are titles, nationalities, countries or organisations
    ("German Chancellor", "U.S. President", "White House Press Secretary"), and
    whether a title is among them."""
    index, has_title = 0, False
    while index < len(words):
        for length in range(min(4, len(words) - index), 0, -1):
            phrase = " ".join(words[index : index + length])
            modifier = length == 1 and index == 0 < len(words) - 1 and phrase.casefold() in lexicon.modifiers
            if lexicon.is_title(phrase) or modifier:
                has_title = has_title or lexicon.is_title(phrase)
                break
            if phrase in lexicon.organisations or lexicon.country_of(phrase):
                break
        else:
            return index, has_title
        index += length
    return index, has_title


def _is_organisation(words: Sequence[str], lexicon: Lexicon) -> bool:
    """A listed organisation, or a name headed by an organisation word ("Labour Party",
    "Acme Corp.", "Ministry of Defence")."""
    joined = " ".join(words)
    if joined in lexicon.organisations:
        return True
    if len(words) < 2:
        return False
    if lexicon.is_org_word(words[-1]) and words[-1][:1].isupper():
        return True
    return lexicon.is_org_word(words[0]) and words[1] in ("of", "for") and words[0][:1].isupper()


def _starts_sentence(text: str, position: int) -> bool:
    index = position - 1
    while index >= 0 and text[index] in _OPENERS and position - index < 12:
        index -= 1
    if index < 0 or text[index] in "\n\r:;":
        return True
    if text[index] in _SENTENCE_ENDS:
        return True
    # “…it.” Peskov said — a closing mark after a sentence end.
    return text[index] in "”\"’'»" and index > 0 and text[index - 1] in _SENTENCE_ENDS


def _is_title_case(line: str) -> bool:
    if len(line) > _MAX_HEADLINE or _too_many_lowercase_words(line):
        return False
    words = _HEADLINE_WORD.findall(line)
    if len(words) < 3:
        return False
    capitalised = sum(map(str.isupper, [word[0] for word in words]))
    # Title case capitalises nearly every longer word; a sentence full of names still has verbs.
    return capitalised * 10 >= len(words) * 9


# a-z to "a", every other byte kept: b" aaaa" then stands for a space and four lowercase ASCII letters.
_LOWERCASE_TO_A = bytes.maketrans(b"abcdefghijklmnopqrstuvwxyz", b"a" * 26)


def _too_many_lowercase_words(line: str) -> bool:
    """True when ``line`` surely is no title-case headline, told without the word regex: most
    lines are sentences, and their lowercase words give them away in C-level byte counts.

    A space and four lowercase ASCII letters begin a :data:`_HEADLINE_WORD` that is not
    capitalised, so their count is at most the number of such words; a line of n characters
    holds at most (n + 1) // 5 words (four letters each, a character between two). Title case
    wants nine capitalised words in ten, so a tenth of that bound, exceeded, rules it out.

    >>> _too_many_lowercase_words("Kremlin spokesman Dmitry Peskov said the talks were useful")
    True
    >>> _too_many_lowercase_words("Putin Says Talks With Kyiv Were Useful")
    False
    """
    # Non-ASCII characters become "?": neither a space nor a lowercase letter, one byte each.
    lowercase_starts = line.encode("ascii", "replace").translate(_LOWERCASE_TO_A).count(b" aaaa")
    return lowercase_starts * 10 > (len(line) + 1) // 5


def _slot_mentions(text: str, slot: Span, lexicon: Lexicon) -> list[Mention]:
    finder = _Finder(text, lexicon, in_slot=True)
    finder.scan(slot.start, slot.end)
    return _as_mentions(text, finder.result())


def _whole_slot(text: str, slot: Span, lexicon: Lexicon) -> Mention | None:
    words = list(_LEFT_WORD.finditer(text, slot.start, slot.end))
    if not words:
        return None
    span = Span(words[0].start(), words[-1].end())
    words_text = span.slice(text)
    if words_text.endswith(".") and not _keeps_final_dot(words_text):
        span = Span(span.start, span.end - 1)
        words_text = words_text[:-1]
    return Mention(span=span, text=words_text, kind=classify_mention(words_text, lexicon))


def _keeps_final_dot(words_text: str) -> bool:
    # "Jr." and initials keep their dot; a sentence's full stop does not belong to the name.
    last = words_text.rsplit(" ", 1)[-1]
    return last in ("Jr.", "Sr.", "Inc.", "Ltd.", "Corp.", "Co.") or (len(last) == 2 and last[0].isupper())


def _phrase_from(text: str, start: int, limit: int) -> Mention:
    """The words from ``start`` up to the next comma or ``limit``, as a role description:
    "an epidemiologist at the Charité hospital"."""
    comma = text.find(",", start, limit)
    end = comma if comma >= 0 else limit
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
        end -= 1
    span = Span(start, end)
    return Mention(span, span.slice(text), MentionKind.ROLE)


def _credit_spans(text: str, start: int, end: int, lexicon: Lexicon) -> list[Span]:
    """Picture credits ("JOHN SMITH/AFP via Getty Images") and bylines ("By JOHN SMITH"):
    from the credit's first word to the end of its line."""
    spans: list[Span] = []
    before, after, byline = lexicon.memo("credit_patterns", _credit_patterns)
    for mark in _credit_marks(text, start, end):
        at = mark.start()
        if mark.group() == "By":
            found = byline.match(text, at, end)
            if found is not None:
                spans.append(Span(at, found.end()))
            continue
        if mark.group() == "/":
            credited = before.search(text, max(start, at - 40), at) or after.match(text, at + 1, end)
        else:
            credited = after.match(text, mark.end(), end)
        if credited is None:
            continue
        # A credit is short: look for its line's ends nearby only, so that the search stays linear.
        line_end = text.find("\n", at, min(end, at + _CREDIT_REACH))
        reach = max(start, at - _CREDIT_REACH)
        marks = (text.rfind(m, reach, at) + len(m) for m in (". ", ": ", "(", "\n"))
        spans.append(Span(max(reach, *marks), max(at + 1, line_end if line_end >= 0 else credited.end())))
    return spans


def _credit_marks(text: str, start: int, end: int) -> list[Any]:
    """The matches of :data:`_CREDIT_MARK` in ``text[start:end]``, left to right.

    Each match begins with "/", "via" or "By", which ``str.find`` finds far faster than
    the regex engine scans for them; the pattern then only confirms each place. Its
    matches cannot overlap, so these are the ones ``finditer`` would find.
    """
    marks = []
    for head in _CREDIT_HEADS:
        at = text.find(head, start, end)
        while at >= 0:
            mark = _CREDIT_MARK.match(text, at, end)
            if mark is not None:
                marks.append(mark)
            at = text.find(head, at + 1, end)
    return sorted(marks, key=_MATCH_START)


# Where a credit or byline may be: a slash, "via", or "By" at a line start.
_CREDIT_MARK = regex.compile(r"/|\bvia[ ]+|(?:^|(?<=\n))By(?=[ ])")
_CREDIT_HEADS = ("/", "via", "By")
_MATCH_START = methodcaller("start")


def _credit_patterns(lexicon: Lexicon) -> tuple[Any, Any, Any]:
    credits = alternation({credit.casefold() for credit in lexicon.credits})
    before = regex.compile(rf"(?i)\b(?:{credits})[ ]?$")
    after = regex.compile(rf"(?i)[ ]?(?:{credits})\b")
    byline = regex.compile(r"By[ ]+\p{Lu}[^\n.!?“”\"]{0,60}(?=\n|$)")
    return before, after, byline


def _gaps(start: int, end: int, excluded: list[Span]) -> list[tuple[int, int]]:
    gaps: list[tuple[int, int]] = []
    position = start
    for span in sorted(excluded, key=_SPAN_KEY):  # the order of Span.__lt__, without its Python calls
        if span.end <= position or span.start >= end:
            continue
        if span.start > position:
            gaps.append((position, span.start))
        position = max(position, span.end)
    if position < end:
        gaps.append((position, end))
    return gaps


def _without_overlaps(places: list[_Place]) -> list[_Place]:
    """The places by start, the longest first at each start, without those that overlap
    one kept before them."""
    kept: list[_Place] = []
    # Two stable sorts with C key functions do what one sort by (start, -end) does, without
    # a Python call per place.
    by_end = sorted(places, key=_SECOND, reverse=True)
    last_end = -1
    for place in sorted(by_end, key=_FIRST):
        if place[0] >= last_end:
            kept.append(place)
            last_end = place[1]
    return kept


def _merged(first: list[Mention], second: list[_Place], text: str) -> list[Mention]:
    """Both lists as one list of mentions, sorted; where two overlap, the one from ``first`` stays.

    ``second`` is sorted and without overlaps (a finder's result), so its starts and its
    ends both rise. A place is checked against the two spans of ``first`` on either side
    of its start only, which keeps the whole linear. ``first`` is short (the speaker
    slots) and ``second`` long (every mention), so the work is done per span of
    ``first``: bisection finds the run of places each one drops, and the places kept
    are copied by slices. Spans are ``(start, end)`` tuples, which sort and hash like
    :class:`Span` but far faster.
    """
    chosen = {(m.span.start, m.span.end): m for m in first}
    taken = sorted(chosen)
    starts, ends = list(map(_FIRST, second)), list(map(_SECOND, second))
    dropped = _overlapped(taken, starts, ends)
    dropped.update(_same_spans(taken, starts, ends))
    kept = _without_indices(second, dropped)
    if dropped:
        starts, ends = list(map(_FIRST, kept)), list(map(_SECOND, kept))
    if any(map(eq, starts, ends)):  # never in a finder's result so far, but possible
        kept = _first_of_each_empty(kept)
        starts, ends = list(map(_FIRST, kept)), list(map(_SECOND, kept))
    mentions = [_unchecked_mention(start, end, text[start:end], kind) for start, end, kind in kept]
    return _inserted(mentions, starts, ends, [(span, chosen[span]) for span in taken])


def _overlapped(taken: list[tuple[int, int]], starts: list[int], ends: list[int]) -> set[int]:
    """The indices of the places that overlap a span of ``taken`` among the four nearest
    their start: ``taken[i - 2 : i + 2]``, where ``i`` spans of ``taken`` start before the
    place. Span ``j`` is among them for the places that start after ``taken[j - 2]`` and
    no later than ``taken[j + 2]``."""
    dropped: set[int] = set()
    taken_starts = list(map(_FIRST, taken))
    count_taken, count_places = len(taken), len(starts)
    for j, (taken_start, taken_end) in enumerate(taken):
        low = bisect_right(starts, taken_starts[j - 2]) if j >= 2 else 0
        high = bisect_right(starts, taken_starts[j + 2]) if j + 2 < count_taken else count_places
        # Overlapping: starting before the span ends and ending after it starts.
        low = max(low, bisect_right(ends, taken_start))
        high = min(high, bisect_left(starts, taken_end, low))
        if low < high:
            dropped.update(range(low, high))
    return dropped


def _same_spans(taken: list[tuple[int, int]], starts: list[int], ends: list[int]) -> list[int]:
    """The indices of the places whose span is one of ``taken`` (an empty one overlaps nothing)."""
    same = []
    for taken_start, taken_end in taken:
        index = bisect_left(starts, taken_start)
        while index < len(starts) and starts[index] == taken_start:
            if ends[index] == taken_end:
                same.append(index)
            index += 1
    return same


def _without_indices(places: list[_Place], dropped: set[int]) -> list[_Place]:
    kept: list[_Place] = []
    previous = 0
    for index in sorted(dropped):
        kept += places[previous:index]
        previous = index + 1
    kept += places[previous:]
    return kept


def _first_of_each_empty(places: list[_Place]) -> list[_Place]:
    """Two empty places at one position have one span: the first stays. (In a list
    without overlaps, only an empty place can share its start with the place before it.)"""
    kept: list[_Place] = []
    for place in places:
        if not (place[0] == place[1] and kept and kept[-1][0] == place[0]):
            kept.append(place)
    return kept


def _inserted(
    mentions: list[Mention], starts: list[int], ends: list[int], chosen: list[tuple[tuple[int, int], Mention]]
) -> list[Mention]:
    """``mentions`` (with these spans, sorted) and the ``chosen`` ones (sorted, no span in
    common with them) as one sorted list."""
    if not chosen:
        return mentions
    merged: list[Mention] = []
    previous = 0
    for (start, end), mention in chosen:
        index = bisect_left(starts, start, previous)
        while index < len(starts) and starts[index] == start and ends[index] < end:
            index += 1
        merged += mentions[previous:index]
        merged.append(mention)
        previous = index
    merged += mentions[previous:]
    return merged


def _checked_spans(spans: Iterable[Span]) -> list[Span]:
    checked = list(spans)
    for span in checked:
        if not isinstance(span, Span):
            raise TypeError(f"exclude must hold quotetrack Span objects, got {type(span).__name__}")
    return checked


def _check_region(text: object, start: int, end: int, lexicon: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"mentions are found in a str, got {type(text).__name__}")
    if not isinstance(lexicon, Lexicon):
        raise TypeError(f"pass a quotetrack Lexicon (default_lexicon()), got {type(lexicon).__name__}")
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"need 0 <= start <= end <= len(text) = {len(text)}, got start={start}, end={end}")
