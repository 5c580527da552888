from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedsConfig(AppConfig):
    """The district's Atom feed of what changed in public: adoptions, status reports, processes, evaluation reports."""

    name = "kreiskurs.feeds"
    verbose_name = _("Neuigkeiten (Atom-Feed)")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (registers the feed's link on the district home)
