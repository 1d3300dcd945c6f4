"""Stage 4 — coreference: mentions grouped into entities (people and organisations).

Rules, in the order they run, each linear in the number of mentions:

1. **Names.** Each name mention is read into a personal name and what stands
   before it: "Russia’s President Vladimir Putin" is *Vladimir Putin* with title
   *President* and country *Russia*; "Kremlin spokesman Dmitry Peskov" is *Dmitry
   Peskov*, role *spokesman*, affiliation *Kremlin*. A full name joins the entity
   of the same full name; a bare surname ("Putin", "Mr Putin") joins the most
   recently named entity with that surname, or names an entity of its own,
   which a full name seen later completes (the text may name someone fully
   only after calling them "Peskov"). Different first names never merge.
2. **Organisations** join by name ("the White House" = "White House").
3. **Descriptions** ("the Ukrainian leader", "his spokesman", "the company")
   join the one entity in the document that fits their role, country or
   affiliation — before or after them in the text. When no single entity fits,
   the description stays an entity of its own, of unknown kind.
4. **Pronouns** join the first compatible entity in their sentence, else in
   the sentences before (the Hobbs order), agreeing in gender and number; an
   unresolved pronoun names no one.

>>> from quotetrack.parser import Parser
>>> doc = Parser().parse("Russian President Vladimir Putin met Kremlin spokesman Dmitry Peskov. "
...                      "Peskov said the talks had failed.")
>>> [(q.text, q.speaker.name) for q in doc.quotes]
[('the talks had failed', 'Dmitry Peskov')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice, repeat
from operator import attrgetter, lt
from typing import TYPE_CHECKING, Any, TypeVar

import regex

from .lexicon import Lexicon
from .model import Analysis, Mention, MentionKind, Span, SpeakerKind, _unchecked_speaker

if TYPE_CHECKING:
    from .parser import Context

__all__ = ["run", "parse_name_mention"]

_PRONOUN_WINDOW_SENTENCES = 3
# How many organisation mentions back "the company" looks for the organisation it means.
_RECENT_ORGANISATIONS = 200
_PRONOUN_WINDOW_MENTIONS = 40
# ", the Kremlin spokesman," right after a name: a description of that person.
_APPOSITIVE = regex.compile(r",\s+(?:the|a|an)\s+([^,.;:()\n]{1,60}),")
_APPOSITIVE_REACH = 80
# "the chief executive, Jo Baker": a comma and spaces (no line break) between a description and a name.
_APPOSITION_GAP = regex.compile(r",[ \t\u00a0]+")
# After the name, "and"/"or" or a second name make a list of people, not an apposition.
_LIST_GOES_ON = regex.compile(r",?[ \t\u00a0]+(?:(?:and|or)\b|&)|,[ \t\u00a0]*\p{Lu}")
_NAME_KINDS = (MentionKind.NAME, MentionKind.TITLE_NAME)
# Enum members read once: on Python 3.11 ``MentionKind.ROLE`` costs about ten times a global (EnumType's
# ``__getattr__`` hook keeps the interpreter from specialising the lookup), and the loops below read them per mention.
_ROLE, _PRONOUN, _ORGANISATION_MENTION = MentionKind.ROLE, MentionKind.PRONOUN, MentionKind.ORGANISATION
_PERSON, _ORGANISATION, _UNKNOWN = SpeakerKind.PERSON, SpeakerKind.ORGANISATION, SpeakerKind.UNKNOWN


@dataclass(slots=True)
class _Entity:
    """An entity while mentions are being gathered."""

    id: str
    kind: SpeakerKind
    name_tokens: tuple[str, ...] = ()
    org_name: str = ""
    description: str = ""
    title: str | None = None
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    gender: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    last_seen: int = -1
    # Set when a mention is linked after a later one (a description after the names): the
    # mentions then need sorting into text order when the entity is published.
    out_of_order: bool = False

    @property
    def surname(self) -> str:
        return self.name_tokens[-1] if self.name_tokens else ""

    def name(self) -> str:
        return " ".join(self.name_tokens) or self.org_name or self.description


@dataclass(frozen=True)
class NameParts:
    """What a name mention says: the personal name and the words before it."""

    name: tuple[str, ...]
    title: str | None = None
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    gender: str | None = None


_NO_PARTS = NameParts(name=())
# Entries of each per-lexicon cache below (about 3 MB when full); a full cache is emptied, so memory
# stays bounded on any stream, while the names and descriptions that recur stay in.
_CACHE_SIZE = 10_000


@dataclass(frozen=True, slots=True)  # slots: thousands are cached
class _NameReading:
    """What coreference needs of a name mention's words, worked out once per wording."""

    parts: NameParts
    bare: bool  # only a surname: "Putin", "Von der Leyen"
    surname_key: str  # the casefolded family name with its particles: "von der leyen"


