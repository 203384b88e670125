"""Removing the API key and e-mail from whatever a server echoes, in any spelling.

A server may echo a secret upper-cased, URL-encoded once or twice, as HTML entities
(`&#064;`, `&commat;`), JSON-escaped, base64-encoded or split by zero-width characters.
Instead of listing spellings, each character of a secret is matched in every encoding it
may take, with invisible characters allowed between characters, case-insensitively: one
pattern per secret, for text and for bytes.
"""

from __future__ import annotations

import base64
import html
import re
from html.entities import html5
from urllib.parse import quote, quote_plus, unquote

#: Characters a server (or an attacker) may slip between a secret's characters.
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
_GAP = (
    "(?:"
    + "|".join(
        [re.escape(c) for c in _INVISIBLE]
        + [rf"&#0*{ord(c)};" for c in _INVISIBLE]
        + [rf"&#x0*{ord(c):x};" for c in _INVISIBLE]
        + [r"%E2%80%8B", r"%E2%81%A0"]
    )
    + ")*"
)


def _char_forms(char: str) -> list[str]:
    """Regex alternatives for one character: itself, %XX (also %25XX), &#N;, &#xH;, named
    entities, \\uXXXX, + for a space."""
    code = ord(char)
    forms = [re.escape(char)]
    encoded = char.encode("utf-8")
    forms.append("".join(f"%(?:25)*{b:02x}" for b in encoded))
    forms += [rf"&#0*{code};", rf"&#x0*{code:x};", rf"\\u{code:04x}"]
    forms += [re.escape("&" + name) for name, value in html5.items() if value == char]
    if char == " ":
        forms.append(r"\+")
    return forms


def _pattern(secret: str) -> str:
    return _GAP.join("(?:" + "|".join(_char_forms(c)) + ")" for c in secret)


def _base64_cores(secret: str) -> list[str]:
    """The base64 text a secret leaves wherever it sits in an encoded string (three
    alignments, standard and URL-safe alphabets)."""
    raw = secret.encode("utf-8")
    cores = []
    for shift in range(3):
        text = base64.b64encode(b"\0" * shift + raw).decode()
        core = text[4 if shift else 0 :][: -4 or None]
        if len(core) >= 8:
            cores += [core, core.replace("+", "-").replace("/", "_")]
    return cores


_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
#: Escapes that decode to an escape's first character (%, &, \\): double encoding.
_ENCODED_INTRODUCER = re.compile(
    r"%(?:25|26|5c)|&(?:amp|percnt|bsol);|&#0*(?:37|38|92);|&#x0*(?:25|26|5c);|\\u00(?:25|26|5c)",
    re.IGNORECASE,
)


def decoded(text: str) -> bytes:
    """`text` with URL, HTML and JSON escapes undone (three rounds, for double encoding),
    invisible characters dropped and case folded: where any spelling of a secret shows as
    the secret itself, as UTF-8. Linear in the text (a 5 MB answer takes about as long as
    parsing it), and only ASCII letters are folded (str.lower of megabytes is slow)."""
    for _round in range(3):
        before = text
        if "%" in text:
            text = unquote(text)
        if "&" in text:
            text = html.unescape(text)
        if "\\u" in text:
            text = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
        if text == before or not _ENCODED_INTRODUCER.search(before):
            break  # another round can only decode what this one decoded into % & or \
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    return text.encode("utf-8", "surrogatepass").lower()


class Scrubber:
    """Replaces every spelling of the given secrets with `***`."""

    def __init__(self, *secrets: str | None) -> None:
        kept = [s for s in secrets if s]
        parts = [_pattern(s) for s in kept]
        parts += [re.escape(c) for s in kept for c in _base64_cores(s)]
        self._text = re.compile("|".join(parts), re.IGNORECASE) if parts else None
        self._bytes = re.compile("|".join(parts).encode("utf-8"), re.IGNORECASE) if parts else None
        self._plain = [s.encode("utf-8").lower() for s in kept]
        self._cores = sorted({c.encode() for s in kept for c in _base64_cores(s)})
        self._prefix_forms = sorted(
            {f for s in kept for f in (s, quote(s, safe=""), quote_plus(s, safe=""))},
            key=len,
            reverse=True,
        )

    def text(self, text: str) -> str:
        """`text` without the secrets, nor a secret's prefix where `text` was cut."""
        if self._text is None:
            return text
        text = self._text.sub("***", text)
        lowered = text.lower()
        for form in self._prefix_forms:
            for k in range(min(len(form) - 1, len(text)), 2, -1):
                if lowered.endswith(form[:k].lower()):
                    text = text[:-k] + "***"
                    lowered = text.lower()
                    break
        return text

    def bytes(self, body: bytes) -> bytes:
        """`body` without the secrets. The full pattern is slow on megabytes, so it runs
        only when the decoded body (see `decoded`) or the raw one holds a secret."""
        if self._bytes is None or not self._present(body):
            return body
        return self._bytes.sub(b"***", body)

    def _present(self, body: bytes) -> bool:
        if any(core in body for core in self._cores):
            return True
        text = decoded(body.decode("utf-8", "replace"))
        return any(secret in text for secret in self._plain)
