"""Hostile and broken input (issue 7): every bad input gets a documented exit code, one line
``Error: <file>: <problem>`` naming it, and the graph holds exactly the good articles.

The table ``CASES`` is the contract (README "Exit codes and bad input"). The inputs are in
``tests/bad_inputs.py`` (static ones also under ``tests/data/bad/``). The CLI runs in this
process (click's CliRunner) so that the spaCy models load once; ``test_kill.py`` and the
long-article test run the real executable.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

import bad_inputs as B
from graphbuild.cli import cli
from graphbuild.errors import EXIT_NOTHING_BUILT, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, InputError
from graphbuild.io import readers as R
from graphbuild.model import Article
from graphbuild.rdf import vocab as V
from graphbuild.rdf.build import _clean

GEO, DC = V.GEO, V.DCTERMS


# -- running the CLI -------------------------------------------------------------------------

@dataclass
class Run:
    code: int
    messages: list[str]          # the "Error: ..." and "Warning: ..." lines, in order
    stderr: str
    out: Path

    def graph(self) -> ox.Store:
        st = ox.Store()
        ttl = self.out / "graph.ttl"
        if ttl.exists():
            with open(ttl, "rb") as f:
                st.bulk_load(f, ox.RdfFormat.TURTLE)
        return st


def run_build(args: list[str], cwd: Path, out: str = "out") -> Run:
    """``graphbuild build ARGS --out OUT`` in ``cwd``, in this process."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        res = CliRunner().invoke(cli, ["build", *args, "--out", out], catch_exceptions=False)
    finally:
        os.chdir(old)
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith(("Error:", "Warning:"))]
    return Run(res.exit_code, lines, res.stderr, cwd / out)


def articles_in(st: ox.Store) -> dict[str, str | None]:
    """identifier -> dcterms:date (lexical form) of every geo:Article of a graph."""
    q = f"""SELECT ?id ?d WHERE {{ ?a a <{GEO}Article> ; <{DC}identifier> ?id .
            OPTIONAL {{ ?a <{DC}date> ?d }} }}"""
    return {s["id"].value: (s["d"].value if s["d"] is not None else None) for s in st.query(q)}


def evidence_of(st: ox.Store, identity: str) -> list[str]:
    q = f"""SELECT ?e WHERE {{ ?i <{GEO}evidence> ?e ;
            <http://www.w3.org/ns/prov#wasDerivedFrom> <{V.article_iri(identity)}> }}"""
    return sorted(s["e"].value for s in st.query(q))


def literals(st: ox.Store) -> list[str]:
    return [q.object.value for q in st if isinstance(q.object, ox.Literal)]


def has_triple(st: ox.Store, s: str, p: str, o: str) -> bool:
    return any(True for _ in st.quads_for_pattern(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)))


def assert_parses_everywhere(ttl: Path) -> rdflib.Graph:
    """The Turtle parses in rdflib and in pyoxigraph, and both read the same graph."""
    g = rdflib.Graph()
    g.parse(ttl, format="turtle")
    g2 = rdflib.Graph()
    with open(ttl, "rb") as f:
        for t in ox.parse(f, ox.RdfFormat.TURTLE):
            g2.add(tuple(_to_rdflib(x) for x in (t.subject, t.predicate, t.object)))
    assert isomorphic(g, g2)
    return g


def _to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == V.XSD + "string":  # RDF 1.1: a simple literal is an xsd:string
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


# -- the corpus ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ``bad/`` (the static corpus) and ``gen/`` (generated inputs)."""
    root = tmp_path_factory.mktemp("corpus")
    B.write_static(root / "bad")
    B.generated(root / "gen")
    name = B.generated(root / "gen-name-tmp")["non-utf8-name"]
    (root / "gen-name").mkdir()
    shutil.move(name, root / "gen-name" / name.name)
    return root


