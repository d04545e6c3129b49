"""Turn slips an author cannot see into words: odd characters by name, and common YAML mistakes."""

from __future__ import annotations

import json
import re
import unicodedata

# Python has no names for control characters; these are Unicode's own aliases for them.
_C0 = ("NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
       "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED",
       "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO",
       "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE",
       "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "FILE SEPARATOR",
       "GROUP SEPARATOR", "RECORD SEPARATOR", "UNIT SEPARATOR")
_NAMES = {**dict(enumerate(_C0)), 0x7F: "DELETE", 0x85: "NEXT LINE"}


def char_name(char: str) -> str:
    """Name a character by code point, e.g. "U+200B ZERO WIDTH SPACE"."""
    code = ord(char)
    name = _NAMES.get(code) or unicodedata.name(char, "")
    if not name:
        category = unicodedata.category(char)
        name = {"Cc": "a control character", "Cs": "half of a surrogate pair",
                "Co": "a private-use character"}.get(category, "an unassigned character")
    return f"U+{code:04X} {name}"


#: Characters no text should hold: controls (but tab and line breaks), surrogates and non-characters.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                     + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)) + "]")


def is_control(char: str) -> bool:
    """Say whether no text should hold `char` (see CONTROL)."""
    return CONTROL.match(char) is not None


def is_invisible(char: str) -> bool:
    """Say whether `char` is a space other than the ordinary one, or a format character such as U+200B."""
    return char != " " and (unicodedata.category(char) in {"Zs", "Zl", "Zp", "Cf"} or is_control(char))


def odd_character_note(value: str) -> str:
    """Say which character keeps `value` from being plain ASCII, e.g. a Cyrillic letter or a zero-width space.

    Returns "" when every character is printable ASCII. Meant for ids, markers and links,
    where a look-alike or invisible character makes "unknown id" messages baffling.
    """
    for char in value:
        if " " <= char <= "~":
            continue
        if is_invisible(char):
            return f" (it contains {char_name(char)}, which is invisible: delete it and retype)"
        script = unicodedata.name(char, "").split(" ")[0]
        if char.isalpha() and script not in {"LATIN", ""}:
            return f" (it contains {char_name(char)}, not a Latin letter: retype it)"
        return f" (it contains {char_name(char)}: use plain ASCII letters, digits and hyphens)"
    return ""


_KEY_AND_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>\S.*?)\s*$")
_KEY_THEN_ODD_SPACE = re.compile(
    r"^\s*(?:-\s+)?(?P<key>[A-Za-z_][\w-]*):(?P<odd>[^\S \t\r\n]|[\u200b-\u200d\u2060\ufeff])")


def yaml_hint(lines: list[str], line: int, context_line: int | None, problem: str) -> tuple[int, str] | None:
    """Explain a YAML syntax error caused by a common slip: (0-based line, message), or None.

    `line` is where the parser stopped and `context_line` where the construct it was reading
    began; the slip is often a line or two above where the parser noticed.
    """
    first = max(0, min(line - 1, context_line if context_line is not None else line))
    for number in range(first, min(line, len(lines) - 1) + 1):
        text = lines[number]
        if (match := _KEY_THEN_ODD_SPACE.match(text)) is not None:
            return number, (f"'{match['key']}:' is followed by {char_name(match['odd'])}, not an ordinary space, "
                            "so YAML does not see a key here: retype the space after the colon")
        indent = text[: len(text) - len(text.lstrip())]
        if odd := next((char for char in indent if char not in " \t"), None):
            return number, f"the indentation holds {char_name(odd)}: indent with ordinary spaces only"
    text = lines[line] if 0 <= line < len(lines) else ""
    indent = text[: len(text) - len(text.lstrip())]
    if "\t" in indent or "'\\t'" in problem:
        return line, "a tab in the indentation: YAML indents with spaces only, so replace the tab with spaces"
    if problem.startswith("mapping values are not allowed") and (match := _KEY_AND_VALUE.match(text)):
        value = match["value"]
        if ": " in value or value.endswith(":"):
            fix = json.dumps(value, ensure_ascii=False)
            fix = fix if len(fix) <= 50 else fix[:46] + '..."'
            return line, (f"the unquoted text after '{match['key']}:' holds a colon and a space, which YAML "
                          f"reads as a new key: put the text in quotes, as in {match['key']}: {fix}")
    return None
