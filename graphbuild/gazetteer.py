"""The gazetteer: geopolitical actors known by name, and the index the extractor resolves with.

The data is ``graphbuild/data/gazetteer.jsonl``, one actor per line (format in
``DEVELOPERS.md``), plus any user files given with ``--gazetteer FILE``. A user entry
whose ``id`` is already known merges over the known one field by field (the fields it gives
replace the built-in ones, the others are kept); an entry with a new ``id`` is added.

Usage::

    >>> from datetime import date
    >>> gaz = Gazetteer.load()
    >>> gaz.lookup("Moscou")[0].id
    'russia'
    >>> gaz.adjective("américaines").id
    'united-states'
    >>> [p.id for p in gaz.holders("president", "united-states", date(2021, 6, 1))]
    ['joe-biden']

Matching compares :func:`normalise` keys: case, accents, apostrophe, hyphen and space
variants and a leading article (le, la, les, l', the) do not count. One exception keeps
pronouns and articles from matching: an alias written in capitals in the data (an acronym:
"US", "UN", "UE", "EI", "ONU") only matches text in the same capitals, or, from three
letters on, in title case ("Onu", "Otan"); see :func:`case_sensitive`.

This module imports neither spaCy nor rdflib.
"""
from __future__ import annotations

from functools import lru_cache

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

from graphbuild.errors import LexiconError

BUILTIN_PATH = Path(__file__).parent / "data" / "gazetteer.jsonl"

TYPES = frozenset({"State", "Organization", "Institution", "Person"})
ROLES = frozenset(
    {
        "president",
        "monarch",
        "supreme_leader",
        "prime_minister",
        "foreign_minister",
        "defence_minister",
        "leader",
    }
)
# Roles from which ``geo:leaderOf`` is derived (DEVELOPERS.md).
LEADER_ROLES = frozenset({"president", "monarch", "supreme_leader", "prime_minister", "leader"})
#: roles that outrank a president or premier of the same State when a text says « le dirigeant X »
PARAMOUNT_ROLES = frozenset({"supreme_leader", "leader"})
# Surface-form fields, in the order ``surface_forms`` yields them, and the kind each yields.
_FORM_KINDS = (("names", "name"), ("capitals", "capital"), ("metonyms", "metonym"), ("people", "people"))
_LANG_FIELDS = ("names", "adjectives", "people", "capitals", "metonyms")
_KNOWN_FIELDS = frozenset(
    {"id", "type", "label", "wikidata", "part_of", "state", "members", "roles", "from", "to", *_LANG_FIELDS}
)
_REQUIRED_NEW = ("id", "type", "label", "names")

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_LANG_RE = re.compile(r"^[a-z]{2,3}$")

_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032"), "'")
# Hyphens and dashes count as spaces: "Etats-Unis" = "Etats Unis", "Jean-Yves" = "Jean Yves".
_HYPHENS = {**dict.fromkeys(map(ord, "-\u2010\u2011\u2012\u2013\u2014\u2212"), " "), 0xAD: None}
# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i",
                               "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(?:(?:le|la|les|the) |l')(?=\S)")
_CASED_ARTICLE = re.compile(r"^(?:(?:le|la|les|the)\s+|l')(?=\S)", re.IGNORECASE)
_EMPTY: Mapping[str, tuple[str, ...]] = MappingProxyType({})


class GazetteerError(LexiconError):
    """A gazetteer file is malformed: ``str(err)`` is ``"<path>:<line>: <problem>"``.

    Args:
        path: the file.
        line: the 1-based line of the entry at fault (0 when the file itself is at fault).
        problem: what is wrong, in a few words.
    """

    def __init__(self, path: Path | str, line: int, problem: str):
        self.path = Path(path)
        self.line = line
        self.problem = problem
        super().__init__(f"{self.path}:{line}: {problem}")


@dataclass(frozen=True)
class Role:
    """One office a person held: ``role`` of the actor ``of`` from ``start`` to ``end``.

    ``end`` is the day the office passed to the successor (the interval is half open:
    the successor holds it on that day); ``None`` when still held, or unknown for ``start``.
    """

    role: str
    of: str
    start: date | None
    end: date | None

    def active_on(self, on: date) -> bool:
        """RETURNS (bool): whether the office was held on the day ``on``."""
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)

    @property
    def is_leadership(self) -> bool:
        """RETURNS (bool): whether this role yields ``geo:leaderOf``."""
        return self.role in LEADER_ROLES


