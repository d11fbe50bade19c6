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
    # Without them check --deploy warns (gsoc.W001, gsoc.W002; tests/test_deploy_checks.py).
    "EMAIL_HOST": "smtp.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
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


def _redis_is_up() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def test_redis_url_switches_the_cache_to_redis():
    import pytest

    if not _redis_is_up():
        pytest.skip("no Redis on 127.0.0.1:6379")
    code = (
        "from django.core.cache import caches; cache = caches['default']; "
        "cache.set('gsoc-settings-test', 42, 5); "
        "print(type(cache).__name__, cache.get('gsoc-settings-test'))"
    )

    result = _manage("shell", "-c", code, env={"REDIS_URL": "redis://127.0.0.1:6379/0"})

    assert result.stdout.strip().splitlines()[-1] == "RedisCache 42"
