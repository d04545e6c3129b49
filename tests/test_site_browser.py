"""The site behaves in Chromium: no console errors, search, instant navigation, palette."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_page_loads_without_console_errors(page, site_url, console_errors):
    page.goto(site_url)
    expect(page.locator("h1").first).to_contain_text("The Human Network")
    page.wait_for_load_state("networkidle")
    assert console_errors == []


def test_search_finds_a_word_from_the_about_page(page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.locator("input.md-search__input").press_sequentially("licence", delay=20)
    result = page.locator(".md-search-result__item").filter(has_text="About")
    expect(result.first).to_be_visible(timeout=15000)


def test_instant_navigation_keeps_the_page_alive(page, site_url):
    page.goto(site_url + "about/")
    # Material sets up instant navigation once it has read sitemap.xml.
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__hnMarker = 42")
    page.locator("article a", has_text="contributing guide").first.click()
    # navigation.tracking may already have put the section in view into the address (#feedback).
    expect(page).to_have_url(re.compile(r"contributing/(#[\w-]+)?$"))
    expect(page.locator("h1").first).to_contain_text("Contributing")
    # Instant navigation swaps the content without a full reload, so the marker survives.
    assert page.evaluate("window.__hnMarker") == 42


def test_palette_toggle_switches_to_dark_and_remembers_it(page, site_url):
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    body = page.locator("body")
    for _ in range(3):
        if body.get_attribute("data-md-color-scheme") == "slate":
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_pages_make_no_request_to_another_origin(page, site_url):
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(site_url) else None)
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert outside == []
