"""The database cache's table (Django's ``createcachetable``, run as a migration).

Without Redis the cache and the rate-limit counters live in this table, so that every process
of a deployment counts the same attempts. A migration creates it wherever the schema is made:
``migrate`` in production, ``make run``, and pytest's test databases on SQLite and PostgreSQL.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

# The same name as CACHES' LOCATION in igfsession/settings.py.
CACHE_TABLE = "igfdc_cache"


def create_cache_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, CACHE_TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    connection = schema_editor.connection
    if CACHE_TABLE in connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {connection.ops.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [
        ("igfsession", "0004_part_watch_links"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, drop_cache_table),
    ]
