"""Read articles lazily from files and folders.

``iter_articles(paths)`` yields :class:`~graphbuild.model.Article` records, or an
:class:`~graphbuild.errors.InputError` for each input it cannot use, so that a caller can
report the bad ones and go on with the rest.

Formats:
    ``.txt``   one article; an optional ``date YYYY-MM[-DD]`` marker at the very start (on its
               own line, or inline before the text as in the seed article).
    ``.jsonl`` one article per line: ``id``, ``date``, ``lang``, ``title``, ``text``, ``url``;
               only ``text`` is required. A broken line is reported with its number and the
               other lines are read. The file is streamed, never held whole in memory.
    ``.html``/``.htm`` a saved web page; its main text is extracted with trafilatura.

Hostile input (README "Bad input"): every problem is an ``InputError(path, reason[, line])``,
never an exception out of :func:`iter_articles`. Text leaving this module is valid Unicode
(no lone surrogates, NFC, ``\\n`` line ends), so that every identity gives a valid IRI and
every string a valid RDF literal downstream.

>>> parse_date("2021-12-07")
(datetime.date(2021, 12, 7), 'day')
"""
from __future__ import annotations

import codecs
import hashlib
import io
import json
import logging
import os
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from ..errors import InputError
from ..model import Article

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
#: A .txt or .html file larger than this is rejected (split it, or make it a .jsonl).
#: Below it a long text is read whole and the extractor works on it in chunks.
MAX_BYTES = 50 * 1024 * 1024
#: A .jsonl line longer than this is rejected (the file itself may be of any size).
MAX_LINE_BYTES = MAX_BYTES
#: Bytes looked at to tell text from binary.
_SNIFF = 8192
#: Above this share of control characters (tab, newlines, form feed aside) a file is binary.
_MAX_CONTROL_SHARE = 0.01

# ``date 2021-12-07`` / ``Date: 2021-12`` at the very start, before the text. The value must
# start with a digit, so that an article opening on the word « Date » is not taken for a marker.
_DATE_MARKER = re.compile(
    r"\A[ \t\n]*date[ \t]*(?::[ \t]*|[ \t]+)(?P<value>\d\S*)(?P<rest>[^\n]*)(?:\n|\Z)",
    re.IGNORECASE)
_DATE_VALUE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
#: A malformed marker whose line is at most this long ("date 7 décembre 2021") is dropped whole.
_MARKER_LINE = 40
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")

# Signatures of files people pass by mistake, with what to say about them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF file, not text (convert it to text first, e.g. pdftotext)"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.odt document), not text (save it as plain text)"),
    (b"\xd0\xcf\x11\xe0", "MS Office document, not text (save it as plain text)"),
    (b"{\\rtf", "RTF document, not plain text (save it as plain text)"),
    (b"\x1f\x8b", "gzip archive, not text (decompress it first)"),
    (b"BZh", "bzip2 archive, not text (decompress it first)"),
    (b"\xfd7zXZ\x00", "xz archive, not text (decompress it first)"),
    (b"\x89PNG", "PNG image, not text"),
    (b"\xff\xd8\xff", "JPEG image, not text"),
    (b"GIF8", "GIF image, not text"),
    (b"\x7fELF", "executable, not text"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)

Warn = Callable[[str], None]


def parse_date(value: str) -> tuple[date | None, str | None]:
    """``"2021-12-07"`` -> (date(2021, 12, 7), "day"); ``"2021-12"`` -> (date(2021, 12, 1), "month").

    Returns ``(None, None)`` for anything that is not a valid date.

    >>> parse_date("2021-12")
    (datetime.date(2021, 12, 1), 'month')
    >>> parse_date("2021-13-01")
    (None, None)
    """
    m = _DATE_VALUE.fullmatch(value.strip()[:10]) or _DATE_VALUE.fullmatch(value.strip())
    if not m:
        return None, None
    y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
    try:
        return (date(y, mo, int(d)), "day") if d else (date(y, mo, 1), "month")
    except ValueError:
        return None, None


