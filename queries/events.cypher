// events: event relations by PLOVER category (properties.plover, 2021 manual) with their CAMEO codes.
// @param category category = null -- a PLOVER category (AGREE, CONSULT, AID, ASSAULT, ...); every event when omitted
// @param entity str = null -- id, name or alias (any case) of either end; all when omitted
// Rows: category, cameo, source, source_name, type, target, target_name, docs; by category, source, type, target.
MATCH (s:Entity)-[r]->(t:Entity)
WHERE r.plover IS NOT NULL AND ($category IS NULL OR r.plover = $category)
  AND ($entity IS NULL OR (toLower(s.id) = toLower($entity) OR toLower(s.name) = toLower($entity) OR any(x IN s.aliases WHERE toLower(x) = toLower($entity))) OR (toLower(t.id) = toLower($entity) OR toLower(t.name) = toLower($entity) OR any(x IN t.aliases WHERE toLower(x) = toLower($entity))))
RETURN r.plover AS category, r.cameo AS cameo, s.id AS source, s.name AS source_name, type(r) AS type,
       t.id AS target, t.name AS target_name, r.docs AS docs
ORDER BY category, source, type, target
