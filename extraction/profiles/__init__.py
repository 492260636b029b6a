"""Site profiles: everything the crawler knows about a portal, as data.

A profile is a TOML file in this folder (a known profile, named by its file's stem) or any path
a user gives. A site profile names a family profile in ``extends`` (a known name, or a path
relative to its own file) and overrides a few keys; tables merge key by key, and a list replaces
the parent's. Every value is checked when the profile is loaded (extraction/profiles/checks.py).
"""

import fnmatch
import tomllib
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from functools import cache, cached_property
from pathlib import Path
from urllib.parse import urlsplit

from extraction.profiles import checks
from extraction.profiles.checks import ProfileError
from extraction.profiles.document_section import DocumentRules, document_rules

PROFILE_DIR = Path(__file__).parent


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
    # How the portal shows legal documents (extraction/profiles/document_section.py); None: it does not.
    document: DocumentRules | None = None
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

    @cached_property  # read for every page: folded once
    def boilerplate_paragraphs(self) -> frozenset[str]:
        return frozenset(p.casefold() for p in self.boilerplate.paragraphs)

    @cached_property
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
    except UnicodeDecodeError as error:
        raise ProfileError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise ProfileError(f"{path}: cannot read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{path}: not valid TOML: {error}") from None
    if "extends" not in data:
        return data
    parent_name = data.pop("extends")
    if not isinstance(parent_name, str):
        raise ProfileError(f"{path}: extends: expected a profile name or a path to a .toml file, not {parent_name!r}")
    if parent_name in seen:
        raise ProfileError(f"{path}: profiles extend each other in a loop: {' -> '.join(seen)}")
    return _merge(_read(_locate(parent_name, path.parent), (*seen, parent_name)), data)


def _locate(name_or_path: str, folder: Path | None = None) -> Path:
    """A known profile by name, or a .toml file by path (relative to `folder`, the folder of the
    profile that names it, or else to the working directory). A name is never a path: a name
    like ``../../pyproject`` finds nothing outside this folder."""
    if name_or_path in available_profiles():
        return PROFILE_DIR / f"{name_or_path}.toml"
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml":
        path = candidate if folder is None or candidate.is_absolute() else folder / candidate
        if path.is_file():
            return path
        raise ProfileError(f"no profile file {str(path)!r}")
    known = ", ".join(available_profiles())
    raise ProfileError(f"no profile named {name_or_path!r} (known: {known}; or give a path to a .toml file)")


# How each list of a section is checked; lists not named here are lists of strings.
_CHECKS = {
    "start_urls": checks.web_urls,
    "article_urls": checks.patterns, "listing_urls": checks.patterns, "deny_urls": checks.patterns,
    **{f.name: checks.selectors for f in fields(ArticleRules) if f.name != "date_formats"},
    "selectors": checks.selectors,
}


def _section(cls, data, where: str):
    data = checks.table(data, where)
    unknown = set(data) - {f.name for f in fields(cls)}
    if unknown:
        raise ProfileError(f"{where}: unknown keys {sorted(unknown)}")
    return cls(**{key: _CHECKS.get(key, checks.strings)(value, f"{where} {key}") for key, value in data.items()})


def _build(data: dict, path: Path, where: str) -> Profile:
    data = dict(data)
    if "family" not in data:
        raise ProfileError(f"{where}: missing key 'family'")
    profile = Profile(
        name=checks.string(data.pop("name", path.stem), f"{where} name"),
        family=checks.string(data.pop("family"), f"{where} family"),
        description=checks.string(data.pop("description", ""), f"{where} description"),
        language=checks.string(data.pop("language", "vi"), f"{where} language"),
        markers=checks.selectors(data.pop("markers", []), f"{where} markers"),
        discovery=_section(Discovery, data.pop("discovery", {}), f"{where} [discovery]"),
        article=_section(ArticleRules, data.pop("article", {}), f"{where} [article]"),
        boilerplate=_section(Boilerplate, data.pop("boilerplate", {}), f"{where} [boilerplate]"),
        document=document_rules(data.pop("document", None), f"{where} [document]"),
    )
    if data:
        raise ProfileError(f"{where}: unknown keys {sorted(data)}")
    return profile


def _versions(base: dict, entries, path: Path, where: str) -> tuple[ProfileVersion, ...]:
    versions = []
    for index, entry in enumerate(checks.tables(entries, f"{where} versions"), 1):
        here = f"{where} [[versions]] #{index}"
        entry = dict(entry)
        valid_from = checks.moment(entry.pop("valid_from", None), f"{here} valid_from")
        valid_until = checks.moment(entry.pop("valid_until", None), f"{here} valid_until")
        if valid_from is None and valid_until is None:
            raise ProfileError(f"{here}: needs valid_from or valid_until")
        if set(entry) - {"article", "boilerplate"}:
            raise ProfileError(f"{here}: a version overrides [article] and [boilerplate] only, not {sorted(set(entry) - {'article', 'boilerplate'})}")
        versions.append(ProfileVersion(valid_from, valid_until, _build(_merge(base, entry), path, here)))
    return tuple(versions)


@cache
def load_profile(name_or_path: str) -> Profile:
    """A known profile by name (``drupal7``) or a profile file by path; ProfileError when it
    cannot be found or read, or when a value in it does not make sense."""
    path = _locate(name_or_path)
    data = _read(path)
    entries = data.pop("versions", [])
    profile = _build(data, path, str(path))
    return replace(profile, versions=_versions(data, entries, path, str(path)))


def available_profiles() -> list[str]:
    """The names of the known (packaged) profiles."""
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
