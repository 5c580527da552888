from django.contrib.postgres.operations import CreateCollation
from django.db import migrations


class Migration(migrations.Migration):
    """German natural order on PostgreSQL (SQLite registers a Python function of the same name)."""

    dependencies = [("core", "0001_initial")]

    operations = [CreateCollation("de_natural", provider="icu", locale="de-u-kn-true")]
