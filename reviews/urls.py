from django.urls import path

from reviews import views

app_name = "reviews"

IDEA = "programs/<slug:program_slug>/ideas/<slug:idea_slug>/"

urlpatterns = [
    path("my-work/", views.my_work, name="my_work"),
    path(f"{IDEA}comments/", views.comment_create, name="comment_create"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/history/", views.comment_history, name="comment_history"),
    path("comments/<int:pk>/addressed/", views.comment_address, name="comment_address"),
    path("comments/<int:pk>/reopen/", views.comment_reopen, name="comment_reopen"),
    path("comments/<int:pk>/hide/", views.comment_hide, name="comment_hide"),
    path("comments/<int:pk>/unhide/", views.comment_unhide, name="comment_unhide"),
]
