"""The body of an archived HTTP response as a browser would read it: framing and codings undone.

WARC files from other tools may keep chunked framing (Heritrix, warcprox); ours store bodies
de-chunked (docs/warc.md). Chunk framing is read by warcio's own decoder in its strict mode, so a
body cut inside a chunk, or before its last chunk, is refused rather than passed on as complete.
Content codings (gzip, deflate, br) are then removed in the order the server applied them.
"""

import gzip
import zlib
from collections.abc import Iterator
from io import BytesIO
from typing import BinaryIO

import brotli
from warcio.bufferedreaders import ChunkedDataException, ChunkedDataReader

from archive.exchange import Headers
from archive.warc.headers import content_codings, is_chunked

_BLOCK_SIZE = 64 * 1024


class UndecodableBody(ValueError):
    pass


def dechunked(stream: BinaryIO) -> Iterator[bytes]:
    """The data carried by the chunked transfer coding read from `stream`, block by block.

    `stream` needs read() and readline(). Raises UndecodableBody when the framing is missing,
    broken, or ends before the last (zero-size) chunk.
    """
    reader = ChunkedDataReader(stream, raise_exceptions=True)
    try:
        while block := reader.read(_BLOCK_SIZE):
            yield block
    except ChunkedDataException as error:
        raise UndecodableBody(_chunk_problem(error)) from None


def _chunk_problem(error: ChunkedDataException) -> str:
    reason = error.args[0]
    reason = reason.decode("latin-1") if isinstance(reason, bytes) else reason
    if reason == "Couldn't decode length header ":  # nothing left where a chunk-size line belongs
        return "chunked body ends before its last chunk"
    if reason.startswith("Ran out of data"):
        return "chunked body is cut inside a chunk"
    return f"chunked body has broken framing ({reason.strip()[:80]!r})"


def _inflate(body: bytes) -> bytes:
    try:
        return zlib.decompress(body)
    except zlib.error:  # servers send raw deflate as often as zlib-wrapped
        return zlib.decompress(body, -zlib.MAX_WBITS)


_DECODERS = {"gzip": gzip.decompress, "x-gzip": gzip.decompress, "deflate": _inflate, "br": brotli.decompress}


def decoded_body(headers: Headers, body: bytes) -> bytes:
    if is_chunked(headers):
        body = b"".join(dechunked(BytesIO(body)))
    for coding in reversed(content_codings(headers)):
        if coding == "identity":
            continue
        if coding not in _DECODERS:
            raise UndecodableBody(f"unknown content coding {coding!r}")
        try:
            body = _DECODERS[coding](body)
        except (OSError, EOFError, zlib.error, brotli.error) as error:
            raise UndecodableBody(f"{coding} body does not decode: {error}") from None
    return body
