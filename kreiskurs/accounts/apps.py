from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People and their roles in districts."""

    name = "kreiskurs.accounts"
    verbose_name = _("Konten und Rollen")
