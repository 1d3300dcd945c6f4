"""Stage 2 — quotes: find the spans of speech in the text.

Direct quotes are found by pairing quote marks. Each mark is read by its glyph
*and* its context (what stands on either side), the way a careful reader does:
``“`` normally opens, but closes after a German ``„``; a straight ``"`` opens
before a word and closes after one; ``’`` between letters is an apostrophe.
Marks are then paired with a stack, paragraph by paragraph, so that every mark
is looked at once (linear time, whatever the input). A paragraph that ends
inside a quote continues into the next one only when that paragraph opens with
a quote mark again — the news convention for a quote that runs over several
paragraphs.

Not every quoted string is speech: titles of works, nicknames and scare quotes
(``a “historic” deal``) are set aside here by their shape and context.

>>> from quotetrack.parser import Parser
>>> [q.text for q in Parser().parse('She called it “historic.” “We are ready,” he said.').quotes]
['We are ready,']
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

import regex

from .lexicon import Lexicon
from .model import Analysis, Candidate, QuoteKind, Span

if TYPE_CHECKING:
    from .parser import Context

__all__ = ["run", "find_direct_quotes"]


class _Family(Enum):
    """Marks of one family pair with each other."""

    DOUBLE = "double"  # “ ” " „ ‟ '' ``
    SINGLE = "single"  # ‘ ’ ' ‚ ‛
    GUILLEMET = "guillemet"  # « »
    SINGLE_GUILLEMET = "single_guillemet"  # ‹ ›
    CORNER = "corner"  # 「 」
    WHITE_CORNER = "white_corner"  # 『 』


# Two apostrophes or two backticks stand for a double mark in some archives.
_MARK = regex.compile(r"''|``|[\"“”„‟«»‘’'‚‛‹›「」『』]")
# Markup left in scraped text: quote marks inside tags are attribute delimiters.
_TAG = regex.compile(r"</?[A-Za-z][^<>\n]{0,1000}>")
# Elisions that begin with an apostrophe: ’n’, ’em, ’90s, ’tis ...
_ELISION = regex.compile(r"(?:n['’]|em\b|tis\b|twas\b|til\b|cause\b|bout\b|round\b|\d\d?s?\b)", regex.IGNORECASE)

_OPEN_ONLY = {"“": _Family.DOUBLE, "„": _Family.DOUBLE, "‟": _Family.DOUBLE, "``": _Family.DOUBLE,
              "‘": _Family.SINGLE, "‚": _Family.SINGLE, "‛": _Family.SINGLE,
              "«": _Family.GUILLEMET, "‹": _Family.SINGLE_GUILLEMET, "「": _Family.CORNER, "『": _Family.WHITE_CORNER}
_CLOSE_ONLY = {"”": _Family.DOUBLE, "’": _Family.SINGLE, "»": _Family.GUILLEMET, "›": _Family.SINGLE_GUILLEMET,
               "」": _Family.CORNER, "』": _Family.WHITE_CORNER}
_EITHER = {'"': _Family.DOUBLE, "''": _Family.DOUBLE, "'": _Family.SINGLE}
# Glyphs that also close in other typographic traditions (German „…“ and ‚…‘).
_ALSO_CLOSES = {"“", "‘"}
_AFTER_CLOSING = ".,;:!?)]}%…"
_CLOSING_PUNCT = ".,;:!?)]}…—–-/\u2014"


@dataclass
class _Mark:
    start: int
    end: int
    glyph: str
    family: _Family
    can_open: bool
    can_close: bool
    # A closing single mark that may be a plural possessive instead (the students’ union).
    weak: bool = False


@dataclass
class _Pair:
    opening: _Mark
    closing: _Mark


def run(analysis: Analysis, context: Context) -> None:
    """Add a candidate for every direct quote in the document."""
    text = analysis.text
    pairs = find_direct_quotes(text, analysis.paragraphs, single_quotes=context.config.single_quotes)
    sentence_starts = [s.start for s in analysis.sentences]
    found: list[tuple[Candidate, _Frame | None]] = []
    for index, pair in enumerate(pairs):
        candidate = _direct_candidate(analysis, pair, sentence_starts)
        if candidate is None:
            continue
        previous = pairs[index - 1] if index else None
        following = pairs[index + 1] if index + 1 < len(pairs) else None
        found.append((candidate, _frame_of(analysis, candidate, previous, following, context.lexicon)))
    _link_split_quotes(found, text)
    found = [(c, frame) for c, frame in found if c.evidence == "split" or _is_speech(text, c, frame)]
    for candidate, frame in found:
        if candidate.evidence != "split":
            _apply_frame(candidate, frame)
    analysis.candidates.extend(candidate for candidate, _ in found)


def find_direct_quotes(text: str, paragraphs: list[Span], *, single_quotes: str = "auto") -> list[_Pair]:
    """The outermost matched pairs of quote marks, paragraph by paragraph.

    ``single_quotes`` is :attr:`Config.single_quotes <quotetrack.Config.single_quotes>`.
    """
    singles_at_top_level = _single_quotes_at_top_level(text, single_quotes)
    marks = _marks(text)
    by_paragraph = _group_by_paragraph(marks, paragraphs)
    pairs: list[_Pair] = []
    carried: _Mark | None = None
    for index, paragraph_marks in enumerate(by_paragraph):
        if carried is not None and not _continues(carried, paragraph_marks, text, paragraphs[index],
                                                  paragraphs[index - 1]):
            carried = None
        if carried is not None:
            paragraph_marks = paragraph_marks[1:]  # the re-opening mark of a continued quote
        # Single marks also quote in a paragraph that has no double ones (US headlines: CEO: ‘You…’).
        singles = singles_at_top_level or (single_quotes == "auto" and _opens_with_single(paragraph_marks))
        found, carried = _pair_marks(paragraph_marks, carried, singles)
        pairs.extend(found)
    return _outermost(pairs)


def _marks(text: str) -> list[_Mark]:
    inside_tags = [(m.start(), m.end()) for m in _TAG.finditer(text)] if "<" in text else []
    tag_starts = [start for start, _ in inside_tags]
    marks: list[_Mark] = []
    for match in _MARK.finditer(text):
        start, end = match.span()
        if inside_tags and _inside(start, inside_tags, tag_starts):
            continue
        mark = _classify(text, start, end, match.group())
        if mark is not None:
            marks.append(mark)
    return marks


def _inside(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    index = bisect_right(starts, position) - 1
    return index >= 0 and position < spans[index][1]


def _classify(text: str, start: int, end: int, glyph: str) -> _Mark | None:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    # Anything but a word or a closing punctuation mark may stand before an opening mark:
    # spaces, brackets, dashes, other quote marks, invisible direction marks (U+200F) ...
    opens_by_context = not after.isspace() and not before.isalnum() and before not in _AFTER_CLOSING
    closes_by_context = not after.isalnum() and (
        not before.isspace() or (start > 1 and _is_quote_glyph(text[start - 2]) and not after.strip())
    )
    if glyph in ("'", "’", "‘") and _is_apostrophe(text, start, end, before, after):
        return None
    if glyph in _OPEN_ONLY:
        family = _OPEN_ONLY[glyph]
        # “ and ‘ close German quotes, and stray ones close after a word (`False.“`).
        can_close = glyph in _ALSO_CLOSES and closes_by_context
        can_open = not (after.isspace() and (before.isalnum() or before in _CLOSING_PUNCT))
        return _Mark(start, end, glyph, family, can_open=can_open, can_close=can_close)
    if glyph in _CLOSE_ONLY:
        family = _CLOSE_ONLY[glyph]
        # ” also opens in Nordic text and in sloppy copy (`\n”Mr. Trump ...`).
        can_open = opens_by_context and not closes_by_context and glyph in ("”", "»", "’")
        can_close = not (before.isspace() and after.isalnum())
        return _Mark(start, end, glyph, family, can_open=can_open, can_close=can_close,
                     weak=_looks_possessive(text, start, before, after))
    family = _EITHER[glyph]
    if not (opens_by_context or closes_by_context):
        return None
    return _Mark(start, end, glyph, family, can_open=opens_by_context, can_close=closes_by_context,
                 weak=_looks_possessive(text, start, before, after))


def _is_quote_glyph(char: str) -> bool:
    return char in "\"“”„‟«»‘’'‚‛‹›「」『』"


def _is_apostrophe(text: str, start: int, end: int, before: str, after: str) -> bool:
    if end - start != 1:
        return False
    if before.isalnum() and after.isalnum():
        return True  # don't, Putin’s, O’Brien
    if before in "nN" and start >= 2 and text[start - 2] in "'’" and (start < 3 or not text[start - 3].isalnum()):
        return True  # the second mark of rock ’n’ roll
    if not before.isalnum() and _ELISION.match(text, end, min(len(text), end + 6)):
        # ’n’ in rock ’n’ roll, ’90s, ’em — but not ‘n’ at the start of a quote such as ‘no’.
        return not text[end : end + 2].casefold().startswith("no") or text[end : end + 2] == "n’"
    return False


def _opens_with_single(marks: list[_Mark]) -> bool:
    """The paragraph's first quote mark opens a single quote, or it has no double marks at all."""
    if all(m.family is _Family.SINGLE for m in marks):
        return True
    return marks[0].family is _Family.SINGLE and marks[0].can_open


