from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo district (Kreis Coesfeld) with an illustrative strategy."""

    name = "kreiskurs.demo"
    verbose_name = "Demo"
