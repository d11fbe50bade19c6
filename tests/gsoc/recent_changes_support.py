"""What each role sees of the ``log`` fixture, and helpers of the recent-changes tests
(tests/gsoc/test_recent_changes*.py).
"""

import re

from django.urls import reverse

from gsoc.models import Activity
from tests.factories import IdeaFactory

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ROLES = ["visitor", "student", "mentor", "other_mentor", "manager"]


# What each role sees of the ``log`` fixture, newest first.
CREATED_PROGRAM = "Mana Ger created the program Outreachy 40"
GRANTED_ROLE = "Mana Ger gave rev the committers role"
NAMED_INTEREST = "Stu Dent registered interest in Faster widget"
ANONYMOUS_INTEREST = "A student registered interest in Faster widget"
CREATED_DRAFT = "Menna Tor created Hidden draft"
SUBMITTED = "Menna Tor submitted Faster widget for review"
CREATED = "Menna Tor created Faster widget"
SEEN_BY = {
    "visitor": [ANONYMOUS_INTEREST, SUBMITTED, CREATED],
    "student": [CREATED_PROGRAM, ANONYMOUS_INTEREST, SUBMITTED, CREATED],
    "other_mentor": [CREATED_PROGRAM, ANONYMOUS_INTEREST, SUBMITTED, CREATED],
    "mentor": [CREATED_PROGRAM, NAMED_INTEREST, CREATED_DRAFT, SUBMITTED, CREATED],
    "manager": [
        CREATED_PROGRAM,
        GRANTED_ROLE,
        NAMED_INTEREST,
        CREATED_DRAFT,
        SUBMITTED,
        CREATED,
    ],
}


# Page budget for any number of rows.
MAX_RECENT_CHANGES_QUERIES = 12


def page_url(query=""):
    return reverse("gsoc:recent_changes") + (f"?{query}" if query else "")


def feed_url(query=""):
    return reverse("gsoc:recent_changes_feed") + (f"?{query}" if query else "")


def build_activities(program, mentor, student, count):
    idea = IdeaFactory(program=program, mentors=[mentor])
    verbs = [Activity.Verb.EDITED, Activity.Verb.INTEREST_REGISTERED, Activity.Verb.COMMENTED]
    Activity.objects.bulk_create(
        Activity(
            verb=verbs[n % 3],
            actor=student if n % 3 == 1 else mentor,
            program=program,
            idea=idea,
            detail={"version": 1, "fields": ["title"]} if n % 3 == 0 else {},
        )
        for n in range(count)
    )