def _looks_possessive(text: str, start: int, before: str, after: str) -> bool:
    return before in "sS" and after == " " and start + 2 < len(text) and text[start + 2].islower()


def _group_by_paragraph(marks: list[_Mark], paragraphs: list[Span]) -> list[list[_Mark]]:
    groups: list[list[_Mark]] = [[] for _ in paragraphs]
    starts = [p.start for p in paragraphs]
    for mark in marks:
        index = bisect_right(starts, mark.start) - 1
        if index >= 0 and mark.end <= paragraphs[index].end:
            groups[index].append(mark)
    return groups


def _continues(carried: _Mark, marks: list[_Mark], text: str, paragraph: Span, previous: Span) -> bool:
    """Whether ``paragraph`` re-opens the quote left open by the ``previous`` one.

    The paragraph before must end like prose: a headline ("Coach Says “We Are
    Ready") never runs on into the article.
    """
    if not marks or marks[0].start != paragraph.start or marks[0].family is not carried.family:
        return False
    return marks[0].can_open and text[previous.end - 1] in ".?!…,;:—–-\"”'’»" and _opens_speech(text, carried)


def _opens_speech(text: str, opening: _Mark) -> bool:
    """The mark opens speech rather than standing after a word mid-sentence (the stray mark
    in 'approved the “new budget' does not run on into the next paragraph)."""
    position = opening.start
    while position > 0 and text[position - 1] in " \t\u00a0":
        position -= 1
    return position == 0 or not text[position - 1].isalnum()


