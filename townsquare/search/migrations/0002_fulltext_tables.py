"""The full-text tables: SQLite FTS5 (unicode61 tokenizer) or PostgreSQL (tsvector, 'simple', GIN).

Both hold the pre-segmented title and body (tokens joined by spaces) of each SearchDocument.
Each statement runs only on its own database; the other one skips it.
"""

from django.db import migrations


class VendorRunSQL(migrations.RunSQL):
    def __init__(self, vendor, *args, **kwargs):
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, *args], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]

    operations = [
        VendorRunSQL(
            "sqlite",
            sql="CREATE VIRTUAL TABLE sitesearch_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')",
            reverse_sql="DROP TABLE IF EXISTS sitesearch_fts",
        ),
        VendorRunSQL(
            "postgresql",
            sql=[
                "CREATE TABLE sitesearch_fts ("
                " doc_id bigint PRIMARY KEY,"
                " title text NOT NULL DEFAULT '',"
                " body text NOT NULL DEFAULT '',"
                " vector tsvector GENERATED ALWAYS AS ("
                "  setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')"
                " ) STORED)",
                "CREATE INDEX sitesearch_fts_vector ON sitesearch_fts USING GIN (vector)",
            ],
            reverse_sql="DROP TABLE IF EXISTS sitesearch_fts",
        ),
    ]
