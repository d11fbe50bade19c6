"""Managers' pages and program-level actions (included by gsoc.urls_programs)."""

from django.urls import path

from gsoc import views_manage as views

P = "programs/<slug:program_slug>/"
IDEA = f"{P}ideas/<slug:idea_slug>/"

urlpatterns = [
    path("manage/roles/", views.roles, name="roles"),
    path(f"{P}dashboard/", views.dashboard, name="dashboard"),
    path(f"{P}final-list/", views.final_list, name="final_list"),
    path(f"{P}open/", views.program_open, name="program_open"),
    path(f"{P}publish/", views.program_publish, name="program_publish"),
    path(f"{P}archive/", views.program_archive, name="program_archive"),
    path(f"{P}carry-forward/", views.carry_forward, name="carry_forward"),
    path(f"{IDEA}verify/", views.idea_verify, name="idea_verify"),
    path(f"{IDEA}mentor-offers/", views.mentor_offer, name="mentor_offer"),
    path(f"{IDEA}mentor-offers/<int:pk>/", views.mentor_offer_decide, name="mentor_offer_decide"),
]
