"""Quote marks: what each mark is, read from its glyph and its context, and how marks pair.

Each mark is read by its glyph *and* what stands on either side, the way a
careful reader does: ``“`` normally opens, but closes after a German ``„``; a
straight ``"`` opens before a word and closes after one; ``’`` between letters
is an apostrophe. Marks are then paired with a stack, paragraph by paragraph,
so that every mark is looked at once (linear time, whatever the input). A
paragraph that ends inside a quote continues into the next one only when that
paragraph opens with a quote mark again — the news convention for a quote
that runs over several paragraphs.

>>> from quotetrack.model import Span
>>> text = '“We are ready,” she said. He wasn’t.'
>>> [(p.opening.start, p.closing.start) for p in find_quote_pairs(text, [Span(0, len(text))])]
[(0, 14)]
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from enum import Enum

import regex

from ..model import Span

__all__ = ["Mark", "Pair", "find_quote_pairs", "is_quote_glyph"]


class _Family(Enum):
    """Marks of one family pair with each other."""

    DOUBLE = "double"  # “ ” " „ ‟ '' ``
    SINGLE = "single"  # ‘ ’ ' ‚ ‛
    GUILLEMET = "guillemet"  # « »
    SINGLE_GUILLEMET = "single_guillemet"  # ‹ ›
    CORNER = "corner"  # 「 」
    WHITE_CORNER = "white_corner"  # 『 』


# The characters of the glyphs that :func:`_glyphs` reads; two apostrophes or two
# backticks stand for a double mark in some archives.
_MARK_CHARS = "`\"“”„‟«»‘’'‚‛‹›「」『』"
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


@dataclass(slots=True)
class Mark:
    start: int
    end: int
    glyph: str
    family: _Family
    can_open: bool
    can_close: bool
    # A closing single mark that may be a plural possessive instead (the students’ union).
    weak: bool = False


@dataclass(slots=True)
class Pair:
    opening: Mark
    closing: Mark


def find_quote_pairs(text: str, paragraphs: list[Span], *, single_quotes: str = "auto") -> list[Pair]:
    """The outermost matched pairs of quote marks, paragraph by paragraph.

    ``single_quotes`` is :attr:`Config.single_quotes <quotetrack.Config.single_quotes>`.
    """
    singles_at_top_level = _single_quotes_at_top_level(text, single_quotes)
    marks = _marks(text)
    by_paragraph = _group_by_paragraph(marks, paragraphs)
    pairs: list[Pair] = []
    carried: Mark | None = None
    for index, paragraph_marks in enumerate(by_paragraph):
        if not paragraph_marks:
            carried = None  # a quote runs on only into a paragraph that opens with a quote mark
            continue
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


def _marks(text: str) -> list[Mark]:
    inside_tags = [(m.start(), m.end()) for m in _TAG.finditer(text)] if "<" in text else []
    tag_starts = [start for start, _ in inside_tags]
    marks: list[Mark] = []
    last = len(text) - 1
    for start, glyph in _glyphs(text):
        if glyph in "'’‘" and 0 < start < last and text[start - 1].isalnum() and text[start + 1].isalnum():
            continue  # don't, Putin’s: the commonest case of _is_apostrophe, settled before reading more
        if inside_tags and _inside(start, inside_tags, tag_starts):
            continue
        mark = _classify(text, start, start + len(glyph), glyph)
        if mark is not None:
            marks.append(mark)
    return marks


def _glyphs(text: str) -> list[tuple[int, str]]:
    """The start and glyph of every quote mark, in order. Two apostrophes or two
    backticks make one glyph (read left to right), a lone backtick none.

    The characters are found with str.find, which scans many times faster than a
    character class of `regex` does.

    >>> _glyphs("``Yes,'' he said: “Don't.”")
    [(0, '``'), (6, "''"), (18, '“'), (22, "'"), (25, '”')]
    """
    starts: list[int] = []
    for char in _MARK_CHARS:
        start = text.find(char)
        while start >= 0:
            starts.append(start)
            start = text.find(char, start + 1)
    starts.sort()
    glyphs: list[tuple[int, str]] = []
    taken_until = 0  # the second character of a two-character glyph is not a glyph of its own
    for start in starts:
        if start < taken_until:
            continue
        char = text[start]
        if char in "'`" and text[start + 1 : start + 2] == char:
            glyphs.append((start, char + char))
            taken_until = start + 2
        elif char != "`":
            glyphs.append((start, char))
    return glyphs


def _inside(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    index = bisect_right(starts, position) - 1
    return index >= 0 and position < spans[index][1]


def _classify(text: str, start: int, end: int, glyph: str) -> Mark | None:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    # First, as most marks are apostrophes and this settles them.
    if glyph in ("'", "’", "‘") and _is_apostrophe(text, start, end, before, after):
        return None
    # Anything but a word or a closing punctuation mark may stand before an opening mark:
    # spaces, brackets, dashes, other quote marks, invisible direction marks (U+200F) ...
    opens_by_context = not after.isspace() and not before.isalnum() and before not in _AFTER_CLOSING
    closes_by_context = not after.isalnum() and (
        not before.isspace() or (start > 1 and is_quote_glyph(text[start - 2]) and not after.strip())
    )
    if glyph in _OPEN_ONLY:
        family = _OPEN_ONLY[glyph]
        # “ and ‘ close German quotes, and stray ones close after a word (`False.“`).
        can_close = glyph in _ALSO_CLOSES and closes_by_context
        can_open = not (after.isspace() and (before.isalnum() or before in _CLOSING_PUNCT))
        return Mark(start, end, glyph, family, can_open=can_open, can_close=can_close)
    if glyph in _CLOSE_ONLY:
        family = _CLOSE_ONLY[glyph]
        # ” also opens in Nordic text and in sloppy copy (`\n”Mr. Trump ...`).
        can_open = opens_by_context and not closes_by_context and glyph in ("”", "»", "’")
        can_close = not (before.isspace() and after.isalnum())
        return Mark(start, end, glyph, family, can_open=can_open, can_close=can_close,
                     weak=_looks_possessive(text, start, before, after))
    family = _EITHER[glyph]
    if not (opens_by_context or closes_by_context):
        return None
    return Mark(start, end, glyph, family, can_open=opens_by_context, can_close=closes_by_context,
                 weak=_looks_possessive(text, start, before, after))


def is_quote_glyph(char: str) -> bool:
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


def _opens_with_single(marks: list[Mark]) -> bool:
    """The paragraph's first quote mark opens a single quote, or it has no double marks at all."""
    if all(m.family is _Family.SINGLE for m in marks):
        return True
    return marks[0].family is _Family.SINGLE and marks[0].can_open


