"""Named Cypher queries (one .cypher file each) and their NetworkX equivalents.

`run_query(name, params, backend=..., graph=..., driver=...)` runs one by name;
`run_cypher(text)` runs ad-hoc read-only Cypher on Neo4j. See `kg.queries.catalog`
for the header that declares a query's parameters.
"""
from .catalog import QueryError, get_query, query_names
from .run import run_cypher, run_query

__all__ = ["QueryError", "get_query", "query_names", "run_cypher", "run_query"]
