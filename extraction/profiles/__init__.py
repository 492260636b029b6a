"""Site profiles: everything the crawler knows about a portal, as data.

A profile is a TOML file in this folder (or any path). A site profile names a family profile in
``extends`` and overrides a few keys; tables merge key by key, and a list replaces the parent's.
"""

import fnmatch
from datetime import datetime, time, timedelta, timezone
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

PROFILE_DIR = Path(__file__).parent
VIETNAM = timezone(timedelta(hours=7))


class ProfileError(ValueError):
    """A profile that cannot be found or does not make sense."""


@dataclass(frozen=True)
class Discovery:
    start_urls: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    article_urls: tuple[str, ...] = ()
    listing_urls: tuple[str, ...] = ()
    deny_urls: tuple[str, ...] = ()
    drop_query_params: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleRules:
    detect: tuple[str, ...] = ()
    not_article: tuple[str, ...] = ()
    root: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    published_at: tuple[str, ...] = ()
    published_at_visible: tuple[str, ...] = ()
    date_formats: tuple[str, ...] = ()
    breadcrumb: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    image_captions: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    canonical: tuple[str, ...] = ()
    # Elements outside the body that hold a byline or source line ("Nguồn tin: …", "Tác giả: …").
    byline: tuple[str, ...] = ()


@dataclass(frozen=True)
class Boilerplate:
    selectors: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    # A paragraph that starts with one of these is furniture whatever follows ("Bản quyền thuộc …").
    paragraph_prefixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    name: str
    family: str
    description: str = ""
    language: str = "vi"
    # Selectors found on any page of the family (article or not): how a saved page of an unknown
    # site is recognised as, say, Liferay, so that its listing pages are not taken for articles.
    markers: tuple[str, ...] = ()
    discovery: Discovery = field(default_factory=Discovery)
    article: ArticleRules = field(default_factory=ArticleRules)
    boilerplate: Boilerplate = field(default_factory=Boilerplate)
    # Earlier or later templates of the site, each valid for captures in its period (see `at`).
    versions: tuple["ProfileVersion", ...] = ()

    def at(self, captured: datetime | None) -> "Profile":
        """The profile as it applies to a page captured at `captured`: the version whose period
        holds that moment, else this one. A page archived years ago is read with the selectors
        that matched the site then."""
        if captured is None:
            return self
        for version in self.versions:
            if version.holds(captured):
                return version.profile
        return self

    def with_site(self, start_urls=(), allowed_domains=()) -> "Profile":
        """This profile pointed at more start URLs and domains (given on the command line)."""
        every_start = tuple(dict.fromkeys((*self.discovery.start_urls, *start_urls)))
        domains = (*self.discovery.allowed_domains, *allowed_domains)
        if not domains or start_urls:
            # A site is at least the hosts it starts from.
            domains += tuple(urlsplit(u).hostname for u in (start_urls or every_start) if urlsplit(u).hostname)
        discovery = replace(self.discovery, start_urls=every_start, allowed_domains=tuple(dict.fromkeys(domains)))
        return replace(self, discovery=discovery)

    def claims_url(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.discovery.allowed_domains)

    @property
    def boilerplate_paragraphs(self) -> frozenset[str]:
        return frozenset(p.casefold() for p in self.boilerplate.paragraphs)

    @property
    def boilerplate_prefixes(self) -> tuple[str, ...]:
        return tuple(p.casefold() for p in self.boilerplate.paragraph_prefixes)

    def drops_query_param(self, name: str) -> bool:
        return any(fnmatch.fnmatchcase(name.lower(), p.lower()) for p in self.discovery.drop_query_params)


@dataclass(frozen=True)
class ProfileVersion:
    valid_from: datetime | None  # inclusive
    valid_until: datetime | None  # exclusive
    profile: Profile

    def holds(self, moment: datetime) -> bool:
        return (self.valid_from is None or moment >= self.valid_from) and (self.valid_until is None or moment < self.valid_until)


