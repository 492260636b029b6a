"""The body of an archived HTTP response as a browser would read it: framing and codings undone.

WARC files from other tools may keep chunked framing (Heritrix, warcprox); ours store bodies
de-chunked (docs/warc.md). Either way the content codings (gzip, deflate, br) are removed here,
in the order the server applied them.
"""

import gzip
import zlib

import brotli

from archive.exchange import Headers, header_values


class UndecodableBody(ValueError):
    pass


def dechunk(body: bytes) -> bytes:
    out, position = bytearray(), 0
    while True:
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            raise UndecodableBody("chunked body without a final chunk")
        size = int(body[position:line_end].split(b";", 1)[0], 16)
        if size == 0:
            return bytes(out)
        start = line_end + 2
        out += body[start:start + size]
        position = start + size + 2


def _inflate(body: bytes) -> bytes:
    try:
        return zlib.decompress(body)
    except zlib.error:  # servers send raw deflate as often as zlib-wrapped
        return zlib.decompress(body, -zlib.MAX_WBITS)


_DECODERS = {"gzip": gzip.decompress, "x-gzip": gzip.decompress, "deflate": _inflate, "br": brotli.decompress}


def decoded_body(headers: Headers, body: bytes) -> bytes:
    if any("chunked" in v.lower() for v in header_values(headers, "Transfer-Encoding")):
        body = dechunk(body)
    codings = [c.strip().lower() for v in header_values(headers, "Content-Encoding") for c in v.split(",") if c.strip()]
    for coding in reversed(codings):
        if coding == "identity":
            continue
        if coding not in _DECODERS:
            raise UndecodableBody(f"unknown content coding {coding!r}")
        try:
            body = _DECODERS[coding](body)
        except (OSError, EOFError, zlib.error, brotli.error) as error:
            raise UndecodableBody(f"{coding} body does not decode: {error}") from None
    return body
