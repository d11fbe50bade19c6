import pytest
from django.core.cache import cache

from gsoc.permissions import COMMITTERS_GROUP, MANAGERS_GROUP
from tests.factories import PASSWORD, IdeaFactory, ProgramFactory, UserFactory


@pytest.fixture(autouse=True)
def _isolate(settings):
    # Test-speed hashing; the real site uses Django's default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run at once, in-process, so tests see the email a worker would send.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    cache.clear()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def program(db):
    return ProgramFactory(name="Google Summer of Code 2031", slug="gsoc-2031")


# One fixture per role (DOMAIN.md). "mentor" mentors ``idea``; "other_mentor" mentors
# another idea of the same program.
@pytest.fixture
def student(db):
    return UserFactory(username="stu", display_name="Stu Dent")


@pytest.fixture
def mentor(db):
    return UserFactory(username="menna", display_name="Menna Tor")


@pytest.fixture
def other_mentor(db):
    return UserFactory(username="otto", display_name="Otto Mentor")


@pytest.fixture
def reviewer(db):
    return UserFactory(username="rev", display_name="Rev Iewer")


@pytest.fixture
def committer(db):
    return UserFactory(username="comm", display_name="Com Mitter", groups=[COMMITTERS_GROUP])


@pytest.fixture
def manager(db):
    return UserFactory(username="mana", display_name="Mana Ger", groups=[MANAGERS_GROUP])


@pytest.fixture
def idea(program, mentor):
    return IdeaFactory(
        program=program, mentors=[mentor], title="Faster widget", slug="faster-widget"
    )


@pytest.fixture
def draft_idea(program, mentor):
    return IdeaFactory(
        program=program, mentors=[mentor], title="Secret draft", slug="secret-draft", state="draft"
    )


@pytest.fixture
def other_idea(program, other_mentor):
    return IdeaFactory(program=program, mentors=[other_mentor], title="Other one", slug="other-one")


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as ``user`` (None: a visitor)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def as_role(request, client_for, other_idea):
    """as_role(name) -> (user or None, client signed in as that role; "visitor": nobody).

    ``other_idea`` is always there so "other_mentor" really mentors an idea of the program.
    """

    def sign_in(role):
        user = None if role == "visitor" else request.getfixturevalue(role)
        return user, client_for(user)

    return sign_in