def split_date_marker(text: str) -> tuple[str, date | None, str | None, str | None]:
    """Remove a leading ``date ...`` marker; return (text, date, precision, problem).

    ``problem`` is ``None`` when the marker is valid, a sentence when it is missing or malformed.

    >>> split_date_marker("date 2021-12-07\\n\\nLe texte.")[:3]
    ('\\nLe texte.', datetime.date(2021, 12, 7), 'day')
    >>> split_date_marker(" date 2021-12 Avertissement.")[:3]
    (' Avertissement.', datetime.date(2021, 12, 1), 'month')
    >>> split_date_marker("Date butoir pour Kiev.")[0]
    'Date butoir pour Kiev.'
    """
    m = _DATE_MARKER.match(text)
    if not m:
        return text, None, None, "no date marker ('date YYYY-MM-DD' first), built without a date"
    value, rest = m.group("value"), m.group("rest")
    d, prec = parse_date(value)
    if d is not None:
        # a marker on its own line goes whole; an inline one leaves the text after it
        return (text[m.end():] if not rest.strip() else text[m.end("value"):]), d, prec, None
    whole_line = len(value) + len(rest) <= _MARKER_LINE
    shown = (value + rest).strip() if whole_line else value
    body = text[m.end():] if whole_line else text[m.end("value"):]
    return body, None, None, f"malformed date marker {shown!r}, built without a date"


def sniff(head: bytes, path: Path) -> str | None:
    """Refuse what is plainly not text; return the encoding a BOM announces, if any."""
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return enc
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(path, what)
    if b"\x00" in head:
        raise InputError(path, "binary file, not text")
    return None


def _check_text(text: str, path: Path) -> None:
    sample = text[:_SNIFF]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(path, "binary file, not text (too many control characters)")


