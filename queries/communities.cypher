// communities: groups of entities more related to each other than to the rest (Louvain, seed 42, on
// the graph `central` ranks), largest first, each with its most central members.
// @param limit int = 10 in 1.. -- at most this many communities
// @param min_size int = 2 in 1.. -- only communities of at least this many entities
// Rows: community (0 the largest), size, central (the names of its 5 most central members),
// members (ids, most central first).
// `kg query communities --backend neo4j` computes them afresh with networkx over the graph read from
// Neo4j (queries/analytics.py). The Cypher below reads the `community` and `pagerank` that
// `kg load --analytics` stored:
MATCH (e:Entity)
WHERE e.community IS NOT NULL
WITH e, COUNT { (e)-[]-(:Entity) } AS degree
ORDER BY e.pagerank DESC, degree DESC, e.id
WITH e.community AS community, collect(e) AS members
WHERE size(members) >= $min_size
RETURN community, size(members) AS size, [m IN members[..5] | m.name] AS central, [m IN members | m.id] AS members
ORDER BY community
LIMIT $limit