@dataclass(frozen=True)
class Entry:
    """One actor of the gazetteer. Language maps are ``lang -> surface forms``."""

    id: str
    type: str
    label: str
    wikidata: str | None = None
    names: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)
    adjectives: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)
    people: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)
    capitals: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)
    metonyms: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)
    part_of: str | None = None
    state: str | None = None
    members: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    start: date | None = None         # a State or organisation: when it came into being ("from")
    end: date | None = None           # ... and the day it ceased to exist ("to"), None if it still does

    def exists_on(self, on: date) -> bool:
        """RETURNS (bool): whether a State or organisation existed on the day ``on``."""
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)

    def __hash__(self) -> int:
        # The language maps are read-only views, which do not hash; the id is unique.
        return hash(self.id)

    def forms(self, kind_field: str, lang: str | None = None) -> Iterator[str]:
        """Yield the surface forms of one language field (all languages when ``lang`` is None)."""
        langs = getattr(self, kind_field)
        for code, forms in langs.items():
            if lang is None or code == lang:
                yield from forms

    def last_active(self) -> date:
        """RETURNS (date): the latest day this person held any role (today for a current one)."""
        ends = [r.end or date.max for r in self.roles]
        return max(ends, default=date.min)

    def distance_to(self, on: date) -> int:
        """RETURNS (int): days between ``on`` and the nearest day this person held a role
        (0 when in office; a large number with no dated role)."""
        best = 10 ** 7
        for r in self.roles:
            if r.active_on(on):
                return 0
            if r.start is not None and on < r.start:
                best = min(best, (r.start - on).days)
            elif r.end is not None and on >= r.end:
                best = min(best, (on - r.end).days + 1)
        return best


#: spellings of one sound across transliterations (French, English): longest first
_SPELLINGS = (("sch", "sh"), ("tch", "ch"), ("dj", "j"), ("ou", "u"), ("oo", "u"), ("ch", "sh"), ("kh", "h"),
              ("ph", "f"), ("th", "t"), ("y", "i"), ("ï", "i"), ("w", "v"), ("q", "k"), ("c", "k"), ("z", "s"), ("e", "a"))


def spelling_key(name: str) -> str:
    """A key that two transliterations of one name share (« Choïgou »/"Shoigu",
    « Nétanyahou »/"Netanyahu", « Bachar »/"Bashar"): accents and hyphens dropped, common
    letter groups unified, vowels e/a merged, doubled letters collapsed."""
    text = normalise(name).replace("-", " ").replace("'", " ")
    for a, b in _SPELLINGS:
        text = text.replace(a, b)
    out = []
    for ch in text:
        if ch.isalpha() and not (out and out[-1] == ch):
            out.append(ch)
        elif ch == " " and out and out[-1] != " ":
            out.append(ch)
    return "".join(out).strip()


