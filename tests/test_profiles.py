import pytest

from extraction.profiles import ProfileError, available_profiles, family_profiles, load_profile, profile_for_url
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
