"""An index on wagtailcore_page for lists of pages newest first (first_published_at, then path, descending).

Column lists order by ("-first_published_at", "-path"); with this index a deep page is read
along the index instead of sorting every item of the column. It is Wagtail's own table, so
plain SQL that SQLite and PostgreSQL both understand.
"""

from django.db import migrations

INDEX = "publishing_page_newest_first"


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0002_review_step_names"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (first_published_at DESC, path DESC)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
