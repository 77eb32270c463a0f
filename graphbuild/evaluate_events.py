"""Event merging, scored: are the reports of one real-world event grouped into one geo:Event?

``python -m graphbuild.evaluate_events`` builds ``eval/events/articles`` (44 French and English
articles written for it: 19 events, 16 of them told by two to four articles, with distractors
-- the same leaders on other days, the same relation between other actors) and scores the
events of the build against ``eval/events/gold.tsv``. The split and merged gold events are
listed under the table.

Scoring is **pairwise over reports**. A gold line is a report: (article, agent, relation,
object) and the id of the event it tells. A report is *found* when the build has an
interaction of that article with that agent, relation and object (either direction for the
symmetric relations); its predicted event is the geo:Event that reports its interaction
(the one reporting most of them when the article tells it twice). Over the found reports:

* precision = pairs of reports put in one event that gold puts in one event / pairs put in
  one event;
* recall = pairs of reports gold puts in one event that are put in one event / gold pairs.

"end-to-end recall" also counts the gold pairs with a report extraction missed. The table
compares graphbuild's rules (``data/events.json``) with three baselines regrouping the same
reports: one event per report, the same (agent, relation, object) as written on the same
day, and the same key (collapsed agent, relation, object) whatever the date.

``--winer FILE`` (or ``--shared DIR``: ``DIR/corpus/winer-fr.jsonl``) also builds that corpus
(a few minutes) and prints how many reports (interactions) and events it has.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from . import events as E
from .rdf import vocab as V

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "eval" / "events"
TARGET = 0.9


@dataclass(frozen=True)
class GoldReport:
    article: str
    agent: str
    relation: str
    object: str
    event: str

    def matches(self, r: E.Report, symmetric: frozenset[str]) -> bool:
        a, o = V.actor_iri(self.agent), V.actor_iri(self.object)
        if r.relation != self.relation:
            return False
        if (r.agent, r.object) == (a, o):
            return True
        return self.relation in symmetric and (r.agent, r.object) == (o, a)


def read_gold(path: Path) -> list[GoldReport]:
    """The gold reports of ``gold.tsv`` (``#`` lines are comments; a header line)."""
    lines = [ln for ln in path.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    gold = [GoldReport(r["article"], r["agent"], r["relation"], r["object"], r["event"]) for r in rows]
    keys = [(g.article, g.agent, g.relation, g.object) for g in gold]
    dup = [k for k, n in Counter(keys).items() if n > 1]
    if dup:
        raise ValueError(f"{path}: duplicate gold reports {dup}")
    return gold


@dataclass
class Score:
    method: str
    precision: float | None
    recall: float | None
    e2e_recall: float | None
    predicted_pairs: int
    gold_pairs: int
    correct_pairs: int
    events: int                 # predicted events over the found reports

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)


def _pairs(assign: Mapping[int, str]) -> set[tuple[int, int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for u, g in assign.items():
        groups[g].append(u)
    return {(a, b) for us in groups.values() for a, b in combinations(sorted(us), 2)}


def score(method: str, gold: Sequence[GoldReport], predicted: Mapping[int, str]) -> Score:
    """Pairwise precision and recall of ``predicted`` (gold index -> predicted event) against
    the gold events, over the found reports (and, for end-to-end recall, over all)."""
    found = {u: gold[u].event for u in predicted}
    gold_pairs = _pairs(found)
    all_gold_pairs = _pairs({u: g.event for u, g in enumerate(gold)})
    pred_pairs = _pairs(predicted)
    ok = gold_pairs & pred_pairs
    return Score(method,
                 precision=len(ok) / len(pred_pairs) if pred_pairs else None,
                 recall=len(ok) / len(gold_pairs) if gold_pairs else None,
                 e2e_recall=len(ok) / len(all_gold_pairs) if all_gold_pairs else None,
                 predicted_pairs=len(pred_pairs), gold_pairs=len(gold_pairs),
                 correct_pairs=len(ok), events=len(set(predicted.values())))


@dataclass
class Result:
    gold: list[GoldReport]
    found: dict[int, list[E.Report]]                 # gold index -> its interactions
    scores: list[Score] = field(default_factory=list)
    contested: dict[str, bool] = field(default_factory=dict)   # gold event -> predicted flag
    assigned: dict[int, str] = field(default_factory=dict)      # gold index -> graphbuild event
    dates: dict[int, str] = field(default_factory=dict)         # gold index -> report date
    out: Path | None = None


def _article_of(iri: str) -> str:
    from urllib.parse import unquote
    return unquote(iri[len(V.ID + "article/"):])


def _assign(found: Mapping[int, list[E.Report]], event_of: Callable[[E.Report], str]) -> dict[int, str]:
    """Gold index -> the predicted event most of its interactions report (ties: smallest)."""
    out: dict[int, str] = {}
    for u, reports in found.items():
        c = Counter(event_of(r) for r in reports)
        out[u] = min(c, key=lambda e: (-c[e], e))
    return out


def evaluate(out: Path, gold: Sequence[GoldReport]) -> Result:
    """Score the events of the build in ``out`` (its store) against ``gold``."""
    import pyoxigraph as ox
    from .api import store_dir
    st = ox.Store.read_only(str(store_dir(out)))
    rules = E.Rules.load()
    collapse = E.Collapser(rules=rules)
    reports = E.read_reports(st)
    by_article: dict[str, list[E.Report]] = defaultdict(list)
    for r in reports:
        by_article[_article_of(r.article)].append(r)
    found: dict[int, list[E.Report]] = {}
    for u, g in enumerate(gold):
        hits = [r for r in by_article.get(g.article, ()) if g.matches(r, rules.symmetric)]
        if hits:
            found[u] = hits
    res = Result(list(gold), found, out=out)

    # graphbuild: the geo:Event nodes of the store
    stored = E.read_events(st)
    event_of_iri = {i: e["iri"] for e in stored for i in e["reports"]}
    res.scores.append(score("graphbuild events (data/events.json)", gold,
                            _assign(found, lambda r: event_of_iri.get(r.iri, "none:" + r.iri))))
    flags = {e["iri"]: bool(e.get("contested")) for e in stored}
    assign = _assign(found, lambda r: event_of_iri.get(r.iri, ""))
    res.assigned = assign
    res.dates = {u: min(str(r.effective_date(rules)) for r in rs) for u, rs in found.items()}
    for u, ev in assign.items():
        res.contested.setdefault(gold[u].event, False)
        res.contested[gold[u].event] |= flags.get(ev, False)

    # baselines, regrouping the same reports
    res.scores.append(score("baseline: one event per report", gold, _assign(found, lambda r: r.iri)))
    res.scores.append(score("baseline: same agent, relation, object as written, same day", gold,
                            _assign(found, lambda r: "|".join((r.agent, r.relation, r.object or "",
                                                               str(r.effective_date(rules)))))))
    res.scores.append(score("baseline: same key (collapsed, symmetric), any date", gold,
                            _assign(found, lambda r: "|".join(E.report_key(r, collapse, rules)))))
    return res


def format_result(res: Result) -> str:
    gold_events = Counter(g.event for g in res.gold)
    multi = sum(1 for n in gold_events.values() if n > 1)
    langs = Counter(g.article.split("_")[1] for g in res.gold if g.article.count("_") >= 1)
    lines = [f"Event merging (eval/events): {len(res.gold)} gold reports "
             f"({', '.join(f'{k} {v}' for k, v in sorted(langs.items()))}) of {len(gold_events)} events "
             f"({multi} told by 2-4 articles); {len(res.found)} reports found by the extraction.",
             "Pairwise over pairs of reports; target P and R >= 0.9.", ""]
    head = ["method", "P", "R", "F1", "R end-to-end", "correct/predicted pairs", "gold pairs", "events"]
    rows = [head]

    def f(x):
        return "-" if x is None else f"{x:.3f}"

    for s in res.scores:
        rows.append([s.method, f(s.precision), f(s.recall), f(s.f1), f(s.e2e_recall),
                     f"{s.correct_pairs}/{s.predicted_pairs}", str(s.gold_pairs), str(s.events)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    for k, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    missed = [g for u, g in enumerate(res.gold) if u not in res.found]
    if missed:
        lines.append("")
        lines.append(f"Reports the extraction missed ({len(missed)}):")
        lines += [f"  {g.article}: {g.agent} {g.relation} {g.object} ({g.event})" for g in missed]
    by_gold: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for u, ev in res.assigned.items():
        by_gold[res.gold[u].event][ev].append(u)
    split = {g: parts for g, parts in by_gold.items() if len(parts) > 1}
    by_pred: dict[str, set[str]] = defaultdict(set)
    for u, ev in res.assigned.items():
        by_pred[ev].add(res.gold[u].event)
    merged = {ev: gs for ev, gs in by_pred.items() if len(gs) > 1}
    if split or merged:
        lines.append("")
    for g, parts in sorted(split.items()):
        desc = "; ".join(", ".join(f"{res.gold[u].article} ({res.dates.get(u)})" for u in us)
                         for us in parts.values())
        lines.append(f"Split: {g} -> {len(parts)} events: {desc}")
    for ev, gs in sorted(merged.items()):
        lines.append(f"Merged: {', '.join(sorted(gs))} -> one event {ev}")
    contested = sorted(e for e, c in res.contested.items() if c)
    lines.append("")
    lines.append(f"Contested events: {', '.join(contested) or 'none'}")
    return "\n".join(lines) + "\n"


def build(paths: Iterable[Path], out: Path) -> Path:
    from .api import build as api_build
    res = api_build(list(paths), out, progress=False, html=False)
    if res.articles + res.unchanged == 0:
        raise SystemExit(f"Error: {out}: nothing could be built")
    return out


def winer_summary(corpus: Path, out: Path | None) -> dict:
    """Build the WiNER corpus (or reuse ``out`` when it holds a build) and count reports and
    events."""
    import pyoxigraph as ox
    from .api import store_dir
    if out is None:
        out = Path(tempfile.mkdtemp(prefix="winer-events-")) / "out"
    build([corpus], out)   # unchanged articles are skipped: a second run is quick
    s = E.summary(ox.Store.read_only(str(store_dir(out))))
    s["out"] = str(out)
    return s


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m graphbuild.evaluate_events",
                                 description="Score event merging on eval/events (pairwise P/R).")
    ap.add_argument("--corpus", type=Path, default=CORPUS,
                    help="folder with articles/ and gold.tsv (default eval/events)")
    ap.add_argument("--out", type=Path, help="build output folder (default: a temporary one)")
    ap.add_argument("--winer", type=Path, help="also count reports vs events of this corpus (.jsonl)")
    ap.add_argument("--winer-out", type=Path, help="output folder for the WiNER build (kept)")
    ap.add_argument("--shared", type=Path, help="../shared: --winer DIR/corpus/winer-fr.jsonl")
    ap.add_argument("--json", action="store_true", help="print JSON")
    args = ap.parse_args(argv)
    gold = read_gold(args.corpus / "gold.tsv")
    with tempfile.TemporaryDirectory(prefix="events-eval-") as tmp:
        out = build([args.corpus / "articles"], args.out or Path(tmp) / "out")
        res = evaluate(out, gold)
    winer = args.winer
    if winer is None and args.shared is not None:
        winer = args.shared / "corpus" / "winer-fr.jsonl"
        if not winer.is_file():
            print(f"(WiNER skipped: {winer} not found)", file=sys.stderr)
            winer = None
    wsum = winer_summary(winer, args.winer_out) if winer else None
    if args.json:
        doc = {"scores": [dict(s.__dict__, f1=s.f1) for s in res.scores],
               "gold_reports": len(res.gold), "found": len(res.found),
               "contested": res.contested}
        if wsum:
            doc["winer"] = wsum
        print(json.dumps(doc, indent=1))
        return 0
    print(format_result(res), end="")
    if wsum:
        print()
        print(f"WiNER ({winer}): {wsum['reports']} reports (interactions), {wsum['events']} events, "
              f"{wsum['events_with_2plus_articles']} told by 2+ articles, {wsum['contested']} contested; "
              f"articles per event {wsum['report_count_histogram']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
