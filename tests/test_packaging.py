"""The wheel: kg, kg.loaders, kg.queries and kg.data inside it, no top-level loaders/queries, a quiet build."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP = shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "out", "__pycache__", ".pytest_cache")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[Path, str]:
    """A wheel built from a copy of the source tree, as a user's `pip wheel .` builds it (with its log)."""
    work = tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT, work / "src", ignore=SKIP)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(work / "dist"),
                            str(work / "src")], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return next((work / "dist").glob("kg_newsgraph-*.whl")), built.stdout + built.stderr


def test_the_wheel_holds_kg_and_its_subpackages_only(wheel):
    names = zipfile.ZipFile(wheel[0]).namelist()
    assert {n.split("/")[0] for n in names} == {"kg", wheel[0].name.split("-py3")[0] + ".dist-info"}
    for needed in ("kg/loaders/__init__.py", "kg/loaders/neo4j_reader.py", "kg/queries/catalog.py",
                   "kg/queries/roles.cypher", "kg/data/relations.json", "kg/data/view.js", "kg/schema.py"):
        assert needed in names
    metadata = zipfile.ZipFile(wheel[0]).read(next(n for n in names if n.endswith("/METADATA"))).decode()
    assert "Name: kg-newsgraph" in metadata and "License-Expression: Apache-2.0" in metadata


def test_the_build_prints_no_deprecation_warning(wheel):
    assert "deprecat" not in wheel[1].lower()
    assert "_Warning" not in wheel[1] and "would be ignored" not in wheel[1]  # setuptools' other warnings


def test_the_wheel_holds_the_view_bundle_when_it_is_built(wheel):
    if not (ROOT / "kg" / "data" / "vendor" / "view.bundle.js").exists():
        pytest.skip("no renderer bundle built (scripts/build-view)")
    assert "kg/data/vendor/view.bundle.js" in zipfile.ZipFile(wheel[0]).namelist()


def test_an_installed_wheel_puts_no_loaders_or_queries_on_the_path(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                    str(wheel[0])], check=True, timeout=300)
    code = ("import importlib.util as u; print([u.find_spec(m) is not None for m in ('loaders', 'queries')],"
            " [u.find_spec(m).origin.startswith(%r) for m in ('kg.loaders', 'kg.queries')])" % str(target))
    # -S: no site-packages, so only the installed wheel (and the standard library) can answer.
    found = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONPATH": str(target)}, cwd=tmp_path)
    assert found.stdout.strip() == "[False, False] [True, True]"
