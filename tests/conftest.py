"""Browser set-up for the page tests (@pytest.mark.browser): Debian's chromium
driven by Playwright, offline, with every non-file request aborted.

Without chromium or playwright the browser tests are skipped, and the run's
summary says so; with KG_REQUIRE_BROWSER=1 (CI) they fail instead."""
import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SKIP_REASON = "Chromium not installed: browser tests skipped (apt install chromium)"
LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

_browser_skipped = []


def _missing():
    """Why no browser can run here, or None."""
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} not found"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


@pytest.fixture(scope="session")
def browser():
    """One chromium for the whole run (launching it costs about a second)."""
    missing = _missing()
    if missing:
        if os.environ.get("KG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"KG_REQUIRE_BROWSER=1 but {missing} (apt install chromium)", pytrace=False)
        _browser_skipped.append(missing)
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def offline_page(browser):
    """A page in a fresh offline context that may load file:// URLs only;
    console errors and uncaught exceptions are collected in `page.errors`."""
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else route.abort())
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def pytest_terminal_summary(terminalreporter):
    if _browser_skipped:
        terminalreporter.write_sep("-", "browser tests")
        terminalreporter.write_line(f"{SKIP_REASON} [{_browser_skipped[0]}]")
