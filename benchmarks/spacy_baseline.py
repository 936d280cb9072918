"""A raw spaCy baseline for the quality table: NER only, no gazetteer, no resolution, no relations.

Each distinct (text, label) that spaCy's NER finds becomes an entity (PERSON ->
Person, ORG -> Organisation, GPE/LOC/FAC -> Place, NORP -> State), written as
graph JSON so that `../shared/eval/score.py` scores it exactly like `kg extract`:

    python benchmarks/spacy_baseline.py ../shared/eval/re3d-dev/texts/ -o /tmp/baseline.json
    python ../shared/eval/score.py --pred /tmp/baseline.json --gold ../shared/eval/re3d-dev/gold/ \\
        --relation-classes --loose-entity-types
"""
from __future__ import annotations

import argparse
import json
import re

from kg.nlp import load_model
from kg.sources import read_sources

TYPES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Place", "LOC": "Place", "FAC": "Place", "NORP": "State"}


def baseline_graph(paths: list[str], model: str | None = None) -> dict:
    nlp = load_model(model)
    sources = list(read_sources(paths))
    entities: dict[tuple[str, str], dict] = {}
    for source, doc in zip(sources, nlp.pipe(s.raw for s in sources)):
        for ent in doc.ents:
            if ent.label_ not in TYPES:
                continue
            key = (ent.text, TYPES[ent.label_])
            slug = re.sub(r"[^a-z0-9]+", "-", ent.text.lower()).strip("-")
            entity = entities.setdefault(key, {"id": f"{key[1].lower()}:{slug}:{len(entities)}", "name": ent.text,
                                               "type": key[1], "aliases": [], "mentions": []})
            entity["mentions"].append({"doc": source.document.id, "start": ent.start_char,
                                       "end": ent.end_char, "text": ent.text})
    docs = [{"id": s.document.id, "source": s.document.source} for s in sources]
    return {"format": "kg-graph/1", "documents": docs, "entities": list(entities.values()), "relations": []}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    with open(args.output, "w", encoding="utf-8") as fh:
        json.dump(baseline_graph(args.paths, args.model), fh, indent=1)


if __name__ == "__main__":
    main()
