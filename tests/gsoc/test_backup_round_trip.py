"""export_site then import_site: a rich site survives the round trip record for record."""

import datetime
import io

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from gsoc import backup, workflow
from gsoc.models import (
    Activity,
    Idea,
    IdeaMentor,
    Program,
)
from gsoc.permissions import COMMITTERS_GROUP, MANAGERS_GROUP
from notifications.models import Channel, Kind, Mute, Notification
from reviews import workflow as review_workflow
from reviews.models import ReviewComment
from students import workflow as student_workflow
from tests.factories import PASSWORD, IdeaFactory, ProgramFactory, UserFactory
from tests.gsoc.backup_support import MODELS, import_file, row_counts
from tests.helpers import idea_content

OUR_APPS = {"accounts", "gsoc", "reviews", "students", "notifications"}
LONG_AGO = datetime.datetime(2013, 2, 1, 9, 30, 15, 123456, tzinfo=datetime.UTC)


def build_site() -> None:
    """Two programs and their ideas, made through the workflow like people would."""
    manager = UserFactory(username="mana", groups=[MANAGERS_GROUP], is_staff=True)
    committer = UserFactory(username="comm", groups=[COMMITTERS_GROUP])
    other_committer = UserFactory(username="comm2", groups=[COMMITTERS_GROUP, "translators"])
    mentor = UserFactory(username="menna", first_name="Menna", last_name="Tor", affiliation="Tl")
    co_mentor = UserFactory(username="otto")
    reviewer = UserFactory(username="rev")
    student = UserFactory(username="stu", display_name="Stü Dent ✓")
    UserFactory(username="gone", is_active=False)
    UserFactory(username="root", is_superuser=True, is_staff=True)
    manager.user_permissions.add(Permission.objects.get(codename="change_idea"))
    Group.objects.get(name="translators").permissions.add(
        Permission.objects.get(codename="view_idea")
    )
    User.objects.filter(pk=mentor.pk).update(date_joined=LONG_AGO, last_login=timezone.now())
    for user in User.objects.all():
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    EmailAddress.objects.create(user=mentor, email="menna@work.example", verified=False)
    Mute.objects.create(user=co_mentor, kind=Kind.COMMENT, channel=Channel.EMAIL)

    old = ProgramFactory(name="GSoC 2030", slug="gsoc-2030")
    old_idea = workflow.create_idea(old, idea_content("Old idea"), by=mentor, submit=True)
    workflow.sign_off(old_idea, by=committer)
    workflow.approve(old_idea, by=manager)
    workflow.publish_program(old, by=manager)
    workflow.archive_program(old, by=manager)
    Program.objects.filter(pk=old.pk).update(created_at=LONG_AGO)

    new = ProgramFactory(
        name="GSoC 2031", slug="gsoc-2031", intro="**Hi**", ideas_deadline=datetime.date(2031, 3, 1)
    )
    idea = workflow.create_idea(
        new, idea_content(skills=["C", "Python"], outcomes="- a patch"), by=mentor, submit=True
    )
    # The co-mentor joins by accepting an invitation (an accepted offer, in the backup).
    [invitation] = workflow.invite(idea, [co_mentor], by=mentor, message="Join us?")
    workflow.answer_offer(invitation, by=co_mentor, accept=True)
    idea = workflow.update_idea(
        idea,
        idea_content(
            outcomes="- a patch",
            description="Make the widget faster, with numbers.",
            skills=["C", "Python", "x86 assembly"],
            mentors=[co_mentor, mentor],
            summary="Numbers",
        ),
        by=mentor,
        expected_version=2,
    )
    workflow.sign_off(idea, by=committer, note="Clear.")
    workflow.sign_off(idea, by=other_committer)
    workflow.withdraw_sign_off(idea, by=other_committer)
    workflow.approve(idea, by=manager)
    workflow.create_idea(new, idea_content("Half an idea"), by=co_mentor)
    workflow.carry_forward([old_idea], new, by=manager)

    comment = review_workflow.add_comment(
        idea,
        by=reviewer,
        body="Which widget?",
        rubric={
            "gets_going": "yes",
            "no_assumptions": "no",
            "fits_time": "unsure",
            "meets_goals": "yes",
        },
    )
    review_workflow.add_comment(idea, by=mentor, body="The blue one.", parent=comment)
    comment = review_workflow.edit_comment(
        comment, by=reviewer, body="Which widget, exactly?", expected_version=1
    )
    review_workflow.set_addressed(comment, by=mentor, addressed=True)
    rude = review_workflow.add_comment(idea, by=student, body="Meh.")
    review_workflow.hide_comment(rude, by=manager, reason="Not a review.")

    student_workflow.register_interest(idea, by=student, note="I know C.")
    student_workflow.withdraw_interest(idea, by=student)
    student_workflow.register_interest(idea, by=student, note="Back again.")
    offer = workflow.offer_to_mentor(idea, by=reviewer, message="Happy to help.")
    workflow.decide_offer(offer, by=mentor, accept=False)
    workflow.offer_to_mentor(idea, by=other_committer)
    Notification.objects.filter(recipient=mentor).update(read_at=timezone.now())


