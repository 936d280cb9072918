// path: a shortest path between two entities over relations (either direction, at most 8 steps,
// not through documents). Of several, the first by node ids, then types, then directions.
// @param source str -- id, name or alias (any case) of one end
// @param target str -- id, name or alias (any case) of the other end
// Rows, one per step: step, from_id, from_name, type, direction ('->' as stored, '<-' against),
// to_id, to_name; by step.
MATCH (a:Entity)
WHERE (toLower(a.id) = toLower($source) OR toLower(a.name) = toLower($source) OR any(x IN a.aliases WHERE toLower(x) = toLower($source)))
MATCH (b:Entity)
WHERE (toLower(b.id) = toLower($target) OR toLower(b.name) = toLower($target) OR any(x IN b.aliases WHERE toLower(x) = toLower($target))) AND a <> b
MATCH p = ALL SHORTEST (a)-[:!MENTIONED_IN]-{1,8}(b)
WITH p, [n IN nodes(p) | n.id] AS ids, [r IN relationships(p) | type(r)] AS types,
     [i IN range(0, length(p) - 1) |
       CASE WHEN startNode(relationships(p)[i]) = nodes(p)[i] THEN '->' ELSE '<-' END] AS dirs
ORDER BY length(p), ids, types, dirs
LIMIT 1
UNWIND range(0, length(p) - 1) AS i
RETURN i + 1 AS step, ids[i] AS from_id, nodes(p)[i].name AS from_name, types[i] AS type,
       dirs[i] AS direction, ids[i + 1] AS to_id, nodes(p)[i + 1].name AS to_name
ORDER BY step
