"""kg.view and `kg view`: a self-contained page, safe with hostile names, tested in headless Chromium."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from chromium import Chromium, find_chromium
from kg.cli import main
from kg.graph import read_graph
from kg.view import render_html, write_view
from test_export import FIXTURE, HOSTILE, hostile_graph

DOCS_PNG = Path(__file__).parent.parent / "docs" / "view.png"


@pytest.fixture(scope="module")
def seed():
    return read_graph(FIXTURE)


@pytest.fixture(scope="module")
def browser():
    exe = find_chromium()
    if exe is None:
        message = "headless chromium not found: `apt-get install chromium` (scripts/test does) or set KG_CHROMIUM"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)  # CI must run the browser test, not skip it
        pytest.skip(message)
    with Chromium(exe, width=1280, height=800) as b:
        yield b


def embedded_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


# --- the page as text ---------------------------------------------------------------------

def test_page_loads_nothing_from_outside(seed):
    page = render_html(seed)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert urls <= {"http://www.w3.org/2000/svg"}  # a namespace name, never fetched
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)


def test_hostile_names_cannot_leave_their_script(seed):
    page = render_html(hostile_graph())
    assert page.count("</script") == 2  # the data's and the code's own closing tags only
    assert "<script>window.pwned" not in page  # escaped in the title, \u003c in the data
    data = embedded_data(page)
    assert [n["name"] for n in data["nodes"]] == HOSTILE
    assert "<title>&lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;</title>" in page


def test_view_data_sizes_and_evidence(seed):
    data = embedded_data(render_html(seed))
    russia = next(n for n in data["nodes"] if n["id"] == "state:russia")
    assert russia["mentions"] == 16 and russia["aliases"] == ["Moscow", "Russian"]
    assert data["documents"]["washington-times-2016-09-20-syria-talks.txt"]["date"] == "2016-09-20"
    assert "NEGOTIATES_WITH" in data["symmetric"] and "DENIES" not in data["symmetric"]


def test_cli_view(seed, tmp_path):
    out = tmp_path / "graph.html"
    result = CliRunner().invoke(main, ["view", str(FIXTURE), "-o", str(out), "--title", "Syria talks"])
    assert result.exit_code == 0, result.output
    assert "11 entities, 11 relations" in result.output
    assert "<title>Syria talks</title>" in out.read_text()
    result = CliRunner().invoke(main, ["view", str(FIXTURE), "-o", str(tmp_path / "missing" / "g.html")])
    assert result.exit_code == 1 and "cannot write" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]


# --- in a real browser --------------------------------------------------------------------

def centre_of(browser, selector: str) -> tuple[float, float]:
    rect = browser.evaluate(f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
                            " return [r.x + r.width / 2, r.y + r.height / 2, r.width]; })()")
    assert rect[2] > 0, f"{selector} is not on screen"
    return rect[0], rect[1]


def text(browser, element_id: str) -> str:
    return browser.evaluate(f"document.getElementById({json.dumps(element_id)}).innerText")


def open_page(browser, graph, path: Path) -> None:
    write_view(graph, output=path)
    browser.events.clear()
    browser.open(path.as_uri())
    assert browser.evaluate("document.body.dataset.ready") == "true"


@pytest.mark.browser
def test_seed_graph_in_chromium(browser, seed, tmp_path):
    page = tmp_path / "graph.html"
    open_page(browser, seed, page)
    assert browser.errors() == []
    assert set(browser.requested_urls()) == {page.as_uri()}  # nothing fetched but the page
    # What is on screen matches the graph.
    assert (text(browser, "count-nodes"), text(browser, "count-edges")) == ("11", "11")
    shown = browser.evaluate("[...document.querySelectorAll('svg .node')].filter(g => g.getBBox().width > 0).length")
    assert shown == len(seed.entities)
    assert browser.evaluate("document.querySelectorAll('svg .edge text').length") == len(seed.relations)
    fills = browser.evaluate("Object.fromEntries([...document.querySelectorAll('svg .node')].map("
                             "g => [g.dataset.id, g.querySelector('circle').getAttribute('fill')]))")
    assert fills["state:russia"] == fills["state:syria"] != fills["person:john-kerry"]
    radii = browser.evaluate("Object.fromEntries([...document.querySelectorAll('svg .node')].map("
                             "g => [g.dataset.id, +g.querySelector('circle').getAttribute('r')]))")
    assert radii["state:russia"] > radii["person:sergei-lavrov"]  # 16 mentions against 1

    # Clicking a node shows its roles and the evidence sentences, with document and date.
    browser.click(*centre_of(browser, 'svg .node[data-id="person:sergei-lavrov"] circle'))
    details = text(browser, "details")
    assert details.startswith("Sergei Lavrov") and "Foreign Minister" in details
    assert "peace pact brokered by Secretary of State John Kerry and Russian Foreign Minister Sergei Lavrov" in details
    assert "Negotiations between Washington and Moscow come to a halt · 2016-09-20 · The Washington Times" in details

    # Clicking an edge's label shows that relation's evidence.
    browser.click(*centre_of(browser, 'svg .edge[data-id="DENIES:state:syria->event:attack-on-convoy"] text'))
    details = text(browser, "details")
    assert details.startswith("DENIES") and "Moscow and Damascus have each denied they carried out the attack" in details

    # Search by alias, Enter selects the match.
    browser.click(*centre_of(browser, "#search"))
    browser.type_text("moscow")
    assert text(browser, "search-result").startswith("1 match")
    browser.press("Enter")
    assert text(browser, "details").startswith("Russia\nState · 16 mentions")
    browser.evaluate("document.getElementById('search').value = ''; document.getElementById('search')"
                     ".dispatchEvent(new Event('input'))")

    # Filters: hiding State hides its 3 nodes and every relation touching them.
    browser.click(*centre_of(browser, '#entity-types input[data-type="State"]'))
    touching = sum(1 for r in seed.relations if {r.source, r.target} & {"state:russia", "state:syria", "state:united-states"})
    assert (text(browser, "count-nodes"), text(browser, "count-edges")) == ("8", str(11 - touching))
    browser.click(*centre_of(browser, '#relation-types input[data-type="BROKERED"]'))
    assert text(browser, "count-edges") == str(11 - touching - 2)
    assert browser.errors() == []


@pytest.mark.browser
def test_screenshot_of_the_seed_graph(browser, seed, tmp_path):
    open_page(browser, seed, tmp_path / "graph.html")
    browser.click(*centre_of(browser, 'svg .node[data-id="state:russia"] circle'))
    shot = browser.screenshot(tmp_path / "view.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert DOCS_PNG.exists()  # docs/view.png: the same view of the extracted seed article (README)


@pytest.mark.browser
def test_hostile_names_in_chromium(browser, tmp_path):
    open_page(browser, hostile_graph(), tmp_path / "hostile.html")
    assert browser.errors() == []
    assert browser.evaluate("typeof window.pwned") == "undefined"
    names = browser.evaluate("[...document.querySelectorAll('svg .node text')].map(t => t.textContent)")
    assert names == HOSTILE
    assert browser.evaluate("document.title") == HOSTILE[2]
    browser.click(*centre_of(browser, 'svg .node[data-id="person:3"] circle'))
    details = browser.evaluate("document.getElementById('details').textContent")
    assert HOSTILE[3] in details and HOSTILE[4] in details  # its name and its alias, as text
    assert browser.evaluate("document.querySelectorAll('#details script, #details img').length") == 0


@pytest.mark.browser
def test_empty_graph_in_chromium(browser, tmp_path):
    from kg.model import Graph

    open_page(browser, Graph(), tmp_path / "empty.html")
    assert browser.errors() == [] and text(browser, "count-nodes") == "0"
