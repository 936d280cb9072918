// central: the most central entities: PageRank over the relations (undirected, each pair weighted by
// its number of relations; MENTIONED_IN not counted), then degree, then id.
// @param limit int = 10 in 1.. -- at most this many rows
// @param type enttype = null -- only entities of this type (ranked among all entities)
// Rows: id, name, type, pagerank (6 decimals), degree, documents.
// `kg query central --backend neo4j` computes PageRank afresh with networkx over the graph read from
// Neo4j (queries/analytics.py). The Cypher below reads the `pagerank` that `kg load --analytics` stored:
MATCH (e:Entity)
WHERE e.pagerank IS NOT NULL AND ($type IS NULL OR e.type = $type)
RETURN e.id AS id, e.name AS name, e.type AS type, e.pagerank AS pagerank,
       COUNT { (e)-[]-(:Entity) } AS degree,
       COUNT { (e)-[:MENTIONED_IN]->(:Document) } AS documents
ORDER BY pagerank DESC, degree DESC, id
LIMIT $limit
