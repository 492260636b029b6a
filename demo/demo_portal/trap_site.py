"""Crawler traps and hostile input, served under /bay/ ("bẫy": trap) when the demo portal is asked to.

``DemoPortal(traps=True)`` (``python -m demo_portal --traps``) adds, next to the normal
portal, the pages a crawler meets on real portals and must survive:

- URL spaces without end: a calendar linking next month forever, a language switcher whose
  relative links nest (``/en/vi/en/…``), session ids in URLs, pagination past the last item, one
  page under endless URLs, and a chain of unique pages without end (reachable only by starting
  there: only a page budget stops it);
- bodies that attack the client: a page that never ends, one that trickles forever, a gzip bomb,
  binary bytes labelled text/html, markup broken in every way, links to ``../../etc/passwd``,
  ``file://`` and URLs thousands of characters long;
- text in the wrong or no charset, and in the legacy TCVN3 encoding;
- sitemaps with an entity-expansion bomb ("billion laughs"), external entities (XXE to
  ``file:///etc/passwd`` and to a DTD on this server, whose fetch would be counted), an index
  naming ``file:///etc/passwd``, and an empty one;
- robots.txt forbidding ``/bay/cam/``, and pages that link, redirect and meta-refresh there anyway.

robots.txt gains the ``Disallow`` line and ``Sitemap`` lines for the hostile sitemaps. ``hits``
counts every request under /bay/ per path, so tests can prove what was never fetched; the
manifest's ``traps`` section lists the pages, the hostile articles with their true text, and the
hits. With traps off nothing here runs and every response is byte-identical.
"""

from __future__ import annotations

import gzip
import itertools
import random
import threading
import time
from collections import Counter
from dataclasses import replace
from functools import cache
from urllib.parse import parse_qs, urlsplit

from .markup import esc
from .routes import HTML, Response, Router

PREFIX = "/bay/"
FORBIDDEN = "/bay/cam/"
HOSTILE_SITEMAPS = ("/bay/sitemap-laughs.xml", "/bay/sitemap-xxe.xml", "/bay/sitemap-index.xml", "/bay/sitemap-rong.xml")
EVENT_MONTHS = {"2019-01": "Hội nghị tổng kết công tác năm", "2019-02": "Tiếp công dân định kỳ",
                "2019-03": "Kiểm tra công trình đê điều mùa lũ"}
SESSION_PAGES = {1: "Tiếp nhận hồ sơ trực tuyến", 2: "Tra cứu kết quả giải quyết",
                 3: "Nộp lệ phí qua mạng", 4: "Hỏi đáp về thủ tục hành chính"}
LAST_LISTING_PAGE = 2
ENDLESS_CAP = 1 << 30  # a never-ending body stops here even if the client never hangs up
BOMB_MEMBERS = 1024  # gzip members of 1 MiB each: 1 GiB once decompressed, about 1 MB on the wire

