#!/usr/bin/env python3
"""Write the made-up LinkedIn connections export used by the map-your-network notebook.

Usage: make_sample_connections.py [OUTPUT]   (default: docs/notebooks/data/sample-connections.csv)

The file copies the layout of the Connections.csv in LinkedIn's "Get a copy of your data"
archive: a few "Notes:" lines, a blank line, then the header row and one row per
connection, newest first, with dates such as "26 Jul 2025" and mostly empty email
addresses. Everything in it is invented: whimsical surnames, obviously fictional
companies, addresses on example.com/example.org (reserved for documentation) and no
LinkedIn profile URLs. A fixed seed makes the output identical on every run, so the
notebook's stored outputs and the tests stay stable.
"""

from __future__ import annotations

import csv
import random
import sys
from datetime import date, timedelta
from pathlib import Path

SEED = 20250901
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "docs/notebooks/data/sample-connections.csv"

NOTES = [
    "Notes:",
    '"This is a made-up sample for The Human Network course. Every person, company and '
    'address in it is fictional; none of the profile links lead anywhere."',
    '"Like the real export, most email addresses are empty: people choose whether their '
    'connections can see them."',
    "",
]
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]

FIRST_NAMES = [
    "Amara", "Kenji", "Priya", "Mateo", "Zofia", "Oluwaseun", "Siobhan", "Lars", "Mei",
    "Aiyana", "Tomasz", "Nadia", "Diego", "Ingrid", "Kwame", "Leila", "Rohan", "Freya",
    "Hamid", "Yuki", "Chiara", "Emeka", "Saoirse", "Anders", "Lucía", "Tariq", "Noor",
    "Bartek", "Imogen", "Farah", "Joaquín", "Aroha", "Dmitri", "Efua", "Hannah", "Ravi",
    "Zoë", "Søren", "Anaïs", "Kofi", "Marisol", "Jonas", "Ayesha", "Callum", "Thandiwe",
    "Wei", "Esme", "Jorge", "Parisa", "Olamide",
]
SURNAMES = [
    "Brambleworth", "Pennyquill", "Thistledown", "Copperkettle", "Marblecrest",
    "Fernwhistle", "Larkspindle", "Quillfeather", "Mossbottom", "Tinderbox", "Puddlefoot",
    "Applewhistle", "Honeybrook", "Nettlefield", "Cobblestone", "Starlingham", "Wrenfold",
    "Buttonwood", "Glimmerstone", "Oakhollow", "Saltmarsh", "Figglewick", "Dapplegate",
    "Hazelmere", "Inkwell", "Juniperfold", "Kettleburn", "Lanternby", "Moonraker",
    "Pebbleton",
]

# Company name -> (weight before 2020, weight from 2020). The story: a bootcamp in 2015,
# a first job at Paper Crane Systems, then Teapot Cloud from 2020, with meetups throughout.
COMPANIES = {
    "Paper Crane Systems": (9, 2),
    "Teapot Cloud Ltd": (1, 10),
    "Lighthouse Coding School": (4, 1),
    "Nimbus Otter Analytics": (2, 3),
    "Lanternfish Software": (2, 2),
    "Hedgehog Data Co": (2, 2),
    "Moonbeam Robotics": (1, 2),
    "Blue Kettle Bank": (2, 2),
    "Velvet Compiler": (1, 2),
    "Saffron Bytes": (1, 1),
    "Tin Whistle Games": (1, 1),
    "Maple Circuit": (1, 1),
    "Driftwood DevOps": (1, 1),
    "Pocket Observatory": (1, 1),
    "Fennel & Fig Consulting": (1, 1),
    "Hollow Oak, Inc.": (1, 1),
    "Gingerbread Health": (1, 1),
    "Walrus Payments": (1, 2),
    "Clockwork Lemon Studio": (1, 1),
    "Northwind Owl Council": (1, 1),
    "Self-employed": (1, 1),
    "": (2, 2),
}

