from django.contrib import admin
from django.urls import include, path

from gsoc import views, views_preview

urlpatterns = [
    path("", include("gsoc.urls_programs")),
    path("", include("reviews.urls")),
    path("", include("students.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("notifications/", include("notifications.urls")),
    # markdownx's live preview (its widget posts here), for signed-in users only; image
    # upload is switched off.
    path(
        "markdownx/markdownify/",
        views_preview.markdown_preview,
        name="markdownx_markdownify",
    ),
    path("markdownx/upload/", views.image_upload_disabled, name="markdownx_upload"),
    path("admin/", admin.site.urls),
    path("favicon.ico", views.favicon),
]
