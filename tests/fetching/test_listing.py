from datetime import date

from fetching.listing import parse_listing, read_date
from mediamon.sources import Listing

PAGE = b"""<html><body><ul>
<li class="teaser"><a href="/program/one/">One</a> <span class="date">11.05.2023</span></li>
<li class="teaser"><a href="http://x.test/program/two/">Two</a> <span class="date">03.04.2023</span></li>
<li class="teaser"><span>no link here</span></li>
</ul><nav><a rel="prev" href="/">Newer</a> <a rel="next" href="/page/3/">Older</a></nav></body></html>"""


def test_listing_items_dates_and_next_page():
    listing = Listing(url="http://x.test/", item="li.teaser", link="a", date="span.date")
    items, next_url = parse_listing(PAGE, "http://x.test/page/2/", listing, "DMY")
    assert [i.url for i in items] == ["http://x.test/program/one/", "http://x.test/program/two/"]
    assert [i.published for i in items] == [date(2023, 5, 11), date(2023, 4, 3)]  # day first
    assert next_url == "http://x.test/page/3/"


def test_dates_follow_the_outlets_order():
    assert read_date("11.05.2023", "DMY") == date(2023, 5, 11)
    assert read_date("05/11/2023", "MDY") == date(2023, 5, 11)
    assert read_date("May 11, 2023", None) == date(2023, 5, 11)
    assert read_date("not a date", "DMY") is None
