"""Tell each output when its rating sheet opens (coalitions freezes its issues from then on)."""

from django.db import migrations


def copy_opening_times(apps, schema_editor):
    RatingSheet = apps.get_model("feedback", "RatingSheet")
    Output = apps.get_model("coalitions", "Output")
    for output_id, opens_at in RatingSheet.objects.values_list("output_id", "opens_at"):
        Output.objects.filter(pk=output_id).update(rating_opens_at=opens_at)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0003_updated_at"),
        ("coalitions", "0005_output_rating_opens_at"),
    ]

    operations = [migrations.RunPython(copy_opening_times, migrations.RunPython.noop)]
