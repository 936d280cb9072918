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