def test_static_corpus_is_up_to_date():
    """tests/data/bad/ is what tests/bad_inputs.py says (no editor "fixed" an encoding)."""
    for name, data in B.STATIC.items():
        p = B.BAD_DIR / name
        assert p.exists(), f"{p} missing: run `python tests/bad_inputs.py`"
        assert p.read_bytes() == data, f"{p} differs from tests/bad_inputs.py"


# -- graph checks used by the table ----------------------------------------------------------

def check_cp1252(run: Run) -> None:
    ev = evidence_of(run.graph(), "windows-1252")
    assert "Le président Vladimir Poutine a averti l’Otan « sans délai »." in ev


def check_invalid_utf8(run: Run) -> None:
    # E2 80 is the start of a UTF-8 sequence cut short; as Windows-1252 it reads "â€"
    assert any("l'Otan â€ mardi" in e for e in evidence_of(run.graph(), "invalid-utf8"))


def check_crlf(run: Run) -> None:
    assert not any("\r" in s for s in literals(run.graph()))


def check_duplicates(run: Run) -> None:
    # the first "same" is kept, the second (the Kremlin sentence) is not read
    ev = evidence_of(run.graph(), "same")
    assert ev and all("Kremlin" not in e for e in ev)


def check_hostile(run: Run) -> None:
    assert_parses_everywhere(run.out / "graph.ttl")
    st = run.graph()
    for rec in B.HOSTILE_RECORDS:
        q = f"""SELECT ?id ?t ?u WHERE {{ <{V.article_iri(rec["id"])}> <{DC}identifier> ?id .
                OPTIONAL {{ <{V.article_iri(rec["id"])}> <{DC}title> ?t }}
                OPTIONAL {{ <{V.article_iri(rec["id"])}> <{DC}source> ?u }} }}"""
        (sol,) = list(st.query(q))
        assert sol["id"].value == _clean(rec["id"])
        if "title" in rec:
            assert sol["t"].value == _clean(rec["title"])
        if "url" in rec:
            assert sol["u"].value == _clean(rec["url"])
        # the one sure fact of each line made it, its sentence intact
        assert any("a averti" in e and "l'Otan" in e for e in evidence_of(st, rec["id"])), rec["id"]
    for s in literals(st):
        assert not any(c < " " and c not in "\t\n" for c in s), repr(s)
    assert any("\U0001F621" in e for e in evidence_of(st, "emoji-\U0001F600"))


def check_html(run: Run) -> None:
    st = run.graph()
    ev = evidence_of(st, "page")
    assert any(e.startswith("Poutine a averti l'Otan mardi") or "Vladimir Poutine a averti l'Otan mardi" in e
               for e in ev), ev
    assert has_triple(st, V.actor_iri("vladimir-putin"), GEO + "warns", V.actor_iri("nato"))
    (title,) = [q.object.value for q in st.quads_for_pattern(ox.NamedNode(V.article_iri("page")),
                                                              ox.NamedNode(DC + "title"), None)]
    assert title == "Poutine avertit l'Otan"
    for s in literals(st):
        for junk in ("SecretText", "alert(", "<script", "display:", "Macron", "Chine", "Accueil"):
            assert junk not in s, (junk, s)


def check_no_graph_written(run: Run) -> None:
    assert not (run.out / "graph.ttl").exists()


# -- the table -------------------------------------------------------------------------------

D = "2021-12-07"
NO_DATE = "no date marker ('date YYYY-MM-DD' first), built without a date"
UNSUPPORTED = "unsupported file type {!r} (use .txt, .jsonl or .html)"


@dataclass
class Case:
    id: str
    inputs: list[str]
    code: int
    messages: list[str] = field(default_factory=list)
    articles: dict[str, str | None] = field(default_factory=dict)
    check: Callable[[Run], None] | None = None
    args: list[str] = field(default_factory=list)