def _name_reading(text: str, lexicon: Lexicon) -> _NameReading:
    """The reading of a name mention's words (kept per wording: see :func:`_cached`)."""
    parts = parse_name_mention(text, lexicon)
    return _NameReading(parts, _is_bare(parts.name, lexicon), _surname_key(parts.name, lexicon))


@dataclass(frozen=True, slots=True)  # slots: thousands are cached
class _Description:
    """What the words of a description say ("the Ukrainian leader": head "leader", country Ukraine)."""

    head: str  # the last word, casefolded
    country: str | None
    affiliation: str | None  # the first capitalised word inside that is no country
    owner_named: bool  # a capitalised word inside: "the Clinton campaign"
    plural: bool  # the head is a plural role: "the senators", "the spokesmen"
    person_key: tuple[str, str | None, str | None]  # (head, country, affiliation): what picks out one person


def _description_words(text: str, lexicon: Lexicon) -> _Description:
    """The reading of a description's words (kept per wording: see :func:`_cached`)."""
    words = text.split()
    head = words[-1].casefold()
    country = next((c for c in map(lexicon.country_of, words) if c), None)
    affiliation = next((w for w in words[1:-1] if w[0].isupper() and not lexicon.country_of(w)), None)
    return _Description(
        head=head,
        country=country,
        affiliation=affiliation,
        owner_named=any(w[0].isupper() for w in words[1:-1]),
        plural=_is_plural_role(head, lexicon),
        person_key=(head, country, affiliation),
    )


def _is_plural_role(head: str, lexicon: Lexicon) -> bool:
    if head.endswith("men"):
        return lexicon.is_role(head[:-3] + "man")  # spokesmen, congressmen
    return head.endswith("s") and lexicon.is_role(head[:-1]) and not lexicon.is_role(head[:-2])


_Reading = TypeVar("_Reading")


def _cached(cache: dict[str, _Reading], text: str, lexicon: Lexicon,
            read: Callable[[str, Lexicon], _Reading]) -> _Reading:
    """``read(text, lexicon)``, kept per wording in a per-lexicon ``cache`` (cleared when it
    holds :data:`_CACHE_SIZE`): names and descriptions recur ("Trump", "the company")."""
    found = cache.get(text)
    if found is None:
        if len(cache) > _CACHE_SIZE:
            cache.clear()
        found = cache[text] = read(text, lexicon)
    return found


def _new_cache(_: Lexicon) -> dict[str, Any]:
    return {}


def _surname_key(name: tuple[str, ...], lexicon: Lexicon) -> str:
    """The family name with its particles, casefolded: "von der leyen" of "Ursula von der Leyen"."""
    start = len(name) - 1
    while start > 0 and name[start - 1].casefold() in lexicon.name_particles:
        start -= 1
    return " ".join(name[start:]).casefold()


def _is_bare(name: tuple[str, ...], lexicon: Lexicon) -> bool:
    """Only a surname: "Putin", "Von der Leyen"."""
    if len(name) == 1:
        return True
    return all(word.casefold() in lexicon.name_particles for word in name[:-1])


