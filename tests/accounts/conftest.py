"""Fixtures of the account tests: users with a verified or an unverified address."""

import pytest
from allauth.account.models import EmailAddress

from tests.factories import UserFactory


@pytest.fixture
def verified_user(db):
    user = UserFactory(username="ann", email="ann@example.org", display_name="")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user
