"""Print the article record of saved HTML pages, one JSON line each.

The page's URL comes from --url (one page), from --url-map (a JSON object or a two-column TSV of
path and URL), or from the page's canonical link. The profile is --profile, else the site profile
whose domains include the URL, else the family profile whose markup the page shows (a Vietnamese
page only: the families describe Vietnamese portals), else none: the generic fallback reads the
page. Each record says which in its ``profile`` and ``extraction`` fields; stderr says it too.
"""

import json
import sys
from pathlib import Path

from parsel import Selector

from extraction.article import extract_article
from extraction.page import Page
from extraction.profile_choice import choose_profile
from extraction.profiles import ProfileError, load_profile


def add_arguments(parser):
    parser.add_argument("pages", nargs="+", type=Path, metavar="PAGE.html")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--url", help="URL of the page (only with a single page)")
    where.add_argument("--url-map", type=Path, metavar="FILE", help="JSON object or TSV mapping page paths to URLs")
    parser.add_argument("--profile", help="profile name or path to a .toml file")


def read_url_map(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return {str(k): str(v) for k, v in json.loads(text).items()}
    mapping = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            page, url = line.split("\t")
        except ValueError:
            raise ValueError(f"{path}:{number}: expected two tab-separated columns: path and URL") from None
        mapping[page.strip()] = url.strip()
    return mapping


def _url_from_map(page: Path, mapping: dict[str, str]) -> str | None:
    for key in (str(page), str(page.resolve()), page.name):
        if key in mapping:
            return mapping[key]
    return None


def _canonical_link(body: bytes) -> str | None:
    href = Selector(text=Page("http://unknown.invalid/", body).text()).css("link[rel='canonical']::attr(href)").get()
    return href.strip() if href and href.strip().startswith(("http://", "https://")) else None


def _say_how(page_path: Path, record: dict) -> None:
    if record["profile"] is None:
        print(f"{page_path}: no profile claims {record['url']}; read by the generic fallback", file=sys.stderr)
    elif record["extraction"] == "fallback":
        filled = ", ".join(record["fallback_fields"])
        print(f"{page_path}: profile {record['profile']!r} missed a required field; the generic fallback gave {filled}", file=sys.stderr)


def run(args) -> int:
    if args.url and len(args.pages) > 1:
        print("portal-archive extract: --url names one page; use --url-map for several", file=sys.stderr)
        return 2
    try:
        mapping = read_url_map(args.url_map) if args.url_map else {}
        chosen = load_profile(args.profile) if args.profile else None
    except (OSError, ValueError, ProfileError) as error:
        print(f"portal-archive extract: {error}", file=sys.stderr)
        return 2
    failed = 0
    for page_path in args.pages:
        try:
            body = page_path.read_bytes()
        except OSError as error:
            print(f"{page_path}: cannot read: {error.strerror}", file=sys.stderr)
            failed += 1
            continue
        url = args.url or _url_from_map(page_path, mapping) or _canonical_link(body)
        if not url:
            print(f"{page_path}: no URL: give --url or --url-map (the page has no absolute canonical link)", file=sys.stderr)
            failed += 1
            continue
        profile = chosen or choose_profile(url, body)
        record = extract_article(Page(url, body), profile)
        if record is None:
            print(f"{page_path}: not an article according to profile {profile.name!r}", file=sys.stderr)
            failed += 1
            continue
        _say_how(page_path, record)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if failed else 0