class _PeopleBySurname:
    """Named people by surname key, with the latest mentioned one of each gender at hand,
    so that a bare surname finds its person in constant time however many share the name.

    While names are read, a person is mentioned last when linked, and only then can its
    gender change (from unknown to "m" or "f"). Each key keeps one stack of people per
    gender, pushed at each link; a person whose gender has changed since is stale on the
    unknown-gender stack and is dropped when it comes to the top.
    """

    def __init__(self) -> None:
        self._named: dict[str, list[_Entity]] = {}
        self._latest: dict[str, dict[str | None, list[_Entity]]] = {}

    def add(self, key: str, entity: _Entity) -> None:
        self._named.setdefault(key, []).append(entity)

    def named(self, key: str) -> list[_Entity]:
        """Everyone with this surname key, in the order they were first named."""
        return self._named.get(key, [])

    def seen(self, key: str, entity: _Entity) -> None:
        """``entity`` (named with ``key``) has just been linked to a mention."""
        stacks = self._latest.get(key)
        if stacks is None:
            self._latest[key] = {entity.gender: [entity]}
        elif (stack := stacks.get(entity.gender)) is None:
            stacks[entity.gender] = [entity]
        else:
            stack.append(entity)

    def latest(self, key: str, gender: str | None) -> _Entity | None:
        """The person with this surname key mentioned last whose gender fits ``gender``."""
        stacks = self._latest.get(key)
        if not stacks:
            return None
        # The tops of the stacks are different people (each on the stack of its gender), so
        # no two have been seen last at the same mention.
        latest = None
        for stack_gender in (stacks if gender is None else (None, gender)):
            top = _top(stacks, stack_gender)
            if top is not None and (latest is None or top.last_seen > latest.last_seen):
                latest = top
        return latest


def _top(stacks: dict[str | None, list[_Entity]], gender: str | None) -> _Entity | None:
    stack = stacks.get(gender)
    while stack and stack[-1].gender != gender:
        stack.pop()  # given a gender since it was pushed: it is on that gender's stack now
    return stack[-1] if stack else None


