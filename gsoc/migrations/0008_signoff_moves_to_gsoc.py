# SignOff moves from reviews to gsoc, keeping every row: first gsoc takes over the model
# in the migration state on the existing table (no database change), then reviews drops
# it from its state (reviews 0002), then 0009 renames the table.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("gsoc", "0007_alter_activity_verb"),
        ("reviews", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SignOff",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("version", models.PositiveIntegerField(help_text="The idea revision that was signed.")),
                        ("note", models.CharField(blank=True, max_length=500)),
                        ("signed_at", models.DateTimeField()),
                        ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "committer",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="sign_offs",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "idea",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="sign_offs",
                                to="gsoc.idea",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["signed_at", "pk"],
                        "db_table": "reviews_signoff",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("idea", "committer"), name="signoff_one_per_committer"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("version__gte", 1)), name="signoff_version_positive"
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