def _pair_marks(
    marks: list[_Mark], carried: _Mark | None, singles_at_top_level: bool
) -> tuple[list[_Pair], _Mark | None]:
    """Pair the marks of one paragraph; return the pairs and the quote left open, if any."""
    stack: list[_Mark] = [carried] if carried is not None else []
    pairs: list[_Pair] = []
    last_closer = {m.family: i for i, m in enumerate(marks) if m.can_close}
    for index, mark in enumerate(marks):
        if mark.weak and last_closer.get(mark.family, -1) > index:
            continue  # a possessive: a later mark closes the quote
        match = _open_match(stack, mark)
        if match is not None:
            opening = stack[match]
            del stack[match:]  # marks opened after it never closed
            pairs.append(_Pair(opening, mark))
        elif mark.can_open and (singles_at_top_level or mark.family is not _Family.SINGLE or _nested(stack)):
            _push(stack, mark)
    if stack and (stack[0].family is not _Family.SINGLE or singles_at_top_level):
        return pairs, stack[0]
    return pairs, None


def _open_match(stack: list[_Mark], mark: _Mark) -> int | None:
    """Index in ``stack`` of the opening mark that ``mark`` closes, if it closes one."""
    if not mark.can_close:
        return None
    # A mark that could open as well closes only a quote that is open and could end here.
    for index in range(len(stack) - 1, max(-1, len(stack) - 4), -1):
        if stack[index].family is mark.family and _closes(stack[index], mark):
            return index
    return None


def _closes(opening: _Mark, closing: _Mark) -> bool:
    if closing.glyph == "“" and opening.glyph not in ("„", "“", '"'):
        return False
    if closing.glyph == "‘" and opening.glyph not in ("‚",):
        return False
    return opening.glyph != "„" or closing.glyph in ("“", "”", '"')


def _push(stack: list[_Mark], mark: _Mark) -> None:
    # Two opening marks of the same glyph in a row (no nesting style does that)
    # mean the first one never closed: forget it.
    if stack and stack[-1].glyph == mark.glyph:
        stack.pop()
    stack.append(mark)


