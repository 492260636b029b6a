from extraction.profiles import load_profile
from extraction.urls import absolute_url, canonicalize_url

PROFILE = load_profile("drupal7")


def test_fragment_session_and_tracking_parameters_go():
    url = "http://Portal.Example.gov.vn/tin-tuc/a?utm_source=fb&page=2&PHPSESSID=abc#top"
    assert canonicalize_url(url, PROFILE) == "http://portal.example.gov.vn/tin-tuc/a?page=2"


def test_jsessionid_path_parameter_goes():
    url = "https://portal.example.gov.vn/web/guest/tin-tuc;jsessionid=ABCDEF123?x=1"
    assert canonicalize_url(url, PROFILE) == "https://portal.example.gov.vn/web/guest/tin-tuc?x=1"


def test_query_order_does_not_make_a_new_url():
    a = canonicalize_url("http://h.vn/list?page=1&cat=2", PROFILE)
    b = canonicalize_url("http://h.vn/list?cat=2&page=1", PROFILE)
    assert a == b


def test_vietnamese_paths_are_percent_encoded_once():
    url = canonicalize_url("http://h.vn/tin-tức/bài viết", PROFILE)
    assert url == "http://h.vn/tin-t%E1%BB%A9c/b%C3%A0i%20vi%E1%BA%BFt"
    assert canonicalize_url(url, PROFILE) == url


def test_a_run_of_slashes_before_a_host_is_read_as_browsers_do():
    # Portals write src="///host/upload/f.pdf"; browsers take the host from it, urljoin alone would not.
    assert absolute_url("http://a.edu.vn/tin/x.html", "///a.edu.vn/upload/f.pdf") == "http://a.edu.vn/upload/f.pdf"
    assert absolute_url("http://a.edu.vn/tin/x.html", "//b.edu.vn/p") == "http://b.edu.vn/p"
    assert absolute_url("http://a.edu.vn/tin/x.html", "/upload/f.pdf") == "http://a.edu.vn/upload/f.pdf"


def test_a_link_to_no_address_is_none_whether_its_own_host_or_the_bases_is_at_fault():
    assert absolute_url("http://a.edu.vn/tin/x.html", "http://[::1/x") is None
    assert absolute_url("http://a.edu.vn/tin/x.html", "//b.edu.vn:99999/p") is None
    assert absolute_url("http://a.edu.vn/tin/x.html", "http://b.edu.vn:port/p") is None
    assert absolute_url("http://a.edu.vn:99999/tin/x.html", "y.html") is None
    assert absolute_url("http://a.edu.vn:8080/tin/x.html", "y.html") == "http://a.edu.vn:8080/tin/y.html"
