"""Every page of the demo newsroom, rendered from the corpus and cached.

``Pages`` maps ``(host, path)`` to a ``Page`` (body bytes, content type, ETag, Last-Modified). Article
pages carry the clutter a real page has — navigation, share buttons, related links, newsletter
boxes, comments, figure captions, footers — which a parser must leave out of the body. Rendering
is pure string building: the same corpus always gives byte-identical pages.
"""

from __future__ import annotations

import hashlib
import json
import struct
import threading
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from demo.corpus import PERIOD_END, Corpus, DemoArticle
from demo.feeds import (
    ATOM_PATH,
    NEWS_SITEMAP_PATH,
    ROBOTS_PATH,
    RSS_PATH,
    SITEMAP_INDEX_PATH,
    attr,
    group_by_month,
    latest_change,
    monthly_sitemap_path,
    render_atom,
    render_news_sitemap,
    render_robots,
    render_rss,
    render_sitemap_index,
    render_urlset,
    text,
    w3c_utc,
)
from demo.outlets import CASPIAN, JAMESTOWN, OUTLET_BY_HOST, OUTLETS, STEPPE, Outlet
from demo.prose import Paragraph, slugify

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
PNG = "image/png"

HOMEPAGE_SIZE = 30
RELATED_SIZE = 4

COMMENTS = (
    ("Aidos", "Interesting analysis, but I think the author underestimates the economic factor."),
    ("M. Petrova", "Nothing will change until the people at the top change."),
    ("Giorgi T.", "Thank you for covering this. Our local media are silent."),
    ("anon", "Where are the sources for these numbers?"),
    ("Kamila", "Good article. Would like to read more about the regions outside the capital."),
    ("Sergey K.", "The West should have seen this coming years ago."),
    ("Ruslan", "Same story every year, different names."),
    ("Elena_V", "Very balanced piece, which is rare these days."),
)


@dataclass(frozen=True, slots=True)
class Page:
    """One HTTP response body with the metadata the server sends with it."""

    body: bytes
    content_type: str
    etag: str
    last_modified: datetime | None
    status: int = 200

    @classmethod
    def of(cls, body: str | bytes, content_type: str, last_modified: datetime | None, status: int = 200) -> Page:
        """Build a page; the ETag is a strong validator derived from the body's SHA-256."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        etag = f'"{hashlib.sha256(data).hexdigest()[:24]}"'
        return cls(data, content_type, etag, last_modified, status)


def placeholder_png() -> bytes:
    """Return a tiny grey PNG (stored, not compressed, so it is the same on every zlib)."""
    width, height = 16, 9
    raw = b"".join(b"\x00" + b"\xb4\xb4\xb4" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b"")


def spans_html(paragraph: Paragraph) -> str:
    """Render a paragraph's spans as inline HTML (text escaped, links as ``<a href>``)."""
    parts = []
    for span in paragraph.spans:
        if span.href:
            parts.append(f'<a href="{attr(span.href)}">{text(span.text)}</a>')
        else:
            parts.append(text(span.text))
    return "".join(parts)


def pick(url: str, pool: Sequence[DemoArticle], count: int) -> list[DemoArticle]:
    """Pick ``count`` articles of ``pool`` deterministically from a URL (CRC-32, not hash())."""
    if not pool:
        return []
    start = zlib.crc32(url.encode("utf-8")) % len(pool)
    chosen = []
    for offset in range(len(pool)):
        candidate = pool[(start + offset * 7) % len(pool)]
        if candidate.url != url and candidate not in chosen:
            chosen.append(candidate)
        if len(chosen) == count:
            break
    return chosen


