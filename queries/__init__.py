"""Named Cypher queries (one .cypher file each) and their NetworkX equivalents."""