def canonical() -> dict:
    """Every column of every row, by primary key, and every many-to-many link. Groups and
    permissions go by name: their ids may change in a new database."""
    dump = {
        model._meta.label: [
            {field.attname: getattr(obj, field.attname) for field in model._meta.concrete_fields}
            for obj in model.objects.order_by("pk")
        ]
        for model in MODELS
    }
    dump["groups"] = sorted(Group.objects.values_list("name", flat=True))
    dump["group permissions"] = sorted(
        Group.permissions.through.objects.values_list(
            "group__name", "permission__content_type__app_label", "permission__codename"
        )
    )
    dump["user groups"] = sorted(User.groups.through.objects.values_list("user_id", "group__name"))
    dump["user permissions"] = sorted(
        User.user_permissions.through.objects.values_list(
            "user_id", "permission__content_type__app_label", "permission__codename"
        )
    )
    dump["idea skills"] = sorted(Idea.skills.through.objects.values_list("idea_id", "skill_id"))
    return dump


def without_passwords(dump: dict) -> dict:
    users = [{**row, "password": None} for row in dump[User._meta.label]]
    return {**dump, User._meta.label: users}


# --- the round trip ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_passwords", [False, True])
def test_round_trip_keeps_every_record_and_relation(tmp_path, with_passwords):
    build_site()
    before = canonical()
    path = tmp_path / "site.json"
    call_command(
        "export_site",
        str(path),
        *(["--with-passwords"] if with_passwords else []),
        stdout=io.StringIO(),
    )
    call_command("flush", interactive=False, stdout=io.StringIO())
    for name in (MANAGERS_GROUP, COMMITTERS_GROUP):  # what the data migration makes
        Group.objects.get_or_create(name=name)
    assert row_counts()[User._meta.label] == 0

    import_file(path)

    after = canonical()
    assert all(before[model._meta.label] for model in MODELS), "every model has rows"
    assert before["groups"] == ["committers", "managers", "translators"]
    if with_passwords:
        assert after == before
        assert User.objects.get(username="menna").check_password(PASSWORD)
    else:
        assert without_passwords(after) == without_passwords(before)
        assert [u.has_usable_password() for u in User.objects.all()] == [False] * 9


@pytest.mark.django_db(transaction=True)
def test_import_resets_ids_so_new_records_get_fresh_ones(tmp_path):
    build_site()
    path = tmp_path / "site.json"
    call_command("export_site", str(path), stdout=io.StringIO())
    highest = {
        model: model.objects.order_by("-pk").values_list("pk", flat=True)[0] for model in MODELS
    }
    call_command("flush", interactive=False, stdout=io.StringIO())
    import_file(path)

    idea = IdeaFactory(program=Program.objects.get(slug="gsoc-2031"))
    comment = review_workflow.add_comment(idea, by=User.objects.get(username="rev"), body="Hm.")

    assert idea.pk > highest[Idea]
    assert idea.program_id == Program.objects.get(slug="gsoc-2031").pk
    assert idea.mentor_links.get().pk > highest[IdeaMentor]
    assert idea.mentor_links.get().user_id > highest[User]
    assert comment.pk > highest[ReviewComment]
    assert Activity.objects.order_by("-pk")[0].pk > highest[Activity]


def test_backup_sections_cover_every_model_and_field():
    covered = {
        section.model_label.lower(): sorted(section.fields + section.many)
        for section in backup.SECTIONS
    }
    # A many-to-many with its own through model (Idea.mentors) travels as that model's rows.
    expected = {
        model._meta.label_lower: sorted(
            [field.name for field in model._meta.concrete_fields]
            + [
                field.name
                for field in model._meta.many_to_many
                if field.remote_field.through._meta.auto_created
            ]
        )
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS or model in (Group, EmailAddress)
    }

    assert covered == expected
