"""The Atom feed stays valid XML whatever people typed: XML 1.0 can't carry most control
characters, and one pasted terminal colour code must not turn the feed into a 500."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from gsoc.enums import Phase
from gsoc.models import Activity, IdeaRevision
from gsoc.xml import xml_safe
from tests.factories import IdeaFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text", "plain text"),
        ("tab\tnewline\ncarriage\r", "tab\tnewline\ncarriage\r"),
        ("\x1b[31mred\x1b[0m", "[31mred[0m"),
        ("form\x0cfeed\x00nul\x7fdel", "formfeednul\x7fdel"),
        ("bad \ufffe\uffff end", "bad  end"),
        ("lone \ud800 surrogate", "lone  surrogate"),
        ("Ünïcødé 🐍 \U0010ffff", "Ünïcødé 🐍 \U0010ffff"),
        ("", ""),
    ],
)
def test_xml_safe_drops_what_xml_1_0_forbids(text, expected):
    assert xml_safe(text) == expected


def test_feed_with_control_characters_in_archived_title_and_display_name_is_valid_xml(client):
    # The program is archived, so nobody can edit the title any more: the feed must cope.
    program = ProgramFactory(phase=Phase.ARCHIVED, slug="gsoc-1999")
    mentor = UserFactory(username="ansi", display_name="An\x1b[31msi\x1b[0m")
    idea = IdeaFactory(
        program=program, mentors=[mentor], title="Old\x1b[1m\x0c idea", slug="old-idea"
    )
    Activity.objects.create(verb=Activity.Verb.CREATED, actor=mentor, program=program, idea=idea)

    response = client.get(reverse("gsoc:recent_changes_feed"))

    assert response.status_code == 200
    root = ET.fromstring(response.content)
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "An[31msi[0m created Old[1m idea"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "An[31msi[0m"
    assert entry.find(f"{ATOM}link").get("href").endswith(idea.get_absolute_url())


def test_feed_with_control_characters_in_edit_summary_is_valid_xml(client):
    program = ProgramFactory(slug="gsoc-2098")
    mentor = UserFactory(username="plain", display_name="Plain Name")
    idea = IdeaFactory(program=program, mentors=[mentor], title="Bell idea", slug="bell")
    IdeaRevision.objects.create(idea=idea, version=2, author=mentor, summary="ding\x07", data={})
    Activity.objects.create(
        verb=Activity.Verb.EDITED,
        actor=mentor,
        program=program,
        idea=idea,
        detail={"version": 2, "fields": ["title"]},
    )

    response = client.get(reverse("gsoc:recent_changes_feed"))

    assert response.status_code == 200
    [entry] = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}summary") == (
        "Plain Name edited Bell idea: revision 2; changed title: “ding”"
    )
