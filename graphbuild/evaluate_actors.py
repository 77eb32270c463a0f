"""Actor detection on WiNER-fr (issue 3, item 6; clarifications §12).

Runs graphbuild's actor detection -- the spaCy pipeline of :class:`graphbuild.extract.Pipeline`
and :meth:`graphbuild.extract.actors.ActorIndex.build` -- over the French Wikinews articles of
``../shared/corpus/winer-fr.jsonl`` and compares the actor mentions with the gold named
entities of ``winer-fr-entities.jsonl``:

- a **mention** is an ActorIndex mention of kind name, capital, metonym, people, ner,
  description or group; its character span runs from its first token to the end of its last;
- **recall** is measured over the gold Person and Organization spans, and over the gold
  Location spans whose text is a country, a capital or a demonym the gazetteer knows
  ("state-like": :meth:`Gazetteer.lookup` finds a State by a name, capital or people noun, or
  any actor by a capital or metonym, or :meth:`Gazetteer.adjective` knows it); a gold span is
  found when a mention overlaps it by at least one character;
- a mention is **wrong** when it overlaps no gold Person, Organization or Location span (any
  Location, state-like or not); **precision** = 1 - wrong / mentions.

The title and the body are separate fields with their own offsets: each is parsed as its own
document. The baseline is plain spaCy NER of the same parse: its PER, ORG and LOC entities,
scored the same way.

Usage::

    python -m graphbuild.evaluate_actors --shared ../shared [--limit N]

Writes ``eval-out/actors.json`` and ``eval-out/actors.md``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Sequence

_REPO = Path(__file__).resolve().parent.parent

#: Mention kinds that count as actor detections (``pair`` -- « les deux hommes » -- names no span).
KINDS = ("name", "capital", "metonym", "people", "ner", "description", "group")
#: Kinds that carry a name (descriptions and group nouns are never annotated in WiNER).
NAMED_KINDS = ("name", "capital", "metonym", "people", "ner")
#: Gold labels an actor may overlap without being wrong.
GOLD_ACTOR_LABELS = frozenset({"Person", "Organization", "Location"})
#: Recall rows, in report order.
TARGETS = ("Person", "Organization", "state-like Location")
#: spaCy NER labels of the baseline (French pipelines: PER, ORG, LOC; English: PERSON, ORG, GPE, LOC).
NER_LABELS = frozenset({"PER", "PERSON", "ORG", "LOC", "GPE"})


# -- spans and scoring (pure: no spaCy) -------------------------------------------------------

@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str          # gold: WiNER label or "state-like Location"; predicted: mention kind / NER label
    text: str = ""

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class Score:
    """Counts of one system (graphbuild or the NER baseline) over a set of fields."""

    targets: Counter = field(default_factory=Counter)        # target label -> gold spans
    found: Counter = field(default_factory=Counter)          # target label -> gold spans overlapped
    predicted: Counter = field(default_factory=Counter)      # kind -> predicted spans
    wrong: Counter = field(default_factory=Counter)          # kind -> predicted spans overlapping no gold actor
    kind_found: Counter = field(default_factory=Counter)     # kind -> target spans it overlaps
    wrong_texts: Counter = field(default_factory=Counter)    # (kind, text) of wrong spans
    missed_texts: Counter = field(default_factory=Counter)   # (label, text) of target spans not found

    def add(self, other: "Score") -> None:
        for name in ("targets", "found", "predicted", "wrong", "kind_found", "wrong_texts", "missed_texts"):
            getattr(self, name).update(getattr(other, name))

    # aggregates
    def recall(self, label: str | None = None) -> float | None:
        t = self.targets[label] if label else sum(self.targets.values())
        f = self.found[label] if label else sum(self.found.values())
        return f / t if t else None

    def precision(self, kind: str | Sequence[str] | None = None) -> float | None:
        p, w = self.counts(kind)
        return 1 - w / p if p else None

    def counts(self, kind: str | Sequence[str] | None = None) -> tuple[int, int]:
        """(predicted, wrong) for one kind, several kinds, or all (None)."""
        kinds = list(self.predicted) if kind is None else [kind] if isinstance(kind, str) else list(kind)
        return sum(self.predicted[k] for k in kinds), sum(self.wrong[k] for k in kinds)

    def as_dict(self, top: int = 40) -> dict:
        r = lambda x: None if x is None else round(x, 4)
        return {
            "recall": {**{lab: {"gold": self.targets[lab], "found": self.found[lab], "recall": r(self.recall(lab))}
                          for lab in TARGETS},
                       "overall": {"gold": sum(self.targets.values()), "found": sum(self.found.values()),
                                   "recall": r(self.recall())}},
            "precision": {"predicted": sum(self.predicted.values()), "wrong": sum(self.wrong.values()),
                          "precision": r(self.precision())},
            "precision_named_kinds": {"kinds": list(NAMED_KINDS), "predicted": self.counts(NAMED_KINDS)[0],
                                      "wrong": self.counts(NAMED_KINDS)[1],
                                      "precision": r(self.precision(NAMED_KINDS))},
            "by_kind": {k: {"predicted": self.predicted[k], "wrong": self.wrong[k],
                            "precision": r(self.precision(k)), "targets_found": self.kind_found[k]}
                        for k in sorted(self.predicted, key=lambda k: -self.predicted[k])},
            "top_wrong": [[k, t, n] for (k, t), n in self.wrong_texts.most_common(top)],
            "top_missed": [[lab, t, n] for (lab, t), n in self.missed_texts.most_common(top)],
        }


def score_field(gold: Sequence[Span], targets: Sequence[Span], predicted: Sequence[Span]) -> Score:
    """Score one field's predicted spans.

    gold: every gold span a prediction may overlap without being wrong (Person, Organization,
        Location); targets: the gold spans recall is measured over (``label`` = the target row);
        predicted: the system's spans (``label`` = mention kind or NER label).
    """
    s = Score()
    for t in targets:
        s.targets[t.label] += 1
        hits = [p for p in predicted if p.overlaps(t)]
        if hits:
            s.found[t.label] += 1
            for kind in {p.label for p in hits}:
                s.kind_found[kind] += 1
        else:
            s.missed_texts[(t.label, t.text)] += 1
    for p in predicted:
        s.predicted[p.label] += 1
        if not any(p.overlaps(g) for g in gold):
            s.wrong[p.label] += 1
            s.wrong_texts[(p.label, p.text)] += 1
    return s


class StateLike:
    """Decides whether a gold Location's text is a country, a capital or a demonym the
    gazetteer knows (clarifications §12)."""

    def __init__(self, gaz, lang: str = "fr"):
        self.gaz = gaz
        self.lang = lang
        self._cache: dict[str, bool] = {}

    def __call__(self, surface: str) -> bool:
        hit = self._cache.get(surface)
        if hit is None:
            hit = self._cache[surface] = self._decide(surface)
        return hit

    def _decide(self, surface: str) -> bool:
        for e in self.gaz.lookup(surface, lang=self.lang):
            kind = self.gaz.kind_of(surface, e.id, lang=self.lang)
            if kind in ("capital", "metonym") or (e.type == "State" and kind in ("name", "people")):
                return True
        return self.gaz.adjective(surface, lang=self.lang) is not None


def gold_spans(entities: Iterable[Sequence], state_like) -> dict[str, tuple[list[Span], list[Span]]]:
    """Per field: (gold actor spans, target spans) from WiNER entity rows
    ``[field, start, end, label, surface]``."""
    out: dict[str, tuple[list[Span], list[Span]]] = defaultdict(lambda: ([], []))
    for fld, start, end, label, surface in entities:
        if label not in GOLD_ACTOR_LABELS:
            continue
        gold, targets = out[fld]
        gold.append(Span(start, end, label, surface))
        if label in ("Person", "Organization"):
            targets.append(Span(start, end, label, surface))
        elif state_like(surface):
            targets.append(Span(start, end, "state-like Location", surface))
    return out


# -- running graphbuild's detection ----------------------------------------------------------

def mention_spans(doc, idx) -> list[Span]:
    """Character spans of an ActorIndex's mentions of the counted kinds."""
    out = []
    for m in idx.mentions:
        if m.kind not in KINDS or m.end <= m.start:
            continue
        first, last = doc[m.start], doc[m.end - 1]
        out.append(Span(first.idx, last.idx + len(last.text), m.kind, doc.text[first.idx:last.idx + len(last.text)]))
    return out


