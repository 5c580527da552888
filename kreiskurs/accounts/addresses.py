"""Writes about an account's e-mail address: confirming it, changing it, and the password-reset mail.

An address receives no mail but the confirmation until its owner followed
the link in it (``User.mail_address``). The confirmation link carries a
signed token (the account and the address, signed with the secret key)
that expires after ``CONFIRM_MAX_AGE``; changing the address makes every
earlier link useless, because the token names the address it confirms.

Password reset uses Django's token generator: its token hashes the password
and the last login, so it works once (a new password or a login spends it)
and expires after ``settings.PASSWORD_RESET_TIMEOUT``. The reset page answers
the same whether an address is known or not; only confirmed addresses of
active accounts get the mail. Both forms that send mail on request are
counted in the shared limiter (``ratelimit.py``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import User
from .outbox import send_mail
from .ratelimit import Limit, RateLimited, check_rate

CONFIRM_SALT = "kreiskurs.accounts.confirm-email"
#: how long a confirmation link works
CONFIRM_MAX_AGE = dt.timedelta(days=3)
#: confirmation mails one account may ask for again, and from one client address, per hour
RESENDS = Limit(per_account=3, per_address=10, window=dt.timedelta(hours=1))
#: reset mails per entered address and per client address, per hour
RESETS = Limit(per_account=3, per_address=10, window=dt.timedelta(hours=1))


def _link(path: str) -> str:
    return f"{settings.KREISKURS_BASE_URL}{path}"


def confirmation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=CONFIRM_SALT, compress=True)


def send_confirmation(*, user: User) -> bool:
    """Mail the confirmation link to the account's unconfirmed address; returns whether a mail went out."""
    if not user.email or user.email_confirmed_at is not None:
        return False
    link = _link(reverse("accounts:confirm_email", args=[confirmation_token(user)]))
    days = CONFIRM_MAX_AGE.days
    send_mail(
        subject=_("Kreiskurs: Bitte bestätigen Sie Ihre E-Mail-Adresse"),
        body=_(
            "Guten Tag,\n\nfür das Konto „%(username)s“ wurde diese E-Mail-Adresse angegeben. "
            "Bitte bestätigen Sie sie mit diesem Link (gültig %(days)s Tage):\n\n%(link)s\n\n"
            "Erst danach schickt Ihnen Kreiskurs Benachrichtigungen. Wenn Sie kein Konto angelegt haben, "
            "können Sie diese E-Mail ignorieren.\n"
        )
        % {"username": user.username, "days": days, "link": link},
        to=[user.email],
    )
    return True


@transaction.atomic
def confirm_email(*, token: str, now: dt.datetime | None = None) -> User:
    """Mark the address named in ``token`` as confirmed, if it is still the account's address."""
    invalid = _("Der Bestätigungslink ist ungültig oder die Adresse wurde inzwischen geändert.")
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(
            _("Der Bestätigungslink ist abgelaufen. Bitte fordern Sie unter „Mein Konto“ einen neuen an.")
        ) from None
    except signing.BadSignature:
        raise ValidationError(invalid) from None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise ValidationError(invalid)
    user = User.objects.select_for_update().filter(pk=int(data["u"]), is_active=True).first()
    if user is None or not user.email or user.email != data.get("e"):
        raise ValidationError(invalid)
    if user.email_confirmed_at is None:
        user.email_confirmed_at = now or timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


@transaction.atomic
def change_email(*, user: User, email: str) -> bool:
    """Set a new address (unconfirmed until its link is followed); returns whether it changed.

    The previous address, if it was confirmed, is told of the change.

    An empty address removes it: participation works without one.
    """
    email = User.objects.normalize_email(email.strip())
    if email == user.email:
        return False
    previous = user.mail_address
    user.email = email
    user.email_confirmed_at = None
    user.full_clean(validate_unique=False, exclude=["password"])
    user.save(update_fields=["email", "email_confirmed_at"])
    send_confirmation(user=user)
    if previous:  # the confirmed address hears of it, so a taken-over account does not change hands silently
        send_mail(
            subject=_("Kreiskurs: Ihre E-Mail-Adresse wurde geändert"),
            body=_(
                "Guten Tag,\n\nfür das Konto „%(username)s“ wurde die E-Mail-Adresse geändert; an diese Adresse "
                "schicken wir nichts mehr. Wenn Sie das nicht waren, wenden Sie sich bitte an das Team Ihres Kreises.\n"
            )
            % {"username": user.username},
            to=[previous],
        )
    return True


@transaction.atomic
def resend_confirmation(*, user: User, address: str | None) -> bool:
    """Send the confirmation link again (counted: ``RESENDS``)."""
    if not user.email or user.email_confirmed_at is not None:
        return False
    try:
        check_rate(kind="confirm_resend", limit=RESENDS, account=str(user.pk), address=address)
    except RateLimited:
        raise ValidationError(
            _("Sie haben den Link gerade mehrmals angefordert. Bitte versuchen Sie es später.")
        ) from None
    return send_confirmation(user=user)


def reset_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return _link(reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}))


@transaction.atomic
def request_password_reset(*, email: str, address: str | None) -> int:
    """Mail a reset link to every active account whose confirmed address is ``email``.

    Returns how many mails went out, for tests and logs only: the page says
    the same in every case. Counted per entered address and per client
    address (``RESETS``), whether the address is known or not.
    """
    email = email.strip()
    try:
        check_rate(kind="password_reset", limit=RESETS, account=email.lower(), address=address)
    except RateLimited:
        raise ValidationError(_("Zu viele Anfragen. Bitte versuchen Sie es später noch einmal.")) from None
    users = User.objects.filter(email__iexact=email, is_active=True, email_confirmed_at__isnull=False)
    sent = 0
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    for user in users:
        if not user.has_usable_password():
            continue
        send_mail(
            subject=_("Kreiskurs: Neues Passwort festlegen"),
            body=_(
                "Guten Tag,\n\njemand hat für das Konto „%(username)s“ ein neues Passwort angefordert. "
                "Mit diesem Link legen Sie es fest (einmal verwendbar, gültig %(hours)s Stunden):\n\n%(link)s\n\n"
                "Wenn Sie das nicht waren, ignorieren Sie diese E-Mail; Ihr Passwort bleibt dann unverändert.\n"
            )
            % {"username": user.username, "hours": hours, "link": reset_link(user)},
            to=[user.email],
        )
        sent += 1
    return sent
