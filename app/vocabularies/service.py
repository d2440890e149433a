"""How a written value becomes its vocabulary's canonical value: case, spacing, `_` and `-`
and known aliases do not matter ("high desert" is "High Desert"). A value never seen is owed
to the vocabulary as `new`, unless the kind is restricted (RESTRICTED_VOCABULARIES), when it
is refused naming the allowed values, or it is spelled a small edit away from a known value
("High Dessert"), when it is refused with "did you mean" unless the caller says
`new_values=allow`. Filters naming an unknown region say so."""

import difflib
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.domain import VocabularyField
from app.errors import invalid
from app.vocabularies.models import VocabularyEntry, VocabularyKind
from app.vocabularies.models import key as key  # one rule for spellings, read from here too
from matching.lexicon import SECTORS, Entry, Lexicon

#: session.info keys: the kinds restricted for this session's writes (set per request from
#: the app's settings; else the process settings), and the vocabularies read so far.
RESTRICTED = "restricted_vocabularies"
#: session.info key: whether a value spelled like a known one may be written as new (the
#: caller said `new_values=allow`). Absent (the demo loader, the CLI): allowed.
NEW_VALUES = "new_values_allowed"
_CACHE = "vocabularies"
SHOWN = 30  # allowed values listed in an error, at most
#: Key, in this session's vocabularies read so far, of the lexicons made from them.
_LEXICONS = "lexicons"


def tidy(value: str) -> str:
    """A new value as it will be stored: trimmed, one space between words."""
    return " ".join(value.split())


@dataclass
class Lookup:
    """One kind's vocabulary: canonical value by the key of each of its spellings."""

    kind: str
    values: list[str] = field(default_factory=list)
    by_key: dict[str, str] = field(default_factory=dict)

    def canonical(self, value: str) -> str | None:
        return self.by_key.get(key(value))

    def near(self, value: str, n: int = 5) -> list[str]:
        """Known values spelled like `value`, closest first."""
        wanted = key(value)
        close = difflib.get_close_matches(wanted, list(self.by_key), n=n, cutoff=0.6)
        found = [self.by_key[k] for k in close]
        found += [self.by_key[k] for k in self.by_key if wanted and (wanted in k or k in wanted)]
        return list(dict.fromkeys(found))[:n]

    def typo_of(self, value: str) -> list[str]:
        """Known values (or values an alias of which is) a small edit away from `value`: one
        edit for a value of 4 to 7 letters, two from 8 on ("High Dessert" for High Desert)."""
        wanted = key(value)
        if len(wanted) < 4:
            return []
        most = 1 if len(wanted) < 8 else 2
        found = [v for k, v in self.by_key.items() if _edits(wanted, k, most) <= most]
        return list(dict.fromkeys(found))

    def allowed(self) -> str:
        shown = sorted(self.values, key=str.casefold)
        more = f" and {len(shown) - SHOWN} more" if len(shown) > SHOWN else ""
        return ", ".join(shown[:SHOWN]) + more if shown else "none yet"


