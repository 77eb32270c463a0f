"""The store commands of the CLI: remove, serve, push, validate, stats, export-network.

``graphbuild.cli`` imports this module and calls :func:`register`. Every command is a thin
shell over a library function (:mod:`graphbuild.api`, :mod:`graphbuild.server`,
:mod:`graphbuild.network`, :mod:`graphbuild.validate`); a user error prints one line
``Error: <file or URL>: <problem>`` on stderr with a documented exit code:
0 ok, 1 the graph does not conform (validate), 2 bad usage, 3 nothing done (push refused,
server could not start), 4 partial (remove: some ids were not in the store).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import EXIT_NOTHING_BUILT, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, GraphbuildError

EXIT_NONCONFORMING = 1


def _err(msg: str) -> None:
    click.echo(f"Error: {msg}", err=True)


def _store_option(f):
    f = click.option("--out", "-o", type=click.Path(path_type=Path),
                     help="A build's output folder (its store is OUT/store).")(f)
    f = click.option("--store", type=click.Path(path_type=Path),
                     help="The store folder (default OUT/store, OUT defaulting to 'out').")(f)
    return f


def _resolve_store(store: Path | None, out: Path | None) -> Path:
    from .api import store_dir
    return store_dir(store if store is not None else (out if out is not None else Path("out")))


# --------------------------------------------------------------------------------------------

@click.command()
@click.argument("article_ids", nargs=-1, required=True)
@_store_option
def remove(article_ids, store, out):
    """Remove articles (their named graphs) from the store, then re-export OUT's graph files.

    ARTICLE_IDS are article identities as `graphbuild build` gives them (the .jsonl `id`,
    else the file's path relative to the input folder without .txt), or article IRIs. The
    facts of the other articles, and the actors they mention, stay. graph.ttl, graph.html and
    the other graph.* files present in OUT are re-written.

    \b
    Example:
        graphbuild remove fr_001 fr_002 --out out
    """
    from . import api
    if store is None and out is None:
        out = Path("out")
    try:
        res = api.remove(article_ids, out=out, store=store)
    except GraphbuildError as e:
        _err(str(e))
        sys.exit(EXIT_USAGE)
    where = store if store is not None else out
    for ident in res.missing:
        _err(f"{where}: no article {ident!r} in the store")
    click.echo(f"{len(res.removed)} article(s) removed; {res.triples} triples left", err=True)
    for kind, p in res.outputs.items():
        click.echo(f"{kind}: {p}", err=True)
    if res.missing:
        sys.exit(EXIT_PARTIAL if res.removed else EXIT_USAGE)


# --------------------------------------------------------------------------------------------

@click.command()
@_store_option
@click.option("--port", "-p", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option("--bind", "host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default, loopback, is reachable from this machine only.")
def serve(store, out, port, host):
    """Serve the store as a read-only SPARQL 1.1 endpoint (Oxigraph) until Ctrl-C.

    Queries go to http://BIND:PORT/query (GET or POST, SPARQL 1.1 Protocol); the default
    graph is the union of all graphs. While the server runs, `graphbuild build` on this store
    refuses (stop the server first): Oxigraph does not support reading a store another
    process writes.

    \b
    Example:
        graphbuild serve --out out
        curl -G http://127.0.0.1:7878/query --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5'
    """
    from . import server
    try:
        sdir = _resolve_store(store, out)
    except GraphbuildError as e:
        _err(str(e))
        sys.exit(EXIT_USAGE)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"Warning: listening on {host}: the endpoint (read-only, no password) is "
                   "reachable from other machines", err=True)

    def ready(srv) -> None:
        click.echo(f"SPARQL endpoint: {srv.query_url} (store {srv.store}, read-only; "
                   f"server pid {srv.process.pid}); Ctrl-C to stop", err=True)

    try:
        code = server.serve(sdir, host=host, port=port, on_ready=ready)
    except server.ServerError as e:
        _err(str(e))
        sys.exit(EXIT_NOTHING_BUILT)
    except GraphbuildError as e:
        _err(str(e))
        sys.exit(EXIT_USAGE)
    sys.exit(code)


# --------------------------------------------------------------------------------------------

@click.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--endpoint", required=True,
              help="SPARQL 1.1 Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph), "
                   "http://localhost:3030/ds/data (Fuseki).")
@click.option("--graph", "graph_iri", help="Target graph IRI (default: the default graph).")
@click.option("--method", type=click.Choice(["PUT", "POST"], case_sensitive=False), default="PUT",
              show_default=True, help="PUT replaces the target graph, POST adds to it.")
@click.option("--user", help="HTTP Basic user name.")
@click.option("--password", envvar="GRAPHBUILD_PASSWORD",
              help="HTTP Basic password (or the GRAPHBUILD_PASSWORD environment variable).")
@click.option("--timeout", default=60.0, show_default=True, type=float, help="Seconds.")
def push(graph, endpoint, graph_iri, method, user, password, timeout):
    """Upload GRAPH to a SPARQL 1.1 Graph Store HTTP Protocol endpoint.

    GRAPH is a Turtle file (sent as it is), another RDF file, a store or an output folder
    (sent as Turtle: the union of its graphs). It is parsed first: a file that does not parse
    is not sent.

    \b
    Example:
        graphbuild push out/graph.ttl --endpoint http://localhost:7878/store \\
            --graph https://example.org/news-2021
    """
    from . import server
    if password is not None and user is None:
        _err("--password needs --user")
        sys.exit(EXIT_USAGE)
    try:
        res = server.push(graph, endpoint, graph=graph_iri, method=method, user=user,
                          password=password, timeout=timeout)
    except server.ServerError as e:
        _err(str(e))
        sys.exit(EXIT_NOTHING_BUILT)
    except GraphbuildError as e:
        _err(str(e))
        sys.exit(EXIT_USAGE)
    click.echo(f"{res.method} {res.url}: HTTP {res.status}; {res.triples} triples "
               f"({res.bytes} bytes) sent", err=True)


# --------------------------------------------------------------------------------------------

@click.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--no-inference", is_flag=True, help="Skip RDFS inference (faster on big graphs).")
def validate(graph, no_inference):
    """Check GRAPH against the SHACL shapes (ontology/shapes.ttl).

    GRAPH is an RDF file (graph.ttl, .nt, .nq, .trig, .jsonld), a store or an output folder.
    Prints "conforms" and exits 0, or prints one line per problem and exits 1.
    """
    from .validate import validate as run
    try:
        source = _validation_source(graph)
        report = run(source, inference="none" if no_inference else "rdfs")
    except GraphbuildError as e:
        _err(str(e))
        sys.exit(EXIT_USAGE)
    if report.conforms:
        click.echo(f"{graph}: conforms")
        sys.exit(EXIT_OK)
    click.echo(report.text)
    click.echo(f"{graph}: does not conform ({len(report.results)} problems)", err=True)
    sys.exit(EXIT_NONCONFORMING)


def _validation_source(graph: Path):
    """An RDF file as it is; a store/output folder as an rdflib graph of its union."""
    if not graph.is_dir():
        return graph
    import rdflib
    from .api import open_store
    from .store import union_triples
    g = rdflib.Graph()
    for t in union_triples(open_store(graph)):
        g.add(tuple(_to_rdflib(x) for x in (t.subject, t.predicate, t.object)))
    return g


def _to_rdflib(term):
    import pyoxigraph as ox
    import rdflib
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise GraphbuildError(f"{term}: unsupported RDF term")


# --------------------------------------------------------------------------------------------

@click.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--top", default=10, show_default=True, type=click.IntRange(1), help="Rows per table.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def stats(graph, top, as_json):
    """Network statistics of GRAPH (a file, a store or an output folder).

    The most central actors by degree (interactions taken part in) and by PageRank (on the
    directed interaction network), the strongest dyads (interactions between two actors, both
    directions) and each dyad's cooperation/conflict balance, from the ontology's quadrant of
    each relation. Negated interactions are not counted.
    """
    from .network import format_stats, network_stats, to_networkx
    try:
        G = to_networkx(graph)
    except GraphbuildError as e:
        _err(str(e))
        sys.exit(EXIT_USAGE)
    st = network_stats(G, top=top)
    if as_json:
        click.echo(json.dumps(st.as_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(format_stats(st), nl=False)


@click.command("export-network")
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--graphml", type=click.Path(dir_okay=False, path_type=Path), help="Write GraphML here.")
@click.option("--gexf", type=click.Path(dir_okay=False, path_type=Path), help="Write GEXF here.")
def export_network(graph, graphml, gexf):
    """Write the interaction network of GRAPH as GraphML and/or GEXF (for Gephi).

    One node per actor (and per topic or place an interaction points at), with label, type,
    wikidata, degree and pagerank; one edge per interaction, with relation, category, quad,
    date, evidence, article, negated, hypothetical, confidence.

    \b
    Example:
        graphbuild export-network out --gexf out/network.gexf
    """
    from .network import to_networkx, write_network
    if graphml is None and gexf is None:
        _err("give --graphml FILE and/or --gexf FILE")
        sys.exit(EXIT_USAGE)
    try:
        G = to_networkx(graph)
        for path, fmt in ((graphml, "graphml"), (gexf, "gexf")):
            if path is not None:
                write_network(G, path, fmt)
                click.echo(f"{fmt}: {path} ({G.number_of_nodes()} nodes, "
                           f"{G.number_of_edges()} edges)", err=True)
    except GraphbuildError as e:
        _err(str(e))
        sys.exit(EXIT_USAGE)
    except OSError as e:
        _err(f"{e.filename or graph}: {e.strerror or e}")
        sys.exit(EXIT_USAGE)


def register(cli: click.Group) -> None:
    """Add the store commands to the ``graphbuild`` group."""
    for cmd in (remove, serve, push, validate, stats, export_network):
        cli.add_command(cmd)
