"""Where a WARC record sits: the one type every writer, reader and record's provenance shares."""

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordLocation:
    """Enough for a reader to seek straight to a record: its file, ID and (gzip member) offset.

    `length` (bytes on disk) is known to the writer that just wrote the record, not to readers.
    """
    filename: str
    record_id: str
    offset: int
    length: int | None = None

    def provenance(self) -> dict:
        """The `warc` field of an article record made from the page this record holds."""
        return {"filename": self.filename, "record_id": self.record_id, "offset": self.offset}