def ner_spans(doc) -> list[Span]:
    return [Span(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents if e.label_ in NER_LABELS]


@dataclass
class Article:
    id: str
    date: date | None
    fields: dict[str, str]
    entities: list


def read_corpus(corpus: Path, limit: int | None = None) -> list[Article]:
    """Articles of ``winer-fr.jsonl`` joined with their ``winer-fr-entities.jsonl`` gold."""
    ents: dict[str, list] = {}
    with open(corpus / "winer-fr-entities.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                ents[d["id"]] = d.get("entities") or []
    out = []
    with open(corpus / "winer-fr.jsonl", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            try:
                day = date.fromisoformat(d.get("date") or "")
            except ValueError:
                day = None
            fields = {k: d.get(k) or "" for k in ("title", "text")}
            out.append(Article(d["id"], day, fields, ents.get(d["id"], [])))
            if limit and len(out) >= limit:
                break
    return out


def _items(articles: Sequence[Article]) -> Iterator[tuple[str, tuple[Article, str]]]:
    for a in articles:
        for fld, text in a.fields.items():
            if text.strip():
                yield text, (a, fld)


@dataclass
class Result:
    ours: Score
    ner: Score
    articles: int
    fields: int
    seconds: float
    model: str


def evaluate(articles: Sequence[Article], pipe=None, batch_size: int = 64, lang: str = "fr",
             progress: bool = False) -> Result:
    """Run graphbuild's actor detection and the NER baseline over the articles and score both."""
    from .extract import Pipeline
    from .extract.actors import ActorIndex

    start = time.monotonic()
    pipe = pipe or Pipeline(lang=lang)
    nlp = pipe.nlp(lang)
    lex = pipe.extractor(lang).lex
    state_like = StateLike(pipe.gaz, lang)
    golds = {a.id: gold_spans(a.entities, state_like) for a in articles}
    ours, ner = Score(), Score()
    n_fields = 0
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=sum(1 for _ in _items(articles)), unit=" fields", file=sys.stderr, leave=False,
                   disable=not sys.stderr.isatty())
    for doc, (article, fld) in nlp.pipe(_items(articles), as_tuples=True, batch_size=batch_size):
        idx = ActorIndex.build(doc, lang, article.date, pipe.gaz, lex, pipe.first_tokens)
        gold, targets = golds[article.id].get(fld, ([], []))
        ours.add(score_field(gold, targets, mention_spans(doc, idx)))
        ner.add(score_field(gold, targets, ner_spans(doc)))
        n_fields += 1
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return Result(ours, ner, len(articles), n_fields, time.monotonic() - start,
                  f"{nlp.meta.get('lang', lang)}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '')}".strip())


# -- reports -----------------------------------------------------------------------------------

def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def summary_rows(res: Result) -> tuple[list[str], list[list[str]]]:
    head = ["measure", "graphbuild actors", "spaCy NER (PER/ORG/LOC)"]
    rows = []
    for lab in TARGETS:
        rows.append([f"recall {lab}"] + [f"{_pct(s.recall(lab))} ({s.found[lab]}/{s.targets[lab]})"
                                         for s in (res.ours, res.ner)])
    rows.append(["recall overall"] + [f"{_pct(s.recall())} ({sum(s.found.values())}/{sum(s.targets.values())})"
                                      for s in (res.ours, res.ner)])
    rows.append(["precision"] + [f"{_pct(s.precision())} ({sum(s.wrong.values())} wrong / "
                                 f"{sum(s.predicted.values())})" for s in (res.ours, res.ner)])
    p, w = res.ours.counts(NAMED_KINDS)
    rows.append(["precision, named kinds only", f"{_pct(res.ours.precision(NAMED_KINDS))} ({w} wrong / {p})",
                 "(same as above)"])
    return head, rows


def kind_rows(score: Score) -> tuple[list[str], list[list[str]]]:
    head = ["mention kind", "predicted", "wrong", "precision", "target spans found"]
    rows = [[k, str(score.predicted[k]), str(score.wrong[k]), _pct(score.precision(k)), str(score.kind_found[k])]
            for k in sorted(score.predicted, key=lambda k: -score.predicted[k])]
    return head, rows


def report_json(res: Result, limit: int | None) -> dict:
    return {"corpus": "WiNER-fr (../shared/corpus)", "articles": res.articles, "fields": res.fields,
            "limit": limit, "model": res.model, "seconds": round(res.seconds, 1),
            "rule": "clarifications §12: overlap of at least one character; wrong = overlaps no gold "
                    "Person/Organization/Location span",
            "graphbuild": res.ours.as_dict(), "spacy_ner": res.ner.as_dict()}


def report_markdown(res: Result) -> str:
    from .evaluate import markdown_table
    head, rows = summary_rows(res)
    khead, krows = kind_rows(res.ours)
    nhead, nrows = kind_rows(res.ner)
    nhead[0] = "NER label"
    return "\n".join([
        "### Actor detection on WiNER-fr (`python -m graphbuild.evaluate_actors`)", "",
        f"{res.articles} French Wikinews articles ({res.fields} title and body fields, each parsed as its "
        f"own document) with the WiNER gold entities, model {res.model}; scored as clarifications §12 "
        "says: recall over gold Person and Organization spans and over Location spans that are a "
        "country, a capital or a demonym the gazetteer knows (a span is found when a mention overlaps "
        "it); a mention is wrong when it overlaps no gold Person, Organization or Location span. The "
        "baseline is the same parse's spaCy NER entities (PER, ORG, LOC). WiNER annotates names only, "
        "so description and group mentions (« le président russe », « les autorités turques ») "
        "count as wrong unless they overlap a name; the *named kinds only* row leaves them out.", "",
        markdown_table(head, rows), "",
        "By mention kind (graphbuild):", "",
        markdown_table(khead, krows), "",
        "By NER label (baseline):", "",
        markdown_table(nhead, nrows), ""])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m graphbuild.evaluate_actors",
        description="Score graphbuild's actor detection against the WiNER-fr gold entities "
                    "(clarifications §12), with spaCy NER as a baseline.")
    parser.add_argument("--shared", type=Path, default=_REPO.parent / "shared",
                        help="the shared folder (default: ../shared beside the repository)")
    parser.add_argument("--limit", type=int, metavar="N", help="the first N articles only")
    parser.add_argument("--out-dir", type=Path, default=Path("eval-out"), metavar="DIR",
                        help="where actors.json and actors.md go (default: eval-out/)")
    parser.add_argument("--model", help="spaCy model instead of the default French one")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--top", type=int, default=15, help="print the N most frequent wrong and missed spans")
    args = parser.parse_args(argv)

    corpus = args.shared / "corpus"
    if not (corpus / "winer-fr.jsonl").is_file() or not (corpus / "winer-fr-entities.jsonl").is_file():
        print(f"skipping actor detection: {corpus} not found (or incomplete)")
        return 0
    from .evaluate import text_table
    from .extract import Pipeline
    from .io.atomic import atomic_write

    articles = read_corpus(corpus, args.limit)
    print(f"actors: {len(articles)} articles of {corpus / 'winer-fr.jsonl'} ...", flush=True)
    pipe = Pipeline(lang="fr", models={"fr": args.model} if args.model else None)
    res = evaluate(articles, pipe, batch_size=args.batch_size, progress=True)
    print(f"{res.fields} fields in {res.seconds:.0f} s ({res.model})\n")
    head, rows = summary_rows(res)
    print(text_table(head, rows))
    print()
    print(text_table(*kind_rows(res.ours)))
    if args.top:
        print(f"\nmost frequent wrong mentions: "
              + "; ".join(f"{t!r} ({k}) x{n}" for (k, t), n in res.ours.wrong_texts.most_common(args.top)))
        print(f"most frequent missed targets: "
              + "; ".join(f"{t!r} ({lab}) x{n}" for (lab, t), n in res.ours.missed_texts.most_common(args.top)))
    with atomic_write(args.out_dir / "actors.json") as f:
        json.dump(report_json(res, args.limit), f, indent=1, ensure_ascii=False)
        f.write("\n")
    with atomic_write(args.out_dir / "actors.md") as f:
        f.write(report_markdown(res))
    print(f"\nwrote {args.out_dir / 'actors.json'} and {args.out_dir / 'actors.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
