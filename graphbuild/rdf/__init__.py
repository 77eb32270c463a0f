"""RDF side of graphbuild: the vocabulary and the facts-to-quads mapping."""
