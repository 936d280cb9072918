// roles: the roles of a person: HOLDS_ROLE relations (role, and of what) and the other titles found with the name.
// @param person str -- id, name or alias (any case) of a Person
// Rows: person, name, role, of, of_name, found_as (HOLDS_ROLE, or title: a title found with the name
// that no HOLDS_ROLE of the person already gives, of and of_name null); by person, role, of (nulls last).
MATCH (p:Person)
WHERE (toLower(p.id) = toLower($person) OR toLower(p.name) = toLower($person) OR any(x IN p.aliases WHERE toLower(x) = toLower($person)))
CALL (p) {
  MATCH (p)-[r:HOLDS_ROLE]->(o:Entity)
  RETURN r.role AS role, o.id AS of, o.name AS of_name, 'HOLDS_ROLE' AS found_as
  UNION
  UNWIND coalesce(p.roles, []) AS role
  WITH p, role WHERE NOT EXISTS { MATCH (p)-[r:HOLDS_ROLE]->(:Entity) WHERE r.role = role }
  RETURN role, null AS of, null AS of_name, 'title' AS found_as
}
RETURN p.id AS person, p.name AS name, role, of, of_name, found_as
ORDER BY person, role, of
