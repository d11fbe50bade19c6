# Published programs learn when their list was published, from the activity log.

from django.db import migrations


def backfill(apps, schema_editor):
    Program = apps.get_model("gsoc", "Program")
    Activity = apps.get_model("gsoc", "Activity")
    for program in Program.objects.filter(published_at=None, phase__in=("published", "archived")):
        published = (
            Activity.objects.filter(program=program, verb="program_published")
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        if published:
            Program.objects.filter(pk=program.pk).update(published_at=published)


class Migration(migrations.Migration):
    dependencies = [("gsoc", "0011_schema_for_consent_and_updates")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
