"""Properties that must hold for every input, not only the examples in the other tests (hypothesis)."""

import itertools
import unicodedata
from datetime import datetime
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.dates import VIETNAM, parse_visible_date
from extraction.text import normalize_text
from extraction.profiles import available_profiles, load_profile
from extraction.urls import _CANONICAL_AS_WRITTEN, _canonical_form, canonicalize_url

PROFILE = load_profile("drupal7")
EXAMPLES = settings(max_examples=300, deadline=None)

# --- URL canonicalisation ------------------------------------------------------------------

TRACKING = ["utm_source", "utm_medium", "utm_campaign", "fbclid", "gclid", "zarsrc", "PHPSESSID", "sid", "jsessionid", "SESSID"]
KEPT = ["page", "p", "id", "nid", "cat", "q", "_101_INSTANCE_ab12_cur", "thang", "Page"]
# Pieces of URLs as portals write them: dot segments, escapes upper- and lower-case, broken and
# partial escapes, raw Vietnamese, spaces, reserved characters.
URL_TEXT = st.lists(st.sampled_from([
    "a", "B", "tin-tuc", "0", "19", "..", ".", "%2e%2e", "%7E", "%7e", "%E1%BB%A9", "%E1%BB", "%zz", "%", "%20", "+", "%2F",
    " ", "ư", "đ", "bài viết", "~", "_", "&", "=", ";", ":", "@", "!", "$", "'", "(", "*", ",", "#", "?", "\u00a0",
]), max_size=6).map("".join)


@st.composite
def urls(draw):
    scheme = draw(st.sampled_from(["http", "https", "HTTP"]))
    host = draw(st.sampled_from(["portal.example.gov.vn", "Portal.Example.GOV.vn", "h.vn:8080", "127.0.0.1:4321"]))
    segments = draw(st.lists(URL_TEXT, max_size=5))
    path = "/" + "/".join(segments)
    if draw(st.booleans()):
        path += ";jsessionid=" + draw(st.text(alphabet="ABCDEF0123456789", min_size=1, max_size=16))
    names = draw(st.lists(st.sampled_from(TRACKING + KEPT) | URL_TEXT.filter(bool), max_size=6))
    query = "&".join(f"{name}={draw(URL_TEXT)}" for name in names)
    fragment = draw(st.one_of(st.just(""), URL_TEXT))
    return f"{scheme}://{host}{path}" + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")


@EXAMPLES
@given(urls())
def test_canonical_urls_are_a_fixed_point_without_fragment_or_tracking(url):
    canonical = canonicalize_url(url, PROFILE)
    assert canonicalize_url(canonical, PROFILE) == canonical
    parts = urlsplit(canonical)
    assert "#" not in canonical and parts.fragment == ""
    assert ";jsessionid=" not in parts.path.lower()
    assert not [name for name, _ in parse_qsl(parts.query, keep_blank_values=True) if PROFILE.drops_query_param(name)]


@EXAMPLES
@given(urls(), st.data())
def test_query_order_never_makes_a_new_url(url, data):
    parts = urlsplit(url)
    shuffled = data.draw(st.permutations(parts.query.split("&")))
    reordered = parts._replace(query="&".join(shuffled)).geturl()
    assert canonicalize_url(reordered, PROFILE) == canonicalize_url(url, PROFILE)


# The short cut for URLs already in canonical form gives what the full form gives: on the URLs
# above, and on URLs near its edges (hosts, ports, escapes, dots, characters just outside its set).
AS_WRITTEN_EDGES = [
    ".", "..", "...", ".a", "a.", "%E1%BB%A9", "%C3", "%c3", "%e1%bb%a9", "%7E", "%41", "%2F", "%2f", "%25", "%", "%8",
    "~", "_", "-", "!", "$", "'", "(", ")", "*", "+", ",", "=", ":", "@", ";", "|", "[", "]", "&", "?", "\"", "<", "^",
    "`", "{", " ", "ư", "\t", "\n", "\x00", "#", "/", "//",
]
HOSTS = ["h.vn", "portal.example.gov.vn", "Portal.vn", "127.0.0.1", "a-b.c-d.vn", "xn--b-6ga.vn", "-a.vn", "a" * 64 + ".vn",
         "h_x.vn", "ư.vn", "[::1]", "h..vn"]