def _merge(parent: dict, child: dict) -> dict:
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read(path: Path, seen: tuple[str, ...] = ()) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{path}: not valid TOML: {error}") from None
    parent_name = data.pop("extends", None)
    if parent_name is None:
        return data
    if parent_name in seen:
        raise ProfileError(f"{path}: profiles extend each other in a loop: {' -> '.join(seen)}")
    return _merge(_read(_locate(parent_name), (*seen, parent_name)), data)


def _locate(name_or_path: str) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" and candidate.is_file():
        return candidate
    packaged = PROFILE_DIR / f"{name_or_path}.toml"
    if packaged.is_file():
        return packaged
    known = ", ".join(available_profiles())
    raise ProfileError(f"no profile named {name_or_path!r} (known: {known}; or give a path to a .toml file)")


def _section(cls, data: dict, where: str):
    known = {f.name for f in fields(cls)}
    unknown = set(data) - known
    if unknown:
        raise ProfileError(f"{where}: unknown keys {sorted(unknown)}")
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    return cls(**values)


def _validate_patterns(profile: Profile, where: str) -> None:
    for key in ("article_urls", "listing_urls", "deny_urls"):
        for pattern in getattr(profile.discovery, key):
            try:
                re.compile(pattern)
            except re.error as error:
                raise ProfileError(f"{where}: discovery.{key}: bad regular expression {pattern!r}: {error}") from None


def _build(data: dict, path: Path, where: str) -> Profile:
    data = dict(data)
    try:
        profile = Profile(
            name=data.pop("name", path.stem),
            family=data.pop("family"),
            description=data.pop("description", ""),
            language=data.pop("language", "vi"),
            markers=tuple(data.pop("markers", ())),
            discovery=_section(Discovery, data.pop("discovery", {}), f"{where} [discovery]"),
            article=_section(ArticleRules, data.pop("article", {}), f"{where} [article]"),
            boilerplate=_section(Boilerplate, data.pop("boilerplate", {}), f"{where} [boilerplate]"),
        )
    except KeyError as missing:
        raise ProfileError(f"{where}: missing key {missing}") from None
    if data:
        raise ProfileError(f"{where}: unknown keys {sorted(data)}")
    _validate_patterns(profile, where)
    return profile


def _moment(value, where: str) -> datetime | None:
    """A version boundary: a TOML date or date-time (or an ISO string); local times are Vietnam's."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise ProfileError(f"{where}: not a date: {value!r}") from None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    return value if value.tzinfo else value.replace(tzinfo=VIETNAM)


def _versions(base: dict, entries: list, path: Path, where: str) -> tuple[ProfileVersion, ...]:
    versions = []
    for index, entry in enumerate(entries, 1):
        here = f"{where} [[versions]] #{index}"
        entry = dict(entry)
        valid_from = _moment(entry.pop("valid_from", None), here)
        valid_until = _moment(entry.pop("valid_until", None), here)
        if valid_from is None and valid_until is None:
            raise ProfileError(f"{here}: needs valid_from or valid_until")
        if set(entry) - {"article", "boilerplate"}:
            raise ProfileError(f"{here}: a version overrides [article] and [boilerplate] only, not {sorted(set(entry) - {'article', 'boilerplate'})}")
        versions.append(ProfileVersion(valid_from, valid_until, _build(_merge(base, entry), path, here)))
    return tuple(versions)


@cache
def load_profile(name_or_path: str) -> Profile:
    """A profile by packaged name (``drupal7``) or by path to a TOML file."""
    path = _locate(name_or_path)
    data = _read(path)
    entries = data.pop("versions", [])
    profile = _build(data, path, str(path))
    return replace(profile, versions=_versions(data, entries, path, str(path)))


def available_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.toml"))


def family_profiles() -> list[Profile]:
    """The profiles that describe a whole CMS family rather than one site."""
    return [p for p in map(load_profile, available_profiles()) if p.name == p.family]


def profile_for_url(url: str) -> Profile | None:
    """The packaged site profile whose domains include the URL's host."""
    for name in available_profiles():
        profile = load_profile(name)
        if profile.claims_url(url):
            return profile
    return None
