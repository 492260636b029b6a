"""The tombstone: the version that says an article left the portal (docs/schema.md).

It keeps the last content of the article, so that filtering on `status` shows what went, and
adds the status, when it was seen to go (`removed_at`) and the evidence: each capture that
showed it, with its HTTP status and WARC location. The version fields are left to the ledger.
"""

from record.fields import CHANGES_FIELD, VERSION_FIELDS, set_by_the_crawl


def tombstone(last: dict, status: str, reason: str, captures: list[dict]) -> dict:
    """`captures`: {"fetched_at", "http_status", "location", "warc"} of each capture that showed it,
    oldest first; the last one is the tombstone's own capture."""
    shown_by = captures[-1]
    record = {k: v for k, v in last.items() if k not in VERSION_FIELDS and k != CHANGES_FIELD}
    record.update(
        url=shown_by.get("url") or last["url"], fetched_at=shown_by["fetched_at"], warc=shown_by["warc"],
        status=status, removed_at=shown_by["fetched_at"],
        evidence={"reason": reason, "http_status": shown_by["http_status"], "location": shown_by.get("location"),
                  "captures": [{k: c.get(k) for k in ("fetched_at", "http_status", "location", "warc")} for c in captures]},
    )
    record.update(set_by_the_crawl())
    return record
