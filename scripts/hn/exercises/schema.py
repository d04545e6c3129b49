"""Write the JSON Schema of the exercise format (for editor autocompletion).

Usage: python -m hn.exercises.schema [OUTPUT]   (default: exercises/schema.json)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import TypeAdapter

from hn.exercises.model import Exercise


def schema() -> dict:
    """Return the JSON Schema for one exercise file."""
    result = TypeAdapter(Exercise).json_schema()
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["title"] = "The Human Network exercise (quiz or worksheet)"
    return result


def main(argv: list[str]) -> int:
    """Write the schema to the given path."""
    out = Path(argv[0]) if argv else Path("exercises/schema.json")
    out.write_text(json.dumps(schema(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
