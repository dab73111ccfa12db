from django.db import migrations, models


def fill_name_keys(apps, schema_editor):
    """Every stored name gets its case-folded key (as LlmProfile.save() keeps it)."""
    LlmProfile = apps.get_model("profiles", "LlmProfile")
    for profile in LlmProfile.objects.only("id", "name"):
        LlmProfile.objects.filter(pk=profile.pk).update(name_key=profile.name.strip().casefold())


class Migration(migrations.Migration):
    """profile_named looks a name up by a stored, unique, case-folded key."""

    dependencies = [
        ("profiles", "0002_configrevision_moves_to_core"),
    ]

    operations = [
        migrations.AddField(
            model_name="llmprofile",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=300),
            preserve_default=False,
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="llmprofile",
            name="profile_name_unique_ci",
        ),
        migrations.AddConstraint(
            model_name="llmprofile",
            constraint=models.UniqueConstraint(fields=("name_key",), name="profile_name_key_unique"),
        ),
    ]
