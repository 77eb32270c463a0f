"""Find the actors of a parsed article and resolve every way it refers to them.

An article names an actor in many ways: by name (« Angela Merkel »), by a capital or a
seat of power (« Pékin », « l'Élysée »), by a description (« la chancelière allemande »,
« son homologue américain », « les troupes russes »), by a pronoun or « les deux hommes ».
:class:`ActorIndex` finds the first three kinds in one pass over the tokens and answers,
for any token, which actor(s) it stands for; pronouns are resolved on demand, from the
mentions that precede them.

Everything language-specific comes from the gazetteer and the lexicon (titles, group nouns,
pronouns): no actor or phrase is named in this module.
"""
from __future__ import annotations

from typing import Mapping

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..gazetteer import LEADER_ROLES, Entry, Gazetteer, normalise
from ..lexicon import Description, Lexicon
from ..model import ActorRef
from ..rdf.vocab import slug

_MAX_FORM_TOKENS = 14


@lru_cache(maxsize=200_000)
def _norm(text: str) -> str:
    return normalise(text)


_BY_FIRST: dict[int, tuple[object, dict[str, tuple[Description, ...]]]] = {}


def _descriptions_by_first_word(lex: Lexicon) -> dict[str, tuple[Description, ...]]:
    """Titles and group nouns indexed by their first word, longest first (built once per
    lexicon: a lexicon is frozen)."""
    hit = _BY_FIRST.get(id(lex))
    if hit is not None and hit[0] is lex:
        return hit[1]
    index: dict[str, list[Description]] = {}
    for d in sorted(lex.descriptions, key=lambda d: -len(d.words)):
        index.setdefault(d.words[0], []).append(d)
    frozen = {k: tuple(v) for k, v in index.items()}
    _BY_FIRST[id(lex)] = (lex, frozen)
    return frozen


@dataclass
class Mention:
    """A span of the article that refers to one or more actors."""

    start: int                 # token index
    end: int                   # token index, exclusive
    keys: tuple[str, ...]      # actor keys (two for « les deux hommes »)
    kind: str                  # name | capital | metonym | people | ner | description | group | pair
    text: str
    roles: tuple[str, ...] = ()   # for descriptions: the roles they name
    of: str | None = None         # for descriptions: the state/organisation of the role


