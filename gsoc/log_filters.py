"""Logging filters, wired up in ``LOGGING`` in gsoc/settings.py."""

import logging


class ForbiddenWithoutTraceback(logging.Filter):
    """Log a 403 from ``django.request`` as one line: message, path and status.

    Django logs every PermissionDenied with its traceback, though a 403 is the app working
    as meant (a visitor tried a page their role doesn't allow). The tracebacks drowned the
    500s, which keep theirs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.msg = f"{record.getMessage()} (status 403)"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True
