"""The review page in a real headless browser (Debian's chromium driven by Playwright): load, accept."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from debtsim.review.app import create_app
from debtsim.review.decisions import read_decisions

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e .[test])"
)
uvicorn = pytest.importorskip("uvicorn")
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="no chromium at /usr/bin/chromium (apt install chromium)"
)


@pytest.fixture
def server(run_dir):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(run_dir), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def page():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser.new_page(viewport={"width": 1280, "height": 800})
        browser.close()


def test_load_and_accept_with_the_keyboard(server, page, run_dir, tmp_path):
    page.goto(server + "/?lang=zh")
    page.wait_for_selector(".turn")
    assert page.locator("#title").inner_text() == "审核队列"
    first = page.locator(".item").first.get_attribute("data-id")
    page.keyboard.press("a")
    page.wait_for_selector(f'.item[data-id="{first}"][data-verdict="accept"]')
    assert [(d.dialogue_id, str(d.action)) for d in read_decisions(run_dir)] == [(first, "accept")]
    page.screenshot(path=str(tmp_path / "review.png"))


def test_edit_a_turn_and_reject_with_buttons(server, page, run_dir):
    page.goto(server + "/?lang=en")
    page.wait_for_selector(".turn")
    page.locator(".turn").nth(1).click()
    page.fill("#editor", "Yes, speaking.")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(".turn.edited")
    page.click("#reject")
    page.wait_for_function("document.querySelectorAll('.item[data-verdict=reject]').length === 1")
    actions = [str(d.action) for d in read_decisions(run_dir)]
    assert actions == ["edit", "reject"] and read_decisions(run_dir)[0].text == "Yes, speaking."
