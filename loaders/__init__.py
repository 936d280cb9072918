"""Loaders: put a `kg.model.Graph` into a graph store (NetworkX, the embedded default, or Neo4j)."""
