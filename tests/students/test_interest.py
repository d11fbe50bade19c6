import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gsoc.enums import IdeaState, Phase
from gsoc.models import Activity, Idea
from notifications.models import Kind, Notification
from students import workflow
from students.models import Interest

pytestmark = pytest.mark.django_db


def _url(idea, name):
    return reverse(f"students:{name}", args=[idea.program.slug, idea.slug])


def test_register_interest_records_note_and_notifies(idea, student, mentor, manager):
    interest = workflow.register_interest(idea, by=student, note="  I know   C well ")

    assert (interest.student, interest.note, interest.is_active) == (student, "I know C well", True)
    assert Activity.objects.filter(verb=Activity.Verb.INTEREST_REGISTERED).count() == 1
    recipients = set(
        Notification.objects.filter(kind=Kind.INTEREST).values_list(
            "recipient__username", flat=True
        )
    )
    assert recipients == {mentor.username, manager.username}


def test_register_interest_twice_is_refused(idea, student):
    workflow.register_interest(idea, by=student)

    with pytest.raises(ValidationError, match="already registered"):
        workflow.register_interest(idea, by=student)

    assert Interest.objects.count() == 1


def test_register_again_after_withdraw_keeps_history(idea, student):
    workflow.register_interest(idea, by=student, note="first")
    workflow.withdraw_interest(idea, by=student)

    workflow.register_interest(idea, by=student, note="second")

    assert [(i.note, i.is_active) for i in Interest.objects.all()] == [
        ("second", True),
        ("first", False),
    ]


def test_register_interest_by_mentor_is_refused(idea, mentor):
    with pytest.raises(PermissionDenied, match="You mentor this idea"):
        workflow.register_interest(idea, by=mentor)


@pytest.mark.parametrize("state", [IdeaState.DRAFT, IdeaState.WITHDRAWN])
def test_register_interest_on_hidden_idea_is_refused(idea, student, state):
    Idea.objects.filter(pk=idea.pk).update(state=state)

    with pytest.raises(PermissionDenied):
        workflow.register_interest(Idea.objects.get(pk=idea.pk), by=student)


def test_register_interest_on_archived_program_is_refused(idea, student):
    idea.program.phase = Phase.ARCHIVED
    idea.program.save()

    with pytest.raises(PermissionDenied, match="no registrations"):
        workflow.register_interest(idea, by=student)


def test_withdraw_without_registration_is_refused(idea, student):
    with pytest.raises(ValidationError, match="no registration"):
        workflow.withdraw_interest(idea, by=student)


def test_register_view_by_student_shows_confirmation(client_for, idea, student):
    client = client_for(student)

    response = client.post(_url(idea, "interest_register"), {"note": "Hello"}, follow=True)

    assert "Your interest is registered." in response.text
    assert response.context["my_interest"].note == "Hello"
    assert response.context["interest_count"] == 1


def test_register_view_double_click_counts_once(client_for, idea, student):
    client = client_for(student)

    client.post(_url(idea, "interest_register"))
    response = client.post(_url(idea, "interest_register"), follow=True)

    assert Interest.objects.count() == 1
    assert "You have already registered your interest in this idea." in response.text


def test_register_view_by_visitor_redirects_to_login(client, idea):
    response = client.post(_url(idea, "interest_register"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_register_view_by_mentor_is_forbidden(client_for, idea, mentor):
    response = client_for(mentor).post(_url(idea, "interest_register"))

    assert response.status_code == 403
    assert Interest.objects.count() == 0


def test_register_view_on_draft_is_not_found(client_for, draft_idea, student):
    response = client_for(student).post(_url(draft_idea, "interest_register"))

    assert response.status_code == 404


def test_visitor_sees_count_but_not_names(client_for, idea, student, mentor):
    workflow.register_interest(idea, by=student, note="secret note")

    response = client_for(None).get(idea.get_absolute_url())
    as_student = client_for(student).get(idea.get_absolute_url())
    as_mentor = client_for(mentor).get(_url(idea, "interested_students"))

    assert "1 student registered interest in this idea." in response.text
    assert student.get_display_name() not in response.text
    assert "secret note" not in response.text
    assert student.email not in response.text
    # The same things are there for those who may see them.
    assert "Your note: “secret note”" in as_student.text
    shown_to_mentor = [student.get_display_name(), student.email, "secret note"]
    assert [text in as_mentor.text for text in shown_to_mentor] == [True, True, True]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("mentor", 200),
        ("manager", 200),
        ("other_mentor", 403),
        ("student", 403),
        ("committer", 403),
        ("reviewer", 403),
    ],
)
def test_interested_students_page_by_role(request, client_for, idea, student, role, status):
    workflow.register_interest(idea, by=student, note="Keen")

    response = client_for(request.getfixturevalue(role)).get(_url(idea, "interested_students"))

    assert response.status_code == status
    if status == 200:
        assert [i.student for i in response.context["interests"]] == [student]
        assert student.email in response.text


def test_interested_students_csv_for_mentor(client_for, idea, student, mentor):
    workflow.register_interest(idea, by=student, note='=HYPERLINK("x")')

    response = client_for(mentor).get(_url(idea, "interested_students") + "?format=csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0] == ["name", "username", "email", "note", "registered_at"]
    assert rows[1][:4] == ["Stu Dent", "stu", "stu@example.org", '\'=HYPERLINK("x")']


def test_my_interests_lists_active_and_withdrawn(client_for, idea, other_idea, student):
    workflow.register_interest(idea, by=student)
    workflow.register_interest(other_idea, by=student)
    workflow.withdraw_interest(other_idea, by=student)

    response = client_for(student).get(reverse("students:my_interests"))

    assert [(i.idea, i.is_active) for i in response.context["interests"]] == [
        (other_idea, False),
        (idea, True),
    ]


def test_register_view_with_too_long_note_says_why(client_for, idea, student):
    response = client_for(student).post(
        _url(idea, "interest_register"), {"note": "x" * 501}, follow=True
    )

    assert "Ensure this value has at most 500 characters (it has 501)." in response.text
    assert Interest.objects.count() == 0
