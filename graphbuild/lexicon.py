"""Cue lexicons: which words signal which relation, and how to find its roles.

The data lives in ``data/<lang>/``:

``cues.jsonl``
    one cue per line: ``{"id": "fr.warns.avertir", "relation": "warns", "lemma": "avertir"}``,
    with optional fields ``kind`` (``verb`` default, or ``noun``), ``lemmas`` (several heads),
    ``with`` (words one of which must hang on the head: ``mettre`` + ``garde``), ``refl`` (the
    verb must carry a reflexive clitic: « se rendre à »), ``with_words`` (the name of a
    ``modifiers.json`` list, one of whose words must follow the verb in its clause: « qualifier
    X d'inacceptable »), ``mutual`` (a noun whose « entre X et Y » pair, or a verb whose
    coordinated subjects, act on each other: « combats », « échanger des prisonniers »),
    ``needs_actor`` (kept only with an actor as object: « la pression de X sur Y »), ``obj_in``
    (lemmas the object must have: ``lever`` + ``sanction``), ``recipient``/``theme`` (role
    markers overriding the relation's frame), ``weight`` (0..1).
``frames.json``
    per relation, the markers that introduce the recipient and the theme: ``obj``, ``iobj``,
    ``poss``, ``amod``, or a preposition (``à``, ``avec``, ``auprès de``...).
``modifiers.json``
    negation words, control verbs that negate or make hypothetical what they govern,
    conditional markers, pronouns.
``descriptions.tsv``
    titles and group nouns that describe an actor (« président » -> role, « troupes » -> state).

:func:`load_lexicon` validates every cue against the ontology's relations and fails with
``path:line: problem``; the result is frozen and shared by every document of a run.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .errors import LexiconError
from .rdf.vocab import RELATIONS

LANGS = ("fr", "en")


@dataclass(frozen=True)
class Cue:
    id: str
    relation: str
    kind: str                         # verb | noun
    lemmas: tuple[str, ...]
    with_: tuple[str, ...] = ()
    obj_in: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    weight: float = 0.8
    hypothetical: bool = False
    needs_clause: bool = False        # the cue governs a clause (« inviter X à négocier »)
    pair: bool = True                 # may link coordinated agents to each other (« X et Y se sont rencontrés »)
    reflexive: bool = False           # the verb must carry a reflexive clitic (« se rendre à »)
    with_words: str = ""              # a modifiers.json list one of whose words the phrase after the verb holds
    mutual: bool = False              # « les combats entre X et Y »: each side acts on the other
    needs_actor: bool = False         # only with an actor as object (« la pression de X sur Y »)


@dataclass(frozen=True)
class Description:
    """A title or group noun: ``président`` -> roles, ``troupes`` -> the state itself."""

    words: tuple[str, ...]            # lowercase tokens, e.g. ("premier", "ministre")
    kind: str                         # role | group | counterpart | person
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    lang: str
    cues: tuple[Cue, ...]
    by_lemma: Mapping[str, tuple[Cue, ...]]
    frames: Mapping[str, Mapping[str, tuple[str, ...]]]
    modifiers: Mapping[str, frozenset[str]]
    descriptions: tuple[Description, ...]
    topic_objects: frozenset[str] = frozenset()
    topic_nouns: frozenset[str] = frozenset()
    place_objects: frozenset[str] = frozenset()

    def frame(self, cue: Cue) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(recipient markers, theme markers) of a cue: its own, else its relation's."""
        f = self.frames.get(cue.relation) or self.frames["default"]
        d = self.frames["default"]
        rec = cue.recipient or (f["recipient"] if "recipient" in f else d["recipient"])
        theme = cue.theme or (f["theme"] if "theme" in f else d["theme"])
        return tuple(rec), tuple(theme)

    def mod(self, name: str) -> frozenset[str]:
        return self.modifiers.get(name, frozenset())


def _data_dir(lang: str) -> Path:
    return Path(str(resources.files("graphbuild").joinpath(f"data/{lang}")))


