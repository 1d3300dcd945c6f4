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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex

from .lexicon import Lexicon, alternation
from .model import Analysis, Mention, MentionKind, QuoteKind, Span

if TYPE_CHECKING:
    from .parser import Context

__all__ = ["appositive_in", "classify_mention", "find_mentions", "mention_in", "run"]

_NAMED = (MentionKind.NAME, MentionKind.TITLE_NAME)
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
_CAPITAL_PRONOUNS = frozenset({"He", "She", "They", "It", "We", "I"})
_MAX_NAME_WORDS = 7
_MAX_ROLE_LOOKBACK = 5
_MAX_HEADLINE = 200  # characters; a longer line is a paragraph, whatever its capitals
_CREDIT_REACH = 200  # characters a picture credit may run on either side of its agency
# Characters that may stand between a sentence end and the next sentence's first word.
_OPENERS = " \t\u00a0“\"‘'«(["
_SENTENCE_ENDS = ".!?"


def run(analysis: Analysis, context: Context) -> None:
    """Fill each candidate's speaker mention from its slot, and ``analysis.mentions``
    with every mention in the document outside the direct quotes, sorted and
    without overlaps (a slot's mention wins over a mention found elsewhere)."""
    lexicon = context.lexicon
    text = analysis.text
    by_slot: dict[Span, Mention | None] = {}
    slot_mentions: list[Mention] = []
    for candidate in analysis.candidates:
        slot = candidate.speaker_slot
        if slot is None or candidate.speaker_mention is not None:
            continue
        if slot not in by_slot:
            by_slot[slot] = mention_in(text, slot, lexicon)
            if by_slot[slot] is not None:
                slot_mentions.append(by_slot[slot])  # type: ignore[arg-type]
        candidate.speaker_mention = by_slot[slot]
    quotes = [c.outer or c.span for c in analysis.candidates if c.kind is QuoteKind.DIRECT]
    found = find_mentions(text, 0, len(text), lexicon, exclude=quotes)
    analysis.mentions = _merged(analysis.mentions + slot_mentions, found)


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
    finder = _Finder(text, lexicon, in_slot=False)
    for gap_start, gap_end in _gaps(start, end, [*_checked_spans(exclude), *_credit_spans(text, start, end, lexicon)]):
        finder.scan(gap_start, gap_end)
    return finder.result()


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
    mentions = _slot_mentions(text, slot, lexicon)
    names = [m for m in mentions if m.kind in _NAMED]
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


@dataclass
class _Token:
    start: int
    end: int
    text: str

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_all_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass
class _Pending:
    """A one-word name at the start of a sentence ("Prices rose"?, "Peskov said"?): kept
    only if the document also writes the word capitalised mid-sentence or knows it."""

    mention: Mention
    word: str


