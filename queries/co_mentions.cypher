// co_mentions: pairs of entities mentioned in the same documents.
// @param entity str = null -- id, name or alias (any case) of one of the pair; every pair when omitted
// @param min_docs int = 1 in 1.. -- only pairs sharing at least this many documents
// @param limit int = 50 in 1.. -- at most this many rows
// Rows: a_id, a_name, b_id, b_name (a_id < b_id), documents (count), docs; most documents first, then a_id, b_id.
MATCH (a:Entity)-[:MENTIONED_IN]->(d:Document)<-[:MENTIONED_IN]-(b:Entity)
WHERE a.id < b.id AND ($entity IS NULL OR (toLower(a.id) = toLower($entity) OR toLower(a.name) = toLower($entity) OR any(x IN a.aliases WHERE toLower(x) = toLower($entity))) OR (toLower(b.id) = toLower($entity) OR toLower(b.name) = toLower($entity) OR any(x IN b.aliases WHERE toLower(x) = toLower($entity))))
WITH a, b, collect(d.id) AS shared
WHERE size(shared) >= $min_docs
RETURN a.id AS a_id, a.name AS a_name, b.id AS b_id, b.name AS b_name, size(shared) AS documents,
       COLLECT { UNWIND shared AS x RETURN x ORDER BY x } AS docs
ORDER BY documents DESC, a_id, b_id
LIMIT $limit