CASES = [
    Case("empty", ["bad/empty.txt"], EXIT_NOTHING_BUILT, ["Error: bad/empty.txt: empty file"]),
    Case("whitespace-only", ["bad/whitespace-only.txt"], EXIT_NOTHING_BUILT,
         ["Error: bad/whitespace-only.txt: empty file"]),
    Case("binary", ["gen/binary.txt"], EXIT_NOTHING_BUILT, ["Error: gen/binary.txt: binary file, not text"]),
    Case("control-characters", ["gen/control-chars.txt"], EXIT_NOTHING_BUILT,
         ["Error: gen/control-chars.txt: binary file, not text (too many control characters)"]),
    Case("pdf-named", ["bad/document.pdf"], EXIT_NOTHING_BUILT,
         ["Error: bad/document.pdf: " + UNSUPPORTED.format(".pdf")]),
    Case("pdf-disguised", ["bad/disguised-pdf.txt"], EXIT_NOTHING_BUILT,
         ["Error: bad/disguised-pdf.txt: PDF file, not text (convert it to text first, e.g. pdftotext)"]),
    Case("windows-1252", ["bad/windows-1252.txt"], EXIT_OK,
         ["Warning: bad/windows-1252.txt: not UTF-8 (invalid byte at offset 22), decoded as Windows-1252"],
         {"windows-1252": D}, check_cp1252),
    Case("invalid-utf8", ["bad/invalid-utf8.txt"], EXIT_OK,
         ["Warning: bad/invalid-utf8.txt: not UTF-8 (invalid byte at offset 50), decoded as Windows-1252"],
         {"invalid-utf8": D}, check_invalid_utf8),
    Case("neither-utf8-nor-cp1252", ["bad/neither-encoding.txt"], EXIT_NOTHING_BUILT,
         ["Error: bad/neither-encoding.txt: neither UTF-8 (invalid byte at offset 50) "
          "nor Windows-1252 (byte 0x81 at offset 50)"]),
    Case("utf16-bom", ["bad/utf16-bom.txt"], EXIT_OK, [], {"utf16-bom": D}),
    Case("crlf", ["bad/crlf.txt"], EXIT_OK, [], {"crlf": D}, check_crlf),
    Case("unknown-extension-named", ["bad/notes.md"], EXIT_NOTHING_BUILT,
         ["Error: bad/notes.md: " + UNSUPPORTED.format(".md")]),
    Case("unknown-extension-in-folder", ["bad/folder"], EXIT_OK, [], {"good": D}),
    Case("folder-with-nothing-to-read", ["bad/empty-folder"], EXIT_NOTHING_BUILT,
         ["Error: bad/empty-folder: no .txt, .jsonl, .html, .htm file in this folder"]),
    Case("missing-file", ["bad/nope.txt"], EXIT_NOTHING_BUILT, ["Error: bad/nope.txt: no such file or directory"]),
    Case("fifo", ["gen/pipe.txt"], EXIT_NOTHING_BUILT,
         ["Error: gen/pipe.txt: not a regular file (a device, pipe or socket)"]),
    Case("too-large", ["gen/too-large.txt"], EXIT_NOTHING_BUILT,
         ["Error: gen/too-large.txt: file too large (51 MB, limit 50 MB): "
          "split it, or make it a .jsonl with one article per line"]),
    Case("no-date-marker", ["bad/no-date.txt"], EXIT_OK, [f"Warning: bad/no-date.txt: {NO_DATE}"],
         {"no-date": None}),
    Case("date-word-is-not-a-marker", ["bad/date-word.txt"], EXIT_OK, [f"Warning: bad/date-word.txt: {NO_DATE}"],
         {"date-word": None}),
    Case("malformed-date-marker", ["bad/malformed-date.txt"], EXIT_OK,
         ["Warning: bad/malformed-date.txt: malformed date marker '2021-13-45', built without a date"],
         {"malformed-date": None}),
    Case("french-date-marker", ["bad/french-date.txt"], EXIT_OK,
         ["Warning: bad/french-date.txt: malformed date marker '7 décembre 2021', built without a date"],
         {"french-date": None}),
    Case("date-marker-only", ["bad/date-only.txt"], EXIT_NOTHING_BUILT,
         ["Error: bad/date-only.txt: no text after the date marker"]),
    Case("jsonl-broken-lines", ["bad/broken-lines.jsonl"], EXIT_PARTIAL, [
        "Error: bad/broken-lines.jsonl:2: invalid JSON (Unterminated string starting at column 26)",
        "Error: bad/broken-lines.jsonl:4: a line must be a JSON object",
        "Error: bad/broken-lines.jsonl:5: missing or empty 'text'",
        "Error: bad/broken-lines.jsonl:6: missing or empty 'text'",
        "Error: bad/broken-lines.jsonl:7: 'id' must be a string or an integer",
        "Error: bad/broken-lines.jsonl:8: invalid JSON (nested too deeply)",
        "Warning: bad/broken-lines.jsonl:10: malformed date '2021-13-01', built without a date",
    ], {"ok-1": D, "ok-2": "2021-12-08", "ok-3": None}),
    Case("jsonl-duplicate-ids", ["bad/duplicate-ids.jsonl"], EXIT_PARTIAL, [
        "Error: bad/duplicate-ids.jsonl:3: duplicate article id 'same' "
        "(first read at bad/duplicate-ids.jsonl:1), line skipped",
    ], {"same": D, "other": D}, check_duplicates),
    Case("duplicate-ids-across-files", ["bad/same-name/one", "bad/same-name/two"], EXIT_PARTIAL, [
        "Error: bad/same-name/two/x.txt: duplicate article id 'x' (first read at bad/same-name/one/x.txt)",
    ], {"x": D}),
    Case("jsonl-lone-surrogates", ["bad/surrogates.jsonl"], EXIT_OK, [
        "Warning: bad/surrogates.jsonl:1: invalid Unicode (lone surrogate) in 'text', replaced by U+FFFD",
        "Warning: bad/surrogates.jsonl:1: invalid Unicode (lone surrogate) in 'id', replaced by U+FFFD",
    ], {"lone-\ufffd": None, "pair-\U0001F600": None}),
    Case("hostile-names", ["bad/hostile-names.jsonl"], EXIT_OK, [],
         {_clean(r["id"]): r["date"] for r in B.HOSTILE_RECORDS}, check_hostile),
    Case("html-page", ["bad/page.html"], EXIT_OK, [], {"page": D}, check_html),
    Case("file-name-not-utf8", ["gen-name"], EXIT_OK,
         ["Warning: gen-name/caf\ufffd.txt: file name is not valid UTF-8, article id 'caf\ufffd'"],
         {"caf\ufffd": D}),
    Case("partial-success", ["bad/empty.txt", "bad/crlf.txt"], EXIT_PARTIAL,
         ["Error: bad/empty.txt: empty file"], {"crlf": D}),
    Case("strict-stops-at-first-bad-input", ["bad/crlf.txt", "bad/empty.txt", "bad/utf16-bom.txt"],
         EXIT_NOTHING_BUILT, ["Error: bad/empty.txt: empty file"], {}, check_no_graph_written, ["--strict"]),
    Case("strict-on-good-input", ["bad/crlf.txt", "bad/utf16-bom.txt"], EXIT_OK, [],
         {"crlf": D, "utf16-bom": D}, None, ["--strict"]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_robustness_bad_input(case: Case, corpus: Path, tmp_path: Path):
    if case.id == "fifo" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    run = run_build([*case.inputs, *case.args], corpus, out=str(tmp_path / "out"))
    assert (run.code, run.messages) == (case.code, case.messages), run.stderr
    assert articles_in(run.graph()) == case.articles
    if case.check is not None:
        case.check(run)


def test_robustness_error_lines_are_one_line(tmp_path: Path):
    """A file name with a newline still gives one line, the newline shown escaped."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad\nname.txt").write_bytes(b"")
    run = run_build(["in"], tmp_path)
    assert (run.code, run.messages) == (EXIT_NOTHING_BUILT, ["Error: in/bad\\x0aname.txt: empty file"])


def test_robustness_out_is_a_file(tmp_path: Path):
    (tmp_path / "a.txt").write_text(f"date {D}\n\n{B.FACT}\n", "utf-8")
    (tmp_path / "out").write_text("not a folder")
    run = run_build(["a.txt"], tmp_path, out="out")
    assert (run.code, run.messages) == (EXIT_USAGE, ["Error: out: File exists"])


def test_robustness_store_in_use_is_refused(tmp_path: Path):
    """A live lock holder (a `graphbuild serve`) makes build refuse with its name and pid."""
    (tmp_path / "a.txt").write_text(f"date {D}\n\n{B.FACT}\n", "utf-8")
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (tmp_path / "out" / "store").mkdir(parents=True)
        (tmp_path / "out" / "store" / "graphbuild.lock").write_text(f"{holder.pid} serve\n")
        run = run_build(["a.txt"], tmp_path)
        assert (run.code, run.messages) == (
            EXIT_USAGE, [f"Error: out/store: store in use by serve (pid {holder.pid}); stop it first"])
    finally:
        holder.kill()
        holder.wait()
    # the holder is gone (and reaped): its lock is stale and the next build goes through
    run = run_build(["a.txt"], tmp_path)
    assert run.code == EXIT_OK, run.stderr
    assert not (tmp_path / "out" / "store" / "graphbuild.lock").exists()


@pytest.mark.parametrize("content", ["", "garbage", "12x build", "-5 build", "0 build"])
def test_robustness_malformed_or_dead_lock_is_stale(tmp_path: Path, content: str):
    (tmp_path / "a.txt").write_text(f"date {D}\n\n{B.FACT}\n", "utf-8")
    (tmp_path / "out" / "store").mkdir(parents=True)
    (tmp_path / "out" / "store" / "graphbuild.lock").write_text(content)
    run = run_build(["a.txt"], tmp_path)
    assert run.code == EXIT_OK, run.stderr


def test_robustness_every_output_is_renamed_into_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Every file a build writes (each export format and graph.html) is written beside itself
    and renamed over it (io/atomic.py or the same pattern), with the mode a plain open() gives."""
    (tmp_path / "a.txt").write_text(f"date {D}\n\n{B.FACT}\n", "utf-8")
    renamed: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy(src, dst, *a, **k):
        renamed.append((Path(src), Path(dst)))
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", spy)
    formats = ["turtle", "ntriples", "nquads", "trig", "jsonld"]
    run = run_build(["a.txt", *(x for f in formats for x in ("--format", f))], tmp_path,
                    out=str(tmp_path / "out"))
    assert run.code == EXIT_OK, run.stderr
    outputs = sorted(p for p in run.out.iterdir() if p.is_file())
    assert [p.name for p in outputs] == sorted(
        ["graph.ttl", "graph.nt", "graph.nq", "graph.trig", "graph.jsonld", "graph.html"])
    assert sorted(dst.name for _, dst in renamed if dst.parent == run.out) == [p.name for p in outputs]
    assert all(src.parent == dst.parent for src, dst in renamed)
    umask = os.umask(0o022)
    os.umask(umask)
    for p in outputs:
        assert p.stat().st_mode & 0o777 == 0o666 & ~umask, p.name


# -- the readers, without the CLI ------------------------------------------------------------

@pytest.mark.parametrize("text, body, day, problem", [
    ("date 2021-12-07\n\nLe texte.", "\nLe texte.", date(2021, 12, 7), None),
    ("Date: 2021-12\nLe texte.", "Le texte.", date(2021, 12, 1), None),
    (" date 2021-12 Avertissement. Joe Biden", " Avertissement. Joe Biden", date(2021, 12, 1), None),
    ("DATE 2021-12-07", "", date(2021, 12, 7), None),
    ("Date butoir pour Kiev.", "Date butoir pour Kiev.", None, "no date marker"),
    ("Le texte.", "Le texte.", None, "no date marker"),
    ("date 2021-02-30\nLe texte.", "Le texte.", None, "malformed date marker '2021-02-30'"),
    ("date 7 décembre 2021\nLe texte.", "Le texte.", None, "malformed date marker '7 décembre 2021'"),
    ("date 07/12/2021 Poutine a averti l'Otan lors d'un long entretien.",
     " Poutine a averti l'Otan lors d'un long entretien.", None, "malformed date marker '07/12/2021'"),
])
def test_readers_split_date_marker(text, body, day, problem):
    got_body, got_day, _prec, got_problem = R.split_date_marker(text)
    assert (got_body, got_day) == (body, day)
    assert (got_problem is None) if problem is None else got_problem.startswith(problem)


@pytest.mark.parametrize("data, text, warned", [
    ("é€".encode("utf-8"), "é€", False),
    ("\ufeffé".encode("utf-8"), "é", False),
    ("é€".encode("cp1252"), "é€", True),
    ("é\r\nx\ry".encode("utf-16"), "é\nx\ny", False),
    ("e\u0301".encode("utf-8"), "\u00e9", False),          # NFC
    (bytes(range(0x20, 0x7F)) + bytes(b for b in range(0xA0, 0x100)), None, True),
])
def test_readers_decode(data, text, warned):
    warnings: list[str] = []
    got = R.decode(data, Path("x.txt"), warnings.append)
    if text is not None:
        assert got == text
    assert bool(warnings) == warned


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_readers_decode_rejects_bytes_undefined_in_cp1252(byte):
    with pytest.raises(InputError, match=f"nor Windows-1252 \\(byte 0x{byte:02X} at offset 2\\)"):
        R.decode(b"ab" + bytes([byte]) + b"cd", Path("x.txt"))


@pytest.mark.parametrize("head, reason", [
    (b"PK\x03\x04rest", "ZIP archive"), (b"\x1f\x8b\x08\x00", "gzip archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"{\\rtf1\\ansi hello}", "RTF document"),
    (b"\x7fELF\x02\x01", "executable"), (b"text\x00more", "binary file"),
])
def test_readers_reject_known_binary_formats(head, reason):
    with pytest.raises(InputError, match=reason):
        R.decode(head, Path("x.txt"))


def test_readers_jsonl_line_separators_inside_strings(tmp_path: Path):
    """U+2028, U+0085, U+001E are legal inside a JSON string: a line ends only at \\n."""
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "un\u2028deux\u0085trois\u001equatre"}, ensure_ascii=False)
                 + "\r\n" + json.dumps({"id": "b", "text": "x"}) + "\n", "utf-8")
    got = list(R.iter_articles([p]))
    assert [type(a) for a in got] == [Article, Article]
    assert got[0].text == "un\u2028deux\u0085trois\u001equatre"