def _nested(stack: list[_Mark]) -> bool:
    return any(m.family is not _Family.SINGLE for m in stack)


def _outermost(pairs: list[_Pair]) -> list[_Pair]:
    """Drop pairs that lie inside another pair: nested quotes stay in their quote."""
    pairs.sort(key=lambda p: (p.opening.start, -p.closing.end))
    outer: list[_Pair] = []
    for pair in pairs:
        if outer and pair.closing.end <= outer[-1].closing.end:
            continue
        outer.append(pair)
    return outer


def _single_quotes_at_top_level(text: str, mode: str) -> bool:
    """Whether ‘…’ and '…' are the document's main quote style (British news)."""
    if mode != "auto":
        return mode == "always"
    doubles = text.count("“") + text.count('"') // 2 + text.count("«") + text.count("„")
    singles = text.count("‘") + len(_STRAIGHT_SINGLE_OPENING.findall(text))
    return singles > 0 and singles >= doubles


_STRAIGHT_SINGLE_OPENING = regex.compile(r"(?<![\w'])'(?=[A-Z])")


def _direct_candidate(analysis: Analysis, pair: _Pair, sentence_starts: list[int]) -> Candidate | None:
    start, end = pair.opening.end, pair.closing.start
    # Inner spaces of « … » and „ … “ belong to typography, not to the quote.
    while start < end and analysis.text[start].isspace():
        start += 1
    while end > start and analysis.text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    sentence = max(0, bisect_right(sentence_starts, pair.opening.start) - 1)
    return Candidate(
        span=Span(start, end),
        kind=QuoteKind.DIRECT,
        paragraph=analysis.sentence_paragraph[sentence] if analysis.sentence_paragraph else 0,
        sentence=sentence,
        outer=Span(pair.opening.start, pair.closing.end),
        group=pair.opening.start,
    )


# --- Cue frames: the reporting clause next to a direct quote -----------------

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-.][\p{L}\p{M}\p{N}]+)*|\S")
# Words that may stand between a speaker and the verb: "Peskov later said", "she has said".
_BETWEEN_SPEAKER_AND_CUE = frozenset(
    "also later then again once further had has have was were is are would will could did does do just "
    "only previously earlier repeatedly subsequently simply flatly quickly".split()
)
# Words that end the speaker in "“…,” said Peskov on Friday".
_AFTER_INVERTED_SPEAKER = frozenset(
    "on in at during after before while when who which as adding to from of and but with via in".split()
)
_DETERMINERS = frozenset("the a an his her its their our my your this that another one some several many".split())
_SHORT_TITLES = frozenset("mr mrs ms dr prof sen rep gov gen lt col capt st jr sr rev sgt maj adm".split())
_CLAUSE_BREAKS = frozenset(", ; — – ( ) and but then when while because after before".split())
_MAX_FRAME_TOKENS = 14


@dataclass(frozen=True)
class _Frame:
    """A reporting clause found next to a quote."""

    cue: Span
    speaker_slot: Span | None
    side: str  # "after", "inverted" or "before"
    colon: bool  # "Peskov said: “…”" — the strongest sign of a direct quote
    extent: Span  # the clause's words, for linking the parts of a split quote


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.casefold()


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


def _frame_of(analysis: Analysis, candidate: Candidate, previous: _Pair | None, following: _Pair | None,
              lexicon: Lexicon) -> _Frame | None:
    assert candidate.outer is not None
    paragraph = analysis.paragraphs[candidate.paragraph] if analysis.paragraphs else Span(0, len(analysis.text))
    after_end = min(paragraph.end, following.opening.start if following else paragraph.end, candidate.outer.end + 240)
    after = _frame_after(_tokens(analysis.text, candidate.outer.end, after_end), lexicon)
    if after is not None:
        return after
    sentence_start = analysis.sentences[candidate.sentence].start if analysis.sentences else paragraph.start
    before_start = max(sentence_start, paragraph.start, previous.closing.end if previous else 0)
    before_start = max(before_start, candidate.outer.start - 240)
    return _frame_before(_tokens(analysis.text, before_start, candidate.outer.start), lexicon)


