"""The recent changes as an Atom feed.

Feed readers fetch anonymously, so the feed always shows what a visitor may see, whoever
asks: no drafts, no role changes, no student names, no email addresses.

Titles and names are whatever people typed, and XML 1.0 can't carry every character: the
feed generator passes every string through ``xml_safe`` on its way in, so one pasted
terminal colour code in an archived idea (which nobody can edit any more) can't break the
feed for everyone.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.functional import Promise

from gsoc import history
from gsoc.views_history import filter_form
from gsoc.xml import xml_safe


@dataclass
class FeedQuery:
    filters: dict
    page_url: str
    feed_url: str
    domain: str


@dataclass
class FeedItem:
    row: history.Row
    guid: str
    link: str


def _xml_safe_value(value):
    if isinstance(value, str | Promise):
        return xml_safe(str(value))
    if isinstance(value, list | tuple):
        return [_xml_safe_value(part) for part in value]
    return value


class XmlSafeAtom1Feed(Atom1Feed):
    """Atom that drops what XML 1.0 forbids from every string of the feed and its entries
    (titles, descriptions, author names, links, ids, categories) instead of raising."""

    def __init__(self, **kwargs):
        super().__init__(**{key: _xml_safe_value(value) for key, value in kwargs.items()})

    def add_item(self, **kwargs):
        super().add_item(**{key: _xml_safe_value(value) for key, value in kwargs.items()})


class RecentChangesFeed(Feed):
    feed_type = XmlSafeAtom1Feed
    item_guid_is_permalink = False

    def get_object(self, request, *args, **kwargs) -> FeedQuery:
        form = filter_form(request, AnonymousUser())
        if not form.is_valid():
            raise Http404("Unknown filter.")
        page_url = reverse("gsoc:recent_changes")
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return FeedQuery(
            filters=form.filters(),
            page_url=page_url + query,
            feed_url=request.path + query,
            domain=get_current_site(request).domain.split(":")[0],
        )

    def title(self, obj: FeedQuery) -> str:
        return f"{settings.SITE_NAME}: recent changes"

    def subtitle(self, obj: FeedQuery) -> str:
        return "Ideas submitted, edited, reviewed, signed off and approved, newest first."

    def link(self, obj: FeedQuery) -> str:
        return obj.page_url

    def feed_url(self, obj: FeedQuery) -> str:
        return obj.feed_url

    def items(self, obj: FeedQuery) -> list[FeedItem]:
        visitor = AnonymousUser()
        activities = history.recent_changes(visitor, **obj.filters)[: history.PAGE_SIZE]
        page_url = reverse("gsoc:recent_changes")
        return [
            FeedItem(
                row=row,
                # A tag URI (RFC 4151): the entry keeps its id however the site is reached.
                guid=f"tag:{obj.domain},{row.when:%Y-%m-%d}:activity-{row.pk}",
                link=row.url or f"{page_url}#activity-{row.pk}",
            )
            for row in history.describe_many(activities, visitor)
        ]

    def item_title(self, item: FeedItem) -> str:
        return item.row.text

    def item_description(self, item: FeedItem) -> str:
        return f"{item.row.text}: {item.row.note}" if item.row.note else item.row.text

    def item_link(self, item: FeedItem) -> str:
        return item.link

    def item_guid(self, item: FeedItem) -> str:
        return item.guid

    def item_pubdate(self, item: FeedItem):
        return item.row.when

    def item_updateddate(self, item: FeedItem):
        return item.row.when

    def item_author_name(self, item: FeedItem) -> str:
        return item.row.who or settings.SITE_NAME
