"""Discovery documents of the demo outlets: RSS 2.0, Atom, Google News sitemap, sitemaps, robots.txt.

Every function takes the outlet's articles (oldest first, as ``Corpus.for_source`` returns them)
and returns the document as text. Feeds and sitemaps list every article of the outlet, newest
first in feeds; all dates come from the corpus, never from the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape

from demo.corpus import DemoArticle
from demo.outlets import CASPIAN, JAMESTOWN, STEPPE, Outlet

RSS_PATH = "/feed/"
ATOM_PATH = "/feeds/atom.xml"
NEWS_SITEMAP_PATH = "/sitemap-news.xml"
SITEMAP_INDEX_PATH = "/sitemap_index.xml"
ROBOTS_PATH = "/robots.txt"
MONTHLY_SITEMAP_PREFIX = "/sitemaps/"


def text(value: str) -> str:
    """Escape a text node (HTML or XML)."""
    return escape(value, quote=False)


def attr(value: str) -> str:
    """Escape an attribute value (HTML or XML)."""
    return escape(value, quote=True)


def rfc822(moment: datetime) -> str:
    """Return ``moment`` in UTC as an RFC 822 date with a numeric zone ("Thu, 11 May 2023 14:00:00 +0000")."""
    return format_datetime(moment.astimezone(UTC))


def w3c_utc(moment: datetime) -> str:
    """Return ``moment`` in UTC as "2023-05-11T09:30:00Z"."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def latest_change(articles: Sequence[DemoArticle]) -> datetime:
    """Return the newest ``modified_at`` of ``articles``."""
    return max(article.modified_at for article in articles)


def monthly_sitemap_path(month: str) -> str:
    """Return the path of Steppe Ledger's urlset for a "YYYY-MM" month."""
    return f"{MONTHLY_SITEMAP_PREFIX}{month}.xml"


def render_rss(outlet: Outlet, articles: Sequence[DemoArticle]) -> str:
    """Render the Jamestown-style WordPress RSS 2.0 feed (``/feed/``) listing every article."""
    base = outlet.base_url
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">',
        "<channel>",
        "\t<title>Jamestown</title>",
        f'\t<atom:link href="{attr(base + RSS_PATH)}" rel="self" type="application/rss+xml" />',
        f"\t<link>{text(base)}/</link>",
        "\t<description>Global Research &amp; Analysis</description>",
        f"\t<lastBuildDate>{rfc822(latest_change(articles))}</lastBuildDate>",
        "\t<language>en-US</language>",
        "\t<sy:updatePeriod>hourly</sy:updatePeriod>",
        "\t<sy:updateFrequency>1</sy:updateFrequency>",
        "\t<generator>https://wordpress.org/?v=6.3.2</generator>",
    ]
    for article in reversed(articles):
        lines.append("\t<item>")
        lines.append(f"\t\t<title>{text(article.title)}</title>")
        lines.append(f"\t\t<link>{text(article.url)}</link>")
        lines.extend(f"\t\t<dc:creator>{text(author)}</dc:creator>" for author in article.authors)
        lines.append(f"\t\t<pubDate>{rfc822(article.published_at)}</pubDate>")
        categories = (article.section, *article.tags)
        lines.extend(f"\t\t<category>{text(category)}</category>" for category in dict.fromkeys(categories))
        lines.append(f'\t\t<guid isPermaLink="false">{text(base)}/?p={article.number}</guid>')
        lines.append(f"\t\t<description>{text(article.dek)}</description>")
        lines.append("\t</item>")
    lines.extend(["</channel>", "</rss>", ""])
    return "\n".join(lines)


