"""Turn a parsed article into interactions: who did what to whom.

For every token that a cue of the lexicon names (a verb such as « avertir », a noun such as
« sommet »), the extractor reads the cue's roles off the dependency parse:

* the **agent** is the subject (or the « par »/"by" agent of a passive; for a verb with no
  subject of its own, the subject it shares with the verb that governs it or that it is
  coordinated with; for a noun cue, the subject of the light verb that governs it — « imposer
  des sanctions » — else its own « de »/possessive/demonym complement);
* the **recipient** is the first actor among the arguments whose marker (``obj``, ``iobj``, a
  preposition) the relation's frame accepts; the **theme** the first non-actor argument;
* **negation**, **modality** and the **date** come from the cue's own clause and the verbs
  that govern it (:mod:`graphbuild.extract.modality`, :mod:`graphbuild.extract.dates`).

Works on the Universal Dependencies labels of the French pipelines and the ClearNLP labels of
the English ones. All words come from the lexicon; no actor or phrase is named here.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import date
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from ..gazetteer import LEADER_ROLES
from ..lexicon import Cue, Lexicon
from ..model import ActorRef, Article, Interaction, TopicRef
from . import dates as dates_mod
from .actors import ActorIndex, Mention

_SUBJ = ("nsubj", "csubj")
_SUBJ_PASS = ("nsubj:pass", "nsubjpass", "csubjpass")
_OBJ = ("obj", "dobj")
_IOBJ = ("iobj", "dative")
_AGENT = ("obl:agent", "agent")
_CASE_NORMAL = {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "d’": "de", "l'": None}
_TARGET_RELATIONS = frozenset({"denounces", "accuses", "rejects", "sanctions", "threatens", "attacks"})
_CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "acl:relcl", "relcl", "parataxis", "conj", "acl")
#: relations whose cue carries the act it governs (« menace de frapper », « propose de lever »)
_CARRIER_RELATIONS = frozenset({"threatens", "warns", "proposes", "promises", "demands", "agreesWith"})
#: relations whose object noun phrase may name the beneficiary (« défend le droit d'Israël »)
_BENEFICIARY_RELATIONS = frozenset({"supports"})
#: relations whose object pronoun (« l' », "him") stands for a person rather than a thing
_PERSON_OBJECT_RELATIONS = frozenset({"meetsWith", "negotiatesWith", "warns", "accuses", "threatens",
                                      "demands", "denounces", "supports", "attacks"})
#: relations that react to an act reported before (« a condamné la frappe »)
_REACTION_RELATIONS = frozenset({"denounces", "accuses", "rejects", "supports", "expressesConcern"})
_SYMMETRIC = frozenset({"meetsWith", "negotiatesWith", "coordinatesWith", "agreesWith"})
#: acts whose refusal is a rejection (« a refusé de signer l'accord », "refused to negotiate");
#: refusing to recognise or to condemn is only the negated act
_REFUSABLE = frozenset({"agreesWith", "promises", "concedes", "negotiatesWith"})
_PRESENCE_NOUNS = frozenset({"présence", "côté", "côtés", "presence", "yeux"})
#: noun cues whose phrase, hung on a verb, points at the verb's agent as the recipient
#: (« menées avec le soutien de X », « malgré les pressions de X »)
_SIDE_MARKERS = {"supports": ("avec", "with"), "aids": ("avec", "with"),
                 "demands": ("malgré", "sous", "despite", "under")}
_DIRECTIONS = frozenset({"vers", "toward", "towards", "into", "to", "jusqu'à"})
_TARGETING = frozenset({"viser", "cibler", "target", "concerner"})
#: material acts, which an unnamed unit (« des avions indiens ») performs for its State
_MATERIAL = frozenset({"attacks", "deploysForces", "aids"})
#: acts always addressed to someone: when no frame slot names the addressee, the first actor
#: the verb's clause names after it is taken (:meth:`Extractor._nearest_addressee`)
#: reactions that, with no target named, answer whoever last acted against the agent
#: (:meth:`Extractor._retaliation_target`)
_RETALIATING = frozenset({"denounces", "rejects", "threatens", "warns", "accuses"})
#: acts that, claimed by a third party, are that party's accusation (:meth:`Extractor._attributed`)
_CLAIMABLE = frozenset({"attacks", "threatens", "deploysForces", "sanctions", "expandsTowards", "aids"})
#: acts a light verb states with their own noun (« exprimer sa préoccupation », "voice concern",
#: « apporter son soutien »): that noun is the act, not what it is about
_STATED_ACTS = frozenset({"expressesConcern", "supports"})
#: warnings and threats whose condition names the one they are addressed to
#: (:meth:`Extractor._conditioned_party`)
_CONDITIONAL_THREATS = frozenset({"warns", "threatens"})
#: acts done for someone, whose addressee a promise of them is made to
_GIVING = frozenset({"concedes", "aids", "supports", "agreesWith", "meetsWith", "negotiatesWith"})
_ADDRESSED = frozenset({"accuses", "denounces", "sanctions", "threatens", "warns", "aids"})
_NEGATION_DEPS = ("advmod", "neg", "advmod:neg", "det", "cc")
#: endings of first-group French verb forms, longest first (for forms the lemmatiser missed)
_FIRST_GROUP_ENDINGS = ("eraient", "aient", "erait", "èrent", "eront", "ent", "ons", "ait", "era", "ez", "es", "e", "a")
#: markers of a phrase giving an act's motive (« par solidarité avec X », "in support of X")
_MOTIVE_MARKERS = frozenset({"par", "en", "in", "out"})
_CLOSING_QUOTES = frozenset({"»", '"', "”", "''"})


@dataclass
class _Role:
    keys: tuple[str, ...]
    how: str           # name | description | pronoun | inherited


def _case_marker(tok: Token) -> str | None:
    """The preposition introducing ``tok`` (« au » -> « à », « auprès de » -> « auprès »)."""
    for c in tok.children:
        if c.dep_ in ("case", "mark") and c.i < tok.i:
            low = c.lower_
            return _CASE_NORMAL.get(low, low)
    return None


def _has(tok: Token, words) -> bool:
    """Whether ``words`` lists the token's lemma or its form (the lemmatiser errs: « offre » ->
    « offrir »)."""
    return tok.lemma_.lower() in words or tok.lower_ in words


def _expand_conj(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON", "X", "ADJ"):
            out.extend(_expand_conj(c))
    return out


class Extractor:
    """Extract interactions from spaCy docs of one language.

    Args:
        lex: the language's lexicon.
        gaz: the gazetteer.
    """

    def __init__(self, lex: Lexicon, gaz):
        self.lex = lex
        self.gaz = gaz
        self.lang = lex.lang
        self.neg_words = lex.mod("negation")
        self.neg_gov = lex.mod("negating_governors")
        self.neg_dets = lex.mod("negative_determiners")
        self.place_preps = lex.mod("place_prepositions")
        self.object_pronouns = lex.mod("object_pronouns")
        self.event_nouns = lex.mod("event_nouns")
        self.place_words = lex.mod("place_words")
        self.mutual_words = lex.mod("mutual_words")
        self.same_words = lex.mod("same_words")
        self.same_act = tuple(tuple(p.split()) for p in lex.mod("same_act_phrases"))
        self.etre_verbs = lex.mod("etre_verbs")
        self.where_words = lex.mod("where_words")
        self.patient_nouns = lex.mod("patient_nouns")
        self.address_nouns = lex.mod("address_nouns")
        self.assistance_nouns = lex.mod("assistance_nouns")
        self.document_anaphors = lex.mod("document_anaphors")
        self.document_nouns = lex.mod("document_nouns")
        self.partitives = lex.mod("partitive_nouns")
        self._history: list[Interaction] = []
        self._sent_acts: list[tuple[Interaction, Token]] = []
        self._co_agents: set[str] = set()
        self.request_nouns = lex.mod("request_nouns")
        self.sublist_openers = lex.mod("sublist_openers")
        self.non_topic_words = lex.mod("non_topic_words")
        self.vote_verbs = lex.mod("vote_verbs")
        self.prevention_verbs = lex.mod("prevention_verbs")
        self.judgement_nouns = lex.mod("judgement_nouns")
        self.harm_verbs = lex.mod("harm_verbs")
        self.promise_markers = lex.mod("promised_act_markers")
        self.oath_verbs = lex.mod("oath_verbs")
        self.co_agent_markers = tuple(tuple(m.split()) for m in sorted(lex.mod("co_agent_markers"), key=len, reverse=True))
        self._inverted: dict[tuple[int, int], tuple[int, ...]] = {}   # (doc, verb) -> inverted subject
        self.hyp_gov = lex.mod("hypothetical_governors")
        self.req_gov = lex.mod("request_governors")
        self.perception = lex.mod("perception_verbs")
        self.agentive_nouns = lex.mod("agentive_nouns")
        self.refusing = lex.mod("refusing_governors")
        self.not_excluded = lex.mod("not_excluded")
        self.obtaining = lex.mod("obtaining_verbs")
        self.conveying = lex.mod("conveying_verbs")
        self.claim_verbs = lex.mod("claim_verbs")
        self.honorifics = lex.mod("honorifics")
        self.part_words = lex.mod("author_part_words")
        self.intensifiers = lex.mod("topic_intensifiers")
        self.visit_nouns = lex.mod("visit_nouns")
        self.claim_markers = lex.mod("claim_markers")
        self.allegation_verbs = lex.mod("allegation_verbs")
        self.cond_markers = lex.mod("conditional_markers")
        self.cond_suffixes = tuple(lex.mod("conditional_suffixes"))
        self.cond_stems = tuple(lex.mod("conditional_stems"))
        self.modal_aux = lex.mod("hypothetical_auxiliaries")
        self.future_adj = lex.mod("future_adjectives")
        self.speech = lex.mod("speech_verbs")
        self.consequence = lex.mod("consequence_words")
        self.demand_nouns = lex.mod("demand_nouns")
        self.rel_pron = lex.mod("relative_pronouns")
        self.personal_pronouns = lex.mod("personal_pronouns_sing") | lex.mod("personal_pronouns_plur")
        self.impersonal = lex.mod("impersonal_verbs")
        self.time_nouns = lex.mod("time_nouns")
        self.harm_nouns = lex.mod("harm_nouns")
        self.envoy_nouns = lex.mod("envoy_nouns")
        self.target_nouns = lex.mod("target_nouns")
        self.acceptance = lex.mod("acceptance_verbs")
        self.ending_nouns = lex.mod("ending_nouns")
        self.object_clitics = lex.mod("object_clitics")
        self.inversion_triggers = lex.mod("inversion_triggers")
        self.org_anaphors = lex.mod("organisation_anaphors") | lex.mod("named_organisation_anaphors")
        self.generic_org_anaphors = lex.mod("organisation_anaphors")
        self.date_words = dates_mod.names(self.lang)
        self.cue_lemmas = frozenset(lex.by_lemma)

    # -- roles ---------------------------------------------------------------------------

    def _actors(self, idx: ActorIndex, tok: Token) -> tuple[str, ...]:
        keys = idx.actors_at(tok)
        if keys:
            return keys
        low = tok.lower_
        if tok.pos_ in ("NOUN", "PROPN") and _has(tok, self.org_anaphors) \
                and any(c.dep_ == "det" and "Def" in c.morph.get("Definite") for c in tok.children):
            # « la Cour », « l'alliance », "the bloc": the last organisation named before whose
            # name has that word, else (for the generic words) the last organisation
            word = dates_mod._norm(tok.text)
            orgs = [m for m in idx.mentions if m.start < tok.i and idx.actors[m.keys[0]].type == "Organization"]
            for m in reversed(orgs):
                ref = idx.actors[m.keys[0]]
                if word in dates_mod._norm(m.text).split() or word in dates_mod._norm(ref.label).split():
                    return (m.keys[0],)
            if orgs and word in self.generic_org_anaphors:
                return (orgs[-1].keys[0],)
        if (low in self.rel_pron or (tok.pos_ == "PRON" and "Rel" in tok.morph.get("PronType"))) \
                and tok.head.dep_ in ("acl:relcl", "relcl"):
            return self._actors(idx, tok.head.head)
        if tok.dep_ in ("det", "poss", "nmod:poss") and ("Yes" in tok.morph.get("Poss") or tok.pos_ == "PRON"):
            # « leur coordination », "their coordination": the subject of the clause
            cur = tok.head
            if cur.head.pos_ not in ("VERB", "AUX"):
                return ()  # only a noun the verb governs directly: « insistent sur leur coordination »
            for _ in range(4):
                if cur.pos_ in ("VERB", "AUX"):
                    for c in cur.children:
                        if c.dep_ in _SUBJ and c.i != tok.i and c.i != tok.head.i:
                            return self._arg_actors(idx, c)
                    break
                if cur.head is cur or cur.head.i == cur.i:
                    break
                cur = cur.head
        return ()

    def _arg_actors(self, idx: ActorIndex, tok: Token, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
        keys: list[str] = []
        if tok.lemma_.lower() in self.partitives and tok.i not in idx.by_token:
            # "a group of Russian diplomats", « une délégation de l'Otan »: the group's members
            for m, sub in self._arguments(tok):
                if m in ("of", "de"):
                    # « un groupe d'experts de l'ONU »: the members, else whom they belong to
                    return self._arg_actors(idx, sub, exclude) or self._np_actor(idx, sub, 1)
        conj = _expand_conj(tok)
        m = idx.by_token.get(tok.i)
        if m is None and tok.pos_ == "NOUN":
            # « le général X et son adjoint »: the conjunct hangs on the title's name
            m = next((idx.by_token[c.i] for c in tok.children
                      if c.dep_ in ("flat:name", "flat", "appos") and c.i in idx.by_token), None)
        if m is not None and m.end - m.start > 1:
            # « L'Arabie saoudite et l'Iran » with « Iran » coordinated to « saoudite »
            for x in tok.doc[m.start:m.end]:
                if x.i != tok.i:
                    conj += [y for c in x.children if c.dep_ == "conj" and not (m.start <= c.i < m.end)
                             for y in _expand_conj(c)]
        for t in conj:
            if exclude and t.pos_ == "PRON" and t.i not in idx.by_token and (
                    "Plur" in t.morph.get("Number") or t.lower_ in ("them", "eux")):
                # "warned the Taliban ... and urged them to": a plural pronoun is a group or
                # State of its sentence, not a person
                k = next((mm.keys[0] for mm in reversed(idx.mentions) if t.sent.start <= mm.start < t.i
                          and mm.keys[0] not in exclude and idx.actors[mm.keys[0]].type != "Person"), None)
                if k and k not in keys:
                    keys.append(k)
                continue
            if exclude and t.pos_ == "PRON" and t.i not in idx.by_token:
                # « qui l'a reçu »: an object pronoun is someone other than the agent
                k = idx.last_person_before(t.i, exclude=exclude)
                if k and k not in keys:
                    keys.append(k)
                continue
            found = self._actors(idx, t)
            if not found and t.pos_ == "NOUN":
                # « les chefs de la diplomatie des deux pays, A et B »
                for c in t.children:
                    if c.dep_ == "appos" and c.i > t.i:
                        found = tuple(k for x in _expand_conj(c) for k in self._actors(idx, x))
                        break
                if not found:
                    # « le porte-parole de la diplomatie iranienne, X, »: the person apposed to
                    # the title hung on its complement
                    for c in t.children:
                        if c.dep_ in ("nmod", "prep") and c.i > t.i:
                            g = next((g for g in (c.children if c.dep_ == "nmod" else (x for y in c.children for x in y.children))
                                      if g.dep_ == "appos" and g.i in idx.by_token and g.doc[idx.by_token[g.i].start - 1].text == ","
                                      and idx.actors[idx.by_token[g.i].keys[0]].type == "Person"), None)
                            if g is not None:
                                found = idx.by_token[g.i].keys
                                break
                if not found and "Plur" in t.morph.get("Number"):
                    # (the apposition hung elsewhere: read the names right after the phrase)
                    doc = t.doc
                    end = max(x.i for x in t.subtree) + 1
                    if end + 1 < len(doc) and doc[end].text == "," and end + 1 in idx.by_token \
                            and idx.actors[idx.by_token[end + 1].keys[0]].type == "Person":
                        first = idx.by_token[end + 1]
                        found = tuple(dict.fromkeys(k for x in _expand_conj(doc[end + 1]) for k in self._actors(idx, x)
                                                    if idx.actors[k].type == "Person")) or first.keys
            for k in found:
                if k not in keys:
                    keys.append(k)
        return tuple(keys)

    def _subject(self, idx: ActorIndex, v: Token, depth: int = 0) -> tuple[_Role | None, Token | None, bool]:
        """(agent, patient token, passive) of verb ``v``."""
        passive = any(c.dep_ in _SUBJ_PASS or c.dep_ in ("aux:pass", "auxpass") for c in v.children)
        if passive and not any(c.dep_ in ("aux:pass", "auxpass") for c in v.children) and any(
                (c.dep_.startswith("aux") and c.lemma_.lower() in ("avoir", "have"))
                or (c.pos_ == "PRON" and "Yes" in c.morph.get("Reflex")) for c in v.children):
            # « M. X a proposé » with « M. » tagged as a passive subject; « X et Y se sont
            # accordés »: a reflexive verb, not a passive
            passive = False
        if passive and (any(c.pos_ == "PRON" and "Yes" in c.morph.get("Reflex") for c in v.children)
                        or v.lemma_.lower() in self.etre_verbs) \
                and not any(c.dep_ in _AGENT for c in v.children):
            passive = False  # « X s'en est pris à Y », « X est entré en guerre »: « être » as auxiliary
        if v.dep_ == "acl" and "Part" in v.morph.get("VerbForm") and v.head.dep_ in ("obl", "obl:arg", "obl:mod") \
                and v.head.head.pos_ == "AUX" and v.head.head.lemma_.lower() in ("avoir", "être") \
                and v.head.i < v.i and not any(c.dep_ in _SUBJ for c in v.children):
            # « X et Y ont à leur tour rompu avec Z » read as « ont » with « tour rompu »:
            # the auxiliary's subject is the participle's
            aux = v.head.head
            subj = next((c for c in aux.children if c.dep_ in _SUBJ), None)
            if subj is not None:
                keys = self._arg_actors(idx, subj)
                if keys:
                    return _Role(keys, "pronoun" if subj.pos_ == "PRON" else "name"), None, False
        patient = None
        agent = None
        # the subject before the verb first: a second "subject" after it is usually a
        # misparsed object or apposition; an inverted one (« a déclaré l'Élysée ») counts alone
        children = sorted(v.children, key=lambda c: (c.dep_ in _SUBJ and c.i > v.i, c.i))
        expl = self._personal_expletive(v)
        for c in children:
            if (c.dep_ in _SUBJ or c.dep_ in _SUBJ_PASS or (expl is not None and c.i == expl.i)) and not passive:
                if agent is not None:
                    if c.i < v.i and c.dep_ in _SUBJ and agent.how == "name":
                        # « Le président A, X, le président B, Y, et le président C, Z, ont
                        # paraphé »: a list of subjects the parser split
                        more = tuple(k for k in self._arg_actors(idx, c) if k not in agent.keys)
                        if more:
                            agent = _Role(agent.keys + more, agent.how)
                    continue
                keys = self._arg_actors(idx, c)
                how = "pronoun" if c.pos_ == "PRON" else "name"
                if keys:
                    agent = _Role(keys, how)
                elif any(d.dep_ in _SUBJ and c.i < d.i < v.i for d in v.children):
                    # (« A, a prévenu que ..., et le président B a exprimé ... » with both
                    # subjects hung on the second verb: the nearer one is its own)
                    continue
                elif c.pos_ != "PRON" or c.lower_ not in self.rel_pron:
                    return None, None, passive  # a subject that is no actor: not an interaction
            elif c.dep_ in _SUBJ_PASS or (passive and c.dep_ in _SUBJ):
                patient = c
            elif c.dep_ in _AGENT:
                tgt = c
                if c.dep_ == "agent":  # English: agent -> pobj
                    tgt = next((g for g in c.children if g.dep_ == "pobj"), None)
                if tgt is not None:
                    keys = self._arg_actors(idx, tgt)
                    if not keys and _has(tgt, self.event_nouns) and self._cue_relation(v, idx) in _MATERIAL | {"sanctions"}:
                        # « visés par des tirs du groupe X », "hit by X's strikes": the act's author
                        keys = self._np_actor(idx, tgt, 1)
                    if keys:
                        agent = _Role(keys, "name")
            elif c.dep_ in ("obl:mod", "obl") and (passive or v.dep_ in ("acl", "advcl")) and _case_marker(c) == "par":
                keys = self._arg_actors(idx, c)
                if keys:
                    agent = _Role(keys, "name")
        if (passive or (v.dep_ == "acl" and self._past_participle(v))) and agent is None:
            # « des sanctions ont été imposées au pays A par l'organisation B » with « par B »
            # hung on « A »: a « par » actor one phrase down is the agent
            for c in v.children:
                if c.dep_ in ("obl", "obl:arg", "obl:mod", "nmod") and c.i > v.i:
                    for g in c.children:
                        if g.dep_ in ("nmod", "obl:agent") and _case_marker(g) == "par" and g.i > c.i:
                            keys = self._arg_actors(idx, g)
                            if keys:
                                agent = _Role(keys, "name")
                                break
                if agent is not None:
                    break
        if not passive and v.pos_ in ("VERB", "AUX"):
            # « Moscou et Pékin ont salué ... », « Kiev et les Occidentaux accusent ... »: the
            # parser often leaves the first of two coordinated subjects dangling as a root
            extra = self._dangling_subjects(idx, v, agent)
            if extra:
                keys = tuple(dict.fromkeys(extra + (agent.keys if agent else ())))
                agent = _Role(keys, agent.how if agent else "name")
            if agent is None and v.dep_ == "ROOT" and not any(c.dep_ in _SUBJ + _SUBJ_PASS for c in v.children):
                # « ..., A et B se sont entretenus » with the names hung anywhere: the names
                # right before the verb's clitics and auxiliaries
                j = v.i - 1
                while j >= v.sent.start and (v.doc[j].dep_.startswith(("aux", "expl")) or v.doc[j].dep_ == "advmod"
                                             and v.doc[j].pos_ == "ADV"):
                    j -= 1
                m = idx.by_token.get(j)
                if m is not None and m.kind in ("name", "ner", "description", "capital"):
                    keys = m.keys + self._enumeration(idx, v, m.keys)
                    agent = _Role(tuple(dict.fromkeys(keys)), "name")
        if agent is None and not passive:
            agent = self._inverted_speaker(idx, v)
        if agent is None and patient is None and v.dep_ == "acl" and v.head.i < v.i and v.head.pos_ in ("NOUN", "PROPN") \
                and any(c.dep_ == "aux:tense" and c.lemma_.lower() == "avoir" for c in v.children):
            # « Le ministre X, a lui aussi appelé Y » parsed as a participle on the noun: with
            # its own « a », it is the clause's verb and the noun its subject
            keys = self._actors(idx, v.head)
            if keys:
                agent = _Role(keys, "name")
        if agent is not None and patient is None and v.dep_ == "acl" and self._past_participle(v) \
                and v.head.i != v.i and not any(c.dep_ == "aux:tense" for c in v.children):
            # « les rebelles X, soutenus par le pays Y »: the noun a passive participle qualifies
            # (« l'Ossétie du Sud, région séparatiste soutenue par Moscou »: the apposed noun)
            target = v.head
            if target.i not in idx.by_token and target.dep_ == "appos" and target.head.i in idx.by_token:
                target = target.head
            return agent, target, True
        if agent is not None and patient is None and v.dep_ == "advcl" and v.i < v.head.i \
                and self._past_participle(v) and "Part" in v.morph.get("VerbForm") \
                and not any(c.dep_.startswith("aux") for c in v.children):
            # « Reçu à la présidence par X, le ministre Y a ... »
            head_subj = next((c for c in v.head.children if c.dep_ in _SUBJ), None)
            if head_subj is None and depth < 2:
                # the main verb's subject left hanging as an apposition: its repaired subject
                a2, _, _ = self._subject(idx, v.head, depth + 1)
                if a2 is not None:
                    head_subj = next((v.doc[j] for j in range(v.head.i - 1, v.i, -1) if j in idx.by_token
                                      and set(idx.by_token[j].keys) & set(a2.keys)
                                      and not set(idx.by_token[j].keys) & set(agent.keys)), None)
            if head_subj is not None:
                agent = _Role(tuple(k for k in agent.keys if k not in self._arg_actors(idx, head_subj)) or agent.keys, agent.how)
                return agent, head_subj, True
        if agent is not None or depth > 3:
            return agent, patient, passive
        if "Part" in v.morph.get("VerbForm") and "Pres" in v.morph.get("Tense") and v.i > 0 \
                and (v.doc[v.i - 1].lower_ == "en" or (v.i > 1 and v.doc[v.i - 2].lower_ == "en")
                     or (v.doc[v.i - 1].text == "," and v.head.pos_ in ("VERB", "AUX") and v.head.i < v.i)):
            # (and a present participle after a comma: « X s'est proclamé président, contestant
            # la légitimité de Y »)
            # « ..., tout en exhortant Moscou et Ankara à ... »: a gerund's subject is the main
            # clause's, whatever the parser attached it to
            for w in reversed(v.doc[v.sent.start:v.i]):
                if w.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJ for c in w.children):
                    a, _, _ = self._subject(idx, w, depth + 1)
                    if a is not None:
                        return _Role(a.keys, "inherited"), patient, passive
                    break
        if v.dep_ == "acl" and "Part" in v.morph.get("VerbForm") and "Pres" in v.morph.get("Tense") \
                and v.head.pos_ == "NOUN" and v.head.dep_ in _OBJ and v.head.head.pos_ in ("VERB", "AUX"):
            # « a adopté une résolution exigeant un cessez-le-feu »: the adopter demands
            a, _, _ = self._subject(idx, v.head.head, depth + 1)
            if a is not None:
                return _Role(a.keys, "inherited"), patient, passive
        head = v.head
        if v.dep_ in ("xcomp", "acomp") and head.pos_ in ("ADJ", "ADV", "ADP") and head.head.i != head.i \
                and not any(c.dep_ in _SUBJ for c in head.children):
            # "Arnor is about to restore ...", "Russia is ready to meet ...": the copula's subject
            a, _, _ = self._subject(idx, head.head, depth + 1)
            return (_Role(a.keys, "inherited") if a else None), patient, passive
        if v.dep_ == "acomp" and head.i != v.i:
            # "Germany is concerned about ...": the copula's subject
            a, _, _ = self._subject(idx, head, depth + 1)
            return (_Role(a.keys, "inherited") if a else None), patient, passive
        if v.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
            # "did not commit to freeing Navalny": the verb that governs the preposition
            head = head.head
            a, _, _ = self._subject(idx, head, depth + 1)
            return (_Role(a.keys, "inherited") if a else None), patient, passive
        if v.dep_ in ("xcomp", "ccomp") and head.i != v.i and head.lemma_.lower() in self.perception:
            # « le Conseil a entendu X exhorter Y »: the perceived one acts
            obj = next((c for c in head.children if c.dep_ in _OBJ and c.i < v.i), None)
            if obj is not None:
                keys = self._arg_actors(idx, obj)
                return (_Role(keys, "name") if keys else None), patient, passive
        if v.dep_ == "acl" and "Inf" in v.morph.get("VerbForm") and head.dep_ in _OBJ \
                and head.head.lemma_.lower() in self.perception:
            # (the infinitive hung on the perceived noun: « a entendu le secrétaire général, X,
            # exhorter Y »)
            keys = self._arg_actors(idx, head)
            return (_Role(keys, "name") if keys else None), patient, passive
        if v.dep_ in ("xcomp",) and head.i != v.i:
            if head.lemma_.lower() in self.req_gov:
                return None, patient, passive  # « appeler X à négocier »: not X's act yet
            a, hp, hpass = self._subject(idx, head, depth + 1)
            if a is None and hpass and hp is not None:
                # "X is expected to meet ...": the subject of a passive raising verb
                keys = self._arg_actors(idx, hp)
                a = _Role(keys, "inherited") if keys else None
            return (_Role(a.keys, "inherited") if a else None), patient, passive
        if v.dep_ == "conj" and head is not v and head.pos_ not in ("VERB", "AUX") and not passive:
            # « a rejeté vendredi ce chantage et appelé la Turquie à ... » parsed with the second
            # verb coordinated to a noun of the first: the nearest verb above shares its subject
            up = head
            while up.head.i != up.i and up.pos_ not in ("VERB", "AUX"):
                up = up.head
            if up.pos_ in ("VERB", "AUX") and up.i < v.i and not any(c.dep_ in _SUBJ for c in v.children):
                head = up
        if v.dep_ == "conj" and head is not v and head.pos_ in ("VERB", "AUX") and not (passive and patient is not None):
            # (not into a passive with no agent: "X resigned, and Y was dismissed")
            a, _, hp = self._subject(idx, head, depth + 1)
            if a is None:
                # « s'est dit alarmé par les combats et a réclamé ... »: the first verb of the
                # coordination has no subject of its own either; the clause above has it
                up = head.head
                for _ in range(3):
                    if up.i == up.head.i and not any(c.dep_ in _SUBJ for c in up.children):
                        break
                    if up.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJ for c in up.children):
                        a, _, _ = self._subject(idx, up, depth + 1)
                        break
                    up = up.head
            return (_Role(a.keys, "inherited") if a else None), patient, passive
        rel = next((c for c in v.children if c.dep_ in _SUBJ and c.lower_ in self.rel_pron and c.i < v.i), None)
        if v.dep_ in ("acl:relcl", "relcl") or rel is not None:
            # (the antecedent: the head of a relative clause, else the noun right before « qui »
            # when the parser hung the clause elsewhere)
            ante = head
            if v.dep_ not in ("acl:relcl", "relcl"):
                j = rel.i - 1
                while j > v.sent.start and (v.doc[j].is_punct or v.doc[j].pos_ == "NUM"):
                    j -= 1
                ante = v.doc[j]
            keys = self._arg_actors(idx, ante) if ante.pos_ in ("NOUN", "PROPN") else ()
            if keys and not passive:
                return _Role(keys, "name"), patient, passive
            if not keys and not passive and _has(ante, self.document_nouns) and ante.dep_ in _OBJ \
                    and ante.head.pos_ in ("VERB", "AUX") and depth < 3:
                # « a adopté une résolution qui exige ... »: the adopter demands
                a, _, _ = self._subject(idx, ante.head, depth + 1)
                if a is not None:
                    return _Role(a.keys, "inherited"), patient, passive
        if v.dep_ in ("acl", "advcl") and patient is None and (
                "Part" in v.morph.get("VerbForm") or "Ger" in v.morph.get("VerbForm")):
            head_subj = next((c for c in head.children if c.dep_ in _SUBJ), None)
            if self._past_participle(v):
                # « Reçu à l'Élysée par son homologue, le chef de l'État ... »: passive participle
                target = head if v.dep_ == "acl" else head_subj
                return agent, target, True
            if v.dep_ == "advcl" and head_subj is not None:
                # "Speaking at a news conference, Lula dismissed ...", « en pénétrant »
                keys = self._arg_actors(idx, head_subj)
                if keys:
                    return _Role(keys, "inherited"), patient, passive
        if agent is None and patient is None and not passive and v.morph.get("Mood") \
                and not any(c.dep_ in _SUBJ + _SUBJ_PASS for c in v.children) and v.i > v.sent.start \
                and v.doc[v.i - 1].text == ",":
            # « la résolution, qui appelle X à ..., exige Y et invite Z à ... » with the list of
            # verbs broken up by the parser: the verb before the comma shares its subject
            for j in range(v.i - 2, max(v.sent.start, v.i - 25) - 1, -1):
                w = v.doc[j]
                if w.pos_ == "VERB" and w.morph.get("Mood") and any(c.dep_ in _SUBJ for c in w.children):
                    a, _, _ = self._subject(idx, w, depth + 1)
                    if a is not None:
                        return _Role(a.keys, "inherited"), patient, passive
                    break
        return agent, patient, passive

    def _promised_harm(self, t: Token) -> bool:
        """A word of harm among the nouns a promise governs, in its own clause."""
        for x in t.subtree:
            if x.i <= t.i or x.pos_ != "NOUN" or not _has(x, self.harm_nouns):
                continue
            if not any(a.pos_ in ("VERB", "AUX") and a.i != t.i for a in x.ancestors if t in a.ancestors):
                return True
        return False

    def _dated(self, tok: Token) -> bool:
        """Whether a token is a date word (weekday, month, « hier », "today"...)."""
        return dates_mod._norm(tok.text) in self.date_words

    def _personal_expletive(self, v: Token) -> Token | None:
        """« Il s'en est aussi pris à X » with « il » tagged as an impersonal subject: a
        personal pronoun is the subject of any verb that is not impersonal."""
        if any(c.dep_ in _SUBJ or c.dep_ in _SUBJ_PASS for c in v.children) \
                or v.lemma_.lower() in self.impersonal:
            return None
        if any(c.dep_ in ("aux:pass", "cop") or (c.dep_.startswith("aux") and c.lemma_.lower() in ("être", "be")
                                                   and v.lemma_.lower() not in self.etre_verbs)
               for c in v.children) and not any(c.pos_ == "PRON" and "Yes" in c.morph.get("Reflex") for c in v.children):
            return None  # « il lui est interdit de », « il a été décidé de »: impersonal
        return next((c for c in v.children if c.dep_ == "expl:subj" and c.pos_ == "PRON" and c.i < v.i
                     and c.lower_ in self.personal_pronouns), None)

    def _inverted_speaker(self, idx: ActorIndex, v: Token) -> "_Role | None":
        """« « Nous ne céderons pas », a averti le ministre », "'No,' said the envoy": after a
        closing quotation mark and a comma, a verb with no subject before it has its subject
        right after it, which the parser tends to take for the object."""
        np = self._inverted_subject(idx, v)
        return _Role(idx.by_token[np[0]].keys, "inverted") if np else None

    def _inverted_subject(self, idx: ActorIndex, v: Token) -> tuple[int, ...]:
        """The token indices of the noun phrase of an inverted subject (its mention first),
        computed once per verb of the document being read."""
        key = (id(v.doc), v.i)
        if key not in self._inverted:
            self._inverted[key] = self._find_inverted_subject(idx, v)
        return self._inverted[key]

    def _find_inverted_subject(self, idx: ActorIndex, v: Token) -> tuple[int, ...]:
        if any((c.dep_ in _SUBJ or c.dep_ in _SUBJ_PASS) and c.i < v.i for c in v.children):
            return ()
        doc = v.doc
        j = v.i - 1
        while j > v.sent.start and (doc[j].dep_.startswith(("aux", "expl")) or doc[j].pos_ in ("AUX", "ADV")
                                    or (doc[j].pos_ in ("PRON", "DET") and doc[j].lower_ in self.object_clitics)):
            j -= 1
        quoted = j > v.sent.start and doc[j].text == "," and doc[j - 1].text in _CLOSING_QUOTES
        # (« comme l'en avait accusé le président X »)
        if not quoted and not (j >= v.sent.start and doc[j].lower_ in self.inversion_triggers):
            return ()
        k = v.i + 1
        while k < v.sent.end and k < v.i + 5 and k not in idx.by_token and (
                doc[k].pos_ in ("ADV", "DET") or self._dated(doc[k])
                or (doc[k].pos_ == "ADP" and k + 1 < len(doc) and self._dated(doc[k + 1]))):
            k += 1  # (« a averti mardi le ministre », « l'en avait accusé en décembre le président »)
        m = idx.by_token.get(k)
        if m is None or m.kind not in ("name", "ner", "description", "capital"):
            return ()
        # the phrase's head: the mention's token whose head lies outside it
        head = next((doc[i] for i in range(m.start, m.end) if not m.start <= doc[i].head.i < m.end), doc[k])
        return (k,) + tuple(x.i for x in head.subtree if x.i != k)

    def _dangling_subjects(self, idx: ActorIndex, v: Token, agent: "_Role | None") -> tuple[str, ...]:
        """Actors named at the start of the clause that the parser attached to nothing (a second
        root, or the head the verb is coordinated to), with only « et »/commas/the real
        subject between them and the verb."""
        sent = v.sent
        subj = next((c for c in v.children if c.dep_ in _SUBJ and c.i < v.i), None)
        if subj is None and agent is not None:
            return ()
        cands = []
        for x in sent:
            if x.i >= v.i:
                break
            if x.i not in idx.by_token or x.pos_ not in ("PROPN", "NOUN"):
                continue
            dangling = (x.head.i == x.i and x.i != v.i) or (v.dep_ == "conj" and v.head.i == x.i) or (
                subj is None and x.head.i == v.i and x.dep_ in ("obl", "obl:mod", "nmod", "dislocated", "appos", "dep", "npadvmod")
                and not any(c.dep_ == "case" for c in x.children))
            if dangling:
                cands.append(x)
        finite = "Fin" in v.morph.get("VerbForm") or any(c.dep_.startswith("aux") for c in v.children)
        if subj is None and finite:
            # « ..., le secrétaire général de l'organisation, X, a exhorté Y »: with
            # no subject at all, an actor named right before the verb (commas, auxiliaries and
            # adverbs between) is its subject
            k = v.i - 1
            while k >= sent.start and (sent.doc[k].is_punct or sent.doc[k].pos_ in ("AUX", "ADV", "PART")
                                       or sent.doc[k].dep_.startswith("aux")):
                k -= 1
            m = idx.by_token.get(k) if k >= sent.start else None
            if m is not None and k + 1 < v.i and sent.doc[k + 1].text == ",":
                # « X, pourtant l'allié le plus fidèle de M. Y, a jugé »: a name after a
                # preposition ends an apposition; its holder, before the opening comma, is the subject
                j = m.start - 1
                while j > sent.start and (sent.doc[j].pos_ == "DET" or sent.doc[j].lower_ in self.honorifics):
                    j -= 1
                if sent.doc[j].pos_ == "ADP":
                    m = None
                    for c in range(j - 1, sent.start, -1):
                        w = sent.doc[c]
                        if w.pos_ in ("VERB", "AUX"):
                            break
                        if w.text == "," and c - 1 in idx.by_token:
                            holder = idx.by_token[c - 1]
                            if sent.doc[c - 1].pos_ == "PROPN" and holder.kind in ("name", "ner", "capital"):
                                return tuple(holder.keys)
                            break
            if m is not None and sent.doc[k].pos_ in ("PROPN", "NOUN") and m.start >= sent.start \
                    and not any(c.dep_ == "case" for t in sent.doc[m.start:m.end] for c in t.children if c.i < m.start) \
                    and sent.doc[k].dep_ not in _OBJ + _IOBJ + ("pobj",) and (k + 1 < v.i and sent.doc[k + 1].text == ","):
                return tuple(m.keys)
        if not cands:
            return ()
        x = cands[-1]
        # nothing but the dangling phrase, a coordinator, the subject and adverbs before the verb
        stop = subj.left_edge.i if subj is not None else v.i

        def own(t: Token) -> bool:  # in x's phrase, not in the verb's clause hanging under x
            while t.i != x.i:
                if t.i == v.i:
                    return False
                t = t.head
            return True
        right = max((t.i for t in x.subtree if t.i < stop and own(t)), default=x.i)
        gap = sent.doc[right + 1:stop]
        if subj is not None and not any(g.lower_ in ("et", "and", ",") for g in gap):
            return ()
        if any(g.pos_ in ("VERB",) or (g.pos_ == "AUX" and subj is not None) for g in gap):
            return ()
        if subj is None and any(g.pos_ in ("NOUN", "PROPN") and g.i not in idx.by_token
                                and not any(c.dep_ == "case" for c in g.children)
                                and not self._dated(g) for g in gap):
            return ()  # a noun phrase of its own between them: the subject is elsewhere
        keys: list[str] = []
        for t in _expand_conj(x):
            if subj is not None and t.i >= subj.i:
                break
            keys.extend(k for k in self._actors(idx, t) if k not in keys)
        return tuple(keys)

    def _demonym_subject(self, idx: ActorIndex, v: Token) -> "_Role | None":
        subj = next((c for c in v.children if c.dep_ in _SUBJ), None)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
            return None
        for c in subj.subtree:
            if (c.pos_ in ("ADJ", "PROPN") or (c.pos_ == "NOUN" and c.text.islower())) and c.i != subj.i \
                    and c.dep_ not in ("appos", "conj", "acl", "acl:relcl", "relcl"):
                e = self.gaz.adjective(c.text)
                if e is not None and e.type == "State":
                    idx.ensure(e.id)
                    return _Role((e.id,), "description")
        return None

    @staticmethod
    def _past_participle(v: Token) -> bool:
        if v.tag_ in ("VBN",):
            return True
        if v.tag_ in ("VBG",):
            return False
        return "Past" in v.morph.get("Tense") or not v.morph.get("Tense")

    def _arguments(self, v: Token) -> Iterator[tuple[str, Token]]:
        """(marker, head token) of each argument of a verb or noun cue."""
        yield from self._args(v)
        if v.pos_ in ("VERB", "AUX"):
            # « a bombardé jeudi 13 octobre Kharkiv »: the phrase after a date, hung on the date
            for c in v.children:
                if c.i > v.i and c.dep_ in ("obl:mod", "obl", "nmod", "npadvmod") and self._dated(c):
                    for g in c.subtree:
                        if g.i <= c.i or g.pos_ not in ("NOUN", "PROPN") or self._dated(g):
                            continue
                        chain = [a for a in g.ancestors if a.i == c.i or c in a.ancestors]  # g's head up to c
                        if not all(self._dated(a) or a.pos_ == "NUM" for a in chain):
                            continue
                        m = _case_marker(g)
                        yield (m or "obj"), g
                        break

    def _args(self, v: Token) -> Iterator[tuple[str, Token]]:
        for c in v.children:
            dep = c.dep_
            if dep in _OBJ:
                yield "obj", c
            elif dep in _IOBJ:
                if c.pos_ == "ADP":  # "paid tribute to X": a dative preposition and its object
                    yield from ((c.lower_, g) for g in c.children if g.dep_ == "pobj")
                else:
                    yield "iobj", c
            elif dep in ("obl", "obl:arg", "obl:mod", "nmod", "obl:agent"):
                m = _case_marker(c)
                if c.lemma_.lower() in self.address_nouns and m in ("à",):
                    # « a averti ... à l'adresse de X », « à l'intention de X »: addressed to X
                    for g in c.children:
                        if g.dep_ in ("nmod",) and _case_marker(g) in ("de", "du", "des"):
                            yield "à", g
                    continue
                if c.lemma_.lower() in self.request_nouns and m in ("à", "sur", "at", "on"):
                    continue  # « à la demande de X », "at the request of X": X asked; no party
                if c.lemma_.lower() in _PRESENCE_NOUNS and m in ("en", "aux", "à", "in", "sous"):
                    # « en présence de X », « aux côtés de X », "in the presence of X": with X
                    for g in c.children:
                        if g.dep_ in ("nmod",) and _case_marker(g) in ("de", "of"):
                            yield "présence", g
                    continue
                if m:
                    yield m, c
                elif dep == "nmod":
                    yield "de", c
                elif c.i > v.i and v.pos_ in ("VERB", "AUX") and c.pos_ in ("PROPN", "NOUN"):
                    yield "obj", c  # a bare noun phrase after the verb, mis-tagged as oblique
            elif dep == "prep":
                if c.lower_ in ("at", "on") and any(g.dep_ == "pobj" and g.lemma_.lower() in self.request_nouns
                                                    for g in c.children):
                    continue
                for g in c.children:
                    if g.dep_ == "pobj":
                        yield c.lower_, g
                    elif g.dep_ == "prep":  # "on behalf of", "because of"
                        for h in g.children:
                            if h.dep_ == "pobj":
                                yield g.lower_, h
            elif dep in ("nmod:poss", "poss"):
                yield "poss", c
            elif dep == "det" and "Yes" in c.morph.get("Poss"):
                yield "poss", c
            elif dep in ("amod", "compound"):
                yield "amod", c
            elif dep == "xcomp" and c.pos_ in ("PROPN", "NOUN") and v.pos_ in ("VERB", "AUX") and c.i > v.i:
                yield "obj", c  # « a appelé la Turquie à ... » with the object mis-tagged
            elif dep == "advmod" and c.lower_ in ("eastward", "eastwards", "westward", "westwards"):
                yield "vers", c
            elif dep in ("advmod", "dep") and c.pos_ == "ADV" and c.i > v.i and c.lower_ != "lors":
                # (« lors d'une visite au Maroc » is a time phrase, read with the noun's cue)
                # « autour de l'île », « près de la frontière » parsed as an adverb and its object
                for g in c.children:
                    if g.dep_ in ("dep", "nmod", "obl", "obl:arg", "pobj") and g.pos_ in ("NOUN", "PROPN"):
                        yield c.lower_, g

    # -- flags ---------------------------------------------------------------------------

    def _is_negated(self, t: Token) -> bool:
        for c in t.children:
            if c.dep_ in _SUBJ and any(g.dep_ in ("preconj", "advmod", "cc") and g.lower_ in ("neither", "ni")
                                       and g.i < c.i for g in c.children):
                return True  # "Neither France nor Germany boycotted Russia"
            if c.dep_ in _OBJ and any(g.dep_ == "det" and g.lower_ in self.neg_dets for g in c.children):
                return True  # "offered no timetable", « n'a fait aucune concession »
            if c.lower_ in self.neg_words and c.dep_ in _NEGATION_DEPS:
                if c.lower_ == "plus" and not any(x.lower_ in ("ne", "n'", "n’") for x in t.children):
                    continue
                if c.lower_ == "ni" and c.dep_ == "cc":
                    continue
                return True
            if c.dep_ in ("aux", "aux:tense", "aux:pass", "auxpass") and any(
                    g.lower_ in self.neg_words and g.dep_ in _NEGATION_DEPS for g in c.children):
                return True
        return False

    def _is_conditional_form(self, t: Token) -> bool:
        if "Cnd" in t.morph.get("Mood") or "Fut" in t.morph.get("Tense"):
            return True
        low = t.lower_
        if self.cond_suffixes and low.endswith(self.cond_suffixes):
            lem = t.lemma_.lower()
            if low.startswith(lem) or low.startswith(lem[:-1]) or low.startswith(self.cond_stems):
                return True
        return False

    def _flags(self, t: Token) -> tuple[bool, bool]:
        """(negated, hypothetical) of a verb cue, from its clause and its governors."""
        negated = self._is_negated(t)
        hyp = self._clause_hypothetical(t)
        cur = t
        for _ in range(4):
            if cur.dep_ not in ("xcomp", "ccomp", "conj", "advcl") or cur.head is cur:
                break
            gov = cur.head
            glem = gov.lemma_.lower()
            gneg = self._is_negated(gov)
            if cur.dep_ == "xcomp" or (cur.dep_ == "ccomp" and glem in self.hyp_gov):
                if glem in self.not_excluded and gneg:
                    hyp = True       # « n'a pas exclu de » / "did not rule out"
                elif glem in self.neg_gov:
                    negated = not negated  # « a exclu de présenter des excuses », "refused to meet"
                elif gneg:
                    negated = True
                if glem in self.hyp_gov and not (glem in self.perception and any(
                        c.dep_ in _OBJ and c.i < cur.i for c in gov.children)):
                    hyp = True  # (« entend négocier », not « a entendu X exhorter »)
            if cur.dep_ != "conj" and self._clause_hypothetical(gov) and cur.dep_ != "ccomp":
                hyp = True
            if cur.dep_ == "conj":
                # coordinated verbs share auxiliaries and negation only when they have none
                if not any(c.dep_.startswith("aux") for c in cur.children):
                    hyp = hyp or self._clause_hypothetical(gov)
            cur = gov
        # "preventing X from using its soil to threaten Y", « empêcher X de menacer Y »: an act
        # the clause is kept from is not done
        up = t
        for _ in range(5):
            if up.head.i == up.i or up.dep_ in _SUBJ + _OBJ:
                break
            up = up.head
            if up.pos_ in ("VERB", "AUX") and up.lemma_.lower() in self.prevention_verbs and not self._is_negated(up):
                negated = True
                break
        return negated, hyp

    def _clause_hypothetical(self, t: Token) -> bool:
        if self._is_conditional_form(t):
            return True
        for c in t.children:
            low = c.lower_
            if c.dep_.startswith("aux") and (low in self.modal_aux or self._is_conditional_form(c)):
                return True
            if c.dep_ in ("mark",) and low in self.cond_markers:
                return True
            if c.dep_ in ("obl", "obl:mod", "advmod", "prep", "advcl") and (
                    c.lemma_.lower() in self.cond_markers or low in self.cond_markers):
                return True
        return False

    # -- date and topic ---------------------------------------------------------------------

    def _date(self, t: Token, sent: Span, article: Article, future: bool) -> tuple[date | None, str | None]:
        def phrases(tokens):
            for tok in tokens:
                n = dates_mod._norm(tok.text)
                if n in self.date_words:
                    if self.lang == "en" and n == "may" and not any(
                            x.like_num for x in tok.doc[max(0, tok.i - 1):tok.i + 2]):
                        continue
                    lo, hi = max(sent.start, tok.i - 2), min(sent.end, tok.i + 4)
                    yield tok.doc[lo:hi].text
        own = [x for c in t.children if c.dep_ not in _CLAUSE_DEPS for x in c.subtree]
        for cand in (own, list(sent)):
            for ph in phrases(cand):
                r = dates_mod.resolve(ph, self.lang, article.date, article.date_precision, future=future)
                if r:
                    return r
        # no date phrase: the act happened by the article's date, in its month at least; the
        # day is not known (a report of yesterday's summit is not dated by its article's day)
        if article.date is not None:
            return article.date.replace(day=1), "month"
        return None, None

    def _last_document(self, h: Token) -> TopicRef | None:
        """The last document the article named before ``h`` (« une résolution ... le texte »)."""
        ancestors = {a.i for a in h.ancestors}
        for j in range(h.i - 1, -1, -1):
            x = h.doc[j]
            if x.pos_ in ("NOUN", "PROPN") and x.lemma_.lower() in self.document_nouns and j not in ancestors:
                ref = self._topic(x)
                if ref is not None:
                    return ref
        return None

    def _topic(self, h: Token) -> TopicRef | None:
        doc = h.doc
        nominal_verb = h.pos_ == "VERB" and any(c.dep_ == "det" for c in h.children)  # (« le nouveau traité » tagged VERB)
        if h.pos_ in ("PRON", "SCONJ", "VERB", "AUX", "NUM") and not nominal_verb or h.is_punct:
            return None
        if self._dated(h) or h.lemma_.lower() in self.time_nouns or h.lower_ in self.non_topic_words:
            return None
        if _has(h, self.document_anaphors) and any(
                c.dep_ == "det" and ("Def" in c.morph.get("Definite") or "Dem" in c.morph.get("PronType")
                                     or c.lower_ in ("the", "this")) for c in h.children):
            # « le texte », "the document": the last document the article named before
            ref = self._last_document(h)
            if ref is not None:
                return ref
            if not any(c.dep_ in ("nmod", "prep", "acl", "amod", "compound") for c in h.children):
                return None  # (« le texte » with no document before it names nothing)
        toks = [h]
        for x in h.subtree:
            if x.i == h.i:
                continue
            # stop at relative clauses, appositions and clauses
            anc = x
            bad = False
            while anc.i != h.i:
                if anc.dep_ in ("acl:relcl", "relcl", "appos", "ccomp", "parataxis", "advcl", "punct") and anc.head.i == h.i \
                        or (anc.dep_ in ("acl", "advcl") and anc.pos_ == "VERB" and anc.head.i == h.i
                            and anc.left_edge.lower_ in ("avant", "après", "sans", "before", "after", "without")) \
                        or (anc.dep_ == "acl" and anc.head.i == h.i and "Inf" in anc.morph.get("VerbForm")
                            and any(c.dep_ == "mark" and c.lower_ in ("à", "to") for c in anc.children)) \
                        or anc.dep_ in ("acl:relcl", "relcl") or (anc.dep_ == "conj" and anc.pos_ in ("VERB", "AUX")) \
                        or (anc.head.i == h.i and anc.pos_ == "NOUN" and _has(anc, self.time_nouns)) \
                        or self._dated(anc) or (
                            anc.dep_ == "prep" and any(self._dated(g) for g in anc.children)):
                    bad = True  # (nor a verb the parser coordinated to the noun, nor a time phrase)
                    break
                anc = anc.head
            if not bad:
                toks.append(x)
        toks.sort(key=lambda x: x.i)
        # contiguous window around the head, at most 12 tokens
        idx = [x.i for x in toks]
        lo = h.i
        while lo - 1 in idx and h.i - lo < 6:
            lo -= 1
        hi = h.i
        while hi + 1 in idx and hi - lo < 11:
            hi += 1
        span = doc[lo:hi + 1]
        words = [w for w in span]
        while words and (words[0].pos_ in ("DET", "ADP", "PUNCT", "CCONJ") or words[0].is_punct
                         or (words[0].pos_ == "ADV" and words[0].i < h.i)):
            words = words[1:]
        while words and (words[-1].is_punct or words[-1].pos_ in ("ADP", "DET", "CCONJ")):
            words = words[:-1]
        if not words:
            return None
        text = doc[words[0].i:words[-1].i + 1].text.strip(" \"«»“”'")
        if len(text) < 3:
            return None
        # (« la fin immédiate des combats », "an immediate halt": the label without its
        # intensifiers names the thing too, as an alternative label)
        kept = [w for w in doc[words[0].i:words[-1].i + 1]
                if not (w.pos_ in ("ADJ", "ADV") and w.i != h.i and w.lemma_.lower() in self.intensifiers)]
        core = "".join(w.text_with_ws for w in kept).strip(" \"«»“”'")
        core = core if core != text and len(core) >= 3 else ""
        if len(words) == 1 and h.lemma_.lower() in self.document_nouns and any(
                c.dep_ == "det" and ("Def" in c.morph.get("Definite") or "Dem" in c.morph.get("PronType")
                                     or c.lower_ in ("the", "this")) for c in h.children) or (
                # (« a salué un accord qui ... », « un accord « gagnant-gagnant » »: described, not new)
                len(words) == 1 and h.lemma_.lower() in self.document_nouns
                and any(c.dep_ in ("acl:relcl", "relcl", "amod", "appos") for c in h.children)):
            # a bare « l'accord », "the treaty": the last one of its kind the article named in full
            for j in range(h.i - 1, -1, -1):
                x = doc[j]
                if (x.pos_ == "NOUN" and x.lemma_.lower() == h.lemma_.lower()) or (
                        x.pos_ in ("NOUN", "VERB") and x.lower_ == h.lower_):
                    ref = self._topic(x)
                    if ref is not None and ref.label != text:
                        return ref
            # (« un accord de sécurité ... le projet », "a security pact ... the deal": the last
            # document named in full, of another kind)
            for j in range(h.i - 1, -1, -1):
                x = doc[j]
                if x.pos_ == "NOUN" and x.lemma_.lower() in self.document_nouns and x.lemma_.lower() != h.lemma_.lower():
                    ref = self._topic(x)
                    if ref is not None and len(ref.label.split()) > 1:
                        return ref
        typ = "Place" if (h.ent_type_ in ("LOC", "GPE", "FAC") or _has(h, self.place_words)) else "Topic"
        named = typ == "Place" and any(w.pos_ == "PROPN" or w.ent_type_ in ("LOC", "GPE", "FAC") for w in words)
        head = h.lower_ if nominal_verb else h.lemma_.lower()
        return TopicRef(label=text, type=typ, lang=self.lang, head=head, named=named, core=core)

    # -- cues --------------------------------------------------------------------------------

    def _match_cue(self, t: Token, idx: ActorIndex | None = None) -> Cue | None:
        lem = t.lemma_.lower()
        cands = self.lex.by_lemma.get(lem) or self.lex.by_lemma.get(t.lower_)
        if t.tag_ == "VBG" and lem != t.lower_ and t.lower_ in self.lex.by_lemma:
            cands = self.lex.by_lemma[t.lower_] + tuple(cands or ())  # "Fighting between ..." 
        if not cands and self.lang == "fr" and t.pos_ in ("ADJ", "VERB", "NOUN") and any(
                c.dep_.startswith("aux") for c in t.children):
            # « a gelé » lemmatised « gelé » (ADJ): the participle of a first-group verb
            stem = t.lower_.rstrip("s")
            stem = stem[:-1] if stem.endswith("ée") else stem
            if stem.endswith("é"):
                cands = self.lex.by_lemma.get(stem[:-1] + "er")
        if not cands and self.lang == "fr" and t.pos_ == "VERB":
            # « réclame » lemmatised as the noun « réclame »: a first-group verb's form
            low = t.lower_
            for end in _FIRST_GROUP_ENDINGS:
                if low.endswith(end) and len(low) > len(end) + 2:
                    cands = self.lex.by_lemma.get(low[:-len(end)] + "er")
                    if cands:
                        break
        if not cands:
            return None
        is_verbal = t.pos_ in ("VERB", "AUX") or (
            t.pos_ in ("NOUN", "ADJ") and any(c.dep_ in _SUBJ + _OBJ + ("aux", "aux:tense") for c in t.children)
            and t.dep_ in ("ROOT", "ccomp", "xcomp", "conj", "advcl", "acl", "acl:relcl"))
        if t.pos_ == "ADJ" and t.dep_ in ("xcomp", "acomp", "ROOT") and (
                t.dep_ == "ROOT" or t.head.pos_ in ("VERB", "AUX")):
            is_verbal = True  # « s'est dite très préoccupée », "is opposed to"
        is_nominal = (t.pos_ in ("NOUN", "PROPN") and not is_verbal) or (
            t.tag_ == "VBG" and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))  # "Fighting between X and Y"
        children_low = {c.lower_ for c in t.children if not (c.dep_ == "prep" and any(
            self._dated(g) for g in c.children))} | {
            t.doc[j].lower_ for j in range(t.i + 1, min(len(t.doc), t.i + 3))}
        # the marker of a clause or phrase the cue governs: « appeler l'Iran à s'abstenir »
        # (after the verb, and not a date's: « À Paris, X a appelé Y pour ... », "called off the
        # trip on Friday")
        children_low |= {g.lower_ for c in t.children if c.dep_ in ("xcomp", "ccomp", "advcl", "obl", "obl:arg", "obl:mod")
                         and c.i > t.i and not self._dated(c)
                         for g in c.children if g.dep_ in ("mark", "case") and g.i < c.i}
        # (« a appelé A, B et C à soutenir » with the infinitive hung on an object)
        children_low |= {g.lower_ for c in t.children if c.dep_ in _OBJ for o in _expand_conj(c)
                         for x in o.children if x.dep_ == "acl" and x.pos_ == "VERB"
                         for g in x.children if g.dep_ == "mark" and g.i < x.i}
        # (« a appelé Moscou et Kiev à rouvrir les vannes » with the infinitive parsed as a root
        # of its own: read as a token pattern, « à » right before an infinitive in the clause)
        for j in range(t.i + 1, min(len(t.doc) - 1, t.i + 10)):
            w = t.doc[j]
            if w.text in (",", ";", ":", ".", "«", "»") or (w.pos_ in ("VERB", "AUX") and j != t.i):
                break
            if w.lower_ in ("à", "to") and "Inf" in t.doc[j + 1].morph.get("VerbForm"):
                children_low.add(w.lower_)
                break
        # (« a appelé les deux pays à la retenue » with the phrase hung on the object)
        children_low |= {g.lower_ for c in t.children if c.dep_ in _OBJ for o in _expand_conj(c)
                         for x in o.children if x.dep_ == "nmod" and x.i > o.i
                         for g in x.children if g.dep_ == "case" and g.lower_ in ("à", "au", "aux")}
        objs = [c for c in t.children if c.dep_ in _OBJ + _SUBJ_PASS or (
            c.dep_ == "obl:arg" and c.pos_ == "NOUN" and c.i > t.i and not any(g.dep_ == "case" for g in c.children))]
        # (« ont échangé des prisonniers » with « des » read as « de les »: a bare oblique)
        obj_lemmas = {c.lemma_.lower() for c in objs} | {c.lower_ for c in objs}
        for c in t.children:  # « a suspendu une partie de son aide »: the partitive's noun
            if c.dep_ in _OBJ + _SUBJ_PASS and c.lemma_.lower() in self.partitives:
                obj_lemmas |= {g.lemma_.lower() for g in c.children if g.dep_ in ("nmod", "prep", "pobj")}
                obj_lemmas |= {h.lemma_.lower() for g in c.children if g.dep_ == "prep" for h in g.children}
        if t.dep_ in ("acl",) and t.head.pos_ == "NOUN":
            obj_lemmas |= {t.head.lemma_.lower(), t.head.lower_}
        # (« ont conclu un accord censé régler ... » with the object taken for the subject of
        # the clause that follows it)
        obj_lemmas |= {g.lemma_.lower() for c in t.children if c.dep_ in ("xcomp", "ccomp") and c.i > t.i
                       for g in c.children if g.dep_ in _SUBJ and t.i < g.i < c.i and g.pos_ == "NOUN"}
        for c in t.children:  # « a émis jeudi des mandats »: the date took the object's place
            if c.dep_ in _OBJ + ("obl:mod", "nmod") and c.i > t.i and self._dated(c):
                obj_lemmas |= {g.lemma_.lower() for g in c.subtree if g.i > c.i and g.dep_ in ("nmod", "obj")
                               and g.pos_ == "NOUN" and not self._dated(g)}  # (« lundi 7 février des tirs »)
                # (« a convoqué samedi 24 octobre l'ambassadeur »: the object left as a bare oblique)
                obj_lemmas |= {g.lemma_.lower() for g in t.children if g.dep_ in ("obl:mod", "obl", "nmod")
                               and g.pos_ == "NOUN" and g.i > c.i and not any(x.dep_ == "case" for x in g.children)
                               and not self._dated(g)}
        for cue in cands:
            if cue.kind == "verb" and not is_verbal:
                continue
            if cue.kind == "noun" and not is_nominal:
                continue
            if cue.with_ and not (children_low & set(cue.with_)):
                continue
            if cue.with_words and not self._clause_has(t, self.lex.mod(cue.with_words)) and not (
                    t.dep_ == "acl" and _has(t.head, self.lex.mod(cue.with_words))):
                continue  # (« des sanctions visant X »: the noun the participle qualifies)
            if cue.reflexive and not any(c.pos_ == "PRON" and ("Yes" in c.morph.get("Reflex") or c.lower_ in ("se", "s'", "s’"))
                                         for c in t.children):
                continue
            if cue.needs_clause and not any(c.dep_ in ("xcomp", "ccomp") for c in t.children) and not any(
                    x.dep_ == "acl" and "Inf" in x.morph.get("VerbForm")
                    for c in t.children if c.dep_ in _OBJ for o in _expand_conj(c) for x in o.children):
                continue  # (« invite A et B à négocier » with the infinitive hung on an object)
            if cue.obj_in and not (obj_lemmas & set(cue.obj_in)):
                if not ("@actor" in cue.obj_in and idx is not None and any(
                        self._arg_actors(idx, c) for c in t.children if c.dep_ in _OBJ + _SUBJ_PASS)):
                    continue
            return cue
        return None

    @staticmethod
    def _clause_has(t: Token, words: frozenset[str]) -> bool:
        """A word of ``words`` after ``t`` in its own clause (« a qualifié la décision
        d'inacceptable », "called the strike reckless"), not in a clause it governs."""
        for x in t.subtree:
            if x.i <= t.i:
                continue
            if x.lower_ in words or x.lemma_.lower() in words:
                cur, inside = x, True
                while cur.i != t.i:
                    if cur.dep_ in ("ccomp", "advcl", "acl:relcl", "relcl", "parataxis", "conj") and cur.pos_ in ("VERB", "AUX"):
                        inside = False
                        break
                    cur = cur.head
                if inside:
                    return True
        return False

    def extract(self, doc: Doc, article: Article, idx: ActorIndex) -> list[Interaction]:
        out: list[Interaction] = []
        self._history = out
        self._inverted = {}
        for sent in doc.sents:
            acts: list[tuple[Interaction, Token]] = []
            self._sent_acts = acts
            for t in sent:
                m = idx.by_token.get(t.i)
                if m is not None and m.end - m.start > 1 and m.kind in ("name", "ner"):
                    continue  # a word of a name (« Forces de soutien rapide », "Peace Council")
                cue = self._match_cue(t, idx)
                if cue is not None:
                    found = self._verb(t, cue, sent, article, idx) if cue.kind == "verb" \
                        else self._noun(t, cue, sent, article, idx)
                    acts.extend((it, t) for it in found)
                elif t.lemma_.lower() in self.speech and t.pos_ in ("VERB", "AUX", "NOUN"):
                    acts.extend((it, t) for it in self._speech_warning(t, sent, article, idx))
            out.extend(self._attributed(acts, sent, article, idx))
            self._co_agents: set[str] = set()
            out.extend(self._imitations(sent, idx, out))
            if self._co_agents:  # (a co-agent is no one's target: « ..., de même que Y »)
                out[:] = [it for it in out if it.sent_start != sent.start_char
                          or it.recipient is None or it.recipient.key not in self._co_agents]
            out.extend(self._denials(sent, article, idx, out))
            out.extend(self._backed(sent, article, idx))
            out.extend(self._obligations(sent, article, idx))
        return _dedup(out)

    def _pick(self, idx: ActorIndex, args: list[tuple[str, Token]], markers: tuple[str, ...],
              agent_keys: tuple[str, ...], relation: str) -> tuple[tuple[str, ...], Token | None]:
        """First actor argument whose marker the frame accepts (in the frame's order). For acts
        aimed at a target, an actor inside the argument's noun phrase counts (« dénonce le
        potentiel militaire de l'Otan », "dismissed Lula's criticism", "seized a British
        tanker")."""
        target = relation in _TARGET_RELATIONS
        for mk in markers + (("obj",) if (target or relation == "agreesWith") and "obj" not in markers else ()):
            for m, tok in args:
                if m != mk:
                    continue
                if m in self.place_preps and self._is_locative(idx, tok, relation, m, args):
                    continue
                if tok.pos_ == "NOUN" and _has(tok, self.time_nouns):
                    continue  # « au lendemain de l'entrée des rebelles »: a time, not an argument
                if tok.pos_ == "PRON" and m in ("obj", "iobj") and tok.lower_ in self.object_pronouns \
                        and relation not in _PERSON_OBJECT_RELATIONS:
                    continue  # « l'a rejeté »: the clitic stands for a thing (a plan, an offer)
                if m == "obj" and relation == "agreesWith" and "obj" not in markers \
                        and not _has(tok, self.demand_nouns):
                    continue  # (only « l'offre de X » is accepted of someone)
                if tok.pos_ == "PRON" and m in ("obj", "iobj") and tok.lower_ in self.object_pronouns:
                    keys = self._arg_actors(idx, tok, exclude=agent_keys)
                else:
                    keys = tuple(k for k in self._arg_actors(idx, tok) if k not in agent_keys)
                if keys:
                    return keys, tok
                if target or (relation in _BENEFICIARY_RELATIONS and m in ("obj", "à", "to", "for", "pour")
                              and not self.lex.by_lemma.get(tok.lemma_.lower())
                              and not _has(tok, self.ending_nouns)) or (
                        # « a accepté l'offre américaine », "accepted the U.S. offer": whose offer
                        relation == "agreesWith" and m == "obj"
                        and _has(tok, self.demand_nouns)):
                    keys = tuple(k for k in self._np_actor(idx, tok, 2) if k not in agent_keys)
                    if keys:
                        return keys, tok
        return (), None

    def _is_locative(self, idx: ActorIndex, tok: Token, relation: str, marker: str,
                     args: list[tuple[str, Token]]) -> bool:
        """« À Washington, ... », « ont signé à Prague », « reçu à l'Élysée », "met in Geneva": a
        place, not an addressee. Fronted place phrases and seats of power are places; a capital
        is a place after « en »/"in"/"at", and after « à » for acts between partners (which
        name their partner otherwise), but not in « imposer des sanctions à Moscou » or
        « s'est rendu à Moscou »."""
        verb = tok.head
        if tok.i < verb.i and any(x.text == "," for x in tok.doc[tok.i:verb.i]):
            return True
        m = idx.by_token.get(tok.i)
        if m is None:
            return False
        if idx.actors[m.keys[0]].type == "Institution":
            return True
        if m.kind != "capital":
            return False
        if marker in ("en", "dans", "in", "from", "depuis"):
            return True
        if marker not in ("à", "au", "aux", "to"):
            return False  # "fired shells at Seoul", « des frappes sur Kiev »: the target
        if relation not in _SYMMETRIC:
            return False
        other_actor = any(x.i != tok.i and (x.i in idx.by_token) for _, x in args)
        return relation != "meetsWith" or other_actor

    def _city_name(self, idx: ActorIndex, tok: Token, arg: tuple[str, Token]) -> bool:
        """« l'accord de Paris », "the Minsk agreements": the city names the document."""
        mm, sub = arg
        cm = idx.by_token.get(sub.i)
        return mm in ("de", "of") and cm is not None and cm.kind == "capital" \
            and tok.lemma_.lower() in self.lex.mod("city_named_nouns")

    def _np_actor(self, idx: ActorIndex, tok: Token, depth: int) -> tuple[str, ...]:
        """An actor that owns or qualifies a noun phrase (possessor, « de »/"of", demonym)."""
        if depth <= 0:
            return ()
        for mm, sub in self._arguments(tok):
            if mm in ("de", "of", "poss", "amod", "from", "par", "by", "avec", "with"):
                if self._city_name(idx, tok, (mm, sub)):
                    continue  # « l'accord de Paris », "the Minsk agreements": a name, not a party
                keys = self._arg_actors(idx, sub)
                if not keys and mm == "amod":
                    keys = self._demonym(idx, sub, adjectives_only=False)
                if keys:
                    return keys
        for mm, sub in self._arguments(tok):
            if mm in ("de", "of"):
                keys = self._np_actor(idx, sub, depth - 1)
                if keys:
                    return keys
        for c in tok.children:  # « le potentiel militaire croissant de l'Otan »
            if c.dep_ in ("acl", "amod") and c.pos_ == "VERB":
                for mm, sub in self._arguments(c):
                    if mm in ("de", "of", "obj", "par", "by"):
                        keys = self._arg_actors(idx, sub)
                        if keys:
                            return keys
        return ()

    def _theme(self, args: list[tuple[str, Token]], markers: tuple[str, ...], used: Token | None,
               idx: ActorIndex) -> TopicRef | None:
        for mk in markers:
            for m, tok in args:
                if m != mk or (used is not None and tok.i == used.i) or self._arg_actors(idx, tok):
                    continue
                topic = self._topic(tok)
                if topic is not None:
                    return topic
        return None

    def _make(self, article, idx, agent: _Role, relation, recipients, theme, sent, t, cue,
              negated, hyp, base_conf) -> Iterator[Interaction]:
        if not recipients and cue is not None and cue.needs_actor:
            return
        if not recipients and relation not in self.lex.topic_objects and not (
                isinstance(theme, TopicRef) and theme.head in self.lex.topic_nouns) and not (
                isinstance(theme, TopicRef) and theme.named and relation in self.lex.place_objects):
            return
        if not recipients and isinstance(theme, TopicRef) and not theme.named and theme.head in self.event_nouns \
                and (relation in _TARGET_RELATIONS or (relation in _REACTION_RELATIONS and len(theme.label.split()) == 1)):
            # « a condamné l'invasion », « a salué la décision » whose author was not found: the
            # act is aimed at someone the text leaves to the reader; a bare event noun as its
            # object was wrong more often than right on the development sets
            return
        d, prec = self._date(t, sent, article, future=hyp)
        conf = base_conf * {"name": 1.0, "description": 0.9, "inherited": 0.85, "pronoun": 0.75}.get(agent.how, 0.8)
        if not recipients and theme is not None:
            conf *= 0.9
        for a in agent.keys:
            ra = idx.ensure(a)
            if ra is None:
                continue
            # (nor an army acting on its own State)
            targets = [k for k in recipients if k != a and k != idx.part_of.get(a)] or [None]
            for r in targets:
                rr = idx.ensure(r) if r else None
                if rr is None and theme is None:
                    continue
                yield Interaction(
                    article_id=article.id, agent=ra, relation=relation, recipient=rr,
                    theme=theme, sentence=sent.text.strip().lstrip(".;:,—–- ").strip(), lang=self.lang, date=d,
                    date_precision=prec, negated=negated, hypothetical=hyp,
                    confidence=round(max(0.05, min(1.0, conf)), 2), cue=cue.id if cue else "",
                    sent_start=sent.start_char)

    def _addressed_act(self, t: Token, idx: ActorIndex) -> bool:
        """"warned Washington against supplying missiles", « a mis en garde X contre le fait de
        livrer »: an act under a preposition of a warning, accusation or demand is the
        addressee's, not the speaker's."""
        if t.dep_ in ("pcomp",) and t.head.dep_ == "prep" and t.head.head.i != t.head.i:
            gov = t.head.head
        elif t.dep_ in ("advcl", "acl", "xcomp") and any(c.dep_ == "mark" and c.lower_ in ("contre", "de", "d'") for c in t.children):
            gov = t.head
        else:
            return False
        return self._cue_relation(gov, idx) in ("warns", "accuses", "demands", "threatens", "denounces")

    def _verb(self, t: Token, cue: Cue, sent: Span, article: Article, idx: ActorIndex) -> Iterator[Interaction]:
        # an act governed by a threat (« menace de frapper la Syrie ») is what is threatened:
        # the threat carries it (with the inner act's target), not a separate hypothetical act
        if t.dep_ == "xcomp" and self._cue_relation(t.head, idx) in _CARRIER_RELATIONS:
            return
        if cue.relation not in ("warns", "accuses", "demands", "threatens", "denounces") and self._addressed_act(t, idx):
            return
        harmed = None
        if cue.relation == "promises" and self._promised_harm(t):
            # « promet au pays X d'autres représailles », "vowed revenge": a threat
            cue = replace(cue, relation="threatens", id=cue.id.replace(".promises.", ".threatens."))
        elif cue.relation == "promises" or (t.lemma_.lower() in self.oath_verbs and cue.relation == "threatens"):
            # « a promis qu'Israël serait puni », "vowed the enemy would pay": a threat to the
            # one the promised clause punishes
            harm = next((c for c in t.children if c.dep_ in ("ccomp", "xcomp") and _has(c, self.harm_verbs)), None)
            if harm is not None:
                cue = replace(cue, relation="threatens", id=cue.id.replace(".promises.", ".threatens."))
                # (« a promis qu'Israël serait puni »: the clause's subject; « a juré de punir X »: its object)
                harmed = next((c for c in harm.children if (c.dep_ in _SUBJ + _SUBJ_PASS and harm.dep_ == "ccomp")
                               or (c.dep_ in _OBJ and harm.dep_ == "xcomp")), None)
        agent, patient, passive = self._subject(idx, t)
        if passive and patient is None and t.dep_ == "xcomp":
            # « Le traité doit encore être ratifié par X »: the raising verb's subject undergoes it
            patient = next((c for c in t.head.children if c.dep_ in _SUBJ and c.i < t.i), None)
        if agent is None and cue.relation in _MATERIAL:
            # « des chasseurs A ont bombardé » (A a demonym), "A jets struck": a subject the
            # gazetteer does not know, qualified by a demonym, acts for that State
            agent = self._demonym_subject(idx, t)
        if agent is None:
            return
        if agent.how == "name":
            # (a passive's « par » agents follow the verb: « reconnu par X, Y et Z »)
            more = self._enumeration(idx, t, agent.keys, after=passive)
            if more:
                agent = _Role(agent.keys + more, agent.how)
        args = list(self._arguments(t))
        if agent.how == "inverted":
            # (« », a dénoncé la ministre de la défense du pays X »: the subject's own phrase)
            np = set(self._inverted_subject(idx, t))
            args = [(m, x) for m, x in args if x.i not in np]
        subjects = [c for c in t.children if c.dep_ in _SUBJ]
        if len(subjects) > 1:
            # « X ... lui a accordé un prêt » with the clitic « lui » tagged as a subject
            args.extend(("iobj", c) for c in subjects if c.pos_ == "PRON" and c.lower_ in ("lui", "leur"))
        if patient is not None:
            args.insert(0, ("obj", patient))
        if passive:
            # "imposed by the EU on Moscow": the parser hangs the addressee on the agent
            for c in t.children:
                if c.dep_ in _AGENT:
                    tgt = c if c.dep_ == "obl:agent" else next((g for g in c.children if g.dep_ == "pobj"), None)
                    if tgt is not None:
                        args.extend(a for a in self._arguments(tgt) if a[0] not in ("amod", "poss", "de", "of", "compound"))
        cue_objs: list[Token] = []
        if cue.obj_in:
            # light verb + noun (« imposer des sanctions à », "halt exports ... to"): the noun's
            # own complements count as the verb's, and the noun itself is part of the cue
            rec_mk = set(self.lex.frame(cue)[0]) - {"obj", "iobj", "de", "of", "poss", "amod"}
            for m, tok in list(args):
                if m == "obj":
                    if any(idx.actors[k].type == "Person" for k in self._actors(idx, tok)):
                        continue  # « a convoqué l'ambassadeur de Chine, X »: X, not his State
                    args.extend(a for a in self._arguments(tok) if a[0] not in ("amod", "poss", "obj")
                                and not self._city_name(idx, tok, a)
                                # ("quit the Paris climate agreement": part of the text's name)
                                and not (a[0] == "compound" and _has(tok, self.document_nouns)))
                    # « a rejeté la responsabilité de la catastrophe sur l'Ukraine »: a marker
                    # of the cue hung one noun further down
                    args.extend(a for m2, sub in self._arguments(tok) if m2 not in ("amod", "poss", "obj")
                                for a in self._arguments(sub) if a[0] in rec_mk)
                    # (« a opposé une fin de non-recevoir à X »: the marker on the noun's verb)
                    args.extend(("à", a[1]) if a[0] == "obj" else a for c in tok.children if c.dep_ == "acl" and c.pos_ == "VERB"
                                for a in self._arguments(c) if a[0] in rec_mk
                                or (a[0] == "obj" and "à" in rec_mk and any(g.lower_ in ("au", "aux") for g in a[1].children)))
            cue_objs = [x for m, x in args if m == "obj" and _has(x, cue.obj_in)]
            # (unless the noun names an actor itself: « a renvoyé 23 diplomates russes »)
            args = [(m, x) for m, x in args
                    if not (m == "obj" and _has(x, cue.obj_in)
                            and x.i not in idx.by_token)]
        if cue.relation in ("threatens", "warns", "promises", "proposes"):
            for c in t.children:
                if c.dep_ == "xcomp":
                    args.extend(a for a in self._arguments(c) if a[1].i != t.i)
        # a date parsed as the object (« a condamné mercredi l'annexion », « a intensifié
        # vendredi ses frappes contre le Liban »): its noun complement is the real object
        fixed = []
        for m, x in args:
            if x.i > t.i and (self._dated(x) or (  # (« dès le 3 mars un cessez-le-feu »)
                    x.pos_ == "NUM" and any(self._dated(c) for c in x.children))):
                # (« dans la nuit de jeudi à vendredi une soixantaine de cibles »)
                fixed.extend(("obj", c) for c in x.children if c.dep_ in ("nmod", "obj") and c.pos_ in ("NOUN", "PROPN")
                             and c.i > x.i and not any(g.dep_ == "case" for g in c.children))
                # (« s'est entretenu lundi à C avec X »: the verb's phrases hung on the date)
                fixed.extend((m2, c) for m2, c in self._arguments(x) if c.i > x.i and m2 not in ("obj", "amod", "poss", "de", "of")
                             and any(g.dep_ == "case" for g in c.children)
                             and not self._dated(c))
                if m != "obj":
                    fixed.append((m, x))
            else:
                fixed.append((m, x))
        args = fixed
        if not any(m == "obj" for m, _ in args):
            # the parser sometimes hangs the object on the phrase before it (« a dénoncé auprès
            # de son homologue X le potentiel de l'alliance »): a definite noun phrase to the
            # right of the verb, inside its subtree and not in a clause of its own
            for x in t.subtree:
                if x.i > t.i and x.pos_ == "NOUN" and x.dep_ in ("nmod", "appos", "obl:mod", "obl:arg", "obj") \
                        and x not in cue_objs \
                        and not self._dated(x) \
                        and not any(c.dep_ == "case" for c in x.children) \
                        and any(c.dep_ == "det" and c.i == x.i - 1 or c.dep_ == "det" and c.i < x.i for c in x.children) \
                        and not any(a.pos_ in ("VERB", "AUX") and a.i != t.i for a in x.ancestors if a.i > t.i):
                    args.append(("obj", x))
                    break
        if cue.relation == "demands":
            # « a exigé le retrait des rebelles », "demanded the withdrawal of Russian troops":
            # the one who must act is the addressee
            for m, x in list(args):
                if m == "obj" and x.lemma_.lower() in self.agentive_nouns:
                    for m2, sub in self._arguments(x):
                        if m2 in ("de", "of", "poss", "amod"):
                            args.append(("ccomp", sub))
        if cue.relation in ("demands", "accuses", "warns"):
            # « a exigé que la Russie respecte ... », "demanded that Moscow withdraw": the
            # subject of the clause is the one the demand is addressed to
            for c in t.children:
                if c.dep_ == "ccomp":
                    for g in c.children:
                        if g.dep_ in _SUBJ and g.i > t.i:
                            args.append(("ccomp", g))
        if not any(m == "obj" for m, _ in args):
            # « a averti Ankara que ... » with « Ankara » mis-tagged: an actor named right after
            # the verb (past adverbs and clitics) is its object
            k = t.i + 1
            while k < len(t.doc) and k < t.i + 5 and (t.doc[k].pos_ in ("ADV", "PART", "DET")
                                                      or self._dated(t.doc[k])
                                                      or t.doc[k].lower_ in cue.with_
                                                      or (k + 1 < len(t.doc) and t.doc[k + 1].lower_ in cue.with_)):
                k += 1  # « a attaqué jeudi l'Ukraine », « a mis en garde Washington »
            if k < len(t.doc) and k in idx.by_token and t.doc[k].dep_ not in _SUBJ + _SUBJ_PASS \
                    and not any(c.dep_ == "case" for c in t.doc[k].children) \
                    and not (t.doc[k].dep_ in ("compound", "nmod") and t.doc[k].head in cue_objs):
                # (not a name inside the cue's own noun: "quit the Paris climate agreement")
                args.append(("obj", t.doc[k]))
        # « X et Y expulsent trois diplomates, la Lettonie deux, le Portugal un »: a name
        # with only a number after a comma is the subject of an elided clause, not an object
        args = [(m, x) for m, x in args if not (m == "obj" and x.i > t.i and self._gapped_subject(idx, x))]
        rec_markers, theme_markers = self.lex.frame(cue)
        reflexive = any(c.lower_ in ("se", "s'", "s’") for c in t.children)
        if cue.relation in _SYMMETRIC and len(agent.keys) >= 2 and cue.pair and reflexive:
            # « X et Y se sont rencontrés lundi dans la capitale de Y »: each other, not the capital
            negated, hyp = self._flags(t)
            for x, y in itertools.combinations(agent.keys[:4], 2):
                yield from self._make(article, idx, _Role((x,), agent.how), cue.relation,
                                      (y,), None, sent, t, cue, negated, hyp or cue.hypothetical, cue.weight)
            return
        own = self._own_states(idx, agent.keys)
        # « le premier ministre A a prévenu que A ne céderait pas »: the speaker's own State,
        # subject of the clause, is not whom the warning or demand is addressed to
        args = [(m, x) for m, x in args if not (m == "ccomp" and set(self._arg_actors(idx, x)) & own)]
        # a place phrase fronted before the verb sets the scene (« À Genève, X a salué ... »,
        # « En visite à C, X a salué ... »): no argument of it
        args = [(m, x) for m, x in args if not (x.i < t.i and m in self.place_preps and not passive
                                                 and x.i < min((c.i for c in t.children if c.dep_ in _SUBJ), default=t.i))]
        recipients, used = self._pick(idx, args, rec_markers + ("ccomp",), agent.keys, cue.relation)
        if not recipients and cue.obj_in and "@actor" not in cue.obj_in:
            # "took control of Harare": the marker hangs on the cue's object noun
            inner_mk = tuple(mk for mk in rec_markers if mk not in ("obj", "iobj", "poss", "amod"))
            inner = [a for x in cue_objs for a in self._arguments(x) if a[0] in inner_mk]
            if inner:
                recipients, used = self._pick(idx, inner, inner_mk, agent.keys, cue.relation)
        if recipients and set(recipients) & own and cue.relation not in _SYMMETRIC:
            # (« a appelé les deux pays à ... » read as the speaker's own and another: not his own)
            recipients = tuple(k for k in recipients if k not in own)
            used = used if recipients else None
        # « A va rappeler son ambassadeur, X »: its own envoy is no target; the State he is
        # posted to is, when the text names it, else whoever A answers
        own_envoy = cue.relation == "sanctions" and any(
            _has(x, self.envoy_nouns) and any(c.dep_ in ("det", "poss", "nmod:poss") and "Yes" in c.morph.get("Poss")
                                              for c in x.children)
            for x in cue_objs)
        if own_envoy and all(idx.actors[k].type == "Person" for k in recipients):
            recipients, used = self._retaliation_target(idx, agent.keys, sent), None
        if recipients and cue.relation == "meetsWith" and not cue.pair:
            # « s'est rendu en Angola, au Cameroun et en Guinée »: a visit to each
            for m, x in args:
                if m in rec_markers and m not in ("obj", "iobj") and used is not None and x.i != used.i \
                        and not (m in self.place_preps and self._is_locative(idx, x, cue.relation, m, args)):
                    recipients = tuple(dict.fromkeys(recipients + tuple(
                        k for k in self._arg_actors(idx, x) if k not in agent.keys
                        and idx.actors[k].type == "State")))
        if recipients and cue.relation == "meetsWith" and not cue.pair and used is not None \
                and all(idx.actors[k].type == "State" for k in recipients):
            # « doit se rendre à Rome puis à Vienne »: the next stop hung on the first, or
            # coordinated to the verb
            stops = [(m, x) for m, x in self._arguments(used) if x.i > used.i]
            verbs = (t, t.head) if t.dep_ == "xcomp" else (t,)     # (« doit se rendre »)
            stops += [(_case_marker(c), c) for v in verbs for c in v.children if c.dep_ == "conj"
                      and c.pos_ in ("PROPN", "NOUN") and c.i > used.i]
            recipients = tuple(dict.fromkeys(recipients + tuple(
                k for m, x in stops if m in rec_markers and m in self.place_preps
                for k in self._arg_actors(idx, x) if k not in agent.keys and k not in self._own_states(idx, agent.keys)
                and idx.actors[k].type == "State")))
        if recipients and used is not None and used.i > t.i:
            more = self._enumeration(idx, t, recipients, after=True)
            if more:
                recipients = recipients + tuple(k for k in more if k not in agent.keys)
        if recipients and cue.relation == "meetsWith" and used is not None and used.i in idx.by_token \
                and idx.by_token[used.i].kind == "capital":
            # « X s'est rendu à C, où le président Y a ... », "X flew to C, where Y ...": the
            # visitor meets the one the clause names there
            doc = t.doc
            j = used.i + 1
            while j < sent.end and doc[j].is_punct:
                j += 1
            if j < sent.end and doc[j].lower_ in self.where_words:
                # (read on tokens: the parsers hang « où » and its clause anywhere)
                for k in range(j + 1, sent.end):
                    x = doc[k]
                    if x.dep_ in _SUBJ:
                        host = next((a for a in self._arg_actors(idx, x) if a not in agent.keys
                                     and idx.actors[a].type == "Person"), None)
                        if host:
                            recipients = (host,)
                        break
                    if x.pos_ in ("VERB", "AUX") and not x.dep_.startswith("aux"):
                        break
        if not recipients and cue.relation in ("promises", "proposes", "threatens"):
            # « s'est engagé à retirer ses troupes du pays X », "vowed to pull out of X": the
            # act promised names its addressee with its own frame
            for c in t.children:
                inner = self._match_cue(c, idx) if c.dep_ == "xcomp" and c.pos_ == "VERB" else None
                if inner is not None and inner.kind == "verb" and inner.relation in _GIVING and not self._is_negated(c):
                    recipients, _ = self._pick(idx, list(self._arguments(c)), self.lex.frame(inner)[0],
                                               agent.keys, inner.relation)
                    if recipients:
                        break
        if not recipients and cue.relation == "demands":
            # « a sollicité l'appui de la France », "sought Egypt's help": asked of the helper;
            # « a exigé le retrait des troupes russes », « a demandé une réunion du Conseil de
            # sécurité »: of the one the demanded act is up to
            for m, x in args:
                if m == "obj" and x.pos_ == "NOUN" and x.i not in idx.by_token \
                        and x.lemma_.lower() not in self.patient_nouns:  # (« la libération de X »: X is freed)
                    own = self._own_states(idx, agent.keys)
                    recipients = tuple(k for k in self._np_actor(idx, x, 2) if k not in agent.keys and k not in own)
                    if recipients:
                        used = x
                        break
        hosts: tuple[str, ...] = ()
        if recipients and cue.relation == "meetsWith":
            # « a rencontré X à Kampala, en présence de Y »: the host meets each guest
            for m, x in args:
                if m in ("avec", "présence") and used is not None and x.i != used.i and x.head.i != used.i:
                    recipients = tuple(dict.fromkeys(recipients + tuple(
                        k for k in self._arg_actors(idx, x) if k not in agent.keys)))
            if used is not None:
                # (a presence phrase hung on the guest, or on a verb above: « s'est rendu à C, où
                # il a rencontré X, en présence de Y »)
                holders = [used] + [a for a in list(t.ancestors)[:3] if a.pos_ in ("VERB", "AUX")]
                hosts = tuple(dict.fromkeys(k for h in holders for m, x in self._arguments(h) if m == "présence"
                                            for k in self._arg_actors(idx, x)
                                            if k not in agent.keys and k not in recipients))
        if cue.relation == "demands" and any(w in cue.with_ for w in ("à", "au", "aux", "to")) \
                and any(m in ("à", "to") and x.pos_ == "NOUN" for m, x in args):
            # « a appelé toutes les parties à la retenue »: what is asked is the « à » phrase, not
            # the ones asked
            theme_markers = ("à", "to") + tuple(mk for mk in theme_markers if mk not in ("à", "to"))
        theme = self._theme(args, theme_markers, used, idx)
        if not recipients and cue.relation == "demands" and (theme is None or theme.head not in self.lex.topic_nouns):
            # "urged both sides to show restraint", « a appelé les deux camps à
            # observer une trêve »: what is asked is the object of the act asked for
            for c in t.children:
                if c.dep_ == "xcomp" and c.pos_ == "VERB" or c.dep_ in _OBJ and any(
                        x.dep_ == "acl" for x in c.children):
                    inner = c if c.dep_ == "xcomp" else next(x for x in c.children if x.dep_ == "acl")
                    obj = next((x for x in inner.children if x.dep_ in _OBJ and x.pos_ == "NOUN"
                                and x.i not in idx.by_token), None)
                    ref = self._topic(obj) if obj is not None else None
                    if ref is not None and ref.head in self.lex.topic_nouns:
                        theme = ref
                        break
        if not recipients and any(c.lower_ in self.same_words for x in cue_objs for c in x.children
                                  if c.dep_ in ("amod", "det")):
            # « Le Japon a lancé le même appel », "made the same demand": the same act as the
            # last one of that kind, by someone else
            prev = next((it for it in reversed(self._history) if it.relation == cue.relation
                         and it.agent.key not in agent.keys and not it.negated), None)
            if prev is None:
                return
            recipients = (prev.recipient.key,) if prev.recipient is not None else ()
            theme = prev.theme
        if theme is None and not recipients and cue.obj_in:
            # "Hamas released 24 hostages", « a approuvé l'accord »: the cue's own object is
            # what the act is about
            # (not the act's own noun: "expressed strong concern", « a exprimé son soutien »)
            theme = next((tp for x in cue_objs if x.i not in idx.by_token and cue.relation not in _STATED_ACTS
                          for tp in [self._topic(x)] if tp
                          and (cue.relation in self.lex.topic_objects or tp.head in self.document_nouns
                               or (tp.head in self.lex.topic_nouns and cue.relation not in _TARGET_RELATIONS))), None)
        negated, hyp = self._flags(t)
        hyp = hyp or cue.hypothetical
        if passive and t.dep_ in ("acl",) and patient is not None and not recipients:
            recipients = self._arg_actors(idx, patient)
            if not recipients and (theme is None or theme.head == patient.lemma_.lower()):
                # « l'Ossétie du Sud, région séparatiste soutenue par Moscou »: a named place
                # the text does not know as an actor
                named = patient.head if patient.dep_ == "appos" else patient
                j = patient.i - 1
                while j > 0 and t.doc[j].pos_ == "DET":
                    j -= 1
                if named is patient and t.doc[j].text == "," and t.doc[j - 1].pos_ == "PROPN" \
                        and any(c.dep_ in _AGENT or _case_marker(c) in ("par", "by") for c in t.children):
                    named = t.doc[j - 1]  # (the apposition parsed as a phrase of the verb)
                place = self._topic(named)
                if place is not None and place.named and named is not patient:
                    theme = place
                else:
                    # « des référendums dénoncés comme une mascarade par X »: a policy object;
                    # else nothing (« une région ... soutenue par Moscou » is no place)
                    own = self._topic(patient)
                    theme = own if own is not None and own.head in self.lex.topic_nouns else None
        if not recipients:
            # "offered no concession to the United States", « a livré des armes à Kiev »: the
            # addressee hangs on the object noun
            # (or on another phrase of the verb: « s'est entretenu au téléphone avec X »)
            inner = [a for m, x in args if m not in ("amod", "poss", "compound") + (("par", "by") if passive else ())
                     and x.pos_ in ("NOUN", "PROPN") and not (m in _MOTIVE_MARKERS and self._cue_relation(x, idx) == "supports")
                     and x.i not in idx.by_token for a in self._arguments(x)
                     if a[0] not in ("obj", "amod", "poss", "de", "of", "compound")]
            # (two nouns down: « a négocié la libération des otages avec le Hamas »)
            inner += [a for m, x in args if m == "obj" and x.pos_ == "NOUN" and x.i not in idx.by_token
                      for m2, y in self._arguments(x) if m2 in ("de", "of") and y.pos_ == "NOUN" and y.i not in idx.by_token
                      for a in self._arguments(y) if a[0] in ("avec", "with", "entre", "between")]
            if inner:
                recipients, used = self._pick(idx, inner, tuple(mk for mk in rec_markers if mk not in ("obj", "iobj", "de", "of")),
                                           agent.keys, cue.relation)
        if not recipients and cue.relation == "attacks" and any(m == "obj" for m, _ in args):
            # "struck targets in Damascus": the city stands for its State
            cities = [idx.by_token[x.i] for m, x in args if m in ("in", "near", "around")
                      and x.i in idx.by_token and idx.by_token[x.i].kind == "capital"]
            if cities:
                recipients = tuple(k for k in cities[0].keys if k not in agent.keys)
        if not recipients and cue.relation in ("attacks", "sanctions"):
            # « bombarde des positions du groupe X », "shelled X's positions", "tax X's
            # goods": their holder
            recipients = next((keys for m, x in args + [("obj", x) for x in cue_objs]
                               if m == "obj" and x.pos_ == "NOUN" and x.i not in idx.by_token
                               and _has(x, self.target_nouns)
                               for keys in [tuple(k for k in self._np_actor(idx, x, 1) if k not in agent.keys)] if keys), ())
        if not recipients and cue.relation in self.lex.place_objects and not (theme is not None and theme.named):
            theme = self._named_place(idx, args, ("obj",)) or theme
        event_obj = next((x for m, x in args if m == "obj" and x.i not in idx.by_token and x.pos_ == "NOUN"
                          and _has(x, self.event_nouns)), None)
        victim_marked = used is not None and (
            _case_marker(used) in ("contre", "sur", "against", "on") or used.head.lower_ in ("against", "on"))
        if used is not None and used == event_obj:
            # the actor inside the event's noun phrase: its victim (« ces attaques contre X »),
            # or its author (« la décision de X », "Russia's invasion")
            inner = next((m for m, x in self._arguments(event_obj) if set(self._arg_actors(idx, x)) & set(recipients)), None)
            victim_marked = inner in ("contre", "sur", "against", "on", "à", "vers", "visant")
        if event_obj is not None and cue.relation in ("denounces", "accuses", "expressesConcern"):
            # « a dénoncé une invasion de l'île par le pays X », "condemned X's
            # invasion": the act's author, whatever other actor the phrase names
            # (the « par » phrase hung on the verb, which is active: the noun's)
            authors = tuple(k for m, x in list(self._arguments(event_obj)) + ([] if passive else [
                                (m2, y) for m2, y in self._arguments(t) if m2 in ("par", "by") and y.i > event_obj.i])
                            if m in ("par", "by", "poss")
                            for k in self._arg_actors(idx, x) if k not in agent.keys)
            if authors:
                recipients, victim_marked = authors, False
        if recipients and event_obj is not None and victim_marked \
                and cue.relation in ("denounces", "accuses", "expressesConcern"):
            # « a condamné ces attaques contre l'Érythrée », "condemned the strikes on Gaza": the
            # one condemned is who attacked, not the victim named in the noun phrase
            # (« l'annexion par la Russie », "Russia's invasion": the noun names its author)
            # (the « par » phrase hung on the verb, which is active: the noun's)
            authors = tuple(k for m, x in list(self._arguments(event_obj)) + ([] if passive else [
                                (m2, y) for m2, y in self._arguments(t) if m2 in ("par", "by") and y.i > event_obj.i])
                            if m in ("par", "by", "poss")
                            for k in self._arg_actors(idx, x) if k not in agent.keys)
            if authors:
                recipients = authors
            else:
                victims = set(recipients)
                named = {c.relation for c in self.lex.by_lemma.get(event_obj.lemma_.lower(), ()) if c.kind == "noun"}
                author = next((it.agent.key for it in reversed(self._history)
                               if it.sent_start <= sent.start_char and not it.negated and it.recipient is not None
                               and it.recipient.key in victims and it.agent.key not in agent.keys
                               and (not named or it.relation in named)), None)
                recipients = (author,) if author else ()
        if not recipients and harmed is not None:
            recipients = tuple(k for k in self._arg_actors(idx, harmed) if k not in agent.keys)
        if not recipients and cue.relation == "promises":
            # « a promis de coopérer avec le nouvel État », "pledged not to interfere in Iran's
            # affairs": the one the promised act concerns
            inner = next((c for c in t.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
            if inner is not None:
                mine = set(agent.keys) | own
                kept_from = self._is_negated(inner)   # ("pledged not to support X": X gets nothing)
                for m, x in sorted(self._arguments(inner), key=lambda a: a[1].i):
                    if m in self.promise_markers and not (kept_from and m in ("obj", "iobj")) \
                            and not any(c.lower_ in ("jusqu'", "jusqu’", "jusque") for c in x.children):
                        keys = tuple(k for k in (self._arg_actors(idx, x) or (
                            self._np_actor(idx, x, 2) if x.pos_ == "NOUN" else ())) if k not in mine)
                        if keys:
                            recipients, used = keys, x
                            break
            if not recipients and len(agent.keys) >= 2 and reflexive:
                cue = replace(cue, mutual=True)  # « X et Y se sont engagés à ... »: to each other
        if not recipients and cue.relation in _REACTION_RELATIONS:
            recipients = self._event_anaphor(args, agent.keys, idx, t)
        if not recipients and cue.relation in _CONDITIONAL_THREATS:
            recipients = self._conditioned_party(idx, t, agent.keys)
        if not recipients and cue.relation in _ADDRESSED:
            recipients = self._part_author(idx, t, agent.keys)
        if not recipients and cue.relation in _ADDRESSED and not own_envoy and not (theme is not None and (
                cue.relation in self.lex.topic_objects or theme.head in self.lex.topic_nouns)):
            recipients = self._nearest_addressee(idx, t, agent.keys)
        if not recipients and cue.relation in _RETALIATING \
                and not (theme is not None and (cue.relation in self.lex.topic_objects or theme.head in self.lex.topic_nouns)):
            recipients = self._retaliation_target(idx, agent.keys, sent)
        if not recipients and theme is None and t.lemma_.lower() in self.vote_verbs:
            theme = self._last_document(t)  # « Le Panama a voté contre. »: the text put to the vote
        # "the accord was signed by X and Y": a symmetric act between coordinated agents (the
        # reflexive « X et Y se sont accordés » was taken care of above)
        has_obj = any(m == "obj" for m, _ in args)
        if len(agent.keys) >= 2 and not recipients and cue.mutual or len(agent.keys) >= 2 and any(
                c.lower_ in self.mutual_words for c in t.subtree
                                        if c.dep_ in ("advmod", "dobj", "obj", "pobj", "npadvmod", "det", "amod") and c.head.i in (t.i, *(x.i for x in t.children))):
            # « X et Y s'accusent mutuellement », "X and Y blamed each other": each to the other
            a, b = agent.keys[0], agent.keys[1]
            for x, y in ((a, b), (b, a)):
                yield from self._make(article, idx, _Role((x,), agent.how), cue.relation, (y,), theme, sent, t,
                                      cue, negated, hyp, cue.weight)
            return
        if not recipients and cue.relation in _SYMMETRIC and len(agent.keys) >= 2 and cue.pair \
                and (not has_obj or cue.relation == "agreesWith"):
            # (each pair of the coordinated agents: « A, B et C ont signé l'accord »)
            for x, y in itertools.combinations(agent.keys[:4], 2):
                yield from self._make(article, idx, _Role((x,), agent.how), cue.relation,
                                      (y,), theme, sent, t, cue, negated, hyp, cue.weight)
            return
        yield from self._make(article, idx, agent, cue.relation, recipients, theme, sent, t, cue,
                              negated, hyp, cue.weight)
        for h in hosts:  # (the presence phrase hung on the guest: the host meets both)
            yield from self._make(article, idx, _Role((h,), "name"), "meetsWith", agent.keys + recipients,
                                  None, sent, t, cue, negated, hyp, cue.weight * 0.9)
        if cue.relation not in ("meetsWith", "attacks", "deploysForces") and not negated:
            # « a salué un jour historique, aux côtés du ministre iranien, X »: side by side
            beside = tuple(dict.fromkeys(k for m, x in args if m == "présence"
                                         for k in self._arg_actors(idx, x) if k not in agent.keys))
            if beside and all(idx.actors[a].type == "Person" for a in agent.keys):
                meet = Cue(id=f"{self.lang}.meetsWith.presence", relation="meetsWith", kind="verb", lemmas=(t.lemma_,))
                yield from self._make(article, idx, agent, "meetsWith", beside, None, sent, t, meet,
                                      False, hyp, 0.6)
        # « a refusé de signer la déclaration », "declined to endorse the plan": refusing a
        # cooperative act rejects its object
        if negated and cue.relation == "supports" and t.lemma_.lower() in self.lex.mod("recognition_verbs") \
                and self._is_negated(t) and recipients:
            # « X ne reconnaît pas la compétence de la Cour », "refused to recognise": rejects
            yield from self._make(article, idx, agent, "rejects", recipients, theme, sent, t, cue,
                                  False, hyp, cue.weight * 0.9)
        if negated and cue.relation in ("agreesWith", "supports") and t.lemma_.lower() in self.acceptance \
                and self._is_negated(t) and (recipients or theme is not None):
            # « X n'accepterait aucun plan étranger », "did not accept the offer": rejects it
            yield from self._make(article, idx, agent, "rejects", recipients, theme, sent, t, cue,
                                  False, hyp, cue.weight * 0.9)
        if negated and cue.relation in _REFUSABLE and t.dep_ == "xcomp" \
                and t.head.lemma_.lower() in self.refusing and not self._is_negated(t.head):
            yield from self._make(article, idx, agent, "rejects", recipients, theme, sent, t, cue,
                                  False, hyp, cue.weight * 0.9)
        # a refusal in answer to a demand (« n'a fait ni promesse ni concession face aux
        # demandes de X ») rejects X
        if negated and cue.relation in ("promises", "concedes", "proposes", "agreesWith", "supports"):
            yield from self._reject_demands(t, args, agent, sent, article, idx, cue)

    @staticmethod
    def _gapped_subject(idx: ActorIndex, x: Token) -> bool:
        """« X expulse trois diplomates, la Lettonie deux, le Portugal un »: a name after a
        comma with only a number of its own is the subject of an elided clause."""
        m = idx.by_token.get(x.i)
        if m is None or not any(c.dep_ == "nummod" and c.i > x.i for c in x.children):
            return False
        doc = x.doc
        j = m.start - 1
        while j > 0 and doc[j].pos_ == "DET":
            j -= 1
        return j >= 0 and doc[j].text == ","

    def _conditioned_party(self, idx: ActorIndex, t: Token, agent_keys: tuple[str, ...]) -> tuple[str, ...]:
        """« X a averti que si Y envahissait Z, il en paierait le prix », "warned that the
        response would be severe if Y retaliated", « « Si Y tire, nous riposterons », a averti
        X »: a warning or threat made on a condition is addressed to whoever the condition
        names as its subject (« en cas d'invasion russe »: the author of the act it names)."""
        own = self._own_states(idx, agent_keys)
        inverted = bool(self._inverted_subject(idx, t))
        for x in t.sent:
            if x.lower_ not in self.cond_markers or x.i == t.i:
                continue
            if x.dep_ == "mark":
                v = x.head
                # (the subject of a passive condition undergoes it: « si X était renversé »)
                subj = next((c for c in v.children if c.dep_ in _SUBJ or c.dep_ in _AGENT), None)
                if subj is not None and subj.dep_ in _SUBJ and any(
                        c.dep_ in ("aux:pass", "auxpass", "cop") or (c.dep_.startswith("aux") and c.lemma_.lower() in ("être", "be")
                                                                    and v.lemma_.lower() not in self.etre_verbs)
                        for c in v.children):
                    subj = None
                holders = [subj] if subj is not None else []
            elif x.pos_ == "NOUN" and x.dep_ in ("obl", "obl:mod", "nmod", "pobj"):
                # « en cas d'invasion russe », "in case of a Chinese attack": the act's author
                v = x
                holders = [g for g in x.children if g.pos_ == "NOUN" and g.i > x.i]
            else:
                continue
            if not (t in v.ancestors or (inverted and v.i < t.i)):
                continue
            for h in holders:
                keys = self._arg_actors(idx, h) if h.dep_ in _SUBJ + _AGENT else tuple(
                    k for m, sub in self._arguments(h) if m in ("amod", "par", "by", "poss")
                    for k in (self._arg_actors(idx, sub) or self._demonym(idx, sub)))
                keys = tuple(k for k in keys if k not in agent_keys and k not in own)
                if keys:
                    return keys
        return ()

    def _demonym(self, idx: ActorIndex, tok: Token, adjectives_only: bool = True) -> tuple[str, ...]:
        """The State a demonym names (« russe », "Iranian"), as a one-key tuple, or ()."""
        e = self.gaz.adjective(tok.text) if tok.pos_ == "ADJ" or not adjectives_only else None
        if e is None:
            return ()
        idx.ensure(e.id)
        return (e.id,)

    def _retaliation_target(self, idx: ActorIndex, agent_keys: tuple[str, ...], sent: Span) -> tuple[str, ...]:
        """A reaction with no target named (« Son ministère a dénoncé une provocation »): the
        one who last acted against the agent or its State, in the sentences before."""
        mine = set(agent_keys) | self._own_states(idx, agent_keys)
        for it in reversed(self._history):
            if it.sent_start >= sent.start_char or it.negated or it.hypothetical or it.recipient is None:
                continue
            if it.relation not in _TARGET_RELATIONS | {"warns", "demands"}:
                continue
            if it.recipient.key in mine or self._own_states(idx, (it.recipient.key,)) & mine:
                if it.agent.key not in mine:
                    # a target the sentence does not name is the State (or organisation) the
                    # person acted for: « Pékin a refusé de céder » after Y's demand -> Y's State
                    k = it.agent.key
                    if it.agent.type == "Person" and k in self.gaz and not (
                            # (a head of state or government answered by a person stays a person)
                            any(idx.actors[a].type == "Person" for a in agent_keys if a in idx.actors)
                            and any(r.role in LEADER_ROLES for r in self.gaz.roles_on(k, idx.on))):
                        k = next((r.of for r in self.gaz.roles_on(k, idx.on)), None) or self.gaz.state_of(k) or k
                    return (k,) if k not in mine else (it.agent.key,)
        return ()

    def _claimant(self, idx: ActorIndex, t: Token) -> "_Role | None":
        """Who the act of cue ``t`` is attributed to: the subject of a verb of saying whose
        clause holds it (« Moscou affirme que Kiev a attaqué », "Kyiv said Russian forces
        shelled"), or the actor of a « selon X », "according to X" phrase of its sentence."""
        x = t
        for _ in range(6):
            if x.head.i == x.i:
                break
            if x.dep_ in ("ccomp", "parataxis") and x.head.lemma_.lower() in self.claim_verbs \
                    and x.head.pos_ in ("VERB", "AUX"):
                a, _, _ = self._subject(idx, x.head)
                return a
            if x.dep_ in ("acl:relcl", "relcl", "advcl", "xcomp", "acl") and x.i == t.i:
                break  # (an act of its own clause: « X, qui affirme que ... » is not t's)
            x = x.head
        for w in t.sent:
            if w.lower_ in self.claim_markers and w.head.i != w.i:
                obj = w.head if w.dep_ == "case" else next((c for c in w.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.i in idx.by_token:
                    keys = self._arg_actors(idx, obj)
                    if keys:
                        return _Role(keys, "name")
        return None

    def _disputed(self, t: Token, acts: list[tuple[Interaction, Token]], claimant: "_Role",
                  idx: ActorIndex) -> bool:
        """The claim of cue ``t`` is made with a verb of allegation (« prétendre », "allege"),
        or while rejecting, condemning or accusing, or by a claimant who, in the same sentence,
        rejects something."""
        x = t
        for _ in range(6):
            if x.dep_ in ("ccomp", "parataxis") and x.head.lemma_.lower() in self.claim_verbs:
                v = x.head
                # (« a rejeté l'accusation, affirmant que ... », "rejected the charge, saying")
                return v.lemma_.lower() in self.allegation_verbs or (
                    v.dep_ in ("advcl", "xcomp", "acl") and v.head.i != v.i
                    and self._cue_relation(v.head, idx) in ("rejects", "denounces", "accuses"))
            if x.head.i == x.i:
                break
            x = x.head
        return any(o.relation == "rejects" and o.agent.key in claimant.keys for o, _ in acts)

    def _attributed(self, acts: list[tuple[Interaction, Token]], sent: Span, article: Article,
                    idx: ActorIndex) -> Iterator[Interaction]:
        """A hostile act claimed by someone else (« selon Moscou, Kiev aurait attaqué », « A
        affirme que des obus de B ont frappé le village ») is the claimant's accusation of its
        author, not an established act (ontology-core, background facts)."""
        for it, t in acts:
            if it.relation not in _CLAIMABLE or it.negated:
                yield it
                continue
            claimant = self._claimant(idx, t)
            if claimant is None or not (it.hypothetical or self._disputed(t, acts, claimant, idx)):
                # (a claim in the conditional, « aurait attaqué », or made in a dispute: an
                # allegation, a denial's counter-charge; a plain "X attacked Y, officials said"
                # reports a fact)
                yield it
                continue
            side = {it.agent.key} | self._own_states(idx, (it.agent.key,))
            speakers = tuple(k for k in claimant.keys if k not in side and not (self._own_states(idx, (k,)) & side))
            if not speakers or len(speakers) < len(claimant.keys):
                yield it  # (one's own act, reported by oneself or one's side)
                continue
            cue = Cue(id=f"{self.lang}.accuses.claim", relation="accuses", kind="verb", lemmas=(t.lemma_,))
            yield from self._make(article, idx, _Role(speakers, claimant.how), "accuses", (it.agent.key,), None,
                                  sent, t, cue, False, False, 0.7)

    def _own_states(self, idx: ActorIndex, keys: tuple[str, ...]) -> set[str]:
        """The States the actors ``keys`` belong to (a person's, an institution's, an army's)."""
        return {self.gaz.state_of(k) if k in self.gaz else idx.part_of[k] for k in keys
                if k in self.gaz or k in idx.part_of}

    def _part_author(self, idx: ActorIndex, t: Token, agent_keys: tuple[str, ...]) -> tuple[str, ...]:
        """« a dénoncé une provocation injustifiable de la part du Chili », "an
        aggression on the part of X": the author named anywhere under the verb."""
        own = self._own_states(idx, agent_keys)
        for x in t.subtree:
            if x.i > t.i and x.lower_ in self.part_words and any(c.lower_ in ("de", "on") for c in x.children) \
                    and any(c.lower_ in ("la", "the") for c in x.children):
                keys = tuple(k for m, y in self._arguments(x) if m in ("de", "of")
                             for k in self._arg_actors(idx, y) if k not in agent_keys and k not in own)
                if keys:
                    return keys[:1]
        return ()

    def _nearest_addressee(self, idx: ActorIndex, t: Token, agent_keys: tuple[str, ...]) -> tuple[str, ...]:
        """The first actor named after an addressed act's verb, in its own clause, when no frame
        slot gave one: a warning, an accusation, a sanction is aimed at someone the sentence
        names, however the parser attached it (« a menacé mardi, dans un discours à la nation,
        de représailles la Corée du Nord »). Not the agent, nor the agent's own State."""
        own = self._own_states(idx, agent_keys)
        speaker = set(self._inverted_subject(idx, t))
        for x in t.subtree:
            if x.i <= t.i or x.i not in idx.by_token or x.dep_ in _SUBJ or x.i in speaker:
                continue
            # (not inside another verb's clause: « a accusé X d'avoir dit que Y », « a dénoncé
            # une violation et demandé une réunion du Conseil »)
            if any(a.pos_ in ("VERB", "AUX") and a.i != t.i and (a.dep_ == "conj" or any(c.dep_ in _SUBJ for c in a.children) or (
                    # (nor in a clause of time or purpose: "..., before holding a call with Y"; a
                    # gerund names the target: « en visant Minsk »)
                    a.dep_ == "advcl" and (any(c.dep_ in ("mark", "prep") and c.i < a.i and c.lower_ != "en" for c in a.children)
                                           or a.lemma_.lower() in self.speech)
                    or a.dep_ == "pcomp"))
                   for a in x.ancestors if a.i > t.i and t in a.ancestors):
                continue
            if self._gapped_subject(idx, x):
                continue
            if any(a.i > t.i and _has(a, self.visit_nouns) for a in x.ancestors if t in a.ancestors):
                continue  # (« s'est inquiété, lors d'une visite au Maroc, du rôle de X »: the host is no addressee)
            if any(a.i > t.i and (_case_marker(a) or a.head.lower_) in _MOTIVE_MARKERS and self._cue_relation(a, idx) == "supports"
                   for a in x.ancestors if t in a.ancestors):
                continue  # (« a fermé la frontière par solidarité avec X »: X is supported)
            keys = tuple(k for k in idx.by_token[x.i].keys if k not in agent_keys and k not in own)
            if keys:
                return keys[:1]
        return ()

    def _enumeration(self, idx: ActorIndex, t: Token, keys: tuple[str, ...], after: bool = False) -> tuple[str, ...]:
        """« seuls le Bélarus, la Corée du Nord, la Syrie et le Nicaragua ont voté », "Saudi
        Arabia, the UAE, Bahrain and Egypt cut ties", « a rompu ses relations avec les
        États-Unis, la France, le Royaume-Uni et l'Allemagne »: the parser often breaks a list
        of names in two. Read as a token pattern: the other names of the list the ``keys`` are
        part of, before the verb ``t`` (its subjects) or after it (``after``: its objects);
        names separated by commas and one « et »/"and", with only articles and adjectives
        between them; none after a preposition."""
        sent = t.sent
        ms = sorted((m for m in idx.mentions if sent.start <= m.start and m.end <= sent.end
                     and (m.start > t.i if after else m.end <= t.i)
                     and m.kind in ("name", "capital", "metonym", "ner", "description")), key=lambda m: m.start)
        # « le président turc, X Y, »: a title and its apposed name are one item
        # (a title alone is no list item: only merged with its name)
        merged: list[tuple[Mention, bool]] = []        # (item, holds a name)
        for m in ms:
            named = m.kind != "description"
            if merged and merged[-1][0].keys == m.keys and all(x.is_punct for x in t.doc[merged[-1][0].end:m.start]):
                prev, had_name = merged[-1]
                merged[-1] = (replace(prev, end=m.end), had_name or named)
            else:
                merged.append((m, named))
        ms = [m for m, named in merged if named]
        hits = [j for j in range(len(ms)) if set(ms[j].keys) & set(keys)]
        if not hits:
            return ()
        pos = hits[0] if after else hits[-1]
        doc = t.doc
        conj_words = self.lex.mod("list_conjunctions")
        fillers = self.lex.mod("list_fillers")

        def gap(a, b) -> str | None:  # the separator between two mentions, or None
            toks = doc[a.end:b.start]
            if not toks or any(x.pos_ not in ("PUNCT", "DET", "ADJ", "CCONJ") and x.lower_ not in fillers for x in toks):
                return None
            if any(x.lower_ in conj_words for x in toks):
                return "and"
            return "," if any(x.text == "," for x in toks) else None

        def fronted(m) -> bool:  # « À Paris, X et Y ont ... »: a place phrase, not a list item
            j = m.start - 1
            while j >= sent.start and doc[j].pos_ == "DET":
                j -= 1
            # (« huit membres, dont la France et le Royaume-Uni, »: a list inside another phrase)
            return j >= sent.start and (doc[j].pos_ == "ADP" or doc[j].lower_ in self.sublist_openers)

        lo = hi = pos
        seps: list[str] = []
        while not after and lo > 0 and (g := gap(ms[lo - 1], ms[lo])) and not fronted(ms[lo]) \
                and not fronted(ms[lo - 1]):
            seps.append(g)
            lo -= 1
        while hi + 1 < len(ms) and (g := gap(ms[hi], ms[hi + 1])) and "and" not in seps:
            seps.append(g)
            hi += 1
        if hi == lo or "and" not in seps or (not after and fronted(ms[lo])):
            return ()
        out: list[str] = []
        for m in ms[lo:hi + 1]:
            out.extend(k for k in m.keys[:1] if k not in keys and k not in out)
        return tuple(out)

    def _named_place(self, idx: ActorIndex, args: list[tuple[str, Token]], holders: tuple[str, ...]) -> TopicRef | None:
        """« a bombardé des positions rebelles dans la province de X », « son offensive dans le
        nord-est de la Syrie », "bombed rebel positions in X province": the named place the
        target lies in, hung on the verb or on a noun in one of the ``holders`` roles."""
        near = ("in", "near", "près", "around", "autour", "dans", "en", "à")
        cands = [sub for m, x in args if m in holders and x.pos_ == "NOUN"
                 for m2, sub in self._arguments(x) if m2 in self.place_preps or m2 in near]
        cands += [x for m, x in args if m in near and x.i not in idx.by_token]
        cands += [x for m, x in args if m in holders and m != "poss" and x.pos_ in ("NOUN", "PROPN")
                  and x.i not in idx.by_token and x.lemma_.lower() in self.place_words]  # « le détroit d'Ormuz »
        for sub in cands:
            place = self._topic(sub)
            if place is not None and place.named:
                return place
        return None

    def _event_anaphor(self, args: list[tuple[str, Token]], agent_keys: tuple[str, ...],
                       idx: ActorIndex, t: Token | None = None) -> tuple[str, ...]:
        """« L'Élysée a dénoncé la frappe », "Iran condemned the attack": a definite noun
        naming an act reported before stands for whoever did it (the agent of the latest
        earlier interaction by someone else). So does the noun a reaction hangs on
        (« ..., une décision regrettée par X ») and « une décision qui ... »; an act of the
        same sentence counts when it comes before the noun."""
        cands = [tok for m, tok in args if m == "obj"]
        p = t
        if p is not None and p.dep_ == "conj" and "Part" in p.morph.get("VerbForm") \
                and not any(c.dep_.startswith("aux") for c in p.children):
            # « une décision regrettée par X mais saluée par Y » with the second participle
            # hung on the main verb: the nearest participle on a noun before it is its twin
            twin = next((x for x in reversed(p.doc[p.head.i + 1:p.i]) if x.dep_ == "acl"
                         and "Part" in x.morph.get("VerbForm") and x.head.pos_ == "NOUN"), None)
            p = twin or p
        while p is not None and p.dep_ == "conj" and p.head.i != p.i:
            p = p.head             # « ..., regrettée par X et saluée par Y »
        if p is not None and p.dep_ in ("acl", "acl:relcl") and p.head.pos_ == "NOUN" and t.tag_ != "VBG" \
                and "Part" in t.morph.get("VerbForm") and not any(c.dep_ in _OBJ for c in t.children):
            cands.append(p.head)   # « une décision regrettée par X », "a move welcomed by X"
        if t is not None:
            cands.extend(c for c in t.children if c.dep_ in ("nsubj:pass", "nsubjpass"))
        for tok in cands:
            if tok.pos_ != "NOUN":
                continue
            if not _has(tok, self.event_nouns):
                continue
            described = tok.i == (p.head.i if p is not None else -1) or any(
                c.dep_ in ("acl:relcl", "relcl") for c in tok.children)
            if not described and not any(
                    c.dep_ in ("det",) and ("Def" in c.morph.get("Definite") or "Dem" in c.morph.get("PronType")
                                            or "Plur" in c.morph.get("Number"))
                    for c in tok.children):
                continue  # (« a condamné des frappes qui violent ... »: a plural names them too)
            if any(c.dep_ in ("nmod", "poss", "nmod:poss", "prep") and not self._dated(c)
                   and not (c.dep_ == "prep" and any(self._dated(g) for g in c.children))
                   for c in tok.children):
                continue  # « l'attaque de X », "the attack on X": not an anaphor (« dès mercredi » is)
            # "the US-led operation", « l'offensive russe »: the one its modifier names
            heads = {tok.i} | {c.i for c in tok.children if c.dep_ in ("amod", "compound")}
            own: list[str] = []
            for x in tok.subtree:
                if x.i == tok.i or x.head.i not in heads or x.dep_ not in ("amod", "compound", "npadvmod", "nmod", "flat:name"):
                    continue
                if x.i in idx.by_token:
                    found = idx.by_token[x.i].keys
                elif x.head.i != tok.i:   # "the Turkish-led operation": a demonym inside a compound
                    found = self._demonym(idx, x, adjectives_only=False)
                else:
                    found = ()
                own.extend(k for k in found if k not in agent_keys and k not in own)
            if own:
                return tuple(own)
            # the act it names: the relation of its noun cue (« frappe » -> attacks), else any
            # act that is not itself a reaction
            named = {c.relation for c in self.lex.by_lemma.get(tok.lemma_.lower(), ()) if c.kind == "noun"}
            if _has(tok, self.judgement_nouns):
                named = {"demands", "rejects", "accuses", "sanctions", "supports"}  # (a court's ruling)

            mine = set(agent_keys) | self._own_states(idx, agent_keys)

            def fits(it: Interaction) -> bool:
                return it.agent.key not in mine and not it.negated and (
                    (named and it.relation in named) or (not named and it.relation not in _REACTION_RELATIONS))
            here = [it for it, x in self._sent_acts if x.i < tok.i and fits(it)]
            if here:
                group = [o for o, x in self._sent_acts if x.i < tok.i and o.relation == here[-1].relation
                         and not o.negated]
            else:
                it = next((it for it in reversed(self._history)
                           if it.sent_start < tok.sent.start_char and fits(it)), None)
                if it is None:
                    return ()
                group = [o for o in self._history if o.sent_start == it.sent_start and o.relation == it.relation
                         and not o.negated]
            # all who did it in that sentence (« X et Y ont bombardé »); "welcomed the strike"
            # ordered by a head of state, or carried out by an army: his State's
            keys: list[str] = []
            for o in group:
                k = o.agent.key
                st = self.gaz.state_of(k) if o.agent.type == "Person" and k in self.gaz else idx.part_of.get(k)
                k = st if st and st not in agent_keys else k
                if k not in keys and k not in agent_keys:
                    keys.append(k)
            return tuple(keys)
        return ()

    def _cue_relation(self, t: Token, idx: ActorIndex) -> str | None:
        c = self._match_cue(t, idx)
        return c.relation if c is not None else None

    def _reject_demands(self, t, args, agent, sent, article, idx, cue) -> Iterator[Interaction]:
        for m, tok in args:
            if _has(tok, self.demand_nouns):
                for mm, sub in self._arguments(tok):
                    if mm in ("de", "of", "poss"):
                        keys = tuple(k for k in self._arg_actors(idx, sub) if k not in agent.keys)
                        if keys:
                            yield from self._make(article, idx, agent, "rejects", keys, None, sent, t,
                                                  cue, False, False, 0.7)
                            return

    def _governing_verb(self, n: Token) -> Token | None:
        cur = n
        for _ in range(3):
            h = cur.head
            if h is cur:
                return None
            if cur.dep_ in ("nmod",) + _OBJ and self._dated(h) \
                    and h.head.i != h.i and h.head.pos_ in ("VERB", "AUX"):
                return h.head  # « a intensifié vendredi ses frappes »: the date took the object's place
            if (cur.dep_ in _OBJ + _SUBJ_PASS or (cur.dep_ == "obl:arg" and _case_marker(cur) == "de")) \
                    and h.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
                return h  # the object, or a partitive « de » object (« n'a pas fait de promesses »)
            if cur.dep_ == "pobj" and h.dep_ == "prep":
                cur = h
                continue
            if cur.dep_ == "conj":
                cur = h
                continue
            if cur.dep_ in ("nmod", "pobj", "prep") and h.lemma_.lower() in self.partitives:
                cur = h  # « un nouveau paquet de sanctions », "a new round of sanctions"
                continue
            if cur.dep_ == "pobj" and h.dep_ == "prep" and h.head.lemma_.lower() in self.partitives:
                cur = h.head
                continue
            return None
        return None

    def _noun(self, n: Token, cue: Cue, sent: Span, article: Article, idx: ActorIndex) -> Iterator[Interaction]:
        args = list(self._arguments(n))
        for c in n.children:
            # « l'opération militaire menée par la Russie en Géorgie », "the strikes carried out
            # by Israel on Gaza": the participle's agent and complements are the noun's
            if c.dep_ in ("acl",) and c.pos_ == "VERB" and self._past_participle(c) and not self._match_cue(c, idx):
                args.extend(a for a in self._arguments(c) if a[0] not in ("amod", "obj"))
            elif c.dep_ == "acl" and c.lemma_.lower() in _TARGETING:
                # « des sanctions visant la Russie », "sanctions targeting Russia"
                args.extend(("visant", x) for m, x in self._arguments(c) if m == "obj")
        rec_markers, theme_markers = self.lex.frame(cue)
        def negating(c: Token) -> bool:  # « pas », "not", or a negative determiner ("no", « aucun »)
            return (c.lower_ in self.neg_words and c.dep_ in _NEGATION_DEPS) or (c.dep_ == "det" and c.lower_ in self.neg_dets)
        negated = any(negating(c) for c in n.children) or (
            # "No new round of talks": the negation on the partitive the noun hangs on
            (part := n.head.head if n.head.dep_ == "prep" else n.head).i != n.i and _has(part, self.partitives)
            and any(negating(c) for c in part.children))
        hyp = any(c.lemma_.lower() in self.future_adj for c in n.children if c.dep_ in ("amod",))
        # « le sommet entre les deux hommes », "talks between X and Y" (the parser often hangs
        # the « entre » phrase on the verb of the clause)
        pair_args = list(args)
        if cue.relation in _SYMMETRIC or cue.mutual:
            h = n.head
            for _ in range(4):
                if h.i == n.i:
                    break
                pair_args += [a for a in self._arguments(h) if a[0] in ("entre", "between")]
                if h.head.i == h.i or h.pos_ in ("VERB", "AUX"):
                    break
                h = h.head
        for m, tok in pair_args:
            if m in ("entre", "between"):
                keys = self._arg_actors(idx, tok)
                if len(keys) < 2 and cue.mutual:
                    # « les combats entre l'armée et les paramilitaires des FSR »
                    keys = tuple(dict.fromkeys(k for t in _expand_conj(tok)
                                               for k in (self._actors(idx, t) or self._np_actor(idx, t, 1))[:1]))
                case = next((c for c in tok.children if c.dep_ in ("case", "prep") or c.lower_ in ("entre", "between")), None)
                if keys and case is not None:
                    # « des négociations entre le Pérou, la Bolivie et le Chili » with the list
                    # hung on the noun: each pair of the list
                    keys = tuple(dict.fromkeys(keys + self._enumeration(idx, case, keys, after=True)))
                if len(keys) >= 2:
                    gov = self._governing_verb(n)
                    if gov is not None:
                        gn, gh = self._flags(gov)
                        if gov.lemma_.lower() in self.neg_gov and not self._is_negated(gov):
                            gn = True  # « a annulé la rencontre entre A et B »
                        negated, hyp = negated or gn, hyp or gh
                    for x, y in itertools.combinations(keys[:4], 2):
                        yield from self._make(article, idx, _Role((x,), "name"), cue.relation, (y,),
                                              None, sent, n, cue, negated, hyp, cue.weight)
                        if cue.mutual:
                            yield from self._make(article, idx, _Role((y,), "name"), cue.relation, (x,),
                                                  None, sent, n, cue, negated, hyp, cue.weight)
                    return
        own_agent = None
        own_marker = None
        obtained_for: _Role | None = None
        conveyed_to: tuple[str, ...] = ()
        for mk in ("par", "by", "poss", "de", "of", "from", "amod"):
            for m, tok in args:
                if m == mk:
                    if mk == "de" and _case_marker(tok) is None and tok.i in idx.by_token \
                            and idx.by_token[tok.i].start < tok.i:
                        continue  # (a piece of a name the parser split: « avec X, Park Geun-hye »)
                    keys = self._arg_actors(idx, tok)
                    if cue.relation == "meetsWith" and mk in ("de", "of") and keys \
                            and idx.actors[keys[0]].type == "Organization":
                        continue  # « le sommet du G20 », "the NATO summit": the forum, not a party
                    if keys:
                        own_agent = (_Role(keys, "name"), tok)
                        own_marker = mk
                        break
            if own_agent:
                break
        gov = self._governing_verb(n)
        agent = None
        used_agent_tok = None
        if gov is not None and self._addressed_act(gov, idx):
            return  # « a accusé Lima d'apporter son soutien aux rebelles »: the accused's alleged act
        if gov is not None:
            gov_cue = self._match_cue(gov, idx)
            gov_is_cue = gov_cue is not None
            if gov_is_cue and (own_agent is None or gov_cue.relation == cue.relation
                               or gov_cue.relation == "demands"):
                return  # (« a exigé le retrait des troupes X »: a demanded act is not done)
            if gov_is_cue and own_marker == "poss" and own_agent[1].pos_ == "DET":
                return  # « a suspendu son aide »: the act the cue verb stops is the subject's own
            if not gov_is_cue:
                a, _, _ = self._subject(idx, gov)
                if a is not None and own_agent is not None and own_marker in ("de", "of", "from", "poss", "amod") \
                        and (gov.lemma_.lower() in self.obtaining or (
                            "s'" + gov.lemma_.lower() in self.obtaining
                            and any(c.pos_ == "PRON" and "Yes" in c.morph.get("Reflex") for c in gov.children))):
                    # « a obtenu le soutien de la Chine », "won Beijing's backing", « a arraché
                    # l'accord de Moscou »: the one named with the noun acts, for the one who got it
                    obtained_for = a
                elif a is not None and gov.lemma_.lower() in self.conveying and own_agent is not None \
                        and own_marker in ("de", "of") and any(c.dep_ in _OBJ + _IOBJ + ("xcomp",) for c in gov.children):
                    # « a assuré Vilnius du plein soutien de l'Union »: the Union supports Vilnius
                    conveyed_to = tuple(k for c in gov.children if c.dep_ in _OBJ + _IOBJ
                                        or (c.dep_ == "xcomp" and c.pos_ == "PROPN")
                                        for k in self._arg_actors(idx, c) if k not in own_agent[0].keys)
                elif a is not None and own_marker not in ("par", "by"):
                    # (« annonçait la reconnaissance du pays A par le pays B »: the « par »
                    # agent acts, not the one who announces it)
                    agent = a
                    # (not the phrase the cue noun hangs in, nor the bare noun of a light-verb
                    # idiom before it: « a fait part de sa préoccupation », « a fait état de »)
                    above = {a.i for a in n.ancestors}
                    args = args + [(m, tok) for m, tok in self._arguments(gov) if tok.i != n.i and tok.i not in above
                                   and not (m == "obj" and tok.pos_ == "NOUN" and tok.i < n.i
                                            and not any(c.dep_ in ("det", "nummod") for c in tok.children))]
                gn, gh = self._flags(gov)
                glem = gov.lemma_.lower()
                if glem in self.not_excluded and self._is_negated(gov):
                    gn, gh = False, True     # « n'a pas exclu une négociation »
                elif glem in self.neg_gov:
                    gn = not gn              # « a exclu toute négociation », "refused talks"
                negated, hyp = negated or gn, hyp or gh
        during = False  # the agent is the verb's, and the partner must be named with the noun
        during_verb = None
        if agent is None and own_agent is None and cue.relation in ("meetsWith", "negotiatesWith") \
                and n.dep_ in ("obl", "obl:mod", "obl:arg", "nmod", "pobj") and _case_marker(n) not in ("entre", "between"):
            # « Lors d'un entretien avec X, Y a ... », "During talks with X, Y ...": Y met X
            verb = n.head if n.dep_ != "pobj" else n.head.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.dep_ not in ("ROOT",):
                verb = verb.head
            if verb.pos_ in ("VERB", "AUX"):
                a, _, _ = self._subject(idx, verb)
                if a is not None:
                    agent, during = _Role(a.keys, "inherited"), True
                    during_verb = verb
        if agent is None and own_agent is None and cue.relation == "supports" \
                and n.dep_ in ("obl", "obl:mod", "obl:arg", "nmod", "pobj") \
                and (_case_marker(n) if n.dep_ != "pobj" else n.head.lower_) in _MOTIVE_MARKERS:
            # « X a fermé la frontière par solidarité avec Y », "in support of Y": X supports Y
            verb = n.head if n.dep_ != "pobj" else n.head.head
            for _ in range(2):  # (hung on a date: « a fermé la frontière en 1993 par solidarité »)
                if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                    break
                verb = verb.head
            if verb.pos_ in ("VERB", "AUX") and verb.i < n.i:  # (not a relative clause after it)
                a, _, _ = self._subject(idx, verb)
                if a is not None:
                    agent = _Role(a.keys, "inherited")
        if agent is None and own_agent is not None:
            agent, used_agent_tok = own_agent
            # « l'élargissement de l'alliance vers l'Est »: the parser often hangs the
            # direction on the agent noun
            args = args + [a for a in self._arguments(used_agent_tok) if a[0] not in ("amod", "poss", "de", "of")]
            # « l'invasion de l'Ukraine par la Russie »: with a « par » agent, « de » is the object
        if agent is None:
            return
        args = [(m, tok) for m, tok in args if used_agent_tok is None or tok.i != used_agent_tok.i]
        if used_agent_tok is not None and own_agent is not None and _case_marker(used_agent_tok) in ("de", "of"):
            # « avec le soutien de l'Australie, de Bahreïn et du Canada »: further « de » phrases
            # after the agent's are more agents, not the recipient
            more = [tok for m, tok in args if m in ("de", "of") and tok.i > used_agent_tok.i
                    and self._arg_actors(idx, tok) and all(
                        x.is_punct or x.pos_ in ("ADP", "DET", "CCONJ") or x.i in idx.by_token
                        for x in n.doc[used_agent_tok.i + 1:tok.i])]
            if more:
                keys = list(agent.keys)
                for tok in more:
                    keys.extend(k for k in self._arg_actors(idx, tok) if k not in keys)
                agent = _Role(tuple(keys), agent.how)
                args = [(m, tok) for m, tok in args if tok not in more]
        recipients, used = self._pick(idx, args, rec_markers, agent.keys, cue.relation)
        if obtained_for is not None and not recipients:
            recipients = tuple(k for k in obtained_for.keys if k not in agent.keys)
        if conveyed_to:
            recipients = conveyed_to
        if during and (used is None or _case_marker(used) not in ("avec", "with") and used.head.lower_ != "with"):
            # (only the partner the noun names, « lors d'un entretien avec X », or between the
            # verb's coordinated subjects: « X et Y ont conclu, au terme de négociations, ... »)
            partners: tuple[str, ...] = ()
            if _has(n, self.visit_nouns):
                # « lors d'une visite au Ghana », "during a trip to Beijing": the State visited
                partners = tuple(k for m, x in args if m in self.place_preps or m in ("to", "in")
                                 for k in self._arg_actors(idx, x)
                                 if k not in agent.keys and idx.actors[k].type == "State")
            elif during_verb is not None and cue.relation == "meetsWith":
                # « a tenté de dissuader Y au cours d'un entretien téléphonique », « a soulevé la
                # question auprès de Y lors du sommet »: the one the verb addresses
                # (and « avec Y » the parser moved from the noun to the verb)
                partners = tuple(k for m, x in self._arguments(during_verb)
                                 if m in ("obj", "iobj", "auprès", "à", "with", "to", "avec")
                                 for k in self._arg_actors(idx, x)
                                 if k not in agent.keys and idx.actors[k].type == "Person")
            if partners:
                recipients, used = partners, None
            elif len(agent.keys) < 2:
                return
            else:
                recipients, used = (), None
        if not recipients:
            # « un embargo sur les ventes d'armes à Moscou »: the addressee one noun down
            inner_mk = tuple(mk for mk in rec_markers if mk not in ("obj", "iobj", "de", "of", "poss", "amod"))
            inner = [a for m, x in args if m not in ("amod", "poss", "par", "by") and x.pos_ == "NOUN"
                     for a in self._arguments(x) if a[0] in inner_mk]
            if inner:
                recipients, used = self._pick(idx, inner, inner_mk, agent.keys, cue.relation)
        theme = self._theme(args, theme_markers, used, idx)
        if not recipients and theme is None:
            # "deceived about NATO's expansion to the east": the direction hung on the verb
            up = n.head
            while up.i != up.head.i and up.pos_ not in ("VERB", "AUX"):
                up = up.head
            late = [(m, x) for m, x in self._arguments(up) if x.i > n.i and m in _DIRECTIONS]
            if late:
                recipients, used = self._pick(idx, late, rec_markers, agent.keys, cue.relation)
                theme = self._theme(late, theme_markers, used, idx)
        side = _SIDE_MARKERS.get(cue.relation, ())
        marker = _case_marker(n) if n.dep_ != "pobj" else n.head.lower_
        verb = n.head if n.dep_ != "pobj" else n.head.head
        if not recipients and side and marker in side and verb.pos_ in ("VERB", "AUX"):
            # « les frappes ont été menées avec le soutien de X », "struck with the support of
            # X": X supports whoever acted (the act's agent, or the author of the act it names);
            # « Y n'a pas cédé, malgré les pressions de X »: X pressed Y
            a, patient, passive = self._subject(idx, verb)
            if a is not None:
                recipients = tuple(k for k in a.keys if k not in agent.keys)
            else:
                subj = next((c for c in verb.children if c.dep_ in _SUBJ_PASS + _SUBJ), None)
                if subj is not None:
                    recipients = self._event_anaphor([("obj", subj)], agent.keys, idx)
        if not recipients and cue.relation in self.lex.place_objects and not (theme is not None and theme.named):
            theme = self._named_place(idx, args, ("obj", "poss")) or theme
        if not recipients and cue.relation in _SYMMETRIC and len(agent.keys) >= 2 and cue.pair:
            # « l'Iran et les États-Unis ont repris les négociations »: with each other
            agent, recipients = _Role(agent.keys[:1], agent.how), agent.keys[1:2]
        yield from self._make(article, idx, agent, cue.relation, recipients, theme, sent, n, cue,
                              negated, hyp, cue.weight * 0.9)
        if negated and cue.relation in _REFUSABLE and gov is not None \
                and gov.lemma_.lower() in self.refusing and not self._is_negated(gov):
            # « a boudé la signature de l'accord », "refused talks": refusing it rejects it
            yield from self._make(article, idx, agent, "rejects", recipients, theme, sent, n, cue,
                                  False, hyp, cue.weight * 0.8)
        if negated and cue.relation in ("promises", "concedes", "proposes"):
            yield from self._reject_demands(n, args, agent, sent, article, idx, cue)

    def _denials(self, sent: Span, article: Article, idx: ActorIndex, so_far: list[Interaction]) -> Iterator[Interaction]:
        """« X accuse Y de ..., ce que Y dément », "X accused Y of ..., a charge Y denied": the
        denier rejects the accuser. Read as a token pattern (the parsers often mistag the verb,
        « dément » as an adjective): an anaphor of the accusation, an actor, a verb of denial."""
        anaphors = self.lex.mod("denial_anaphors")
        verbs = self.lex.mod("denial_verbs")
        if not anaphors or not verbs:
            return
        accusations = [it for it in so_far if it.sent_start == sent.start_char
                       and it.relation in ("accuses", "denounces") and not it.negated]
        if not accusations:
            return
        doc = sent.doc
        for t in sent:
            if t.lower_ not in anaphors:
                continue
            k = t.i + 1
            if k < sent.end and doc[k].lower_ in ("que", "qu'", "qu’"):
                k += 1
            while k < sent.end and doc[k].pos_ == "DET":
                k += 1
            m = idx.by_token.get(k)
            if m is None:
                # « ce que dément Asmara »: the verb before its subject
                if k < sent.end and (doc[k].lower_ in verbs or doc[k].lemma_.lower() in verbs):
                    j = k + 1
                    while j < sent.end and doc[j].pos_ == "DET":
                        j += 1
                    m = idx.by_token.get(j)
                if m is None:
                    continue
            else:
                k = m.end
                while k < sent.end and (doc[k].pos_ in ("AUX", "PART") or doc[k].dep_.startswith("aux")
                                        or (doc[k].pos_ == "ADV" and doc[k].lower_ not in verbs)):
                    k += 1
                if k >= sent.end or (doc[k].lower_ not in verbs and doc[k].lemma_.lower() not in verbs):
                    continue
            accuser = accusations[-1]
            if accuser.agent.key in m.keys:
                continue
            cue = Cue(id=f"{self.lang}.rejects.denial", relation="rejects", kind="verb", lemmas=(doc[k].lemma_,))
            yield from self._make(article, idx, _Role(m.keys, "name"), "rejects", (accuser.agent.key,), None,
                                  sent, doc[k], cue, False, False, 0.7)
            return

    def _obligations(self, sent: Span, article: Article, idx: ActorIndex) -> Iterator[Interaction]:
        """« La Russie doit rendre des comptes », a réagi X; "Y must withdraw its troops", X
        said: saying what another actor must do is a demand addressed to it."""
        musts = self.lex.mod("obligation_words")
        if not musts:
            return
        for d in sent:
            if not _has(d, musts):
                continue
            clause = d.head if d.dep_ in ("aux", "aux:tense") else d
            subj = next((c for c in clause.children if c.dep_ in _SUBJ), None)
            if subj is None:
                continue
            target = self._arg_actors(idx, subj)
            if not target:
                continue
            # the speech verb that reports it: an ancestor, or the root the quote hangs on
            speech = None
            cur = clause
            for _ in range(3):
                if cur.head.i == cur.i:
                    break
                cur = cur.head
                if cur.lemma_.lower() in self.speech:
                    speech = cur
                    break
            if speech is None:
                continue
            speaker, _, _ = self._subject(idx, speech)
            if speaker is None:
                # « ..., a réagi l'ambassadrice américaine »: the name after the verb
                after = next((c for c in speech.children if c.dep_ in _OBJ + _SUBJ and c.i > speech.i), None)
                keys = self._arg_actors(idx, after) if after is not None else ()
                speaker = _Role(keys, "name") if keys else None
            if speaker is None:
                continue
            own = self._own_states(idx, speaker.keys)
            target = tuple(k for k in target if k not in speaker.keys and k not in own)
            if not target:
                continue
            negated, _ = self._flags(speech)
            cue = Cue(id=f"{self.lang}.demands.obligation", relation="demands", kind="verb", lemmas=(d.lemma_,))
            yield from self._make(article, idx, speaker, "demands", target, None, sent, speech, cue,
                                  negated, False, 0.6)

    def _backed(self, sent: Span, article: Article, idx: ActorIndex) -> Iterator[Interaction]:
        """"Iran-backed rebels", "the region's Moscow-backed leader, X": the
        actor before the hyphen supports the one the compound qualifies."""
        words = self.lex.mod("backer_participles")
        if not words:
            return
        doc = sent.doc
        for t in sent:
            if t.lemma_.lower() not in words or t.i < sent.start + 2 or doc[t.i - 1].text not in ("-", "–"):
                continue
            backer = idx.by_token.get(t.i - 2)
            if backer is not None:
                keys = backer.keys
            else:
                e = self.gaz.adjective(doc[t.i - 2].text)
                if e is None:
                    continue
                idx.ensure(e.id)
                keys = (e.id,)
            backed = tuple(k for k in self._arg_actors(idx, t.head) if k not in keys) if t.head.i != t.i else ()
            if not backed:
                continue
            cue = Cue(id=f"{self.lang}.supports.backed", relation="supports", kind="verb", lemmas=(t.lemma_,))
            yield from self._make(article, idx, _Role(keys, "name"), "supports", backed, None, sent, t, cue,
                                  False, False, 0.7)

    def _imitations(self, sent: Span, idx: ActorIndex, so_far: list[Interaction]) -> Iterator[Interaction]:
        """« X a reconnu Y, aussitôt imité par A et B », « X, à l'instar de A, a suspendu son
        aide », "X recalled its envoy, as did A": the others do the same act. The act is the
        one the sentence's verb expressed; it is copied with each new agent."""
        if not so_far:
            return  # (nothing reported yet, nothing to repeat)
        participles = self.lex.mod("imitation_participles")
        likeness = self.lex.mod("likeness_nouns")
        same_act = self.same_act
        mine = [it for it in so_far if it.sent_start == sent.start_char and not it.negated]
        doc = sent.doc
        for x in sent:
            lem = x.lemma_.lower()
            if x.pos_ in ("VERB", "AUX") and any(lem == a and any(doc[j].lower_ == b for j in range(x.i + 1, min(x.i + 4, sent.end)))
                                                  for a, b in same_act):
                # "the EU followed suit", « Berlin a emboîté le pas », « Londres a fait de même »:
                # the subject does the last act reported (in this sentence, else the one before)
                agents = tuple(k for c in x.children if c.dep_ in _SUBJ for k in self._arg_actors(idx, c))
                pool = [it for it in mine if it.agent.key not in agents] or [
                    it for it in so_far if it.sent_start < sent.start_char and not it.negated]
                if agents and pool:
                    last = pool[-1]
                    src = [it for it in pool if it.sent_start == last.sent_start and it.relation == last.relation
                           and it.agent.key == last.agent.key]
                    for it in src:
                        yield from self._copy_act(it, agents, idx, 0.85, sentence=sent.text.strip(),
                                                  sent_start=sent.start_char)
                continue
            if not mine:
                continue
            verb, agents = None, ()
            if lem in participles and x.pos_ == "VERB" and x.dep_ in ("conj", "advcl", "acl", "xcomp"):
                ag = next((c for c in x.children if c.dep_ in _AGENT or (
                    c.dep_ in ("obl", "obl:mod", "nmod") and _case_marker(c) == "par")), None)
                if ag is None:
                    continue
                if ag.dep_ == "agent":
                    ag = next((g for g in ag.children if g.dep_ == "pobj"), ag)
                # the list of imitators (the parser often breaks it after two items)
                agents = self._names_to_clause_end(idx, sent, ag.i)
                verb = x.head
                while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                    verb = verb.head
            elif lem in likeness and x.dep_ in ("obl", "obl:mod", "nmod", "advcl") and x.head.pos_ in ("VERB", "AUX"):
                sub = next((c for c in x.children if c.dep_ in ("nmod", "pobj") and c.i > x.i), None)
                agents = self._arg_actors(idx, sub) if sub is not None else ()
                verb = x.head
            elif lem in ("do",) and x.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in x.children):
                agents = tuple(k for c in x.children if c.dep_ in _SUBJ for k in self._arg_actors(idx, c))
                verb = x.head
            elif x.i > sent.start and doc[x.i - 1].text == "," and (n := next(
                    (len(m) for m in self.co_agent_markers if tuple(w.lower_ for w in doc[x.i:x.i + len(m)]) == m), 0)):
                # « X a condamné le raid, de même que Y », « ..., tout comme Y »: Y too
                agents = self._names_to_clause_end(idx, sent, x.i + n)
                self._co_agents.update(agents)
                verb = x.head
                while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                    verb = verb.head
            if not agents or verb is None:
                continue
            rel = self._cue_relation(verb, idx)
            if rel is None:
                continue
            for it in mine:
                if it.relation == rel and it.agent.key not in agents:
                    yield from self._copy_act(it, agents, idx, 0.9)

    @staticmethod
    def _names_to_clause_end(idx: ActorIndex, sent: Span, start: int) -> tuple[str, ...]:
        """The actors named from token ``start`` to the next verb or « ; : . » (a list the parser
        often breaks after two items; an adjectival participle such as « unies » is no verb)."""
        keys: list[str] = []
        for j in range(start, sent.end):
            y = sent.doc[j]
            if y.pos_ in ("VERB", "AUX") and y.dep_ != "amod" or y.text in (";", ":", "."):
                break
            m = idx.by_token.get(j)
            if m is not None:
                keys.extend(k for k in m.keys if k not in keys)
        return tuple(keys)

    @staticmethod
    def _copy_act(it: Interaction, agents: tuple[str, ...], idx: ActorIndex, factor: float,
                  **changes) -> Iterator[Interaction]:
        """The act ``it`` done by each of ``agents`` instead (none on itself); duplicates are
        merged by :func:`_dedup`."""
        for a in agents:
            ra = idx.ensure(a)
            if ra is not None and not (it.recipient is not None and it.recipient.key == a):
                yield replace(it, agent=ra, confidence=round(it.confidence * factor, 2),
                              cue=it.cue + ".imitated", **changes)

    def _speech_warning(self, t: Token, sent: Span, article: Article, idx: ActorIndex) -> Iterator[Interaction]:
        """« X a fait savoir à Y que Y s'exposerait à des sanctions », "X told Y that Y would
        face consequences": a warning to Y. Parses of such sentences vary a lot, so this reads
        the sentence left to right: a speech verb, then an addressee (« à Y », "told Y"), then
        a conditional verb and a word of consequence."""
        agent = None
        cur = t
        for _ in range(3):
            agent, _, _ = self._subject(idx, cur)
            if agent is not None or cur.head is cur:
                break
            cur = cur.head
        if agent is None:
            return
        addressee: tuple[str, ...] = ()
        after = t.doc[t.i + 1:sent.end]
        for i, x in enumerate(after):
            if x.i in idx.by_token and (x.i == t.i + 1 or t.doc[x.i - 1].lower_ in ("à", "au", "aux", "to")
                                          or (self.lang == "en" and i < 2)):
                keys = tuple(k for k in idx.by_token[x.i].keys if k not in agent.keys)
                if keys:
                    addressee = keys
                    start = x.i
                    break
        if not addressee:
            return
        rest = t.doc[start:sent.end]
        if not any(_has(x, self.consequence) for x in rest):
            return
        if not any(self._clause_hypothetical(x) for x in rest if x.pos_ in ("VERB", "AUX")):
            return
        negated = self._is_negated(t)
        from ..lexicon import Cue as _Cue
        cue = _Cue(id=f"{self.lang}.warns.speech-consequence", relation="warns", kind="verb", lemmas=(t.lemma_,))
        yield from self._make(article, idx, agent, "warns", addressee, None, sent, t, cue,
                              negated, False, 0.7)


def _dedup(items: list[Interaction]) -> list[Interaction]:
    best: dict[tuple, Interaction] = {}
    for it in items:
        o = it.object
        okey = (o.key if isinstance(o, ActorRef) else ("t", o.label) if o else None)
        k = (it.agent.key, it.relation, okey, it.sent_start, it.negated)
        if k not in best or best[k].confidence < it.confidence:
            best[k] = it
    return list(best.values())
