"""PostgreSQL keeps the document frequency of each word as written (ACCENTED_MARK), beside the folded
word's, so that a query typed with diacritics is ranked on the words spelled as typed, as on SQLite.

Terms become text: a word longer than 100 letters (a pasted blob, a long code) made the import of its
document fail on PostgreSQL."""
from django.db import migrations, models

from ._vendor import recount_postgres_statistics


class Migration(migrations.Migration):
    dependencies = [("search", "0005_pairs")]
    operations = [
        migrations.AlterField("searchterm", "term", models.TextField(primary_key=True, serialize=False)),
        migrations.RunPython(recount_postgres_statistics, migrations.RunPython.noop),
    ]
