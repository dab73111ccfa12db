from django.db import migrations, models


class Migration(migrations.Migration):
    """ConfigRevision moves here from profiles; its table stays (state only)."""

    initial = True

    dependencies = [
        ("profiles", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ConfigRevision",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("revision", models.PositiveBigIntegerField(default=0)),
                    ],
                    options={
                        "db_table": "profiles_configrevision",
                        "constraints": [models.CheckConstraint(condition=models.Q(("id", 1)), name="single_revision_row")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
