"""One canonical form per URL, so the same page is fetched and recorded once."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

from extraction.profiles import Profile


def canonicalize_url(url: str, profile: Profile) -> str:
    """Drop the fragment, ``;jsessionid=`` path parameters and the profile's session/tracking
    query parameters, then apply w3lib's canonical form (sorted query, normalised escapes)."""
    parts = urlsplit(url)
    path = parts.path.split(";", 1)[0] if ";jsessionid=" in parts.path.lower() else parts.path
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not profile.drops_query_param(k)]
    cleaned = urlunsplit((parts.scheme, parts.netloc.lower(), path or "/", urlencode(query), ""))
    return _w3lib_canonicalize(cleaned, keep_fragments=False)
