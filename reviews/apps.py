from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self) -> None:
        # Panels import forms and queries, which need the app registry ready.
        from reviews import panels

        panels.register()
