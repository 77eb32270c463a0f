"""The corpus of hostile and broken inputs (issue 7), as bytes.

``STATIC`` files are small and stable: they are also kept in ``tests/data/bad/`` so that anyone
can try them by hand (``graphbuild build tests/data/bad --out /tmp/bad``). ``generated(dir)``
writes the ones that are binary, huge or need the file system (a FIFO, a file name that is not
UTF-8) at test time. ``python tests/bad_inputs.py`` rewrites ``tests/data/bad/`` from this file;
``test_robustness.py::test_static_corpus_is_up_to_date`` checks that the two agree.
"""
from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BAD_DIR = HERE / "data" / "bad"

#: One sentence the French pipeline always turns into a fact: vladimir-putin warns nato.
FACT = "Vladimir Poutine a averti l'Otan."

_PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")


def _jsonl(*records: object) -> bytes:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return ("\n".join(lines) + "\n").encode("utf-8")


#: Names and sentences with quotes, backslashes, newlines, control characters, emoji,
#: Cyrillic and Arabic script. Each line also holds FACT, so each article yields a fact.
HOSTILE_RECORDS = [
    {"id": "quotes\"'\\id", "date": "2021-12-07",
     "title": "Title with \"quotes\", 'apostrophes', \\backslashes\\ and\na newline",
     "text": f"{FACT} Le « président » \"Ivan \\\"le Terrible\\\" Petrov\" a dit: \\n n'est pas un saut."},
    {"id": "ctrl\u0007\u001b[31m", "date": "2021-12-07",
     "title": "bell\u0007 escape\u001b[0m nul\u0000 del\u007f c1\u0085",
     "text": f"Vladimir Poutine\u0007 a averti\u001b[31m l'Otan\u0000. {FACT}\u000b\u000c"},
    {"id": "emoji-\U0001F600", "date": "2021-12",
     "title": "\U0001F1FA\U0001F1E6 vs \U0001F1F7\U0001F1FA \U0001F44D\U0001F3FD",
     "text": "Vladimir Poutine \U0001F621 a averti l'Otan \U0001F1FA\U0001F1E6. "
             "Joe Biden a menacé la Russie \U0001F4A5."},
    {"id": "кириллица", "date": "2021-12-07", "title": "Путин предупредил НАТО",
     "text": f"{FACT} Ахмед Гусейнов a menacé la Russie. Владимир Путин a dénoncé l'Otan."},
    {"id": "عربي", "date": "2021-12-07", "title": "بوتين يحذر الناتو \u202eRTL override",
     "text": f"{FACT} محمد بن سلمان a dénoncé la Russie.\u200f"},
    {"id": "a/b#c%20 d?e=<f>", "date": "2021-12-07",
     "url": "http://example.org/a b?c=<d>&e=\"f\"\\g",
     "text": f"{FACT}\nLigne\u2028séparée\u0085par des séparateurs Unicode."},
]


