# SignOff now lives in gsoc (gsoc 0008 took over its table); only the state changes here.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("gsoc", "0008_signoff_moves_to_gsoc"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SignOff")],
            database_operations=[],
        ),
    ]