def _frame_after(tokens: list[_Token], lexicon: Lexicon) -> _Frame | None:
    """“…,” Peskov said / “…,” said Peskov / “…,” Peskov, the spokesman, told reporters."""
    index = 1 if tokens and tokens[0].text in (",", "—", "–", "-") else 0
    if index < len(tokens) and lexicon.cue_lemma(tokens[index].text) is not None:
        return _inverted_frame(tokens, index)
    for cue_index in range(index, min(len(tokens), index + _MAX_FRAME_TOKENS)):
        token = tokens[cue_index]
        if token.text in (".", "!", "?", "“", "”", '"', ":", ";") and not _is_abbreviation_dot(tokens, cue_index):
            return None
        if cue_index > index and lexicon.cue_lemma(token.text) is not None:
            speaker = _trim_speaker(tokens[index:cue_index])
            if not _plausible_speaker(speaker, lexicon):
                return None
            return _Frame(Span(token.start, token.end), Span(speaker[0].start, speaker[-1].end), "after", False,
                          Span(tokens[0].start, token.end))
    return None


def _inverted_frame(tokens: list[_Token], cue_index: int) -> _Frame | None:
    cue = tokens[cue_index]
    speaker: list[_Token] = []
    for index in range(cue_index + 1, min(len(tokens), cue_index + 10)):
        token = tokens[index]
        if token.text == "." and _is_abbreviation_dot(tokens, index):
            speaker.append(token)
            continue
        if not token.text[0].isalnum() or token.lower in _AFTER_INVERTED_SPEAKER:
            break
        speaker.append(token)
    if not speaker or not (speaker[0].text[0].isupper() or speaker[0].lower in _DETERMINERS):
        return None
    return _Frame(Span(cue.start, cue.end), Span(speaker[0].start, speaker[-1].end), "inverted", False,
                  Span(tokens[0].start, speaker[-1].end))


def _frame_before(tokens: list[_Token], lexicon: Lexicon) -> _Frame | None:
    """Peskov said: “…” / He continued: “…” / Smith told reporters on Friday, “…”."""
    if not tokens:
        return None
    colon = tokens[-1].text == ":"
    gap_end = len(tokens) - 1 if tokens[-1].text in (":", ",") else len(tokens)
    for cue_index in range(gap_end - 1, max(-1, gap_end - 9), -1):
        if lexicon.cue_lemma(tokens[cue_index].text) is None:
            continue
        gap = tokens[cue_index + 1 : gap_end]
        if gap and gap_end == len(tokens):
            return None  # "said the deal was “historic”": a mixed quote, not a direct one
        speaker = _trim_speaker(_last_clause(tokens[:cue_index]))
        slot = Span(speaker[0].start, speaker[-1].end) if _plausible_speaker(speaker, lexicon) else None
        cue = tokens[cue_index]
        return _Frame(Span(cue.start, cue.end), slot, "before", colon, Span(tokens[0].start, tokens[-1].end))
    return None


def _last_clause(tokens: list[_Token]) -> list[_Token]:
    """The words after the last clause break, keeping an appositive ("Peskov, the spokesman,")."""
    end = len(tokens)
    if end and tokens[end - 1].text == ",":
        # "Peskov, the Kremlin spokesman, said": step over the appositive to the name.
        previous_comma = max((i for i in range(end - 1) if tokens[i].text == ","), default=-1)
        if previous_comma > 0:
            end = previous_comma
    start = max((i + 1 for i in range(end) if tokens[i].lower in _CLAUSE_BREAKS), default=0)
    return tokens[start:end]


def _trim_speaker(tokens: list[_Token]) -> list[_Token]:
    while tokens and (tokens[-1].lower in _BETWEEN_SPEAKER_AND_CUE or tokens[-1].lower.endswith("ly")
                      or tokens[-1].text == ","):
        tokens = tokens[:-1]
    if len(tokens) > 2 and tokens[-1].text != "," and any(t.text == "," for t in tokens):
        tokens = tokens[: next(i for i, t in enumerate(tokens) if t.text == ",")]
    return tokens


def _plausible_speaker(tokens: list[_Token], lexicon: Lexicon) -> bool:
    if not tokens or len(tokens) > 10:
        return False
    first = tokens[0]
    if len(tokens) == 1:
        return first.lower in lexicon.pronouns or first.text[0].isupper() or first.lower in lexicon.roles
    return first.text[0].isupper() or first.lower in _DETERMINERS or first.lower in lexicon.roles


