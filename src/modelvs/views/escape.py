"""Making data inert in each output medium: the one place every renderer escapes strings from.

Catalog strings (names, ids, descriptions) come from outside. Whatever they hold, a renderer
prints them as text: never a Markdown link, heading break or table cell, never HTML or a
terminal escape sequence, never ill-formed XML, never a spreadsheet formula in a CSV cell. HTML
pages get the same `clean` through the template environment (autoescaping does the rest).
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

# Control characters (C0 but tab, newline and carriage return; DEL; C1) and the bidirectional
# formatting characters that can make text display in another order than it reads.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("[\t\n\r\u2028\u2029\x85]+")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Backslash first so the escapes added after it are not themselves escaped.
_MD = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "[": "\\[",
        "]": "\\]",
        "*": "\\*",
        "_": "\\_",
        "~": "\\~",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
    }
)
# What would start a block (heading, quote, list item, thematic break) at the start of a line.
_MD_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)](\s|$)))")


def clean(text: object) -> str:
    """`text` with control and bidirectional formatting characters removed; line breaks as spaces."""
    text = str(text)
    if text.isprintable():  # most text: every character removed or replaced below is unprintable
        return text
    return _CONTROL.sub("", _BREAKS.sub(" ", text))


def md(text: object) -> str:
    """A data string made inert in Markdown: one line without outer spaces (which would end an
    emphasis early), no HTML, no link, emphasis or code syntax, no table cell break, and nothing
    that starts a block where it begins a line."""
    out = clean(text).strip().translate(_MD)
    # A marker is escaped with a backslash before it; an ordered-list number, before its `.` or `)`.
    return _MD_BLOCK_START.sub(
        lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)),
        out,
        count=1,
    )


def terminal(text: object) -> str:
    """A data string for the rich console: no terminal escapes, and rich markup printed as itself."""
    from rich.markup import escape as rich_escape  # here: plain output never loads rich

    return rich_escape(clean(text))


def xml(text: object) -> str:
    """Text or attribute value for XML (Atom, SVG) and HTML: `clean`, escaped, and without the
    characters XML 1.0 cannot hold at all (a control character makes a feed ill-formed)."""
    out = unicodedata.normalize("NFC", str(text))
    if not out.isprintable():  # printable text is clean and valid XML already (see `clean`)
        out = _XML_INVALID.sub("", clean(out))
    return (
        out.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def json_script(data: Any) -> str:
    """JSON for a `<script type="application/ld+json">`: nothing in it can close the tag or open
    a comment (`<`, `>` and `&` as `\\u` escapes), and line separators are escaped for old parsers."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP's list)."""
CSV_RULE = (
    "Every CSV download puts a ' before a text cell that starts with =, +, -, @, a tab or a carriage"
    " return, so no spreadsheet runs a name as a formula."
)


def csv_text(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that starts like a formula gets a leading `'`.
    Numbers this project writes are never negative, and are not text: they pass as they are."""
    return "'" + text if text.startswith(_FORMULA_START) else text
