"""Security headers that Django 5.2 doesn't set itself.

``SecurityMiddleware`` and ``XFrameOptionsMiddleware`` already send HSTS, nosniff,
Referrer-Policy, Cross-Origin-Opener-Policy and X-Frame-Options. This adds
Content-Security-Policy, Permissions-Policy and Cross-Origin-Resource-Policy, built once
from settings. ``settings.SECURE_CSP`` has the shape of Django 6.0's setting of the same
name, so moving to ``django.middleware.csp.ContentSecurityPolicyMiddleware`` later is a
one-line change.
"""

from django.conf import settings


def build_policy(directives: dict[str, list[str]]) -> str:
    """{"default-src": ["'self'"], "object-src": ["'none'"]} -> "default-src 'self'; ..."."""
    return "; ".join(
        " ".join([name, *sources]) if sources else name for name, sources in directives.items()
    )


class SecurityHeadersMiddleware:
    """Adds the headers to every response that doesn't set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Content-Security-Policy": build_policy(settings.SECURE_CSP),
            "Permissions-Policy": settings.SECURE_PERMISSIONS_POLICY,
            "Cross-Origin-Resource-Policy": settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY,
        }

    def __call__(self, request):
        response = self.get_response(request)
        # Django's yellow debug pages (DEBUG only) are built with inline style and script;
        # a policy would leave them unreadable.
        if settings.DEBUG and response.status_code in (404, 500):
            return response
        for name, value in self.headers.items():
            if value:
                response.headers.setdefault(name, value)
        return response
