"""The admin can't bypass the domain: signed comments, sign-offs and ideas can't be
rewritten or deleted there, and programs are saved through gsoc.workflow."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from gsoc import workflow
from gsoc.enums import Phase
from gsoc.models import Activity, Idea, Program, SignOff
from reviews.models import ReviewComment
from tests.factories import IdeaFactory, ProgramFactory, SkillFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(username="root-admin", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def program_post(**overrides):
    data = {
        "name": "Outreachy round 40",
        "slug": "outreachy-40",
        "intro": "",
        "phase": Phase.OPEN,
        "ideas_deadline": "",
        "org_application_deadline": "",
        "required_sign_offs": "1",
        "target_list_size": "12",
        "allowed_sizes": "90, 175, 350",
        "loaded_version": "",
        "_save": "Save",
    }
    data.update(overrides)
    return data


def test_admin_comment_change_post_keeps_body_and_author(admin_client, idea, reviewer, mentor):
    comment = ReviewComment.objects.create(idea=idea, author=reviewer, body="Signed by rev.")

    response = admin_client.post(
        reverse("admin:reviews_reviewcomment_change", args=[comment.pk]),
        {"body": "Forged text.", "author": mentor.pk, "idea": idea.pk, "_save": "Save"},
    )

    comment.refresh_from_db()
    assert response.status_code == 403
    assert (comment.body, comment.author) == ("Signed by rev.", reviewer)


def test_admin_comment_delete_is_refused(admin_client, idea, reviewer):
    comment = ReviewComment.objects.create(idea=idea, author=reviewer, body="Signed by rev.")

    response = admin_client.post(
        reverse("admin:reviews_reviewcomment_delete", args=[comment.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert ReviewComment.objects.filter(pk=comment.pk).exists() is True


def test_admin_sign_off_delete_is_refused(admin_client, idea, committer):
    sign_off = SignOff.objects.create(
        idea=idea, committer=committer, version=idea.version, signed_at=timezone.now()
    )
    url = reverse(
        f"admin:{SignOff._meta.app_label}_{SignOff._meta.model_name}_delete", args=[sign_off.pk]
    )

    response = admin_client.post(url, {"post": "yes"})

    assert response.status_code == 403
    assert SignOff.objects.filter(pk=sign_off.pk).exists() is True


def test_admin_sign_off_change_post_is_refused(admin_client, idea, committer):
    sign_off = SignOff.objects.create(
        idea=idea, committer=committer, version=1, signed_at=timezone.now()
    )
    url = reverse(
        f"admin:{SignOff._meta.app_label}_{SignOff._meta.model_name}_change", args=[sign_off.pk]
    )

    response = admin_client.post(url, {"version": "7", "note": "forged", "_save": "Save"})

    sign_off.refresh_from_db()
    assert response.status_code == 403
    assert (sign_off.version, sign_off.note) == (1, "")


def test_admin_idea_change_post_changes_nothing(admin_client, idea, mentor):
    before = (idea.title, idea.description, idea.version, idea.state)

    response = admin_client.post(
        reverse("admin:gsoc_idea_change", args=[idea.pk]),
        {
            "program": idea.program.pk,
            "title": "Renamed behind the workflow",
            "slug": idea.slug,
            "description": "New text with no revision.",
            "state": "approved",
            "_save": "Save",
        },
    )

    idea.refresh_from_db()
    assert response.status_code == 403
    assert (idea.title, idea.description, idea.version, idea.state) == before
    assert idea.revisions.count() == 1


def test_admin_idea_add_and_delete_are_refused(admin_client, idea):
    add = admin_client.post(reverse("admin:gsoc_idea_add"), {"title": "Sneaked in"})
    delete = admin_client.post(reverse("admin:gsoc_idea_delete", args=[idea.pk]), {"post": "yes"})

    assert (add.status_code, delete.status_code) == (403, 403)
    assert list(Idea.objects.values_list("title", flat=True)) == ["Faster widget"]


def test_admin_idea_page_links_to_the_idea_in_the_app(admin_client, idea):
    response = admin_client.get(reverse("admin:gsoc_idea_change", args=[idea.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="{idea.get_absolute_url()}">Open this idea in the app</a>' in page
    assert [f.formset.can_delete for f in response.context["inline_admin_formsets"]] == [False]
    assert f'href="{idea.get_absolute_url()}" class="viewsitelink"' in page
    assert "Menna Tor mentors Faster widget" in page  # the mentors inline, read-only


def test_admin_program_add_with_published_phase_is_refused(admin_client, program):
    response = admin_client.post(reverse("admin:gsoc_program_add"), program_post(phase="published"))

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["phase"]
    assert Program.objects.filter(slug="outreachy-40").exists() is False
    assert Activity.objects.filter(verb=Activity.Verb.PROGRAM_CREATED).exists() is False


def test_admin_program_add_offers_only_starting_phases(admin_client):
    response = admin_client.get(reverse("admin:gsoc_program_add"))

    choices = [value for value, _ in response.context["adminform"].form.fields["phase"].choices]
    assert choices == [Phase.PREPARING, Phase.OPEN]


def test_admin_program_add_with_open_phase_records_the_creation(admin_client, superuser):
    response = admin_client.post(reverse("admin:gsoc_program_add"), program_post())

    program = Program.objects.get(slug="outreachy-40")
    activity = Activity.objects.get(program=program)
    assert response.status_code == 302
    assert (program.phase, program.version) == (Phase.OPEN, 1)
    assert (activity.verb, activity.actor) == (Activity.Verb.PROGRAM_CREATED, superuser)


def test_admin_program_add_checks_sizes_like_the_app(admin_client):
    response = admin_client.post(
        reverse("admin:gsoc_program_add"), program_post(allowed_sizes="90, lots")
    )

    assert response.context["adminform"].form.errors == {
        "allowed_sizes": ["'lots' is not a whole number of hours."]
    }
    assert Program.objects.filter(slug="outreachy-40").exists() is False


def test_admin_program_change_records_the_edit_and_bumps_version(admin_client, superuser, program):
    response = admin_client.post(
        reverse("admin:gsoc_program_change", args=[program.pk]),
        program_post(
            name="Google Summer of Code 2031, renamed",
            slug=program.slug,
            required_sign_offs="2",
            allowed_sizes="350, 175",
            loaded_version=str(program.version),
        ),
    )

    program.refresh_from_db()
    activity = Activity.objects.get(program=program)
    assert response.status_code == 302
    assert (program.name, program.required_sign_offs, program.version, program.phase) == (
        "Google Summer of Code 2031, renamed",
        2,
        2,
        Phase.OPEN,
    )
    assert program.allowed_sizes == [175, 350]
    assert (activity.verb, activity.actor) == (Activity.Verb.PROGRAM_EDITED, superuser)


def test_admin_program_change_after_someone_elses_edit_is_refused(admin_client, manager, program):
    loaded = program.version
    program.target_list_size = 20
    workflow.save_program(program, by=manager, expected_version=loaded)
    url = reverse("admin:gsoc_program_change", args=[program.pk])

    response = admin_client.post(
        url, program_post(name="My stale rename", slug=program.slug, loaded_version=str(loaded))
    )

    program.refresh_from_db()
    assert response.status_code == 302
    assert response.url == url
    assert (program.name, program.target_list_size, program.version) == (
        "Google Summer of Code 2031",
        20,
        2,
    )
    assert [m.message for m in get_messages(response.wsgi_request)][0].startswith(
        "Someone else changed this program"
    )
    assert Activity.objects.filter(program=program).count() == 1  # only the manager's


def test_admin_archived_program_is_read_only(admin_client):
    archived = ProgramFactory(phase=Phase.ARCHIVED, name="GSoC 2013")

    response = admin_client.post(
        reverse("admin:gsoc_program_change", args=[archived.pk]),
        program_post(name="Rewritten history", slug=archived.slug),
    )

    archived.refresh_from_db()
    assert response.status_code == 403
    assert archived.name == "GSoC 2013"


def test_admin_program_with_ideas_is_not_offered_for_deletion(admin_client, program, idea):
    page = admin_client.get(reverse("admin:gsoc_program_change", args=[program.pk]))
    delete = admin_client.post(
        reverse("admin:gsoc_program_delete", args=[program.pk]), {"post": "yes"}
    )

    assert page.context["has_delete_permission"] is False
    assert delete.status_code == 403
    assert Program.objects.filter(pk=program.pk).exists() is True


def test_admin_program_without_ideas_can_be_deleted(admin_client):
    empty = ProgramFactory(phase=Phase.PREPARING)

    response = admin_client.post(
        reverse("admin:gsoc_program_delete", args=[empty.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert Program.objects.filter(pk=empty.pk).exists() is False


def test_admin_bulk_delete_of_programs_with_ideas_deletes_nothing(admin_client, program, idea):
    empty = ProgramFactory(phase=Phase.PREPARING)

    response = admin_client.post(
        reverse("admin:gsoc_program_changelist"),
        {"action": "delete_selected", "_selected_action": [program.pk, empty.pk], "post": "yes"},
    )

    assert response.status_code == 200  # the "can't delete, protected" page, not a 500
    assert Program.objects.filter(pk__in=[program.pk, empty.pk]).count() == 2


def test_admin_staff_who_is_not_a_manager_cannot_add_programs(client):
    staff = UserFactory(username="staffer", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__endswith="_program"))
    client.force_login(staff)

    response = client.post(reverse("admin:gsoc_program_add"), program_post())

    assert response.status_code == 403
    assert Program.objects.filter(slug="outreachy-40").exists() is False


def test_admin_skill_in_use_is_not_deleted(admin_client, program):
    skill = SkillFactory(name="C")
    IdeaFactory(program=program, skills=[skill], title="Port the widget")

    response = admin_client.post(
        reverse("admin:gsoc_skill_delete", args=[skill.pk]), {"post": "yes"}
    )

    assert response.status_code == 200
    assert response.context["protected"] == ["Idea: Port the widget"]
    assert skill.ideas.count() == 1


def test_admin_skill_rename_is_allowed(admin_client):
    skill = SkillFactory(name="Pyhton", slug="pyhton")

    response = admin_client.post(
        reverse("admin:gsoc_skill_change", args=[skill.pk]),
        {"name": "Python", "slug": "python", "_save": "Save"},
    )

    skill.refresh_from_db()
    assert response.status_code == 302
    assert (skill.name, skill.slug) == ("Python", "python")
