"""The README says what kg does: its Python examples run as doctests and give what they show, and
a fresh clone, with nothing beside it, runs its set-up command and every command of its Use section."""
from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_blocks(markdown: str, lang: str = "") -> list[str]:
    """The fenced code blocks of one language ('' for those without one).

    >>> code_blocks("a\\n```python\\n>>> 1\\n1\\n```\\n```\\nls\\n```\\n", "python")
    ['>>> 1\\n1\\n']
    """
    return re.findall(rf"^```{lang}\n(.*?)^```", markdown, re.S | re.M)


def section(markdown: str, heading: str) -> str:
    """The text under `## heading` up to the next heading of that level."""
    return re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M).group(1)


def examples(needs_neo4j: bool) -> list[doctest.Example]:
    """The README's Python examples, in order: those that talk to Neo4j, or the others."""
    found = [e for block in code_blocks(README, "python") for e in doctest.DocTestParser().get_examples(block)]
    return [e for e in found if ("neo4j" in e.source) == needs_neo4j]


def run_examples(items: list[doctest.Example], globs: dict) -> None:
    test = doctest.DocTest(items, globs, "README.md", str(ROOT / "README.md"), 0, None)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)[:4000]


@pytest.fixture
def readme_globs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples write files (graph.gexf) into the working folder
    return {}


def test_python_examples_show_what_they_say(readme_globs, tmp_path):
    assert len(examples(False)) >= 10
    run_examples(examples(False), readme_globs)
    assert (tmp_path / "graph.gexf").stat().st_size > 0


@pytest.mark.neo4j
def test_python_examples_on_neo4j_show_what_they_say(readme_globs, neo4j_db, monkeypatch):
    settings = neo4j_db.settings
    for name, value in (("NEO4J_URI", settings.uri), ("NEO4J_USERNAME", settings.username),
                        ("NEO4J_PASSWORD", settings.password), ("NEO4J_DATABASE", settings.database)):
        monkeypatch.setenv(name, value) if value else monkeypatch.delenv(name, raising=False)
    before = [e for e in examples(False) if "graph =" in e.source or "import kg\n" == e.source]
    run_examples(before + examples(True), readme_globs)


def use_commands() -> list[str]:
    lines = [line for block in code_blocks(section(README, "Use")) for line in block.splitlines()]
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_the_set_up_and_use_sections_have_the_commands_a_user_needs():
    set_up = code_blocks(section(README, "Set up on a fresh machine"))
    assert [b.strip() for b in set_up] == [
        "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/kg build samples/ --out out/",
        "scripts/test"]
    commands = use_commands()
    assert commands[0].startswith("source .venv/bin/activate")
    assert {c.split()[1] for c in commands if c.startswith("kg ")} >= {"extract", "query", "export", "view", "eval"}
    assert not [c for c in commands if "../shared" in c or re.search(r"(^|\s)/(work|root|home)/", c)]


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs git and a git checkout")
def test_a_fresh_clone_runs_the_set_up_and_every_use_command(tmp_path):
    """Clone (committed files only) into a folder with no ../shared beside it; the venv's packages
    come from the pip cache, so this takes about a minute and a half on an idle machine."""
    clone = tmp_path / "kg"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    assert not (tmp_path / "shared").exists()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KG_", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    set_up = code_blocks(section(README, "Set up on a fresh machine"))[0].strip()
    result = subprocess.run(["bash", "-c", set_up], cwd=clone, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{set_up}\n{result.stderr[-2000:]}"
    assert (clone / "out" / "graph.json").exists()
    # one shell, as a user types them: `source` then applies to the commands after it
    script = "\n".join(f"{command}\necho \"exit $? :: {command.replace(chr(34), chr(39))}\"" for command in use_commands())
    result = subprocess.run(["bash", "-c", script], cwd=clone, env=env, capture_output=True, text=True, timeout=600)
    statuses = re.findall(r"^exit (\d+) :: (.*)$", result.stdout, re.M)
    assert len(statuses) == len(use_commands()), result.stdout[-2000:] + result.stderr[-2000:]
    failed = [(code, command) for code, command in statuses if code != "0"]
    assert failed == [], result.stderr[-3000:]
    assert "Sergei Lavrov" in result.stdout and (clone / "out" / "graph.html").exists()
