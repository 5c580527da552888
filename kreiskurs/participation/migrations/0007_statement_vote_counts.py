"""Counts of the votes kept on each statement (issue 12), filled in from the votes already there."""

from django.db import migrations, models
from django.db.models import Count

FIELDS = {1: "agree_count", -1: "disagree_count", 0: "pass_count"}


def count_votes(apps, schema_editor):  # type: ignore[no-untyped-def]
    Statement = apps.get_model("participation", "Statement")
    StatementVote = apps.get_model("participation", "StatementVote")
    counted: dict[int, dict[str, int]] = {}
    rows = StatementVote.objects.order_by().values_list("statement_id", "vote").annotate(n=Count("pk"))
    for statement_id, value, n in rows:
        counted.setdefault(statement_id, {})[FIELDS[value]] = n
    changed = [Statement(pk=pk, **{f: values.get(f, 0) for f in FIELDS.values()}) for pk, values in counted.items()]
    Statement.objects.bulk_update(changed, list(FIELDS.values()), batch_size=200)


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0006_participant_declares_municipality_and_age_band"),
    ]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="agree_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="statement",
            name="disagree_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="statement",
            name="pass_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count_votes, migrations.RunPython.noop, elidable=True),
    ]
