"""Text bound for line-based formats (RIS, the export notes, the digest's text lines).

In such a format a line break inside a value ends the value: a newline in an author name
could start a forged RIS reference of its own. Every character Python treats as a line
boundary is folded to one space, so one value is always one line.
"""

from __future__ import annotations

import re

#: \n \r \v \f, FS/GS/RS (\x1c-\x1e), NEL (\x85), LINE and PARAGRAPH SEPARATOR: exactly
#: the boundaries of str.splitlines().
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """`text` with every run of line breaks made one space."""
    return _LINE_BREAKS.sub(" ", text) if text else text


#: C0 and C1 controls (ESC, CR, BS, ...) and the bidirectional overrides and isolates: what
#: a terminal acts on instead of showing (`\r\x1b[1A` rewrites the line above).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with every control character shown as an escape (`\\r`, `\\x1b`, `\\u202e`),
    for server text printed to a terminal: it reads as sent and cannot move the cursor."""
    return _CONTROLS.sub(lambda m: repr(m.group())[1:-1], text) if text else text
