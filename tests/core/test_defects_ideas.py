"""Defects a stranger could trigger on ideas, each pinned by a test that failed before."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gsoc import workflow
from gsoc.enums import IdeaState
from gsoc.models import Idea, Program, Skill
from gsoc.slugs import RESERVED_SLUGS
from reviews import workflow as review_workflow
from reviews.models import ReviewComment
from tests.factories import IdeaFactory, SkillFactory


def content(title="New", **fields):
    base = {
        "title": title,
        "difficulty_min": 1,
        "difficulty_max": 2,
        "project_size": 175,
        "skills_note": "",
        "description": "Something worth doing.",
        "outcomes": "",
        "steps": "",
        "references": "",
        "is_program_eligible": True,
    }
    return workflow.IdeaContent(fields={**base, **fields}, skills=[], mentors=[])


# Reserved slugs


def _fixed_segments_beside_slugs(patterns, prefix=""):
    """Literal path segments that stand where a slug parameter may, e.g. "new" beside
    "<slug:program_slug>" under "programs/"."""
    routes = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            routes += _fixed_segments_beside_slugs(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            routes.append((prefix + str(entry.pattern)).split("/"))
    return routes


def test_no_fixed_path_segment_can_be_a_slug():
    routes = _fixed_segments_beside_slugs(get_resolver().url_patterns)
    clashes = set()
    for route in routes:
        for other in routes:
            if len(route) != len(other):
                continue
            for i, (mine, theirs) in enumerate(zip(route, other, strict=True)):
                same_before = route[:i] == other[:i]
                if same_before and theirs.startswith("<slug:") and not mine.startswith("<"):
                    clashes.add(mine)
    assert clashes
    assert clashes <= RESERVED_SLUGS


def test_idea_titled_new_gets_a_reachable_slug(client_for, program, mentor):
    idea = workflow.create_idea(program, content("New"), by=mentor, submit=True)

    response = client_for(None).get(idea.get_absolute_url())

    assert idea.slug == "new-2"
    assert response.context["idea"] == idea


def test_program_slug_new_is_refused_with_a_message(client_for, manager):
    response = client_for(manager).post(
        reverse("gsoc:program_create"),
        {
            "name": "New",
            "slug": "new",
            "phase": "preparing",
            "required_sign_offs": 1,
            "target_list_size": 12,
            "allowed_sizes": "90, 175",
        },
    )

    assert response.status_code == 200
    assert "is a reserved word in addresses" in response.context["form"].errors["slug"][0]
    assert not Program.objects.filter(slug="new").exists()


# Double posts


def test_five_identical_comments_make_one(idea, reviewer):
    comments = [
        review_workflow.add_comment(idea, by=reviewer, body="Looks good.") for _ in range(5)
    ]

    assert len({c.pk for c in comments}) == 1
    assert ReviewComment.objects.filter(idea=idea).count() == 1


def test_resubmitted_comment_form_makes_one(client_for, idea, reviewer):
    client = client_for(reviewer)
    url = reverse("reviews:comment_create", args=[idea.program.slug, idea.slug])

    first = client.post(url, {"body": "Please add numbers."})
    again = client.post(url, {"body": "Please add numbers."})

    assert (first.status_code, again.status_code) == (302, 302)
    assert ReviewComment.objects.filter(idea=idea).count() == 1
    review_workflow.add_comment(idea, by=reviewer, body="A different point.")
    assert ReviewComment.objects.filter(idea=idea).count() == 2


# A published list can be corrected


def _published(idea, committer, manager):
    workflow.sign_off(idea, by=committer)
    workflow.approve(Idea.objects.get(pk=idea.pk), by=manager)
    workflow.publish_program(idea.program, by=manager)
    return Idea.objects.get(pk=idea.pk)


def test_mentor_corrects_a_published_idea_which_stays_on_the_list(
    client_for, idea, committer, manager, mentor
):
    idea = _published(idea, committer, manager)
    fixed = workflow.IdeaContent.of(idea)
    fixed.fields["description"] = "Make the **thing** faster; typo fixed."

    idea = workflow.update_idea(idea, fixed, by=mentor, expected_version=idea.version)

    assert idea.state == IdeaState.APPROVED
    assert idea.is_updated_since_published
    page = client_for(None).get(idea.program.get_absolute_url())
    assert "Updated" in page.text
    assert "Changed since sign-off" in page.text
    # Reviewed content changed: the committers are asked to sign it again.
    waiting = client_for(committer).get(reverse("reviews:my_work"))
    assert [i.pk for i in waiting.context["awaiting_sign_off"]] == [idea.pk]


# Co-mentor offers on a published list


def test_offer_on_published_idea_is_seen_and_answered_by_its_mentor(
    client_for, idea, committer, manager, mentor, reviewer
):
    idea = _published(idea, committer, manager)
    offer = workflow.offer_to_mentor(idea, by=reviewer, message="I know this code.")

    page = client_for(mentor).get(idea.get_absolute_url())
    assert [o.pk for o in page.context["volunteer_offers"]] == [offer.pk]
    assert "makes the committers' sign-offs stale" in page.context["accept_warning"]

    workflow.answer_offer(offer, by=mentor, accept=True)
    idea = Idea.objects.get(pk=idea.pk)
    assert idea.ordered_mentors() == [mentor, reviewer]
    # Like an edit of the mentors: sign-offs are stale, the frozen list keeps the idea.
    assert (idea.state, idea.reviewed_version, idea.awaits_re_sign_off(0)) == (
        IdeaState.APPROVED,
        idea.version,
        True,
    )


def test_accepting_an_offer_respects_the_mentor_limit(idea, mentor, reviewer):
    offer = workflow.offer_to_mentor(idea, by=reviewer)
    for user in [IdeaFactory().mentor_links.first().user for _ in range(4)]:
        Idea.objects.get(pk=idea.pk).mentor_links.create(user=user, position=9)

    with pytest.raises(Exception, match="at most 5 mentors"):
        workflow.answer_offer(offer, by=mentor, accept=True)
    assert len(Idea.objects.get(pk=idea.pk).mentor_links.all()) == 5


# Skills


def test_new_skill_containing_an_existing_one_is_offered_first(client_for, program, mentor):
    SkillFactory(name="C", slug="c")
    client = client_for(mentor)
    data = {
        "title": "Faster parser",
        "difficulty_min": 1,
        "difficulty_max": 2,
        "project_size": 175,
        "description": "Parse it faster.",
        "skills": "C programming",
        "mentors": "",
        "submit": "1",
    }
    url = reverse("gsoc:idea_create", args=[program.slug])

    first = client.post(url, data)
    assert (
        "“C programming” would be a new skill; the existing “C” may be what you mean."
        in (first.context["form"].errors["skills"][0])
    )
    again = client.post(
        url, {**data, "skills_confirmed": first.context["form"]["skills_confirmed"].value()}
    )

    assert again.status_code == 302
    assert sorted(Skill.objects.values_list("name", flat=True)) == ["C", "C programming"]


def test_skill_names_are_unique_ignoring_case(db):
    SkillFactory(name="Python", slug="python")

    assert Skill.get_or_create_many(["PYTHON", "python"]) == [Skill.objects.get(slug="python")]
    with pytest.raises(IntegrityError), transaction.atomic():
        Skill.objects.create(name="pYthon", slug="python-2")


def test_indented_code_at_the_start_of_a_field_survives_the_form(client_for, program, mentor):
    code = "    make check\n    make install\n\nThen run the tests."
    client_for(mentor).post(
        reverse("gsoc:idea_create", args=[program.slug]),
        {
            "title": "Build notes",
            "difficulty_min": 1,
            "difficulty_max": 1,
            "project_size": 175,
            "description": code,
            "mentors": "",
            "submit": "1",
        },
    )

    idea = Idea.objects.get(title="Build notes")
    page = client_for(None).get(idea.get_absolute_url())
    assert idea.description == code
    assert "<pre><code>make check\nmake install\n</code></pre>" in page.text
