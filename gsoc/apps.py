from django.apps import AppConfig


class GsocConfig(AppConfig):
    name = "gsoc"
    verbose_name = "Programs and ideas"

    def ready(self) -> None:
        # Panels import the workflow and queries, which need the app registry ready.
        from gsoc import panels

        panels.register()
