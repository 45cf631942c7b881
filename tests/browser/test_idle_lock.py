"""The idle lock in a real browser (browser test of the clerk's day): a clerk typing into a form past the
timeout is not logged out and keeps the text; left alone, the page warns with a countdown and then locks.
The timeout is shortened to 10 seconds, so this takes about half a minute."""

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TIMEOUT = 10


def _warning_shown(driver):
    warning = driver.find_element(By.ID, "idle-warning")
    return warning if warning.is_displayed() else False


def test_typing_keeps_the_session_and_idleness_warns_then_locks(browser, staff, settings):
    settings.NENKIN_IDLE_TIMEOUT_SECONDS = TIMEOUT
    browser.login(staff["clerk"].username)
    browser.open("/inquiries/new/")
    field = browser.field("detail")
    typed = ""
    started = time.monotonic()
    while time.monotonic() - started < TIMEOUT * 1.8:
        assert "/inquiries/new/" in browser.driver.current_url, "logged out while typing"
        field.send_keys("あ")
        typed += "あ"
        time.sleep(2)
    # Well past the timeout since the page was loaded: the form and its text are still there, and the
    # server kept the session (the keep-alive), so the warning never showed.
    assert "/inquiries/new/" in browser.driver.current_url
    assert browser.field("detail").get_attribute("value") == typed
    assert not browser.driver.find_element(By.ID, "idle-warning").is_displayed()

    # Hands off the keyboard: the warning counts down; a key cancels it and the text stays.
    warning = WebDriverWait(browser.driver, TIMEOUT + 5).until(_warning_shown)
    assert "まもなく画面をロックします" in warning.text and "秒" in warning.text
    browser.shot("idle_warning", full=False)
    browser.field("detail").send_keys("い")
    WebDriverWait(browser.driver, 3).until(lambda d: not d.find_element(By.ID, "idle-warning").is_displayed())
    assert browser.field("detail").get_attribute("value") == typed + "い"
    # Left alone again: warned, then the screen locks and the login follows.
    WebDriverWait(browser.driver, TIMEOUT + 5).until(_warning_shown)
    WebDriverWait(browser.driver, TIMEOUT + 10).until(lambda d: "/login/" in d.current_url)
    browser.sees("一定時間操作がなかったため、ログアウトしました")


def test_a_tab_left_alone_does_not_lock_while_another_tab_keeps_the_session(browser, staff, settings):
    """Two tabs of one session: the clerk types in the second, the first must not lock on its own clock
    (it would send the whole session to the login page)."""
    settings.NENKIN_IDLE_TIMEOUT_SECONDS = TIMEOUT
    browser.login(staff["clerk"].username)
    browser.open("/inquiries/new/")
    first = browser.driver.current_window_handle
    browser.driver.switch_to.new_window("tab")
    browser.open("/inquiries/new/")
    started = time.monotonic()
    while time.monotonic() - started < TIMEOUT * 1.8:
        browser.field("detail").send_keys("あ")
        time.sleep(2)
    browser.driver.switch_to.window(first)
    assert "/inquiries/new/" in browser.driver.current_url, "the idle tab locked the session"
    assert browser.driver.find_element(By.TAG_NAME, "main").is_displayed()
