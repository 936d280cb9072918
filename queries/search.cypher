// search: entities by name or alias, forgiving case, accents and small misspellings ("Jon Kery"
// finds John Kerry): every word of q of 3 letters or more (or every word, if none is that long)
// matches a word of one name or alias, with at most 1 letter changed in words of 3-5 letters and 2
// in longer ones; fewest changes first, then a match on the name rather than an alias, then most
// relations, then id.
// @param q str -- the name to look for
// @param limit int = 10 in 1.. -- at most this many rows
// @param type enttype = null -- only entities of this type
// Rows: id, name, type, matched (the name or alias that matched), edits, degree.
// On Neo4j the full-text index kg_entity_search that `kg load` creates finds the candidates with a
// fuzzy Lucene query made from q (below, as $lucene); kg keeps and orders them as on NetworkX
// (queries/analytics.py).
CALL db.index.fulltext.queryNodes('kg_entity_search', $lucene) YIELD node AS e
WHERE $type IS NULL OR e.type = $type
RETURN e.id AS id, e.name AS name, e.type AS type, coalesce(e.aliases, []) AS aliases
LIMIT $limit
