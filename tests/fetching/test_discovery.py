import asyncio

from fetching.client import build_client
from fetching.discovery import Discovery, discover_source
from fetching.fetcher import Fetcher
from fetching.politeness import HostPolicy
from mediamon.settings import FetchSettings
from mediamon.sources import Source

SETTINGS = FetchSettings(download_delay=0, retry_times=0)


def discover(source: Source) -> Discovery:
    async def run() -> Discovery:
        async with build_client(SETTINGS) as client:
            return await discover_source(Fetcher(client, {}, HostPolicy.merge(SETTINGS)), source)

    return asyncio.run(run())


def test_feed_and_self_including_gzipped_sitemaps_deduplicate(trouble_server):
    source = Source(
        name="t",
        outlet="T",
        homepage=f"{trouble_server}/",
        feeds=(f"{trouble_server}/feed.xml",),
        sitemaps=(f"{trouble_server}/sitemap-self.xml",),
    )
    found = discover(source)
    urls = sorted(item.url for item in found.items)
    assert urls == [f"{trouble_server}/a/{n}" for n in (1, 2, 3)]
    first = next(i for i in found.items if i.url.endswith("/a/1"))
    assert first.discovered_via == "rss"  # the feed's richer hints win over the sitemap's
    assert first.hints.title == "One"
    assert first.hints.published_at is not None
    assert first.hints.published_at.day == 11
    # the index lists itself: read once, no error, no loop
    assert sum(1 for f in found.fetches if f.url.endswith("sitemap-self.xml")) == 1
    assert found.errors == []


def test_broken_feed_is_recorded_and_the_rest_goes_on(trouble_server):
    source = Source(
        name="t",
        outlet="T",
        homepage=f"{trouble_server}/",
        feeds=(f"{trouble_server}/not-a-feed.xml", f"{trouble_server}/404", f"{trouble_server}/feed.xml"),
    )
    found = discover(source)
    assert len(found.items) == 2
    problems = dict(found.errors)
    assert "not a feed" in problems[f"{trouble_server}/not-a-feed.xml"]
    assert problems[f"{trouble_server}/404"] == "HTTP 404"


def test_feeds_autodiscovered_from_the_homepage_and_sitemaps_from_robots(trouble_server):
    source = Source(name="t", outlet="T", homepage=f"{trouble_server}/", autodiscover=True, robots_sitemaps=True)
    found = discover(source)
    by_url = {item.url: item for item in found.items}
    assert set(by_url) == {f"{trouble_server}/a/{n}" for n in (1, 2, 3, 4)}
    four = by_url[f"{trouble_server}/a/4"]  # only the JSON Feed lists it
    assert four.discovered_via == "jsonfeed"
    assert four.hints.authors == ("Ann Example",)
    assert four.hints.published_at is not None and four.hints.published_at.day == 12
    assert by_url[f"{trouble_server}/a/3"].discovered_via == "sitemap"  # from robots.txt's Sitemap line
    assert found.errors == []


def test_a_feed_with_ten_thousand_items(trouble_server):
    source = Source(name="t", outlet="T", homepage=f"{trouble_server}/", feeds=(f"{trouble_server}/big-feed.xml",))
    found = discover(source)
    assert len(found.items) == 10_000


def test_json_that_is_not_a_feed_is_refused():
    import pytest

    from fetching.discovery import parse_feed

    with pytest.raises(ValueError, match="not a feed"):
        parse_feed(b'{"hello": "world"}', source="t")
    with pytest.raises(ValueError, match="invalid JSON"):
        parse_feed(b"{not json", source="t")