@dataclass
class _Finder:
    text: str
    lexicon: Lexicon
    in_slot: bool
    mentions: list[Mention] = field(default_factory=list)
    pending: list[_Pending] = field(default_factory=list)
    known_words: set[str] = field(default_factory=set)
    headline_lines: dict[int, bool] = field(default_factory=dict)

    def scan(self, start: int, end: int) -> None:
        pattern = self.lexicon.memo("mention_scanner", _scanner)
        for found in pattern.finditer(self.text, start, end):
            if found.lastgroup == "run":
                self.add_run(found.start(), found.end())
            elif found.group().casefold() in _SUBJECT_PRONOUNS:
                self.add(Mention(Span(found.start(), found.end()), found.group(), MentionKind.PRONOUN))
            else:
                self.add_role(found.start(), found.end(), start)

    def result(self) -> list[Mention]:
        for pending in self.pending:
            if pending.word in self.known_words or pending.word in self.lexicon.first_names:
                self.mentions.append(pending.mention)
        return _without_overlaps(self.mentions)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)

    # --- capitalised runs

    def add_run(self, start: int, end: int) -> None:
        tokens = [_Token(m.start(), m.end(), m.group()) for m in _RUN_TOKEN.finditer(self.text, start, end)]
        headline = not self.in_slot and self.in_headline(start)
        sentence_start = not self.in_slot and _starts_sentence(self.text, start)
        for index, segment in enumerate(self.segments(tokens)):
            initial = sentence_start and index == 0 and segment[0].start == start
            self.add_segment(segment, initial, headline)

    def segments(self, tokens: list[_Token]) -> list[list[_Token]]:
        """The run cut where a word that is no name stands ("After", "The", "His"); a
        pronoun ("He", "I") becomes a mention of its own."""
        segments: list[list[_Token]] = [[]]
        lexicon = self.lexicon
        for index, token in enumerate(tokens):
            word = token.text
            if word in _CAPITAL_PRONOUNS:
                self.add(Mention(Span(token.start, token.end), word, MentionKind.PRONOUN))
                segments.append([])
            elif (word in lexicon.not_names and not self.opens_known_name(tokens, index)) or (
                word.casefold() in _DETERMINERS and word[0].isupper()
            ):
                segments.append([])
            else:
                segments[-1].append(token)
        trimmed = (_trimmed(segment, lexicon) for segment in segments)
        return [segment for segment in trimmed if segment]

    def opens_known_name(self, tokens: list[_Token], index: int) -> bool:
        # "The New York Times", "The Hague": a listed name may begin with a word that is no name.
        for length in range(min(5, len(tokens) - index), 1, -1):
            words = " ".join(t.text for t in tokens[index : index + length])
            if words in self.lexicon.organisations or words in self.lexicon.countries:
                return True
        return False

    def add_segment(self, segment: list[_Token], initial: bool, headline: bool) -> None:
        lexicon = self.lexicon
        words = [t.text for t in segment]
        all_caps = [t for t in segment if t.is_all_caps]
        if len(all_caps) >= 2 and " ".join(words) not in lexicon.organisations:
            return  # shouting, a byline or a credit: "VYACHESLAV PROKOFYEV", "BREAKING NEWS"
        if len(segment) > _MAX_NAME_WORDS and not _is_organisation(words, lexicon):
            return  # a title-case phrase, not a name
        for piece in self.pieces(segment):
            mention, word_count = piece
            if mention.kind is MentionKind.OTHER:
                continue
            if headline and not self.fits_headline(mention, word_count):
                continue
            if mention.kind in _NAMED and word_count > 1:
                self.known_words.update(mention.text.split())
            elif not initial and not headline:
                self.known_words.update(mention.text.split())
            if initial and word_count == 1 and mention.span.start == segment[0].start:
                if self.initial_word_needs_evidence(mention):
                    self.pending.append(_Pending(mention, mention.text))
                    continue
            self.merge_with_previous(mention)

    def pieces(self, segment: list[_Token]) -> list[tuple[Mention, int]]:
        """The mentions one segment of a run holds: one name, title-name, organisation
        or role, or an organisation followed by a name."""
        lexicon = self.lexicon
        words = [t.text for t in segment]
        joined = " ".join(words)
        if _is_organisation(words, lexicon) or joined in lexicon.countries:
            return [(self.organisation(segment), len(segment))]
        prefix_end, has_title = _title_prefix(words, lexicon)
        if prefix_end == len(segment):
            # "German Chancellor" alone is a role; "Ukrainian" alone names no one (a role
            # after it may take it in: "Ukrainian officials").
            return [(self.span_mention(segment, MentionKind.ROLE), len(segment))] if has_title else []
        if has_title:
            return [(self.span_mention(segment, MentionKind.TITLE_NAME), len(segment))]
        pieces: list[tuple[Mention, int]] = []
        prefix = segment[:prefix_end]
        prefix_words = " ".join(t.text for t in prefix)
        if prefix and (prefix_words in lexicon.countries or prefix_words in lexicon.organisations):
            pieces.append((self.organisation(prefix), prefix_end))
        name = self.name(segment[prefix_end:])
        if name is not None:
            pieces.append((name, len(segment) - prefix_end))
        return pieces

    def name(self, tokens: list[_Token]) -> Mention | None:
        if len(tokens) == 1 and tokens[0].is_all_caps:
            word = tokens[0].text.replace(".", "")
            if len(word) >= 3 or self.text[max(0, tokens[0].start - 4) : tokens[0].start].casefold() == "the ":
                return self.organisation(tokens)  # an acronym: "the NRA", "NYPD"
            return None
        if len(tokens) == 1 and tokens[0].text.casefold() in self.lexicon.roles:
            return self.span_mention(tokens, MentionKind.ROLE)  # "Officials said", "Police said"
        return self.span_mention(tokens, MentionKind.NAME)

    def organisation(self, tokens: list[_Token]) -> Mention:
        start = tokens[0].start
        before = self.text[max(0, start - 4) : start]
        if before in ("the ", "The ", "the\u00a0", "The\u00a0"):
            start -= 4
        return Mention(Span(start, tokens[-1].end), self.text[start : tokens[-1].end], MentionKind.ORGANISATION)

    def span_mention(self, tokens: list[_Token], kind: MentionKind) -> Mention:
        span = Span(tokens[0].start, tokens[-1].end)
        return Mention(span, span.slice(self.text), kind)

    def initial_word_needs_evidence(self, mention: Mention) -> bool:
        if mention.kind is MentionKind.NAME:
            return True
        return mention.kind is MentionKind.ORGANISATION and mention.text in self.lexicon.common_organisations

    def fits_headline(self, mention: Mention, word_count: int) -> bool:
        # Title case hides names: only known organisations, titles and known first names count.
        if mention.kind is MentionKind.NAME:
            first = mention.text.split()[0]
            return word_count >= 2 and first in self.lexicon.first_names
        return mention.kind in (MentionKind.ORGANISATION, MentionKind.TITLE_NAME)

    def in_headline(self, position: int) -> bool:
        # Searches stay within a headline's length, so that a text with no line breaks stays linear.
        reach = max(0, position - _MAX_HEADLINE)
        line_start = self.text.rfind("\n", reach, position) + 1
        if line_start == 0 and reach > 0:
            return False
        known = self.headline_lines.get(line_start)
        if known is None:
            line_end = self.text.find("\n", position, line_start + _MAX_HEADLINE + 1)
            if line_end < 0:
                line_end = len(self.text) if len(self.text) - line_start <= _MAX_HEADLINE else -1
            known = line_end >= 0 and _is_title_case(self.text[line_start:line_end])
            self.headline_lines[line_start] = known
        return known

    def merge_with_previous(self, mention: Mention) -> None:
        """Join a name to the role or possessive right before it: "spokesman" + "Dmitry
        Peskov", "Russia’s" + "President Vladimir Putin"."""
        previous = self.mentions[-1] if self.mentions else None
        if previous is not None and mention.kind in (MentionKind.NAME, MentionKind.TITLE_NAME, MentionKind.ROLE):
            between = self.text[previous.span.end : mention.span.start]
            titled = previous.kind is MentionKind.ROLE and mention.kind is not MentionKind.ROLE
            if titled and between in (" ", "\u00a0") and self.is_person_role(previous):
                self.mentions[-1] = self.joined(previous, mention, MentionKind.TITLE_NAME)
                return
            possessive = between in ("’s ", "'s ", "’s\u00a0", "'s\u00a0")
            if possessive and previous.kind is not MentionKind.PRONOUN and mention.kind is not MentionKind.NAME:
                self.mentions[-1] = self.joined(previous, mention, mention.kind)
                return
        self.add(mention)

    def is_person_role(self, mention: Mention) -> bool:
        head = mention.text.rsplit(None, 1)[-1].casefold()
        return self.lexicon.role_kind(head) != "org" and (self.lexicon.is_role(head) or self.lexicon.is_title(head))

    def joined(self, first: Mention, second: Mention, kind: MentionKind) -> Mention:
        span = Span(first.span.start, second.span.end)
        return Mention(span, span.slice(self.text), kind)

    # --- role descriptions

    def add_role(self, start: int, end: int, region_start: int) -> None:
        """A role noun with the words before it that describe it: "the company", "a senior
        official", "the Ukrainian leader", "Kremlin spokesman", "the firm’s chief executive"."""
        first = self.description_start(start, region_start)
        while self.mentions and self.mentions[-1].span.end > first:
            absorbed = self.mentions.pop()  # "Kremlin" + "spokesman": the role takes the name in
            first = min(first, absorbed.span.start)
        span = Span(first, end)
        self.add(Mention(span, span.slice(self.text), MentionKind.ROLE))

    def description_start(self, head_start: int, region_start: int) -> int:
        """Where the description of the role at ``head_start`` begins. Known modifiers,
        capitalised words and possessives join it; other lowercase words join only when
        an article comes before them ("the lead researcher", not "Trump fired officials")."""
        lexicon = self.lexicon
        words = list(_LEFT_WORD.finditer(self.text, max(region_start, head_start - 80), head_start))
        start = head_start
        unconfirmed: int | None = None  # where the description starts if no article comes
        position = head_start
        for found in reversed(words[-_MAX_ROLE_LOOKBACK:]):
            if self.text[found.end() : position] not in (" ", "\u00a0"):
                break
            word = found.group()
            lowered = word.casefold()
            if lowered in _DETERMINERS:
                return int(found.start())
            if word[0].isupper() or lowered.endswith(("’s", "'s")):
                if word in lexicon.not_names or lowered in _LEFT_STOPS:
                    break
            elif lowered in _LEFT_STOPS or lexicon.cue(word) is not None or not word.replace("-", "").isalpha():
                break
            elif not (lowered in lexicon.modifiers or lowered in lexicon.roles or lexicon.is_title(lowered)):
                unconfirmed = start if unconfirmed is None else unconfirmed
            start = position = found.start()
        return start if unconfirmed is None else unconfirmed


