from django.db import migrations


class Migration(migrations.Migration):
    """ConfigRevision now belongs to core; the table and its row stay where they are."""

    dependencies = [
        ("profiles", "0001_initial"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ConfigRevision")],
            database_operations=[],
        ),
    ]
