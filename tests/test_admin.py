"""Django admin works for every registered model: its list, add and change (view) pages
load with a real row, and it allows changes only where no domain rule is bypassed."""

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult, get_date_max

from accounts.models import User
from gsoc.models import Activity, Idea, IdeaRevision, MentorOffer, Program, SignOff, Skill
from notifications.models import Channel, Kind, Mute, Notification
from reviews.models import Answer, CommentRevision, ReviewComment, RubricAnswer
from students.models import Interest
from tests.factories import SkillFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(username="root-admin", is_staff=True, is_superuser=True)


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def make_comment(world):
    comment = ReviewComment.objects.create(
        idea=world["idea"], author=world["reviewer"], body="Please name the **benchmark**."
    )
    RubricAnswer.objects.create(
        comment=comment,
        gets_going=Answer.YES,
        no_assumptions=Answer.NO,
        fits_time=Answer.UNSURE,
        meets_goals=Answer.YES,
    )
    return comment


# One row per registered model, built the way the app stores it. Keyed by model class so
# that moving a model between apps only changes an import.
ROWS = {
    Group: lambda w: Group.objects.create(name="translators"),
    Site: lambda w: Site.objects.get_current(),
    EmailAddress: lambda w: EmailAddress.objects.create(
        user=w["mentor"], email=w["mentor"].email, verified=True, primary=True
    ),
    DBTaskResult: lambda w: DBTaskResult.objects.create(
        task_path="notifications.tasks.send_notification_email",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
        exception_class_path="",
        traceback="",
    ),
    User: lambda w: w["mentor"],
    Program: lambda w: w["program"],
    Idea: lambda w: w["idea"],
    Skill: lambda w: SkillFactory(name="Rust"),
    Activity: lambda w: Activity.objects.create(
        verb=Activity.Verb.SUBMITTED, actor=w["mentor"], program=w["program"], idea=w["idea"]
    ),
    IdeaRevision: lambda w: w["idea"].revisions.get(),
    MentorOffer: lambda w: MentorOffer.objects.create(idea=w["idea"], user=w["reviewer"]),
    ReviewComment: make_comment,
    CommentRevision: lambda w: CommentRevision.objects.create(
        comment=make_comment(w), body="Name the benchmark.", created_at=timezone.now()
    ),
    SignOff: lambda w: SignOff.objects.create(
        idea=w["idea"], committer=w["committer"], version=1, signed_at=timezone.now()
    ),
    Interest: lambda w: Interest.objects.create(
        student=w["student"], idea=w["idea"], note="I know C."
    ),
    Notification: lambda w: Notification.objects.create(
        recipient=w["mentor"], kind=Kind.COMMENT, event="comment:1", message="New comment"
    ),
    Mute: lambda w: Mute.objects.create(user=w["mentor"], kind=Kind.COMMENT, channel=Channel.EMAIL),
}

# What a superuser may do in the admin, per model: (add, change, delete) of a row.
# Everything the workflow writes is view-only; programs save through the workflow.
ALLOWED = {
    "auth.group": (True, True, True),
    "sites.site": (True, True, True),
    "account.emailaddress": (True, True, True),
    "django_tasks_database.dbtaskresult": (False, False, False),
    "accounts.user": (True, True, True),
    "gsoc.program": (True, True, False),  # the fixture program has an idea
    "gsoc.idea": (False, False, False),
    "gsoc.skill": (True, True, True),
    "gsoc.activity": (False, False, False),
    "gsoc.idearevision": (False, False, False),
    "gsoc.mentoroffer": (False, False, False),
    SignOff._meta.label_lower: (False, False, False),
    "reviews.reviewcomment": (False, False, False),
    "reviews.commentrevision": (False, False, False),
    "students.interest": (False, False, False),
    "notifications.notification": (True, True, True),
    "notifications.mute": (True, True, True),
}

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label_lower)


@pytest.fixture
def world(program, idea, mentor, reviewer, committer, student):
    return {
        "program": program,
        "idea": idea,
        "mentor": mentor,
        "reviewer": reviewer,
        "committer": committer,
        "student": student,
    }


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_admin_every_registered_model_has_a_row_builder_and_a_rule():
    labels = {model._meta.label_lower for model in REGISTERED}

    assert set(ROWS) == set(REGISTERED)
    assert set(ALLOWED) == labels


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label_lower)
def test_admin_changelist_shows_the_row(superuser_client, world, model):
    obj = ROWS[model](world)

    response = superuser_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert f'href="{admin_url(model, "change", quote(obj.pk))}"' in response.content.decode()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label_lower)
def test_admin_change_page_shows_the_row(superuser_client, world, model):
    obj = ROWS[model](world)

    response = superuser_client.get(admin_url(model, "change", quote(obj.pk)))

    assert response.status_code == 200
    assert response.context["original"] == obj
    assert escape(str(obj)) in response.content.decode()


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label_lower)
def test_admin_add_page_loads_only_where_adding_is_allowed(superuser_client, model):
    can_add = ALLOWED[model._meta.label_lower][0]

    response = superuser_client.get(admin_url(model, "add"))

    assert response.status_code == (200 if can_add else 403)
    if can_add:
        assert response.context["adminform"].form.instance.pk is None


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label_lower)
def test_admin_permissions_of_a_superuser(rf, superuser, world, model):
    obj = ROWS[model](world)
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = superuser

    allowed = (
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request, obj),
        model_admin.has_delete_permission(request, obj),
    )

    assert allowed == ALLOWED[model._meta.label_lower]
    assert model_admin.has_view_permission(request, obj) is True


def test_admin_covers_every_model_of_our_apps():
    ours = {
        model._meta.label_lower
        for app in ("accounts", "gsoc", "reviews", "students", "notifications")
        for model in apps.get_app_config(app).get_models()
    }
    registered = {model._meta.label_lower for model in admin.site._registry}

    # Mentor links are shown inline on the idea, rubric answers on the comment.
    assert ours - registered == {"gsoc.ideamentor", "reviews.rubricanswer"}


def test_admin_program_phase_is_read_only(superuser_client, program):
    response = superuser_client.get(reverse("admin:gsoc_program_change", args=[program.pk]))

    form = response.context["adminform"].form
    assert "phase" not in form.fields
    assert (form.initial["allowed_sizes"], form.initial["loaded_version"]) == ("90, 175, 350", 1)


def test_admin_comment_page_shows_rubric_and_body_read_only(superuser_client, world):
    comment = make_comment(world)

    response = superuser_client.get(admin_url(ReviewComment, "change", comment.pk))

    assert response.context["adminform"].form.fields == {}
    assert [
        formset.formset.can_delete for formset in response.context["inline_admin_formsets"]
    ] == [False]
    assert "Please name the **benchmark**." in response.content.decode()