# --- the scanner -------------------------------------------------------------------------------------


def _scanner(lexicon: Lexicon) -> Any:
    """One regex for the whole text: a run of capitalised words, or a role noun or
    subject pronoun written in lowercase."""
    letters = r"\p{L}\p{M}\p{N}"
    abbreviations = sorted(
        {a[:-1] for a in lexicon.abbreviations if a.endswith(".") and a[:1].isupper() and a[:-1].isalpha()},
        key=len,
        reverse=True,
    )
    abbreviation = rf"(?:{alternation(abbreviations)})\." if abbreviations else r"(?!)"
    initials = r"\p{Lu}\.(?:\p{Lu}\.)*"
    word = rf"\p{{Lu}}[{letters}]*(?:['’]\p{{Lu}}[{letters}]*|[-&]\p{{Lu}}[{letters}]*)*"
    hyphen_particle = rf"(?:{alternation(lexicon.hyphen_particles)})-\p{{Lu}}[{letters}]*(?:-\p{{Lu}}[{letters}]*)*"
    token = rf"(?:{abbreviation}|{initials}|{word}|{hyphen_particle})"
    joiners = alternation([*lexicon.name_particles, "of", "of the", "for", "on"])
    gap = rf"[ \u00a0](?:(?:{joiners})[ \u00a0]){{0,3}}"
    run = rf"(?<![{letters}'’.\-]){token}(?:{gap}{token})*"
    keywords = alternation([*lexicon.roles, *_SUBJECT_PRONOUNS])
    keyword = rf"(?<![{letters}'’\-])(?:{keywords})(?![{letters}\-])"
    return regex.compile(rf"(?P<run>{run})|(?P<keyword>{keyword})")


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
            if lexicon.is_title(phrase) or (length == 1 and phrase.casefold() in lexicon.modifiers and index == 0):
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