# (path, trap, what a careful crawler does) — the index page and the manifest list these.
PAGES = [
    ("/bay/lich?thang=2019-01", "infinite_calendar", "months without events are copies: their links are not followed"),
    ("/bay/ngon-ngu/", "nested_language_paths", "a path segment repeated three times is not requested"),
    ("/bay/phien/1?PHPSESSID=0", "session_ids", "session ids are canonicalised away: each page is fetched once"),
    ("/bay/trang?p=0", "endless_pagination", "empty pages past the end are copies: their links are not followed"),
    ("/bay/ban-sao/1", "duplicate_content", "the same text under more than 3 URLs: links of further copies not followed"),
    ("/bay/rat-lon.html", "endless_body", "archived up to PORTAL_MAX_RESPONSE_SIZE as WARC-Truncated: length"),
    ("/bay/nho-giot.html", "trickling_body", "archived up to PORTAL_MAX_FETCH_TIME as WARC-Truncated: time"),
    ("/bay/bom.html", "gzip_bomb", "refused past PORTAL_MAX_DECOMPRESSED_SIZE; recorded as a failure"),
    ("/bay/nhi-phan.html", "binary_as_html", "archived as received; not an article"),
    ("/bay/hong.html", "malformed_html", "the parser recovers: the article is extracted"),
    ("/bay/sau.html", "markup_too_deep", "archived; libxml2 stops at 2,048 levels, so links below are not seen"),
    ("/bay/duong-dan.html", "hostile_links", "../ resolved within the site, other schemes and overlong URLs ignored"),
    ("/bay/cam/bi-mat.html", "robots_forbidden_link", "never requested"),
    ("/bay/chuyen-huong-cam", "redirect_to_forbidden", "the redirect target is never requested"),
    ("/bay/lam-moi.html", "meta_refresh_to_forbidden", "the refresh target is never requested"),
    ("/bay/sai-charset.html", "wrong_charset", "read as UTF-8, with a note"),
    ("/bay/khong-charset.html", "missing_charset", "read as UTF-8"),
    ("/bay/tcvn3.html", "legacy_tcvn3", "converted to Unicode, with a note"),
]
# Not linked from the index: only a crawl that starts there meets it, and only a budget ends it.
ENDLESS_UNIQUE = ("/bay/vo-tan/1", "endless_unique_pages", "stopped by PORTAL_MAX_PAGES_PER_SITE")

MALFORMED_TITLE = "Tin bài trong mã HTML hỏng"
MALFORMED_TEXT = "Đoạn văn vẫn đọc được dù thẻ không đóng, lồng sai và có ký tự lạ."
# Articles in hostile encodings: (path, title, paragraphs, Content-Type, body bytes or None to
# encode the text as UTF-8). The TCVN3 bytes are the text below as a .VnTime font would store it.
_TCVN3_TITLE = b"Kh\xb8nh th\xb5nh c\xc7u qua s\xabng Tr\xb5"
_TCVN3_PARAGRAPHS = (
    b"S\xb8ng nay, t\xd8nh H\xdfa L\xa9m t\xe6 ch\xf8c l\xd4 kh\xb8nh th\xb5nh c\xc7u qua s\xabng Tr\xb5, n\xe8i hai huy\xd6n mi\xd2n n\xf3i.",
    b"C\xa9y c\xc7u d\xb5i 320 m\xd0t, \xae\xad\xeec x\xa9y d\xf9ng trong hai n\xa8m v\xedi t\xe6ng v\xe8n \xae\xc7u t\xad 95 t\xfb \xae\xe5ng.",
)
HOSTILE_ARTICLES = [
    ("/bay/sai-charset.html", "Tỉnh Hòa Lâm đón nhận Huân chương Lao động hạng Nhất",
     ("Sáng 17/1, Ủy ban nhân dân tỉnh tổ chức lễ đón nhận Huân chương Lao động hạng Nhất.",
      "Phát biểu tại buổi lễ, đồng chí Chủ tịch tỉnh cảm ơn sự nỗ lực của cán bộ và nhân dân."),
     "text/html; charset=iso-8859-1"),
    ("/bay/khong-charset.html", "Người dân vùng cao đón mùa màng bội thu",
     ("Năm nay, bà con các xã vùng cao của huyện Sơn Hà thu hoạch lúa nương đạt năng suất cao.",
      "Giá nông sản ổn định giúp đời sống người dân được cải thiện rõ rệt."),
     "text/html"),
    ("/bay/tcvn3.html", "Khánh thành cầu qua sông Trà",
     ("Sáng nay, tỉnh Hòa Lâm tổ chức lễ khánh thành cầu qua sông Trà, nối hai huyện miền núi.",
      "Cây cầu dài 320 mét, được xây dựng trong hai năm với tổng vốn đầu tư 95 tỷ đồng."),
     "text/html; charset=windows-1252"),
]
_ENCODED = {"/bay/tcvn3.html": (_TCVN3_TITLE, _TCVN3_PARAGRAPHS)}


