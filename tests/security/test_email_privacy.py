"""No page gives away an email address it shouldn't (DOMAIN.md, "Who sees what").

The demo community is loaded, plus a second student who registered interest, and the
site is crawled by following same-origin links from / as a visitor and as the demo
student. Visitors see no email address at all; signed-in users see mentors' addresses
and their own, never another student's or a non-mentor's.
"""

import re
from collections import deque
from urllib.parse import parse_qs, urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from gsoc.enums import PUBLIC_STATES, Phase
from gsoc.models import Idea, IdeaMentor
from students import workflow as student_workflow
from tests.security.html_audit import audit

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MAX_PAGES = 300
SKIP_PREFIXES = ("/admin/", "/accounts/logout/", "/static/", "/markdownx/")


@pytest.fixture
def demo(db):
    call_command("load_demo", force=True, verbosity=0)
    # Someone else's registration, with an address in the note, for the student to not see.
    other = User.objects.create_user(
        "student2", "student2@example.org", "x-pass-8137", display_name="Other Student"
    )
    idea = Idea.objects.filter(state__in=PUBLIC_STATES, program__phase=Phase.OPEN).first()
    student_workflow.register_interest(idea, by=other, note="Reach me at student2@example.org")
    return idea, other


def _links(html: str) -> list[str]:
    return re.findall(r'<a\s[^>]*href="([^"]+)"', html)


def crawl(client) -> dict[str, str]:
    """Every page reachable from / by same-origin GET links.

    Of links that differ only in query values (?skill=c, ?skill=python) one is followed:
    they show the same kind of page, and the crawl stays quick.
    """
    seen, pages, queue = {("/", ())}, {}, deque(["/"])
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200:
            continue
        pages[url] = response.content.decode()
        base = urlsplit(url).path
        for href in _links(pages[url]):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            parts = urlsplit(base + href if href.startswith("?") else href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # another site or mailto:
            shape = (parts.path, tuple(sorted(parse_qs(parts.query))))
            if parts.path.startswith(SKIP_PREFIXES) or shape in seen:
                continue
            seen.add(shape)
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def emails_on(pages: dict[str, str]) -> dict[str, set[str]]:
    found = {url: {m.lower() for m in EMAIL.findall(html)} for url, html in pages.items()}
    return {url: emails for url, emails in found.items() if emails}


def test_visitor_sees_no_email_address_anywhere(demo, client):
    idea, _ = demo
    mentor = idea.ordered_mentors()[0]

    pages = crawl(client)

    assert len(pages) > 20  # the crawl really went through the site
    assert emails_on(pages) == {}
    # The idea page was read and names its mentor, without the address.
    idea_page = pages[idea.get_absolute_url()]
    assert escape(mentor.get_display_name()) in idea_page
    assert mentor.email not in idea_page


def test_student_sees_mentor_addresses_and_their_own_only(demo, client):
    idea, other = demo
    student = User.objects.get(username="student")
    client.force_login(student)
    mentors = set(IdeaMentor.objects.values_list("user__email", flat=True).distinct().order_by())
    allowed = {email.lower() for email in mentors} | {student.email.lower()}

    pages = crawl(client)
    found = emails_on(pages)
    leaked = {url: emails - allowed for url, emails in found.items() if emails - allowed}

    assert len(pages) > 20
    assert leaked == {}
    # Mentor addresses are shown to signed-in users; the other student's aren't.
    idea_mentors = {user.email.lower() for user in idea.ordered_mentors()}
    assert found[idea.get_absolute_url()] == idea_mentors
    assert escape(other.get_display_name()) not in pages[idea.get_absolute_url()]


def test_mentor_of_idea_sees_interested_student_address_and_note(demo, client):
    # The positive control of the crawls above: the address is on the site, for the
    # idea's mentors.
    idea, other = demo
    client.force_login(idea.ordered_mentors()[0])
    url = reverse("students:interested_students", args=[idea.program.slug, idea.slug])

    response = client.get(url)

    assert response.status_code == 200
    assert escape(other.get_display_name()) in response.text
    assert "Reach me at student2@example.org" in response.text
    assert other.email in EMAIL.findall(response.text)


def test_crawled_pages_are_csp_clean(demo, client):
    # The demo's real content, as a visitor reads it: nothing a strict CSP would block.
    pages = crawl(client)

    problems = {url: audit(html)[0] for url, html in pages.items()}

    assert {url: p for url, p in problems.items() if p} == {}
