"""Every built page passes the browser gates under the strict security headers from docs/_headers.

The gates: no axe-core finding in either palette, no request to another origin, no
Content-Security-Policy violation, no console error, no sideways scrolling at 360 px.

Each page is visited once (browser_audit.audit_page) and every gate reads that one visit.
The planted-fault tests at the end prove each gate fails when it should.
"""

from __future__ import annotations

import pytest

from browser_audit import audit_page, built_pages, copy_site, plant_page
from conftest import serve, strict_headers

pytestmark = pytest.mark.browser


def test_every_built_page_is_audited(site_dir):
    # Pages are every index.html, 404.html and the answer key; no other HTML file is built.
    files = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")]
    pages = {f.removesuffix("index.html") for f in files}
    assert pages == set(built_pages())


@pytest.fixture(scope="module", params=built_pages(), ids=lambda path: path or "home")
def report(request, browser, site_url):
    """One visit to one page; every test below reads it."""
    return audit_page(browser, site_url + request.param)


def test_no_accessibility_findings_in_the_light_palette(report):
    assert report.axe["light"] == [], "\n".join(report.axe["light"])


def test_no_accessibility_findings_in_the_dark_palette(report):
    assert report.axe["dark"] == [], "\n".join(report.axe["dark"])


def test_no_request_leaves_the_site(report):
    assert report.outside_requests == []


def test_no_content_security_policy_violation(report):
    assert report.csp_violations == []


def test_no_console_error(report):
    assert report.console_errors == []


def test_no_sideways_scrolling_at_360px(report):
    overflow = report.overflow
    assert overflow["scrollWidth"] <= overflow["width"], f"too wide: {overflow['culprits']}"


# --- Planted faults: each gate fails when it should ------------------------------------
FAULTS = {
    "unlabelled-input": ('<p><input type="text" name="planted"></p>', ""),
    "external-image": ('<p><img src="https://images.example.com/pixel.png" alt="A planted image"></p>', ""),
    "inline-script": ('<script>document.title = "planted";</script>', ""),
    "dark-contrast": ('<p class="hn-planted-dim">Dim in the dark palette</p>',
                      '[data-md-color-scheme="slate"] .md-typeset .hn-planted-dim { color: #3a3d4a; }'),
    "too-wide": ('<div class="hn-planted-wide">wide</div>', ".hn-planted-wide { width: 600px; }"),
}


@pytest.fixture(scope="module")
def planted(site_dir, tmp_path_factory):
    """Serve a copy of the built site, with one extra page per fault, with the strict headers."""
    site = copy_site(site_dir, tmp_path_factory.mktemp("planted") / "site")
    paths = {name: plant_page(site, f"planted-{name}", html, css) for name, (html, css) in FAULTS.items()}
    url, server = serve(site, strict_headers())
    yield {name: url + path for name, path in paths.items()}
    server.shutdown()


def test_axe_reports_an_unlabelled_input(browser, planted):
    report = audit_page(browser, planted["unlabelled-input"])
    assert any(finding.startswith("label ") for finding in report.axe["light"]), report.axe


def test_axe_checks_the_dark_palette_separately(browser, planted):
    report = audit_page(browser, planted["dark-contrast"])
    assert not any("hn-planted-dim" in finding for finding in report.axe["light"]), report.axe
    assert any(f.startswith("color-contrast ") and "hn-planted-dim" in f for f in report.axe["dark"]), report.axe


def test_a_request_to_another_origin_is_recorded_and_blocked(browser, planted):
    report = audit_page(browser, planted["external-image"])
    assert report.outside_requests == ["https://images.example.com/pixel.png"]


def test_an_inline_script_is_a_csp_violation_and_a_console_error(browser, planted):
    report = audit_page(browser, planted["inline-script"])
    assert any(v.startswith("script-src-elem blocked inline") for v in report.csp_violations), report.csp_violations
    assert any("Content Security Policy" in error for error in report.console_errors), report.console_errors


def test_a_wide_element_is_reported_at_360px(browser, planted):
    report = audit_page(browser, planted["too-wide"])
    assert report.overflow["scrollWidth"] > report.overflow["width"]
    assert "div.hn-planted-wide" in report.overflow["culprits"]