def _trimmed(segment: list[_Token], lexicon: Lexicon) -> list[_Token]:
    # A run never starts or ends with a joining word ("of", "van") or a lone initial's neighbour.
    joiners = lexicon.name_particles | {"of", "for", "on", "the"}
    start, end = 0, len(segment)
    while start < end and segment[start].text in joiners:
        start += 1
    while end > start and segment[end - 1].text in joiners:
        end -= 1
    return _split_unjoined(segment[start:end], lexicon)


def _split_unjoined(segment: list[_Token], lexicon: Lexicon) -> list[_Token]:
    """Keep "of" only after an organisation word or title ("Ministry of Defence",
    "Secretary of State"); elsewhere ("Smith of Reuters") keep the part before it."""
    for index, token in enumerate(segment):
        if token.text in ("of", "for", "on") and index > 0:
            before = segment[index - 1].text
            if not (lexicon.is_org_word(before) or lexicon.is_title(before)):
                return segment[:index]
    return segment


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
    if len(line) > _MAX_HEADLINE:
        return False
    words = _HEADLINE_WORD.findall(line)
    if len(words) < 3:
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    # Title case capitalises nearly every longer word; a sentence full of names still has verbs.
    return capitalised * 10 >= len(words) * 9


def _slot_mentions(text: str, slot: Span, lexicon: Lexicon) -> list[Mention]:
    finder = _Finder(text, lexicon, in_slot=True)
    finder.scan(slot.start, slot.end)
    return finder.result()


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
    """Picture credits and bylines: from the credit's first word to the end of its line."""
    spans: list[Span] = []
    pattern = lexicon.memo("credit_pattern", _credit_pattern)
    for found in pattern.finditer(text, start, end):
        # A credit is short: look for its line's ends nearby only, so that the search stays linear.
        line_end = text.find("\n", found.end(), min(end, found.end() + _CREDIT_REACH))
        line_end = found.end() if line_end < 0 else line_end
        if found.group("byline") is not None:
            spans.append(Span(found.start(), max(line_end, found.end())))
            continue
        reach = max(start, found.start() - _CREDIT_REACH)
        line_start = text.rfind("\n", reach, found.start()) + 1
        marks = (text.rfind(mark, reach, found.start()) + len(mark) for mark in (". ", ": ", "(", "\n"))
        spans.append(Span(max(reach, line_start, *marks), line_end))
    return spans


