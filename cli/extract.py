"""Print the article record of saved HTML pages, one JSON line each.

The page's URL comes from --url (one page), from --url-map (a JSON object or a two-column TSV of
path and URL), or from the page's canonical link. The profile is --profile, else the site profile
whose domains include the URL, else the family profile whose markup the page shows (a Vietnamese
page only: the families describe Vietnamese portals), else none: the generic fallback reads the
page. Each record says which in its ``profile`` and ``extraction`` fields; stderr says it too.

Exit status: 0 when every page gave a record, 1 when one was no article (or too large to
extract), 2 when an input was wrong (unreadable page or URL map, no usable URL, unknown profile).
"""

import json
import sys
from pathlib import Path

from parsel import Selector

from extraction.article import MAX_EXTRACTION_BYTES, PageTooLarge, extract_article
from extraction.document import extract_document
from extraction.page import Page
from extraction.profiles import ProfileError
from extraction.resolve import resolve_profile
from extraction.urls import web_url_problem
from record.exit_codes import PARTIAL, SUCCESS, USAGE



class InputError(ValueError):
    """An input the command cannot use; the message names it."""


def add_arguments(parser):
    parser.add_argument("pages", nargs="+", type=Path, metavar="PAGE.html")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--url", help="URL of the page (only with a single page)")
    where.add_argument("--url-map", type=Path, metavar="FILE", help="JSON object or TSV mapping page paths to URLs")
    parser.add_argument("--profile", help="profile name or path to a .toml file")


def read_url_map(path: Path) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("{", "[")):
        try:
            mapping = json.loads(text)
        except ValueError as error:
            raise InputError(f"{path}: not valid JSON: {error}") from None
        if not isinstance(mapping, dict) or not all(isinstance(url, str) for url in mapping.values()):
            raise InputError(f"{path}: expected a JSON object mapping page paths to URLs")
        return mapping
    mapping = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            page, url = line.split("\t")
        except ValueError:
            raise InputError(f"{path}:{number}: expected two tab-separated columns: path and URL") from None
        mapping[page.strip()] = url.strip()
    return mapping


def _url_from_map(page: Path, mapping: dict[str, str]) -> str | None:
    for key in (str(page), str(page.resolve()), page.name):
        if key in mapping:
            return mapping[key]
    return None


def _canonical_link(body: bytes) -> str | None:
    # In the head: a page too large to extract is not parsed whole to find it.
    head = body[:MAX_EXTRACTION_BYTES]
    href = Selector(text=Page("http://unknown.invalid/", head).text()).css("link[rel='canonical']::attr(href)").get()
    return href.strip() if href and href.strip().startswith(("http://", "https://")) else None


def _page_url(page_path: Path, body: bytes, url: str | None, mapping: dict[str, str], url_map: Path | None) -> str:
    if url:
        return url  # checked once, before any page
    if mapped := _url_from_map(page_path, mapping):
        where = f"its URL in {url_map}"
        found = mapped
    elif canonical := _canonical_link(body):
        where = "its canonical link"
        found = canonical
    else:
        raise InputError(f"{page_path}: no URL: give --url or --url-map (the page has no absolute canonical link)")
    if problem := web_url_problem(found):
        raise InputError(f"{page_path}: {where} {found!r} is not a usable URL ({problem}); give --url")
    return found


def _say_how(page_path: Path, record: dict) -> None:
    if record["profile"] is None:
        print(f"{page_path}: no profile claims {record['url']}; read by the generic fallback", file=sys.stderr)
    elif record["extraction"] == "fallback":
        filled = ", ".join(record["fallback_fields"])
        print(f"{page_path}: profile {record['profile']!r} missed a required field; the generic fallback gave {filled}", file=sys.stderr)


def _extract(page_path: Path, args, mapping: dict[str, str], chosen) -> int:
    """Print the page's record; the exit status it calls for (0 when it gave one)."""
    try:
        body = page_path.read_bytes()
    except OSError as error:
        raise InputError(f"{page_path}: cannot read: {error.strerror}") from None
    page = Page(_page_url(page_path, body, args.url, mapping, args.url_map), body)
    profile = chosen or resolve_profile(page=page)
    try:
        record = extract_article(page, profile)
        # A legal document's page gives its document record too (after the article, if any).
        document = extract_document(page, profile)
    except PageTooLarge as error:
        print(f"{page_path}: {error}", file=sys.stderr)
        return PARTIAL
    if record is None:
        if document is None:
            print(f"{page_path}: not an article according to profile {profile.name!r}", file=sys.stderr)
        return _print_document(document)
    # The schema forbids a record without them: such a page is no article, whoever read it.
    if missing := [name for name, field in {"title": "title", "body": "body_text"}.items() if not record[field]]:
        if document is None:
            print(f"{page_path}: not an article: no {' and no '.join(missing)} found", file=sys.stderr)
        return _print_document(document)
    _say_how(page_path, record)
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    _print_document(document)
    return SUCCESS


def _print_document(document: dict | None) -> int:
    if document is None:
        return PARTIAL
    sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
    return SUCCESS


def run(args) -> int:
    if args.url and len(args.pages) > 1:
        print("portal-archive extract: --url names one page; use --url-map for several", file=sys.stderr)
        return USAGE
    if args.url and (problem := web_url_problem(args.url)):
        print(f"portal-archive extract: --url {args.url!r} is not a usable URL ({problem})", file=sys.stderr)
        return USAGE
    try:
        mapping = read_url_map(args.url_map) if args.url_map else {}
        chosen = resolve_profile(args.profile) if args.profile else None
    except (InputError, ProfileError) as error:
        print(f"portal-archive extract: {error}", file=sys.stderr)
        return USAGE
    worst = SUCCESS
    for page_path in args.pages:
        try:
            status = _extract(page_path, args, mapping, chosen)
        except (InputError, ProfileError) as error:
            print(error, file=sys.stderr)
            status = USAGE
        worst = max(worst, status)
    return worst
