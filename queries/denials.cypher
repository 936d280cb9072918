// denials: who denied what (DENIES).
// @param entity str = null -- id, name or alias (any case) of the denier or the denied; all when omitted
// Rows: source, source_name, target, target_name, target_type, sentences; by source, target.
MATCH (a:Entity)-[r:DENIES]->(b:Entity)
WHERE $entity IS NULL OR (toLower(a.id) = toLower($entity) OR toLower(a.name) = toLower($entity) OR any(x IN a.aliases WHERE toLower(x) = toLower($entity))) OR (toLower(b.id) = toLower($entity) OR toLower(b.name) = toLower($entity) OR any(x IN b.aliases WHERE toLower(x) = toLower($entity)))
RETURN a.id AS source, a.name AS source_name, b.id AS target, b.name AS target_name,
       b.type AS target_type, r.sentences AS sentences
ORDER BY source, target
