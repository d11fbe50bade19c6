"""Managers' pages, program-level actions, sign-offs and co-mentoring (included by
gsoc.urls_programs)."""

from django.urls import path

from gsoc import views_manage as views
from gsoc import views_mentoring, views_signoffs

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
    path(f"{IDEA}verify/", views_mentoring.idea_verify, name="idea_verify"),
    path(f"{IDEA}mentor-offers/", views_mentoring.mentor_offer, name="mentor_offer"),
    path(
        f"{IDEA}mentor-offers/<int:pk>/",
        views_mentoring.mentor_offer_decide,
        name="mentor_offer_decide",
    ),
    path(
        "mentor-invitations/<str:token>/",
        views_mentoring.mentor_invitation,
        name="mentor_invitation",
    ),
    path(f"{IDEA}sign-off/", views_signoffs.sign_off, name="sign_off"),
    path(f"{IDEA}sign-off/withdraw/", views_signoffs.sign_off_withdraw, name="sign_off_withdraw"),
    path(
        f"{IDEA}sign-off/changes/",
        views_signoffs.changes_since_sign_off,
        name="changes_since_sign_off",
    ),
    path(f"{IDEA}approve/", views_signoffs.approve, name="approve"),
    path(f"{IDEA}unapprove/", views_signoffs.unapprove, name="unapprove"),
]
