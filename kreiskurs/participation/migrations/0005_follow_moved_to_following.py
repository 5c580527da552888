"""``participation.Follow`` goes: process follows live in ``following.Follow`` (moved by ``following.0002``)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0004_consideration"),
        ("following", "0002_process_follows_from_participation"),  # the rows are moved before the table goes
    ]

    operations = [
        migrations.DeleteModel(
            name="Follow",
        ),
    ]
