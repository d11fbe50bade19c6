"""Slugs in addresses: free ones for new rows, never one that a fixed path shadows.

``programs/new/`` creates a program and ``programs/<program>/ideas/new/`` an idea, so a
program or idea with the slug ``new`` could never be reached. ``tests/gsoc/test_slugs.py``
reads the URL configuration and fails when a fixed segment stands where a slug may.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError

RESERVED_SLUGS = frozenset({"new"})


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            "“%(value)s” is a reserved word in addresses; choose another.",
            params={"value": value},
            code="reserved_slug",
        )


def free_slug(base: str, *, taken: Callable[[str], bool]) -> str:
    """``base``, or ``base-2``, ``base-3``… : the first that is neither reserved nor taken."""
    slug, n = base, 2
    while slug in RESERVED_SLUGS or taken(slug):
        slug = f"{base}-{n}"
        n += 1
    return slug