def render_atom(outlet: Outlet, articles: Sequence[DemoArticle]) -> str:
    """Render the Caspian Courier Atom feed (``/feeds/atom.xml``) listing every article."""
    base = outlet.base_url
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"  <title>{text(outlet.site_name)}</title>",
        "  <subtitle>News and analysis from the Caspian, the Caucasus and Central Asia</subtitle>",
        f'  <link rel="alternate" type="text/html" href="{attr(base)}/"/>',
        f'  <link rel="self" type="application/atom+xml" href="{attr(base + ATOM_PATH)}"/>',
        f"  <id>tag:{outlet.host},2015:feed</id>",
        f"  <updated>{latest_change(articles).isoformat()}</updated>",
        '  <generator uri="http://caspian-courier.test/about">Courier CMS</generator>',
    ]
    for article in reversed(articles):
        published = article.published_at
        lines.extend([
            "  <entry>",
            f"    <id>tag:{outlet.host},{published.date().isoformat()}:{text(article.path)}</id>",
            f'    <link rel="alternate" type="text/html" href="{attr(article.url)}"/>',
            f"    <title>{text(article.title)}</title>",
            f"    <published>{published.isoformat()}</published>",
            f"    <updated>{article.modified_at.isoformat()}</updated>",
        ])
        lines.extend(f"    <author><name>{text(author)}</name></author>" for author in article.authors)
        lines.append(f'    <category term="{attr(article.section)}"/>')
        lines.append(f"    <summary>{text(article.dek)}</summary>")
        lines.append("  </entry>")
    lines.extend(["</feed>", ""])
    return "\n".join(lines)


def render_news_sitemap(outlet: Outlet, articles: Sequence[DemoArticle]) -> str:
    """Render the Caspian Courier Google News sitemap (``/sitemap-news.xml``) listing every article."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ]
    for article in reversed(articles):
        lines.extend([
            "  <url>",
            f"    <loc>{text(article.url)}</loc>",
            f"    <lastmod>{article.modified_at.isoformat()}</lastmod>",
            "    <news:news>",
            "      <news:publication>",
            f"        <news:name>{text(outlet.site_name)}</news:name>",
            "        <news:language>en</news:language>",
            "      </news:publication>",
            f"      <news:publication_date>{article.published_at.isoformat()}</news:publication_date>",
            f"      <news:title>{text(article.title)}</news:title>",
            "    </news:news>",
            "  </url>",
        ])
    lines.extend(["</urlset>", ""])
    return "\n".join(lines)


def group_by_month(articles: Sequence[DemoArticle]) -> dict[str, list[DemoArticle]]:
    """Group articles by the "YYYY-MM" of their UTC publication time, months in order."""
    months: dict[str, list[DemoArticle]] = {}
    for article in sorted(articles, key=lambda a: a.published_at):
        months.setdefault(w3c_utc(article.published_at)[:7], []).append(article)
    return months


def render_sitemap_index(outlet: Outlet, months: dict[str, list[DemoArticle]]) -> str:
    """Render Steppe Ledger's sitemap index (``/sitemap_index.xml``): one urlset per month."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for month, articles in months.items():
        lines.extend([
            "  <sitemap>",
            f"    <loc>{text(outlet.base_url + monthly_sitemap_path(month))}</loc>",
            f"    <lastmod>{w3c_utc(latest_change(articles))}</lastmod>",
            "  </sitemap>",
        ])
    lines.extend(["</sitemapindex>", ""])
    return "\n".join(lines)


def render_urlset(articles: Sequence[DemoArticle]) -> str:
    """Render one of Steppe Ledger's monthly urlsets (``/sitemaps/YYYY-MM.xml``)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for article in articles:
        lines.extend([
            "  <url>",
            f"    <loc>{text(article.url)}</loc>",
            f"    <lastmod>{w3c_utc(article.modified_at)}</lastmod>",
            "  </url>",
        ])
    lines.extend(["</urlset>", ""])
    return "\n".join(lines)


def render_robots(outlet: Outlet) -> str:
    """Render robots.txt: everything allowed, the outlet's sitemaps listed (Jamestown has none)."""
    lines = ["User-agent: *", "Allow: /", ""]
    if outlet is CASPIAN:
        lines.append(f"Sitemap: {outlet.base_url}{NEWS_SITEMAP_PATH}")
    elif outlet is STEPPE:
        lines.append(f"Sitemap: {outlet.base_url}{SITEMAP_INDEX_PATH}")
    elif outlet is JAMESTOWN:
        lines.append(f"# Feed: {outlet.base_url}{RSS_PATH}")
    lines.append("")
    return "\n".join(lines)
