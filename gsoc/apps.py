from django.apps import AppConfig


class GsocConfig(AppConfig):
    name = "gsoc"
    verbose_name = "Programs and ideas"

    def ready(self) -> None:
        # Both import models (the panels through the workflow), so they wait for the app
        # registry; importing the checks registers them.
        from gsoc import (
            checks,  # noqa: F401 (imported for its @register side effect)
            panels,
        )

        panels.register()