def normalise_text(text: str) -> str:
    """Text as the extractor wants it: ``\\n`` line ends, NFC, no BOM, no lone surrogate.

    >>> normalise_text("Serg\\u0065\\u0308i\\r\\nx\\ud800")
    'Sergëi\\nx\\ufffd'
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


def decode(data: bytes, path: Path, warn: Warn | None = None) -> str:
    """UTF-8 (or UTF-16/32 with a BOM), else Windows-1252 with a warning.

    Raises InputError for an empty file, a known binary format, binary data, and bytes that
    are neither UTF-8 nor Windows-1252 (in practice: bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D,
    which Windows-1252 leaves undefined).
    """
    if not data.strip():
        raise InputError(path, "empty file")
    enc = sniff(data[:_SNIFF], path)
    if enc is not None:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as e:
            raise InputError(path, f"invalid {enc.upper()} text (byte offset {e.start})") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as e2:
                raise InputError(path, f"neither UTF-8 (invalid byte at offset {e.start}) nor "
                                       f"Windows-1252 (byte 0x{data[e2.start]:02X} at offset {e2.start})"
                                 ) from None
            if warn:
                warn(f"{_show(path)}: not UTF-8 (invalid byte at offset {e.start}), decoded as Windows-1252")
    _check_text(text, path)
    if not text.strip():
        raise InputError(path, "empty file")
    return normalise_text(text)


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(path, f"file too large ({size / 2**20:.0f} MB, limit {MAX_BYTES // 2**20} MB): "
                               "split it, or make it a .jsonl with one article per line")
    return path.read_bytes()


def read_txt(path: Path, identity: str, warn: Warn | None = None) -> Article:
    text = decode(_read_bytes(path), path, warn)
    body, d, prec, problem = split_date_marker(text)
    if problem and warn:
        warn(f"{_show(path)}: {problem}")
    if not body.strip():
        raise InputError(path, "no text after the date marker")
    return Article(id=identity, text=body.strip(), date=d, date_precision=prec,
                   source=_show(path), content_hash=_hash(identity, str(d), body))


def read_html(path: Path, identity: str, warn: Warn | None = None) -> Article:
    raw = decode(_read_bytes(path), path, warn)
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura is a dependency of the dev install
        raise InputError(path, "HTML input needs trafilatura (pip install trafilatura)") from None
    for name in ("trafilatura", "htmldate", "courlan"):
        # their warnings ("discarding data: None") are not the user's business: without a
        # handler, Python's last-resort handler would print them among our one-line errors
        if not logging.getLogger(name).handlers:
            logging.getLogger(name).addHandler(logging.NullHandler())
    try:
        text = trafilatura.extract(raw, include_comments=False, include_tables=False)
        meta = trafilatura.extract_metadata(raw)
    except Exception as e:  # noqa: BLE001 - any parser failure is this file's problem
        raise InputError(path, f"cannot extract text from the HTML page ({type(e).__name__})") from None
    if not text or not text.strip():
        raise InputError(path, "no article text found in the HTML page")
    text = normalise_text(text)
    d, prec = parse_date(meta.date) if meta is not None and meta.date else (None, None)
    title = normalise_text(meta.title) if meta is not None and meta.title else None
    return Article(id=identity, text=text.strip(), date=d, date_precision=prec, title=title,
                   source=_show(path), content_hash=_hash(identity, str(d), text))


def _jsonl_lines(f: IO[bytes], path: Path, warn: Warn | None) -> Iterator[tuple[int, str | InputError]]:
    """(line number, text or InputError) for every non-blank line, read as a stream.

    Lines are split on ``\\n`` only: U+2028, U+0085 and the like are legal inside JSON strings.
    """
    head = f.read(_SNIFF)
    f.seek(0)
    enc = sniff(head, path)
    if enc is not None:
        lines: Iterable = io.TextIOWrapper(f, encoding=enc, newline="\n")
    else:
        _check_text(head.decode("cp1252", "replace"), path)
        lines = f
    warned = False
    seen_text = False
    for n, raw in enumerate(lines, start=1):
        if len(raw) > MAX_LINE_BYTES:
            yield n, InputError(path, f"line too long ({len(raw) / 2**20:.0f} MB)", line=n)
            continue
        if isinstance(raw, bytes):
            if n == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                try:
                    line = raw.decode("cp1252")
                except UnicodeDecodeError as e2:
                    yield n, InputError(path, f"neither UTF-8 nor Windows-1252 (byte 0x{raw[e2.start]:02X})",
                                        line=n)
                    continue
                if warn and not warned:
                    warn(f"{_show(path)}:{n}: not UTF-8 (invalid byte at offset {e.start} of the line), "
                         "decoded as Windows-1252 (this line and any other such line)")
                warned = True
        else:
            line = raw
            if not line.strip():
                continue
        seen_text = True
        yield n, line
    if not seen_text:  # nothing but blank lines is as empty as an empty file
        yield 0, InputError(path, "empty file")


def _field(rec: dict, key: str, n: int, path: Path, warn: Warn | None) -> str | None:
    """A string field of a record, made valid Unicode (JSON may escape lone surrogates)."""
    v = rec.get(key)
    if not isinstance(v, str):
        return None
    if _SURROGATE.search(v):
        if warn:
            warn(f"{_show(path)}:{n}: invalid Unicode (lone surrogate) in {key!r}, replaced by U+FFFD")
        v = _SURROGATE.sub("\ufffd", v)
    return v


def read_jsonl(path: Path, base_identity: str, warn: Warn | None = None,
               seen: dict[str, str] | None = None) -> Iterator[Article | InputError]:
    """One article per line; a broken line yields an InputError with its line number.

    ``seen`` maps the identities already read (in this build) to where they were read, so
    that a duplicate id is rejected rather than silently replacing the first article.
    """
    seen = {} if seen is None else seen
    try:
        f = open(path, "rb")
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror or e}")
        return
    with f:
        try:
            for n, line in _jsonl_lines(f, path, warn):
                if isinstance(line, InputError):
                    yield line
                    continue
                yield _jsonl_record(line, n, path, base_identity, warn, seen)
        except InputError as e:
            yield e
        except (OSError, UnicodeDecodeError) as e:
            yield InputError(path, f"cannot read: {getattr(e, 'strerror', None) or e}")


def _jsonl_record(line: str, n: int, path: Path, base_identity: str, warn: Warn | None,
                  seen: dict[str, str]) -> Article | InputError:
    try:
        rec = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as e:
        msg = e.msg[:-3] if e.msg.endswith(" at") else e.msg
        return InputError(path, f"invalid JSON ({msg} at column {e.colno})", line=n)
    except (ValueError, RecursionError) as e:
        return InputError(path, f"invalid JSON ({'nested too deeply' if isinstance(e, RecursionError) else e})",
                          line=n)
    if not isinstance(rec, dict):
        return InputError(path, "a line must be a JSON object", line=n)
    body = _field(rec, "text", n, path, warn)
    if body is None or not body.strip():
        return InputError(path, "missing or empty 'text'", line=n)
    raw_id = rec.get("id")
    if raw_id is None or raw_id == "":
        identity = f"{base_identity}#L{n}"
    elif isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        return InputError(path, "'id' must be a string or an integer", line=n)
    else:
        identity = _field(rec, "id", n, path, warn) if isinstance(raw_id, str) else str(raw_id)
        identity = unicodedata.normalize("NFC", identity)
    where = f"{_show(path)}:{n}"
    if identity in seen:
        return InputError(path, f"duplicate article id {identity!r} (first read at {seen[identity]}), "
                                "line skipped", line=n)
    seen[identity] = where
    raw_date = rec.get("date")
    d, prec = parse_date(str(raw_date)) if raw_date not in (None, "") else (None, None)
    if raw_date not in (None, "") and d is None and warn:
        warn(f"{_show(path)}:{n}: malformed date {raw_date!r}, built without a date")
    lang = rec.get("lang")
    lang = lang.strip().lower() if isinstance(lang, str) else None
    if lang and lang not in ("fr", "en"):
        if warn:
            warn(f"{_show(path)}:{n}: unsupported lang {lang[:20]!r} (only fr, en), language detected instead")
        lang = None
    title = _field(rec, "title", n, path, warn)
    url = _field(rec, "url", n, path, warn)
    return Article(id=identity, text=normalise_text(body).strip(), lang=lang or None, date=d,
                   date_precision=prec, title=normalise_text(title) if title else None,
                   url=url.strip() if url else None, source=where,
                   content_hash=_hash(identity, str(d), body))


def _show(path: Path) -> str:
    """A path as text that is valid Unicode (undecodable bytes of a file name become U+FFFD)."""
    s = str(path)
    return os.fsencode(s).decode("utf-8", "replace") if _SURROGATE.search(s) else s


def _identity(path: Path, root: Path) -> str:
    rel = path.relative_to(root) if root.is_dir() else Path(path.name)
    return unicodedata.normalize("NFC", _show(rel.with_suffix("")).replace(os.sep, "/"))


def iter_files(paths: Iterable[Path | str]) -> Iterator[tuple[Path, Path] | InputError]:
    """Expand files and folders into (file, root) pairs, sorted for reproducible builds.

    Inside a folder, files with other extensions and hidden files are ignored; a folder with
    no file to read is reported.
    """
    for p in map(Path, paths):
        try:
            if not p.exists():
                yield InputError(p, "no such file or directory")
            elif p.is_dir():
                found = sorted(f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file()
                               and not any(part.startswith(".") for part in f.relative_to(p).parts))
                if not found:
                    yield InputError(p, f"no {', '.join(SUFFIXES)} file in this folder")
                for f in found:
                    yield f, p
            elif not p.is_file():
                yield InputError(p, "not a regular file (a device, pipe or socket)")
            else:
                yield p, p
        except OSError as e:
            yield InputError(p, f"cannot read: {e.strerror or e}")


def iter_articles(paths: Iterable[Path | str], warn: Warn | None = None) -> Iterator[Article | InputError]:
    """Yield every article of ``paths`` (files or folders), lazily, in a stable order.

    Files named directly on the command line with an unknown extension are rejected; inside a
    folder only known extensions are read. An article id met twice in one build (two files
    with the same relative path, a .jsonl id repeated) is rejected the second time.
    """
    for item in _iter_articles(paths, warn):
        if isinstance(item, InputError) and _show(item.path) != str(item.path):
            item = InputError(_show(item.path), item.reason, item.line)
        yield item


def _iter_articles(paths: Iterable[Path | str], warn: Warn | None) -> Iterator[Article | InputError]:
    seen: dict[str, str] = {}
    for item in iter_files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        path, root = item
        suffix = path.suffix.lower()
        identity = _identity(path, root)
        if _show(path) != str(path) and warn:
            warn(f"{_show(path)}: file name is not valid UTF-8, article id {identity!r}")
        try:
            if suffix == ".jsonl":
                yield from read_jsonl(path, identity, warn, seen)
                continue
            if suffix == ".txt":
                reader = read_txt
            elif suffix in (".html", ".htm"):
                reader = read_html
            else:
                yield InputError(path, f"unsupported file type {suffix or '(none)'!r} (use .txt, .jsonl or .html)")
                continue
            if identity in seen:
                yield InputError(path, f"duplicate article id {identity!r} (first read at {seen[identity]})")
                continue
            article = reader(path, identity, warn)
            seen[identity] = _show(path)
            yield article
        except InputError as e:
            yield e
        except (OSError, MemoryError) as e:
            yield InputError(path, f"cannot read: {getattr(e, 'strerror', None) or type(e).__name__}")
