"""Tests for the "Map your network" notebook (docs/notebooks/map-your-network.ipynb).

Four layers:

1. The whole notebook runs headlessly with nbclient on the bundled sample and on the
   contact-log template, and its key figures match numbers this file works out on its own
   from the sample with the csv module (none of the notebook's code is reused for that).
2. The analysis functions are loaded by executing the notebook's cells tagged ``library``
   in this process, then exercised directly: each kind of bad input gets its plain message.
3. The bundled files (sample, template, the stored notebook) are checked for the promises
   the course makes about them: made up, deterministic, light to render.
4. The notebook page's stylesheet: hooks/notebooks.py keeps only the rules of JupyterLab's
   stylesheet that can apply to the rendered notebook, so the page stays fast on a phone.

Needs no browser and no fixtures from conftest.py.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import re
import string
import zipfile
from collections import Counter
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from conftest import load_hook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "notebooks" / "map-your-network.ipynb"
SAMPLE = ROOT / "docs" / "notebooks" / "data" / "sample-connections.csv"
TEMPLATE = ROOT / "docs" / "downloads" / "contact-log-template.csv"
SAMPLE_SCRIPT = ROOT / "scripts" / "make_sample_connections.py"
SAMPLE_TODAY = date(2025, 9, 1)  # the notebook's fixed "today" for the sample
DORMANT_YEARS = 3  # the notebook's default
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
TEMPLATE_HEADER = ("Name,Where we met,Company,Role,Last contact (YYYY-MM-DD),"
                   "Next contact (YYYY-MM-DD),Notes")
# Stored in the notebook by a probe cell run after everything else (see run_notebook below).
PROBE = """
import json
print(json.dumps({
    "kind": network.kind,
    "total": len(contacts),
    "skipped": len(network.skipped),
    "per_year": {str(year): count for year, count in yearly.items()},
    "top_companies": [[name, count] for name, count in list(companies.items())[:10]],
    "dormant": len(dormant),
    "plan_rows": len(plan),
}))
"""


# --- Independent calculations from the sample (csv module only) ---------------------------

def read_sample_rows() -> list[dict[str, str]]:
    """Rows of the sample as dicts, found by skipping to the line that is the exact header."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    start = lines.index(LINKEDIN_HEADER)
    return list(csv.DictReader(lines[start:]))


def connected_on(row: dict[str, str]) -> date:
    """Parse the sample's date format with strptime (the notebook parses it differently)."""
    return datetime.strptime(row["Connected On"], "%d %b %Y").date()


@pytest.fixture(scope="module")
def expected() -> dict:
    """Work out the key figures without any of the notebook's code."""
    rows = read_sample_rows()
    years = Counter(connected_on(row).year for row in rows)
    companies = Counter(row["Company"] for row in rows if row["Company"])
    top = sorted(companies.items(), key=lambda item: (-item[1], item[0].casefold()))[:10]
    cutoff = SAMPLE_TODAY.replace(year=SAMPLE_TODAY.year - DORMANT_YEARS)
    return {
        "total": len(rows),
        "per_year": {str(y): years.get(y, 0) for y in range(min(years), SAMPLE_TODAY.year + 1)},
        "top_companies": [[name, count] for name, count in top],
        "dormant": sum(connected_on(row) <= cutoff for row in rows),
    }


# --- Running the notebook -------------------------------------------------------------------

def run_notebook(overrides: str = "", probe: bool = True) -> tuple[nbformat.NotebookNode, str]:
    """Execute the notebook in a fresh kernel from its own folder; return it and any error.

    ``overrides`` is code run right after the settings cell, as a learner editing it would.
    """
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    if overrides:
        at = next(i for i, cell in enumerate(notebook.cells)
                  if "parameters" in cell.metadata.get("tags", []))
        notebook.cells.insert(at + 1, nbformat.v4.new_code_cell(overrides))
    if probe:
        notebook.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        return notebook, str(error)
    return notebook, ""


