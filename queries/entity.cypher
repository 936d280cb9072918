// entity: everything about one entity: the relations of its ego network, 1 or 2 hops out.
// @param entity str -- id, name or alias (any case)
// @param hops int = 1 in 1..2 -- 1: its own relations; 2: also its neighbours' relations
// Rows: center, hop (1 + the nearer end's distance from the center), source, source_name, type,
// target, target_name, confidence; by center, hop, source, type, target. Documents are not crossed.
MATCH (c:Entity)
WHERE (toLower(c.id) = toLower($entity) OR toLower(c.name) = toLower($entity) OR any(x IN c.aliases WHERE toLower(x) = toLower($entity)))
MATCH p = (c)-[*1..2]-(:Entity)
WHERE length(p) <= $hops AND all(n IN nodes(p) WHERE n:Entity)
UNWIND range(0, length(p) - 1) AS i
WITH c, relationships(p)[i] AS r, i + 1 AS hop
WITH c, r, min(hop) AS hop
WITH c, r, hop, startNode(r) AS s, endNode(r) AS t
RETURN c.id AS center, hop, s.id AS source, s.name AS source_name, type(r) AS type,
       t.id AS target, t.name AS target_name, r.confidence AS confidence
ORDER BY center, hop, source, type, target
