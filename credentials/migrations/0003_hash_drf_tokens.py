"""API tokens move from DRF's authtoken table (stored in clear) to knox (stored as a digest).

Each existing token keeps working: its digest is stored under knox, then the clear table is
dropped. Nothing happens on a database that never had DRF's table.
"""

from django.db import migrations

CLEAR_TABLE = "authtoken_token"


def hash_clear_tokens(apps, schema_editor):
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS

    connection = schema_editor.connection
    if CLEAR_TABLE not in connection.introspection.table_names():
        return
    auth_token = apps.get_model("knox", "AuthToken")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id FROM {CLEAR_TABLE}")
        rows = cursor.fetchall()
    auth_token.objects.bulk_create(
        auth_token(
            digest=hash_token(key),
            token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH],
            user_id=user_id,
            expiry=None,
        )
        for key, user_id in rows
    )
    schema_editor.execute(f"DROP TABLE {CLEAR_TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0002_secret_columns_binary"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunPython(hash_clear_tokens, migrations.RunPython.noop)]