class _Resolver:
    """Builds the entities of one document (one instance per document)."""

    def __init__(self, analysis: Analysis, lexicon: Lexicon) -> None:
        self.analysis = analysis
        self.lexicon = lexicon
        # Word sets fetched once per document (data/function_words.tsv).
        self.leader_titles = lexicon.word_set("leader_titles")
        self.organisation_heads = lexicon.word_set("organisation_heads")
        self.title_roles = lexicon.memo("coreference.title_roles", _title_roles)
        self.pronouns = lexicon.pronouns
        # The per-lexicon caches of name and description readings, fetched once per document.
        self.name_readings: dict[str, _NameReading] = lexicon.memo("coreference_names", _new_cache)
        self.description_readings: dict[str, _Description] = lexicon.memo("coreference_descriptions", _new_cache)
        self.organisation_orders: list[int] = []
        self.organisation_mentions: list[_Entity] = []
        self.entities: list[_Entity] = []
        self.by_full_name: dict[tuple[str, ...], _Entity] = {}
        self.by_org: dict[str, _Entity] = {}
        self.of_mention: dict[int, _Entity] = {}  # mention start → entity
        self.people = _PeopleBySurname()
        self._role_index: dict[str, list[_Entity]] | None = None
        # What a description's words pick out among the named people, per (head, country, affiliation).
        self._described: dict[tuple[str, str | None, str | None], _Entity | None] = {}
        self._named_by_word: dict[str, list[int]] | None = None

    # --- names and organisations -------------------------------------------------

    def add_name(self, mention: Mention, order: int) -> None:
        reading = _cached(self.name_readings, mention.text, self.lexicon, _name_reading)
        if not reading.parts.name:
            return
        entity = self._entity_for_name(reading)
        self._absorb(entity, reading.parts)
        appositive = self._appositive_after(mention)
        if appositive is not _NO_PARTS:  # absorbing nothing twice changes nothing
            self._absorb(entity, appositive)
        self._link(entity, mention, order)
        self.people.seen(reading.surname_key, entity)

    def _appositive_after(self, mention: Mention) -> NameParts:
        """What "Dmitry Peskov, the Kremlin spokesman," says of the name: role, affiliation, country."""
        text, end = self.analysis.text, mention.span.end
        # Most names are followed by no comma: the regex is tried only where one stands.
        match = _APPOSITIVE.match(text, end, end + _APPOSITIVE_REACH) if text.startswith(",", end) else None
        if match is None:
            return _NO_PARTS
        words = match.group(1).split()
        role = words[-1] if words[-1][:1].islower() and self.lexicon.is_role(words[-1]) else None
        if role is None:
            return _NO_PARTS
        country = affiliation = None
        for word in words[:-1]:
            if (nation := self.lexicon.country_of(word)) is not None:
                country = nation
            elif word[:1].isupper():
                affiliation = f"{affiliation} {word}" if affiliation else word
        return NameParts(name=(), role=role, affiliation=affiliation, country=country)

    def _entity_for_name(self, reading: _NameReading) -> _Entity:
        name, gender = reading.parts.name, reading.parts.gender
        named = self.by_full_name.get(name)
        if named is not None:
            return named
        if reading.bare:
            latest = self.people.latest(reading.surname_key, gender)
            return latest if latest is not None else self._new_person(reading)
        # A full name completes an entity so far known only by its surname, if just one such exists.
        same_surname = self.people.named(reading.surname_key)
        if len(same_surname) == 1 and self._is_bare(same_surname[0].name_tokens):
            entity = same_surname[0]
            if _gender_fits(entity.gender, gender):
                del self.by_full_name[entity.name_tokens]
                entity.name_tokens = name
                self.by_full_name[name] = entity
                return entity
        return self._new_person(reading)

    def _is_bare(self, name: tuple[str, ...]) -> bool:
        return _is_bare(name, self.lexicon)

    def _new_person(self, reading: _NameReading) -> _Entity:
        entity = self._new(_PERSON)
        entity.name_tokens = reading.parts.name
        self.by_full_name[entity.name_tokens] = entity
        self.people.add(reading.surname_key, entity)
        return entity

    def _absorb(self, entity: _Entity, parts: NameParts) -> None:
        entity.title = entity.title or parts.title
        entity.role = entity.role or parts.role
        entity.affiliation = entity.affiliation or parts.affiliation
        entity.country = entity.country or parts.country
        if not entity.gender:  # a known gender stays; the first name is looked up only while it is unknown
            entity.gender = parts.gender or self._gender_of_first_name(entity.name_tokens)

    def _gender_of_first_name(self, name: tuple[str, ...]) -> str | None:
        if len(name) < 2:
            return None
        gender = self.lexicon.gender_of(name[0])
        return gender if gender in ("m", "f") else None

    def add_organisation(self, mention: Mention, order: int) -> None:
        name = _organisation_name(mention.text)
        key = name.casefold()  # the organisation key of the mention's words
        entity = self.by_org.get(key)
        if entity is None:
            entity = self._new(_ORGANISATION)
            entity.org_name = name
            self.by_org[key] = entity
        self._link(entity, mention, order)
        self.organisation_orders.append(order)  # names come in text order: the list stays sorted
        self.organisation_mentions.append(entity)

    # --- descriptions ------------------------------------------------------------

    def add_description(self, mention: Mention, order: int, following: Mention | None = None) -> None:
        entity = self._apposed_person(mention, following) or self._described_entity(mention, order)
        if entity is None:
            entity = self._new(_UNKNOWN)
            entity.description = mention.text
        self._link(entity, mention, order)

    def _apposed_person(self, mention: Mention, following: Mention | None) -> _Entity | None:
        """The person a description names in apposition: "the chief executive, Jo Baker, said",
        "said his deputy, Ana Ruiz." Not a list ("the mayor, Jo Baker and Tim Cole") and not
        an organisation or a group ("the company, Acme, said"; "the senators, Smith and Lee")."""
        if following is None or following.kind not in _NAME_KINDS:
            return None
        text = self.analysis.text
        if not _APPOSITION_GAP.fullmatch(text, mention.span.end, following.span.start):
            return None
        if _LIST_GOES_ON.match(text, following.span.end):
            return None
        words = _cached(self.description_readings, mention.text, self.lexicon, _description_words)
        if words.plural or words.head in self.organisation_heads:
            return None
        entity = self.of_mention.get(following.span.start)
        return entity if entity is not None and entity.kind is _PERSON else None

    def _described_entity(self, mention: Mention, order: int) -> _Entity | None:
        words = _cached(self.description_readings, mention.text, self.lexicon, _description_words)
        head = words.head
        if head in self.organisation_heads:
            # "the fund" is the International Monetary Fund when one is named; else the last organisation,
            # unless a name in the description says whose it is ("the Clinton campaign" is nobody else's).
            named = self._recent_organisation(order, head)
            if named is not None or words.owner_named:
                return named
            return self._recent_organisation(order)
        if words.plural:
            return None  # "the senators" are several people: none of them alone
        # The named people do not change while descriptions are resolved: one answer per wording.
        key = words.person_key
        if key not in self._described:
            self._described[key] = self._the_one_person(*key)
        return self._described[key]

    def _the_one_person(self, head: str, country: str | None, affiliation: str | None) -> _Entity | None:
        people = self._people_by_role().get(head, [])  # only people are indexed
        if country:
            people = _best_matches(people, lambda e: e.country, country)
        if affiliation:
            people = _best_matches(people, lambda e: e.affiliation, affiliation)
        return people[0] if len(people) == 1 else None

    def _people_by_role(self) -> dict[str, list[_Entity]]:
        """Named people indexed by each word of their role and title (built once, after the names)."""
        if self._role_index is None:
            self._role_index = {}
            # Only people are looked up, and only a role or a title gives them role words.
            people = (e for e in self.entities if e.kind is _PERSON and (e.role or e.title))
            for entity in people:
                for word in _role_words(entity, self.leader_titles, self.title_roles):
                    self._role_index.setdefault(word, []).append(entity)
        return self._role_index

    def _recent_organisation(self, order: int, head: str | None = None) -> _Entity | None:
        """The organisation named last before mention ``order`` (one whose name holds ``head``
        when given: "the fund" → "International Monetary Fund"). Only the last
        :data:`_RECENT_ORGANISATIONS` organisation mentions count, so that a document with many
        descriptions stays linear; the lists of mentions per head find the one in log time."""
        position = bisect_left(self.organisation_orders, order)
        last = position - 1
        if head is not None:
            named = self._mentions_named_by(head)
            found = bisect_left(named, position)
            last = named[found - 1] if found else -1
        if last < 0 or last < position - _RECENT_ORGANISATIONS:
            return None
        return self.organisation_mentions[last]

    def _mentions_named_by(self, head: str) -> list[int]:
        """Indices into ``organisation_mentions`` (in text order) of the organisations whose name
        holds the word ``head`` ("fund": "International Monetary Fund"), compared casefolded.
        The lists of every word are built on first use, once all names are read, in one pass
        over the organisation mentions."""
        if self._named_by_word is None:
            self._named_by_word = {}
            words_of: dict[int, Iterable[str]] = {}
            for index, entity in enumerate(self.organisation_mentions):
                if id(entity) not in words_of:
                    words_of[id(entity)] = dict.fromkeys(entity.org_name.casefold().split())
                for word in words_of[id(entity)]:
                    self._named_by_word.setdefault(word, []).append(index)
        return self._named_by_word.get(head, [])

    # --- pronouns ------------------------------------------------------------------

    def resolve_pronoun(self, mention: Mention, order: int, text_order: _TextOrder) -> None:
        pronoun = mention.text.casefold()
        agreement = self.pronouns.get(pronoun)
        if agreement is None or pronoun in ("i", "we", "you"):
            return
        of_mention = self.of_mention
        sentence = text_order.sentence_of(mention.span.start)
        for back in range(0, _PRONOUN_WINDOW_SENTENCES + 1):
            if sentence - back < 0:
                break
            for other in text_order.antecedent_window(sentence - back, order):
                entity = of_mention.get(other.span.start)
                if entity is not None and other.kind is not _PRONOUN and _agrees(entity, agreement):
                    if entity.gender is None and agreement in ("m", "f"):
                        entity.gender = agreement
                    self._link(entity, mention, order)
                    return

    # --- bookkeeping -------------------------------------------------------------

    def _new(self, kind: SpeakerKind) -> _Entity:
        entity = _Entity(f"E{len(self.entities)}", kind)
        self.entities.append(entity)
        return entity

    def _link(self, entity: _Entity, mention: Mention, order: int) -> None:
        entity.mentions.append(mention)
        if order > entity.last_seen:
            entity.last_seen = order
        else:
            entity.out_of_order = True
        self.of_mention[mention.span.start] = entity


