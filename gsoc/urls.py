from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from markdownx.views import MarkdownifyView

from gsoc import views

urlpatterns = [
    path("", include("gsoc.urls_programs")),
    path("", include("reviews.urls")),
    path("", include("students.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("notifications/", include("notifications.urls")),
    # markdownx's live preview, for signed-in users only; image upload is switched off.
    path(
        "markdownx/markdownify/",
        login_required(MarkdownifyView.as_view()),
        name="markdownx_markdownify",
    ),
    path("markdownx/upload/", views.image_upload_disabled, name="markdownx_upload"),
    path("admin/", admin.site.urls),
    path("favicon.ico", views.favicon),
]
