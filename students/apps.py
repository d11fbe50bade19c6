from django.apps import AppConfig


class StudentsConfig(AppConfig):
    name = "students"
    verbose_name = "Students"

    def ready(self) -> None:
        # Panels import queries, which need the app registry ready.
        from students import panels

        panels.register()
