import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction.page import Page
from extraction.profiles import ProfileError, available_profiles, family_profiles, load_profile, profile_for_url
from extraction.resolve import resolve_profile
from demo_portal import DEMO_PROFILE


def test_packaged_profiles_load():
    for name in available_profiles():
        profile = load_profile(name)
        assert profile.article.title and profile.article.body, name


def test_site_profile_inherits_from_its_family():
    family, site = load_profile("drupal7"), load_profile(str(DEMO_PROFILE))
    assert site.family == "drupal7"
    assert site.article == family.article  # the demo overrides discovery only
    assert site.discovery.article_urls and not family.discovery.article_urls
    assert site.discovery.deny_urls == family.discovery.deny_urls


def test_family_profiles_are_listed():
    assert "drupal7" in [p.name for p in family_profiles()]


def test_profile_from_a_file_overrides_lists(tmp_path):
    path = tmp_path / "tinh.toml"
    path.write_text(
        'name = "tinh"\nextends = "drupal7"\n[discovery]\nstart_urls = ["https://tinh.gov.vn/"]\n'
        'allowed_domains = ["tinh.gov.vn"]\n[article]\ntitle = ["h1.tieu-de"]\n',
        encoding="utf-8",
    )
    profile = load_profile(str(path))
    assert profile.name == "tinh" and profile.family == "drupal7"
    assert profile.article.title == ("h1.tieu-de",)
    assert profile.article.body == load_profile("drupal7").article.body
    assert profile.claims_url("https://www.tinh.gov.vn/tin-tuc/x")
    assert not profile.claims_url("https://tinhkhac.gov.vn/")


def test_with_site_adds_start_urls_and_their_domains():
    profile = load_profile("drupal7").with_site(start_urls=["http://127.0.0.1:8080/"])
    assert profile.discovery.start_urls == ("http://127.0.0.1:8080/",)
    assert profile.discovery.allowed_domains == ("127.0.0.1",)


@pytest.mark.parametrize(
    "text, message",
    [
        ('name = "x"\n', "missing key"),
        ('name = "x"\nfamily = "drupal7"\n[article]\ntitel = ["h1"]\n', "unknown keys"),
        ('name = "x"\nextends = "drupal7"\n[discovery]\narticle_urls = ["(unclosed"]\n', "bad regular expression"),
        ('name = "x"\nextends = "no-such-family"\n', "no profile named"),
        ("name = ", "not valid TOML"),
    ],
)
def test_broken_profiles_say_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        load_profile(str(path))


def test_no_packaged_profile_claims_an_unknown_domain():
    assert profile_for_url("https://example.org/") is None


# --- every mistake in a profile file is one ProfileError naming the file and the key ------------

@pytest.mark.parametrize(
    "text, message",
    [
        ('name = "x"\nextends = "drupal7"\n[article]\ntitle = ["h1[[[::bogus"]\n', r"\[article\] title: bad CSS selector 'h1\[\[\[::bogus'"),
        ('name = "x"\nextends = "drupal7"\n[article]\nbody = ["div::bogus"]\n', r"\[article\] body: bad CSS selector"),
        ('name = "x"\nextends = "drupal7"\n[boilerplate]\nselectors = ["p >"]\n', r"\[boilerplate\] selectors: bad CSS selector"),
        ('name = "x"\nextends = "drupal7"\nmarkers = 5\n', r"markers: expected a list of strings, not 5"),
        ('name = "x"\nextends = "drupal7"\nmarkers = ["body", "#["]\n', r"markers: bad CSS selector '#\['"),
        ('name = "x"\nextends = "drupal7"\n[article]\ntitle = [5]\n', r"\[article\] title: expected a list of strings, not \[5\]"),
        ('name = "x"\nextends = 7\n', r"extends: expected a profile name or a path to a .toml file, not 7"),
        ('name = "x"\nextends = "drupal7"\nversions = 5\n', r"versions: expected an array of tables"),
        ('name = "x"\nextends = "drupal7"\n[[versions]]\nvalid_from = 5\n', r"\[\[versions\]\] #1 valid_from: expected a date"),
        ('name = "x"\nextends = "drupal7"\n[discovery]\nstart_urls = "https://tinh.gov.vn/"\n', r"start_urls: expected a list of strings \(in \[ \]\), not the string"),
        ('name = "x"\nextends = "drupal7"\n[discovery]\nstart_urls = ["tinh.gov.vn"]\n', r"start_urls: 'tinh.gov.vn' is not an absolute http\(s\) URL"),
        ('name = "x"\nextends = "drupal7"\n[discovery]\nstart_urls = ["http://[::1"]\n', r"start_urls: 'http://\[::1' is not a URL"),
        ('name = "x"\nextends = "drupal7"\narticle = 5\n', r"\[article\]: expected a table, not 5"),
        ('name = 5\nextends = "drupal7"\n', r"name: expected a string, not 5"),
        ('name = "x"\nextends = "drupal7"\n[article]\ndate_formats = "%d/%m/%Y"\n', r"date_formats: expected a list of strings"),
    ],
)
def test_wrong_values_are_refused_at_load(tmp_path, text, message):
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=message) as refused:
        load_profile(str(path))
    assert str(path) in str(refused.value) and "\n" not in str(refused.value)


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Tỉnh"\nextends = "drupal7"\n'.encode("utf-8").replace(b"\xe1\xbb\x89", b"\xff\xfe"))
    with pytest.raises(ProfileError, match=f"{path}: not UTF-8 text"):
        load_profile(str(path))


