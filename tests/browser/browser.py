"""A person at a browser: Debian's Chromium driven by Selenium through Debian's chromedriver (both
installed by scripts/test; nothing is downloaded at run time). Headless, no sandbox (CI runs as root),
no background networking: the only address it talks to is the live server on 127.0.0.1.

Screenshots go to var/browser/shots/ on every run; with NENKIN_MANUAL_SHOTS=1 the ones the manual
shows are written to docs/manual/images/ as well (tests/browser/test_manual_pictures.py keeps the
manual and the shots in step).
"""

import base64
import os
import time
from pathlib import Path

from django.conf import settings
from selenium import webdriver
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

CHROMIUM = os.environ.get("NENKIN_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("NENKIN_CHROMEDRIVER", "/usr/bin/chromedriver")
SHOTS = Path(settings.BASE_DIR) / "var" / "browser" / "shots"
MANUAL_SHOTS = Path(settings.BASE_DIR) / "docs" / "manual" / "images"
WIDTH, HEIGHT = 1280, 900
MAX_SHOT_HEIGHT = 6000
PASSWORD = "pw-for-tests-only-1"  # tests/conftest.make_user


def chromium_start() -> webdriver.Chrome:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).exists()]
    if missing:
        raise RuntimeError(
            f"{', '.join(missing)} not found: scripts/test installs Debian's chromium and chromium-driver "
            "(apt-get install chromium chromium-driver)."
        )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-sync",
        "--no-first-run",
        "--metrics-recording-only",
        "--lang=ja-JP",
        "--force-device-scale-factor=1",
        f"--window-size={WIDTH},{HEIGHT}",
    ):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "ja"})
    # The driver's path is given, so Selenium Manager never looks for (or downloads) one. Chromium on
    # Linux takes its own language (date pickers, messages) from the environment, not from --lang.
    environment = {**os.environ, "LANGUAGE": "ja", "LANG": "ja_JP.UTF-8"}
    return webdriver.Chrome(service=Service(CHROMEDRIVER, env=environment), options=options)


def _settled(read):
    """`read()` again when the page was replaced under it (a late redirect or a script): the element a
    read started from can vanish between finding and reading it."""
    for attempt in range(5):
        try:
            return read()
        except StaleElementReferenceException:
            pass
        except WebDriverException as exc:
            if "does not belong to the document" not in str(exc):
                raise
        time.sleep(0.2 * (attempt + 1))
    return read()


def _replaced(old):
    """A wait condition: the page `old` (its <html>) belonged to has gone. Chromium's driver says so
    either as a stale element or, when the node went between two of its own calls, as "does not
    belong to the document" (seen with ChromeDriver 156.0.8078.114); both mean the new page is there."""

    def check(_driver) -> bool:
        try:
            old.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return True
            raise
        return False

    return check


class Browser:
    def __init__(self, driver: webdriver.Chrome, base_url: str):
        self.driver, self.base_url = driver, base_url
        self.manual = os.environ.get("NENKIN_MANUAL_SHOTS") == "1"

    # --- moving around --------------------------------------------------------------------------

    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    def _after(self, action) -> None:
        """Runs `action` (a click that loads a page) and waits for the new page."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        action()
        WebDriverWait(self.driver, 30).until(_replaced(old))
        WebDriverWait(self.driver, 30).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )

    def login(self, username: str, password: str = PASSWORD) -> None:
        self.driver.delete_all_cookies()
        self.open("/login/")
        self.fill("username", username)
        self.fill("password", password)
        self.press("ログイン")

    def click_link(self, text: str, *, within=None) -> None:
        scope = within or self.driver
        link = scope.find_element(By.PARTIAL_LINK_TEXT, text)
        self._after(link.click)

    def press(self, text: str, *, within=None) -> None:
        """Clicks the button whose words contain `text` and waits for the page it loads."""

        def find():
            scope = within or self.driver
            for button in scope.find_elements(By.CSS_SELECTOR, "button, input[type=submit]"):
                if text in (button.text or button.get_attribute("value") or "") and button.is_displayed():
                    return button
            raise NoSuchElementException(f"no button 「{text}」 on {self.driver.current_url}")

        self._after(lambda: _settled(lambda: find().click()))

    # --- forms ------------------------------------------------------------------------------------

    def field(self, name: str):
        return self.driver.find_element(By.NAME, name)

    def fill(self, name: str, value: str) -> None:
        element = self.field(name)
        if element.get_attribute("type") in ("month", "date", "datetime-local"):
            # A date picker takes keystrokes in the browser's locale order; its value is ISO either way.
            self.driver.execute_script(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))",
                element,
                value,
            )
            return
        element.clear()
        element.send_keys(value)

    def choose(self, name: str, value: str, *, within=None) -> None:
        Select((within or self.driver).find_element(By.NAME, name)).select_by_value(value)

    def choose_label(self, name: str, label: str) -> None:
        Select(self.field(name)).select_by_visible_text(label)

    def tick(self, name: str, value: str | None = None) -> None:
        selector = f'input[name="{name}"]' + (f'[value="{value}"]' if value is not None else "")
        box = self.driver.find_element(By.CSS_SELECTOR, selector)
        if not box.is_selected():
            box.click()

    def focused_name(self) -> str:
        return self.driver.switch_to.active_element.get_attribute("name") or ""

    # --- what a person sees -----------------------------------------------------------------------

    @property
    def text(self) -> str:
        return _settled(lambda: self.driver.find_element(By.TAG_NAME, "body").text)

    @property
    def heading(self) -> str:
        return _settled(lambda: self.driver.find_element(By.TAG_NAME, "h1").text)

    def sees(self, *words: str) -> None:
        text = self.text
        missing = [word for word in words if word not in text]
        assert not missing, f"not on {self.driver.current_url}: {missing}\n---\n{text[:3000]}"

    def messages(self) -> str:
        found = self.driver.find_elements(By.CSS_SELECTOR, "ul.messages")
        return found[0].text if found else ""

    def _whole_page(self) -> bytes:
        """The whole page from its heading to its footer, whatever part of it the window shows (a click
        lower down scrolls it): Chromium draws beyond the window when asked (DevTools protocol). Drawn
        that tall, a table may lay out anew (the 経過's columns widen) and the page grow shorter: then
        it is drawn again at its new height, so no blank band hangs below the footer."""
        measure = "return [document.documentElement.clientWidth, document.documentElement.scrollHeight]"
        size = None
        for _attempt in range(3):
            width, height = self.driver.execute_script(measure)
            if (width, height) == size:
                break
            size = (width, height)
            clip = {"x": 0, "y": 0, "width": width, "height": min(height, MAX_SHOT_HEIGHT), "scale": 1}
            picture = self.driver.execute_cdp_cmd(
                "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
            )
        return base64.b64decode(picture["data"])

    def shot(self, name: str, *, full: bool = True) -> Path:
        """Saves the page as PNG (the whole page, not only the window)."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        if full:
            path.write_bytes(self._whole_page())
        else:
            self.driver.save_screenshot(str(path))
        if self.manual:
            MANUAL_SHOTS.mkdir(parents=True, exist_ok=True)
            (MANUAL_SHOTS / path.name).write_bytes(path.read_bytes())
        return path
