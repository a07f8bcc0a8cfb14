"""Sign-up and the unsubscribe page in a real headless Chromium (Selenium + chromedriver),
against the real app on 127.0.0.1; confirmation and digest land in the outbox."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest

from digest.delivery.store import SubscriberStore
from digest.newsletter.render import render_digest
from digest.pipeline.stages import archive_delivered, brand_from, make_delivery, read_subscribers
from digest.settings import load_settings
from tests.conftest import SEEDS
from tests.helpers import make_digest
from tests.smtp_server import free_port
from tests.web.server import running_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM and DRIVER),
        reason="needs chromium and chromedriver (Debian: apt-get install chromium chromium-driver)",
    ),
]


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.add_argument("--window-size=800,700")
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for_heading(browser: Any, text: str, timeout: float = 60) -> None:
    """Wait for the page after a click. The heading is read by script, not through an element
    handle, since the old page's elements go stale (or vanish) while the new one loads."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    script = "const h = document.querySelector('h1'); return h ? h.textContent : '';"

    def has_heading(driver: Any) -> bool:
        return text in (driver.execute_script(script) or "")

    WebDriverWait(browser, timeout, ignored_exceptions=(WebDriverException,)).until(has_heading)


def read_eml(path: Path) -> EmailMessage:
    message = message_from_bytes(path.read_bytes(), policy=default)
    assert isinstance(message, EmailMessage)
    return message


def test_sign_up_and_unsubscribe_in_chromium(tmp_path: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    port = free_port()
    outbox = tmp_path / "outbox"
    settings = load_settings(
        env_file=None,
        sources=[str(SEEDS)],
        outbox=str(outbox),
        state_dir=str(tmp_path / "state"),
        public_url=f"http://127.0.0.1:{port}",
        secret_key="browser-test-secret-key",
    )
    with running_app(settings, port) as base:
        browser.get(base + "/")
        assert "Subscribe" in browser.title
        browser.find_element(By.ID, "email").send_keys("ana@example.org")
        browser.find_element(By.ID, "name").send_keys("Ana Lima")
        browser.save_screenshot(str(tmp_path / "signup.png"))
        browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for_heading(browser, "Check your inbox")

        (confirmation,) = (outbox / "confirmations").glob("*.eml")
        text = read_eml(confirmation).get_body(("plain",)).get_content()  # type: ignore[union-attr]
        link = re.search(rf"{re.escape(base)}/confirm/\S+", text).group(0)  # type: ignore[union-attr]
        browser.get(link)
        browser.find_element(By.ID, "confirm-button").click()
        wait_for_heading(browser, "You are subscribed")
        store = SubscriberStore(settings.state_dir)
        assert store.get("ana@example.org").status == "active"  # type: ignore[union-attr]

        digest = make_digest(2)
        rendered = render_digest(digest, brand_from(settings, digest.date), settings.templates_dir)
        subscribers, _ = read_subscribers(settings)
        report = make_delivery(settings, subscribers).deliver(rendered)
        archive_delivered(rendered, report, settings)
        assert report.delivered == ["ana@example.org"]
        (eml,) = (outbox / f"digest-{digest.date}").glob("*.eml")
        header = read_eml(eml)["List-Unsubscribe"]
        unsubscribe = re.search(r"<(http[^>]+)>", header).group(1)  # type: ignore[union-attr]

        browser.get(unsubscribe)
        assert "a***@example.org" in browser.page_source
        browser.save_screenshot(str(tmp_path / "unsubscribe.png"))
        assert store.get("ana@example.org").status == "active"  # type: ignore[union-attr]
        browser.find_element(By.ID, "confirm-button").click()
        wait_for_heading(browser, "You are unsubscribed")
        assert store.get("ana@example.org").status == "unsubscribed"  # type: ignore[union-attr]
    assert (tmp_path / "unsubscribe.png").stat().st_size > 5_000