class Pages:
    """All pages of the newsroom, rendered on first request and cached (thread-safe).

    Args:
        corpus: the generated corpus to serve.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._cache: dict[tuple[str, str], Page] = {}
        self._lock = threading.Lock()
        self._routes: dict[str, dict[str, Callable[[], Page]]] = {}
        self._articles: dict[str, tuple[DemoArticle, ...]] = {}
        self._earlier_same_topic: dict[str, list[DemoArticle]] = {}
        for outlet in OUTLETS:
            articles = corpus.for_source(outlet.source)
            self._articles[outlet.source] = articles
            by_topic: dict[str, list[DemoArticle]] = {}
            for article in articles:
                earlier = by_topic.setdefault(article.topic, [])
                self._earlier_same_topic[article.url] = earlier[-RELATED_SIZE:][::-1]
                earlier.append(article)
            self._routes[outlet.host] = self._outlet_routes(outlet, articles)

    # ---------------------------------------------------------------- lookup

    def get(self, host: str, path: str) -> Page | None:
        """Return the page at ``path`` on virtual host ``host``, or None when there is none."""
        key = (host, path)
        page = self._cache.get(key)
        if page is not None:
            return page
        render = self._routes.get(host, {}).get(path)
        if render is None:
            return None
        page = render()
        with self._lock:
            return self._cache.setdefault(key, page)

    def paths(self, host: str) -> tuple[str, ...]:
        """Return every path served on ``host`` (articles, homepage, feeds, sitemaps, robots, images)."""
        return tuple(self._routes.get(host, {}))

    def render_all(self) -> Iterator[tuple[str, str, Page]]:
        """Yield ``(host, path, page)`` for every page of every outlet."""
        for host, routes in self._routes.items():
            for path in routes:
                page = self.get(host, path)
                if page is not None:
                    yield host, path, page

    # ---------------------------------------------------------------- routes

    def _outlet_routes(self, outlet: Outlet, articles: tuple[DemoArticle, ...]) -> dict[str, Callable[[], Page]]:
        newest = latest_change(articles)
        routes: dict[str, Callable[[], Page]] = {
            "/": lambda: Page.of(self._homepage(outlet), HTML, newest),
            **{
                listing_path(n): self._listing_route(outlet, n, newest)
                for n in range(2, self._listing_pages(outlet) + 1)
            },
            ROBOTS_PATH: lambda: Page.of(render_robots(outlet), TEXT, newest),
        }
        if outlet is JAMESTOWN:
            routes[RSS_PATH] = lambda: Page.of(render_rss(outlet, articles), RSS, newest)
        elif outlet is CASPIAN:
            routes[ATOM_PATH] = lambda: Page.of(render_atom(outlet, articles), ATOM, newest)
            routes[NEWS_SITEMAP_PATH] = lambda: Page.of(render_news_sitemap(outlet, articles), XML, newest)
        elif outlet is STEPPE:
            months = group_by_month(articles)
            routes[SITEMAP_INDEX_PATH] = lambda: Page.of(render_sitemap_index(outlet, months), XML, newest)
            for month, month_articles in months.items():
                routes[monthly_sitemap_path(month)] = self._urlset_route(month_articles)
        for article in articles:
            routes[article.path] = self._article_route(outlet, article)
            if article.image_url:
                routes[article.image_url.removeprefix(outlet.base_url)] = self._image_route(article)
        return routes

    def _listing_pages(self, outlet: Outlet) -> int:
        return max(1, -(-len(self._articles[outlet.source]) // HOMEPAGE_SIZE))

    def _listing_route(self, outlet: Outlet, number: int, newest: datetime | None) -> Callable[[], Page]:
        return lambda: Page.of(self._homepage(outlet, number), HTML, newest)

    def _urlset_route(self, articles: list[DemoArticle]) -> Callable[[], Page]:
        return lambda: Page.of(render_urlset(articles), XML, latest_change(articles))

    def _image_route(self, article: DemoArticle) -> Callable[[], Page]:
        return lambda: Page.of(PLACEHOLDER_PNG, PNG, article.published_at)

    def _article_route(self, outlet: Outlet, article: DemoArticle) -> Callable[[], Page]:
        renderer = {
            JAMESTOWN.source: self._jamestown_article,
            CASPIAN.source: self._caspian_article,
            STEPPE.source: self._steppe_article,
        }[outlet.source]
        return lambda: Page.of(renderer(article), HTML, article.modified_at)

    # ---------------------------------------------------------------- demo-jamestown

    def _jamestown_article(self, article: DemoArticle) -> str:
        base = JAMESTOWN.base_url
        url = article.url
        authors = " and ".join(
            f'<a class="author-name" href="{attr(f"{base}/analyst/{slugify(name)}/")}">'
            f"<strong><em>{text(name)}</em></strong></a>"
            for name in article.authors
        )
        content = []
        for paragraph in article.paragraphs:
            if paragraph.kind == "lead":
                content.append(f'<p class="lead"><em>{spans_html(paragraph)}</em></p>')
            elif paragraph.kind == "series-link":
                content.append(f'<p class="series-link">{spans_html(paragraph)}</p>')
            else:
                content.append(f"<p>{spans_html(paragraph)}</p>")
        bios = "\n".join(
            f'<div class="author-bio">\n<p><strong><em>{text(name)}</em></strong></p>\n'
            f"<p><em>{text(bio)}</em></p>\n</div>"
            for name, bio in zip(article.authors, article.author_bios, strict=True)
        )
        subtitle = f'\n<h2 class="entry-subtitle">{text(article.subtitle)}</h2>' if article.subtitle else ""
        related = "\n".join(
            f'<li><a href="{attr(other.url)}">{text(other.title)}</a> '
            f'<span class="date">{other.visible_date}</span></li>'
            for other in self._related(article)
        )
        popular = "\n".join(
            f'<li><a href="{attr(other.url)}">{text(other.title)}</a></li>'
            for other in pick(url, self._articles[JAMESTOWN.source], 5)
        )
        share_text = quote(article.title)
        share_url = quote(url, safe="")
        return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{text(article.title)} - Jamestown</title>
<link rel="canonical" href="{attr(url)}">
<meta property="og:site_name" content="{attr(JAMESTOWN.site_name)}">
<meta property="og:title" content="{attr(article.title)}">
<meta property="og:type" content="article">
<meta property="og:url" content="{attr(url)}">
<link rel="alternate" type="application/rss+xml" title="Jamestown &raquo; Feed" href="{base}{RSS_PATH}">
<link rel="stylesheet" id="jamestown-style-css" href="{base}/wp-content/themes/jamestown/style.css?ver=2.4" media="all">
</head>
<body class="post-template-default single single-post postid-{article.number} single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
{self._jamestown_masthead()}
<div id="content" class="site-content">
<div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-{article.number}" class="post type-post">
<div class="entry-header">
<div class="entry-date">{article.visible_date}</div>
<p class="originally-published">Originally published in the <a href="{base}/programs/edm/">Eurasia Daily Monitor</a></p>
<div class="edm-volume">Volume: {text(article.volume or "")} Issue: {text(article.issue or "")}</div>
<h1 class="entry-title">{text(article.headline)}</h1>{subtitle}
<div class="author-block">{authors}</div>
</div>
<div class="entry-content">
{chr(10).join(content)}
</div>
{bios}
<div class="share-buttons">
<span class="share-label">Share</span>
<a class="share-twitter" href="https://twitter.com/intent/tweet?text={attr(share_text)}&amp;url={attr(share_url)}">Twitter</a>
<a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u={attr(share_url)}">Facebook</a>
<a class="share-email" href="mailto:?subject={attr(share_text)}&amp;body={attr(share_url)}">Email</a>
<a class="share-print" href="#" onclick="window.print();return false;">Print</a>
</div>
</article>
<section class="related-posts">
<h3>Related Articles</h3>
<ul>
{related}
</ul>
</section>
</main>
</div>
<aside id="secondary" class="widget-area sidebar">
<section class="widget widget-popular">
<h3 class="widget-title">Most Popular</h3>
<ul>
{popular}
</ul>
</section>
<section class="widget widget-newsletter">
<h3 class="widget-title">Subscribe</h3>
<p>Get the Eurasia Daily Monitor delivered to your inbox every weekday.</p>
<form action="{base}/subscribe/" method="post">
<input type="email" name="email" placeholder="Email address">
<button type="submit">Sign up</button>
</form>
</section>
</aside>
</div>
{self._jamestown_footer()}
</div>
</body>
</html>
"""

    def _jamestown_masthead(self) -> str:
        base = JAMESTOWN.base_url
        return f"""<header id="masthead" class="site-header">
<div class="site-branding">
<p class="site-title"><a href="{base}/" rel="home">The Jamestown Foundation</a></p>
<p class="site-description">Global Research &amp; Analysis</p>
</div>
<nav id="site-navigation" class="main-navigation">
<ul id="primary-menu" class="menu">
<li><a href="{base}/programs/edm/">Eurasia Daily Monitor</a></li>
<li><a href="{base}/regions/russia/">Russia</a></li>
<li><a href="{base}/regions/belarus/">Belarus</a></li>
<li><a href="{base}/regions/ukraine/">Ukraine</a></li>
<li><a href="{base}/regions/caucasus/">Caucasus</a></li>
<li><a href="{base}/regions/central-asia/">Central Asia</a></li>
<li><a href="{base}/analysts/">Analysts</a></li>
<li><a href="{base}/events/">Events</a></li>
<li><a href="{base}/support/">Support Us</a></li>
</ul>
</nav>
<form role="search" method="get" class="search-form" action="{base}/">
<input type="search" class="search-field" name="s" placeholder="Search">
</form>
</header>"""

    def _jamestown_footer(self) -> str:
        base = JAMESTOWN.base_url
        return f"""<footer id="colophon" class="site-footer">
<div class="footer-widgets">
<p>The Jamestown Foundation provides timely information on events and trends in societies that are
strategically or tactically important to the United States.</p>
<ul class="footer-menu">
<li><a href="{base}/about/">About</a></li>
<li><a href="{base}/contact/">Contact</a></li>
<li><a href="{base}/privacy-policy/">Privacy Policy</a></li>
</ul>
</div>
<div class="site-info">&copy; {PERIOD_END.year} The Jamestown Foundation. All rights reserved.</div>
</footer>"""

    def _related(self, article: DemoArticle) -> list[DemoArticle]:
        related = list(self._earlier_same_topic.get(article.url, []))
        if len(related) < RELATED_SIZE:
            extra = pick(article.url, self._articles[article.source], RELATED_SIZE)
            related.extend(other for other in extra if other not in related)
        return related[:RELATED_SIZE]

    # ---------------------------------------------------------------- demo-caspian

    def _caspian_article(self, article: DemoArticle) -> str:
        base = CASPIAN.base_url
        url = article.url
        share_url = attr(quote(url, safe=""))
        published = article.published_at.isoformat()
        json_ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "description": article.dek,
            "datePublished": published,
            "dateModified": article.modified_at.isoformat(),
            "author": [{"@type": "Person", "name": name, "url": f"{base}/authors/{slugify(name)}"}
                       for name in article.authors],
            "publisher": {
                "@type": "Organization",
                "name": CASPIAN.site_name,
                "logo": {"@type": "ImageObject", "url": f"{base}/static/logo.png"},
            },
            "articleSection": article.section,
            "keywords": ", ".join(article.tags),
            "image": article.image_url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "inLanguage": "en",
        }
        ld_text = json.dumps(json_ld, ensure_ascii=False, indent=2).replace("</", "<\\/")
        byline = " and ".join(
            f'<a rel="author" href="{attr(f"{base}/authors/{slugify(name)}")}">{text(name)}</a>'
            for name in article.authors
        )
        body = []
        read_more = "\n".join(
            f'<li><a href="{attr(other.url)}">{text(other.title)}</a></li>' for other in self._related(article)[:3]
        )
        for index, paragraph in enumerate(article.paragraphs):
            body.append(f"<p>{spans_html(paragraph)}</p>")
            if index == 0 and article.image_url:
                body.append(
                    f'<figure class="story-image"><img src="{attr(article.image_url)}" '
                    f'alt="{attr((article.image_caption or "").split(" (Photo:")[0])}" width="1200" height="675">'
                    f"<figcaption>{text(article.image_caption or '')}</figcaption></figure>"
                )
            if index == 2 and read_more:
                body.append(f'<aside class="read-more"><h4>Read more</h4>\n<ul>\n{read_more}\n</ul>\n</aside>')
        tags = "".join(
            f'<a href="{attr(f"{base}/tag/{slugify(tag)}")}" rel="tag">{text(tag)}</a>' for tag in article.tags
        )
        og_tags = "\n".join(f'<meta property="article:tag" content="{attr(tag)}">' for tag in article.tags)
        comments = self._comments(url)
        comment_html = "\n".join(
            f'<div class="comment"><p class="comment-author">{text(name)}</p>'
            f'<p class="comment-text">{text(words)}</p></div>'
            for name, words in comments
        )
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{text(article.title)} - Caspian Courier</title>
<meta name="description" content="{attr(article.dek)}">
<link rel="canonical" href="{attr(url)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{attr(article.title)}">
<meta property="og:description" content="{attr(article.dek)}">
<meta property="og:url" content="{attr(url)}">
<meta property="og:image" content="{attr(article.image_url or "")}">
<meta property="og:site_name" content="{attr(CASPIAN.site_name)}">
<meta property="article:published_time" content="{published}">
<meta property="article:section" content="{attr(article.section)}">
{og_tags}
<link rel="alternate" type="application/atom+xml" title="Caspian Courier" href="{base}{ATOM_PATH}">
<link rel="stylesheet" href="{base}/static/courier.css">
<script type="application/ld+json">
{ld_text}
</script>
</head>
<body class="article-page">
{self._caspian_nav()}
<main class="container">
<article class="story">
<h1 class="headline">{text(article.title)}</h1>
<p class="dek">{text(article.dek)}</p>
<div class="byline">By {byline}</div>
<time class="published" datetime="{published}">{article.visible_date}, {article.published_at.strftime("%H:%M")}</time>
<div class="share-tools">
<a href="https://twitter.com/intent/tweet?url={share_url}">Share on X</a>
<a href="https://t.me/share/url?url={share_url}">Telegram</a>
</div>
<div class="story-body">
{chr(10).join(body)}
</div>
<div class="tags">{tags}</div>
</article>
<section class="newsletter-box">
<h3>The Caspian Brief</h3>
<p>The day's most important stories from Baku to Bishkek, every morning in your inbox.</p>
<form action="{base}/newsletter" method="post">
<input type="email" name="email" placeholder="you@example.com">
<button>Subscribe</button>
</form>
</section>
<section class="comments">
<h3>Comments ({len(comments)})</h3>
{comment_html}
</section>
</main>
<footer class="site-footer">
<p>&copy; {PERIOD_END.year} Caspian Courier. Baku &middot; Tbilisi &middot; Almaty.</p>
<ul>
<li><a href="{base}/about">About us</a></li>
<li><a href="{base}/ethics">Editorial standards</a></li>
<li><a href="{base}{ATOM_PATH}">Atom feed</a></li>
</ul>
</footer>
</body>
</html>
"""

    def _caspian_nav(self) -> str:
        base = CASPIAN.base_url
        sections = "".join(
            f'<li><a href="{base}/section/{slugify(name)}">{text(name)}</a></li>' for _, name in CASPIAN.sections
        )
        return f"""<nav class="site-nav">
