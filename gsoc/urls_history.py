"""History, diffs, restore and recent changes (included by gsoc.urls_programs)."""

from django.urls import path

from gsoc import feeds, views_history

IDEA = "programs/<slug:program_slug>/ideas/<slug:idea_slug>/"

urlpatterns = [
    path(f"{IDEA}history/", views_history.idea_history, name="idea_history"),
    path(f"{IDEA}history/compare/", views_history.idea_diff, name="idea_diff"),
    path(
        f"{IDEA}history/<int:version>/restore/",
        views_history.idea_restore,
        name="idea_restore",
    ),
    path("recent-changes/", views_history.recent_changes, name="recent_changes"),
    path("recent-changes/feed/", feeds.RecentChangesFeed(), name="recent_changes_feed"),
]