def probe_result(notebook: nbformat.NotebookNode) -> dict:
    """Return the JSON printed by the probe cell."""
    return json.loads("".join(out.get("text", "") for out in notebook.cells[-1].outputs))


def all_output_text(notebook: nbformat.NotebookNode) -> str:
    """Every text-like output of the notebook, joined."""
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            for mime in ("text/markdown", "text/plain", "text/html"):
                parts.append(output.get("data", {}).get(mime, ""))
            parts.extend(output.get("traceback", []))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def sample_run() -> nbformat.NotebookNode:
    """Execute the notebook on the bundled sample, once for the whole module."""
    notebook, error = run_notebook()
    assert not error, error
    return notebook


@pytest.fixture(scope="module")
def stored() -> nbformat.NotebookNode:
    """Read the notebook as committed, with the outputs the site renders."""
    return nbformat.read(NOTEBOOK, as_version=4)


def test_runs_on_the_sample_without_errors(sample_run):
    errors = [out for cell in sample_run.cells for out in cell.get("outputs", [])
              if out.output_type == "error" or out.get("name") == "stderr"]
    assert errors == []


def test_key_figures_match_an_independent_count(sample_run, expected):
    result = probe_result(sample_run)
    assert result["kind"] == "LinkedIn connections export"
    assert result["total"] == expected["total"]
    assert result["skipped"] == 0
    assert result["per_year"] == expected["per_year"]
    assert result["top_companies"] == expected["top_companies"]
    assert result["dormant"] == expected["dormant"]


def test_stored_page_states_the_right_figures(stored, expected):
    text = all_output_text(stored)
    busiest = max(expected["per_year"], key=lambda y: (expected["per_year"][y], y))
    assert f"**{expected['total']} connections**" in text
    assert f"busiest year was **{busiest}**" in text
    assert f"**{expected['top_companies'][0][0]}**" in text
    assert f"**{expected['dormant']}** of your {expected['total']} connections" in text


def test_stored_outputs_are_fresh(sample_run, stored):
    """The committed outputs are exactly what the code produces (run scripts/run_notebook.py)."""
    fresh_cells = sample_run.cells[:-1]  # drop the probe
    assert [c.source for c in fresh_cells] == [c.source for c in stored.cells]
    for fresh, old in zip(fresh_cells, stored.cells, strict=True):
        if fresh.cell_type == "code":
            assert fresh.outputs == old.outputs, (
                f"cell {old.id}: stored outputs are stale; run scripts/run_notebook.py")


def test_runs_on_the_contact_log_template_with_a_shortlist():
    shortlist = ["Mei Thistledown", "kofi pennyquill", "Someone Offline"]
    notebook, error = run_notebook(f"CSV_PATH = {str(TEMPLATE)!r}\n"
                                   f"TODAY = '2025-09-01'\nSHORTLIST = {shortlist!r}")
    assert not error, error
    result = probe_result(notebook)
    assert result["kind"] == "contact log"
    assert result["total"] == 3
    assert result["dormant"] == 1  # Kofi, last in touch in March 2021
    assert result["plan_rows"] == 3
    assert "Not found in your file (fine if they aren't in it): Someone Offline." in (
        all_output_text(notebook))


def test_bad_file_in_the_notebook_gives_a_message_not_a_traceback(tmp_path):
    wrong = tmp_path / "statement.csv"
    wrong.write_text("Date,Amount,Description\n2025-01-02,12.50,Coffee\n", encoding="utf-8")
    notebook, error = run_notebook(f"CSV_PATH = {str(wrong)!r}", probe=False)
    assert error, "a wrong file must stop the notebook"
    load = next(cell for cell in notebook.cells if cell.get("id") == "load")
    assert [out.output_type for out in load.outputs] == ["stream"]
    message = load.outputs[0].text
    assert message.startswith("Problem: This doesn't look like a LinkedIn")
    assert "Traceback" not in message and "File \"" not in message