def test_relative_extends_is_read_from_the_profiles_own_folder(tmp_path, monkeypatch):
    (tmp_path / "families").mkdir()
    (tmp_path / "families" / "tinh-family.toml").write_text('name = "tinh-family"\nextends = "drupal7"\n[article]\ntitle = ["h1.tieu-de"]\n', encoding="utf-8")
    site = tmp_path / "sites" / "tinh.toml"
    site.parent.mkdir()
    site.write_text('name = "tinh"\nextends = "../families/tinh-family.toml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "families")  # the working directory must not matter
    assert load_profile(str(site)).article.title == ("h1.tieu-de",)


@pytest.mark.parametrize("name", ["../../pyproject", "../profiles/drupal7", "/etc/passwd", "drupal7/../drupal7", "profiles/../drupal7"])
def test_a_name_never_reaches_outside_the_packaged_profiles(name):
    with pytest.raises(ProfileError, match="no profile named"):
        load_profile(name)


@given(st.dictionaries(
    st.sampled_from(["name", "family", "extends", "markers", "versions", "discovery", "article", "boilerplate", "language"]),
    st.recursive(
        st.integers() | st.text(max_size=8) | st.sampled_from(["h1", "h1[[[::bogus", "drupal7", "x.toml", "http://[::1"]) | st.booleans() | st.dates(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["title", "body", "start_urls", "valid_from", "selectors"]), inner, max_size=3),
        max_leaves=6,
    ),
    max_size=5,
))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_profile_file_loads_or_says_why(tmp_path, data):
    path = tmp_path / "any.toml"
    path.write_text("".join(f"{key} = {_toml(value)}\n" for key, value in data.items()), encoding="utf-8")
    load_profile.cache_clear()
    try:
        profile = load_profile(str(path))
    except ProfileError as refused:
        assert str(path) in str(refused) or "no profile" in str(refused)
    else:
        assert isinstance(profile.family, str) and all(isinstance(s, str) for s in profile.article.title)


def _toml(value) -> str:
    """A TOML value written inline (strings as JSON writes them are TOML basic strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str)):
        return json.dumps(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml, value)) + "]"
    return "{" + ", ".join(f"{key} = {_toml(item)}" for key, item in value.items()) + "}"


# --- resolve_profile: the one way a page gets its profile ------------------------------------

def test_a_requested_profile_is_a_known_name_or_a_file(tmp_path):
    assert resolve_profile("liferay").name == "liferay"
    path = tmp_path / "tinh.toml"
    path.write_text('name = "tinh"\nextends = "drupal7"\n', encoding="utf-8")
    assert resolve_profile(str(path)).name == "tinh"
    with pytest.raises(ProfileError, match="no profile named 'joomla9'"):
        resolve_profile("joomla9")


def test_a_recorded_profile_is_looked_up_by_name_only(tmp_path):
    path = tmp_path / "planted.toml"
    path.write_text('name = "planted"\nextends = "drupal7"\n', encoding="utf-8")
    english = Page("https://example.org/a", b"<html lang='en'><body><p>Hello there, reader.</p></body></html>")
    assert resolve_profile(recorded="sharepoint", page=english).name == "sharepoint"
    # A path, or a name reaching out of the profiles' folder, named by a foreign archive is not read.
    for recorded in (str(path), "../../pyproject", "/etc/passwd"):
        assert resolve_profile(recorded=recorded, page=english) is None
        assert resolve_profile(recorded=recorded) is None


def test_a_broken_requested_profile_raises_rather_than_falling_back(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('name = "x"\nextends = "drupal7"\n[article]\ntitle = ["h1[[[::bogus"]\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="bad CSS selector"):
        resolve_profile(str(path), page=Page("https://tinh.gov.vn/a", b"<html></html>"))
