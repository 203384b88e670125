"""A scriptable HTTP server that answers the way a broken or hostile E-utilities might.

The project's emulator behaves like PubMed; this one does what a test tells it: lie about
Count, echo the caller's secrets in encoded forms, drip bytes, send a gzip bomb, redirect
elsewhere, or serve hand-made efetch XML (poison records among good ones). A test passes
`answer(request) -> Reply`; every request is kept in `requests`.

Helpers build the bodies: `esearch_json`, `article_xml` (a minimal valid PubmedArticle
whose PMID and fields the test chooses), `article_set`.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Request:
    endpoint: str
    params: dict[str, str]
    path: str
    host: str

    @property
    def ids(self) -> list[int]:
        return [int(i) for i in self.params.get("id", "").split(",") if i]


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    #: Seconds between single bytes of the body (a slow-drip server).
    drip: float = 0.0
    #: Seconds between single bytes of an endless header after the status line (a server
    #: that never finishes its headers).
    head_drip: float = 0.0
    content_type: str = "text/xml; charset=UTF-8"


Answer = Callable[[Request], Reply]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self._serve()

    def do_POST(self):
        self._serve()

    def _serve(self) -> None:
        server: HostileServer = self.server.owner  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            body = self.rfile.read(length).decode("utf-8", "replace")
            params.update(parse_qsl(body, keep_blank_values=True))
        endpoint = parts.path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".fcgi")
        request = Request(endpoint, params, self.path, self.headers.get("Host", ""))
        server.requests.append(request)
        try:
            reply = server.answer(request)
        except Exception as exc:
            reply = Reply(f"hostile server script failed: {exc!r}".encode(), 599)
        if reply.head_drip:
            self._drip_headers(server, reply.head_drip)
            return
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if reply.drip:
                for byte in reply.body:
                    if server.stopping.is_set():
                        break
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(reply.drip)
            else:
                self.wfile.write(reply.body)
        except OSError:
            self.close_connection = True

    def _drip_headers(self, server: HostileServer, pause: float) -> None:
        self.close_connection = True
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Drip: ")
            while not server.stopping.is_set():
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(pause)
        except OSError:
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class HostileServer:
    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.requests: list[Request] = []
        self.stopping = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/entrez/eutils/"

    def to(self, endpoint: str) -> list[Request]:
        return [r for r in self.requests if r.endpoint == endpoint]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- bodies ------------------------------------------------------------------------------


def esearch_json(count: int | str, ids=(), **extra) -> Reply:
    result = {"count": str(count), "retmax": str(len(ids)), "idlist": [str(i) for i in ids]}
    result.update(extra)
    return Reply(json.dumps({"esearchresult": result}).encode(), content_type="application/json")


def article_xml(pmid: str | int | None, *, title: str = "A title", **fields: str) -> bytes:
    """A minimal, valid PubmedArticle. `pmid=None` leaves the PMID element out; fields:
    abstract, language, status, author (last name), label (abstract section label), year
    (PubDate Year), entrez_year (History), citation_extra (XML after Article, e.g. a
    CommentsCorrectionsList)."""
    pmid_el = "" if pmid is None else f"<PMID Version='1'>{pmid}</PMID>"
    status = fields.get("status", "MEDLINE")
    language = fields.get("language", "eng")
    author = fields.get("author", "Smith")
    label = fields.get("label")
    abstract = fields.get("abstract", "Background text.")
    year = fields.get("year", "2024")
    entrez_year = fields.get("entrez_year", "2024")
    citation_extra = fields.get("citation_extra", "")
    label_attr = f" Label='{label}'" if label else ""
    return (
        f"<PubmedArticle><MedlineCitation Status='{status}' Owner='NLM'>{pmid_el}"
        "<Article PubModel='Print'><Journal><Title>J Test</Title><JournalIssue>"
        f"<PubDate><Year>{year}</Year><Month>May</Month></PubDate></JournalIssue></Journal>"
        f"<ArticleTitle>{title}</ArticleTitle>"
        f"<Abstract><AbstractText{label_attr}>{abstract}</AbstractText></Abstract>"
        f"<AuthorList><Author><LastName>{author}</LastName><Initials>J</Initials></Author>"
        f"</AuthorList><Language>{language}</Language>"
        "<PublicationTypeList><PublicationType UI='D016428'>Journal Article</PublicationType>"
        f"</PublicationTypeList></Article>{citation_extra}</MedlineCitation>"
        f"<PubmedData><History><PubMedPubDate PubStatus='entrez'><Year>{entrez_year}</Year>"
        "<Month>5</Month><Day>2</Day></PubMedPubDate></History></PubmedData></PubmedArticle>"
    ).encode()


def article_set(*records: bytes, doctype: bytes = b"") -> bytes:
    return (
        b"<?xml version='1.0' encoding='UTF-8'?>\n"
        + doctype
        + b"<PubmedArticleSet>"
        + b"".join(records)
        + b"</PubmedArticleSet>\n"
    )


def gzip_bomb(size: int) -> bytes:
    """`size` bytes of spaces, gzipped (about 1/1000 of `size`)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b" " * (1 << 20)
    return b"".join(comp.compress(chunk) for _ in range(size // len(chunk))) + comp.flush()