def run(analysis: Analysis, context: Context) -> None:
    """Fill ``analysis.speakers`` with the document's entities and ``analysis.mention_speaker``."""
    resolver = _Resolver(analysis, context.lexicon)
    text_order = _TextOrder(analysis.mentions, analysis.sentences)
    mentions = text_order.mentions
    # Descriptions may point forward ("his spokesman" … "Kremlin spokesman Dmitry Peskov"),
    # so they are resolved once every name is known; pronouns follow the text.
    for order in _read_names(resolver, mentions):
        mention = mentions[order]
        if mention.kind is _ROLE:
            resolver.add_description(mention, order, mentions[order + 1] if order + 1 < len(mentions) else None)
        else:
            resolver.resolve_pronoun(mention, order, text_order)
    _publish(analysis, resolver.entities)


def _read_names(resolver: _Resolver, mentions: list[Mention]) -> list[int]:
    """Read the names and organisations (in text order), and give the orders of the descriptions
    and pronouns, which wait for every name."""
    later: list[int] = []
    for order, mention in enumerate(mentions):
        kind = mention.kind
        if kind in _NAME_KINDS:
            resolver.add_name(mention, order)
        elif kind is _ORGANISATION_MENTION:
            resolver.add_organisation(mention, order)
        elif kind is _ROLE or kind is _PRONOUN:
            later.append(order)
    return later


