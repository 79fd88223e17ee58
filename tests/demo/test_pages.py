"""Rendered pages and discovery documents: determinism, markup shapes, feeds and sitemaps."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import feedparser
import pytest
from lxml import etree, html
from protego import Protego

from demo.corpus import build_corpus
from demo.feeds import ATOM_PATH, NEWS_SITEMAP_PATH, ROBOTS_PATH, RSS_PATH, SITEMAP_INDEX_PATH
from demo.outlets import CASPIAN, JAMESTOWN, OUTLETS, STEPPE
from demo.pages import Pages, rewrite_for_browsing
from demo.seed_article import MD_LINK_RE, SEED_PATH, read_seed_markdown

SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_c14b338a4646c3d4.txt"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
              "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def urls_of(corpus, outlet):
    return {article.url for article in corpus.for_source(outlet.source)}


def test_two_builds_render_byte_identical_pages(pages):
    fresh = Pages(build_corpus(42))
    first = {(host, path): page for host, path, page in pages.render_all()}
    second = {(host, path): page for host, path, page in fresh.render_all()}
    assert first.keys() == second.keys()
    assert len(first) > 2096
    for key, page in first.items():
        assert page.body == second[key].body, key
        assert page.etag == second[key].etag


def test_every_article_page_parses_and_carries_its_title(pages, corpus):
    for article in corpus.articles:
        outlet = next(o for o in OUTLETS if o.source == article.source)
        page = pages.get(outlet.host, article.path)
        assert page is not None
        assert page.content_type.startswith("text/html")
        tree = html.fromstring(page.body)
        assert tree.findtext(".//h1").strip() == article.headline
        assert tree.xpath("string(//link[@rel='canonical']/@href)") == article.url


def test_rss_lists_every_jamestown_article(pages, corpus):
    page = pages.get(JAMESTOWN.host, RSS_PATH)
    feed = feedparser.parse(page.body)
    assert not feed.bozo
    assert feed.version == "rss20"
    by_link = {entry.link: entry for entry in feed.entries}
    assert set(by_link) == urls_of(corpus, JAMESTOWN)
    seed = by_link[JAMESTOWN.base_url + SEED_PATH]
    assert seed.title == "Belarus and Russia Advance Economic Integration (Part Two)"
    assert seed.author == "Yauheni Preiherman"
    assert seed.published.endswith("+0000")
    assert seed.published_parsed[:3] == (2023, 5, 11)
    assert not seed.guidislink
    assert "?p=" in seed.id
    assert page.content_type.startswith("application/rss+xml")


def test_atom_and_news_sitemap_list_every_caspian_article(pages, corpus):
    atom = feedparser.parse(pages.get(CASPIAN.host, ATOM_PATH).body)
    assert not atom.bozo
    assert atom.version == "atom10"
    entries = {entry.link: entry for entry in atom.entries}
    assert set(entries) == urls_of(corpus, CASPIAN)
    article = corpus.for_source(CASPIAN.source)[100]
    entry = entries[article.url]
    assert entry.published == article.published_at.isoformat()
    assert [a.name for a in entry.authors] == list(article.authors)
    assert entry.summary == article.dek

    page = pages.get(CASPIAN.host, NEWS_SITEMAP_PATH)
    root = etree.fromstring(page.body)
    locs = root.xpath("//sm:url/sm:loc/text()", namespaces=SITEMAP_NS)
    assert set(locs) == urls_of(corpus, CASPIAN)
    assert len(locs) == len(set(locs))
    dates = root.xpath("//news:publication_date/text()", namespaces=SITEMAP_NS)
    assert all(value.endswith("+04:00") for value in dates)
    assert page.content_type.startswith("application/xml")


def test_sitemap_index_leads_to_every_steppe_article(pages, corpus):
    index = etree.fromstring(pages.get(STEPPE.host, SITEMAP_INDEX_PATH).body)
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    found = []
    sitemaps = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=SITEMAP_NS)
    assert len(sitemaps) == 12
    for loc in sitemaps:
        urlset = etree.fromstring(pages.get(STEPPE.host, loc.removeprefix(STEPPE.base_url)).body)
        found.extend(urlset.xpath("//sm:url/sm:loc/text()", namespaces=SITEMAP_NS))
        assert all(v.endswith("Z") for v in urlset.xpath("//sm:lastmod/text()", namespaces=SITEMAP_NS))
    assert sorted(found) == sorted(urls_of(corpus, STEPPE))


@pytest.mark.parametrize("outlet", OUTLETS, ids=lambda outlet: outlet.source)
def test_robots_allows_everything_and_homepage_links_feed(pages, outlet):
    robots = Protego.parse(pages.get(outlet.host, ROBOTS_PATH).body.decode())
    assert robots.can_fetch(f"{outlet.base_url}/anything", "mediamon")
    sitemaps = list(robots.sitemaps)
    expected = {CASPIAN: [CASPIAN.base_url + NEWS_SITEMAP_PATH], STEPPE: [STEPPE.base_url + SITEMAP_INDEX_PATH]}
    assert sitemaps == expected.get(outlet, [])
    home = html.fromstring(pages.get(outlet.host, "/").body)
    alternates = home.xpath("//link[@rel='alternate']/@href")
    assert alternates == {JAMESTOWN: [JAMESTOWN.base_url + RSS_PATH], CASPIAN: [CASPIAN.base_url + ATOM_PATH]}.get(
        outlet, []
    )
    assert len(home.xpath("//li[@class='teaser']")) == 30


def test_seed_page_contains_every_seed_paragraph(pages):
    source = SHARED_SEED.read_text(encoding="utf-8") if SHARED_SEED.exists() else read_seed_markdown()
    blocks = [MD_LINK_RE.sub(r"\1", block.strip()).strip("*")
              for block in MD_LINK_RE.sub(lambda m: f"[{m.group(1)}](#)", source).split("\n\n") if block.strip()]
    tree = html.fromstring(pages.get(JAMESTOWN.host, SEED_PATH).body)
    article = tree.xpath("//article")[0]
    visible = [" ".join(node.text_content().split()) for node in article.iter("p", "div", "h1", "h2")]
    for block in blocks:
        expected = block.removeprefix("## ").removeprefix("### ")
        assert expected in visible, expected[:60]
    content = [p.text_content() for p in article.xpath(".//div[@class='entry-content']/p")]
    assert content[0].startswith("For two decades after the establishment of their Union State in 1999")
    assert content[1] == "Read Part One here"
    assert content[-1].startswith("However, looking at Belarus's neighborhood")
    assert article.findtext(".//div[@class='entry-date']") == "11.05.2023"
    assert article.findtext(".//div[@class='edm-volume']") == "Volume: 20 Issue: 77"
    assert article.xpath("string(.//p[@class='lead']/em)").startswith("For two decades")
    part_one = article.xpath(".//p[@class='series-link']/a/@href")[0]
    assert pages.get(JAMESTOWN.host, part_one.removeprefix(JAMESTOWN.base_url)) is not None
    assert "—" in content[4]  # em dashes survive


def test_jamestown_page_shape_and_clutter(pages, corpus):
    article = corpus.for_source(JAMESTOWN.source)[50]
    tree = html.fromstring(pages.get(JAMESTOWN.host, article.path).body)
    assert tree.findtext(".//title") == f"{article.title} - Jamestown"
    assert tree.xpath("string(//meta[@property='og:site_name']/@content)") == "The Jamestown Foundation"
    assert "single-post" in tree.body.get("class")
    assert not tree.xpath("//script[@type='application/ld+json']")
    assert not tree.xpath("//time")
    for clutter in ("//header[@id='masthead']", "//div[@class='share-buttons']", "//section[@class='related-posts']",
                    "//aside[@id='secondary']", "//footer[@id='colophon']"):
        assert tree.xpath(clutter), clutter
    body = " ".join(p.text_content() for p in tree.xpath("//div[@class='entry-content']/p"))
    assert " ".join(body.split()) == " ".join(article.body_text.split())


def test_caspian_page_has_json_ld_open_graph_and_clutter(pages, corpus):
    article = next(a for a in corpus.for_source(CASPIAN.source) if len(a.authors) == 2)
    tree = html.fromstring(pages.get(CASPIAN.host, article.path).body)
    data = json.loads(tree.xpath("string(//script[@type='application/ld+json'])"))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["datePublished"] == article.published_at.isoformat()
    assert data["datePublished"].endswith("+04:00")
    assert [a["name"] for a in data["author"]] == list(article.authors)
    assert data["publisher"]["name"] == "Caspian Courier"
    assert data["inLanguage"] == "en"
    assert tree.xpath("string(//meta[@property='article:published_time']/@content)") == data["datePublished"]
    assert tree.xpath("//meta[@property='article:tag']/@content") == list(article.tags)
    story = tree.xpath("//div[@class='story-body']")[0]
    assert story.xpath(".//figure/figcaption")
    assert story.xpath(".//aside[@class='read-more']")
    paragraphs = [" ".join(p.text_content().split()) for p in story.xpath("./p")]
    assert paragraphs == [" ".join(p.text.split()) for p in article.paragraphs]
    assert tree.xpath("//section[@class='newsletter-box']")
    assert tree.xpath("//section[@class='comments']")


def test_steppe_page_has_only_meta_and_time(pages, corpus):
    article = corpus.for_source(STEPPE.source)[10]
    tree = html.fromstring(pages.get(STEPPE.host, article.path).body)
    assert tree.findtext(".//title") == f"{article.title} | Steppe Ledger"
    assert not tree.xpath("//meta[starts-with(@property, 'og:')]")
    assert not tree.xpath("//script")
    assert tree.xpath("string(//meta[@name='author']/@content)") == ", ".join(article.authors)
    moment = tree.xpath("string(//p[@class='meta']/time/@datetime)")
    assert moment == article.published_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert tree.xpath("//div[@class='comments']")
    text = [" ".join(p.text_content().split()) for p in tree.xpath("//div[@id='content']/div[@class='text']/p")]
    assert text == [" ".join(p.text.split()) for p in article.paragraphs]


def test_awkward_text_is_escaped(pages, corpus):
    tricky = [a for a in corpus.articles if "'" in a.title or "ė" in a.title or "“" in a.body_text][:50]
    assert tricky
    for article in tricky:
        outlet = next(o for o in OUTLETS if o.source == article.source)
        tree = html.fromstring(pages.get(outlet.host, article.path).body)
        assert tree.xpath("string(//meta[@property='og:title']/@content | //title)").startswith(article.title)


def test_browsing_rewrite_keeps_visitors_on_the_server(pages):
    page = pages.get(JAMESTOWN.host, SEED_PATH)
    rewritten = rewrite_for_browsing(page)
    assert b"http://jamestown.test/" not in rewritten.body
    part_one = b'href="/_/jamestown.test/program/belarus-and-russia-advance-economic-integration-part-one/"'
    assert part_one in rewritten.body
