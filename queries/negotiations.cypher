// negotiations: who negotiates with whom (NEGOTIATES_WITH, stored once per pair).
// @param entity str = null -- id, name or alias (any case) of one side; every pair when omitted
// Rows: source, source_name, target, target_name, confidence, evidence (count), docs; by source, target.
MATCH (a:Entity)-[r:NEGOTIATES_WITH]->(b:Entity)
WHERE $entity IS NULL OR (toLower(a.id) = toLower($entity) OR toLower(a.name) = toLower($entity) OR any(x IN a.aliases WHERE toLower(x) = toLower($entity))) OR (toLower(b.id) = toLower($entity) OR toLower(b.name) = toLower($entity) OR any(x IN b.aliases WHERE toLower(x) = toLower($entity)))
RETURN a.id AS source, a.name AS source_name, b.id AS target, b.name AS target_name,
       r.confidence AS confidence, r.evidence_count AS evidence, r.docs AS docs
ORDER BY source, target
