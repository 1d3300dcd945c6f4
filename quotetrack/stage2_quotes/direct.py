"""Direct quotes: matched quote marks that hold speech, with the cue next to them.

Not every quoted string is speech: titles of works, nicknames and scare quotes
(``a “historic” deal``) are set aside here by their shape and context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Analysis, Candidate, QuoteKind, Span, _unchecked_span
from .frames import WORD, Frame, frame_of
from .marks import Pair, find_quote_pairs, is_quote_glyph

if TYPE_CHECKING:
    from ..parser import Context

__all__ = ["find_direct"]


def find_direct(analysis: Analysis, context: Context) -> None:
    """Add a candidate for every direct quote in the document."""
    text = analysis.text
    small_words = context.lexicon.word_set("title_small_words")
    pairs = find_quote_pairs(text, analysis.paragraphs, single_quotes=context.config.single_quotes)
    found: list[tuple[Candidate, Frame | None]] = []
    for index, pair in enumerate(pairs):
        candidate = _direct_candidate(analysis, pair)
        if candidate is None:
            continue
        previous = pairs[index - 1] if index else None
        following = pairs[index + 1] if index + 1 < len(pairs) else None
        found.append((candidate, frame_of(analysis, candidate, previous, following, context.lexicon)))
    # Linking split quotes changes neither the span nor the frame that this reads.
    speech = [_is_speech(text, candidate, frame, small_words) for candidate, frame in found]
    _link_split_quotes(found, speech, text)
    for (candidate, frame), is_speech in zip(found, speech):
        if candidate.evidence == "split":
            analysis.candidates.append(candidate)
        elif is_speech:
            _apply_frame(candidate, frame)
            analysis.candidates.append(candidate)
        elif candidate.outer is not None:
            # Not speech by itself; reported speech around it may make it part of a mixed quote.
            analysis.fragments.append(candidate.outer)


def _direct_candidate(analysis: Analysis, pair: Pair) -> Candidate | None:
    start, end = pair.opening.end, pair.closing.start
    # Inner spaces of « … » and „ … “ belong to typography, not to the quote.
    while start < end and analysis.text[start].isspace():
        start += 1
    while end > start and analysis.text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    sentence = analysis.sentence_at(pair.opening.start)
    return Candidate(
        span=_unchecked_span(start, end),
        kind=QuoteKind.DIRECT,
        paragraph=analysis.sentence_paragraph[sentence] if analysis.sentence_paragraph else 0,
        sentence=sentence,
        outer=_unchecked_span(pair.opening.start, pair.closing.end),
        group=pair.opening.start,
    )


def _is_speech(text: str, candidate: Candidate, frame: Frame | None, small_words: frozenset[str]) -> bool:
    content = candidate.span.slice(text)
    words = _leading_words(text, candidate.span)
    if not words:
        return False
    if frame is not None and frame.side == "before-bare" and len(words) < 4:
        return False  # 'said the defendant had shown “no remorse.”': part of a mixed quote
    if frame is not None:
        return frame.colon or len(words) < 2 or not _looks_like_title(words, content, small_words)
    if _looks_like_title(words, content, small_words) or _is_so_called(text, candidate):
        return False
    if _stands_alone(text, candidate) and len(words) >= 2:
        return True
    ending = content.rstrip(" \"'’”»)]")[-1:]
    if ending in ("?", "!") and len(words) >= 2:
        return True  # a question or exclamation quoted whole: "chanted “What curfew?”"
    # A long quote is a sentence of its own; a short one mid-sentence is a fragment
    # ("called the plan “a disgrace.”"), left for a mixed quote.
    return len(words) >= 6 and (ending in ",…" or words[0][0].isupper() or _follows_comma(text, candidate))


# _is_speech reads no further than the eleventh word: more than ten words make no title.
_WORDS_READ = 11


def _leading_words(text: str, span: Span) -> list[str]:
    """The first words of the quote at ``span``, ``_WORDS_READ`` of them at most: the tokens
    of :data:`~.frames.WORD` that start with a letter or a digit.

    The quote is read chunk by chunk between spaces, the first chunks only. A chunk of
    letters and digits only is one word (str.isalnum() accepts no character that WORD
    leaves out of words), and so is such a chunk between marks of ``_EDGE_MARKS``
    ("ready,”"), which are tokens of their own; only the other chunks go through the
    pattern, which costs more than the rest of the test.

    >>> _leading_words("“We’ll win — 3-0,” she said.", Span(1, 17))
    ['We’ll', 'win', '3-0']
    """
    words: list[str] = []
    # A chunk holds a word or more, or none ("—"): the first _WORDS_READ chunks, then the next.
    chunks = text[span.start : span.end].split(None, _WORDS_READ)
    while True:
        for chunk in chunks[:_WORDS_READ]:
            core = chunk.strip(_EDGE_MARKS)
            if core.isalnum():
                words.append(core)
            elif core:
                words.extend(word for word in WORD.findall(core) if word[0].isalnum())
            if len(words) >= _WORDS_READ:
                return words[:_WORDS_READ]
        if len(chunks) <= _WORDS_READ:
            return words
        chunks = chunks[_WORDS_READ].split(None, _WORDS_READ)


# Marks that are neither letters, digits nor combining marks: WORD reads each as a token of
# its own at either end of a chunk, and none starts a word.
_EDGE_MARKS = ",.;:!?()[]{}\"'“”‘’«»—–-…"


def _follows_comma(text: str, candidate: Candidate) -> bool:
    """', “but a lot of people…”': the second part of a quote split by its cue."""
    assert candidate.outer is not None
    return text[max(0, candidate.outer.start - 3) : candidate.outer.start].rstrip().endswith((",", ":"))


def _is_so_called(text: str, candidate: Candidate) -> bool:
    assert candidate.outer is not None
    before = text[max(0, candidate.outer.start - 12) : candidate.outer.start].casefold()
    return before.rstrip().endswith(("so-called", "so called", "dubbed", "nicknamed", "titled", "entitled"))


def _looks_like_title(words: list[str], content: str, small_words: frozenset[str]) -> bool:
    """“Meet the Press”, “The Steve Harvey Morning Show,”: every main word capitalised."""
    if len(words) > 10 or content.rstrip(",.").endswith(("?", "!")) or ". " in content:
        return False
    main = [w for w in words if w.casefold() not in small_words]
    return len(words) >= 2 and bool(main) and all(w[0].isupper() or w[0].isdigit() for w in main)


def _stands_alone(text: str, candidate: Candidate) -> bool:
    """The quote opens its sentence (or follows a colon or dash): not a fragment inside one."""
    assert candidate.outer is not None
    position = candidate.outer.start
    while position > 0 and text[position - 1] in " \t\u00a0":
        position -= 1
    return position == 0 or text[position - 1] in "\n\r:—–.?!…" or is_quote_glyph(text[position - 1])


def _apply_frame(candidate: Candidate, frame: Frame | None) -> None:
    if frame is None:
        candidate.confidence = 0.6 if candidate.evidence != "fragment" else 0.4
        candidate.evidence = "unframed"
        return
    candidate.cue = frame.cue
    candidate.speaker_slot = frame.speaker_slot
    candidate.evidence = f"frame-{frame.side}"
    candidate.confidence = 0.9 if frame.speaker_slot is not None else 0.7
    if frame.side == "before-lead":
        candidate.confidence = 0.7  # the lead sentence has no reporting verb: a likely, not a sure, speaker


def _link_split_quotes(found: list[tuple[Candidate, Frame | None]], speech: list[bool], text: str) -> None:
    """“A,” Peskov said. “B.” — the second part takes the first part's group, cue and speaker.

    ``speech[i]`` tells whether the quote of ``found[i]`` is speech by itself.
    """
    for (first, frame), (second, own_frame), first_is_speech in zip(found, found[1:], speech):
        if frame is None or frame.side.startswith("before") or first.paragraph != second.paragraph:
            continue
        if own_frame is not None and own_frame.speaker_slot is not None and own_frame.cue != frame.cue:
            continue  # “A,” Lopez said. “B,” Hughes said. — two quotes, two speakers
        if not first_is_speech:
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
    words = [w for w in WORD.findall(gap) if w[0].isalnum()]
    if not words:
        return True
    return len(words) <= 8 and gap.rstrip().endswith((".", ",", ":")) and not any(c in gap for c in "“”\"«»")