@lru_cache(maxsize=262_144)
def normalise(text: str) -> str:
    """Normalise a surface form for matching.

    Casefolds, strips accents, maps apostrophe variants to ``'``, hyphens and dashes to a
    space, collapses white space, and strips one leading article (le, la, les, l', the).

    >>> normalise("l’Élysée")
    'elysee'
    >>> normalise("Les  États-Unis")
    'etats unis'

    text (str): the surface text.
    RETURNS (str): the normalised key.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = stripped.translate(_APOSTROPHES).translate(_HYPHENS).casefold()
    key = _SPACES.sub(" ", key).strip()
    return _LEADING_ARTICLE.sub("", key, count=1)


def case_sensitive(form: str) -> bool:
    """Whether a data alias is an acronym whose case matters ("US", "UN", "ONU", "U.S.").

    form (str): an alias as written in the data.
    RETURNS (bool): True when the alias has two letters or more and all of them are capitals.
    """
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _case_ok(form: str, surface: str) -> bool:
    """Whether the text ``surface`` may match the case-sensitive alias ``form``."""
    if not case_sensitive(form):
        return True
    body = _CASED_ARTICLE.sub("", surface.strip().translate(_APOSTROPHES), count=1)
    if body == form:
        return True
    letters = [c for c in form if c.isalpha()]
    text_letters = [c for c in body if c.isalpha()]
    if [c.upper() for c in text_letters] != letters:
        return False
    # "Onu", "Otan": title case is accepted from three letters on.
    if len(letters) >= 3 and text_letters[0].isupper() and all(c.islower() for c in text_letters[1:]):
        return True
    return all(c.isupper() for c in text_letters)


class Gazetteer:
    """An index of the built-in actors and the user's own, by id and by surface form."""

    def __init__(self, entries: Iterable[Entry]):
        """Index ``entries`` (use :meth:`load` to read them from files)."""
        self._entries: dict[str, Entry] = {e.id: e for e in entries}
        # normalised key -> (form as written, entry id, kind, language)
        self._forms: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        self._adjectives: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # key -> (form, id, lang)
        self._holders: dict[tuple[str, str], list[tuple[Role, str]]] = defaultdict(list)
        self._spelling: dict[str, set[str]] | None = None   # built on first use
        for entry in self._entries.values():
            for kind_field, kind in _FORM_KINDS:
                for lang, forms in getattr(entry, kind_field).items():
                    for form in forms:
                        self._forms[normalise(form)].append((form, entry.id, kind, lang))
            for lang, forms in entry.adjectives.items():
                for form in forms:
                    self._adjectives[normalise(form)].append((form, entry.id, lang))
            for role in entry.roles:
                self._holders[(role.role, role.of)].append((role, entry.id))

    # -- loading ----------------------------------------------------------------------

    @classmethod
    def load(cls, extra: Iterable[Path | str] = ()) -> "Gazetteer":
        """Read the built-in gazetteer, then each user file in ``extra`` merged over it by id.

        extra (Iterable[Path]): user gazetteer files (``--gazetteer FILE``), in order.
        RETURNS (Gazetteer): the index.
        RAISES (GazetteerError): on the first malformed line, a duplicate id inside one file,
            or a reference (``of``, ``part_of``, ``state``, ``members``) to an unknown id.
        """
        raw: dict[str, dict] = {}
        where: dict[str, tuple[Path, int]] = {}
        for path in (BUILTIN_PATH, *map(Path, extra)):
            seen: set[str] = set()
            for line_no, record in _read_jsonl(path):
                ident = record.get("id")
                if not isinstance(ident, str) or not _ID_RE.match(ident):
                    raise GazetteerError(path, line_no, f"'id' must be a slug [a-z0-9-], got {ident!r}")
                if ident in seen:
                    raise GazetteerError(path, line_no, f"duplicate id {ident!r} in this file")
                seen.add(ident)
                if ident in raw:
                    merged = {**raw[ident], **record}
                else:
                    missing = [k for k in _REQUIRED_NEW if k not in record]
                    if missing:
                        raise GazetteerError(path, line_no, f"missing field(s) {', '.join(missing)}")
                    merged = record
                _check_record(merged, path, line_no)
                raw[ident] = merged
                where[ident] = (path, line_no)
        entries = [_to_entry(rec) for rec in raw.values()]
        for entry in entries:
            problem = _dangling_reference(entry, raw)
            if problem:
                raise GazetteerError(*where[entry.id], problem)
        return cls(entries)

    # -- container protocol --------------------------------------------------------------

    def __getitem__(self, ident: str) -> Entry:
        return self._entries[ident]

    def __contains__(self, ident: object) -> bool:
        return ident in self._entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, ident: str) -> Entry | None:
        """RETURNS (Entry | None): the entry with that id, if any."""
        return self._entries.get(ident)

    # -- queries ---------------------------------------------------------------------------

    def surface_forms(self, lang: str | None = None) -> Iterator[tuple[str, str, str]]:
        """Yield ``(surface, entry id, kind)`` for every name, capital, metonym and people noun.

        Acronyms (see :func:`case_sensitive`) should be matched case-sensitively by callers
        that build their own matcher from these forms.

        lang (str | None): a language code ("fr", "en"); None for all languages.
        YIELDS (tuple[str, str, str]): kind is one of name, capital, metonym, people.
        """
        for entry in self._entries.values():
            for kind_field, kind in _FORM_KINDS:
                for form in dict.fromkeys(entry.forms(kind_field, lang)):
                    yield form, entry.id, kind

    def lookup(self, surface: str, *, on: date | None = None, lang: str | None = None) -> list[Entry]:
        """Find the actors a surface form names (names, capitals, metonyms, people nouns).

        When the form names several persons, those in office on ``on`` are kept and the
        others dropped; with no one in office, the one whose time in office is nearest (with
        ``on`` None, the most recently active) comes first. Several non-persons may share a
        form ("Congo"): all are returned, but those that did not exist that day (``from``,
        ``to``; today when ``on`` is None) are dropped when others did ("Moscow" in 1986).

        surface (str): the text as found.
        on (date | None): the article's date.
        lang (str | None): only match forms listed for this language (the article's), so
            that a French acronym ("CPI") does not fire in English text; None: any language.
        RETURNS (list[Entry]): matching entries, best first; empty when none.
        """
        ids: list[str] = []
        for form, ident, _kind, form_lang in self._forms.get(normalise(surface), ()):
            if lang is not None and form_lang != lang:
                continue
            if ident not in ids and _case_ok(form, surface):
                ids.append(ident)
        found = [self._entries[i] for i in ids]
        if len(found) > 1:
            # « Moscou » in 1986 is the Soviet Union, in 2022 Russia: of the States and
            # organisations sharing a form, those existing that day (today without a date)
            day = on or date.today()
            things = [e for e in found if e.type != "Person"]
            existing = [e for e in things if e.exists_on(day)]
            if existing and len(existing) < len(things):
                found = [e for e in found if e.type == "Person" or e in existing]
        persons = [e for e in found if e.type == "Person"]
        if len(persons) < 2:
            return found
        others = [e for e in found if e.type != "Person"]
        if on is not None:
            current = [p for p in persons if any(r.active_on(on) for r in p.roles)]
            if current:
                return current + others
            # (no one in office that day: the one whose time in office is nearest to it,
            # a surname shared by a father and a son: the father before the son's time, the son after)
            persons.sort(key=lambda p: (p.distance_to(on), -p.last_active().toordinal()))
            return persons + others
        persons.sort(key=lambda p: p.last_active(), reverse=True)
        return persons + others

    def person_by_spelling(self, surface: str) -> Entry | None:
        """The person whose name ``surface`` spells another way (« Sergueï Choïgou », « Bachar
        al-Assad » for "Sergei Shoigu", "Bashar al-Assad"): names compared by a transliteration
        key (:func:`spelling_key`). A full name (two words or more) must match one person's
        full name; RETURNS None when none or several do."""
        if self._spelling is None:
            index: dict[str, set[str]] = {}
            for e in self._entries.values():
                if e.type != "Person":
                    continue
                for forms in e.names.values():
                    for f in forms:
                        if len(f.split()) >= 2:
                            index.setdefault(spelling_key(f), set()).add(e.id)
            self._spelling = index
        if len(surface.split()) < 2:
            return None
        ids = self._spelling.get(spelling_key(surface), set())
        if len(ids) != 1:
            return None
        return self._entries[next(iter(ids))]

    def kind_of(self, surface: str, ident: str, *, lang: str | None = None) -> str | None:
        """How ``surface`` names the actor ``ident``: name, capital, metonym or people.

        RETURNS (str | None): the first kind found ("name" before the others); None when the
            surface is not one of that actor's forms.
        """
        kinds = [
            kind
            for form, form_id, kind, form_lang in self._forms.get(normalise(surface), ())
            if form_id == ident and (lang is None or form_lang == lang) and _case_ok(form, surface)
        ]
        return min(kinds, key=[k for _, k in _FORM_KINDS].index, default=None)

    def adjective(self, word: str, *, lang: str | None = None) -> Entry | None:
        """The State (or other actor) a demonym adjective stands for ("russe" -> Russia).

        word (str): the adjective in any case, gender or number listed in the data.
        lang (str | None): only adjectives listed for this language; None: any language.
        RETURNS (Entry | None): the entry; None when unknown or claimed by two entries.
        """
        ids = {
            ident
            for form, ident, form_lang in self._adjectives.get(normalise(word), ())
            if (lang is None or form_lang == lang) and _case_ok(form, word)
        }
        if len(ids) != 1:
            return None
        return self._entries[ids.pop()]

    def next_holders(self, role: str | Iterable[str], of: str, on: date, within: int = 120) -> list[Entry]:
        """The persons who take up ``role`` of ``of`` within ``within`` days after ``on`` (« le
        président élu », "the president-elect"), soonest first."""
        names = {role} if isinstance(role, str) else set(role)
        held = sorted(((r, pid) for name in names for r, pid in self._holders.get((name, of), ())
                       if r.start is not None and on < r.start and (r.start - on).days <= within),
                      key=lambda x: x[0].start)
        return [self._entries[pid] for _, pid in held if pid in self._entries]

    def holders(self, role: str | Iterable[str], of: str, on: date | None) -> list[Entry]:
        """The persons holding ``role`` of the actor ``of`` on a date.

        role (str | Iterable[str]): a role name, or several ("president", "monarch").
        of (str): the id of the State or Organization.
        on (date | None): the day; None asks for the most recent holder(s): those still in
            office, else the last one to have held it.
        RETURNS (list[Entry]): persons, latest start first.
        """
        names = {role} if isinstance(role, str) else set(role)
        held = [(r, pid) for name in names for r, pid in self._holders.get((name, of), ())]
        if on is not None:
            held = [(r, pid) for r, pid in held if r.active_on(on)]
        else:
            current = [(r, pid) for r, pid in held if r.end is None]
            if current:
                held = current
            elif held:
                last_end = max(r.end for r, _ in held)
                held = [(r, pid) for r, pid in held if r.end == last_end]
        # latest start first, but the role asked for first before the others (« le président
        # X »: its president before the party chief), a paramount leader (a supreme leader, a
        # ruling party's chief) first when one is asked for first (« le dirigeant X »)
        first = role if isinstance(role, str) else next(iter(role), None)

        def preferred(r) -> bool:
            return r.role == first or (first in PARAMOUNT_ROLES and r.role in PARAMOUNT_ROLES)

        held.sort(key=lambda item: item[0].start or date.min, reverse=True)
        held.sort(key=lambda item: not preferred(item[0]))
        return [self._entries[pid] for pid in dict.fromkeys(pid for _, pid in held)]

    def state_of(self, ident: str) -> str | None:
        """The State an actor stands for: a Person's ``state``, an Institution's ``part_of``,
        a State itself; None for an Organization or an unknown id."""
        entry = self._entries.get(ident)
        if entry is None:
            return None
        if entry.type == "State":
            return entry.id
        if entry.type == "Person":
            return entry.state
        if entry.type == "Institution":
            return entry.part_of
        return None

    def roles_on(self, person_id: str, on: date | None) -> list[Role]:
        """The roles a person held on a date (``on`` None: the roles still held).

        RETURNS (list[Role]): empty for an unknown id or a non-person.
        """
        entry = self._entries.get(person_id)
        if entry is None:
            return []
        if on is None:
            return [r for r in entry.roles if r.end is None]
        return [r for r in entry.roles if r.active_on(on)]


