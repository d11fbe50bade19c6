from django.urls import path

from students import views

app_name = "students"

IDEA = "programs/<slug:program_slug>/ideas/<slug:idea_slug>/"

urlpatterns = [
    path("my-interests/", views.my_interests, name="my_interests"),
    path(f"{IDEA}interest/", views.interest_register, name="interest_register"),
    path(f"{IDEA}interest/withdraw/", views.interest_withdraw, name="interest_withdraw"),
    path(f"{IDEA}interested/", views.interested_students, name="interested_students"),
]
