"""The one version ledger: the crawl, reextract, export and merge number versions alike."""

from archive.merge import latest_versions
from record.ledger import VersionLedger, content_hash


def article(body: str, **capture) -> dict:
    return {"canonical_url": "http://x/a", "body_text": body, "url": "http://x/a?utm=1", "fetched_at": "t", **capture}


def test_a_changed_article_is_the_next_version_and_an_unchanged_one_is_not_written():
    ledger = VersionLedger()
    first, same, changed = article("một"), article("một", fetched_at="later"), article("hai")
    assert ledger.next_version(first, "R1") and (first["version"], first["supersedes"]) == (1, None)
    assert not ledger.next_version(same, "R2")  # capture fields are not content
    assert ledger.next_version(changed, "R2")
    assert (changed["version"], changed["supersedes"], changed["run_id"]) == (2, first["content_hash"], "R2")
    assert ledger.by_run["R1"].new == 1 and ledger.by_run["R2"].changed == 1


def test_a_ledger_read_back_from_records_continues_the_numbering():
    written = [article("một"), article("hai")]
    ledger = VersionLedger()
    for record in written:
        ledger.next_version(record, "R1")
    again = VersionLedger.of(reversed(written))  # the highest version wins, whatever the order
    assert again.latest == {"http://x/a": 2} and "http://x/a" in again and len(again) == 1
    assert not again.next_version(article("hai"), "R2")
    assert content_hash(article("hai")) == again.hashes["http://x/a"]


def test_merge_renumbers_with_the_same_ledger():
    def record(run, fetched_at, digest):
        return {"canonical_url": "http://x/a", "url": "http://x/a", "run_id": run, "fetched_at": fetched_at,
                "content_hash": digest, "version": 1, "supersedes": None}
    [latest] = latest_versions([record("R2", "2", "h2"), record("R1", "1", "h1"), record("R3", "3", "h2")])
    assert (latest["version"], latest["supersedes"], latest["run_id"]) == (2, "h1", "R2")
