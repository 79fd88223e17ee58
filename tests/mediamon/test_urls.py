from mediamon.urls import article_id, host_of, normalize_url


def test_normalisation_drops_tracking_fragment_default_port_and_case():
    messy = "HTTP://Example.COM:80/a/b/?utm_source=x&b=2&a=1&fbclid=zz&gclid=q#section-2"
    assert normalize_url(messy) == "http://example.com/a/b/?a=1&b=2"
    assert normalize_url("https://ex.com:443/x") == "https://ex.com/x"


def test_article_id_is_stable_across_spellings_of_one_url():
    a = article_id("http://jamestown.test/program/x/?utm_medium=rss#top")
    b = article_id("HTTP://JAMESTOWN.test:80/program/x/")
    assert a == b
    assert len(a) == 16
    assert a != article_id("http://jamestown.test/program/y/")


def test_host_of():
    assert host_of("http://Caspian-Courier.test:8080/x") == "caspian-courier.test"
    assert host_of("not a url") == ""
