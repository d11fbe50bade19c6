import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_program_page_lists_public_idea_for_visitor(client, idea, draft_idea):
    response = client.get(reverse("gsoc:home"))

    assert response.status_code == 200
    assert idea.title in response.text
    assert draft_idea.title not in response.text