PORTS = ["", ":80", ":8080", ":8650", ":080", ":0", ":9999", ":59999", ":65535", ":65536", ":99999", ":", ":x"]
FRAGMENTS = ["", "#", "#main-content", "#a#b", "#\n x"]


def _same_canonical_form(url: str) -> None:
    try:
        full = _canonical_form(url, PROFILE)
    except ValueError:  # not a URL (a port out of range): the short cut must not take it either
        assert not _CANONICAL_AS_WRITTEN.fullmatch(url), url
        return
    assert canonicalize_url(url, PROFILE) == full, url


def test_canonical_form_as_written_at_its_edges():
    for piece, fragment in itertools.product(AS_WRITTEN_EDGES, FRAGMENTS):
        for path in (f"/{piece}", f"/a{piece}b/c", f"/tin-tuc/{piece}", f"/a/{piece}/"):
            _same_canonical_form(f"http://h.vn:8650{path}{fragment}")
    for scheme, host, port in itertools.product(("http", "https", "HTTP", "ftp"), HOSTS, PORTS):
        _same_canonical_form(f"{scheme}://{host}{port}/tin-tuc/bai-1.html")


@EXAMPLES
@given(st.one_of(urls(), st.builds("http://{}{}/{}{}".format, st.sampled_from(HOSTS), st.sampled_from(PORTS),
                                   st.lists(st.sampled_from(AS_WRITTEN_EDGES + ["a", "B", "0", "-", "/"]), max_size=12).map("".join),
                                   st.sampled_from(FRAGMENTS))))
def test_canonical_form_as_written_is_the_full_form(url):
    _same_canonical_form(url)


def test_canonical_form_as_written_takes_the_commonest_links():
    for url in ("http://127.0.0.1:8650/tin-tuc/kinh-te/bai-1.html", "https://portal.gov.vn/vi/tin-tuc/a%E1%BB%A9-b#main"):
        assert _CANONICAL_AS_WRITTEN.fullmatch(url), url


# --- dates ---------------------------------------------------------------------------------

FORMATS = sorted({(name, fmt) for name in available_profiles() for fmt in load_profile(name).article.date_formats})


def precision_of(fmt: str, moment: datetime) -> datetime:
    """What a format can say about a moment: no seconds without %S, no time without an hour."""
    if "%H" not in fmt and "%I" not in fmt:
        return moment.replace(hour=0, minute=0, second=0)
    return moment if "%S" in fmt else moment.replace(second=0)


@pytest.mark.parametrize("profile, fmt", FORMATS, ids=[f"{p}:{f}" for p, f in FORMATS])
@settings(max_examples=60, deadline=None)
@given(moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2068, 12, 31)),
       before=st.sampled_from(["", "Ngày đăng: ", "Cập nhật lúc ", "(", "Thứ Sáu, "]),
       after=st.sampled_from(["", " | Lượt xem", ")", " - Tin tức", "\n"]))
def test_a_date_in_each_profile_format_reads_back(profile, fmt, moment, before, after):
    moment = moment.replace(microsecond=0)
    parsed = parse_visible_date(before + moment.strftime(fmt) + after, [fmt])
    assert parsed == precision_of(fmt, moment).replace(tzinfo=VIETNAM)


# --- text normalisation --------------------------------------------------------------------

# Pieces of portal text: letters precomposed and decomposed (NFD), the spaces editors paste, and
# entities left over from text escaped once, twice or three times.
PORTAL_TEXT = st.lists(st.sampled_from(
    list("Tỉnh Hòa Lâm đón nhận Huân chương ĐƯỜNG ăâêôơư") + ["a\u0301", "o\u0302\u0303", "\u0323", "\u00a0", "\u202f",
    "\u3000", "\u200b", "\ufeff", "\t", "\n", "\r\n", "  ", "&amp;", "&nbsp;", "&agrave;", "&#7841;", "&", ";", "&amp;amp;"]),
    max_size=40).map("".join)


@EXAMPLES
@given(PORTAL_TEXT)
def test_normalized_text_is_nfc_single_spaced_and_a_fixed_point(text):
    normalized = normalize_text(text)
    assert normalize_text(normalized) == normalized
    assert unicodedata.is_normalized("NFC", normalized)
    assert "  " not in normalized and normalized == normalized.strip()
    assert not any(c in normalized for c in "\u00a0\u202f\u3000\u200b\ufeff\t\n\r")
