"""Extraction: parsed article -> :class:`~graphbuild.model.ArticleFacts`.

>>> from graphbuild.extract import Pipeline          # doctest: +SKIP
>>> facts = Pipeline().process([article])            # doctest: +SKIP
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

from ..gazetteer import Gazetteer, normalise
from ..lexicon import load_lexicon
from ..model import ActorRef, Article, ArticleFacts, Structural
from .actors import ActorIndex
from .interactions import Extractor

#: Characters per chunk for very long articles: spaCy's memory grows with the doc length.
CHUNK_CHARS = 100_000
#: Pieces of a long article are parsed one at a time, in pieces of this size.
PIECE_CHARS = 20_000
#: Characters per ``nlp.pipe`` batch: spaCy's memory grows with the tokens of a batch (the
#: parser and NER precompute features for every token of it), so batches are bounded in
#: characters as well as in articles; a single longer article makes a batch of its own.
BATCH_CHARS = 50_000


def _chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[str]:
    """Split very long text at paragraph (else sentence) boundaries into pieces <= size."""
    if len(text) <= size:
        yield text
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut < 0:
                cut = text.rfind(". ", start + size // 2, end)
            end = cut + 1 if cut > 0 else end
        yield text[start:end]
        start = end


#: A wire dateline at the start of a paragraph (« GENÈVE (AFP) – », "WASHINGTON/MOSCOW — "):
#: blanked out before parsing, offsets kept, so that it does not become the sentence's subject.
_DATELINE = re.compile(r"(?m)^[ \t]*([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .,/'’()-]{1,60}?[ \t]*[—–-]{1,2})[ \t]")


def mask_datelines(text: str) -> str:
    """Replace paragraph-initial datelines by spaces of the same length.

    >>> mask_datelines("LIMA — The envoys met.")
    '       The envoys met.'
    """
    return _DATELINE.sub(lambda m: " " * len(m.group(0)), text)


class Pipeline:
    """Everything extraction needs, loaded once: spaCy models, gazetteer, lexicons.

    Args:
        gazetteer: extra user gazetteer files.
        lang: force a language for every article (else the article's own, else detected).
        models: ``{"fr": "fr_core_news_md"}`` to override the default models.
    """

    def __init__(self, gazetteer: Iterable[Path] = (), lang: str | None = None,
                 models: dict[str, str] | None = None):
        self.gaz = Gazetteer.load(tuple(gazetteer))
        self.lang = lang
        self.models = models or {}
        self._extractors: dict[str, Extractor] = {}
        # first word of every gazetteer form -> the most words a form starting with it has
        self.first_tokens: dict[str, int] = {}
        for k in (normalise(f) for f, _, _ in self.gaz.surface_forms()):
            if k:
                words = k.split(" ")
                self.first_tokens[words[0]] = max(self.first_tokens.get(words[0], 0), len(words))

    def lang_of(self, article: Article) -> str:
        from ..nlp import detect_lang
        return self.lang or article.lang or detect_lang(article.text)

    def nlp(self, lang: str):
        from ..nlp import load_nlp
        return load_nlp(lang, self.models.get(lang))

    def extractor(self, lang: str) -> Extractor:
        ex = self._extractors.get(lang)
        if ex is None:
            ex = self._extractors[lang] = Extractor(load_lexicon(lang), self.gaz)
        return ex

    def facts(self, doc, article: Article, lang: str) -> ArticleFacts:
        """Extract the facts of one parsed article. An unexpected error in the rules is
        reported on stderr (with the article named) and the article is kept without facts, so
        one odd text never stops a build."""
        try:
            return self._facts(doc, article, lang)
        except Exception as e:  # noqa: BLE001 - a rule's bug must not cost the other articles
            import sys
            import traceback
            where = traceback.extract_tb(e.__traceback__)[-1]
            print(f"Warning: {article.source or article.id}: extraction failed ({type(e).__name__}: {e} "
                  f"at {Path(where.filename).name}:{where.lineno}); article kept without facts",
                  file=sys.stderr)
            return ArticleFacts(article=article, lang=lang)

    def _facts(self, doc, article: Article, lang: str) -> ArticleFacts:
        """Extract the facts of one parsed article."""
        ex = self.extractor(lang)
        idx = ActorIndex.build(doc, lang, article.date, self.gaz, ex.lex, self.first_tokens)
        interactions = ex.extract(doc, article, idx)
        facts = ArticleFacts(article=article, lang=lang)
        used: set[str] = set()
        for it in interactions:
            used.add(it.agent.key)
            if it.recipient is not None:
                used.add(it.recipient.key)
        structural: list[Structural] = []
        for person, of in idx.leader_facts():
            structural.append(Structural(idx.ensure(person), "leaderOf", idx.ensure(of)))
            used.update((person, of))
        for key in list(used):
            e = self.gaz.get(key)
            if e is not None and e.type == "Institution" and e.part_of and e.part_of in self.gaz:
                structural.append(Structural(idx.ensure(key), "partOf", idx.ensure(e.part_of)))
                used.add(e.part_of)
            elif key in idx.part_of:   # (the armed forces of a State the gazetteer has no entry for)
                structural.append(Structural(idx.actors[key], "partOf", idx.ensure(idx.part_of[key])))
                used.add(idx.part_of[key])
        facts.interactions = interactions
        facts.structural = structural
        facts.actors = {k: idx.actors[k] for k in used if k in idx.actors}
        facts.surface_forms = {k: v for k, v in idx.forms.items() if k in used}
        return facts

    def process(self, articles: Iterable[Article], batch_size: int = 32,
                batch_chars: int = BATCH_CHARS) -> Iterator[ArticleFacts]:
        """Parse and extract a stream of articles, lazily, in batches of one language.

        Articles are buffered per language; a full buffer (``batch_size`` articles, or
        ``batch_chars`` characters) goes through ``nlp.pipe(..., as_tuples=True)`` and its facts
        are yielded before the next articles are read, so memory is bounded by one batch per
        language whatever the size of the corpus or the length of its articles.
        Facts come out grouped by language, not necessarily in input order (each article's
        facts are complete). Articles longer than ``CHUNK_CHARS`` are parsed in pieces and
        their facts merged.
        """
        buffers: dict[str, list[tuple[str, Article]]] = {}
        chars: dict[str, int] = {}
        for article in articles:
            lang = self.lang_of(article)
            if len(article.text) > CHUNK_CHARS:
                yield self._process_long(article, lang)
                continue
            buf = buffers.setdefault(lang, [])
            if buf and chars[lang] + len(article.text) > batch_chars:
                buffers[lang] = []
                yield from self._process_batch(lang, buf, batch_size)
                buf = buffers[lang]
            if not buf:
                chars[lang] = 0
            buf.append((mask_datelines(article.text), article))
            chars[lang] += len(article.text)
            if len(buf) >= batch_size:
                buffers[lang] = []
                yield from self._process_batch(lang, buf, batch_size)
        for lang, buf in buffers.items():
            if buf:
                yield from self._process_batch(lang, buf, batch_size)

    def _process_batch(self, lang: str, items: list[tuple[str, Article]],
                       batch_size: int) -> Iterator[ArticleFacts]:
        nlp = self.nlp(lang)
        for doc, article in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
            yield self.facts(doc, article, lang)

    def _process_long(self, article: Article, lang: str) -> ArticleFacts:
        nlp = self.nlp(lang)
        merged = ArticleFacts(article=article, lang=lang)
        for doc in nlp.pipe(_chunks(mask_datelines(article.text), PIECE_CHARS), batch_size=1):
            f = self.facts(doc, article, lang)
            merged.interactions.extend(f.interactions)
            merged.structural.extend(f.structural)
            merged.actors.update(f.actors)
            for k, v in f.surface_forms.items():
                merged.surface_forms.setdefault(k, set()).update(v)
        return merged
