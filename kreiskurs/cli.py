"""The ``kreiskurs`` console script: the project's manage.py."""

import os
import sys
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kreiskurs.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        # the embedded default works on a fresh installation: its folder is made on first use
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
