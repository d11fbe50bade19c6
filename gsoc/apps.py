from django.apps import AppConfig


class GsocConfig(AppConfig):
    name = "gsoc"
    verbose_name = "Programs and ideas"
