"""Legal documents (văn bản) in the crawl: each one read from all its tabs and files, then handed on once.

A page whose profile has a ``[document]`` section and shows a document starts a chain of requests
for that document (extraction/document.py reads each page): its other tabs first (vbpl's "Toàn văn"
and "Thuộc tính", links carrying the same id), then its attached files, one after another. Each
file's text (extraction/attachment_text.py) is read beside the crawl, as pages are, by the pool
of page readers (crawler/page_reader.py): fetching goes on meanwhile, and a file whose reading
outlasts PORTAL_EXTRACTION_TIMEOUT or kills its worker costs that worker, not the crawl; the
file keeps no text, its ``text_note`` says why, and its URL is a failure (failures.jsonl), as
such a page's is. The record goes to the
pipelines only when the chain ends, so a document is written whole or not at all: a run killed
in between leaves no trace of it in documents.jsonl, and the next run reads it again (its pages
have no outcome in the crawl state). A tab or file that cannot be fetched is a failure of that
URL (failures.jsonl), never of the document: a file's ``text_note`` says why it has no text.

Chain requests skip Scrapy's duplicate filter (a file also fetched as a page's requisite, a tab
already reached through a link), since a request it drops would never come back to end the
chain; every response is archived in the WARC files all the same. The chains live in memory and
their requests carry only the document's address, so they need nothing serialisable.
"""

import re
from dataclasses import dataclass, field

import scrapy

from crawler.items import FetchFailure
from extraction.document import document_id, merge_documents
from extraction.page_reading import PageReading
from extraction.profiles import Profile
from extraction.urls import canonicalize_url

# Tabs of one document besides the page that started its chain, and files fetched for their text.
MAX_TABS = 4
MAX_FILES = 12
_GENERIC_TYPES = ("", "application/octet-stream", "binary/octet-stream", "application/download", "application/force-download")


@dataclass
class _Chain:
    profile: Profile
    parts: list[dict]
    tabs: list[str]
    record: dict | None = None  # the parts merged, once every tab is in
    files: list[dict] = field(default_factory=list)  # attachments still to fetch, in order
    fetching: dict | None = None  # the attachment whose request is out


class DocumentChains:
    def __init__(self, spider):
        self.spider = spider
        self._handled: set[str] = set()  # canonical URLs of the documents read (or being read) this run
        self._chains: dict[str, _Chain] = {}

    def read(self, response, reading: PageReading):
        """A page's part of a document (read with the page: extraction/page_reading.py): the start
        of the document's chain, or one of its tabs."""
        part, profile = reading.document, reading.profile
        if part is None:
            return
        address = part["canonical_url"]
        tab_of = response.request.cb_kwargs.get("document")
        if tab_of is not None:  # a tab its chain asked for: the chain goes on from parse_document_tab
            if tab_of == address and (chain := self._chains.get(address)):
                chain.parts.append(part)
            return
        if address in self._handled:
            return
        self._handled.add(address)
        self._chains[address] = _Chain(profile, [part], self._tabs(response, reading.document_links, part, profile))
        yield from self.next_step(address)

    def _tabs(self, response, links: list[str], part: dict, profile: Profile) -> list[str]:
        """The document's other pages: links of the page (`links`) carrying its id, and its own
        address, within the profile's rules."""
        rules, identity = profile.document, part["document_id"]
        if identity is None:
            return []
        files = {a["url"] for a in part["attachments"]}
        seen = {canonicalize_url(response.url, profile)}
        tabs = []
        for url in [*links, part["canonical_url"]]:
            canonical = canonicalize_url(url, profile)
            if canonical in seen or url in files or document_id(url, rules) != identity:
                continue
            if any(re.search(p, url) for p in profile.discovery.deny_urls):
                continue
            seen.add(canonical)
            tabs.append(url)
        for url in tabs[:MAX_TABS]:
            self.spider.claim(url)
        return tabs[:MAX_TABS]

    def next_step(self, address: str):
        """The chain's next request, or its record when nothing is left to fetch."""
        chain = self._chains.get(address)
        if chain is None:  # a request of a chain this process never started (a shared frontier's leftover)
            return
        referer = chain.parts[0]["url"]
        if chain.tabs:
            yield self._request(chain.tabs.pop(0), self.spider.parse_document_tab, address, referer)
            return
        if chain.record is None:
            chain.record = merge_documents(chain.parts)
            chain.files = list(chain.record["attachments"])
            for skipped in chain.files[MAX_FILES:]:
                skipped["text_note"] = f"not fetched: more than {MAX_FILES} files"
            del chain.files[MAX_FILES:]
        if chain.files:
            chain.fetching = chain.files.pop(0)
            yield self._request(chain.fetching["url"], self.spider.parse_document_file, address, chain.record["url"])
            return
        del self._chains[address]
        self.spider.crawler.stats.inc_value("portal/documents_extracted")
        yield chain.record

    def _request(self, url: str, callback, address: str, referer: str) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.spider.on_document_failure, dont_filter=True,
                              cb_kwargs={"document": address, "referer": referer})

    async def file_arrived(self, response, address: str):
        """An attachment's response: its text (or why there is none), then the chain's next step.
        Nothing else of the chain moves while its file is read: its next request waits for this one."""
        chain = self._chains.get(address)
        if chain is not None and (file := chain.fetching) is not None:
            if "download_stopped" in response.flags:
                file.update(text=None, text_note=f"file cut at the {response.meta.get('truncated', 'download')} limit: text not read")
            else:
                declared = (response.headers.get("Content-Type") or b"").decode("latin-1").split(";", 1)[0].strip().lower()
                found = await self.spider.reader.read_file(response.body, file["media_type"] if declared in _GENERIC_TYPES else declared)
                if isinstance(found, str):  # its reading timed out or killed its worker: a failure of that URL, as a page's
                    file.update(text=None, text_note=found)
                    self.spider.crawler.stats.inc_value("portal/failures")
                    yield FetchFailure(url=response.url, reason=found, status=response.status, referer=chain.record["url"])
                else:
                    file.update(text=found.text, text_note=found.note)
            self.spider.crawler.stats.inc_value("portal/document_files")
            chain.fetching = None
        for entry in self.next_step(address):
            yield entry

    def failed(self, failure):
        """A tab or file of a chain that could not be fetched: the document goes on without it."""
        address = failure.request.cb_kwargs.get("document")
        chain = self._chains.get(address)
        if chain is None:
            return
        if chain.fetching is not None:
            reason = f"{type(failure.value).__name__}: {failure.value}".strip()
            if response := getattr(failure.value, "response", None):
                reason = f"HTTP {response.status}"
            chain.fetching.update(text=None, text_note=f"not fetched: {reason}"[:300])
            chain.fetching = None
        yield from self.next_step(address)

    def unfinished(self) -> int:
        """Chains still open at the end of the run (a request of theirs dropped on the way): read again next run."""
        return len(self._chains)
