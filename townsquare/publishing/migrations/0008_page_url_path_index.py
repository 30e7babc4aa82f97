"""An index on wagtailcore_page.url_path, which Wagtail does not index.

Routing finds the chain of pages a URL passes through by their url_path (publishing/routing.py): without
an index that is a scan of the whole page table on every page built (≈ 5 ms on PostgreSQL with ten
thousand news pages, in the database server, before any rendering). Plain SQL that SQLite and
PostgreSQL both understand, as for the newest-first index (0003).
"""

from django.db import migrations

INDEX = "publishing_page_url_path"


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0007_interpretation_response_form"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (url_path)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
