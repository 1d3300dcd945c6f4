"""Stage 1 — segmentation: paragraphs, sentences and word tokens as character spans.

Every span indexes the caller's text and excludes leading and trailing
whitespace; blank lines give nothing.

**Paragraphs.** News puts one paragraph per line, whether the lines are separated
by ``"\\n"`` or by blank lines. Hard-wrapped prose (a novel from Project
Gutenberg, a plain-text e-mail) breaks its lines at a fixed width instead, and
there a paragraph is a block of lines between blank lines (a list item starts
one of its own). Which convention a document follows is decided once per
document from the lines that run straight into the next one: in wrapped prose
they stop mid-sentence (the next line goes on in lowercase) and where the next
word would not have fitted; in news they end paragraphs.

**Sentences.** A sentence ends at ``.``, ``?``, ``!`` or an ellipsis (with any
closing quote marks or brackets) followed by whitespace, unless what comes next
or what came before says otherwise: a lowercase word goes on the same sentence,
an abbreviation or an initial ends one only before a word that typically starts
sentences ("in the U.S. The next day"), a list number ("1.") opens one.

**Tokens.** Words keep their inner apostrophes and hyphens, numbers their
decimals, currency and unit; every other mark is a token of its own.

Each function scans the text with a few compiled patterns and looks at each
sentence-ending candidate once, so the time is linear in the length of the
text, whatever the input.

>>> text = "Mr. Smith arrived at 9 a.m. on Friday. “We won,” he said.\\nNext line"
>>> [s.slice(text) for s in sentence_spans(text, Span(0, 57), frozenset({"Mr.", "a.m."}))]
['Mr. Smith arrived at 9 a.m. on Friday.', '“We won,” he said.']
>>> [p.slice(text) for p in paragraph_spans(text)]
['Mr. Smith arrived at 9 a.m. on Friday. “We won,” he said.', 'Next line']
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from itertools import pairwise
from typing import TYPE_CHECKING

import regex

from .model import Analysis, Span, _unchecked_span

if TYPE_CHECKING:
    from .parser import Context

__all__ = ["paragraph_spans", "run", "sentence_spans", "token_spans"]


def run(analysis: Analysis, context: Context) -> None:
    """Fill in the paragraphs and sentences of ``analysis.text``."""
    text = analysis.text
    paragraphs = paragraph_spans(text)
    analysis.paragraphs = paragraphs
    analysis.sentences, analysis.sentence_paragraph = _sentences_of_paragraphs(
        text, paragraphs, context.lexicon.abbreviations
    )


def _sentences_of_paragraphs(
    text: str, paragraphs: list[Span], abbreviations: AbstractSet[str]
) -> tuple[list[Span], list[int]]:
    """The sentences of every paragraph, and the paragraph of each sentence.

    One search over the whole text finds the same candidates as one search per
    paragraph: candidate marks are never whitespace, so they lie inside a
    paragraph, and the one that ends a paragraph is the last of its paragraph
    either way.
    """
    sentences: list[Span] = []
    sentence_paragraph: list[int] = []
    candidates = _candidates(text)
    candidate = next(candidates, None)
    for index, paragraph in enumerate(paragraphs):
        sentence_start, end = paragraph.start, paragraph.end
        while candidate is not None and candidate.start() < end:
            next_start = candidate.end()  # the look-ahead for the next word starts where the match ends
            if next_start < end and _ends_sentence(text, candidate, sentence_start, abbreviations):
                sentences.append(_unchecked_span(sentence_start, candidate.end("close")))
                sentence_paragraph.append(index)
                sentence_start = next_start
            candidate = next(candidates, None)
        if sentence_start < end:
            sentences.append(_unchecked_span(sentence_start, end))
            sentence_paragraph.append(index)
    return sentences, sentence_paragraph


def _candidates(text: str) -> Iterator[regex.Match[str]]:
    """The matches of ``_CANDIDATE.finditer(text)``, found faster.

    A match starts only at the first mark of a run of sentence-ending marks (its look-behind)
    and ends before the next word, so no match holds the start of another run: the matches
    are the runs at whose start the pattern matches. str.find finds the marks, and the pattern
    then runs only there instead of reading the whole text.
    """
    starts: list[int] = []
    for mark in _TERMINATORS:
        start = text.find(mark)
        while start >= 0:
            starts.append(start)
            start = text.find(mark, start + 1)
    starts.sort()
    match = _CANDIDATE.match
    previous = -2
    for start in starts:
        if start != previous + 1:  # a mark right after another one continues its run
            found = match(text, start)
            if found is not None:
                yield found
        previous = start


# --- Paragraphs -------------------------------------------------------------------

# The line breaks of str.splitlines() that are also whitespace to `regex`.
_BREAK = r"\n\r\v\f\x85\u2028\u2029"
# A line with something on it: group 1 is the line without its outer whitespace.
# Only line starts can match (the look-behind), so blank runs are scanned once.
_LINE = regex.compile(rf"(?<![^{_BREAK}])[^\S{_BREAK}]*+(\S(?:[^{_BREAK}]*\S)?)")
# Two line breaks with only spaces between them; "\r\n" counts as one break.
_BLANK_LINE = regex.compile(rf"(?>\r\n|[{_BREAK}])[^\S{_BREAK}]*+(?>\r\n|[{_BREAK}])")
_FIRST_WORD = regex.compile(r"\S{1,40}+")
# A list item, which starts a paragraph of its own even inside hard-wrapped text.
# Capital letters are left out: "A. Lincoln" may start a wrapped line.
_BULLET = regex.compile(r"(?:[-*•‣◦▪▫–—]|\d{1,3}[.)]|[a-z][.)])\s")

# Hard wrapping is recognised only at widths that people wrap prose at.
_MIN_WRAP_WIDTH = 30
_MAX_WRAP_WIDTH = 130
# Shares of continuing lines that must run on into the next one, or have been
# full, for the text to count as wrapped (news scores near 0 on both counts,
# novels near 0.9; measured on PolNeAR with its blank lines removed and LitBank).
_RUN_ON_SHARE = 0.6
_SOME_RUN_ON_SHARE = 0.3
_FULL_SHARE = 0.7
_RUN_ON_ENDINGS = ",;-"
_MIN_CONTINUING_LINES = 2


def paragraph_spans(text: str) -> list[Span]:
    """The paragraphs of ``text``: one per line, or one per block of lines when
    the text is hard-wrapped prose.

    >>> text = "Headline\\r\\nFirst paragraph.\\r\\n\\r\\nSecond one."
    >>> [p.slice(text) for p in paragraph_spans(text)]
    ['Headline', 'First paragraph.', 'Second one.']
    """
    _check_text(text, "paragraph_spans")
    if not any(char in text for char in _SPLITLINES_ONLY_BREAKS):
        lines, after_blank = _split_lines(text)
    else:
        lines, after_blank = _searched_lines(text)
    if not lines:
        return []
    if not _looks_hard_wrapped(text, lines, after_blank):
        return [_unchecked_span(start, end) for _, start, end in lines]
    return _blocks(text, lines, after_blank)


# str.splitlines() breaks lines at \x1c-\x1e too, and str.strip() strips \x1f,
# where `regex` sees neither a break nor a space: texts holding them take the search.
_SPLITLINES_ONLY_BREAKS = "\x1c\x1d\x1e\x1f"


def _split_lines(text: str) -> tuple[list[tuple[int, int, int]], list[bool]]:
    """What :func:`_searched_lines` finds, from str.splitlines() (ten times faster than the
    search) for a text without the characters of ``_SPLITLINES_ONLY_BREAKS``."""
    lines: list[tuple[int, int, int]] = []
    after_blank: list[bool] = []
    line_start = 0
    blank_before = False
    for line in text.splitlines(True):
        content = line.lstrip()
        if content:
            lines.append((line_start, line_start + len(line) - len(content), line_start + len(line.rstrip())))
            after_blank.append(blank_before and len(lines) > 1)
            blank_before = False
        else:
            blank_before = True  # a line of only whitespace: the gap holds two line breaks
        line_start += len(line)
    return lines, after_blank


def _searched_lines(text: str) -> tuple[list[tuple[int, int, int]], list[bool]]:
    """The lines with something on them, as (line start, content start, content end), and
    whether a blank line comes before each."""
    lines = [(m.start(), m.start(1), m.end(1)) for m in _LINE.finditer(text)]
    # Most gaps are a single break character: no need to search those.
    after_blank = [False] + [b[1] - a[2] > 1 and _BLANK_LINE.search(text, a[2], b[1]) is not None
                             for a, b in pairwise(lines)]
    return lines, after_blank if lines else []


def _looks_hard_wrapped(text: str, lines: list[tuple[int, int, int]], after_blank: list[bool]) -> bool:
    """Whether the lines that run on into the next line were broken for width.

    In news every line ends a paragraph: it ends with a full stop (or is a
    headline) and the next line starts with a capital. A wrapped line ends
    mid-sentence, so the next line mostly goes on in lowercase, or the line ends
    with a comma. Greedy wrapping also leaves a trace of its own: the line stopped
    because the next word would have passed the width. Ragged editions (Moby
    Dick breaks at its commas) show the first trace only, so that one suffices
    when it is strong.
    """
    # Lines before a list item end where the item starts, not for width.
    continuing = [
        i for i in range(len(lines) - 1) if not after_blank[i + 1] and not _BULLET.match(text, lines[i + 1][1])
    ]
    if len(continuing) < _MIN_CONTINUING_LINES:
        return False
    widths = sorted(lines[i][2] - lines[i][0] for i in continuing)
    # A high percentile, not the maximum: one long line (a URL, a table) must not hide the wrap width.
    width = widths[(len(widths) - 1) * 9 // 10]
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return False
    full = runs_on = 0
    for i in continuing:
        line_start, _, line_end = lines[i]
        next_word = _FIRST_WORD.match(text, lines[i + 1][1])
        next_text = next_word.group() if next_word else ""
        if line_end - line_start + 1 + len(next_text) > width:
            full += 1
        if next_text.lstrip(_OPENERS)[:1].islower() or text[line_end - 1] in _RUN_ON_ENDINGS:
            runs_on += 1
    count = len(continuing)
    return runs_on >= _RUN_ON_SHARE * count or (runs_on >= _SOME_RUN_ON_SHARE * count and full >= _FULL_SHARE * count)


def _blocks(text: str, lines: list[tuple[int, int, int]], after_blank: list[bool]) -> list[Span]:
    """One paragraph per block of lines between blank lines (list items apart)."""
    paragraphs: list[Span] = []
    block_start = lines[0][1]
    for index in range(1, len(lines)):
        start = lines[index][1]
        if after_blank[index] or _BULLET.match(text, start):
            paragraphs.append(Span(block_start, lines[index - 1][2]))
            block_start = start
    paragraphs.append(Span(block_start, lines[-1][2]))
    return paragraphs


# --- Sentences --------------------------------------------------------------------

_TERMINATORS = ".!?…"
_CLOSERS = "”’\"'»›)]}"
_OPENERS = "“‘\"'«‹([{¿¡"
_DASHES = "-‐‑‒–—―"
# A run of sentence-ending marks, its closing marks, the whitespace after it,
# then a peek at the next word (not consumed: it may hold the next candidate).
# The look-behind makes a run match only from its first mark (so a long run is
# scanned once); every repeat is possessive or bounded.
_CANDIDATE = regex.compile(
    rf"""
    (?<![{_TERMINATORS}])
    (?P<term>[{_TERMINATORS}]++)
    (?P<close>[{regex.escape(_CLOSERS)}]{{0,8}}+)
    (?:\s++|\Z)
    (?=(?P<open>[{regex.escape(_OPENERS)}]{{0,8}}+)(?P<next>\w{{0,20}}+)(?P<dot>\.?))
    """,
    regex.VERBOSE,
)
# The word just before a mark, read backwards from it.
_WORD_BEFORE = regex.compile(r"\S{1,40}+", regex.REVERSE)
_WHITESPACE_RUN = regex.compile(r"\s*+")
_TRAILING_WHITESPACE = regex.compile(r"\s++\Z")
# Letters joined by dots: U.S, a.m, F.B.I, e.g (the final dot is the candidate's).
_DOTTED_LETTERS = regex.compile(r"[^\W\d_](?:\.[^\W\d_])+")
# What may number or letter a list item at the start of a sentence: "1.", "b.", "iv.".
_LIST_MARKER = regex.compile(r"\d{1,3}|[A-Za-z]|[ivxlc]{1,6}|[IVXLC]{1,6}")

# Abbreviations that stand before something (a name, an example, a number) and
# so never end a sentence, whatever follows.
_NEVER_FINAL = frozenset(
    (
        "Mr.", "Mrs.", "Ms.", "Mx.", "Messrs.", "Mme.", "Mlle.", "Prof.", "Gov.", "Govs.", "Sen.", "Sens.",
        "Rep.", "Reps.", "Gen.", "Gens.", "Lt.", "Col.", "Capt.", "Cmdr.", "Maj.", "Sgt.", "Adm.", "Pres.",
        "Supt.", "Insp.", "Det.", "Rev.", "Fr.", "Hon.", "Rt.", "Amb.", "Atty.", "Sec.", "Pvt.", "Cpl.",
        "Brig.", "e.g.", "i.e.", "vs.", "v.", "cf.", "approx.", "ca.",
    )
)
# Abbreviations that are abbreviations only before a number ("No. 10", but "No. It is not").
_BEFORE_NUMBERS = frozenset(
    (
        "No.", "Nos.", "Vol.", "Vols.", "pp.", "p.", "Fig.", "Figs.",
    )
)
# Capitalised words that commonly open a sentence and rarely follow an
# abbreviation inside one: after "U.S." or "Inc." they mark a sentence break.
# Not And/Or/For: title-case headlines join names with them ("The U.S. And Iran").
_SENTENCE_STARTERS = frozenset(
    (
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our",
        "My", "Your", "This", "That", "These", "Those", "There", "Here", "But", "So", "Yet", "In", "On", "At",
        "By", "From", "With", "Without", "After", "Before", "During", "Since", "While", "When", "Where",
        "What", "Why", "How", "Who", "Whom", "Whose", "Which", "If", "As", "Although", "Though", "Because",
        "However", "Meanwhile", "Moreover", "Also", "Still", "Then", "Now", "Some", "Many", "Most", "All",
        "Both", "Each", "Every", "No", "Not", "None", "Neither", "Other", "Another", "Such", "Last", "Next",
        "Earlier", "Later", "Today", "Yesterday", "Tomorrow", "Instead", "Indeed", "Yes", "Asked", "According",
        "Despite", "Under", "Among", "Until", "Unlike", "Once", "Only", "Even", "Officials", "Police",
        "Analysts", "Critics", "Experts", "Supporters",
    )
)


def sentence_spans(text: str, paragraph: Span, abbreviations: AbstractSet[str]) -> list[Span]:
    """The sentences of one paragraph, in order.

    ``abbreviations`` holds the abbreviations as written, with their full stop
    (``"Mr."``, ``"U.S."``); usually ``context.lexicon.abbreviations``.

    >>> text = 'Stocks rose 3.5% in the U.S. The Dow gained. “Why?” she asked. Sen. Jones agreed.'
    >>> [s.slice(text) for s in sentence_spans(text, Span(0, len(text)), frozenset({"U.S.", "Sen."}))]
    ['Stocks rose 3.5% in the U.S.', 'The Dow gained.', '“Why?” she asked.', 'Sen. Jones agreed.']
    """
    _check_paragraph(text, paragraph, "sentence_spans")
    if isinstance(abbreviations, str) or not isinstance(abbreviations, AbstractSet):
        raise TypeError(
            f"sentence_spans() takes the abbreviations as a set of str such as frozenset({{'Mr.'}}), "
            f"got {type(abbreviations).__name__}"
        )
    start, end = _trimmed(text, paragraph.start, paragraph.end)
    return _sentences(text, start, end, abbreviations)


def _sentences(text: str, start: int, end: int, abbreviations: AbstractSet[str]) -> list[Span]:
    """The sentences of ``text[start:end]``, which has no outer whitespace."""
    sentences: list[Span] = []
    sentence_start = start
    for candidate in _CANDIDATE.finditer(text, start, end):
        next_start = candidate.start("open")
        if next_start >= end:
            break
        if _ends_sentence(text, candidate, sentence_start, abbreviations):
            sentences.append(Span(sentence_start, candidate.end("close")))
            sentence_start = next_start
    if sentence_start < end:
        sentences.append(Span(sentence_start, end))
    return sentences


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    leading = _WHITESPACE_RUN.match(text, start, end)
    start = leading.end() if leading else start
    trailing = _TRAILING_WHITESPACE.search(text, start, end)
    return start, trailing.start() if trailing else end


def _ends_sentence(
    text: str, candidate: regex.Match[str], sentence_start: int, abbreviations: AbstractSet[str]
) -> bool:
    """Whether the marks of ``candidate`` end the sentence that began at ``sentence_start``."""
    position = candidate.start()
    terminators, close, _, next_word, dot = candidate.groups()
    if position == sentence_start or next_word[:1].islower():
        return False
    if not next_word and text[candidate.end()] in _DASHES:
        return False  # `“Why?” – she didn't say`: a dash carries the sentence on
    if terminators == ".":
        if close:
            return True  # `peace.” He said` / `(…Inc.) The` — the closing mark shows the stop is final
        return _full_stop_ends(text, position, sentence_start, next_word, dot, abbreviations)
    if "?" in terminators or "!" in terminators:
        return True
    return _ellipsis_ends(text, position, close, next_word)


def _ellipsis_ends(text: str, position: int, close: str, next_word: str) -> bool:
    """`He paused... Then he left` ends; `we want … Democratic groups` (an omission) does not."""
    if not next_word[:1].isupper():
        return False
    if close:
        return True
    attached = not text[position - 1].isspace()
    return attached or next_word in _SENTENCE_STARTERS


def _full_stop_ends(
    text: str, position: int, sentence_start: int, next_word: str, dot: str, abbreviations: AbstractSet[str]
) -> bool:
    before = _WORD_BEFORE.match(text, sentence_start, position)
    if before is None:
        return True
    word = before.group().lstrip(_OPENERS)
    if before.start() == sentence_start and _LIST_MARKER.fullmatch(word):
        return False  # "1. Item" — a list number, not a sentence
    abbreviation = word + "."
    if abbreviation in abbreviations:
        if abbreviation in _BEFORE_NUMBERS:
            return not next_word[:1].isdigit()
        if abbreviation in _NEVER_FINAL:
            return False
        return _starts_sentence(next_word, dot)
    if _is_initial(word) or ("." in word and _DOTTED_LETTERS.fullmatch(word)):
        return _starts_sentence(next_word, dot)
    return True


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _starts_sentence(next_word: str, dot_after: str) -> bool:
    """After an abbreviation, only a typical sentence opener starts a new sentence;
    a single letter with a dot ("J. A. Smith") is another initial."""
    return next_word in _SENTENCE_STARTERS and not (len(next_word) == 1 and dot_after)


# --- Tokens -------------------------------------------------------------------------

_INNER_JOINERS = "'’\\-‐‑"
_TOKEN = regex.compile(
    rf"""
    [$£€¥₹]?\d++(?:[.,:]\d++)*+(?:%|[^\W\d_]\w*+)?(?:[{_INNER_JOINERS}]\w++)*+   # 3.5%, $1.2bn, 1,000, 9-year-old
    | [^\W\d_](?:\.[^\W\d_])++(?!\w)\.?                                        # U.S., a.m., e.g.
    | \w++(?:[{_INNER_JOINERS}]\w++)*+                                         # don't, Putin’s, high-level
    | \.{{2,}}+ | -{{2,}}+                                                     # ... and -- as one mark
    | \S\p{{M}}*+                                                              # any other mark, with its accents
    """,
    regex.VERBOSE,
)


def token_spans(text: str, start: int, end: int) -> list[Span]:
    """The word tokens of ``text[start:end]``, as spans of ``text``.

    Dotted letters stay one token ("U.S.", "a.m."), but other abbreviations are
    a word and a full stop ("Mr", ".").

    >>> text = "O’Brien said: “Don't sell below $1.2bn — 3.5% of U.S. sales.”"
    >>> [s.slice(text) for s in token_spans(text, 0, len(text))]  # doctest: +NORMALIZE_WHITESPACE
    ['O’Brien', 'said', ':', '“', "Don't", 'sell', 'below', '$1.2bn', '—', '3.5%', 'of', 'U.S.', 'sales', '.', '”']
    """
    _check_text(text, "token_spans")
    if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(end, int):
        raise TypeError(f"token_spans() takes int offsets, got start={start!r}, end={end!r}")
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"token_spans() needs 0 <= start <= end <= len(text) = {len(text)}, got {start}, {end}")
    return [Span(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def _check_text(text: object, function: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{function}() takes the text as str, got {type(text).__name__}")


def _check_paragraph(text: str, paragraph: object, function: str) -> None:
    _check_text(text, function)
    if not isinstance(paragraph, Span):
        raise TypeError(f"{function}() takes the paragraph as a Span, got {type(paragraph).__name__}")
    if paragraph.end > len(text):
        raise ValueError(f"{function}() needs a paragraph inside the text (length {len(text)}), got {paragraph}")