<a class="logo" href="{base}/">Caspian Courier</a>
<ul class="sections">{sections}</ul>
<a class="subscribe-button" href="{base}/subscribe">Subscribe</a>
</nav>"""

    def _comments(self, url: str) -> list[tuple[str, str]]:
        count = zlib.crc32(url.encode("utf-8")) % 5
        start = zlib.crc32(url.encode("utf-8")[::-1]) % len(COMMENTS)
        return [COMMENTS[(start + index * 3) % len(COMMENTS)] for index in range(count)]

    # ---------------------------------------------------------------- demo-steppe

    def _steppe_article(self, article: DemoArticle) -> str:
        base = STEPPE.base_url
        url = article.url
        body = "\n".join(f"<p>{spans_html(paragraph)}</p>" for paragraph in article.paragraphs)
        authors = " and ".join(f'<span class="author">{text(name)}</span>' for name in article.authors)
        comments = self._comments(url)
        comment_html = "\n".join(f"<p><b>{text(name)}</b>: {text(words)}</p>" for name, words in comments)
        description = article.dek or article.paragraphs[0].text
        return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{text(article.title)} | Steppe Ledger</title>
<meta name="description" content="{attr(description)}">
<meta name="author" content="{attr(", ".join(article.authors))}">
<meta name="keywords" content="{attr(", ".join(article.tags))}">
<link rel="canonical" href="{attr(url)}">
<link rel="stylesheet" href="{base}/static/ledger.css">
</head>
<body>
<div id="menu"><a href="{base}/">Steppe Ledger</a> |
<a href="{base}/">Home</a> | <a href="{base}/about.html">About</a> | <a href="{base}/contact.html">Contact</a></div>
<div id="content">
<h1>{text(article.title)}</h1>
<p class="meta">By {authors} on <time datetime="{w3c_utc(article.published_at)}">{article.visible_date}</time></p>
<div class="text">
{body}
</div>
<div class="comments">
<h3>{len(comments)} comments</h3>
{comment_html}
</div>
</div>
<div id="footer">&copy; {PERIOD_END.year} Steppe Ledger &middot; <a href="{base}{SITEMAP_INDEX_PATH}">Sitemap</a></div>
</body>
</html>
"""

    # ---------------------------------------------------------------- homepages

    def _homepage(self, outlet: Outlet, number: int = 1) -> str:
        """The homepage (``number`` 1) or an older listing page ``/page/<number>/``, newest first,
        with WordPress-style "Older posts" / "Newer posts" links for backfill."""
        base = outlet.base_url
        everything = list(reversed(self._articles[outlet.source]))
        recent = everything[(number - 1) * HOMEPAGE_SIZE : number * HOMEPAGE_SIZE]
        pager = []
        if number > 1:
            newer = "/" if number == 2 else listing_path(number - 1)
            pager.append(f'<a class="newer" rel="prev" href="{attr(base + newer)}">Newer posts</a>')
        if number < self._listing_pages(outlet):
            pager.append(f'<a class="older" rel="next" href="{attr(base + listing_path(number + 1))}">Older posts</a>')
        pagination = f'\n<nav class="pagination">{" ".join(pager)}</nav>' if pager else ""
        items = "\n".join(
            f'<li class="teaser"><a href="{attr(article.url)}">{text(article.title)}</a> '
            f'<span class="date">{article.visible_date}</span> '
            f'<span class="authors">{text(", ".join(article.authors))}</span>'
            f'<p class="excerpt">{text(article.dek)}</p></li>'
            for article in recent
        )
        alternate = ""
        if outlet is JAMESTOWN:
            alternate = (
                '\n<link rel="alternate" type="application/rss+xml" title="Jamestown &raquo; Feed" '
                f'href="{base}{RSS_PATH}">'
            )
        elif outlet is CASPIAN:
            alternate = (
                '\n<link rel="alternate" type="application/atom+xml" title="Caspian Courier" '
                f'href="{base}{ATOM_PATH}">'
            )
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{text(outlet.site_name)}</title>
<link rel="canonical" href="{base}/">{alternate}
</head>
<body class="home">
<header><h1 class="site-title"><a href="{base}/">{text(outlet.site_name)}</a></h1></header>
<main>
<h2>Latest</h2>
<ul class="latest">
{items}
</ul>{pagination}
</main>
<footer>&copy; {PERIOD_END.year} {text(outlet.site_name)}</footer>
</body>
</html>
"""


PLACEHOLDER_PNG = placeholder_png()


def listing_path(number: int) -> str:
    """The path of listing page ``number`` (2 and up; page 1 is the homepage)."""
    return f"/page/{number}/"


def render_not_found(path: str) -> Page:
    """Return the 404 page for an unknown path."""
    body = f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Page not found</title></head>
<body><h1>404 Not Found</h1><p>There is no page at <code>{text(path)}</code>.</p></body>
</html>
"""
    return Page.of(body, HTML, None, status=404)