@dataclass
class ActorIndex:
    """The actors of one document and the mentions that refer to them."""

    doc: Doc
    lang: str
    on: date | None
    gaz: Gazetteer
    lex: Lexicon
    actors: dict[str, ActorRef] = field(default_factory=dict)
    forms: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)
    described_roles: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # key -> {(role, of)}
    part_of: dict[str, str] = field(default_factory=dict)   # actors made here -> the State they belong to

    # -- registering -------------------------------------------------------------------

    def _actor_from_entry(self, e: Entry) -> ActorRef:
        ref = self.actors.get(e.id)
        if ref is None:
            pref = tuple(sorted((lang, forms[0]) for lang, forms in e.names.items() if forms))
            ref = ActorRef(key=e.id, type=e.type, label=e.label, wikidata=e.wikidata, pref_labels=pref)
            self.actors[e.id] = ref
        return ref

    def _unknown_actor(self, name: str, type_: str) -> ActorRef:
        key = "x-" + slug(name)
        ref = self.actors.get(key)
        if ref is None:
            ref = ActorRef(key=key, type=type_, label=name, wikidata=None)
            self.actors[key] = ref
        return ref

    def _army(self, state: Entry) -> ActorRef:
        """The armed forces of ``state``, when the gazetteer has no entry for them."""
        key = f"x-armed-forces-{state.id}"
        ref = self.actors.get(key)
        if ref is None:
            ref = ActorRef(key=key, type="Institution", label=f"Armed forces of {state.label}", wikidata=None)
            self.actors[key] = ref
            self.part_of[key] = state.id
        return ref

    def _add(self, m: Mention, surface: bool = True) -> None:
        if any(i in self.by_token for i in range(m.start, m.end)):
            return
        self.mentions.append(m)
        for i in range(m.start, m.end):
            self.by_token[i] = m
        if surface and m.kind in ("name", "capital", "metonym", "people", "ner"):
            for k in m.keys:
                self.forms.setdefault(k, set()).add((m.text, self.lang))

    # -- building ----------------------------------------------------------------------

    @classmethod
    def build(cls, doc: Doc, lang: str, on: date | None, gaz: Gazetteer, lex: Lexicon,
              first_tokens: Mapping[str, int]) -> "ActorIndex":
        idx = cls(doc=doc, lang=lang, on=on, gaz=gaz, lex=lex)
        idx._find_names(first_tokens)
        idx._find_ner()
        idx._find_aligned_groups()
        idx._find_descriptions()
        idx.mentions.sort(key=lambda m: m.start)
        return idx

    def _find_names(self, first_tokens: Mapping[str, int]) -> None:
        """Gazetteer names, capitals, metonyms and people nouns: longest match first."""
        doc = self.doc
        i = 0
        n = len(doc)
        # token offsets once: candidate spans are cut from the text, not built as Span objects
        toks = list(doc)
        starts = [t.idx for t in toks]
        ends = [t.idx + len(t.text) for t in toks]
        punct = [t.is_punct for t in toks]
        text = doc.text
        while i < n:
            t = toks[i]
            head = _norm(t.text).split(" ", 1)[0]
            longest = first_tokens.get(head, 0)
            if t.lower_ in ("le", "la", "les", "l'", "the") and i + 1 < n:
                # an article starts a form only before a word that can start one (« la France »)
                longest = max(longest, first_tokens.get(_norm(toks[i + 1].text).split(" ", 1)[0], 0) + 1 or 0)
            if not longest:
                i += 1
                continue
            found = None
            # (forms are counted in normalised words; hyphens and apostrophes may be tokens of
            # their own, so a form can take up to about twice as many tokens)
            # (up to 8 tokens, more only for the few forms longer than 6 words)
            for j in range(min(n, i + (8 if longest <= 6 else _MAX_FORM_TOKENS), i + 2 * longest + 1), i, -1):
                if punct[j - 1] and j - i > 1:
                    continue
                entries = self.gaz.lookup(text[starts[i]:ends[j - 1]], on=self.on, lang=self.lang)
                if entries:
                    found = (doc[i:j], entries)
                    break
            if found is None:
                i += 1
                continue
            span, entries = found
            e = entries[0]
            kind = self.gaz.kind_of(span.text, e.id) or "name"
            # People nouns (« les Russes ») are capitalised; the same word in lower case is an
            # adjective (« troupes russes »), which descriptions handle.
            if kind == "people" and not span[-1].text[:1].isupper():
                i += 1
                continue
            # « le Français Lionel Baud », « un Russe »: one national, not the State
            if kind == "people" and ((span.start > 0 and doc[span.start - 1].lower_ in self.lex.mod("singular_determiners"))
                                     or (span.end < n and doc[span.end].pos_ == "PROPN")):
                i = span.end
                continue
            # « le traité de Rome », « les accords de Minsk », "the Rome Statute": a city in a
            # document's name is no actor
            if kind == "capital" and self._names_a_document(span):
                i = span.end
                continue
            # « une grenade », « la justice suisse »: a lower-case common word is not a state's
            # or a person's name
            if span.text[:1].islower() and not any(ch.isupper() for ch in span.text) \
                    and e.type in ("State", "Person") and kind in ("name", "capital"):
                i += 1
                continue
            # « X Y » is not the person known as « X »: a person's name followed by another word of the
            # same name entity is part of someone else's name
            if e.type == "Person" and span.end < n and doc[span.end].pos_ == "PROPN" \
                    and doc[span.end].text[:1].isupper() and doc[span.end].ent_iob_ == "I" \
                    and doc[span.end].ent_type_ in ("PER", "PERSON"):
                i = span.end
                continue
            # « Ali Karimi » is not the person known as « Karimi »: a surname after another
            # first name of the same name entity (a title such as « Mgr » aside)
            if e.type == "Person" and span.end - span.start == 1 and span.start > 0 \
                    and doc[span.start].ent_iob_ == "I" and doc[span.start - 1].ent_type_ in ("PER", "PERSON") \
                    and doc[span.start - 1].pos_ == "PROPN" and doc[span.start - 1].text[:1].isupper() \
                    and doc[span.start - 1].lower_.rstrip(".") not in self.lex.mod("name_titles"):
                i = span.end
                continue
            # A lone capitalised word at the start of a sentence that is also a common word is
            # still a name here: the gazetteer's case rules already guard acronyms.
            ref = self._actor_from_entry(e)
            self._add(Mention(span.start, span.end, (ref.key,), kind, span.text))
            i = span.end

    def _names_a_document(self, span) -> bool:
        doc = self.doc
        heads = self.lex.mod("document_nouns") | self.lex.mod("document_name_heads")

        def is_doc(t) -> bool:
            return t.lower_ in heads or t.lemma_.lower() in heads or t.lower_.rstrip("s") in heads
        if span.start >= 2 and doc[span.start - 1].lower_ in ("de", "d'", "d’") and is_doc(doc[span.start - 2]):
            return True
        return self.lang == "en" and span.end < len(doc) and is_doc(doc[span.end])

    def _find_ner(self) -> None:
        """Persons and organisations the gazetteer does not know, from spaCy's NER."""
        doc = self.doc
        surnames: dict[str, str] = {}
        acronyms: dict[str, str] = {}
        for m in self.mentions:
            ref = self.actors[m.keys[0]]
            if ref.type == "Person":
                for w in m.text.split()[1:]:
                    if len(_norm(w)) >= 3 and any(c.isalpha() for c in w):
                        surnames.setdefault(_norm(w), ref.key)
        for ent in doc.ents:
            label = ent.label_
            if label not in ("PER", "PERSON", "ORG", "NORP", "GPE", "LOC"):
                continue
            if any(i in self.by_token for i in range(ent.start, ent.end)):
                continue
            # trim a leading honorific or article
            start = ent.start
            while start < ent.end and (doc[start].lower_ in self.lex.mod("honorifics")
                                       or doc[start].pos_ in ("DET", "PUNCT")):
                start += 1
            if start >= ent.end:
                continue
            span = doc[start:ent.end]
            text = span.text.strip(" ,.;:«»\"'")
            if not text or not any(c.isupper() for c in text[:1]):
                continue
            if label in ("GPE", "LOC", "NORP"):
                # Places are not actors; a gazetteer state in another spelling is caught above.
                continue
            if len(span) == 1 and span.start > 0 and doc[span.start - 1].lower_ in ("à", "in", "at"):
                continue  # « à Lusaka », "in Lusaka": a place the tagger took for a person or an organisation
            if label in ("PER", "PERSON"):
                key = surnames.get(_norm(span[-1].text))
                if key is not None and len(span) == 1:
                    self._add(Mention(span.start, span.end, (key,), "name", span.text))
                    continue
                if len(span) == 1 and span[0].pos_ not in ("PROPN",):
                    continue
                known = self.gaz.person_by_spelling(text)
                if known is not None:
                    # a known person's name in another transliteration (« ou » for "u", « ch » for "sh")
                    ref = self._actor_from_entry(known)
                    for w in span[1:]:
                        if len(_norm(w.text)) >= 3 and w.is_alpha:
                            surnames.setdefault(_norm(w.text), ref.key)
                    self._add(Mention(span.start, span.end, (ref.key,), "name", span.text))
                    continue
                ref = self._unknown_actor(text, "Person")
                for w in span[1:]:
                    if len(_norm(w.text)) >= 3 and w.is_alpha:
                        surnames.setdefault(_norm(w.text), ref.key)
                self._add(Mention(span.start, span.end, (ref.key,), "ner", span.text))
            else:
                if len(text) < 2 or span[0].pos_ not in ("PROPN", "NOUN", "X"):
                    continue
                if text.lower() in self.lex.mod("platform_names"):
                    continue  # « sur Twitter »: where one speaks, not an actor
                if len(span) == 1 and (span[0].lower_ in self.lex.mod("organisation_anaphors")
                                       or span[0].lower_ in self.lex.mod("named_organisation_anaphors")) \
                        and any(self.actors[m.keys[0]].type == "Organization"
                                and _norm(span[0].text) in (_norm(m.text) + " " + _norm(self.actors[m.keys[0]].label)).split()
                                for m in self.mentions if m.start < span.start):
                    continue  # « l'Union », « la Cour »: an anaphor of the organisation named before
                end = span.end
                if doc[end - 1].pos_ == "NOUN" and end + 1 < len(doc) and doc[end].lower_ in ("de", "du", "des", "d'", "of"):
                    # « le Front de libération du peuple de X » with the region left out of
                    # the entity: the name runs on to the place it ends with
                    k = end + 1
                    while k < len(doc) and doc[k].pos_ == "DET":
                        k += 1
                    if k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].ent_type_ in ("LOC", "GPE") \
                            and doc[k].ent_iob_ == "B" and k not in self.by_token:
                        end = k + 1
                        while end < len(doc) and doc[end].ent_iob_ == "I" and end not in self.by_token:
                            end += 1
                if end != span.end:
                    span = doc[span.start:end]
                    text = span.text.strip(" ,.;:«»\"'")
                if text in acronyms:  # (« le FLPX », after « le Front ... (FLPX) »)
                    self._add(Mention(span.start, span.end, (acronyms[text],), "ner", span.text))
                    continue
                ref = self._unknown_actor(text, "Organization")
                self._add(Mention(span.start, span.end, (ref.key,), "ner", span.text))
                a = span.end
                if a + 2 < len(doc) and doc[a].text == "(" and doc[a + 2].text == ")" and doc[a + 1].is_upper \
                        and len(doc[a + 1].text) >= 2 and a + 1 not in self.by_token:
                    # « ... (FLPX) »: its acronym
                    self._add(Mention(a + 1, a + 2, (ref.key,), "ner", doc[a + 1].text))
                    acronyms[doc[a + 1].text] = ref.key
        # « M. X »: a surname alone after an honorific, known from an earlier full name
        for t in doc:
            if t.i in self.by_token or not (t.pos_ == "PROPN" or (t.text[:1].isupper() and t.is_alpha and not t.is_sent_start)):
                continue
            key = surnames.get(_norm(t.text))
            if key is not None:
                self._add(Mention(t.i, t.i + 1, (key,), "name", t.text))

    def _find_aligned_groups(self) -> None:
        """« les rebelles prorusses », "pro-Iranian militias": an armed group named by the side
        it takes is an actor of its own (not the State it sides with), one per wording."""
        doc = self.doc
        nouns = self.lex.mod("armed_group_nouns")
        for t in doc:
            if t.i in self.by_token or t.pos_ != "NOUN" or t.lower_ not in nouns:
                continue
            if t.i + 1 < len(doc) and doc[t.i + 1].lower_.startswith("pro") and len(doc[t.i + 1]) > 5 \
                    and doc[t.i + 1].i not in self.by_token:
                start, end = t.i, t.i + 2           # « rebelles prorusses »
            elif t.i >= 3 and doc[t.i - 3].lower_ == "pro" and doc[t.i - 2].text == "-" \
                    and not any(j in self.by_token for j in range(t.i - 3, t.i)):
                start, end = t.i - 3, t.i + 1       # "pro-Russian separatists"
            elif t.i >= 1 and doc[t.i - 1].lower_.startswith("pro-") and t.i - 1 not in self.by_token:
                start, end = t.i - 1, t.i + 1
            else:
                continue
            text = doc[start:end].text
            ref = self._unknown_actor(text, "Organization")
            self._add(Mention(start, end, (ref.key,), "ner", text))

    def _state_after(self, j: int, limit: int = 4) -> tuple[str | None, int]:
        """A demonym adjective or « de/of <State> » right after token ``j``: (state id, end)."""
        doc = self.doc
        for k in range(j, min(len(doc), j + limit)):
            t = doc[k]
            if t.is_punct or t.pos_ in ("VERB", "AUX"):
                break  # not across the verb: "jets opened fire on Libyan tanks"
            e = self.gaz.adjective(t.text) if t.pos_ in ("ADJ", "PROPN", "NOUN", "VERB") or t.text[:1].isupper() else None
            if e is not None:
                return e.id, k + 1
            if t.lower_ in ("de", "du", "des", "d'", "of"):
                nxt = k + 1
                while nxt < len(doc) and doc[nxt].pos_ == "DET":
                    nxt += 1
                m = self.by_token.get(nxt)
                if m is None and nxt == k + 1 and nxt < len(doc) and doc[nxt].pos_ == "NOUN":
                    continue  # « avions de combat français », « forces de sécurité russes »
                if m is not None and m.kind in ("name", "capital", "metonym", "ner"):
                    ref = self.actors[m.keys[0]]
                    if ref.type in ("State", "Organization"):
                        # « le gouvernement de la Russie »: the description ends before « de »,
                        # the State keeps its own mention
                        return ref.key, k
                break
            if k > j and not (t.pos_ in ("ADJ", "NUM") or (t.pos_ == "NOUN" and doc[k - 1].lower_ in ("de", "d'", "of"))):
                break  # only adjectives and « de » + noun between: « navires de guerre autour de l'île X »
        return None, j

    def _state_before(self, i: int) -> str | None:
        """English order: « Russian President », "the US president", "Ukraine's negotiators",
        "North Korea's foreign ministry": adjective or name before."""
        doc = self.doc
        for k in (i - 1, i - 2, i - 3):
            if k < 0:
                return None
            t = doc[k]
            if t.lower_ in ("'s", "’s", "'") or (self.lang == "en" and t.pos_ == "NOUN" and t.dep_ == "compound"):
                continue  # "Ukraine's negotiators", "Russian security officials"
            m = self.by_token.get(k)
            if m is not None:
                ref = self.actors[m.keys[0]]
                if ref.type == "State":
                    return ref.key
                return None
            e = self.gaz.adjective(t.text)
            if e is not None:
                return e.id
            if t.pos_ not in ("ADJ", "DET", "PROPN"):
                return None
        return None

    def _match_words(self, i: int, words: tuple[str, ...], roles_exact: bool = False) -> int:
        doc = self.doc
        k = i
        for w in words:
            if k >= len(doc):
                return -1
            tok = doc[k].lower_
            if tok != w and (roles_exact or doc[k].lemma_.lower() != w):
                # « l'état » is tokenised « l' » + « état »: allow the elision inside a title
                if w.startswith(("l'", "d'")) and tok == w[:2] and k + 1 < len(doc) and doc[k + 1].lower_ == w[2:]:
                    k += 2
                    continue
                return -1
            k += 1
        return k

    def _find_descriptions(self) -> None:
        doc = self.doc
        by_first = _descriptions_by_first_word(self.lex)
        persons_seen: list[tuple[int, str]] = []  # (token index, person key), in text order
        mentions_sorted = sorted(self.mentions, key=lambda m: m.start)
        mi = 0
        i = 0
        while i < len(doc):
            while mi < len(mentions_sorted) and mentions_sorted[mi].start < i:
                m = mentions_sorted[mi]
                for k in m.keys:
                    if self.actors[k].type == "Person":
                        persons_seen.append((m.start, k))
                mi += 1
            if i in self.by_token:
                i = self.by_token[i].end
                continue
            hit = None
            t = doc[i]
            cands = by_first.get(t.lower_, ())
            lemma = t.lemma_.lower()
            if lemma != t.lower_ and lemma in by_first:
                cands = sorted(set(cands) | set(by_first[lemma]), key=lambda d: -len(d.words))
            for d in cands:
                # titles match their own form only (a plural "leaders" names no one person);
                # group nouns match any form (« troupe »/« troupes »)
                end = self._match_words(i, d.words, roles_exact=d.kind != "group")
                if end > 0:
                    hit = (d, end)
                    break
            inner_state = None
            if hit is None and self.lang == "fr" and i + 2 < len(doc):
                # « le ministre turc des Affaires étrangères », « le secrétaire américain à la
                # Défense »: the demonym inside a title of several words
                e = self.gaz.adjective(doc[i + 1].text)
                if e is not None and e.type == "State":
                    for d in cands:
                        if len(d.words) >= 2 and d.kind != "group":
                            end = self._match_words(i + 2, d.words[1:], roles_exact=True)
                            if end > 0:
                                hit, inner_state = (d, end), e.id
                                break
            if hit is None:
                i += 1
                continue
            d, end = hit
            if inner_state is not None:
                state, end2 = inner_state, end
            elif self.lang == "en":
                # English puts the demonym first ("French jets"); « of X » after
                state, end2 = self._state_before(i), end
                if state is None:
                    state, end2 = self._state_after(end)
            else:
                state, end2 = self._state_after(end)
                if state is None:
                    state = self._state_before(i)
                    end2 = end
            m = self._resolve_description(d, i, end2, state, persons_seen)
            if m is not None and d.kind == "group" and state is not None:
                m = self._coordinated_demonyms(m, state, i, end2)
            if m is None and d.kind == "group" and state is None:
                m = self._forces_of_pair(i, end)
            if m is not None:
                self._add(m, surface=False)
                for k in m.keys:
                    if self.actors[k].type == "Person":
                        persons_seen.append((m.start, k))
                i = m.end
            else:
                i = end

    def _coordinated_demonyms(self, m: Mention, state: str, i: int, end: int) -> Mention:
        """« les armées thaïlandaise et cambodgienne », "Indian and Chinese troops": the forces
        of two States, each one of the group's actors."""
        doc = self.doc
        conj = ("et", "and")
        other = None
        if self.lang == "fr" and end + 1 < len(doc) and doc[end].lower_ in conj:
            e = self.gaz.adjective(doc[end + 1].text)
            if e is not None and e.type == "State" and e.id != state:
                other, start, stop = e.id, m.start, end + 2
        elif self.lang == "en" and i >= 3 and doc[i - 2].lower_ in conj:
            e = self.gaz.adjective(doc[i - 3].text)
            if e is not None and e.type == "State" and e.id != state and self.gaz.adjective(doc[i - 1].text) is not None:
                other, start, stop = e.id, i - 3, m.end
        if other is None:
            return m
        keys = []
        for sid in ((other, state) if self.lang == "en" else (state, other)):
            ref = self._actor_from_entry(self.gaz.get(sid))
            keys.append(ref.key)
        return Mention(start, stop, tuple(keys), "group", doc[start:stop].text, of=state)

    def _forces_of_pair(self, i: int, end: int) -> Mention | None:
        """« les armées des deux pays », "the forces of both countries": each of the pair."""
        doc = self.doc
        j = end
        if j >= len(doc) or doc[j].lower_ not in ("des", "de", "of"):
            return None
        j += 1
        while j < len(doc) and doc[j].pos_ == "DET" and doc[j].lower_ not in ("deux", "both"):
            j += 1
        if j + 1 >= len(doc) or doc[j].lower_ not in ("deux", "two", "both"):
            return None
        noun = doc[j + 1]
        if noun.lower_ not in self.lex.mod("pair_state_nouns") and noun.lemma_.lower() not in self.lex.mod("pair_state_nouns"):
            return None
        keys = self.last_pair_before(i, states=True)
        if len(keys) != 2:
            return None
        return Mention(i, j + 2, tuple(keys), "group", doc[i:j + 2].text)

    def _last_state_before(self, i: int) -> str | None:
        doc = self.doc
        sent = doc[i].sent
        prev_start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        best = None
        for m in self.mentions:
            if prev_start <= m.start < i and m.kind in ("name", "capital", "metonym"):
                ref = self.actors.get(m.keys[0])
                if ref is None or ref.type != "State":
                    continue
                head = doc[m.start]
                while head.head.i != head.i and m.start <= head.head.i < m.end:
                    head = head.head
                rank = (head.dep_ in ("nsubj", "nsubj:pass", "nsubjpass"), m.start)  # subjects first
                if best is None or rank > best[0]:
                    best = (rank, ref.key)
        return best[1] if best else None

    def _resolve_description(self, d: Description, i: int, end: int, state: str | None,
                             persons_seen: list[tuple[int, str]]) -> Mention | None:
        doc = self.doc
        text = doc[i:end].text
        if d.kind == "group":
            if state is None and " ".join(d.words) in self.lex.mod("bare_state_nouns") and i > 0 \
                    and doc[i - 1].lower_ in ("le", "la", "les", "l'", "l’", "the"):
                # « le pays A ... et le gouvernement a rappelé son ambassadeur »: a bare
                # « le gouvernement » is that of the State named last, in this sentence or the one before
                state = self._last_state_before(i)
            own_state = state is not None
            if state is None:
                return None
            e = self.gaz.get(state)
            if e is None:
                return None
            if own_state and e.type == "State" and " ".join(d.words) in self.lex.mod("army_nouns"):
                # « l'armée soudanaise », "the Sudanese army": the armed forces, an actor of
                # their own (a party to a civil war, a junta), part of the State
                ref = self._army(e)
                self.forms.setdefault(ref.key, set()).add((text, self.lang))
                return Mention(i, end, (ref.key,), "group", text, of=state)
            ref = self._actor_from_entry(e)
            return Mention(i, end, (ref.key,), "group", text, of=state)
        if d.kind == "role":
            # apposition: « le président X, Nom Prénom » / "President First Last"
            named = self._apposed_person(i, end)
            former = i > 0 and (doc[i - 1].lower_ in self.lex.mod("former_markers")
                                or (i > 1 and doc[i - 2].lower_ in self.lex.mod("former_markers")))
            if named is not None and former:
                return Mention(i, end, (named,), "description", text)
            if named is not None:
                if state is not None:
                    self.described_roles.setdefault(named, set()).update((r, state) for r in d.roles)
                elif named in self.gaz and self.on is not None:
                    # « le président Ashraf Ghani »: the role the person holds, or held lately
                    for r in self.gaz[named].roles:
                        if r.role in d.roles and (r.end is None or (self.on - r.end).days <= 366) \
                                and (r.start is None or r.start <= self.on):
                            self.described_roles.setdefault(named, set()).add((r.role, r.of))
                return Mention(i, end, (named,), "description", text, d.roles, state)
            if self.on is not None and self._elect(i, end):
                # « le président élu », "President-elect X": the one who takes office next, of
                # the State the description names or of a State the article named
                states = [state] if state else list(dict.fromkeys(
                    k for m in self.mentions if m.start < i for k in m.keys if self.actors[k].type == "State"))
                for st in states:
                    nxt = self.gaz.next_holders(d.roles, st, self.on)
                    if nxt:
                        ref = self._actor_from_entry(nxt[0])
                        stop = end + 2 if [t.lower_ for t in doc[end:end + 2]] == ["-", "elect"] else end
                        return Mention(i, stop, (ref.key,), "description", doc[i:stop].text, d.roles, st)
            if state is not None:
                # a person of that role of that state named earlier in the article
                for _, key in reversed(persons_seen):
                    e = self.gaz.get(key)
                    if e is not None and any(r.role in d.roles and r.of == state and (self.on is None or r.active_on(self.on))
                                             for r in e.roles):
                        return Mention(i, end, (key,), "description", text, d.roles, state)
                    if (r_of := self.described_roles.get(key)) and any(r in d.roles and o == state for r, o in r_of):
                        return Mention(i, end, (key,), "description", text, d.roles, state)
                holders = self.gaz.holders(d.roles, state, self.on)
                if holders:
                    ref = self._actor_from_entry(holders[0])
                    return Mention(i, end, (ref.key,), "description", text, d.roles, state)
                return None
            # bare title (« le président ») : the last person named with such a role
            if d.words and doc[i - 1].lower_ in ("le", "la", "the", "l'", "au", "du") if i > 0 else False:
                sent = doc[i].sent
                # (« le ministre russe, X, a proposé au chef de l'État de ... »: a minister's own
                # head of state, when the sentence's subject is a minister who holds no such role)
                for m in sorted((m for m in self.mentions if sent.start <= m.start < i), key=lambda m: m.start):
                    k = m.keys[0]
                    if not any(doc[j].dep_ in ("nsubj", "nsubj:pass") for j in range(m.start, m.end)):
                        continue
                    if self.actors[k].type == "Person" and k in self.gaz and self.on is not None \
                            and not any(r.role in d.roles for r in self.gaz.roles_on(k, self.on)):
                        st = next((r.of for r in self.gaz.roles_on(k, self.on)), None)
                        holders = self.gaz.holders(d.roles, st, self.on) if st else []
                        if holders:
                            ref = self._actor_from_entry(holders[0])
                            return Mention(i, end, (ref.key,), "description", text, d.roles, st)
                    break
                for _, key in reversed(persons_seen[-4:]):
                    e = self.gaz.get(key)
                    if e is not None and any(r.role in d.roles for r in self.gaz.roles_on(key, self.on)):
                        return Mention(i, end, (key,), "description", text, d.roles)
                    if any(r in d.roles for r, _ in self.described_roles.get(key, ())):
                        return Mention(i, end, (key,), "description", text, d.roles)
                # « Selon un communiqué de l'Élysée, le président a ... »: the holder of
                # the role in the State named earlier in the same sentence
                sent = doc[i].sent
                for m in reversed([m for m in self.mentions if sent.start <= m.start < i]):
                    st = self.gaz.state_of(m.keys[0]) if m.keys[0] in self.gaz else None
                    if st and self.actors.get(m.keys[0]) and self.actors[m.keys[0]].type in ("State", "Institution"):
                        holders = self.gaz.holders(d.roles, st, self.on)
                        if holders and self.on is not None:
                            ref = self._actor_from_entry(holders[0])
                            return Mention(i, end, (ref.key,), "description", text, d.roles, st)
                        break
            return None
        if d.kind == "person":
            # « l'opposant russe, Alexeï Navalny »; « Trump a reconnu l'opposant »: the last person
            # named, in this sentence or the two before, who holds no office on the date
            named = self._apposed_person(i, end)
            if named is not None:
                return Mention(i, end, (named,), "description", text, (), state)
            if i == 0 or doc[i - 1].lower_ not in ("le", "la", "l'", "l’", "the"):
                return None
            first = doc[i].sent.start
            for _ in range(2):
                first = doc[first - 1].sent.start if first > 0 else first
            sent = doc[i].sent
            subjects = {m.keys[0] for m in self.mentions if sent.start <= m.start < i
                        and any(doc[j].dep_ in ("nsubj", "nsubj:pass", "nsubjpass") for j in range(m.start, m.end))}
            for at, key in reversed(persons_seen):
                if at < first:
                    break
                if key in subjects or (key in self.gaz and self.on is not None and self.gaz.roles_on(key, self.on)):
                    continue  # (not the one acting on it, nor anyone in office)
                return Mention(i, end, (key,), "description", text, (), state)
            return None
        if d.kind == "counterpart":
            named = self._apposed_person(i, end)
            if named is not None:
                return Mention(i, end, (named,), "description", text, (), state)
            # the possessor is the last person named before; the counterpart has that person's role
            if not persons_seen:
                return None
            possessor = persons_seen[-1][1]
            roles = {r.role for r in self.gaz.roles_on(possessor, self.on)} | {
                r for r, _ in self.described_roles.get(possessor, ())}
            if state is not None:
                for _, key in reversed(persons_seen):
                    if key == possessor:
                        continue
                    if self.gaz.state_of(key) == state:
                        return Mention(i, end, (key,), "description", text, tuple(roles), state)
                if roles:
                    holders = [h for h in self.gaz.holders(tuple(roles), state, self.on) if h.id != possessor]
                    if holders:
                        ref = self._actor_from_entry(holders[0])
                        return Mention(i, end, (ref.key,), "description", text, tuple(roles), state)
                return None
            for _, key in reversed(persons_seen):
                if key != possessor:
                    return Mention(i, end, (key,), "description", text, tuple(roles))
        return None

    def _elect(self, i: int, end: int) -> bool:
        """Whether the title at ``i:end`` is qualified as elected and not yet in office."""
        doc = self.doc
        after = [doc[k].lower_ for k in range(end, min(len(doc), end + 3))]
        return bool(after) and (after[0] in ("élu", "élue", "elect") or after[:2] == ["-", "elect"]) or (
            i > 0 and doc[i - 1].lower_ in ("elect",)) or any(t.lower_ in ("élu", "élue") for t in doc[i + 1:end])

    def _apposed_person(self, i: int, end: int) -> str | None:
        """A person named right after a title (« le président brésilien, Lula »,
        "President Lula") or right before it ("Lula, the Brazilian president")."""
        doc = self.doc
        k = end
        while k < len(doc) and k < end + 2 and (doc[k].is_punct and doc[k].text in ",(") :
            k += 1
        m = self.by_token.get(k)
        if m is not None and m.start == k and self.actors[m.keys[0]].type == "Person":
            return m.keys[0]
        # « le président de l'Autorité palestinienne, Mahmoud Abbas »: a name after a comma
        # that closes the title's complement
        for k in range(end, min(len(doc), end + 10)):
            if doc[k].pos_ in ("VERB", "AUX"):
                break
            if doc[k].text == "," and k + 1 < len(doc):
                m = self.by_token.get(k + 1)
                if m is not None and m.start == k + 1 and self.actors[m.keys[0]].type == "Person":
                    return m.keys[0]
                break
        # the parser's view: an appos/flat child that is a person
        for t in doc[i:end]:
            for c in t.children:
                if c.dep_ in ("appos", "flat:name", "flat", "compound", "nmod") and c.i >= end \
                        and not (c.dep_ == "nmod" and any(g.dep_ == "case" for g in c.children)):
                    # (not a phrase with its preposition: « le président X à la résidence Y »)
                    m = self.by_token.get(c.i)
                    if m is not None and self.actors[m.keys[0]].type == "Person":
                        return m.keys[0]
        return None

    # -- queries -----------------------------------------------------------------------

    def actors_at(self, tok: Token) -> tuple[str, ...]:
        """The actor keys a token stands for, looking at its mention, its flat/compound
        children, its apposition and (for pronouns) the preceding mentions."""
        m = self.by_token.get(tok.i)
        if m is not None:
            if m.kind == "group" and self.actors[m.keys[0]].type != "Person":
                # « l'ambassadeur de Chine, X »: the apposed person rather than the State
                for c in tok.children:
                    if c.dep_ == "appos" and c.i in self.by_token and self.by_token[c.i] is not m \
                            and self.actors[self.by_token[c.i].keys[0]].type == "Person":
                        return self.by_token[c.i].keys
                j = m.end  # (the apposition parsed as a conjunct: « l'ambassadeur de Chine, X, »)
                while j < len(self.doc) and j - m.end < 5 and self.doc[j].pos_ in ("ADP", "DET", "PROPN", "NOUN", "ADJ"):
                    j += 1
                nxt = self.by_token.get(j + 1)
                if j + 1 < len(self.doc) and self.doc[j].text == "," and nxt is not None and m.kind == "group" \
                        and self.actors[nxt.keys[0]].type == "Person" and self.doc[j + 1].head.i in (tok.i, j - 1):
                    return nxt.keys
            return m.keys
        low = tok.lower_
        if tok.dep_ in ("nsubj", "nsubj:pass") and tok.pos_ == "PRON" and low in self.lex.mod("personal_pronouns_sing") \
                and tok.head.dep_ == "conj" and tok.head.head.pos_ in ("VERB", "AUX") \
                and tok.head.head.dep_ == "ROOT":
            # « X a convoqué l'ambassadeur Y, et il a exigé »: the subject of the first verb
            first = next((c for c in tok.head.head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            if first is not None and first.pos_ != "PRON":
                keys = self.actors_at(first)
                if keys and (low not in ("he", "she", "him", "her") or self.actors[keys[0]].type == "Person"):
                    return keys
        # « ce dernier », « celui-ci », "the latter": the last person named
        if (low in ("dernier", "dernière", "latter") and any(c.lower_ in ("ce", "cette", "the") for c in tok.children)) \
                or (low in ("celui", "celle") and any(c.lower_ in ("-ci", "ci") for c in tok.children)) \
                or (low in ("celui-ci", "celle-ci")):
            k = self.last_person_before(tok.i)
            return (k,) if k else ()
        if low in self.lex.mod("first_person") and tok.pos_ == "PRON":
            # « "Je soutiens ma décision", a-t-il déclaré »: the speaker of the quote
            return self._speaker(tok)
        if tok.dep_ == "appos" and tok.head.i != tok.i:
            m = self.by_token.get(tok.head.i)
            if m is not None:
                return m.keys
        for c in tok.children:
            if c.dep_ in ("flat:name", "flat", "compound", "appos", "fixed") or (
                    c.dep_ == "nmod" and c.i == tok.i + 2 and self.doc[tok.i + 1].text == ","
                    and c.i in self.by_token and self.actors[self.by_token[c.i].keys[0]].type == "Person"):
                # (« Son chef, X, accuse »: an apposed name the parser took for a complement)
                m = self.by_token.get(c.i)
                if m is not None:
                    return m.keys
                # « le général Mohamed Hamdane Daglo » parsed as a chain of appositions
                for g in c.children:
                    if g.dep_ in ("flat:name", "flat", "appos") and g.i in self.by_token:
                        return self.by_token[g.i].keys
        low = tok.lower_
        if tok.pos_ == "PRON" or low in self.lex.mod("personal_pronouns_sing"):
            said = self._reported_speaker(tok) if low not in self.lex.mod("first_person") else ()
            if said:
                return said
            if low in self.lex.mod("personal_pronouns_sing") or low in ("lui", "him", "her", "he", "she"):
                if low in self.lex.mod("feminine_pronouns") and tok.dep_ in ("nsubj", "nsubj:pass"):
                    k = self._feminine_antecedent(tok)
                    if k:
                        return (k,)
                k = self.last_person_before(tok.i)
                return (k,) if k else ()
            if low in self.lex.mod("personal_pronouns_plur"):
                return ()
        if low in self.lex.mod("pair_nouns") or tok.lemma_.lower() in self.lex.mod("pair_nouns"):
            if any(c.lower_ in ("deux", "two", "both") for c in tok.children):
                states = low in self.lex.mod("pair_state_nouns") or tok.lemma_.lower() in self.lex.mod("pair_state_nouns")
                # (« X s'est entretenu avec les deux dirigeants »: two others than the subject)
                # (only as the verb's own argument: not « le sommet entre les deux hommes »)
                verb = tok.head.head if tok.head.dep_ == "prep" else tok.head
                subj = tuple(k for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") and c.i != tok.i
                             and c.i in self.by_token for k in self.by_token[c.i].keys) \
                    if verb.pos_ in ("VERB", "AUX") and tok.dep_ not in ("nsubj", "nsubj:pass") else ()
                pair = self.last_pair_before(tok.i, states=states)
                other = self.last_pair_before(tok.i, states=states, exclude=subj) if subj else ()
                same_kind = other and {self.actors[k].type for k in other} == {self.actors[k].type for k in pair}
                return other if same_kind else pair
        return ()

    def _reported_speaker(self, tok: Token) -> tuple[str, ...]:
        """« Londres a fait savoir qu'il ne reconnaîtrait pas ... », "Beijing said it would
        ...": the subject pronoun of a clause reported by a speech verb is its speaker, when the
        speaker is an actor named as such (not itself a pronoun)."""
        if tok.dep_ not in ("nsubj", "nsubj:pass", "nsubjpass") or tok.head.dep_ not in ("ccomp",):
            return ()
        speech = self.lex.mod("speech_verbs")
        v = tok.head.head
        for _ in range(2):
            if v.lemma_.lower() in speech:
                subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")), None)
                if subj is not None:
                    if subj.pos_ == "PRON":
                        return ()
                    keys = list(self.actors_at(subj))  # (and its conjuncts: « X et Y ont dit qu'ils »)
                    for c in subj.children:
                        if c.dep_ == "conj":
                            keys.extend(k for k in self.actors_at(c) if k not in keys)
                    return tuple(keys)
            if v.head.i == v.i:
                break
            v = v.head  # « a fait savoir que »: « savoir » under « faire »
        return ()

    def _gender(self, m: Mention) -> str | None:
        """Grammatical gender of a mention, from its article or title (« la Cour », « Mme X »,
        « le président ») else the morphology of its head word."""
        doc = self.doc
        first = doc[m.start - 1] if m.start > 0 else None
        for t in ([first] if first is not None else []) + list(doc[m.start:m.end]):
            g = t.morph.get("Gender")
            if t.pos_ == "DET" and g and "Def" in t.morph.get("Definite"):
                return g[0]
            if t.lower_ in self.lex.mod("feminine_titles"):
                return "Fem"
        head = doc[m.start]
        while head.head.i != head.i and m.start <= head.head.i < m.end:
            head = head.head
        # (the parser's gender of a person's or a city's name is a guess; of « l'Union » not)
        trusted = head.pos_ == "NOUN" or (head.pos_ == "PROPN" and m.kind == "name"
                                          and self.actors[m.keys[0]].type in ("Organization", "State"))
        g = head.morph.get("Gender") if trusted else None
        return g[0] if g else None

    def _feminine_antecedent(self, tok: Token) -> str | None:
        """« La Cour ... a émis des mandats contre X, qu'elle accuse »: a feminine subject
        pronoun stands for the last feminine actor named in its sentence or the one before
        (an organisation or a State as often as a person), never for the antecedent of its
        own relative clause."""
        sent = tok.sent
        start = sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        bound = tok.head.head.i if tok.head.dep_ in ("acl:relcl", "relcl") else -1
        bound_keys = self.by_token[bound].keys if bound in self.by_token else ()
        genders: dict[str, str] = {}  # a person's gender from any of its mentions (« le premier ministre »)
        for m in self.mentions:
            if m.start < tok.i and m.keys[0] not in genders:
                g = self._gender(m)
                if g:
                    genders[m.keys[0]] = g
        maybe = None  # the nearest organisation or State whose gender the text does not show
        for m in reversed([m for m in self.mentions if start <= m.start < tok.i]):
            if m.keys[0] in bound_keys or m.kind in ("people", "pair", "group"):
                continue
            g = self._gender(m) or genders.get(m.keys[0])
            if g == "Fem":
                return m.keys[0]
            if g is None and self.actors[m.keys[0]].type == "Person":
                return maybe  # a person of unknown gender named since: the usual reading
            if g is None and maybe is None and m.kind == "name" \
                    and self.actors[m.keys[0]].type in ("Organization", "State"):
                maybe = m.keys[0]
        return maybe

    def _speaker(self, tok: Token) -> tuple[str, ...]:
        sent = tok.sent
        speech = self.lex.mod("speech_verbs")
        for t in sent:
            if t.lemma_.lower() in speech and t.pos_ in ("VERB", "AUX") and t.i != tok.i:
                for c in t.children:
                    if c.dep_ in ("nsubj", "nsubj:pass") and c.i != tok.i and c.lower_ not in self.lex.mod("first_person"):
                        keys = self.actors_at(c)
                        if keys:
                            return keys
        return ()

    def last_person_before(self, i: int, exclude: tuple[str, ...] = ()) -> str | None:
        """The person a pronoun at token ``i`` most likely refers to: the last person named as
        a subject before it (in this sentence or earlier), else the last person named."""
        best = None
        best_subj = None
        best_here = None    # (an object pronoun, ``exclude`` given: the last person of its sentence)
        sent_start = self.doc[i].sent.start
        for m in self.mentions:
            if m.start >= i:
                break
            for k in m.keys:
                if self.actors[k].type == "Person" and k not in exclude:
                    best = k
                    if exclude and m.start >= sent_start:
                        best_here = k
                    head = self.doc[m.start]
                    while head.head.i != head.i and head.head.i >= m.start and head.head.i < m.end:
                        head = head.head
                    if head.dep_ in ("flat:name", "flat", "appos", "nmod", "compound") \
                            and head.head.lower_ in self.lex.mod("honorifics"):
                        head = head.head  # « M. X accuse »: the parser heads the name by « M. »
                    if head.dep_ in ("nsubj", "nsubj:pass", "nsubjpass"):
                        best_subj = k
        return best_here or best_subj or best

    def last_pair_before(self, i: int, states: bool = False, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
        seen: list[str] = []
        for m in self.mentions:
            if m.start >= i:
                break
            for k in m.keys:
                if k in exclude:
                    continue
                if k in seen:
                    seen.remove(k)
                seen.append(k)
        persons = [k for k in seen if self.actors[k].type == "Person"]
        state_keys = [k for k in seen if self.actors[k].type == "State"]
        # « A et B ont demandé leur adhésion, après l'invasion de C par D. [...] aux deux pays »:
        # a pair the text coordinated, not the two last named
        coordinated = self._last_coordinated_pair(i, "State") if states else ()
        if coordinated:
            return coordinated
        for group in ((state_keys, persons) if states else (persons, state_keys)):
            if len(group) >= 2:
                return tuple(group[-2:])
        return ()

    def _last_coordinated_pair(self, i: int, typ: str) -> tuple[str, ...]:
        """The last two actors of type ``typ`` named side by side (« A et B », "A and B") in
        the two sentences before token ``i`` (or in its own)."""
        doc = self.doc
        first = doc[i].sent.start
        for _ in range(2):
            if first > 0:
                first = doc[first - 1].sent.start
        before = [m for m in self.mentions if first <= m.start and m.end <= i and len(m.keys) == 1
                  and self.actors[m.keys[0]].type == typ]
        for a, b in reversed(list(zip(before, before[1:]))):
            between = doc[a.end:b.start]
            if a.keys != b.keys and any(t.pos_ == "CCONJ" for t in between) \
                    and all(t.pos_ in ("CCONJ", "DET") or t.text == "," for t in between) and len(between) <= 3:
                return a.keys + b.keys
        return ()

    def leader_facts(self) -> list[tuple[str, str]]:
        """(person, state-or-organisation) pairs for ``geo:leaderOf``: persons mentioned who
        hold a leading role on the article's date, or are described in one."""
        out: list[tuple[str, str]] = []
        mentioned = {k for m in self.mentions for k in m.keys if m.kind in ("name", "ner", "description")}
        for key in mentioned:
            if self.actors[key].type != "Person":
                continue
            for r in self.gaz.roles_on(key, self.on) if key in self.gaz else ():
                if r.role in LEADER_ROLES and self._leadable(r.of):
                    out.append((key, r.of))
            for role, of in self.described_roles.get(key, ()):
                if role in LEADER_ROLES and self._leadable(of):
                    out.append((key, of))
        return sorted(set(out))

    def _leadable(self, ident: str) -> bool:
        """``leaderOf`` is for heads of states and of international organisations (those the
        gazetteer gives members or a parent organisation), not of armed groups or parties."""
        e = self.gaz.get(ident)
        return e is not None and (e.type == "State" or (e.type == "Organization" and bool(e.members or e.part_of)))

    def ensure(self, key: str) -> ActorRef:
        ref = self.actors.get(key)
        if ref is None and key in self.gaz:
            ref = self._actor_from_entry(self.gaz[key])
        return ref
