import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # A new table only: SearchEntry (and the FTS triggers on it) is not rebuilt.
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.CreateModel(
            name="Embedding",
            fields=[
                ("entry", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                               related_name="embedding", serialize=False,
                                               to="search.searchentry")),
                ("model", models.CharField(max_length=60)),
                ("passages", models.PositiveSmallIntegerField()),
                ("vectors", models.BinaryField()),
            ],
        ),
    ]
