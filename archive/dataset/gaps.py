"""What a crawl directory is still missing, for the dataset card and report: URLs that failed and
records the schema rejected, not made good by a later run."""

from collections import Counter

from record.crawl_dir import CrawlDirectory


def failure_gaps(crawl: CrawlDirectory, last_run_id: str | None) -> Counter:
    """URLs still missing, by reason: each URL's last failure, if it is a 4xx (never retried) or
    from the last run (so a retry did not fix it), and it is not an article we have."""
    last_failure: dict[str, tuple[str, str]] = {}
    for failure in crawl.failures():
        last_failure[failure["url"]] = (failure.get("run_id") or "", failure["reason"])
    articles = crawl.ledger().latest
    return Counter(
        reason for url, (run_id, reason) in last_failure.items()
        if url not in articles and (reason.startswith("HTTP 4") or run_id == last_run_id)
    )


def reject_reasons(crawl: CrawlDirectory) -> tuple[int, Counter]:
    """Records that failed the JSON Schema and were never accepted later: (count, problems by field)."""
    articles = crawl.ledger().latest
    count, fields = 0, Counter()
    for reject in crawl.rejects():
        record = reject.get("record") or {}
        if (record.get("canonical_url") or reject.get("url")) in articles:
            continue
        count += 1
        fields.update({reason.split(":", 1)[0] for reason in reject.get("reasons", [])})
    return count, fields
