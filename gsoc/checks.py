"""Deployment checks (``manage.py check --deploy``) for settings the site can't do without
in production, though it starts without them."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(deploy=True)
def check_email_configured(app_configs, **kwargs) -> list[Warning]:
    """Sign-ups are confirmed by email; without EMAIL_HOST the mails go to the console."""
    if settings.DEBUG or settings.EMAIL_HOST:
        return []
    return [
        Warning(
            "EMAIL_HOST is not set: emails are printed to the console, so nobody who signs "
            "up can confirm their address, and password resets never arrive.",
            hint="Set EMAIL_HOST (and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, "
            "DEFAULT_FROM_EMAIL) to your SMTP server.",
            id="gsoc.W001",
        )
    ]


@register(Tags.security, deploy=True)
def check_shared_cache(app_configs, **kwargs) -> list[Warning]:
    """Login throttling counts in the cache; the default memory cache is per process."""
    if settings.REDIS_URL:
        return []
    return [
        Warning(
            "REDIS_URL is not set: failed logins are counted per process, so with several "
            "gunicorn workers each one allows its own 5 wrong passwords.",
            hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0), or run a single worker.",
            id="gsoc.W002",
        )
    ]
