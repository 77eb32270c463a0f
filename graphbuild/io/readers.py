"""Read articles lazily from files and folders.

``iter_articles(paths)`` yields :class:`~graphbuild.model.Article` records, or an
:class:`~graphbuild.errors.InputError` for each input it cannot use, so that a caller can
report the bad ones and go on with the rest.

Formats:
    ``.txt``   one article; an optional ``date YYYY-MM[-DD]`` marker at the very start (on its
               own line, or inline before the text as in the seed article).
    ``.jsonl`` one article per line: ``id``, ``date``, ``lang``, ``title``, ``text``, ``url``;
               only ``text`` is required. A broken line is reported with its number.
    ``.html``/``.htm`` a saved web page; its main text is extracted with trafilatura.
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import InputError
from ..model import Article

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
_DATE_MARKER = re.compile(r"\A\s*date\s+(\S+)[ \t]*(?:\r?\n)?", re.IGNORECASE)
_DATE_VALUE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
#: Above this size a text is still read, but the extractor works on it in chunks.
MAX_BYTES = 50 * 1024 * 1024

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
    """Remove a leading ``date ...`` marker; return (text, date, precision, problem)."""
    m = _DATE_MARKER.match(text)
    if not m:
        return text, None, None, None
    d, prec = parse_date(m.group(1))
    rest = text[m.end():]
    if d is None:
        return rest, None, None, f"malformed date marker {m.group(1)!r}, date ignored"
    return rest, d, prec, None


def decode(data: bytes, path: Path, warn: Warn | None = None) -> str:
    """UTF-8, else Windows-1252 with a warning; raise InputError for anything else."""
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(b"%PDF"):
        raise InputError(path, "PDF files are not supported (convert it to text first)")
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(path, f"not UTF-8 (invalid byte at offset {e.start}) nor Windows-1252") from None
        if warn:
            warn(f"{path}: not UTF-8, decoded as Windows-1252")
    if not text.strip():
        raise InputError(path, "empty file")
    return text


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def read_txt(path: Path, identity: str, warn: Warn | None = None) -> Article:
    text = decode(path.read_bytes(), path, warn)
    body, d, prec, problem = split_date_marker(text)
    if problem and warn:
        warn(f"{path}: {problem}")
    if not body.strip():
        raise InputError(path, "no text after the date marker")
    return Article(id=identity, text=body.strip(), date=d, date_precision=prec,
                   source=str(path), content_hash=_hash(identity, str(d), body))


def read_html(path: Path, identity: str, warn: Warn | None = None) -> Article:
    raw = decode(path.read_bytes(), path, warn)
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura is a dependency of the dev install
        raise InputError(path, "HTML input needs trafilatura (pip install trafilatura)") from None
    text = trafilatura.extract(raw, include_comments=False, include_tables=False)
    meta = trafilatura.extract_metadata(raw)
    if not text or not text.strip():
        raise InputError(path, "no article text found in the HTML page")
    d, prec = parse_date(meta.date) if meta is not None and meta.date else (None, None)
    title = meta.title if meta is not None else None
    return Article(id=identity, text=text.strip(), date=d, date_precision=prec, title=title,
                   source=str(path), content_hash=_hash(identity, str(d), text))


def read_jsonl(path: Path, base_identity: str, warn: Warn | None = None) -> Iterator[Article | InputError]:
    """One article per line; a broken line yields an InputError with its line number."""
    try:
        data = path.read_bytes()
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror or e}")
        return
    try:
        text = decode(data, path, warn)
    except InputError as e:
        yield e
        return
    seen: set[str] = set()
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(path, f"invalid JSON ({e.msg})", line=n)
            continue
        if not isinstance(rec, dict):
            yield InputError(path, "a line must be a JSON object", line=n)
            continue
        body = rec.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputError(path, "missing or empty 'text'", line=n)
            continue
        identity = str(rec["id"]) if rec.get("id") not in (None, "") else f"{base_identity}#L{n}"
        if identity in seen:
            yield InputError(path, f"duplicate article id {identity!r}, line skipped", line=n)
            continue
        seen.add(identity)
        d, prec = parse_date(str(rec["date"])) if rec.get("date") else (None, None)
        if rec.get("date") and d is None and warn:
            warn(f"{path}:{n}: malformed date {rec.get('date')!r}, date ignored")
        lang = rec.get("lang") if rec.get("lang") in ("fr", "en") else None
        yield Article(id=identity, text=body.strip(), lang=lang, date=d, date_precision=prec,
                      title=rec.get("title") if isinstance(rec.get("title"), str) else None,
                      url=rec.get("url") if isinstance(rec.get("url"), str) else None,
                      source=f"{path}#L{n}", content_hash=_hash(identity, str(d), body))


def _identity(path: Path, root: Path) -> str:
    rel = path.relative_to(root) if root.is_dir() else Path(path.name)
    return rel.with_suffix("").as_posix()


def iter_files(paths: Iterable[Path | str]) -> Iterator[tuple[Path, Path] | InputError]:
    """Expand files and folders into (file, root) pairs, sorted for reproducible builds."""
    for p in map(Path, paths):
        if not p.exists():
            yield InputError(p, "no such file or directory")
        elif p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            for f in found:
                yield f, p
        else:
            yield p, p


def iter_articles(paths: Iterable[Path | str], warn: Warn | None = None) -> Iterator[Article | InputError]:
    """Yield every article of ``paths`` (files or folders), lazily, in a stable order.

    Files named directly on the command line with an unknown extension are rejected; inside a
    folder only known extensions are read.
    """
    for item in iter_files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        path, root = item
        suffix = path.suffix.lower()
        identity = _identity(path, root)
        try:
            if suffix == ".jsonl":
                yield from read_jsonl(path, identity, warn)
            elif suffix == ".txt":
                yield read_txt(path, identity, warn)
            elif suffix in (".html", ".htm"):
                yield read_html(path, identity, warn)
            else:
                yield InputError(path, f"unsupported file type {suffix or '(none)'!r} (use .txt, .jsonl or .html)")
        except InputError as e:
            yield e
        except OSError as e:
            yield InputError(path, f"cannot read: {e.strerror or e}")