class TrapSite:
    """Wraps the portal's handler (same ``handle``) and serves the traps under /bay/."""

    def __init__(self, inner, router: Router):
        self.inner = inner
        self.site = router.site
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._tokens = itertools.count(1)
        self._exact = {
            "/bay/": self._index, "/bay/lich": self._calendar, "/bay/trang": self._pagination,
            "/bay/rat-lon.html": self._endless_body, "/bay/nho-giot.html": self._trickling_body,
            "/bay/bom.html": self._gzip_bomb, "/bay/nhi-phan.html": self._binary,
            "/bay/hong.html": self._malformed, "/bay/sau.html": self._too_deep,
            "/bay/duong-dan.html": self._hostile_links, "/bay/duoi-day.html": self._plain_page,
            "/bay/chuyen-huong-cam": self._redirect_to_forbidden, "/bay/lam-moi.html": self._meta_refresh,
            "/bay/sitemap-laughs.xml": self._sitemap_laughs, "/bay/sitemap-xxe.xml": self._sitemap_xxe,
            "/bay/sitemap-index.xml": self._sitemap_index, "/bay/sitemap-rong.xml": self._sitemap_empty,
            "/bay/evil.dtd": self._evil_dtd,
            "/bay/tu-sitemap.html": self._plain_page, "/bay/tu-duong-dan.html": self._plain_page,
            **{path: self._hostile_article for path, *_ in HOSTILE_ARTICLES},
        }
        self._prefixed = {
            "/bay/ngon-ngu/": self._language, "/bay/phien/": self._session, "/bay/ban-sao/": self._copy,
            "/bay/vo-tan/": self._endless_unique, FORBIDDEN: self._plain_page,
        }
        router.manifest_extras.append(self.manifest_extra)

    def handle(self, target: str, host: str | None) -> Response:
        split = urlsplit(target)
        path = split.path.split(";", 1)[0]  # a ;jsessionid= path parameter is not part of the page
        if path == "/robots.txt":
            return self._robots(target, host)
        if not path.startswith(PREFIX):
            return self.inner.handle(target, host)
        with self._lock:
            self.hits[path] += 1
        origin = f"http://{host}" if host else ""
        query = parse_qs(split.query)
        route = self._exact.get(path) or next(
            (page for prefix, page in self._prefixed.items() if path.startswith(prefix)), None)
        response = route(path, query, origin) if route else None
        return response or self.inner.handle(target, host)

    def manifest_extra(self, base_url: str) -> dict:
        base = base_url.rstrip("/")
        with self._lock:
            hits = dict(self.hits)
        return {"traps": {
            "pages": [{"url": base + path, "trap": trap, "expect": expect} for path, trap, expect in [*PAGES, ENDLESS_UNIQUE]],
            "articles": [{"url": base + path, "title": title, "paragraphs": list(paragraphs), "content_type": content_type}
                         for path, title, paragraphs, content_type in HOSTILE_ARTICLES],
            "forbidden": base + FORBIDDEN,
            "sitemaps": [base + path for path in HOSTILE_SITEMAPS],
            "hits": hits,
        }}

    # --- robots.txt ---------------------------------------------------------

    def _robots(self, target: str, host: str | None) -> Response:
        """The portal's robots.txt, forbidding /bay/cam/ and naming the hostile sitemaps."""
        response = self.inner.handle(target, host)
        lines = response.body.decode("utf-8").rstrip("\n").split("\n")
        first_sitemap = next((i for i, line in enumerate(lines) if line.startswith("Sitemap:")), len(lines))
        while first_sitemap and not lines[first_sitemap - 1].strip():  # stay inside the User-agent group
            first_sitemap -= 1
        lines.insert(first_sitemap, f"Disallow: {FORBIDDEN}")
        lines += [f"Sitemap: http://{host}{path}" for path in HOSTILE_SITEMAPS]
        return replace(response, body=("\n".join(lines) + "\n").encode("utf-8"), _gzipped=None, headers=list(response.headers))

    # --- endless URL spaces -------------------------------------------------

    def _index(self, path, query, origin) -> Response:
        items = "".join(f'<li><a href="{esc(url)}">{esc(trap)}</a>: {esc(expect)}</li>' for url, trap, expect in PAGES)
        return _page("Các trang bẫy", '<meta name="robots" content="index, follow, all">',
                     f"<p>Trình thu thập được mời vào cả {FORBIDDEN}.</p><ul>{items}</ul>"
                     '<p><a href="/">Trang chủ</a></p>')

    def _calendar(self, path, query, origin) -> Response | None:
        month = query.get("thang", [""])[0]
        try:
            year, number = (int(part) for part in month.split("-"))
        except ValueError:
            return None
        if not 1 <= number <= 12:
            return None
        previous = f"{year - (number == 1)}-{(number - 2) % 12 + 1:02d}"
        following = f"{year + (number == 12)}-{number % 12 + 1:02d}"
        event = EVENT_MONTHS.get(f"{year}-{number:02d}")
        text = f"<p>Sự kiện: {event}.</p>" if event else f"<p>Không có sự kiện nào trong tháng {number:02d}/{year}.</p>"
        return _page(f"Lịch công tác tháng {number:02d}/{year}", "",
                     f'{text}<p><a href="/bay/lich?thang={previous}">Tháng trước</a> · '
                     f'<a href="/bay/lich?thang={following}">Tháng sau</a></p>')

    def _language(self, path, query, origin) -> Response:
        return _page("Giới thiệu chung về tỉnh Hòa Lâm", "",
                     "<p>Hòa Lâm là tỉnh miền núi có nhiều dân tộc anh em cùng sinh sống.</p>"
                     '<p><a href="en/">English</a> · <a href="vi/">Tiếng Việt</a></p>')

    def _session(self, path, query, origin) -> Response | None:
        number = _number_after(path, "/bay/phien/")
        if number not in SESSION_PAGES:
            return None
        links = []
        for other, title in SESSION_PAGES.items():
            token = f"{next(self._tokens):032x}"
            links.append(f'<li><a href="/bay/phien/{other}?PHPSESSID={token}">{esc(title)}</a> '
                         f'(<a href="/bay/phien/{other};jsessionid={token}">bản khác</a>)</li>')
        return _page(SESSION_PAGES[number], "", f"<ul>{''.join(links)}</ul>")

    def _pagination(self, path, query, origin) -> Response:
        number = _int(query.get("p", ["0"])[0])
        if number <= LAST_LISTING_PAGE:
            stubs = [s for s in self.site.stubs if not s.deleted][number * 3:number * 3 + 3]
            items = "".join(f'<li><a href="{s.path}">{esc(s.title)}</a></li>' for s in stubs)
            content = f"<ul>{items}</ul>"
        else:
            content = "<p>Không còn tin nào.</p>"
        return _page(f"Tin mới – trang {number + 1}", "",
                     f'{content}<p><a href="/bay/trang?p={number + 1}">Trang sau</a></p>')

    def _copy(self, path, query, origin) -> Response | None:
        number = _number_after(path, "/bay/ban-sao/")
        if number is None:
            return None
        return _page("Thông báo lịch tiếp công dân", "",
                     "<p>Lãnh đạo tỉnh tiếp công dân vào ngày thứ Năm hằng tuần tại trụ sở Ban Tiếp công dân.</p>"
                     f'<p><a href="/bay/ban-sao/{number + 1}">Xem thêm</a></p>')

    def _endless_unique(self, path, query, origin) -> Response | None:
        number = _number_after(path, "/bay/vo-tan/")
        if number is None:
            return None
        return _page(f"Trang {_letters(number)}", "",
                     f"<p>Nội dung riêng của trang {_letters(number)}.</p>"
                     f'<p><a href="/bay/vo-tan/{number + 1}">Tiếp</a></p>')

    # --- bodies that attack the client --------------------------------------

    def _endless_body(self, path, query, origin) -> Response:
        rows = ("<tr><td>Số liệu thống kê</td>" + "<td>0</td>" * 100 + "</tr>\n").encode() * 64
        return Response(0, deliver=lambda handler: _send_endless(handler, b"<html><body><table>\n", rows, 0.0))

    def _trickling_body(self, path, query, origin) -> Response:
        return Response(0, deliver=lambda handler: _send_endless(handler, b"<html><body>\n", b"<p>.</p>\n", 0.2))

    def _gzip_bomb(self, path, query, origin) -> Response:
        return Response(200, HTML, _bomb(), headers=[("Content-Encoding", "gzip")], drupal=False)

    def _binary(self, path, query, origin) -> Response:
        return Response(200, HTML, random.Random(2020).randbytes(64 * 1024), drupal=False)

    def _malformed(self, path, query, origin) -> Response:
        """An article in broken markup a parser must recover from: its title and text are still there."""
        body = (
            "<html><head><meta charset=utf-8><title>Trang hỏng</TITLE><body class=page-node>"
            "<div class='node node-article node-full'><span property=dc:date content='2020-02-03T08:00:00+07:00'>"
            f"<h1 id=page-title>{esc(MALFORMED_TITLE)}</h1 class=x>"
            '<div class="field-name-body"><div class="field-item">' + "<div><table><tr><td>" * 40
            + f"<p>{esc(MALFORMED_TEXT)} <b><i>lồng sai</b></i> &#0; &#xD800; &#99999999; &bogus;"
            '<p><a href=/bay/tu-duong-dan.html>liên kết</a></td></tr></table></form></span>'
            '<!-- một chú thích không bao giờ đóng <script>var x = "</div>";'
        ).encode() + b"\x00\x00"
        return Response(200, HTML, body, drupal=False)

    def _too_deep(self, path, query, origin) -> Response:
        """Markup nested deeper than libxml2 parses (2,048 levels for huge documents): what lies below is never seen."""
        body = ("<html><body><h1>Trang lồng quá sâu</h1>" + "<div><span>" * 5000
                + '<p><a href="/bay/duoi-day.html">Liên kết dưới đáy</a></p></body></html>')
        return Response(200, HTML, body.encode(), drupal=False)

    def _hostile_links(self, path, query, origin) -> Response:
        targets = [
            "../../../../../../etc/passwd", "/bay/../../../../etc/passwd", "%2e%2e/%2e%2e/%2e%2e/etc/shadow",
            "..\\..\\..\\windows\\win.ini", "/bay/" + "../" * 200 + "x", "/bay/%00/nul",
            "/bay/dai/" + "a" * 3000, "/bay/dai/" + "b" * 1500, "file:///etc/passwd",
            "javascript:alert(document.cookie)", "data:text/html;base64,PHNjcmlwdD4=", "mailto:vanthu@example.gov.vn",
            f"{origin}/bay/../bay/tu-duong-dan.html",
        ]
        links = "".join(f'<li><a href="{esc(target)}">liên kết {number}</a></li>' for number, target in enumerate(targets))
        return _page("Liên kết lạ", "", f"<ul>{links}</ul>")

    # --- robots.txt asked to be ignored -------------------------------------

    def _redirect_to_forbidden(self, path, query, origin) -> Response:
        return Response(302, None, drupal=False, headers=[("Location", f"{FORBIDDEN}chuyen-huong.html")])

    def _meta_refresh(self, path, query, origin) -> Response:
        return _page("Đang chuyển trang", f'<meta http-equiv="refresh" content="0; url={FORBIDDEN}lam-moi.html">',
                     "<p>Đang chuyển trang…</p>")

    def _plain_page(self, path, query, origin) -> Response:
        return _page("Trang thường", "", f"<p>Một trang bình thường ở {esc(path)}.</p>")

    # --- hostile sitemaps ---------------------------------------------------

    def _sitemap_laughs(self, path, query, origin) -> Response:
        entities = '<!ENTITY lol "lol">' + "".join(
            f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
        return _xml(f'<?xml version="1.0"?>\n<!DOCTYPE urlset [{entities}]>\n'
                    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<url><loc>{origin}/bay/laughs/&lol9;</loc></url>"
                    f"<url><loc>{origin}/bay/tu-sitemap.html</loc></url></urlset>\n")

    def _sitemap_xxe(self, path, query, origin) -> Response:
        return _xml('<?xml version="1.0"?>\n<!DOCTYPE urlset ['
                    '<!ENTITY xxe SYSTEM "file:///etc/passwd">'
                    f'<!ENTITY % remote SYSTEM "{origin}/bay/evil.dtd"> %remote;]>\n'
                    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<url><loc>{origin}/bay/xxe/&xxe;</loc></url>"
                    f"<url><loc>{origin}{FORBIDDEN}trong-sitemap.html</loc></url></urlset>\n")

    def _sitemap_index(self, path, query, origin) -> Response:
        return _xml('<?xml version="1.0"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    "<sitemap><loc>file:///etc/passwd</loc></sitemap>"
                    f"<sitemap><loc>{origin}/bay/sitemap-laughs.xml</loc></sitemap></sitemapindex>\n")

    def _sitemap_empty(self, path, query, origin) -> Response:
        """A sitemap module that broke: 200 and nothing, which no XML parser accepts."""
        return _xml("")

    def _evil_dtd(self, path, query, origin) -> Response:
        return Response(200, "application/xml-dtd", f'<!ENTITY % leak SYSTEM "{origin}/bay/exfil">'.encode(), drupal=False)

    # --- text in hostile encodings ------------------------------------------

    def _hostile_article(self, path, query, origin) -> Response:
        _, title, paragraphs, content_type = next(a for a in HOSTILE_ARTICLES if a[0] == path)
        declared = content_type.partition("charset=")[2]
        if path in _ENCODED:
            encoded_title, encoded_paragraphs = _ENCODED[path]
        else:
            encoded_title, encoded_paragraphs = title.encode(), tuple(p.encode() for p in paragraphs)
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' if declared else ""
        body = (
            f'<!DOCTYPE html><html lang="vi"><head>{meta}<title>'.encode() + encoded_title + b"</title></head>"
            b'<body class="html not-front page-node node-type-article"><div class="node node-article node-full">'
            b'<h1 id="page-title">' + encoded_title + b"</h1>"
            b'<span property="dc:date dc:created" content="2005-05-17T08:00:00+07:00"></span>'
            b'<div class="field field-name-body"><div class="field-items"><div class="field-item even">'
            + b"".join(b"<p>" + p + b"</p>" for p in encoded_paragraphs) + b"</div></div></div></div></body></html>"
        )
        return Response(200, content_type, body, drupal=False)


def _page(title: str, head: str, body: str) -> Response:
    html = (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">{head}<title>{esc(title)}</title></head>'
            f"<body><h1>{esc(title)}</h1>{body}</body></html>")
    return Response(200, HTML, html.encode("utf-8"), compressible=True, drupal=False)


def _xml(text: str) -> Response:
    return Response(200, "text/xml; charset=utf-8", text.encode("utf-8"), drupal=False)


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _number_after(path: str, prefix: str) -> int | None:
    rest = path[len(prefix):]
    return int(rest) if rest.isdigit() else None


def _letters(number: int) -> str:
    """A word per number, so that no two pages of the endless chain differ only in digits."""
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word = "abcdefghijklmnopqrstuvwxyz"[digit] + word
        if not number:
            return word


@cache
def _bomb() -> bytes:
    """1 GiB of spaces as about 1 MB of gzip: identical members, concatenated (valid gzip)."""
    return gzip.compress(b" " * (1 << 20), compresslevel=9, mtime=0) * BOMB_MEMBERS


def _send_endless(handler, head: bytes, piece: bytes, pause: float) -> None:
    """A body without length that goes on until the client hangs up (or ENDLESS_CAP bytes)."""
    handler.close_connection = True
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.write(head)
    sent = len(head)
    while sent < ENDLESS_CAP:
        handler.wfile.write(piece)
        sent += len(piece)
        if pause:
            time.sleep(pause)
