"""History, diffs, restore and recent changes (included by gsoc.urls_programs)."""

urlpatterns: list = []