_start_of = attrgetter("span.start")
_span_of = attrgetter("span")


def _in_text_order(mentions: list[Mention]) -> list[Mention]:
    """The mentions sorted by start, one per span (the last given of each)."""
    # Keyed by (start, end), which hashes faster than Span and is equal where Spans are.
    unique = {(m.span.start, m.span.end): m for m in mentions}
    return sorted(unique.values(), key=_start_of)


class _TextOrder:
    """A document's mentions in text order, once each, and the sentence each stands in.

    A mention belongs to the last sentence that starts at or before it (the first sentence
    when none does, or when the document has no sentences).
    """

    def __init__(self, mentions: list[Mention], sentences: list[Span]) -> None:
        starts = list(map(_start_of, mentions))
        # Stage 3 gives the mentions sorted, without overlaps, so the starts usually rise already
        # (checked in C); otherwise they are sorted, one per span.
        if not all(map(lt, starts, islice(starts, 1, None))):
            mentions = _in_text_order(mentions)
            starts = list(map(_start_of, mentions))
        self.mentions = mentions
        self.starts = starts
        self.next_sentence_starts = [s.start for s in sentences[1:]]

    def sentence_of(self, position: int) -> int:
        return bisect_right(self.next_sentence_starts, position)

    def antecedent_window(self, sentence: int, order: int) -> list[Mention]:
        """The mentions of ``sentence`` that come before mention ``order``, at most the last
        :data:`_PRONOUN_WINDOW_MENTIONS` of them (so that a sentence that never ends costs linear time)."""
        # The mentions of a sentence are those from the first that starts at or after its start
        # to the first that starts at or after the next sentence's start.
        boundaries = self.next_sentence_starts
        first = bisect_left(self.starts, boundaries[sentence - 1]) if sentence else 0
        end = bisect_left(self.starts, boundaries[sentence]) if sentence < len(boundaries) else len(self.starts)
        # Conditionals, not min() and max(): these built-ins parse keywords on every call.
        if end > order:
            end = order
        start = end - _PRONOUN_WINDOW_MENTIONS
        return self.mentions[start if start > first else first : end]


