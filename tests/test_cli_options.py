"""Every `kg` command spells the shared options the same way (kg/cli_options.py)."""
from __future__ import annotations

import shlex

import click
import pytest
from click.testing import CliRunner

from kg.cli import main

COMMANDS = sorted(main.commands)


def options(command: click.Command) -> dict[str, click.Parameter]:
    return {opt: p for p in command.params for opt in getattr(p, "opts", [])}


@pytest.mark.parametrize("name", COMMANDS)
def test_backend_means_one_thing_and_brings_the_connection_options(name):
    opts = options(main.commands[name])
    if "--backend" not in opts and "--uri" not in opts:
        return
    backend = opts["--backend"]
    assert isinstance(backend.type, click.Choice) and list(backend.type.choices) == ["networkx", "neo4j"]
    assert backend.default == "networkx"
    assert {"--uri", "--username", "--password", "--database"} <= set(opts)


@pytest.mark.parametrize("name", COMMANDS)
def test_output_names_a_file_and_out_a_folder(name):
    opts = options(main.commands[name])
    if "-o" in opts:
        assert opts["-o"] is opts["--output"] and opts["-o"].type.dir_okay is False
    if "--out" in opts:
        assert opts["--out"].type.file_okay is False and "-o" not in opts["--out"].opts


def example_words(line: str) -> list[str]:
    """The kg command of an example line: after any pipe, before a redirect or comment."""
    words = shlex.split(line.split(" # ")[0].split("  #")[0])
    words = words[len(words) - words[::-1].index("|"):] if "|" in words else words
    return words[:words.index(">")] if ">" in words else words


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_examples_that_parse(name):
    command = main.commands[name]
    help_text = CliRunner().invoke(main, [name, "--help"]).output
    assert "Examples:\n" in help_text
    lines = [example_words(line) for line in help_text.split("Examples:\n")[1].splitlines() if line.strip()]
    assert lines and all(words[:2] == ["kg", name] for words in lines), lines
    for words in lines:  # each example is a valid command line: click parses it (without running it)
        command.make_context(name, words[2:])


@pytest.mark.parametrize("name", ["export", "view", "load"])
def test_commands_that_read_a_graph_default_to_out_graph_json(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = {"export": ["-f", "json"], "view": [], "load": []}[name]
    result = CliRunner().invoke(main, [name, *args])
    assert result.exit_code == 1 and "out/graph.json: no such file" in result.output