# --- The analysis functions, loaded from the notebook --------------------------------------

@pytest.fixture(scope="module")
def nb() -> dict:
    """Execute the notebook's ``library`` cells here; return them as a namespace."""
    namespace: dict = {}
    for cell in nbformat.read(NOTEBOOK, as_version=4).cells:
        if "library" in cell.metadata.get("tags", []):
            exec(compile(cell.source, f"<{NOTEBOOK.name}:{cell.id}>", "exec"), namespace)
    return namespace


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` in ``encoding`` and return the path."""
    return write_bytes(path, text.encode(encoding))


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` and return the path."""
    path.write_bytes(data)
    return path


NOTES = 'Notes:\n"Made up for the tests."\n\n'
ROWS = ("Zoë,Brambleworth,,,Teapot Cloud Ltd,Data Engineer,26 Jul 2025\n"
        "José,Pennyquill,,,Paper Crane Systems,CTO,02 Jan 2019\n")
GOOD = NOTES + LINKEDIN_HEADER + "\n" + ROWS


def make_zip(path: Path) -> Path:
    """Write a ZIP archive holding a good export, as LinkedIn sends it."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", GOOD)
    return path


BAD_INPUTS = {
    "missing file": (lambda d: d / "nowhere.csv", "There is no file at"),
    "folder": (lambda d: d, "is a folder"),
    "wrong file": (lambda d: write(d / "bank.csv", "Date,Amount\n2025-01-02,3.50\n"),
                   "doesn't look like a LinkedIn connections export"),
    "zip archive": (lambda d: make_zip(d / "Basic_LinkedInDataExport.zip"), "is a ZIP archive"),
    "missing column": (lambda d: write(d / "c.csv", NOTES + LINKEDIN_HEADER.rsplit(",", 1)[0]
                                       + "\nAda,Quill,,,Acme,Dev\n"),
                       "missing the column Connected On"),
    "missing columns": (lambda d: write(d / "c.csv", "First Name,Last Name\nAda,Quill\n"),
                        "missing the columns Company, Position, Connected On"),
    "log missing date": (lambda d: write(d / "log.csv", "Name,Where we met,Company\nAda,x,y\n"),
                         "contact log, but the header row (line 1) is missing the column "
                         "Last contact (YYYY-MM-DD)"),
    "empty file": (lambda d: write(d / "c.csv", ""), "is empty"),
    "blank lines only": (lambda d: write(d / "c.csv", "\n  \n\n"), "is empty"),
    "header only": (lambda d: write(d / "c.csv", NOTES + LINKEDIN_HEADER + "\n"),
                    "has a header row but no contacts"),
    "no readable dates": (lambda d: write(d / "c.csv", LINKEDIN_HEADER + "\nA,B,,,C,D,soon\n"
                                          "E,F,,,G,H,\n"),
                          "All 2 rows had dates that couldn't be read"),
    "binary": (lambda d: write_bytes(d / "photo.csv", bytes(range(256)) * 4),
               "can't be read as text"),
    "no known encoding": (lambda d: write_bytes(d / "odd.csv", b"First Name,Last Name\n"
                                                b"\x81\x8d\x8f\x90\x9d\n"),
                          "can't be read as text"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_gets_a_clear_message(nb, tmp_path, case):
    make_path, message = BAD_INPUTS[case]
    with pytest.raises(nb["InputProblem"]) as problem:
        nb["load_network"](make_path(tmp_path))
    assert message in str(problem.value)
    assert len(str(problem.value)) < 400, "messages stay short enough to read"


def test_unreadable_dates_are_skipped_counted_and_reported(nb, tmp_path):
    path = write(tmp_path / "c.csv", NOTES + LINKEDIN_HEADER + "\n" + ROWS
                 + "Ada,Quill,,,Acme,Dev,Jul 2025\n"
                 + "Bo,Quill,,,Acme,Dev,31 Feb 2020\n"
                 + "Cy,Quill,,,Acme,Dev,\n")
    network = nb["load_network"](path)
    assert len(network.contacts) == 2
    # Lines 1-3 are notes, line 4 the header, lines 5-6 good rows.
    assert network.skipped == [(7, "Jul 2025"), (8, "31 Feb 2020"), (9, "")]
    report = nb["describe_file"](network, path, SAMPLE_TODAY)
    assert "**3 rows skipped**" in report
    assert "line 7 ('Jul 2025')" in report and "line 9 (empty)" in report


@pytest.mark.parametrize("encoding, delimiter, note", [
    ("utf-8", ",", None),
    ("utf-8-sig", ",", None),
    ("cp1252", ",", "read as Windows-1252"),
    ("utf-16", "\t", "saved as UTF-16"),  # Excel's "Unicode Text": BOM and tabs
    ("utf-16-le", ",", "saved as UTF-16"),  # no byte-order mark
    ("utf-8", ";", None),  # spreadsheets in many European locales
])
def test_other_encodings_and_delimiters_are_read_with_a_note(nb, tmp_path, encoding, delimiter,
                                                             note):
    text = GOOD.replace(",", delimiter) if delimiter != "," else GOOD
    path = write(tmp_path / "c.csv", text.replace("\n", "\r\n"), encoding)
    network = nb["load_network"](path)
    assert [c.name for c in network.contacts] == ["Zoë Brambleworth", "José Pennyquill"]
    report = nb["describe_file"](network, path, SAMPLE_TODAY)
    if note:
        assert note in report
    else:
        assert "UTF-8" in report and "Windows-1252" not in report


@pytest.mark.parametrize("setting, path, today", [
    (None, SAMPLE, SAMPLE_TODAY),
    (None, TEMPLATE, date.today()),
    ("2024-02-29", TEMPLATE, date(2024, 2, 29)),
    ("29 Feb 2024", SAMPLE, date(2024, 2, 29)),
    (date(2020, 1, 1), SAMPLE, date(2020, 1, 1)),
])
def test_choose_today(nb, setting, path, today):
    assert nb["choose_today"](setting, path, SAMPLE_TODAY) == today


def test_a_bad_today_setting_gets_a_clear_message(nb):
    with pytest.raises(nb["InputProblem"], match="TODAY in the settings cell should be"):
        nb["choose_today"]("next Tuesday", SAMPLE, SAMPLE_TODAY)


def test_contact_log_template_is_detected(nb):
    network = nb["load_network"](TEMPLATE)
    assert network.kind == "contact log"
    assert [c.first_name for c in network.contacts] == ["Ada", "Kofi", "Mei"]
    assert network.contacts[1].when == date(2021, 3, 4)


@given(notes=st.lists(st.text(alphabet=string.ascii_letters + ' ."', max_size=40), max_size=12))
@settings(max_examples=50, deadline=None)
def test_header_is_found_after_any_number_of_notes_lines(nb, notes):
    lines = [*notes, LINKEDIN_HEADER, "Ada,Quill,,,Acme,Dev,26 Jul 2025"]
    index, kind, delimiter, cells = nb["find_header"](lines)
    assert (index, kind, delimiter) == (len(notes), "LinkedIn connections export", ",")
    assert cells[-1] == "Connected On"


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_dates_in_the_export_format_parse(nb, day):
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    text = f"{day.day:02d} {months[day.month - 1]} {day.year}"
    assert nb["parse_date"](text) == day
    assert nb["parse_date"](day.isoformat()) == day


@pytest.mark.parametrize("text", ["", "Jul 2025", "31 Feb 2020", "26 Jux 2025", "26/07/2025",
                                  "2025-13-01", "yesterday", "26 Julyish 2025"])
def test_unreadable_dates_give_none(nb, text):
    assert nb["parse_date"](text) is None


@pytest.mark.parametrize("title, kind", [
    ("Senior Software Engineer", "Engineering & IT"),
    ("Database Administrator", "Engineering & IT"),
    ("Data Scientist", "Data"),
    ("Engineering Manager", "Leadership"),
    ("CTO", "Leadership"),
    ("Product Manager", "Product"),
    ("Product Designer", "Design"),
    ("Technical Recruiter", "Recruiting & people"),
    ("Developer Advocate", "Sales, marketing & community"),
    ("Graduate Intern", "Students & teaching"),
    ("Writer", "Other"),
    ("", "Not given"),
])
def test_role_kinds(nb, title, kind):
    assert nb["role_kind"](title) == kind


def test_concentration_flags_a_one_company_network(nb):
    result = nb["concentration"]({"Acme": 6, "Globex": 2, "Initech": 2})
    assert result["top_share"] == pytest.approx(0.6)
    assert result["top3_share"] == pytest.approx(1.0)
    assert result["effective"] == pytest.approx(1 / (0.36 + 0.04 + 0.04))


def test_dormant_ties_start_exactly_the_given_years_ago(nb):
    contact = nb["Contact"]
    people = [contact("Then", "Then", "", "", date(2022, 9, 1)),
              contact("Day after", "Day", "", "", date(2022, 9, 2))]
    assert [c.name for c in nb["dormant_ties"](people, SAMPLE_TODAY, 3)] == ["Then"]


def test_shortlist_takes_one_person_per_company(nb):
    contact = nb["Contact"]
    people = [contact(name, name, company, "", date(2015, 1, 1)) for name, company in
              [("A", "Acme"), ("B", "acme"), ("C", ""), ("D", ""), ("E", "Globex")]]
    assert [c.name for c in nb["spread_shortlist"](people, size=3)] == ["A", "C", "D"]


def test_contact_plan_rhythms_and_dates(nb):
    names = [f"Person {n}" for n in range(10)]
    plan = nb["contact_plan"](names, SAMPLE_TODAY)
    assert [entry["rhythm"] for entry in plan] == (
        ["every month"] * 3 + ["every 3 months"] * 5 + ["every 6 months"] * 2)
    assert [len(entry["dates"]) for entry in plan] == [12] * 3 + [4] * 5 + [2] * 2
    firsts = [entry["dates"][0] for entry in plan]
    assert all(later > earlier for earlier, later in pairwise(firsts))
    every_date = [day for entry in plan for day in entry["dates"]]
    assert all(day.weekday() < 5 for day in every_date), "no check-ins at weekends"
    assert all(SAMPLE_TODAY < day <= SAMPLE_TODAY + timedelta(days=366) for day in every_date)


@pytest.mark.parametrize("start, months, end", [
    (date(2025, 1, 31), 1, date(2025, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2025, 11, 30), 3, date(2026, 2, 28)),
    (date(2025, 9, 2), 12, date(2026, 9, 2)),
])
def test_add_months(nb, start, months, end):
    assert nb["add_months"](start, months) == end


def test_reconnect_message_is_gentle_and_personal(nb):
    network = nb["load_network"](SAMPLE)
    contact = network.contacts[-1]
    message = nb["reconnect_message"](contact, network)
    assert message.startswith(f"Hi {contact.first_name},")
    assert str(contact.when.year) in message and "[" in message  # a gap for a real memory
    assert "?" in message


# --- The bundled files ----------------------------------------------------------------------

def test_sample_looks_like_the_real_export_and_is_made_up():
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Notes:" and lines.index(LINKEDIN_HEADER) >= 3
    rows = read_sample_rows()
    assert 200 <= len(rows) <= 600
    days = [connected_on(row) for row in rows]
    assert days == sorted(days, reverse=True), "newest first, like the export"
    assert days[-1] <= SAMPLE_TODAY - timedelta(days=365 * 9.5) and days[0] < SAMPLE_TODAY
    assert all(re.fullmatch(r"\d{2} [A-Z][a-z]{2} \d{4}", row["Connected On"]) for row in rows)
    assert all(row["URL"] == "" or re.fullmatch(r"https://example\.com/in/\d+", row["URL"])
               for row in rows), "no URL may look like a real profile"
    emails = [row["Email Address"] for row in rows if row["Email Address"]]
    assert len(emails) < len(rows) / 2, "most emails are empty, as in the real export"
    assert all(re.fullmatch(r"[^@\s]+@example\.(com|org|net)", email) for email in emails)


def test_sample_is_reproducible_from_its_script(tmp_path):
    spec = importlib.util.spec_from_file_location("make_sample_connections", SAMPLE_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(tmp_path / "sample.csv")]) == 0
    assert (tmp_path / "sample.csv").read_bytes() == SAMPLE.read_bytes()


def test_contact_log_template_columns_and_examples():
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    assert lines[0] == TEMPLATE_HEADER
    rows = list(csv.DictReader(lines))
    assert 2 <= len(rows) <= 3
    for row in rows:
        date.fromisoformat(row["Last contact (YYYY-MM-DD)"])
        date.fromisoformat(row["Next contact (YYYY-MM-DD)"])


def test_stored_notebook_is_executed_and_free_of_volatile_metadata(stored):
    assert set(stored.metadata) == {"kernelspec", "language_info"}
    assert "version" not in stored.metadata.language_info
    for cell in stored.cells:
        assert "execution" not in cell.metadata
        if cell.cell_type == "code":
            assert cell.execution_count is not None, f"cell {cell.id} was not run"
            assert all(out.output_type != "error" for out in cell.outputs)


def test_settings_cell_comes_first_with_the_sample_as_default(stored):
    first_code = next(cell for cell in stored.cells if cell.cell_type == "code")
    assert "parameters" in first_code.metadata.get("tags", [])
    assert 'CSV_PATH = "data/sample-connections.csv"' in first_code.source
    assert "TODAY = None" in first_code.source
    assert "SHORTLIST = []" in first_code.source


def test_every_chart_has_alt_text_and_a_caption_below(stored):
    charts = 0
    for index, cell in enumerate(stored.cells):
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            if html.startswith("<img"):
                charts += 1
                alt = re.search(r'alt="([^"]+)"', html)
                assert alt and len(alt.group(1)) > 40, f"cell {cell.id}: chart needs alt text"
                assert 'width="' in html and 'height="' in html
                caption = stored.cells[index + 1]
                assert caption.cell_type == "markdown"
                assert caption.source.startswith("**Figure ")
    assert charts == 5


def test_rendered_notebook_stays_light(stored):
    """The notebook's own content on the page (charts, code, text) stays small once gzipped.

    mkdocs-jupyter adds about 90 KB (gzipped) of its own inline CSS to every notebook page;
    hooks/notebooks.py prunes it (tested at the end of this file).
    """
    from mkdocs_jupyter.convert import nb2html

    page = nb2html(str(NOTEBOOK), execute=False, theme="light", include_requirejs=False)
    content = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    images = "".join(re.findall(r'src="data:[^"]*"', content))
    assert len(gzip.compress(images.encode())) < 20_000
    assert len(gzip.compress(content.encode())) < 55_000
    assert len(gzip.compress(page.encode())) < 150_000


def test_notebook_makes_no_network_requests_or_uploads(stored):
    code = "\n".join(cell.source for cell in stored.cells if cell.cell_type == "code")
    for forbidden in ("requests", "urllib.request", "http.client", "socket", "urlopen",
                      "smtplib", "webbrowser"):
        assert forbidden not in code, f"the notebook must not use {forbidden}"


# --- The page's stylesheet (hooks/notebooks.py) ---------------------------------------------

@pytest.fixture(scope="module")
def hook():
    """hooks/notebooks.py, loaded as a module (MkDocs loads hooks by path, not as a package)."""
    return load_hook("notebooks")


PAGE = ('<div class="jupyter-wrapper"><div class="jp-Cell jp-CodeCell">'
        '<div class="jp-InputArea"><pre><span class="k">def</span></pre></div></div>'
        '<table class="dataframe"><tbody><tr><td>1</td></tr></tbody></table></div>')


def pruned_selectors(hook, css: str, html: str = PAGE) -> list[str]:
    """Return the selectors (or at-rule heads) left in `css` after pruning for `html`."""
    return [line.split("{")[0] for line in hook.prune_css(css, html).splitlines() if line]


@pytest.mark.parametrize("selector", [
    ".jupyter-wrapper .jp-CodeCell .jp-InputArea",
    ".jupyter-wrapper pre .k",
    "table.dataframe tbody tr:nth-child(odd)",
    ".jp-Cell:not(.jp-mod-active) .jp-InputArea",
    ".jupyter-wrapper table.dataframe tbody tr:hover",  # states are assumed to happen
    ".jupyter-wrapper .jp-InputArea:focus-within pre",
    ".jupyter-wrapper .jp-Cell::before",
    ".jupyter-wrapper ::selection",
    "[data-md-color-scheme=slate] .jupyter-wrapper",  # the reader's palette choice
    ".jupyter-wrapper .md-typeset__scrollwrap",  # Material's JavaScript wraps tables
    ".md-typeset .jupyter-wrapper pre",  # climbs out into the page around the notebook
    ".jp-Cell:is(.jp-CodeCell, .jp-MarkdownCell)",
])
def test_pruning_keeps_rules_that_can_apply(hook, selector):
    assert pruned_selectors(hook, f"{selector}{{color:red}}") == [selector]


@pytest.mark.parametrize("selector", [
    ".jupyter-wrapper .jp-FileBrowser",
    ".jupyter-wrapper .jp-Toolbar button",
    ".jupyter-wrapper h5 .anchor-link",  # no such heading in the page
    ".jupyter-wrapper .jp-Cell.jp-mod-active .jp-InputArea",  # JupyterLab's app state
])
def test_pruning_drops_rules_nothing_can_match(hook, selector):
    assert pruned_selectors(hook, f"{selector}{{color:red}}") == []


@pytest.mark.parametrize("selector", [
    ".jupyter-wrapper :root",  # scoped wrongly by mkdocs-jupyter: can never match
    "[data-jp-theme-light=true] .jp-Cell",  # no element has the attribute
    ".jp-Cell:not(:hover):not(.jp-CodeCell)",
])
def test_pruning_keeps_a_rule_whose_parts_all_exist_even_if_they_never_meet(hook, selector):
    # Only classes and elements are checked, not how they sit in the page: matching every
    # selector against the page cost a tenth of a second a build to save about 0.6 KB (gzip).
    # Such a rule matches nothing in the browser either, so the page looks the same.
    assert pruned_selectors(hook, f"{selector}{{color:red}}") == [selector]


def test_pruning_keeps_only_the_matching_part_of_a_selector_list(hook):
    assert pruned_selectors(hook, "h1 .k, pre .k, h6 .k {color:red}") == ["pre .k"]


def test_pruning_keeps_custom_properties_in_use_and_what_they_refer_to(hook):
    css = (".jupyter-wrapper{--a:var(--b);--b:red;--unused:blue;--also-unused:var(--b)}"
           ".jp-FileBrowser{color:var(--c)}.jupyter-wrapper{--c:green}"
           ".jupyter-wrapper pre{color:var(--a)}")
    assert hook.prune_css(css, PAGE).splitlines() == [
        ".jupyter-wrapper{--a:var(--b);--b:red}", ".jupyter-wrapper pre{color:var(--a)}"]


def test_pruning_keeps_media_queries_and_keyframes_only_when_used(hook):
    css = ("@charset \"UTF-8\";@keyframes spin{to{transform:rotate(1turn)}}@keyframes fade{to{opacity:0}}"
           "@media print{.jp-Cell{break-inside:avoid}.jp-Toolbar{display:none}}"
           "@media (max-width:760px){.jp-Toolbar{display:none}}"
           ".jp-Cell{animation:1s fade}")
    assert pruned_selectors(hook, css) == [
        "@keyframes fade", "@media print", ".jp-Cell", "}", ".jp-Cell"]


@pytest.mark.parametrize(("body", "pairs"), [
    ("color: red; margin : 0 ;", [("color", "red"), ("margin", "0")]),
    ("color:red !important;--x:1", [("color", "red!important"), ("--x", "1")]),
    ("content: \"a;b\"; quotes:'{' '}'", [("content", '"a;b"'), ("quotes", "'{' '}'")]),
    ("background:url(data:image/png;base64,AA==)", [("background", "url(data:image/png;base64,AA==)")]),
    ("--y: var(--a, calc(1px; 2px)); top:0", [("--y", "var(--a, calc(1px; 2px))"), ("top", "0")]),
    ("/* a; b */ color: /* c */ red", [("color", "red")]),
    ("*zoom: 1; color red; : x; left:0", [("left", "0")]),  # what browsers drop
])
def test_declarations_split_like_a_css_parser(hook, body, pairs):
    assert hook._declarations(body) == pairs


def test_pruning_drops_what_browsers_cannot_parse(hook):
    css = ".jupyter-wrapper pre{margin:0}\n['pre { line-height: 125%; }\\ntd.linenos .normal {']"
    assert pruned_selectors(hook, css) == [".jupyter-wrapper pre"]


def test_notebook_page_stylesheet_is_pruned_to_a_few_kilobytes(hook):
    """The real page: JupyterLab's 90 KB (gzipped) shrink to what the notebook uses."""
    from mkdocs_jupyter.convert import nb2html

    page = nb2html(str(NOTEBOOK), execute=False, theme="light", include_requirejs=False)
    css = "\n".join(re.findall(r"<style[^>]*>(.*?)</style>", page, flags=re.S))
    content = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    pruned = hook.prune_css(css, content)
    assert len(gzip.compress(css.encode())) > 80_000  # if this fails, mkdocs-jupyter changed
    assert len(gzip.compress(pruned.encode())) < 6_000
    for kept in (".highlight-ipynb .k{", "[data-md-color-scheme=slate] .jupyter-wrapper{",
                 ".jupyter-wrapper .jp-OutputArea-output{", "--jp-mirror-editor-keyword-color:"):
        assert kept in pruned, f"lost {kept}"
    assert "jp-FileBrowser" not in pruned and "--md-pink-50" not in pruned


def test_a_rebuild_reuses_the_pruned_stylesheet_until_the_notebook_changes(hook, tmp_path, monkeypatch):
    css = ".jp-Cell{color:red}.jp-FileBrowser{color:blue}"
    first = hook.cached_prune(css, PAGE, tmp_path)
    assert first == hook.prune_css(css, PAGE) and len(list(tmp_path.glob("*.css"))) == 1
    monkeypatch.setattr(hook, "prune_css", lambda *_: pytest.fail("pruned again instead of reusing the copy"))
    assert hook.cached_prune(css, PAGE, tmp_path) == first
    monkeypatch.setattr(hook, "prune_css", lambda css, html: "changed")
    assert hook.cached_prune(css, PAGE + "<p>new cell</p>", tmp_path) == "changed"
    (tmp_path / "file").write_text("a file, not a folder", encoding="utf-8")
    assert hook.cached_prune(css, PAGE, tmp_path / "file" / "cache") == "changed"  # cannot be written: still pruned