def _edits(a: str, b: str, most: int) -> int:
    """Levenshtein distance between `a` and `b`, or `most + 1` once it is sure to exceed
    `most`."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > most:
            return most + 1
        previous = current
    return previous[-1]


def lookup(session: Session, kind: str) -> Lookup:
    """The vocabulary of `kind`, read once per session (until a vocabulary write)."""
    cache: MutableMapping[str, Lookup] = session.info.setdefault(_CACHE, {})
    if kind not in cache:
        found = Lookup(kind)
        rows = session.execute(
            select(VocabularyEntry.value, VocabularyEntry.aliases)
            .where(VocabularyEntry.kind == kind)
            .order_by(VocabularyEntry.id)
        )
        for value, aliases in rows:
            found.values.append(value)
            for spelling in (value, *(aliases or [])):
                found.by_key.setdefault(key(spelling), value)
        cache[kind] = found
    return cache[kind]


def forget(session: Session) -> None:
    """Drop what this session read of the vocabularies (one was just written)."""
    session.info.pop(_CACHE, None)


def restricted(session: Session) -> frozenset[str]:
    kinds = session.info.get(RESTRICTED)
    if kinds is None:
        kinds = get_settings().restricted_vocabularies
    return frozenset(kinds)


def canonical_values(
    session: Session,
    values: MutableMapping[str, object],
    fields: Sequence[VocabularyField],
    kept: Mapping[str, object] | None = None,
) -> list[tuple[str, str]]:
    """Put the vocabulary fields of a record about to be written in canonical form, in place
    (a list: item by item, repeats dropped). Answers the (kind, value) pairs never seen, owed
    to the vocabulary as `new`; a restricted kind refuses them instead (422 on the field), as
    does a value a small edit from a known one ("did you mean"), unless the record already
    holds it (`kept`: the stored record's fields; a write that leaves it as it is)."""
    owed: dict[tuple[str, str], None] = {}
    closed = restricted(session)
    new_allowed = session.info.get(NEW_VALUES, True)
    for spec in fields:
        given = values.get(spec.field)
        if given is None:
            continue
        held = (kept or {}).get(spec.field)
        already = set(held if isinstance(held, list) else [held]) if held else set()
        vocabulary = lookup(session, spec.kind)
        items = given if isinstance(given, list) else [given]
        out: dict[str, None] = {}
        seen_keys: set[str] = set()
        for item in items:
            if not isinstance(item, str) or key(item) in seen_keys:
                continue
            seen_keys.add(key(item))
            found = vocabulary.canonical(item)
            if found is None and item in already and spec.kind in closed:
                found = item  # stored before the vocabulary was closed: kept as it is
            elif found is None and item in already:
                found = tidy(item)  # stored before: not questioned again, owed as before
                owed[(spec.kind, found)] = None
            elif found is None:
                if spec.kind in closed:
                    raise invalid(
                        spec.field,
                        f"{item!r} is not a known {spec.kind}; the allowed values are: "
                        f"{vocabulary.allowed()}",
                    )
                near = [] if new_allowed else vocabulary.typo_of(item)
                if near:
                    raise invalid(
                        spec.field,
                        f"{item!r} is not a known {spec.kind}; did you mean "
                        f"{', '.join(near)}? (to add {item!r} as a new {spec.kind}, send "
                        "new_values=allow)",
                    )
                found = tidy(item)
                owed[(spec.kind, found)] = None
            out[found] = None
        values[spec.field] = list(out) if isinstance(given, list) else next(iter(out), None)
    return list(owed)


def known(session: Session, kind: str, value: str, field: str, location: str = "query") -> str:
    """The canonical form of a filter's value; 422 naming `field` when it is not a known
    value of `kind`, with the values spelled like it."""
    vocabulary = lookup(session, kind)
    found = vocabulary.canonical(value)
    if found is None:
        near = vocabulary.near(value)
        hint = (
            f"; did you mean {', '.join(near)}?"
            if near
            else f"; the known {kind}s are: {vocabulary.allowed()}"
        )
        raise invalid(field, f"{value!r} is not a known {kind}{hint}", location)
    return found


def filter_values(
    session: Session, fields: Iterable[VocabularyField], filters: MutableMapping[str, object]
) -> None:
    """A list's filters by column, in canonical form (in place): an unknown region is a 422,
    an unknown sector matches nothing, as any other value."""
    for spec in fields:
        value = filters.get(spec.field)
        if not isinstance(value, str):
            continue
        if spec.kind == VocabularyKind.region:
            filters[spec.field] = known(session, spec.kind, value, spec.kind)
        else:
            filters[spec.field] = lookup(session, spec.kind).canonical(value) or value


@dataclass(frozen=True)
class Lexicons:
    """The deployment's sectors and regions with their descriptions and terms, as a need
    typed in words is read with them."""

    sectors: Lexicon
    regions: Lexicon


def lexicons(session: Session) -> Lexicons:
    """The vocabularies as lexicons: each entry's description and terms, its aliases as terms
    too; the shipped sectors (`matching.lexicon.DEFAULT_SECTORS`) always, with the shipped
    description and terms unless a convener set others. Compiled once per distinct content
    (a vocabulary write makes a new one)."""
    cache: MutableMapping[str, Any] = session.info.setdefault(_CACHE, {})
    if _LEXICONS in cache:
        found: Lexicons = cache[_LEXICONS]
        return found
    rows = session.execute(
        select(VocabularyEntry.kind, VocabularyEntry.value, VocabularyEntry.aliases,
               VocabularyEntry.description, VocabularyEntry.terms)
        .order_by(VocabularyEntry.id)
    )  # fmt: skip
    # The shipped sectors are always known: a deployment's own entries add to them and
    # override their description and terms.
    sectors: dict[str, Entry] = {e.value: e for e in SECTORS.entries}
    regions: dict[str, Entry] = {}
    for kind, value, aliases, description, terms in rows:
        shipped = SECTORS.by_value.get(value) if kind == VocabularyKind.sector else None
        said = tuple(terms or ()) or (shipped.terms if shipped else ())
        entry = Entry(value, description or (shipped.description if shipped else ""),
                      tuple(dict.fromkeys((*(aliases or ()), *said))))  # fmt: skip
        (sectors if kind == VocabularyKind.sector else regions)[value] = entry
    made = Lexicons(_compiled(tuple(sectors.values())), _compiled(tuple(regions.values())))
    cache[_LEXICONS] = made
    return made


@lru_cache(maxsize=8)
def _compiled(entries: tuple[Entry, ...]) -> Lexicon:
    return Lexicon(entries)
