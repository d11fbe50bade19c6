"""Creating a program and its settings page, per role: managers only, edit conflicts."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from gsoc.models import Activity, Program
from tests.helpers import page_heading

pytestmark = pytest.mark.django_db


NON_MANAGERS = ["student", "mentor", "other_mentor", "reviewer", "committer"]


def login_url(next_path):
    return f"{reverse('account_login')}?next={quote(next_path)}"


def program_data(**overrides):
    data = {
        "name": "Outreachy round 40",
        "slug": "outreachy-40",
        "intro": "Paid internships.",
        "phase": "open",
        "ideas_deadline": "2031-02-01",
        "org_application_deadline": "2031-02-10",
        "required_sign_offs": "2",
        "target_list_size": "12",
        "allowed_sizes": "175, 350",
    }
    data.update(overrides)
    return data


# --- program_create ----------------------------------------------------------------------


def test_program_create_visitor_redirected_to_login(client, db):
    path = reverse("gsoc:program_create")

    response = client.post(path, program_data())

    assert response.status_code == 302
    assert response.url == login_url(path)
    assert Program.objects.filter(slug="outreachy-40").exists() is False


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_program_create_forbidden_for_non_manager(as_role, role):
    _, client = as_role(role)

    get_response = client.get(reverse("gsoc:program_create"))
    post_response = client.post(reverse("gsoc:program_create"), program_data())

    assert (get_response.status_code, post_response.status_code) == (403, 403)
    assert Program.objects.filter(slug="outreachy-40").exists() is False


def test_program_create_form_shown_to_manager(client_for, manager):
    client = client_for(manager)

    response = client.get(reverse("gsoc:program_create"))

    assert response.status_code == 200
    assert page_heading(response) == "New program"


def test_program_create_by_manager_saves_and_records(client_for, manager):
    client = client_for(manager)

    response = client.post(reverse("gsoc:program_create"), program_data())

    program = Program.objects.get(slug="outreachy-40")
    assert response.status_code == 302
    assert response.url == program.get_absolute_url()
    assert (program.name, program.phase, program.required_sign_offs) == (
        "Outreachy round 40",
        "open",
        2,
    )
    assert program.allowed_sizes == [175, 350]
    assert Activity.objects.filter(program=program, verb="program_created").get().actor == manager


def test_program_create_invalid_sizes_shows_error(client_for, manager):
    client = client_for(manager)

    response = client.post(reverse("gsoc:program_create"), program_data(allowed_sizes="90, lots"))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "allowed_sizes": ["'lots' is not a whole number of hours."]
    }
    assert Program.objects.filter(slug="outreachy-40").exists() is False


# --- program_edit ------------------------------------------------------------------------


def test_program_edit_visitor_redirected_to_login(client, program):
    path = reverse("gsoc:program_edit", args=[program.slug])

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == login_url(path)


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_program_edit_forbidden_for_non_manager(as_role, program, role):
    _, client = as_role(role)
    path = reverse("gsoc:program_edit", args=[program.slug])

    get_response = client.get(path)
    post_response = client.post(path, program_data(name="Hijacked", slug=program.slug))

    program.refresh_from_db()
    assert (get_response.status_code, post_response.status_code) == (403, 403)
    assert (program.name, program.version) == ("Google Summer of Code 2031", 1)


def test_program_edit_form_shown_to_manager(client_for, manager, program):
    client = client_for(manager)

    response = client.get(reverse("gsoc:program_edit", args=[program.slug]))

    assert response.status_code == 200
    assert page_heading(response) == "Settings of Google Summer of Code 2031"
    assert response.context["form"]["allowed_sizes"].value() == "90, 175, 350"


def test_program_edit_by_manager_saves(client_for, manager, program):
    client = client_for(manager)

    response = client.post(
        reverse("gsoc:program_edit", args=[program.slug]),
        program_data(name="GSoC 2031", slug="gsoc-2031", version="1"),
    )

    program.refresh_from_db()
    assert response.status_code == 302
    assert (program.name, program.version, program.allowed_sizes) == ("GSoC 2031", 2, [175, 350])


def test_program_edit_stale_version_keeps_values_and_database(client_for, manager, program):
    client = client_for(manager)
    Program.objects.filter(pk=program.pk).update(version=2, name="Changed meanwhile")

    response = client.post(
        reverse("gsoc:program_edit", args=[program.slug]),
        program_data(name="My name", slug="gsoc-2031", version="1"),
    )

    program.refresh_from_db()
    assert response.status_code == 200
    assert response.context["conflict"].version == 2
    assert response.context["form"]["name"].value() == "My name"
    assert response.context["form"]["version"].value() == 2
    assert (program.name, program.version) == ("Changed meanwhile", 2)


def test_program_edit_without_version_treated_as_conflict(client_for, manager, program):
    client = client_for(manager)

    response = client.post(
        reverse("gsoc:program_edit", args=[program.slug]),
        program_data(name="Blind overwrite", slug="gsoc-2031"),
    )

    program.refresh_from_db()
    assert response.status_code == 200
    assert response.context["conflict"].version == 1
    assert response.context["form"]["name"].value() == "Blind overwrite"
    assert (program.name, program.version) == ("Google Summer of Code 2031", 1)


def test_program_edit_unknown_slug_not_found(client_for, manager):
    client = client_for(manager)

    response = client.get(reverse("gsoc:program_edit", args=["no-such-program"]))

    assert response.status_code == 404