def _is_abbreviation_dot(tokens: list[_Token], index: int) -> bool:
    if index == 0 or tokens[index].text != ".":
        return False
    word = tokens[index - 1]
    return word.lower in _SHORT_TITLES or (len(word.text) == 1 and word.text.isupper())


# --- Speech or not ------------------------------------------------------------

_SMALL_WORDS = frozenset("of the a an and or in on at to for with from by vs de la le".split())


def _is_speech(text: str, candidate: Candidate, frame: _Frame | None) -> bool:
    content = candidate.span.slice(text)
    words = [w for w in _WORD.findall(content) if w[0].isalnum()]
    if not words:
        return False
    if frame is not None:
        return frame.colon or len(words) < 2 or not _looks_like_title(words, content)
    if _looks_like_title(words, content) or _is_so_called(text, candidate):
        return False
    if _stands_alone(text, candidate) and len(words) >= 2:
        return True
    ending = content.rstrip(" \"'’”»)]")[-1:]
    if ending in ("?", "!") or (ending == "." and len(words) >= 2):
        return True  # a sentence quoted whole: "chanted “What curfew?”", "described as “an intentional act.”"
    return len(words) >= 6 and (ending in ",…" or words[0][0].isupper())


def _is_so_called(text: str, candidate: Candidate) -> bool:
    assert candidate.outer is not None
    before = text[max(0, candidate.outer.start - 12) : candidate.outer.start].casefold()
    return before.rstrip().endswith(("so-called", "so called", "dubbed", "nicknamed", "titled", "entitled"))


def _looks_like_title(words: list[str], content: str) -> bool:
    """“Meet the Press”, “The Steve Harvey Morning Show,”: every main word capitalised."""
    if len(words) > 10 or content.rstrip(",.").endswith(("?", "!")) or ". " in content:
        return False
    main = [w for w in words if w.casefold() not in _SMALL_WORDS]
    return len(main) >= 2 and all(w[0].isupper() or w[0].isdigit() for w in main)


def _stands_alone(text: str, candidate: Candidate) -> bool:
    """The quote opens its sentence (or follows a colon or dash): not a fragment inside one."""
    assert candidate.outer is not None
    position = candidate.outer.start
    while position > 0 and text[position - 1] in " \t\u00a0":
        position -= 1
    return position == 0 or text[position - 1] in "\n\r:—–.?!…" or _is_quote_glyph(text[position - 1])


def _apply_frame(candidate: Candidate, frame: _Frame | None) -> None:
    if frame is None:
        candidate.confidence = 0.6 if candidate.evidence != "fragment" else 0.4
        candidate.evidence = "unframed"
        return
    candidate.cue = frame.cue
    candidate.speaker_slot = frame.speaker_slot
    candidate.evidence = f"frame-{frame.side}"
    candidate.confidence = 0.9 if frame.speaker_slot is not None else 0.7


def _link_split_quotes(found: list[tuple[Candidate, _Frame | None]], text: str) -> None:
    """“A,” Peskov said. “B.” — the second part takes the first part's group, cue and speaker."""
    for (first, frame), (second, _) in zip(found, found[1:]):
        if frame is None or frame.side == "before" or first.paragraph != second.paragraph:
            continue
        if not _is_speech(text, first, frame):
            continue
        assert first.outer is not None and second.outer is not None
        before_clause = text[first.outer.end : frame.extent.start]
        after_clause = text[frame.extent.end : second.outer.start]
        if before_clause.strip(_CLAUSE_PUNCTUATION) or not _ends_reporting_clause(after_clause):
            continue
        second.group = first.group
        second.part = first.part + 1
        second.cue = frame.cue
        second.speaker_slot = frame.speaker_slot
        second.confidence = 0.9 if frame.speaker_slot is not None else 0.7
        second.evidence = "split"


_CLAUSE_PUNCTUATION = " \t\u00a0.,:;—–-"


def _ends_reporting_clause(gap: str) -> bool:
    """Only punctuation, or a few adjunct words ("on Friday.") that close the reporting clause."""
    words = _WORD.findall(gap)
    if not any(w[0].isalnum() for w in words):
        return True
    return len(words) <= 7 and gap.rstrip().endswith((".", ",", ":")) and not any(c in gap for c in "“”\"«»")