def _credit_pattern(lexicon: Lexicon) -> Any:
    credits = alternation({credit.casefold() for credit in lexicon.credits})
    slashed = rf"(?i:/[ ]?(?:{credits})\b|\b(?:{credits})[ ]?/|\bvia[ ]+(?:{credits})\b)"
    # "By JOHN SMITH" / "By John Smith and Jane Doe" alone on a short line.
    byline = r"(?P<byline>(?:^|(?<=\n))By[ ]+\p{Lu}[^\n.!?“”\"]{0,60}(?=\n|$))"
    return regex.compile(rf"{byline}|{slashed}")


def _gaps(start: int, end: int, excluded: list[Span]) -> list[tuple[int, int]]:
    gaps: list[tuple[int, int]] = []
    position = start
    for span in sorted(excluded):
        if span.end <= position or span.start >= end:
            continue
        if span.start > position:
            gaps.append((position, span.start))
        position = max(position, span.end)
    if position < end:
        gaps.append((position, end))
    return gaps


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.span.start, -m.span.end)):
        if not kept or mention.span.start >= kept[-1].span.end:
            kept.append(mention)
    return kept


def _merged(first: list[Mention], second: list[Mention]) -> list[Mention]:
    """Both lists as one, sorted; where two mentions overlap, the one from ``first`` stays."""
    chosen = {m.span: m for m in first}
    taken = sorted(chosen)
    for mention in second:
        if mention.span not in chosen and not any(mention.span.overlaps(span) for span in _near(taken, mention.span)):
            chosen[mention.span] = mention
    return [chosen[span] for span in sorted(chosen)]


def _near(spans: list[Span], span: Span) -> list[Span]:
    from bisect import bisect_left

    index = bisect_left(spans, Span(span.start, span.start))
    return spans[max(0, index - 2) : index + 2]


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
