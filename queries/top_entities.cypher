// top_entities: the most connected entities: most relations (either direction, MENTIONED_IN not
// counted), then most documents, then id.
// @param limit int = 10 in 1.. -- at most this many rows
// @param type enttype = null -- only entities of this type (Person, State, Organisation, Place, Event)
// Rows: id, name, type, degree, documents, mentions.
MATCH (e:Entity)
WHERE $type IS NULL OR e.type = $type
RETURN e.id AS id, e.name AS name, e.type AS type,
       COUNT { (e)-[]-(:Entity) } AS degree,
       COUNT { (e)-[:MENTIONED_IN]->(:Document) } AS documents,
       e.mention_count AS mentions
ORDER BY degree DESC, documents DESC, id
LIMIT $limit
