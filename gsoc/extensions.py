"""Where apps on top of the core plug in, so the core never imports them.

- **Idea page panels**: a template and a function that returns its context. The idea
  page shows every registered panel in ``order``; an app registers its panels in its
  ``AppConfig.ready()``.
- **Listing annotations**: a name and a function returning a query expression (a
  correlated subquery, so rows are never multiplied). Every idea list
  (``gsoc.queries.ideas_for_listing``) carries them, e.g. ``interest_count``.
- **Readiness checks**: a function of an idea of the manager's dashboard (annotated as
  above) returning the problems a person reads, e.g. "2 open review comments".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    # (request, idea, extra) -> the template's context; ``extra`` is what the view that
    # re-shows the page passes (a bound form with its errors, say).
    context: Callable[[Any, Any, dict], dict]
    order: int = 50


_panels: dict[str, Panel] = {}
_listing: dict[str, Callable[[], Any]] = {}
_readiness: dict[str, Callable[[], Any]] = {}
_checks: list[Callable[[Any], list[str]]] = []


def register_panel(panel: Panel) -> None:
    _panels[panel.name] = panel


def panels() -> list[Panel]:
    return sorted(_panels.values(), key=lambda panel: (panel.order, panel.name))


def panel_context(request, idea, extra: dict) -> tuple[list[str], dict]:
    """The templates of every panel, in order, and their contexts merged: a key two
    panels both set is a configuration error, not a silent overwrite."""
    merged: dict = {}
    for panel in panels():
        context = panel.context(request, idea, extra)
        clash = merged.keys() & context.keys()
        if clash:
            raise ImproperlyConfigured(f"Panel {panel.name} sets {sorted(clash)} again.")
        merged.update(context)
    return [panel.template for panel in panels()], merged


def register_listing_annotation(name: str, expression: Callable[[], Any]) -> None:
    _listing[name] = expression


def listing_annotations() -> dict[str, Any]:
    return {name: make() for name, make in _listing.items()}


def register_readiness(check: Callable[[Any], list[str]], **annotations: Callable[[], Any]) -> None:
    """A dashboard check and the annotations it reads."""
    _readiness.update(annotations)
    _checks.append(check)


def readiness_annotations() -> dict[str, Any]:
    return {name: make() for name, make in _readiness.items()}


def readiness_problems(idea) -> list[str]:
    return [problem for check in _checks for problem in check(idea)]
