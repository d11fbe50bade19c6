from django.apps import AppConfig


class GsocConfig(AppConfig):
    name = "gsoc"
    verbose_name = "Programs and ideas"

    def ready(self):
        # Importing registers the deployment checks.
        from gsoc import checks  # noqa: F401 (imported for its @register side effect)
