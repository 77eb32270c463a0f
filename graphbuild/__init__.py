"""graphbuild: a knowledge graph of geopolitical actors and their interactions, from news.

The public API is in :mod:`graphbuild.api` (build, query); nothing heavy is imported here.
"""
__version__ = "0.1.0"
