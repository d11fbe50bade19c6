"""django.request logs a 403 as one line, without the traceback of the PermissionDenied
behind it; a 500 keeps its traceback."""

import logging

import pytest
from django.test import Client
from django.urls import path

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("the view broke")


# The 500 test's URL configuration (pytest.mark.urls); the 403 test uses the site's own.
urlpatterns = [path("boom/", _boom)]


def _request_records(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "django.request"]


def test_forbidden_is_logged_as_one_line_without_traceback(client, caplog):
    client.force_login(UserFactory(username="plain"))

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/programs/new/")

    assert response.status_code == 403
    [record] = _request_records(caplog)
    assert (record.levelname, record.status_code, record.exc_info, record.exc_text) == (
        "WARNING",
        403,
        None,
        None,
    )
    assert record.getMessage() == "Forbidden (Permission denied): /programs/new/ (status 403)"
    assert "Traceback" not in caplog.text


@pytest.mark.urls("tests.test_logging")
def test_server_error_is_logged_with_traceback(caplog):
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/boom/")

    assert response.status_code == 500
    [record] = _request_records(caplog)
    assert (record.levelname, record.status_code) == ("ERROR", 500)
    assert record.exc_info[0] is RuntimeError
    assert "Traceback" in caplog.text