def test_readers_jsonl_cp1252_lines(tmp_path: Path):
    p = tmp_path / "a.jsonl"
    p.write_bytes(json.dumps({"id": "é", "text": "Poutine a averti l’Otan"}, ensure_ascii=False).encode("cp1252")
                  + b"\n" + b'{"id": "b", "text": "\x81"}\n' + b'{"id": "c", "text": "ok"}\n')
    warnings: list[str] = []
    got = list(R.iter_articles([p], warnings.append))
    assert [a.id if isinstance(a, Article) else str(a) for a in got] == [
        "é", f"{p}:2: neither UTF-8 nor Windows-1252 (byte 0x81)", "c"]
    assert got[0].text == "Poutine a averti l’Otan"
    assert warnings == [f"{p}:1: not UTF-8 (invalid byte at offset 8 of the line), decoded as "
                        "Windows-1252 (this line and any other such line)"]


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"), (b"\n\n  \n", "empty file"), (b"%PDF-1.4\n", "PDF file"),
    (b'{"text": "a"}\x00\x00', "binary file"),
])
def test_readers_jsonl_whole_file_rejected(tmp_path: Path, data, reason):
    p = tmp_path / "a.jsonl"
    p.write_bytes(data)
    (err,) = list(R.iter_articles([p]))
    assert isinstance(err, InputError) and err.reason.startswith(reason) and err.line is None


