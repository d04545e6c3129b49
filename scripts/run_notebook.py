#!/usr/bin/env python3
"""Execute the course notebooks in place so their stored outputs are fresh and stable.

Usage: run_notebook.py [--check] [NOTEBOOK ...]
       (default: every .ipynb under docs/notebooks/)

The site renders notebooks without executing them (mkdocs-jupyter ``execute: false``), so
the outputs saved in each file are what learners see. This script runs every cell with
nbclient, from the notebook's own folder (so relative paths such as ``data/...`` work), and
then removes what changes from run to run or machine to machine: timing metadata, the
Python version and widget state. Two runs on the same inputs give identical files.

With ``--check`` nothing is written: the script exits 1 and names each notebook whose
stored outputs differ from a fresh run.

Exit codes: 0 success, 1 a notebook failed or (with --check) is stale, 2 usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "docs" / "notebooks"
TIMEOUT_SECONDS = 300
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
KEEP_LANGUAGE_INFO = ("codemirror_mode", "file_extension", "mimetype", "name",
                      "nbconvert_exporter", "pygments_lexer")


def execute(notebook: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    """Run every cell of ``notebook`` in a fresh kernel whose working directory is ``folder``."""
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT_SECONDS,
        kernel_name=KERNELSPEC["name"],
        resources={"metadata": {"path": str(folder)}},
        record_timing=False,
    )
    client.execute()
    return notebook


def strip_volatile(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop metadata that differs between runs or machines, so diffs show real changes only."""
    language_info = notebook.metadata.get("language_info", {})
    notebook.metadata = nbformat.from_dict({
        "kernelspec": KERNELSPEC,
        "language_info": {k: v for k, v in language_info.items() if k in KEEP_LANGUAGE_INFO},
    })
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
    return notebook


def fresh(path: Path) -> nbformat.NotebookNode:
    """Return the notebook at ``path`` executed and cleaned, without writing it."""
    notebook = nbformat.read(path, as_version=4)
    return strip_volatile(execute(notebook, path.parent))


def main(argv: list[str]) -> int:
    """Execute (or check) the notebooks named in ``argv``; see the module docstring."""
    check = "--check" in argv
    names = [arg for arg in argv if arg != "--check"]
    if any(name.startswith("-") for name in names):
        print("usage: run_notebook.py [--check] [NOTEBOOK ...]", file=sys.stderr)
        return 2
    paths = [Path(name) for name in names] or sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    status = 0
    for path in paths:
        try:
            notebook = fresh(path)
        except (OSError, CellExecutionError) as error:
            print(f"{path}: failed to execute: {error}", file=sys.stderr)
            status = 1
            continue
        text = nbformat.writes(notebook) + "\n"
        if check:
            if path.read_text(encoding="utf-8") != text:
                print(f"{path}: stored outputs are stale; run scripts/run_notebook.py {path}")
                status = 1
            continue
        path.write_text(text, encoding="utf-8")
        print(f"{path}: executed, {len(text.encode()) // 1024} KB")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