def _read_cues(path: Path) -> list[Cue]:
    cues: list[Cue] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise LexiconError(f"{path}:{n}: invalid JSON ({e.msg})") from None
        rel = rec.get("relation")
        if rel not in RELATIONS:
            raise LexiconError(f"{path}:{n}: unknown relation {rel!r} (not a geo: interaction relation)")
        lemmas = tuple(rec.get("lemmas") or ([rec["lemma"]] if rec.get("lemma") else []))
        if not lemmas:
            raise LexiconError(f"{path}:{n}: a cue needs 'lemma' or 'lemmas'")
        kind = rec.get("kind", "verb")
        if kind not in ("verb", "noun"):
            raise LexiconError(f"{path}:{n}: kind must be 'verb' or 'noun', not {kind!r}")
        cid = rec.get("id") or f"{path.parent.name}.{rel}.{lemmas[0].replace(' ', '_')}{'.' + '_'.join(rec.get('with', [])) if rec.get('with') else ''}{'.n' if kind == 'noun' else ''}"
        if cid in seen:
            cid = f"{cid}.{n}"
        seen.add(cid)
        w = float(rec.get("weight", 0.8))
        if not 0 <= w <= 1:
            raise LexiconError(f"{path}:{n}: weight must be between 0 and 1")
        cues.append(Cue(id=cid, relation=rel, kind=kind, lemmas=tuple(l.lower() for l in lemmas),
                        with_=tuple(x.lower() for x in rec.get("with", ())),
                        obj_in=tuple(x.lower() for x in rec.get("obj_in", ())),
                        recipient=tuple(rec.get("recipient", ())), theme=tuple(rec.get("theme", ())),
                        weight=w, hypothetical=bool(rec.get("hypothetical", False)),
                        pair=bool(rec.get("pair", True)), reflexive=bool(rec.get("refl", False)),
                        with_words=str(rec.get("with_words", "")), mutual=bool(rec.get("mutual", False)),
                        needs_clause=bool(rec.get("needs_clause", False)),
                        needs_actor=bool(rec.get("needs_actor", False))))
    return cues


def _read_descriptions(path: Path) -> list[Description]:
    out = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 2:
            raise LexiconError(f"{path}:{n}: expected 'words<TAB>kind[<TAB>roles]'")
        words = tuple(cols[0].lower().split())
        kind = cols[1].strip()
        if kind not in ("role", "group", "counterpart", "person"):
            raise LexiconError(f"{path}:{n}: kind must be role, group, counterpart or person")
        roles = tuple(r for r in (cols[2].split(",") if len(cols) > 2 else []) if r)
        out.append(Description(words=words, kind=kind, roles=roles))
    return out


@lru_cache(maxsize=None)
def load_lexicon(lang: str, extra: tuple[Path, ...] = ()) -> Lexicon:
    """Load and validate the lexicon of ``lang`` (plus user cue files ``extra``)."""
    if lang not in LANGS:
        raise ValueError(f"no lexicon for lang={lang!r}, only {list(LANGS)}")
    d = _data_dir(lang)
    cues = _read_cues(d / "cues.jsonl")
    for p in extra:
        cues.extend(_read_cues(Path(p)))
    by: dict[str, list[Cue]] = {}
    for c in cues:
        for lem in c.lemmas:
            by.setdefault(lem, []).append(c)
    frames_raw = json.loads((d / "frames.json").read_text("utf-8"))
    frames = MappingProxyType({k: MappingProxyType({r: tuple(v) for r, v in f.items()})
                               for k, f in frames_raw.items() if not k.startswith("_")})
    mods_raw = json.loads((d / "modifiers.json").read_text("utf-8"))
    mods = MappingProxyType({k: frozenset(x.lower() for x in v) for k, v in mods_raw.items()
                             if not k.startswith("_")})
    topic_objects = frozenset(frames_raw.get("_topic_objects", ()))
    topic_nouns = frozenset(w.lower() for w in frames_raw.get("_topic_nouns", ()))
    place_objects = frozenset(frames_raw.get("_named_place_objects", ()))
    return Lexicon(lang=lang, cues=tuple(cues), topic_objects=topic_objects, topic_nouns=topic_nouns,
                   place_objects=place_objects,
                   by_lemma=MappingProxyType({k: tuple(v) for k, v in by.items()}),
                   frames=frames, modifiers=mods,
                   descriptions=tuple(_read_descriptions(d / "descriptions.tsv")))
