from kg.model import Document, Entity, Extraction, Mention, Relation
from kg.resolve import Resolver, entity_id, initials, norm


def person(eid, name, doc="a"):
    return Entity(eid, name, "Person", (name,), (Mention(doc, 0, len(name), name),))


def resolve(*extractions):
    r = Resolver(symmetric=frozenset({"MEETS_WITH"}))
    for ex in extractions:
        r.add(ex)
    return r.graph()


def test_short_forms_join_their_full_name_within_a_document():
    ex = Extraction(Document("a", "a"), (person("m0", "John Kerry"), person("m1", "Kerry")))
    graph = resolve(ex)
    assert [(e.id, e.aliases) for e in graph.entities] == [("person:john-kerry", ("Kerry",))]


def test_short_form_joins_across_documents_when_unambiguous():
    a = Extraction(Document("a", "a"), (person("m0", "Kerry", "a"),))
    b = Extraction(Document("b", "b"), (person("m0", "John Kerry", "b"),))
    assert [e.name for e in resolve(a, b).entities] == ["John Kerry"]
    assert [e.name for e in resolve(b, a).entities] == ["John Kerry"]


def test_ambiguous_short_form_stays_apart():
    a = Extraction(Document("a", "a"), (person("m0", "John Smith", "a"), person("m1", "Anna Smith", "a")))
    b = Extraction(Document("b", "b"), (person("m0", "Smith", "b"),))
    assert sorted(e.name for e in resolve(a, b).entities) == ["Anna Smith", "John Smith", "Smith"]


def test_name_variants_with_arabic_article_join():
    ex = Extraction(Document("a", "a"), (person("m0", "Bashar al-Assad"), person("m1", "Bashar Assad"),
                                         person("m2", "Assad")))
    assert len(resolve(ex).entities) == 1


def test_organisation_acronym_and_suffix_join():
    orgs = [Entity(f"m{i}", n, "Organisation", (n,), (Mention("a", i, i + 1, n),)) for i, n in
            enumerate(["U.S. Air Force Central Command", "Air Force Central Command"])]
    graph = resolve(Extraction(Document("a", "a"), tuple(orgs)))
    assert [e.name for e in graph.entities] == ["U.S. Air Force Central Command"]


def test_relations_are_remapped_and_merged():
    ents = (Entity("m0", "France", "State"), Entity("m1", "Germany", "State"))
    rels = (Relation("m1", "MEETS_WITH", "m0"), Relation("m0", "MEETS_WITH", "m1"))
    graph = resolve(Extraction(Document("a", "a"), ents, rels))
    assert [(r.source, r.type, r.target) for r in graph.relations] == \
        [("state:france", "MEETS_WITH", "state:germany")]


def test_ids_are_stable_and_readable():
    assert entity_id("Person", "Jean-Marc Ayrault") == "person:jean-marc-ayrault"
    assert norm("The Associated Press") == "associated press"
    assert initials("United Nations") == "un"


def test_company_name_joins_its_legal_form():
    orgs = [Entity(f"m{i}", n, "Organisation", (n,), (Mention("a", i, i + 1, n),)) for i, n in
            enumerate(["Boeing Co", "Boeing", "AMR Corp", "AMR"])]
    graph = resolve(Extraction(Document("a", "a"), tuple(orgs)))
    assert sorted(e.name for e in graph.entities) == ["AMR Corp", "Boeing Co"]


def test_a_titled_short_name_before_another_full_name_is_another_person():
    reagan = Entity("m0", "Reagan", "Person", ("Reagan",), (Mention("a", 10, 16, "Reagan"),), ("President",))
    nancy = Entity("m1", "Nancy Reagan", "Person", ("Nancy Reagan",), (Mention("a", 90, 102, "Nancy Reagan"),))
    graph = resolve(Extraction(Document("a", "a"), (reagan, nancy)))
    assert sorted(e.name for e in graph.entities) == ["Nancy Reagan", "Reagan"]


def test_a_headline_surname_before_the_full_name_still_joins():
    kerry = person("m0", "Kerry")
    full = Entity("m1", "John Kerry", "Person", ("John Kerry",), (Mention("a", 50, 60, "John Kerry"),))
    assert [e.name for e in resolve(Extraction(Document("a", "a"), (kerry, full))).entities] == ["John Kerry"]


def test_short_names_are_matched_among_namesakes_only_as_among_all_pairs():
    # issue 8: a long text names thousands of people; only names with the same last word are compared
    import random
    from collections import Counter

    from kg.resolve import Cluster, _full_names, _joins, _other_people

    rng = random.Random(8)
    first, last = ["John", "Nancy", "Bashar", "Ali", "Mary"], ["Kerry", "Reagan", "al-Assad", "Assad", "Smith", "Lee"]
    names = [rng.choice([f"{rng.choice(first)} {rng.choice(last)}", rng.choice(last), f"{rng.choice(first)} "
                         f"{rng.choice(first)} {rng.choice(last)}", "al-"]) for _ in range(300)]
    people = [Entity(f"m{i}", n, "Person", (), (Mention("d", i, i + 1, n),), ("President",) if i % 5 == 0 else ())
              for i, n in enumerate(names)]
    joins = lambda a, b: _joins(Cluster("Person", Counter([a])), Cluster("Person", Counter([b])))
    start = {n: names.index(n) for n in names}
    expected: dict = {}
    for short in sorted(start, key=lambda n: (-len(n.split()), n)):  # every pair, as before
        fits = {expected.get(n, n) for n in start if n != short and start[n] < start[short] and joins(short, n)}
        if len(fits) == 1:
            expected[short] = fits.pop()
    assert _full_names(people) == expected and len(expected) > 3
    roles = {n: {r for e in people if e.name == n for r in e.roles} for n in start}
    apart = {(norm(s), norm(f)) for s in start for f in start if start[s] < start[f] and
             roles[s] and not roles[s] & roles[f] and joins(s, f)}
    assert _other_people(people) == apart and apart


def org(eid, name, start, doc="a"):
    return Entity(eid, name, "Organisation", (name,), (Mention(doc, start, start + len(name), name),))


def test_a_company_short_form_tagged_as_a_person_is_the_company_named_before():
    navistar = Entity("m1", "Navistar", "Person", ("Navistar",), (Mention("a", 40, 48, "Navistar"),))
    ex = Extraction(Document("a", "a"), (org("m0", "Navistar International Corp", 0), navistar))
    assert [(e.name, e.type, e.aliases) for e in resolve(ex).entities] == [
        ("Navistar International Corp", "Organisation", ("Navistar",))]


def test_a_legislature_is_not_its_committee():
    senate = org("m1", "Senate", 60)
    ex = Extraction(Document("a", "a"), (org("m0", "Senate Finance Committee", 0), senate))
    assert sorted(e.name for e in resolve(ex).entities) == ["Senate", "Senate Finance Committee"]
