"""Builds the `kg view` renderer bundle (scripts/build-view) as part of `pip install` when npm is on
PATH; everything else about the package is in pyproject.toml. Without npm the install goes on and
`kg view` says how to build the bundle."""
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLE = ROOT / "kg" / "data" / "vendor" / "view.bundle.js"


class BuildPyWithViewBundle(build_py):
    def run(self):
        script = ROOT / "scripts" / "build-view"
        if not script.exists():
            pass  # an sdist or wheel being rebuilt: the bundle is already among the package data
        elif shutil.which("npm") and shutil.which("node"):
            result = subprocess.run(["bash", str(script)], cwd=ROOT, capture_output=True, text=True)
            if result.returncode != 0:
                print(f"kg: could not build the view's renderer (scripts/build-view):\n{result.stderr}", file=sys.stderr)
        elif not BUNDLE.exists():
            print("kg: Node.js/npm not found, so `kg view` has no renderer yet: run scripts/build-view", file=sys.stderr)
        super().run()


setup(cmdclass={"build_py": BuildPyWithViewBundle})
