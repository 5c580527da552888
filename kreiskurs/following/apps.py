from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    """Following a measure, goal or process: e-mail to followers when it changes, one-click unsubscribe."""

    name = "kreiskurs.following"
    verbose_name = _("Folgen")

    def ready(self) -> None:
        from kreiskurs.core.changes import register_listener

        from . import sections  # noqa: F401  (registers the follow button on measure and goal pages)
        from .services import notify_followers

        register_listener(notify_followers)