def _publish(analysis: Analysis, entities: Iterable[_Entity]) -> None:
    speakers, mention_speaker = analysis.speakers, analysis.mention_speaker
    for entity in entities:
        mentions, entity_id = entity.mentions, entity.id
        if not mentions:
            continue
        name = entity.name()
        if len(mentions) == 1:  # most entities are named once: no sort, no set, no iterators
            only = mentions[0]
            aliases: tuple[str, ...] = (only.text,) if only.kind is not _PRONOUN and only.text != name else ()
            in_order: tuple[Mention, ...] = (only,)
            mention_speaker[only.span] = entity_id
        else:
            aliases = _aliases(mentions, name)
            # Linked in text order (the mention orders only grew), the list needs no sort.
            in_order = tuple(sorted(mentions, key=_start_of)) if entity.out_of_order else tuple(mentions)
            mention_speaker.update(zip(map(_span_of, mentions), repeat(entity_id)))
        speakers[entity_id] = _unchecked_speaker(
            id=entity_id, name=name, kind=entity.kind, aliases=aliases, mentions=in_order,
            title=entity.title, role=entity.role, affiliation=entity.affiliation,
            country=entity.country, gender=entity.gender,
        )


def _aliases(mentions: list[Mention], name: str) -> tuple[str, ...]:
    """The other ways the mentions name the entity, in order, once each (pronouns aside)."""
    return tuple(dict.fromkeys(m.text for m in mentions if m.kind is not _PRONOUN and m.text != name))


def parse_name_mention(text: str, lexicon: Lexicon) -> NameParts:
    """Split a name mention into the personal name and what the words before it say.

    >>> from quotetrack.lexicon import default_lexicon
    >>> parts = parse_name_mention("Russia’s President Vladimir Putin", default_lexicon())
    >>> parts.name, parts.title, parts.country
    (('Vladimir', 'Putin'), 'President', 'Russia')
    >>> parts = parse_name_mention("Kremlin spokesman Dmitry Peskov", default_lexicon())
    >>> parts.name, parts.role, parts.affiliation
    (('Dmitry', 'Peskov'), 'spokesman', 'Kremlin')
    """
    words = text.split()
    start = _personal_name_start(words, lexicon)
    name = tuple(w.rstrip(",") for w in words[start:])
    title = role = affiliation = country = gender = None
    titles: list[str] = []
    affiliations: list[str] = []
    index = 0
    while index < start:
        bare = words[index].rstrip(".,")
        possessive = bare.endswith(("’s", "'s"))
        stem = bare[:-2] if possessive else bare
        title_end = _title_end(words, index, start, lexicon)
        honorific = lexicon.honorific_gender(stem)
        if honorific is not None:
            gender = honorific if honorific in ("m", "f") else gender
        elif title_end > index:
            titles.append(" ".join(w.rstrip(",") for w in words[index:title_end]))
            index = title_end
            continue
        elif (nation := lexicon.country_of(stem) or lexicon.country_of(words[index].rstrip(","))) is not None:
            country = nation
        elif stem[0].islower():
            role = (role + " " + stem) if role else stem
        else:
            affiliations.append(stem)
        index += 1
    title = " ".join(titles) if titles else None
    affiliation = " ".join(affiliations) if affiliations else None
    return NameParts(name=name, title=title, role=role, affiliation=affiliation, country=country, gender=gender)