def render_index(port: int) -> Page:
    """Return the newsroom index shown for requests whose Host is not an outlet.

    It lists the outlets and links to ``/_/<host>/<path>``, the path-prefixed way to browse an outlet
    without host mapping.
    """
    rows = []
    for outlet in OUTLETS:
        documents = [("homepage", "/"), ("robots.txt", ROBOTS_PATH)]
        if outlet is JAMESTOWN:
            documents.append(("RSS 2.0", RSS_PATH))
        elif outlet is CASPIAN:
            documents.extend([("Atom", ATOM_PATH), ("Google News sitemap", NEWS_SITEMAP_PATH)])
        else:
            documents.append(("sitemap index", SITEMAP_INDEX_PATH))
        links = " · ".join(f'<a href="/_/{outlet.host}{path}">{text(label)}</a>' for label, path in documents)
        rows.append(
            f"<tr><td><code>{outlet.source}</code></td><td>{text(outlet.site_name)}</td>"
            f"<td><code>{outlet.host}</code></td><td>{links}</td></tr>"
        )
    example = JAMESTOWN.host
    body = f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>mediamon demo newsroom</title></head>
<body>
<h1>mediamon demo newsroom</h1>
<p>Three fictional outlets, served by virtual host. Browse them here through <code>/_/&lt;host&gt;/&lt;path&gt;</code>,
or ask for the real host name, e.g. <code>curl -H 'Host: {example}' http://127.0.0.1:{port}/feed/</code>
or <code>curl --resolve {example}:{port}:127.0.0.1 http://{example}:{port}/feed/</code>.</p>
<table>
<tr><th>source</th><th>site</th><th>host</th><th>discovery</th></tr>
{chr(10).join(rows)}
</table>
</body>
</html>
"""
    return Page.of(body, HTML, None)


def rewrite_for_browsing(page: Page, outlet_hosts: Sequence[str] = tuple(OUTLET_BY_HOST)) -> Page:
    """Return ``page`` with absolute outlet links rewritten to ``/_/<host>`` paths (text pages only)."""
    if page.content_type == PNG:
        return page
    body = page.body
    for host in outlet_hosts:
        body = body.replace(f"http://{host}/".encode("ascii"), f"/_/{host}/".encode("ascii"))
        body = body.replace(f"http://{host}\"".encode("ascii"), f"/_/{host}/\"".encode("ascii"))
    return Page.of(body, page.content_type, page.last_modified, page.status)
