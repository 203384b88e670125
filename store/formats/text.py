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