def test_readers_file_names_not_utf8_are_shown_as_valid_text(tmp_path: Path):
    (tmp_path / os.fsdecode(b"vide\xff.txt")).write_bytes(b"")
    (tmp_path / os.fsdecode(b"ok\xff.txt")).write_text("Date butoir.", "utf-8")
    warnings: list[str] = []
    got = list(R.iter_articles([tmp_path], warnings.append))
    assert sorted(str(x) if isinstance(x, InputError) else x.id for x in got) == sorted([
        "ok\ufffd", f"{tmp_path}/vide\ufffd.txt: empty file"])
    for w in warnings:
        w.encode("utf-8")


def test_readers_never_raise_on_unreadable_folder(tmp_path: Path):
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    d = tmp_path / "locked"
    d.mkdir()
    (d / "a.txt").write_text("x")
    d.chmod(0)
    try:
        got = list(R.iter_articles([d]))
    finally:
        d.chmod(0o755)
    assert all(isinstance(x, InputError) for x in got)


# -- a very long article ---------------------------------------------------------------------

def test_robustness_long_article_is_read_and_chunked(tmp_path: Path):
    """5 MB in one .txt: read whole (under MAX_BYTES), then split into pieces the parser takes."""
    from graphbuild.extract import CHUNK_CHARS, _chunks
    p = tmp_path / "long.txt"
    p.write_bytes(B.big_article(5 * 2**20))
    (art,) = list(R.iter_articles([p]))
    assert isinstance(art, Article) and art.date == date(2021, 12, 7)
    pieces = list(_chunks(art.text))
    assert len(pieces) >= 50 and max(map(len, pieces)) <= CHUNK_CHARS
    assert "".join(pieces) == art.text


