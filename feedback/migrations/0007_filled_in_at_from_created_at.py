"""Sheets filled in before this field existed were filled in when they were first submitted."""

from django.db import migrations
from django.db.models import F


def copy_created_at(apps, schema_editor):
    apps.get_model("feedback", "Response").objects.update(filled_in_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [("feedback", "0006_results_fields")]

    operations = [migrations.RunPython(copy_created_at, migrations.RunPython.noop)]
