"""The restore view of an idea's history: who may restore, conflicts and bad versions."""

from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from gsoc.enums import Phase
from tests.factories import UserFactory
from tests.gsoc.history_support import EDITORS, OUTSIDERS, edit, fresh, revision, url

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- restore view ----------------------------------------------------------------------


@pytest.mark.parametrize("role", EDITORS)
def test_restore_view_saves_new_revision(as_role, live_idea, role):
    user, client = as_role(role)

    response = client.post(url("idea_restore", live_idea, 1), {"expected_version": "3"})

    assert response.status_code == 302
    assert response.url == url("idea_history", live_idea)
    assert messages_of(response) == ["Restored revision 1; it is now revision 4."]
    assert (fresh(live_idea).title, revision(live_idea, 4).author) == ("Faster widget", user)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_restore_view_forbidden_for_outsiders(as_role, live_idea, role):
    _, client = as_role(role)

    response = client.post(url("idea_restore", live_idea, 1), {"expected_version": "3"})

    assert response.status_code == 403
    assert fresh(live_idea).version == 3


def test_restore_view_sends_visitor_to_login(client_for, live_idea):
    path = url("idea_restore", live_idea, 1)

    response = client_for(None).post(path, {"expected_version": "3"})

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={quote(path)}"
    assert fresh(live_idea).version == 3


def test_restore_view_get_not_allowed(client_for, live_idea, mentor):
    response = client_for(mentor).get(url("idea_restore", live_idea, 1))

    assert response.status_code == 405
    assert fresh(live_idea).version == 3


@pytest.mark.parametrize("posted", [{"expected_version": "2"}, {}, {"expected_version": "x"}])
def test_restore_view_conflict_changes_nothing(client_for, live_idea, mentor, posted):
    response = client_for(mentor).post(url("idea_restore", live_idea, 1), posted)

    assert response.status_code == 302
    assert messages_of(response) == [
        "Nothing was restored: someone saved revision 3 after you opened this page. Look at "
        "the newest revision, then restore again if you still want to."
    ]
    assert (fresh(live_idea).version, fresh(live_idea).title) == (3, "Faster gadget")


def test_restore_view_of_current_revision_changes_nothing(client_for, live_idea, mentor):
    response = client_for(mentor).post(url("idea_restore", live_idea, 3), {"expected_version": "3"})

    assert messages_of(response) == ["Revision 3 is the same as the current text: nothing changed."]
    assert fresh(live_idea).version == 3


def test_restore_view_unknown_version_not_found(client_for, live_idea, mentor):
    response = client_for(mentor).post(url("idea_restore", live_idea, 9), {"expected_version": "3"})

    assert response.status_code == 404


def test_restore_view_cannot_use_revision_pk_of_another_idea(
    client_for, live_idea, other_idea, other_mentor, mentor
):
    for n in range(3):
        edit(other_idea, by=other_mentor, description=f"Other {n}")
    foreign = revision(other_idea, 4)
    assert foreign.pk > live_idea.version  # precondition: the pk is no version of live_idea

    response = client_for(mentor).post(
        url("idea_restore", live_idea, foreign.pk), {"expected_version": "3"}
    )

    assert response.status_code == 404
    assert (fresh(live_idea).version, fresh(other_idea).version) == (3, 4)


def test_restore_view_forbidden_in_archived_program(client_for, live_idea, mentor):
    live_idea.program.phase = Phase.ARCHIVED
    live_idea.program.save()

    response = client_for(mentor).post(url("idea_restore", live_idea, 1), {"expected_version": "3"})

    assert response.status_code == 403
    assert fresh(live_idea).version == 3


def test_restore_view_of_hidden_draft_not_found_for_outsider(client_for, draft_live_idea):
    response = client_for(UserFactory()).post(
        url("idea_restore", draft_live_idea, 1), {"expected_version": "2"}
    )

    assert response.status_code == 404
