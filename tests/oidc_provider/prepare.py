"""Set up the test provider's database: ``init`` (tables, signing key), ``user …``, ``client …``, ``logout-uri …``.

Run as ``python -m tests.oidc_provider.prepare <command> …`` with the provider's
settings and environment (``process.py`` does that).
"""

import sys

import django


def main(argv: list[str]) -> None:
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType

    command, *args = argv
    if command == "init":
        call_command("migrate", verbosity=0)
        call_command("creatersakey")
    elif command == "user":
        username, password, email, first_name, last_name = args
        User.objects.create_user(username, email=email, password=password, first_name=first_name, last_name=last_name)
    elif command == "client":
        client_id, secret, *redirect_uris = args
        client = Client.objects.create(
            name="Kreiskurs",
            client_type="confidential",
            client_id=client_id,
            client_secret=secret,
            jwt_alg="RS256",
            require_consent=False,
            _redirect_uris="\n".join(redirect_uris),
            _scope="openid email profile",
        )
        client.response_types.add(ResponseType.objects.get(value="code"))
    elif command == "logout-uri":
        client_id, uri = args
        client = Client.objects.get(client_id=client_id)
        client.post_logout_redirect_uris = [*client.post_logout_redirect_uris, uri]
        client.save()
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
