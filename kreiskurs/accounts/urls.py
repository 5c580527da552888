from django.urls import path

from . import oidc, views, views_account, views_twofactor

app_name = "accounts"

urlpatterns = [
    path("", views_account.account, name="account"),
    path("anmelden/", views_account.LoginView.as_view(), name="login"),
    path("abmelden/", oidc.SignOutView.as_view(), name="logout"),
    path("registrieren/", views.register, name="register"),
    path("passwort-aendern/", views_account.PasswordChangeView.as_view(), name="password_change"),
    path("passwort-vergessen/", views_account.password_reset, name="password_reset"),
    path("passwort-vergessen/gesendet/", views_account.password_reset_sent, name="password_reset_sent"),
    path("passwort-neu/fertig/", views_account.password_reset_complete, name="password_reset_complete"),
    path(
        "passwort-neu/<uidb64>/<token>/",
        views_account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("adresse-bestaetigen/erneut/", views_account.resend_confirmation, name="resend_confirmation"),
    path("adresse-bestaetigen/<str:token>/", views_account.confirm_email, name="confirm_email"),
    path("einladung/<str:token>/", views_account.invitation, name="invitation"),
    path("oidc/anmelden/", oidc.StartView.as_view(), name="oidc_start"),
    path("oidc/callback/", oidc.ReturnView.as_view(), name="oidc_return"),
    path("zwei-faktor/einrichten/", views_twofactor.totp_setup, name="totp_setup"),
    path("zwei-faktor/bestaetigen/", views_twofactor.second_factor, name="second_factor"),
    path("zwei-faktor/wiederherstellungscodes/", views_twofactor.recovery_codes, name="recovery_codes"),
]
