"""Every rating carries its response's stakeholder group (the results' overview reads it)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def copy_groups(apps, schema_editor):
    Rating = apps.get_model("feedback", "Rating")
    Response = apps.get_model("feedback", "Response")
    Rating.objects.update(
        stakeholder_group=Subquery(
            Response.objects.filter(pk=OuterRef("response_id")).values("stakeholder_group")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0010_rating_stakeholder_group")]

    operations = [migrations.RunPython(copy_groups, migrations.RunPython.noop)]
