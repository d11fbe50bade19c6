from django.urls import path

from gsoc import urls_history, urls_manage, views

app_name = "gsoc"

urlpatterns = [
    path("", views.home, name="home"),
    path("programs/", views.program_list, name="program_list"),
    path("programs/new/", views.program_create, name="program_create"),
    path("programs/<slug:program_slug>/", views.program_detail, name="program_detail"),
    path("programs/<slug:program_slug>/settings/", views.program_edit, name="program_edit"),
    path("programs/<slug:program_slug>/ideas/new/", views.idea_create, name="idea_create"),
    path(
        "programs/<slug:program_slug>/ideas/<slug:idea_slug>/",
        views.idea_detail,
        name="idea_detail",
    ),
    path(
        "programs/<slug:program_slug>/ideas/<slug:idea_slug>/edit/",
        views.idea_edit,
        name="idea_edit",
    ),
    path(
        "programs/<slug:program_slug>/ideas/<slug:idea_slug>/submit/",
        views.idea_submit,
        name="idea_submit",
    ),
    path(
        "programs/<slug:program_slug>/ideas/<slug:idea_slug>/withdraw/",
        views.idea_withdraw,
        name="idea_withdraw",
    ),
    path(
        "programs/<slug:program_slug>/ideas/<slug:idea_slug>/reopen/",
        views.idea_reopen,
        name="idea_reopen",
    ),
]

urlpatterns += urls_history.urlpatterns + urls_manage.urlpatterns
