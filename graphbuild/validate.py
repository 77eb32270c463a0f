"""Check a graph against the SHACL shapes of the ontology (``ontology/shapes.ttl``).

The data graph is validated with ``ontology/geo.ttl`` mixed in as the ontology graph and
RDFS inference, so that instances of ``geo:Person`` count as ``geo:Actor`` and a node with
``geo:negated`` or ``geo:confidence`` counts as an interaction even when its type is missing.

>>> report = validate("out/graph.ttl")            # doctest: +SKIP
>>> report.conforms                                 # doctest: +SKIP
False
>>> print(report.text)                            # doctest: +SKIP
id:interaction/3f2a... geo:confidence: out of range: an interaction has exactly one
geo:confidence, an xsd:decimal between 0 and 1 (value "1.5"^^xsd:decimal)

The CLI (``graphbuild validate GRAPH.ttl``) prints ``report.text`` and exits 0 when the graph
conforms, 1 when it does not.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Union

import pyshacl
import rdflib
from rdflib.namespace import RDF, SH
from rdflib.term import BNode, Literal, Node, URIRef
from rdflib.util import guess_format

from graphbuild.errors import InputError
from graphbuild.rdf.vocab import PREFIXES

GraphSource = Union[str, os.PathLike, rdflib.Graph]

#: Formats that carry named graphs; they are read as a dataset and validated as its union.
_QUAD_FORMATS = frozenset({"trig", "nquads", "trix"})


def ontology_dir() -> Path:
    """RETURNS (Path): the ``ontology/`` directory of the repository (next to ``graphbuild/``)."""
    return Path(__file__).resolve().parent.parent / "ontology"


def ontology_path() -> Path:
    """RETURNS (Path): ``ontology/geo.ttl``, the OWL ontology."""
    return ontology_dir() / "geo.ttl"


def shapes_path() -> Path:
    """RETURNS (Path): ``ontology/shapes.ttl``, the SHACL shapes."""
    return ontology_dir() / "shapes.ttl"


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result.

    focus (Node): the node that does not conform.
    path (Node | None): the property the constraint is about (None for node constraints).
    message (str): what is wrong (the shape's ``sh:message``).
    value (Node | None): the offending value, when there is one.
    constraint (str): the SHACL constraint that failed, e.g. ``maxCount``, ``datatype``.
    severity (str): ``Violation``, ``Warning`` or ``Info``.
    """

    focus: Node
    path: Node | None
    message: str
    value: Node | None = None
    constraint: str = ""
    severity: str = "Violation"

    def line(self) -> str:
        """RETURNS (str): ``<focus> <path>: <problem>: <message> (value ...)``, IRIs prefixed."""
        where = _short(self.focus) + (f" {_short(self.path)}" if self.path is not None else "")
        problem = _PROBLEMS.get(self.constraint, self.constraint)
        text = f"{where}: {problem + ': ' if problem else ''}{self.message}"
        if self.value is not None:
            text += f" (value {_short(self.value)})"
        if self.severity != "Violation":
            text = f"[{self.severity}] {text}"
        return text


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`.

    conforms (bool): True when no shape is violated.
    text (str): one line per result, sorted (``<focus> <path>: <problem>: <message>``);
        ``"Conforms."`` when there is none.
    results (list[ValidationResult]): the results, in the order of ``text``.
    """

    conforms: bool
    text: str
    results: list[ValidationResult]


def validate(
    data_path_or_graph: GraphSource,
    *,
    shapes: GraphSource | None = None,
    inference: str = "rdfs",
) -> ValidationReport:
    """Validate a graph against the SHACL shapes, with the ontology as ontology graph.

    data_path_or_graph (str | PathLike | rdflib.Graph): a graph, or an RDF file (format from
        its suffix, Turtle by default; TriG and N-Quads are validated as their union).
        A given graph is not modified.
    shapes (str | PathLike | rdflib.Graph | None): other shapes; default ``shapes_path()``.
    inference (str): pyshacl inference mode; ``"rdfs"`` by default, ``"none"`` is faster on
        large graphs but then untyped interaction nodes are not checked.
    RETURNS (ValidationReport): whether the graph conforms, and the readable report.
    RAISES InputError: a file is missing or cannot be parsed.
    """
    data = _as_graph(data_path_or_graph)
    shapes_graph = _as_graph(shapes) if shapes is not None else _cached_graph(shapes_path())
    conforms, results_graph, _ = pyshacl.validate(
        data,
        shacl_graph=shapes_graph,
        ont_graph=_cached_graph(ontology_path()),
        inference=inference,
        abort_on_first=False,
        allow_warnings=False,
        meta_shacl=False,
        advanced=False,
        js=False,
        debug=False,
    )
    results = sorted(_results(results_graph), key=lambda r: (r.line(), str(r.focus)))
    text = "\n".join(r.line() for r in results) if results else "Conforms."
    return ValidationReport(conforms=bool(conforms), text=text, results=results)


#: What went wrong, by constraint component (``sh:MaxCountConstraintComponent`` -> maxCount).
_PROBLEMS = {
    "minCount": "missing", "maxCount": "too many values", "class": "wrong type",
    "datatype": "wrong datatype", "nodeKind": "wrong kind of term", "in": "not allowed",
    "pattern": "does not match", "minInclusive": "out of range", "maxInclusive": "out of range",
    "node": "wrong kind of node", "or": "none of the allowed forms",
}


def _results(results_graph: rdflib.Graph) -> list[ValidationResult]:
    out = []
    # Only the report's own results: pyshacl also types the nested results of sh:node
    # (reached through sh:detail) as sh:ValidationResult, which would repeat each problem.
    for node in results_graph.objects(None, SH.result):
        severity = results_graph.value(node, SH.resultSeverity)
        message = results_graph.value(node, SH.resultMessage)
        component = results_graph.value(node, SH.sourceConstraintComponent)
        constraint = str(component).split("#")[-1].removesuffix("ConstraintComponent") if component else ""
        out.append(ValidationResult(
            focus=results_graph.value(node, SH.focusNode),
            path=results_graph.value(node, SH.resultPath),
            message=str(message) if message is not None else "does not conform",
            value=results_graph.value(node, SH.value),
            constraint=constraint[:1].lower() + constraint[1:],
            severity=severity.split("#")[-1] if severity is not None else "Violation",
        ))
    return out


def _as_graph(source: GraphSource) -> rdflib.Graph:
    if isinstance(source, rdflib.Dataset):
        # pyshacl validates each named graph of a dataset on its own; facts and the labels
        # of actors can sit in different graphs, so the union is what must conform.
        union = rdflib.Graph()
        for s, p, o, _ in source.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if isinstance(source, rdflib.Graph):
        return source
    return _parse(Path(source))


def _parse(path: Path) -> rdflib.Graph:
    if not path.is_file():
        raise InputError(path, "no such file")
    fmt = guess_format(str(path)) or "turtle"
    try:
        if fmt in _QUAD_FORMATS:
            dataset = rdflib.Dataset()
            dataset.parse(path, format=fmt)
            return _as_graph(dataset)
        graph = rdflib.Graph()
        graph.parse(path, format=fmt)
        return graph
    except Exception as exc:  # rdflib raises many unrelated types on bad syntax
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise InputError(path, f"not valid {fmt}: {reason}") from exc


@lru_cache(maxsize=8)
def _cached_graph_at(path: str, mtime_ns: int) -> rdflib.Graph:
    return _parse(Path(path))


def _cached_graph(path: Path) -> rdflib.Graph:
    """The ontology and shapes are parsed once per process (again if the file changes)."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise InputError(path, "no such file") from None
    return _cached_graph_at(str(path), mtime)


# Longest namespace first, so that ``id:`` wins over a shorter prefix of it.
_PREFIXES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def _short(node: Node) -> str:
    if isinstance(node, URIRef):
        for prefix, ns in _PREFIXES:
            if node.startswith(ns) and len(node) > len(ns):
                return f"{prefix}:{node[len(ns):]}"
        return f"<{node}>"
    if isinstance(node, Literal):
        if node.language:
            return f"{_quote(node)}@{node.language}"
        if node.datatype is not None:
            return f"{_quote(node)}^^{_short(node.datatype)}"
        return _quote(node)
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _quote(literal: Literal) -> str:
    text = str(literal)
    if len(text) > 60:
        text = text[:57] + "..."
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
