# The sign-off table takes gsoc's name; rows, ids and constraints stay as they are.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("gsoc", "0008_signoff_moves_to_gsoc"),
        ("reviews", "0002_signoff_moves_to_gsoc"),
    ]

    operations = [
        migrations.AlterModelTable(name="signoff", table=None),
    ]
