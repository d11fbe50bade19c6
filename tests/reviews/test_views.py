import pytest
from django.urls import reverse

from gsoc import workflow as idea_workflow
from gsoc.enums import IdeaState, Phase
from gsoc.models import Idea, SignOff
from gsoc.permissions import COMMITTERS_GROUP
from reviews import workflow
from reviews.models import ReviewComment, RubricAnswer
from tests.factories import UserFactory
from tests.helpers import edited_content

pytestmark = pytest.mark.django_db

ROLES = ["student", "mentor", "other_mentor", "reviewer", "committer", "manager"]


def _idea_url(idea, name="gsoc:idea_detail"):
    return reverse(name, args=[idea.program.slug, idea.slug])


def _review_url(idea, name):
    # Sign-offs and the final list live in the core since they drive the idea's state.
    app = (
        "gsoc"
        if name
        in {"sign_off", "sign_off_withdraw", "changes_since_sign_off", "approve", "unapprove"}
        else "reviews"
    )
    return reverse(f"{app}:{name}", args=[idea.program.slug, idea.slug])


@pytest.mark.parametrize("role", ROLES)
def test_comment_create_by_any_signed_in_role_is_signed_with_author(
    request, client_for, idea, role
):
    user = request.getfixturevalue(role)
    client = client_for(user)

    response = client.post(_review_url(idea, "comment_create"), {"body": f"Thoughts of {role}"})

    comment = ReviewComment.objects.get()
    assert response.status_code == 302
    assert response.url == f"{idea.get_absolute_url()}#comment-{comment.pk}"
    assert (comment.author, comment.body) == (user, f"Thoughts of {role}")


def test_comment_create_by_visitor_redirects_to_login(client, idea):
    response = client.post(_review_url(idea, "comment_create"), {"body": "Anonymous"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert ReviewComment.objects.count() == 0


def test_comment_create_ignores_forged_author_field(client_for, idea, reviewer, mentor):
    client = client_for(reviewer)

    client.post(
        _review_url(idea, "comment_create"),
        {"body": "Mine", "author": mentor.pk, "created_at": "2001-01-01T00:00:00Z"},
    )

    comment = ReviewComment.objects.get()
    assert comment.author == reviewer
    assert comment.created_at.year > 2001


def test_comment_create_empty_shows_error_and_keeps_rubric(client_for, idea, reviewer):
    client = client_for(reviewer)

    response = client.post(
        _review_url(idea, "comment_create"), {"body": "   ", "gets_going": "yes"}
    )

    assert response.status_code == 400
    assert "Write something before posting." in response.text
    assert 'value="yes" class="form-check-input" id="id_gets_going_1" checked' in response.text
    assert ReviewComment.objects.count() == 0


def test_comment_create_partial_rubric_is_refused_keeping_text(client_for, idea, reviewer):
    client = client_for(reviewer)

    response = client.post(
        _review_url(idea, "comment_create"), {"body": "Half a rubric", "gets_going": "yes"}
    )

    assert response.status_code == 400
    assert "Answer all four rubric questions, or none of them." in response.text
    assert "Half a rubric" in response.text


def test_comment_with_rubric_shows_tally(client_for, idea, reviewer):
    client = client_for(reviewer)
    answers = {
        "gets_going": "yes",
        "no_assumptions": "no",
        "fits_time": "unsure",
        "meets_goals": "yes",
    }

    client.post(_review_url(idea, "comment_create"), {"body": "Full review", **answers})
    response = client.get(idea.get_absolute_url())

    assert RubricAnswer.objects.get().no_assumptions == "no"
    assert response.context["rubric_count"] == 1
    assert [(r["yes"], r["no"], r["unsure"]) for r in response.context["rubric_tally"]] == [
        (1, 0, 0),
        (0, 1, 0),
        (0, 0, 1),
        (1, 0, 0),
    ]


def test_comment_on_archived_program_is_forbidden(client_for, idea, reviewer):
    idea.program.phase = Phase.ARCHIVED
    idea.program.save()

    response = client_for(reviewer).post(_review_url(idea, "comment_create"), {"body": "Late"})

    assert response.status_code == 403
    assert ReviewComment.objects.count() == 0


def test_comment_on_draft_by_non_mentor_is_not_found(client_for, draft_idea, reviewer):
    response = client_for(reviewer).post(
        _review_url(draft_idea, "comment_create"), {"body": "Peek"}
    )

    assert response.status_code == 404


def test_comment_create_get_is_not_allowed(client_for, idea, reviewer):
    response = client_for(reviewer).get(_review_url(idea, "comment_create"))

    assert response.status_code == 405


def test_reply_is_threaded_under_comment(client_for, idea, reviewer, mentor):
    top = workflow.add_comment(idea, by=reviewer, body="Question?")

    client_for(mentor).post(
        _review_url(idea, "comment_create"), {"body": "Answer.", "parent": top.pk}
    )

    assert ReviewComment.objects.get(body="Answer.").parent == top


def test_edit_comment_by_author_keeps_history(client_for, idea, reviewer):
    comment = workflow.add_comment(idea, by=reviewer, body="Old words")
    client = client_for(reviewer)

    response = client.post(
        reverse("reviews:comment_edit", args=[comment.pk]), {"body": "New words", "version": 1}
    )
    history = client.get(reverse("reviews:comment_history", args=[comment.pk]))

    assert response.status_code == 302
    assert ReviewComment.objects.get().body == "New words"
    assert "Old words" in history.text
    assert "New words" in history.text


@pytest.mark.parametrize("role", ["mentor", "other_mentor", "committer", "manager", "student"])
def test_edit_comment_by_non_author_is_forbidden(request, client_for, idea, reviewer, role):
    comment = workflow.add_comment(idea, by=reviewer, body="Mine")
    client = client_for(request.getfixturevalue(role))

    response = client.post(
        reverse("reviews:comment_edit", args=[comment.pk]), {"body": "Forged", "version": 1}
    )

    assert response.status_code == 403
    assert ReviewComment.objects.get().body == "Mine"


def test_edit_comment_conflict_keeps_typed_text(client_for, idea, reviewer):
    comment = workflow.add_comment(idea, by=reviewer, body="v1")
    workflow.edit_comment(comment, by=reviewer, body="v2 elsewhere", expected_version=1)
    client = client_for(reviewer)

    response = client.post(
        reverse("reviews:comment_edit", args=[comment.pk]), {"body": "v2 here", "version": 1}
    )

    assert response.status_code == 200
    assert "Changed in another window" in response.text
    assert "v2 here" in response.text
    assert ReviewComment.objects.get().body == "v2 elsewhere"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("mentor", True),
        ("reviewer", True),
        ("manager", True),
        ("other_mentor", False),
        ("student", False),
        ("committer", False),
    ],
)
def test_mark_addressed_by_role(request, client_for, idea, reviewer, role, allowed):
    comment = workflow.add_comment(idea, by=reviewer, body="Please fix")
    client = client_for(request.getfixturevalue(role))

    response = client.post(reverse("reviews:comment_address", args=[comment.pk]))

    assert response.status_code == (302 if allowed else 403)
    assert ReviewComment.objects.get().is_addressed is allowed


