"""Keyboard: Tab through a lesson reaches every control, in page order, each with a visible focus ring."""

from __future__ import annotations

import pytest

from browser_audit import copy_site, plant_page, tab_through
from conftest import serve, strict_headers

pytestmark = pytest.mark.browser

# A lesson with a quiz and a worksheet, and the authors' page that shows every exercise kind.
PAGES = ["lessons/everyday-networking/", "authoring/writing-exercises/"]


@pytest.mark.parametrize("path", PAGES)
def test_tab_reaches_every_control_in_order_with_a_visible_focus_ring(page, site_url, path):
    report = tab_through(page, site_url + path)
    assert "Skip to content" in report.stops[0], f"the first Tab should reach the skip link: {report.stops[:3]}"
    assert report.missed == [], "never reached by Tab"
    assert report.out_of_order == [], "reached out of page order"
    assert report.no_focus_ring == [], "no visible focus indicator"
    assert len(report.stops) > 30  # the header, the nav, the lesson and its exercises


@pytest.fixture(scope="module")
def planted(site_dir, tmp_path_factory):
    """Serve a copy of the site with a page whose link hides its focus ring and a control that jumps the queue."""
    site = copy_site(site_dir, tmp_path_factory.mktemp("planted-keyboard") / "site")
    paths = {
        "no-ring": plant_page(site, "planted-no-ring", '<p><a class="hn-planted-link" href="#">Planted</a></p>',
                              ".md-typeset a.hn-planted-link:focus { outline: none !important; }"),
        "tabindex": plant_page(site, "planted-tabindex", '<p><button type="button" tabindex="1">First</button></p>'),
    }
    url, server = serve(site, strict_headers())
    yield {name: url + path for name, path in paths.items()}
    server.shutdown()


def test_a_control_without_a_focus_ring_is_reported(page, planted):
    report = tab_through(page, planted["no-ring"])
    assert len(report.no_focus_ring) == 1
    assert report.no_focus_ring[0].endswith('"Planted"')


def test_a_positive_tabindex_is_reported_as_out_of_order(page, planted):
    report = tab_through(page, planted["tabindex"])
    assert report.stops[0] == 'button "First"'
    assert report.out_of_order  # the skip link and everything after it come back up the page