def _title_end(words: list[str], start: int, limit: int, lexicon: Lexicon) -> int:
    """End of the longest capitalised title that begins at ``words[start]`` ("Prime Minister",
    "Secretary of State"); ``start`` when none does."""
    if not words[start][:1].isupper():
        return start
    for end in range(min(limit, start + 4), start, -1):
        if lexicon.is_title(" ".join(w.rstrip(",") for w in words[start:end])):
            return end
    return start


def _personal_name_start(words: list[str], lexicon: Lexicon) -> int:
    """Index of the first word of the personal name at the end of ``words``."""
    start = len(words) - 1
    while start > 0:
        word = words[start - 1].rstrip(".,")
        if word.casefold() in lexicon.name_particles:
            # "Ursula von der Leyen", "Mark van Bommel": particles belong to the name they stand in.
            first = start - 1
            while first > 0 and words[first - 1].casefold() in lexicon.name_particles:
                first -= 1
            if first == 0 or not words[first - 1][:1].isupper():
                return first if first == 0 else start
            start = first
            continue
        if not word[:1].isupper() or word.endswith(("’s", "'s")):
            break
        if word.casefold() in lexicon.titles or lexicon.country_of(word) or lexicon.honorific_gender(word):
            break
        if any(lexicon.is_title(" ".join(words[first:start])) for first in range(max(0, start - 4), start - 1)):
            break  # "Secretary of State John Kerry": the name starts after the title
        start -= 1
    return start


def _organisation_name(text: str) -> str:
    return text[4:] if text[:4].casefold() == "the " else text


def _gender_fits(known: str | None, wanted: str | None) -> bool:
    return known is None or wanted is None or known == wanted


def _role_words(entity: _Entity, leader_titles: frozenset[str],
                title_roles: Mapping[str, frozenset[str]]) -> set[str]:
    """The role heads an entity answers to: its role and title words (a short title also by the role it
    means: "Sen." is a senator), and "leader" for a head of state (one who holds a word of ``leader_titles``)."""
    held = {word.rstrip(".") for value in (entity.role, entity.title) if value for word in value.casefold().split()}
    for word in list(held):
        held |= title_roles.get(word, frozenset())
    if held & leader_titles:
        held.add("leader")
    return held


def _title_roles(lexicon: Lexicon) -> Mapping[str, frozenset[str]]:
    """Short title → the role nouns it means, from the ``title_means_<role>`` word sets."""
    roles: dict[str, set[str]] = {}
    for name, short_forms in lexicon.words.items():
        if name.startswith("title_means_"):
            for short in short_forms:
                roles.setdefault(short, set()).add(name.removeprefix("title_means_"))
    return {short: frozenset(nouns) for short, nouns in roles.items()}


def _best_matches(people: list[_Entity], attribute: Callable[[_Entity], str | None], wanted: str) -> list[_Entity]:
    """Those whose attribute is ``wanted``; failing that, those of whom it is not known ("the Vermont
    senator" may be "Sen. Bernie Sanders", whose state the text never gave), never one known to differ."""
    exact = [e for e in people if attribute(e) == wanted]
    return exact or [e for e in people if attribute(e) is None]


def _agrees(entity: _Entity, agreement: str) -> bool:
    if agreement in ("m", "f"):
        return entity.kind is _PERSON and entity.gender in (None, agreement)
    if agreement == "n":
        return entity.kind is _ORGANISATION
    if agreement == "p":
        return entity.kind in (_ORGANISATION, _UNKNOWN)
    return entity.kind is _PERSON
