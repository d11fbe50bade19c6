"""``check --deploy`` warns about the production settings the site can't do without:
email (sign-ups are confirmed by mail) and a shared cache (login throttling)."""

import pytest
from django.core.checks import run_checks

from tests.test_settings import PROD_ENV, _manage


def deploy_check_ids() -> list[str]:
    messages = run_checks(include_deployment_checks=True)
    return sorted(message.id for message in messages if message.id.startswith("gsoc."))


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.EMAIL_HOST = "smtp.example.org"
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    return settings


def test_deploy_checks_quiet_when_email_and_redis_are_set(production):
    assert deploy_check_ids() == []


def test_deploy_check_warns_without_email_host(production):
    production.EMAIL_HOST = ""

    assert deploy_check_ids() == ["gsoc.W001"]


def test_deploy_check_quiet_without_email_host_in_debug(production):
    production.EMAIL_HOST = ""
    production.DEBUG = True

    assert deploy_check_ids() == []


def test_deploy_check_warns_without_redis_url(production):
    production.REDIS_URL = ""

    assert deploy_check_ids() == ["gsoc.W002"]


def test_plain_check_runs_no_deploy_checks(production):
    production.EMAIL_HOST = ""
    production.REDIS_URL = ""

    assert [m.id for m in run_checks() if m.id.startswith("gsoc.")] == []


def test_check_deploy_command_warns_with_production_settings_missing_email_and_redis():
    env = {**PROD_ENV, "EMAIL_HOST": "", "REDIS_URL": ""}

    result = _manage("check", "--deploy", env=env)

    assert result.returncode == 0
    assert "?: (gsoc.W001) EMAIL_HOST is not set" in result.stderr
    assert "?: (gsoc.W002) REDIS_URL is not set" in result.stderr
