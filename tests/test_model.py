"""kg.model's typed identities: entity types that stay strings in the data, and local references."""
import json
import pickle

from kg.model import ENTITY_TYPES, EntityType, LocalRef


def test_entity_types_compare_and_serialise_as_their_names():
    assert ENTITY_TYPES == ("Person", "State", "Organisation", "Place", "Event")
    assert all(type(t) is str for t in ENTITY_TYPES)  # the data keeps plain strings
    assert json.dumps({"type": EntityType.ORGANISATION}) == '{"type": "Organisation"}'
    assert pickle.loads(pickle.dumps(EntityType.PLACE)) is EntityType.PLACE
    assert {"Person": 1}[EntityType.PERSON] == 1 and EntityType("Event") is EntityType.EVENT
    assert f"{EntityType.STATE}/{EntityType.STATE!s}" == "State/State"


def test_local_refs_are_typed_and_print_as_extraction_ids():
    m, e = LocalRef.mention(10), LocalRef.event(0)
    assert (str(m), str(e)) == ("m10", "e0") and m.is_mention and not e.is_mention
    assert m != LocalRef.event(10) and {m: 1}[LocalRef.mention(10)] == 1


def test_per_mention_and_per_finding_records_are_compact_and_still_pickle():
    # issue 8: a 50 MB text makes millions of these; slots, no per-object __dict__
    from dataclasses import replace

    from kg.model import Entity, Evidence, Mention, Relation

    mention, evidence = Mention("d", 0, 6, "Moscow"), Evidence("d", 0, 9, "They met.", "2016-09-20")
    entity = Entity("m0", "Russia", "State", ("Moscow",), (mention,), (), {"country": "RUS"})
    relation = Relation("m0", "MEETS_WITH", "m1", (evidence,), 0.7, {"k": 1})
    for record in (mention, evidence, entity, relation):
        assert not hasattr(record, "__dict__")
        assert pickle.loads(pickle.dumps(record)) == record
    assert replace(relation, source="m2").key == ("m2", "MEETS_WITH", "m1") and hash(entity) == hash(replace(entity))
