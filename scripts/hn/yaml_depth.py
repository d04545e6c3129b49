"""How deeply YAML may nest, checked before any loader composes it (no recursion)."""

from __future__ import annotations

import yaml

#: How deeply YAML may nest. An exercise needs five levels (a quiz, its questions, a question, its
#: options, an option); far deeper input would exhaust the stack of the composer (libyaml's is
#: recursive C, so a hundred thousand levels would crash Python outright). Refused before composing.
MAX_DEPTH = 32


class TooDeep(Exception):
    """YAML that nests more than MAX_DEPTH levels, and the line where it goes past the limit."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def check_depth(text: str, loader_class: type) -> None:
    """Raise TooDeep if `text` nests collections more than MAX_DEPTH deep (read as events: no recursion)."""
    loader = loader_class(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise TooDeep(event.start_mark.line + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