def test_addressed_comment_folds_away_but_stays_readable(client_for, idea, reviewer, mentor):
    comment = workflow.add_comment(idea, by=reviewer, body="Addressed point")
    workflow.set_addressed(comment, by=mentor, addressed=True)

    response = client_for(None).get(idea.get_absolute_url())

    assert response.context["open_comment_count"] == 0
    assert [c.pk for c in response.context["addressed_comments"]] == [comment.pk]
    assert "Show 1 addressed comment" in response.text
    assert "Addressed point" in response.text


def test_hidden_comment_shows_reason_to_others_and_text_to_author(
    client_for, idea, reviewer, manager, student
):
    comment = workflow.add_comment(idea, by=reviewer, body="Rude remark")
    client = client_for(manager)

    client.post(reverse("reviews:comment_hide", args=[comment.pk]), {"reason": "Off topic"})
    as_student = client_for(student).get(idea.get_absolute_url())
    as_author = client_for(reviewer).get(idea.get_absolute_url())

    assert "Off topic" in as_student.text
    assert "Rude remark" not in as_student.text
    assert "Rude remark" in as_author.text


@pytest.mark.parametrize("role", ["mentor", "reviewer", "committer", "student"])
def test_hide_comment_by_non_manager_is_forbidden(request, client_for, idea, reviewer, role):
    comment = workflow.add_comment(idea, by=reviewer, body="Text")

    response = client_for(request.getfixturevalue(role)).post(
        reverse("reviews:comment_hide", args=[comment.pk]), {"reason": "no"}
    )

    assert response.status_code == 403
    assert ReviewComment.objects.get().is_hidden is False


def test_sign_off_by_committer_moves_idea_to_community_reviewed(client_for, idea, committer):
    response = client_for(committer).post(_review_url(idea, "sign_off"), {"note": "Good"})
    page = client_for(None).get(reverse("gsoc:home"))

    assert response.status_code == 302
    assert Idea.objects.get(pk=idea.pk).state == IdeaState.REVIEWED
    sections = {anchor: [i.pk for i in ideas] for anchor, _, ideas in page.context["sections"]}
    assert sections["community-reviewed"] == [idea.pk]
    assert sections["needs-review"] == []


