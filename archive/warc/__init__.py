"""WARC files, split the way warcio splits itself: writing, reading, checking.

    location.py          RecordLocation: where a record sits (file, ID, offset); a record's provenance
    headers.py           case-insensitive lookups in header lists (repeats and order kept)
    files.py             WARC file names (.warc, .warc.gz, .open) and the one way to find them
    members.py           a .warc.gz walked gzip member by member, in blocks, never read whole
    exchange_records.py  response, request and revisit records built for an Exchange
    member_output.py     each record written as its own gzip member; a compressed body kept stored
    write.py             RotatingWarcWriter: warcinfo first, .open while written, rotation
    read.py              warc_records(): every record with its offset; UnreadableWarc where it stops
    http_body.py         an archived HTTP body undone: chunk framing (warcio's decoder), codings
    pages.py             archived_pages(): the HTML pages of a collection, revisits resolved;
                         archived_captures(): the same with bodies as stored, decoded later
    check.py             verify(): every rule of docs/warc.md, streamed
    recovery.py          closing the .open file a killed crawl left, at its last whole exchange
"""