def _looks_possessive(text: str, start: int, before: str, after: str) -> bool:
    return before in "sS" and after == " " and start + 2 < len(text) and text[start + 2].islower()


def _group_by_paragraph(marks: list[Mark], paragraphs: list[Span]) -> list[list[Mark]]:
    groups: list[list[Mark]] = [[] for _ in paragraphs]
    starts = [p.start for p in paragraphs]
    for mark in marks:
        index = bisect_right(starts, mark.start) - 1
        if index >= 0 and mark.end <= paragraphs[index].end:
            groups[index].append(mark)
    return groups


def _continues(carried: Mark, marks: list[Mark], text: str, paragraph: Span, previous: Span) -> bool:
    """Whether ``paragraph`` re-opens the quote left open by the ``previous`` one.

    The paragraph before must end like prose: a headline ("Coach Says “We Are
    Ready") never runs on into the article.
    """
    if not marks or marks[0].start != paragraph.start or marks[0].family is not carried.family:
        return False
    return marks[0].can_open and text[previous.end - 1] in ".?!…,;:—–-\"”'’»" and _opens_speech(text, carried)


def _opens_speech(text: str, opening: Mark) -> bool:
    """The mark opens speech rather than standing after a word mid-sentence (the stray mark
    in 'approved the “new budget' does not run on into the next paragraph)."""
    position = opening.start
    while position > 0 and text[position - 1] in " \t\u00a0":
        position -= 1
    return position == 0 or not text[position - 1].isalnum()


def _pair_marks(
    marks: list[Mark], carried: Mark | None, singles_at_top_level: bool
) -> tuple[list[Pair], Mark | None]:
    """Pair the marks of one paragraph; return the pairs and the quote left open, if any."""
    stack: list[Mark] = [carried] if carried is not None else []
    pairs: list[Pair] = []
    for mark in marks:
        if mark.weak:
            continue  # the students’ union: a possessive, not the end of a quote
        match = _open_match(stack, mark)
        if match is not None:
            opening = stack[match]
            del stack[match:]  # marks opened after it never closed
            pairs.append(Pair(opening, mark))
        elif mark.can_open and (singles_at_top_level or mark.family is not _Family.SINGLE or _nested(stack)):
            _push(stack, mark)
    if stack and (stack[0].family is not _Family.SINGLE or singles_at_top_level):
        return pairs, stack[0]
    return pairs, None


def _open_match(stack: list[Mark], mark: Mark) -> int | None:
    """Index in ``stack`` of the opening mark that ``mark`` closes, if it closes one."""
    if not mark.can_close:
        return None
    # A mark that could open as well closes only a quote that is open and could end here.
    for index in range(len(stack) - 1, max(-1, len(stack) - 4), -1):
        if stack[index].family is mark.family and _closes(stack[index], mark):
            return index
    return None


def _closes(opening: Mark, closing: Mark) -> bool:
    if closing.glyph == "“" and opening.glyph not in ("„", "“", '"'):
        return False
    if closing.glyph == "‘" and opening.glyph not in ("‚",):
        return False
    return opening.glyph != "„" or closing.glyph in ("“", "”", '"')


def _push(stack: list[Mark], mark: Mark) -> None:
    # Two opening marks of the same glyph in a row (no nesting style does that)
    # mean the first one never closed: forget it.
    if stack and stack[-1].glyph == mark.glyph:
        stack.pop()
    stack.append(mark)


def _nested(stack: list[Mark]) -> bool:
    return any(m.family is not _Family.SINGLE for m in stack)


def _outermost(pairs: list[Pair]) -> list[Pair]:
    """Drop pairs that lie inside another pair: nested quotes stay in their quote."""
    pairs.sort(key=lambda p: (p.opening.start, -p.closing.end))
    outer: list[Pair] = []
    for pair in pairs:
        if outer and pair.closing.end <= outer[-1].closing.end:
            continue
        outer.append(pair)
    return outer


def _single_quotes_at_top_level(text: str, mode: str) -> bool:
    """Whether ‘…’ and '…' are the document's main quote style (British news)."""
    if mode != "auto":
        return mode == "always"
    singles = text.count("‘") + len(_STRAIGHT_SINGLE_OPENING.findall(text))
    if not singles:
        return False  # most texts: no need to count the double marks
    doubles = text.count("“") + text.count('"') // 2 + text.count("«") + text.count("„")
    return singles >= doubles


_STRAIGHT_SINGLE_OPENING = regex.compile(r"(?<![\w'])'(?=[A-Z])")

