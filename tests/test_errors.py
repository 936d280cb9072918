"""Library errors speak the library's language: no CLI flags; the CLI adds its own words, in one place."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli_message, main
from kg.errors import KgError, QueryError
from kg.queries import run_query

ROOT = Path(__file__).resolve().parent.parent
FLAG = re.compile(r"(?:^|[\s(`'])--[a-z]")
CLI_MODULES = {"cli.py", "cli_export.py", "cli_neo4j.py", "cli_options.py", "cli_eval.py"}


def raised_texts(path: Path) -> list[tuple[int, str]]:
    """The string pieces of every `raise X(...)` in a module (f-strings' literal parts included, and the
    module's string constants it names, as `raise KgError(INSTALL_HINT)`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                 for target in node.targets if isinstance(target, ast.Name)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            for part in ast.walk(node.exc):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    found.append((node.lineno, part.value))
                elif isinstance(part, ast.Name) and part.id in constants:
                    found.append((node.lineno, constants[part.id]))
    return found


def test_no_library_error_names_a_cli_flag():
    library = [p for folder in ("kg", "loaders", "queries") for p in sorted((ROOT / folder).glob("*.py"))
               if p.name not in CLI_MODULES]
    flags = [f"{p.relative_to(ROOT)}:{line}: {text}" for p in library for line, text in raised_texts(p)
             if FLAG.search(text)]
    assert flags == []


def test_the_check_sees_a_flag(tmp_path):
    assert FLAG.search("ids must be unique (or use --skip-errors)") and not FLAG.search("a -- b, x--y")
    module = tmp_path / "m.py"
    module.write_text('HINT = "--engine dask needs dask"\n\ndef f():\n    raise KgError(HINT)\n')
    assert raised_texts(module) == [(4, "--engine dask needs dask")]


def test_the_cli_words_the_option_an_error_carries(tmp_path):
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "b.txt"), "-q"])
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'b.txt'}: binary file, not text; pass UTF-8 text files (or use --skip-errors)\n"
    try:
        run_query("roles", {})
    except QueryError as exc:
        assert (exc.option, exc.value) == ("params", "person") and "--" not in str(exc)
        assert cli_message(exc).endswith("(give it with --param person=...)")
    assert cli_message(KgError("plain")) == "plain"
