// timeline: relations dated within a range. A relation's dates are its evidence dates, else the
// dates of the documents its evidence comes from; ISO strings, bounds inclusive ('2016-09' covers the month).
// @param since date = null -- earliest date, e.g. 2016-09-01; open when omitted
// @param until date = null -- latest date, e.g. 2016-09-30 or 2016; open when omitted
// @param entity str = null -- id, name or alias (any case) of either end; all when omitted
// @param type reltype = null -- one relation type, e.g. NEGOTIATES_WITH; all when omitted
// Rows: date (the earliest in range), source, source_name, type, target, target_name, docs;
// by date, source, type, target.
MATCH (s:Entity)-[r]->(t:Entity)
WHERE ($type IS NULL OR type(r) = $type)
  AND ($entity IS NULL OR (toLower(s.id) = toLower($entity) OR toLower(s.name) = toLower($entity) OR any(x IN s.aliases WHERE toLower(x) = toLower($entity))) OR (toLower(t.id) = toLower($entity) OR toLower(t.name) = toLower($entity) OR any(x IN t.aliases WHERE toLower(x) = toLower($entity))))
WITH s, r, t, [d IN coalesce(r.dates, [])
               WHERE ($since IS NULL OR d >= $since) AND ($until IS NULL OR d <= $until OR d STARTS WITH $until)] AS ds
WHERE size(ds) > 0
RETURN ds[0] AS date, s.id AS source, s.name AS source_name, type(r) AS type,
       t.id AS target, t.name AS target_name, r.docs AS docs
ORDER BY date, source, type, target
