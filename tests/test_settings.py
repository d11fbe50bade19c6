"""Production settings: strict, and complete enough for `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROD_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "-production-secret-for-the-settings-test-" + "y" * 20,
    "ALLOWED_HOSTS": "ideas.example.org",
}


def _manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    clean.pop("ALLOWED_HOSTS", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_variables():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PROD_ENV)

    assert (result.returncode, result.stderr) == (0, "")


def test_production_without_secret_key_refuses_to_start():
    env = {**PROD_ENV, "SECRET_KEY": ""}

    result = _manage("check", env=env)

    assert result.returncode == 1
    assert "Set SECRET_KEY" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    env = {**PROD_ENV, "ALLOWED_HOSTS": ""}

    result = _manage("check", env=env)

    assert result.returncode == 1
    assert "Set ALLOWED_HOSTS" in result.stderr
