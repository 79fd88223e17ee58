"""The dashboard page in headless Chromium (Debian's chromium, driven by Playwright for Python).

Needs /usr/bin/chromium (apt-get install chromium) and the playwright package; skipped otherwise.
Set MEDIAMON_DASHBOARD_SCREENSHOT=docs/dashboard.png to also save the screenshot there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from api.app import create_app
from api.server import running_server
from api.settings import ApiSettings
from tests.api import synthetic as syn

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHARTS = ["chart-entity-volume", "chart-topic-volume", "chart-top-entities", "chart-share-of-voice",
          "chart-cooccurrences"]  # fmt: skip

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: apt-get install chromium chromium-driver")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _painted_pixels(page, canvas_id: str) -> int:
    return page.evaluate(
        """(id) => {
            const c = document.getElementById(id);
            const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
            return n;
        }""",
        canvas_id,
    )


def _wait_for_load(page, number: int) -> None:
    # a selector wait: the page's CSP forbids the eval that wait_for_function would need
    page.wait_for_selector(f"body[data-loads='{number}'][data-ready='1']", state="attached", timeout=30_000)


def test_dashboard_renders_the_planted_spike_filters_and_escapes(browser, synthetic_snapshot, tmp_path):
    with running_server(create_app(synthetic_snapshot, settings=ApiSettings())) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1700})
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(url + "/")
        _wait_for_load(page, 1)

        # every chart drew data
        for chart in CHARTS:
            assert int(page.get_attribute(f"#{chart}", "data-points") or 0) > 0, chart
            assert _painted_pixels(page, chart) > 500, f"{chart} is blank"
        assert page.locator("#table-spikes tbody tr").count() > 0
        assert page.locator("#table-keyphrases tbody tr").count() > 0

        # the default entity is the planted spike's person, and the spike is the chart's peak
        assert page.text_content("#panel-entity-volume h2 [data-slot=entity]") == "Yevgeny Prigozhin"
        labels, values = page.evaluate(
            "() => { const c = window.mediamon.state.charts['chart-entity-volume'];"
            " return [c.data.labels, c.data.datasets[0].data]; }"
        )
        peak = values.index(max(values))
        assert labels[peak] == "2023-03-13" and values[peak] >= syn.SPIKE_EXTRA
        assert sorted(values)[len(values) // 2] * 4 < values[peak]
        topic = page.evaluate("() => window.mediamon.state.charts['chart-topic-volume'].data.datasets[0].data")
        assert sum(topic) == sum(syn.CLIMATE_PER_MONTH.values())
        page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        if target := os.environ.get("MEDIAMON_DASHBOARD_SCREENSHOT"):
            page.screenshot(path=target, full_page=True)

        # clicking a spike row lists that day's articles
        page.locator("#table-spikes tbody tr", has_text="Yevgeny Prigozhin").first.click()
        page.wait_for_selector(f"#panel-articles[data-total='{syn.SPIKE_EXTRA}']", state="attached")
        assert page.locator("#articles-list li").count() == syn.SPIKE_EXTRA

        # a filter: one outlet and another entity
        page.select_option("select[name=outlet]", "Alpha Times")
        page.fill("input[name=entity]", "Belarus")
        page.click("button[type=submit]")
        _wait_for_load(page, 2)
        assert page.text_content("#panel-entity-volume h2 [data-slot=entity]") == "Belarus"
        assert "outlet=Alpha+Times" in page.evaluate("() => location.hash")
        shown = page.locator("#articles-list .meta").all_text_contents()
        assert shown and all(text.endswith("Alpha Times") for text in shown)
        assert int(page.get_attribute("#chart-entity-volume", "data-points") or 0) > 0
        page.screenshot(path=str(tmp_path / "dashboard-filtered.png"), full_page=True)

        # a stored script tag is shown as text, never run, and a javascript: URL is not a link
        page.evaluate(
            "() => window.mediamon.showArticles({start: '2023-02-01', end: '2023-02-01', entity: ['Belarus']}, 'x')"
        )
        page.wait_for_selector("#articles-list li", state="attached")
        assert syn.XSS_TITLE in page.text_content("#articles-list")
        assert page.evaluate("() => window.__xss") is None
        assert page.locator("#articles-list img, #articles-list script").count() == 0
        assert page.locator("#articles-list a[href^='javascript']").count() == 0
        assert problems == [], problems
        page.close()
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000
