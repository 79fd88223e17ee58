"""The stage glue on its own: ids from canonical URLs, content hashes, change detection."""

from __future__ import annotations

from datetime import UTC, datetime

from flows import stages
from mediamon.records import Article, FetchResult, Tags
from mediamon.urls import article_id
from warehouse import db
from warehouse.load import LoadItem, load_batch

NOW = datetime(2024, 1, 1, tzinfo=UTC)


def test_canonical_url_is_trusted_only_when_plausible():
    page = "http://outlet.test/news/2023/05/11/story?utm_source=rss"
    assert stages.choose_canonical("http://outlet.test/news/story#top", page) == "http://outlet.test/news/story"
    # a canonical pointing at the homepage or another host would merge unrelated pages
    assert stages.choose_canonical("http://outlet.test/", page) == "http://outlet.test/news/2023/05/11/story"
    assert stages.choose_canonical("http://other.test/x", page) == "http://outlet.test/news/2023/05/11/story"
    assert stages.choose_canonical(None, page) == "http://outlet.test/news/2023/05/11/story"
    assert stages.choose_canonical("http://www.outlet.test/a", page) == "http://www.outlet.test/a"


def test_content_hash_follows_text_not_markup():
    a = Article(url="u", title="T", body="one\n\ntwo")
    assert stages.content_hash(a) == stages.content_hash(Article(url="other", title="T", body="one\n\ntwo"))
    assert stages.content_hash(a) != stages.content_hash(Article(url="u", title="T", body="one\n\nthree"))
    assert stages.content_hash(a) != stages.content_hash(Article(url="u", title="T2", body="one\n\ntwo"))


def fetched(url: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> FetchResult:
    return FetchResult(source="s", url=url, final_url=url, status=200, headers=(("Content-Type", content_type),),
                       body=body, fetched_at=NOW, duration_ms=1.0)  # fmt: skip


def test_parse_one_records_failures_instead_of_raising():
    for body in (b"", b"\x00\xff\xfe garbage \x00" * 10, b"<html><body><nav>Home</nav></body></html>"):
        result = stages.parse_one(fetched("http://x.test/a", body))
        assert result.article is None
        assert result.outcome in ("not_article", "parse_failed")
        assert result.error


def test_parse_one_decodes_with_the_declared_charset():
    text = "<html><head><title>Минск</title></head><body><article><h1>Минск и Москва</h1>" + (
        "<p>Президент Беларуси Александр Лукашенко встретился с Владимиром Путиным в Москве. "
        "Стороны обсудили интеграцию в рамках Союзного государства и торговлю.</p>" * 6
    ) + "</article></body></html>"
    result = stages.parse_one(fetched("http://x.test/story", text.encode("cp1251"), "text/html; charset=windows-1251"))
    assert result.article is not None, result.error
    assert "Лукашенко" in result.article.body
    assert result.article.id == article_id("http://x.test/story")


def test_split_changed_sorts_new_updated_unchanged(tmp_path):
    con = db.connect(tmp_path / "w.duckdb")
    stored = Article(url="http://x.test/1", title="T", body="old", id=article_id("http://x.test/1"))
    load_batch(con, [LoadItem("s", stored, stages.content_hash(stored), Tags())], [], now=NOW)

    def parsed(url: str, body: str) -> stages.Parsed:
        article = Article(url=url, title="T", body=body, id=article_id(url))
        return stages.Parsed(fetched(url, b"x"), article, stages.content_hash(article), "parsed")

    changes = stages.split_changed(
        con,
        [parsed("http://x.test/1", "old"), parsed("http://x.test/2", "new"), parsed("http://x.test/2", "new"),
         parsed("http://x.test/3", "x")],
    )  # fmt: skip
    assert [p.article.url for p in changes.new] == ["http://x.test/2", "http://x.test/3"]
    assert changes.updated == []
    assert len(changes.unchanged) == 2  # the stored one, and the second copy of x.test/2
    changes = stages.split_changed(con, [parsed("http://x.test/1", "edited")])
    assert len(changes.updated) == 1
    con.close()


ARTICLE = (
    "<html><head><title>Минск и Москва</title>{meta}</head><body><article><h1>Минск и Москва — встреча</h1>"
    + "<p>Президент Беларуси Александр Лукашенко встретился с Владимиром Путиным в Москве. "
    "Стороны обсудили интеграцию в рамках Союзного государства, торговлю и энергетику.</p>" * 6
    + "</article></body></html>"
)


def test_wrong_or_absent_charsets_still_decode():
    cases = [
        ("cp1251 declared right", ARTICLE.format(meta="").encode("cp1251"), "text/html; charset=windows-1251"),
        ("cp1251 declared utf-8", ARTICLE.format(meta="").encode("cp1251"), "text/html; charset=utf-8"),
        ("utf-8 declared latin-1", ARTICLE.format(meta="").encode("utf-8"), "text/html; charset=iso-8859-1"),
        ("utf-8 with BOM, no charset", b"\xef\xbb\xbf" + ARTICLE.format(meta="").encode("utf-8"), "text/html"),
        ("cp1251 via <meta>, no header charset",
         ARTICLE.format(meta='<meta charset="windows-1251">').encode("cp1251"), "text/html"),
    ]  # fmt: skip
    for label, body, content_type in cases:
        result = stages.parse_one(fetched("http://x.test/story", body, content_type))
        assert result.article is not None, (label, result.error)
        assert "Лукашенко" in result.article.body, label


def test_latin1_page_keeps_its_accents():
    page = ("<html><head><title>Élysée</title></head><body><article><h1>Réunion à l'Élysée</h1>"
            + "<p>Le président a reçu ses homologues européens pour une réunion consacrée à la sécurité.</p>" * 6
            + "</article></body></html>")  # fmt: skip
    result = stages.parse_one(fetched("http://x.test/fr", page.encode("latin-1"), "text/html; charset=iso-8859-1"))
    assert result.article is not None, result.error
    assert "président" in result.article.body
