"""Site profiles: everything the crawler knows about a portal, as data.

A profile is a TOML file in this folder (or any path). A site profile names a family profile in
``extends`` and overrides a few keys; tables merge key by key, and a list replaces the parent's.
"""

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

PROFILE_DIR = Path(__file__).parent


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


@dataclass(frozen=True)
class Boilerplate:
    selectors: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    name: str
    family: str
    description: str = ""
    language: str = "vi"
    discovery: Discovery = field(default_factory=Discovery)
    article: ArticleRules = field(default_factory=ArticleRules)
    boilerplate: Boilerplate = field(default_factory=Boilerplate)

    def with_site(self, start_urls=(), allowed_domains=()) -> "Profile":
        """This profile pointed at more start URLs and domains (given on the command line)."""
        domains = tuple(allowed_domains) or tuple(urlsplit(u).hostname for u in start_urls if urlsplit(u).hostname)
        discovery = replace(
            self.discovery,
            start_urls=tuple(dict.fromkeys((*self.discovery.start_urls, *start_urls))),
            allowed_domains=tuple(dict.fromkeys((*self.discovery.allowed_domains, *domains))),
        )
        return replace(self, discovery=discovery)

    def claims_url(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.discovery.allowed_domains)

    @property
    def boilerplate_paragraphs(self) -> frozenset[str]:
        return frozenset(p.casefold() for p in self.boilerplate.paragraphs)

    def drops_query_param(self, name: str) -> bool:
        return any(fnmatch.fnmatchcase(name.lower(), p.lower()) for p in self.discovery.drop_query_params)


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


@cache
def load_profile(name_or_path: str) -> Profile:
    """A profile by packaged name (``drupal7``) or by path to a TOML file."""
    path = _locate(name_or_path)
    data = _read(path)
    where = str(path)
    try:
        profile = Profile(
            name=data.pop("name", path.stem),
            family=data.pop("family"),
            description=data.pop("description", ""),
            language=data.pop("language", "vi"),
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
