"""Process follows move from ``participation.Follow`` into ``following.Follow`` (kind "process").

``participation.Follow`` is no longer written or read (``participation.services.notifications``
delegates to ``kreiskurs.following``); this moves its rows, so nobody who followed a process stops
hearing of it. ``participation.0005`` then removes the empty model.
"""

from typing import Any

from django.db import migrations


def move(apps: Any, schema_editor: Any) -> None:
    Old = apps.get_model("participation", "Follow")
    New = apps.get_model("following", "Follow")
    rows = list(Old.objects.select_related("process"))
    New.objects.bulk_create(
        [
            New(
                district_id=r.district_id,
                user_id=r.user_id,
                kind="process",
                key=str(r.process_id),
                title=r.process.title[:300],
            )
            for r in rows
        ],
        ignore_conflicts=True,
    )
    Old.objects.filter(pk__in=[r.pk for r in rows]).delete()


def back(apps: Any, schema_editor: Any) -> None:
    Old = apps.get_model("participation", "Follow")
    New = apps.get_model("following", "Follow")
    Process = apps.get_model("participation", "Process")
    moved = New.objects.filter(kind="process")
    existing = set(Process.objects.filter(pk__in=[int(r.key) for r in moved]).values_list("pk", flat=True))
    Old.objects.bulk_create(
        [
            Old(district_id=r.district_id, user_id=r.user_id, process_id=int(r.key))
            for r in moved
            if int(r.key) in existing
        ],
        ignore_conflicts=True,
    )
    moved.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("following", "0001_follows"),
        ("participation", "0003_participant_not_asked_municipality_or_age_band"),
    ]

    operations = [migrations.RunPython(move, back)]
