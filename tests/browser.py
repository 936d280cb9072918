"""Headless Chromium for the browser tests, driven by playwright's Python package.

Playwright's own browser builds cannot be downloaded here, so it drives Debian's chromium
(`apt-get install chromium`, as scripts/test does) or $KG_CHROMIUM, with a fresh profile.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def find_chromium() -> str | None:
    """$KG_CHROMIUM, or Debian's chromium on PATH."""
    for name in (os.environ.get("KG_CHROMIUM"), "chromium", "chromium-browser"):
        path = name and shutil.which(name)
        if path:
            return path
    return None


def need_chromium() -> str:
    """The browser's path; skips the test without one (fails on CI, which must run it)."""
    exe = find_chromium()
    if exe is None:
        message = "headless chromium not found: `apt-get install chromium` (scripts/test does) or set KG_CHROMIUM"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return exe


class Page:
    """One page, with the script errors and the URLs it requested since it was opened."""

    def __init__(self, page):
        self.page, self.errors, self.requests = page, [], []
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("request", lambda request: self.requests.append(request.url))

    def open(self, path: Path, *, timeout_ms: int = 60_000) -> None:
        self.errors.clear(), self.requests.clear()
        self.page.goto(path.as_uri())
        # A selector, not wait_for_function: that evals its predicate on each later frame, which the
        # view's CSP (no 'unsafe-eval') refuses whenever the page is not ready at the first look.
        self.page.wait_for_selector("body[data-ready='true']", state="attached", timeout=timeout_ms)

    def wait_until(self, expression: str, *, timeout_ms: int = 30_000) -> None:
        """Polls a JS expression from here: page.wait_for_function would eval it in the page, against its CSP."""
        deadline = time.monotonic() + timeout_ms / 1000
        while not self.page.evaluate(expression):
            if time.monotonic() > deadline:
                raise TimeoutError(f"still false after {timeout_ms} ms: {expression}")
            time.sleep(0.02)

    def evaluate(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def text(self, element_id: str) -> str:
        return self.page.inner_text(f"#{element_id}")

    def frame_times(self, action: str, frames: int = 60) -> list[float]:
        """Milliseconds between the next `frames` frames drawn while `action` (JS) runs, e.g. a camera move."""
        return self.page.evaluate("""([action, frames]) => new Promise(done => {
            const times = [];
            function tick(t) { times.push(t); if (times.length <= frames) requestAnimationFrame(tick);
                               else done(times.slice(1).map((t, i) => t - times[i])); }
            requestAnimationFrame(tick); new Function(action)();
        })""", [action, frames])

    def pan_and_zoom(self) -> dict[str, list[float]]:
        """Frame times of a zoom in (20 steps) and of a pan across the view, through the renderer's camera."""
        zoom = self.frame_times("for (let i = 0; i < 20; i++) setTimeout(() => kgView.renderer.getCamera()"
                                ".animatedZoom({duration: 50, factor: 1.1}), i * 40);")
        pan = self.frame_times("const c = kgView.renderer.getCamera(); c.animate({x: c.x + 0.3, y: c.y - 0.2}, {duration: 900});")
        return {"zoom": zoom, "pan": pan}


@contextmanager
def chromium(width: int = 1280, height: int = 800) -> Iterator[Page]:
    from playwright.sync_api import sync_playwright

    exe = need_chromium()
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path=exe, args=FLAGS, headless=True,
                                                       viewport={"width": width, "height": height})
        try:
            yield Page(context.pages[0] if context.pages else context.new_page())
        finally:
            context.close()