@pytest.mark.parametrize("role", ["student", "mentor", "reviewer", "manager"])
def test_sign_off_by_non_committer_is_forbidden(request, client_for, idea, role):
    response = client_for(request.getfixturevalue(role)).post(_review_url(idea, "sign_off"))

    assert response.status_code == 403
    assert SignOff.objects.count() == 0


def test_sign_off_double_click_counts_once(client_for, idea, committer):
    idea.program.required_sign_offs = 2
    idea.program.save()
    client = client_for(committer)

    client.post(_review_url(idea, "sign_off"))
    response = client.post(_review_url(idea, "sign_off"), follow=True)

    assert SignOff.objects.count() == 1
    assert "You have already signed off revision 1." in response.text


def test_stale_sign_off_shows_diff_and_resigns(client_for, idea, committer, mentor):
    idea_workflow.sign_off(idea, by=committer)
    idea = Idea.objects.get(pk=idea.pk)
    idea_workflow.update_idea(
        idea,
        edited_content(idea, title="Faster widget rendering"),
        by=mentor,
        expected_version=idea.version,
    )
    client = client_for(committer)

    page = client.get(idea.get_absolute_url())
    changes = client.get(_review_url(idea, "changes_since_sign_off"))
    client.post(_review_url(idea, "sign_off"))

    assert "signed revision 1, changed since" in page.text
    assert "Faster widget<ins> rendering</ins>" in changes.text
    assert Idea.objects.get(pk=idea.pk).state == IdeaState.REVIEWED


def test_mentor_edit_form_warns_before_stale_edit(client_for, idea, committer, mentor):
    idea_workflow.sign_off(idea, by=committer)

    response = client_for(mentor).get(_idea_url(idea, "gsoc:idea_edit"))

    assert "makes their sign-offs stale" in response.text


@pytest.mark.parametrize(
    ("role", "status"), [("manager", 302), ("committer", 403), ("mentor", 403), ("student", 403)]
)
def test_approve_by_role(request, client_for, idea, committer, role, status):
    idea_workflow.sign_off(idea, by=committer)

    response = client_for(request.getfixturevalue(role)).post(_review_url(idea, "approve"))

    assert response.status_code == status
    expected = IdeaState.APPROVED if status == 302 else IdeaState.REVIEWED
    assert Idea.objects.get(pk=idea.pk).state == expected


def test_approve_of_needs_review_idea_gives_message(client_for, idea, manager):
    response = client_for(manager).post(_review_url(idea, "approve"), follow=True)

    assert "Only community-reviewed ideas can be approved." in response.text
    assert Idea.objects.get(pk=idea.pk).state == IdeaState.NEEDS_REVIEW


def test_my_work_lists_per_role(client_for, idea, other_idea, committer, mentor):
    workflow.add_comment(idea, by=committer, body="Open point")

    as_mentor = client_for(mentor).get(reverse("reviews:my_work"))
    as_committer = client_for(committer).get(reverse("reviews:my_work"))

    assert [(i.pk, i.open_comments) for i in as_mentor.context["mentor_ideas"]] == [(idea.pk, 1)]
    assert {i.pk for i in as_committer.context["awaiting_sign_off"]} == {idea.pk, other_idea.pk}
    assert [i.pk for i in as_committer.context["needing_reviews"]][0] == other_idea.pk


def test_my_work_needs_login(client):
    response = client.get(reverse("reviews:my_work"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("comments", [1, 50])
def test_idea_page_query_count_is_constant(
    client_for, idea, reviewer, mentor, comments, django_assert_max_num_queries
):
    for n in range(comments):
        comment = workflow.add_comment(
            idea,
            by=reviewer,
            body=f"Comment {n}",
            rubric={
                "gets_going": "yes",
                "no_assumptions": "no",
                "fits_time": "yes",
                "meets_goals": "unsure",
            },
        )
        workflow.add_comment(idea, by=mentor, body=f"Reply {n}", parent=comment)
    for _ in range(5):
        idea_workflow.sign_off(
            Idea.objects.get(pk=idea.pk), by=UserFactory(groups=[COMMITTERS_GROUP])
        )
    client = client_for(reviewer)

    with django_assert_max_num_queries(15):
        response = client.get(idea.get_absolute_url())

    assert len(response.context["open_comments"]) == comments