# -- reading and checking ------------------------------------------------------------------


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    """Yield ``(line number, object)`` for each non-blank line of a JSON Lines file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GazetteerError(path, 0, "no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise GazetteerError(path, 0, f"cannot read: {err}") from None
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise GazetteerError(path, line_no, f"invalid JSON: {err.msg}") from None
        if not isinstance(record, dict):
            raise GazetteerError(path, line_no, "a line must be a JSON object")
        yield line_no, record


def _parse_date(value: object) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"date must be a string YYYY-MM-DD, got {value!r}")
    return date.fromisoformat(value)


def _check_record(rec: dict, path: Path, line_no: int) -> None:
    """Raise GazetteerError for the first problem of a (merged) record."""

    def fail(problem: str) -> None:
        raise GazetteerError(path, line_no, problem)

    unknown = sorted(set(rec) - _KNOWN_FIELDS)
    if unknown:
        fail(f"unknown field(s) {', '.join(unknown)}")
    if rec.get("type") not in TYPES:
        fail(f"'type' must be one of {', '.join(sorted(TYPES))}, got {rec.get('type')!r}")
    if not isinstance(rec.get("label"), str) or not rec["label"].strip():
        fail("'label' must be a non-empty string")
    qid = rec.get("wikidata")
    if qid is not None and (not isinstance(qid, str) or not _QID_RE.match(qid)):
        fail(f"'wikidata' must be null or Q<digits>, got {qid!r}")
    for name in _LANG_FIELDS:
        value = rec.get(name)
        if value is None:
            continue
        if not isinstance(value, dict):
            fail(f"{name!r} must be an object lang -> list of strings")
        for lang, forms in value.items():
            if not _LANG_RE.match(lang):
                fail(f"{name!r}: bad language code {lang!r}")
            if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
                fail(f"{name}.{lang} must be a list of non-empty strings")
            if any(not normalise(f) for f in forms):
                fail(f"{name}.{lang}: a form is empty once normalised")
    for name in ("part_of", "state"):
        value = rec.get(name)
        if value is not None and (not isinstance(value, str) or not _ID_RE.match(value)):
            fail(f"{name!r} must be null or an id, got {value!r}")
    members = rec.get("members", [])
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        fail("'members' must be a list of ids")
    if ("from" in rec or "to" in rec) and rec["type"] == "Person":
        fail("a Person's dates are those of its roles, not 'from'/'to'")
    try:
        start, end = _parse_date(rec.get("from")), _parse_date(rec.get("to"))
    except ValueError as err:
        fail(f"bad date: {err}")
    if start and end and end < start:
        fail("'to' is before 'from'")
    roles = rec.get("roles", [])
    if not isinstance(roles, list):
        fail("'roles' must be a list")
    if roles and rec["type"] != "Person":
        fail("only a Person has roles")
    for role in roles:
        if not isinstance(role, dict) or set(role) - {"role", "of", "from", "to"}:
            fail(f"a role is an object with role, of, from, to: {role!r}")
        if role.get("role") not in ROLES:
            fail(f"unknown role {role.get('role')!r} (one of {', '.join(sorted(ROLES))})")
        if not isinstance(role.get("of"), str):
            fail(f"role {role['role']!r} needs 'of' (an id)")
        try:
            start, end = _parse_date(role.get("from")), _parse_date(role.get("to"))
        except ValueError as err:
            fail(f"role {role['role']!r} of {role['of']!r}: bad date: {err}")
        if start and end and end < start:
            fail(f"role {role['role']!r} of {role['of']!r} ends before it starts")


def _dangling_reference(entry: Entry, raw: Mapping[str, dict]) -> str | None:
    """RETURNS (str | None): a problem when the entry points at an id that does not exist."""
    refs = [("part_of", entry.part_of), ("state", entry.state)]
    refs += [("members", m) for m in entry.members]
    refs += [("roles.of", r.of) for r in entry.roles]
    for name, ref in refs:
        if ref is not None and ref not in raw:
            return f"{name} points at unknown id {ref!r}"
    return None


def _lang_map(value: Mapping[str, list[str]] | None) -> Mapping[str, tuple[str, ...]]:
    if not value:
        return _EMPTY
    return MappingProxyType({lang: tuple(dict.fromkeys(forms)) for lang, forms in value.items()})


def _to_entry(rec: dict) -> Entry:
    return Entry(
        id=rec["id"],
        type=rec["type"],
        label=rec["label"],
        wikidata=rec.get("wikidata"),
        names=_lang_map(rec.get("names")),
        adjectives=_lang_map(rec.get("adjectives")),
        people=_lang_map(rec.get("people")),
        capitals=_lang_map(rec.get("capitals")),
        metonyms=_lang_map(rec.get("metonyms")),
        part_of=rec.get("part_of"),
        state=rec.get("state"),
        members=tuple(rec.get("members") or ()),
        roles=tuple(
            Role(r["role"], r["of"], _parse_date(r.get("from")), _parse_date(r.get("to")))
            for r in rec.get("roles") or ()
        ),
        start=_parse_date(rec.get("from")),
        end=_parse_date(rec.get("to")),
    )
