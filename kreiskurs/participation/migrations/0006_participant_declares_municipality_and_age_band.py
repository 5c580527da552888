"""The municipality of residence and the age band come back, optional, for the representativeness analysis.

Decision 0029 supersedes the "until" of decision 0023 (which removed them in 0003).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0005_follow_moved_to_following"),
        ("territory", "0004_alter_district_options_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="age_band",
            field=models.CharField(
                blank=True,
                choices=[
                    ("u18", "unter 18"),
                    ("18-29", "18–29"),
                    ("30-44", "30–44"),
                    ("45-64", "45–64"),
                    ("65+", "65 und älter"),
                ],
                max_length=5,
                verbose_name="Altersgruppe",
            ),
        ),
        migrations.AddField(
            model_name="participant",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="territory.municipality",
                verbose_name="Wohnort (Gemeinde)",
            ),
        ),
    ]
