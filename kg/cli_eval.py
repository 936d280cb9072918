"""`kg eval`: a thin command over `kg.evaluate` (registered in `kg.cli`)."""
from __future__ import annotations

import json

import click

from . import evaluate as ev
from .cli_options import DEFAULT_GRAPH, examples, graph_argument, read_graph_input


@click.command("eval", epilog=examples(
    "kg eval --gold gold/                                  # out/graph.json against every gold/*.json",
    "kg eval graph.json --gold mine.json --show            # and list misses and false positives",
    "kg eval dev.json --gold dev-gold/ --relation-classes --loose-entity-types --json"))
@graph_argument
@click.option("--gold", "gold", multiple=True, required=True, type=click.Path(),
              help="Gold file, or folder of gold *.json (repeatable; docs/evaluation.md has the format).")
@click.option("--relation-classes", is_flag=True,
              help="Match relation classes (CONFLICT, COMMUNICATION, ROLE, ALLIANCE, HOSTILITY), not types.")
@click.option("--loose-entity-types", is_flag=True, help="State, Organisation and Place stand for one another.")
@click.option("--show", is_flag=True, help="List each file's misses, false positives, duplicates and forbidden finds.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts and figures as JSON.")
def evaluate(graph, gold, relation_classes, loose_entity_types, show, as_json):
    """Score GRAPH (graph JSON, default out/graph.json) against gold annotations: entity and
    relation precision, recall and F1, duplicates and forbidden finds."""
    read_graph_input(graph)  # the graph's shape is checked first, with a one-line error
    with open(graph or DEFAULT_GRAPH, encoding="utf-8") as f:
        pred = json.load(f)  # scored as written: the figures depend on the order of its entities
    scores = ev.evaluate(pred, list(gold), classes=relation_classes, loose=loose_entity_types)
    for warning in scores[-1].warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(ev.as_json(scores), indent=2))
        return
    if show:
        for score in (s for s in scores if s.name != "all" or len(scores) == 1):
            click.echo("\n".join(details(score)))
    click.echo(summary_line(scores[-1], classes=relation_classes))


def summary_line(score: ev.Score, *, classes: bool = False) -> str:
    """The figures of a score on one line (the form of the scorer's)."""
    e, r = score.entities, score.relations
    return (f"entities P={e.precision:.3f} R={e.recall:.3f} F1={e.f1:.3f} dup={e.duplicates} | "
            f"relations P={r.precision:.3f} R={r.recall:.3f} F1={r.f1:.3f} | forbidden={len(score.forbidden)}"
            + (f" | classes: ignored={r.ignored} gold_dropped={r.gold_dropped}" if classes else ""))


def details(score: ev.Score) -> list[str]:
    """What lies behind one file's figures: misses, false positives, duplicates, forbidden finds."""
    lines = [f"== {score.name}"]
    for part, counts in (("entities", score.entities), ("relations", score.relations)):
        for label, items in (("missed", counts.missed), ("false positives", counts.false_positives),
                             ("duplicates", counts.duplicate_names)):
            lines += [f"  {part} {label}: {'; '.join(items)}"] if items else []
    return lines + ([f"  FORBIDDEN: {'; '.join(score.forbidden)}"] if score.forbidden else [])
