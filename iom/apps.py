from django.apps import AppConfig


class IomConfig(AppConfig):
    name = "iom"
    verbose_name = "IOM records"
