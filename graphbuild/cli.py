"""The ``graphbuild`` command line: a thin shell over :mod:`graphbuild.api`.

Every error a user can cause prints one line ``Error: <file>: <problem>`` on stderr and exits
with a documented code: 0 ok, 2 bad usage, 3 nothing could be built, 4 partial success.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import click

from .errors import EXIT_NOTHING_BUILT, EXIT_USAGE, GraphbuildError, InputError, UsageError


#: Control characters and line separators (in a file name, say) shown escaped: one error, one line.
_ONE_LINE = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, 0x85)} | {0x2028: "\\u2028", 0x2029: "\\u2029"}


def _err(msg: str) -> None:
    click.echo(f"Error: {msg.translate(_ONE_LINE)}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="graphbuild")
def cli() -> None:
    """Build a knowledge graph of geopolitical actors from news articles.

    \b
    Example:
        graphbuild build seeds --out out
        graphbuild query out/graph.ttl 'SELECT ?a ?b WHERE { ?a geo:warns ?b }'
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Output folder for graph.ttl, graph.html and the store.")
@click.option("--store", type=click.Path(path_type=Path), help="On-disk store (default OUT/store).")
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Force the language of every article.")
@click.option("--model", help="spaCy model to use instead of the default (e.g. fr_core_news_md).")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra gazetteer file (JSON lines, same format as the built-in one). Repeatable.")
@click.option("--format", "formats", multiple=True, default=("turtle",), show_default=True,
              type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld"]),
              help="Export format(s) besides the store. Repeatable.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@click.option("--max-nodes", type=int, help="Keep only the N most central actors in graph.html.")
@click.option("--strict", is_flag=True, help="Stop at the first bad input.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, no summary.")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=None,
              help="Extraction processes, each loading the model once (default 1; "
                   "with --executor dask and no --scheduler: 2).")
@click.option("--executor", type=click.Choice(["process", "dask"]), default="process",
              show_default=True, help="Where extraction runs: local processes, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786); default: a local Dask cluster.")
def build(paths, out, store, lang, model, gazetteers, formats, no_html, max_nodes, strict, quiet,
          workers, executor, scheduler):
    """Extract actors and interactions from PATHS (files or folders) into OUT.

    Inputs: .txt articles (an optional `date YYYY-MM[-DD]` marker first), .jsonl (one article
    per line: id, date, lang, title, text, url; only text is required), .html pages.

    \b
    Example:
        graphbuild build seeds --out out
        graphbuild build news.jsonl --out out --format nquads --max-nodes 200
        graphbuild build news.jsonl --out out --workers 2
        graphbuild build news.jsonl --out out --executor dask --scheduler tcp://10.0.0.5:8786
    """
    from . import api

    def on_error(e: InputError) -> None:
        _err(str(e))

    def on_warning(msg: str) -> None:
        if not quiet:
            click.echo(f"Warning: {msg.translate(_ONE_LINE)}", err=True)

    try:
        result = api.build(paths, out, store=store, gazetteer=gazetteers, lang=lang, model=model,
                           formats=formats, html=not no_html, max_nodes=max_nodes, strict=strict,
                           progress=not quiet, on_error=on_error, on_warning=on_warning,
                           workers=workers, executor=executor, scheduler=scheduler)
    except InputError as e:
        _err(str(e))
        sys.exit(EXIT_NOTHING_BUILT if strict else EXIT_USAGE)
    except GraphbuildError as e:
        _err(str(e))
        sys.exit(EXIT_USAGE)
    except OSError as e:  # --out or --store is a file, not writable, ...
        _err(f"{e.filename or out}: {e.strerror or e}")
        sys.exit(EXIT_USAGE)
    if not quiet:
        click.echo(result.summary(), err=True)
        for kind, p in result.outputs.items():
            click.echo(f"{kind}: {p}", err=True)
    sys.exit(result.exit_code)


def _value(term) -> str:
    if term is None:
        return ""
    return getattr(term, "value", str(term))


@cli.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.argument("sparql", required=False)
@click.option("--file", "-f", "qfile", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a file (.rq).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
def query(graph, sparql, qfile, fmt):
    """Run a SPARQL query on GRAPH (an RDF file, a store folder or a build's output folder).

    The default graph is the union of all graphs. The prefixes geo:, id:, rdf:, rdfs:, skos:,
    owl:, prov:, dcterms:, xsd:, wd: are predefined. The table shows IRIs with these prefixes;
    csv, tsv and json give full IRIs.

    \b
    Example:
        graphbuild query out/graph.ttl 'SELECT ?who ?whom WHERE { ?who geo:warns ?whom }'
        graphbuild query out/store -f queries/conflicts-by-date.rq --format csv
        graphbuild query out -f queries/who-warned-whom.rq
    """
    from . import api
    if qfile is not None:
        sparql = qfile.read_text("utf-8")
    if not sparql:
        _err("no query: give SPARQL as an argument or with --file")
        sys.exit(EXIT_USAGE)
    try:
        store = api.open_store(graph)
        res = api.run_query(store, sparql)
        text = api.format_results(res, fmt)
    except SyntaxError as e:
        _err(f"{qfile or 'query'}: invalid SPARQL: {' '.join(str(e).split())}")
        sys.exit(EXIT_USAGE)
    except GraphbuildError as e:
        _err(str(e))
        sys.exit(EXIT_USAGE)
    except (OSError, ValueError) as e:
        _err(f"{graph}: {' '.join(str(e).split())}")
        sys.exit(EXIT_USAGE)
    click.echo(text, nl=False)
    if fmt == "table" and type(res).__name__ == "QuerySolutions":
        click.echo(f"({max(0, text.count(chr(10)) - 2)} rows)", err=True)


# Further commands (store, serve, push, validate, stats, ...) register here.
def _register_optional() -> None:
    import importlib
    for mod, name in (("graphbuild.commands", "register"),):
        try:
            m = importlib.import_module(mod)
        except ImportError:
            continue
        getattr(m, name)(cli)


_register_optional()


def main() -> None:
    """Console entry point."""
    try:
        cli(standalone_mode=True)
    except UsageError as e:  # pragma: no cover - click handles its own
        _err(str(e))
        sys.exit(EXIT_USAGE)