STATIC: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace-only.txt": " \t\n\r\n\u00a0\u3000\n".encode("utf-8"),
    "windows-1252.txt": f"date 2021-12-07\n\nLe président Vladimir Poutine a averti l’Otan « sans délai ».\n"
                        .encode("cp1252"),
    # a truncated UTF-8 sequence: not UTF-8, but every byte is defined in Windows-1252
    "invalid-utf8.txt": b"date 2021-12-07\n\nVladimir Poutine a averti l'Otan \xe2\x80 mardi.\n",
    # 0x81 0x8D 0x8F 0x90 0x9D: neither UTF-8 nor Windows-1252
    "neither-encoding.txt": b"date 2021-12-07\n\nVladimir Poutine a averti l'Otan \x81\x8d\x8f\x90\x9d.\n",
    "utf16-bom.txt": f"date 2021-12-07\n\n{FACT}\n".encode("utf-16"),
    "crlf.txt": f"date 2021-12-07\r\n\r\n{FACT}\r\nJoe Biden a menacé la Russie.\r\n".encode("utf-8"),
    "disguised-pdf.txt": _PDF,
    "document.pdf": _PDF,
    "notes.md": f"# Notes\n\n{FACT}\n".encode("utf-8"),
    "no-date.txt": f"{FACT}\n".encode("utf-8"),
    "date-word.txt": f"Date butoir pour Moscou. {FACT}\n".encode("utf-8"),
    "malformed-date.txt": f"date 2021-13-45\n\n{FACT}\n".encode("utf-8"),
    "french-date.txt": f"date 7 décembre 2021\n\n{FACT}\n".encode("utf-8"),
    "date-only.txt": b"date 2021-12-07\n\n",
    "broken-lines.jsonl": _jsonl(
        {"id": "ok-1", "date": "2021-12-07", "text": FACT},
        '{"id": "broken", "text": "Vladimir Poutine a averti',
        {"id": "ok-2", "date": "2021-12-08", "text": "Joe Biden a menacé la Russie."},
        '["a", "list", "not", "an", "object"]',
        {"id": "no-text", "date": "2021-12-07"},
        {"id": "empty-text", "text": "   "},
        {"id": ["not", "a", "string"], "text": FACT},
        "[" * 100_000,
        "",
        {"id": "ok-3", "date": "2021-13-01", "text": FACT},
    ),
    "duplicate-ids.jsonl": _jsonl(
        {"id": "same", "date": "2021-12-07", "text": FACT},
        {"id": "other", "date": "2021-12-07", "text": "Joe Biden a menacé la Russie."},
        {"id": "same", "date": "2021-12-08", "text": "Le Kremlin a dénoncé l'Otan."},
    ),
    "surrogates.jsonl": (
        '{"id": "lone-\\ud800", "text": "Vladimir Poutine a averti l\'Otan \\udc00."}\n'
        '{"id": "pair-\\ud83d\\ude00", "text": "Vladimir Poutine a averti l\'Otan \\ud83d\\ude00."}\n'
    ).encode("utf-8"),
    "hostile-names.jsonl": _jsonl(*HOSTILE_RECORDS),
    "page.html": """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Poutine avertit l'Otan</title>
<meta property="article:published_time" content="2021-12-07T10:00:00+01:00">
<style>body { color: red } .styleSecretText { display: none }</style>
<script>var scriptSecretText = "Joe Biden a attaqué la Chine"; alert('xss');</script>
</head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a> navSecretText</nav>
<article>
<h1>Poutine avertit l'Otan</h1>
<p>Vladimir Poutine a averti l'Otan mardi, lors d'un long entretien téléphonique consacré à la
sécurité en Europe, que la Russie ne tolérerait pas de nouvelles bases près de ses frontières.</p>
<p>Les deux parties ont convenu de poursuivre les discussions au cours des prochaines semaines,
selon un communiqué publié à l'issue de l'appel, qui a duré plus de deux heures.</p>
<script>document.write("Emmanuel Macron a attaqué l'Allemagne scriptSecretText");</script>
<p>Les diplomates européens suivent de près ces échanges, qui interviennent dans un contexte de
fortes tensions à la frontière ukrainienne, où des dizaines de milliers de soldats sont massés.</p>
</article>
<footer>footerSecretText &copy; 2021 Tous droits réservés</footer>
</body></html>
""".encode("utf-8"),
    "folder/good.txt": f"date 2021-12-07\n\n{FACT}\n".encode("utf-8"),
    "folder/notes.md": b"# not read\n",
    "folder/image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "folder/.hidden.txt": f"date 2021-12-07\n\n{FACT}\n".encode("utf-8"),
    "empty-folder/README.md": b"nothing to read here\n",
    "same-name/one/x.txt": f"date 2021-12-07\n\n{FACT}\n".encode("utf-8"),
    "same-name/two/x.txt": b"date 2021-12-07\n\nJoe Biden a menac\xc3\xa9 la Russie.\n",
}


def write_static(target: Path = BAD_DIR) -> list[Path]:
    """Write the static corpus into ``target``; return the paths written."""
    out = []
    for name, data in STATIC.items():
        p = target / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        out.append(p)
    return out


def big_article(n_bytes: int) -> bytes:
    """A single French article of about ``n_bytes`` bytes, in paragraphs, with facts throughout."""
    paras = [
        "Vladimir Poutine a averti l'Otan mardi lors d'un sommet virtuel avec Joe Biden.",
        "Joe Biden a menacé la Russie de sanctions économiques en cas d'escalade en Ukraine.",
        "Le Kremlin a dénoncé l'élargissement de l'Otan vers l'Est, selon un communiqué.",
        "Les diplomates européens suivent de près ces échanges, dans un contexte de fortes "
        "tensions à la frontière ukrainienne, où des milliers de soldats sont massés.",
    ]
    rng = random.Random(7)
    parts = [b"date 2021-12-07\n\n"]
    size = len(parts[0])
    while size < n_bytes:
        p = " ".join(rng.choice(paras) for _ in range(rng.randint(2, 6))).encode("utf-8") + b"\n\n"
        parts.append(p)
        size += len(p)
    return b"".join(parts)


def generated(target: Path) -> dict[str, Path]:
    """Write the generated bad inputs into ``target``; return them by case name."""
    target.mkdir(parents=True, exist_ok=True)
    rng = random.Random(42)
    files: dict[str, Path] = {}

    def put(name: str, data: bytes) -> Path:
        p = target / name
        p.write_bytes(data)
        files[name] = p
        return p

    # a PNG-like binary file with a .txt name (NUL bytes)
    put("binary.txt", b"\x00\x01\x02\x03" + bytes(rng.randrange(256) for _ in range(4096)))
    # no NUL, every byte defined in Windows-1252, but mostly control characters
    put("control-chars.txt", bytes(rng.choice(b"\x01\x02\x03\x04\x05\x06\x0e\x0f\x10\x1b\x7fabc")
                                   for _ in range(4096)))
    # larger than readers.MAX_BYTES, without taking the disk space (sparse)
    big = target / "too-large.txt"
    with open(big, "wb") as f:
        f.write(b"date 2021-12-07\n\n")
        f.truncate(51 * 1024 * 1024)
    files["too-large.txt"] = big
    # a file name that is not UTF-8 (Latin-1 "café")
    name = os.fsdecode(b"caf\xe9.txt")
    files["non-utf8-name"] = put(name, f"date 2021-12-07\n\n{FACT}\n".encode("utf-8"))
    # a FIFO: reading it would block forever
    if hasattr(os, "mkfifo"):
        fifo = target / "pipe.txt"
        os.mkfifo(fifo)
        files["pipe.txt"] = fifo
    return files


if __name__ == "__main__":
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else BAD_DIR
    for p in write_static(dest):
        print(p)