POSITIONS = {
    "engineering": [
        "Software Engineer", "Senior Software Engineer", "Backend Developer", "Frontend Developer",
        "Site Reliability Engineer", "DevOps Engineer", "Database Administrator", "QA Engineer",
        "Solutions Architect", "Mobile Developer", "Platform Engineer", "IT Support Technician",
    ],
    "data": ["Data Analyst", "Data Scientist", "Data Engineer", "Machine Learning Engineer", "BI Analyst"],
    "product": ["Product Manager", "Product Owner", "Senior Product Manager"],
    "design": ["UX Designer", "Product Designer", "UX Researcher"],
    "leadership": ["Engineering Manager", "Head of Engineering", "CTO", "Director of Data", "Co-founder"],
    "recruiting": ["Technical Recruiter", "Talent Partner", "People Partner"],
    "sales": ["Developer Advocate", "Account Executive", "Marketing Manager", "Community Manager"],
    "education": ["Student", "Bootcamp Instructor", "Lecturer in Computing", "Graduate Intern"],
    "other": ["Consultant", "Volunteer Coordinator", "Writer"],
}
KIND_WEIGHTS = {
    "engineering": 40, "data": 14, "product": 8, "design": 5, "leadership": 9,
    "recruiting": 7, "sales": 6, "education": 6, "other": 5,
}

# Connections added per year; the last year is partial (the sample's "today" is 1 Sep 2025).
PER_YEAR = {
    2015: 19, 2016: 31, 2017: 36, 2018: 27, 2019: 41, 2020: 22,
    2021: 38, 2022: 45, 2023: 29, 2024: 26, 2025: 18,
}
FIRST_DAY = date(2015, 9, 14)
LAST_DAY = date(2025, 8, 29)
EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]


def pick_weighted(rng: random.Random, weights: dict[str, int]) -> str:
    """Pick one key of ``weights`` with probability proportional to its value."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def random_day(rng: random.Random, year: int) -> date:
    """Return a random day in ``year`` that falls inside the sample's date range."""
    start = max(date(year, 1, 1), FIRST_DAY)
    end = min(date(year, 12, 31), LAST_DAY)
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def position_for(rng: random.Random, company: str) -> str:
    """Choose a job title, nudged by the kind of company (a school has students)."""
    if company == "Lighthouse Coding School":
        return rng.choice(POSITIONS["education"])
    if not company:
        return rng.choice(["", "", "Student", "Looking for my next role"])
    return rng.choice(POSITIONS[pick_weighted(rng, KIND_WEIGHTS)])


def make_rows(rng: random.Random) -> list[list[str]]:
    """Build every connection row, newest first, as the real export orders them."""
    people = []
    for year, count in PER_YEAR.items():
        era = 0 if year < 2020 else 1
        company_weights = {name: w[era] for name, w in COMPANIES.items()}
        for _ in range(count):
            company = pick_weighted(rng, company_weights)
            people.append((random_day(rng, year), company))
    people.sort(key=lambda person: person[0], reverse=True)

    rows = []
    for number, (connected_on, company) in enumerate(people, start=1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        url = f"https://example.com/in/{number:04d}" if rng.random() < 0.9 else ""
        email = ""
        if rng.random() < 0.15:
            email = f"{first}.{last}@{rng.choice(EMAIL_DOMAINS)}".lower()
        rows.append([
            first, last, url, email, company, position_for(rng, company),
            f"{connected_on.day:02d} {connected_on:%b %Y}",
        ])
    return rows


def main(argv: list[str]) -> int:
    """Write the sample to the given path (or the default) and report what was written."""
    if len(argv) > 1:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    output = Path(argv[0]) if argv else DEFAULT_OUTPUT
    rows = make_rows(random.Random(SEED))
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(NOTES) + "\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    print(f"wrote {len(rows)} made-up connections to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
