// roles: the roles of a person: HOLDS_ROLE relations (role, and of what) and the titles found with the name.
// @param person str -- id, name or alias (any case) of a Person
// Rows: person, name, role, of, of_name (null for a bare title); by person, role, of (nulls last).
MATCH (p:Person)
WHERE (toLower(p.id) = toLower($person) OR toLower(p.name) = toLower($person) OR any(x IN p.aliases WHERE toLower(x) = toLower($person)))
CALL (p) {
  MATCH (p)-[r:HOLDS_ROLE]->(o:Entity)
  RETURN r.role AS role, o.id AS of, o.name AS of_name
  UNION
  UNWIND coalesce(p.roles, []) AS role
  RETURN role, null AS of, null AS of_name
}
RETURN p.id AS person, p.name AS name, role, of, of_name
ORDER BY person, role, of
