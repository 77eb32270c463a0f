"""graphbuild: a knowledge graph of geopolitical actors and their interactions, from news.

The public API is in :mod:`graphbuild.api`: ``build``, ``query``, ``query_rows``,
``to_networkx``, ``render``, ``open_store``. They are re-exported here lazily, so that
``import graphbuild`` stays cheap (spaCy, pyoxigraph and networkx load on first use).

>>> import graphbuild                                            # doctest: +SKIP
>>> graphbuild.build(["seeds"], out="out").summary()             # doctest: +SKIP
"""
__version__ = "0.1.0"

__all__ = ["build", "query", "query_rows", "to_networkx", "render", "open_store", "BuildResult"]


def __getattr__(name: str):
    if name in __all__:
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'graphbuild' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
