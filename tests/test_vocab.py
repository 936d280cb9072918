"""scripts/build-vocab: the field's dictionaries -> kg/data files, and the committed files are its output."""
import json
import subprocess
import sys
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "build-vocab"
FIXTURE = Path(__file__).parent / "fixtures" / "vocab"
_spec = spec_from_loader("build_vocab", SourceFileLoader("build_vocab", str(SCRIPT)))
build_vocab = module_from_spec(_spec)
_spec.loader.exec_module(build_vocab)


def test_verb_blocks_give_codes_patterns_and_synsets():
    made = build_vocab.build_cameo_verbs(FIXTURE)
    assert made["verbs"]["contribute"]["code"] == "070"  # its own code
    assert made["verbs"]["give"]["code"] is None and made["verbs"]["grant"]["code"] is None  # no own code
    assert made["blocks"][made["verbs"]["grant"]["blocks"][0]]["code"] == "060"  # the block's default
    assert "rule out" in made["verbs"]
    assert made["synsets"]["CURRENCY"] == ["money", "currency"]
    grant = made["blocks"][made["verbs"]["give"]["blocks"][0]]
    by_code = {p["code"]: p for p in grant["patterns"]}
    assert by_code["070"] == {"subject": [], "object": ["aid"], "preps": [], "code": "070", "for": ["give", "provide"]}
    assert by_code["013"]["preps"] == [["to", ["energy", "&SECURITY"]]]
    assert by_code["043"]["object"] == ["reception"]  # [043:042]: the first code is the event's
    assert by_code[None]["object"] == ["access"]  # "give access" is no event
    assert "MIT" in made["_licence"] and "petrarch2" in made["_source"]


def test_plover_table_keeps_the_first_of_a_repeated_code_and_kg_decisions():
    made = build_vocab.build_plover(FIXTURE)
    assert made["codes"]["070"]["category"] == "AID"
    assert made["codes"]["08"]["category"] == "CONCEDE"
    assert made["codes"]["084"]["category"] == "RETREAT"
    assert made["codes"]["016"]["category"] == "REJECT" and made["codes"]["016"]["kg_decision"]
    assert "CC BY-SA 4.0" in made["_licence"]


def test_a_folder_without_the_dictionaries_is_one_line_and_exit_2(tmp_path):
    run = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), "--check"], capture_output=True, text=True)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and str(tmp_path) in run.stderr


@pytest.mark.skipif(not (build_vocab.DEFAULT_VOCAB / "CAMEO.2.0.txt").is_file(),
                    reason=f"{build_vocab.DEFAULT_VOCAB} (the source dictionaries) is not beside the repository")
def test_committed_data_files_are_what_the_converter_makes():
    run = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    for name in build_vocab.OUTPUTS:
        if name.endswith(".json"):
            data = json.loads((REPO / "kg" / "data" / name).read_text(encoding="utf-8"))
            assert data["_source"] and data["_licence"]