_RSS_SCRIPT = textwrap.dedent("""
    import json, resource, sys, time
    from graphbuild import api
    small, big, out = sys.argv[1:4]
    api.build([small], out + "/warm", html=False, progress=False)   # models loaded, caches warm
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    r = api.build([big], out + "/big", html=False, progress=False)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"base_mb": base / 1024, "peak_mb": peak / 1024, "growth_mb": (peak - base) / 1024,
                      "seconds": time.perf_counter() - t, "articles": r.articles,
                      "interactions": r.interactions, "rejected": [str(e) for e in r.rejected]}))
""")


@pytest.mark.slow
def test_robustness_long_article_memory_is_bounded(tmp_path: Path, request: pytest.FixtureRequest):
    """A long single article is built in chunks: peak RSS growth stays under 1.5 GB.

    The size is ``--big-article-mb`` (default 0.45 MB: five chunks of 100,000 characters, one
    more than an ``nlp.pipe`` batch of them, so the peak is the one any longer article reaches;
    about 30 s of CPU. 5 MB takes about 6 minutes: ``pytest tests/test_robustness.py -k memory
    --big-article-mb 5``).
    """
    mb = request.config.getoption("--big-article-mb") or 0.45
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text(f"date {D}\n\n{B.FACT}\n", "utf-8")
    big.write_bytes(B.big_article(int(mb * 2**20)) + b"\n\nOlaf Scholz a d\xc3\xa9nonc\xc3\xa9 la Chine.\n")
    proc = subprocess.run([sys.executable, "-c", _RSS_SCRIPT, str(small), str(big), str(tmp_path)],
                          capture_output=True, text=True, timeout=3600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    m = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"\nlong article {mb} MB: {m}")
    assert m["articles"] == 1 and not m["rejected"]
    assert m["interactions"] > 0
    assert m["growth_mb"] < 1536, m
    # the end of the article was read too (the last chunk)
    st = ox.Store()
    with open(tmp_path / "big" / "graph.ttl", "rb") as f:
        st.bulk_load(f, ox.RdfFormat.TURTLE)
    assert any("Olaf Scholz" in s for s in literals(st))
