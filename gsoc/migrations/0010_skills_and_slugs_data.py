# Before skill names become unique ignoring case (0011): merge skills that differ only in
# case into the oldest one. Programs and ideas with a reserved slug ("new", shadowed by the
# create pages) get a free one, so their pages can be reached.

from django.db import migrations

RESERVED = {"new"}


def merge_skills(apps, schema_editor):
    Skill = apps.get_model("gsoc", "Skill")
    Through = apps.get_model("gsoc", "Idea").skills.through
    keep = {}
    for skill in Skill.objects.order_by("pk"):
        key = skill.name.lower()
        if key not in keep:
            keep[key] = skill
            continue
        kept = keep[key]
        for link in Through.objects.filter(skill_id=skill.pk):
            if not Through.objects.filter(idea_id=link.idea_id, skill_id=kept.pk).exists():
                Through.objects.create(idea_id=link.idea_id, skill_id=kept.pk)
        Through.objects.filter(skill_id=skill.pk).delete()
        skill.delete()


def free_reserved_slugs(apps, schema_editor):
    Program = apps.get_model("gsoc", "Program")
    Idea = apps.get_model("gsoc", "Idea")
    for program in Program.objects.filter(slug__in=RESERVED):
        n = 2
        while Program.objects.filter(slug=f"{program.slug}-{n}").exists():
            n += 1
        Program.objects.filter(pk=program.pk).update(slug=f"{program.slug}-{n}")
    for idea in Idea.objects.filter(slug__in=RESERVED):
        n = 2
        while Idea.objects.filter(program_id=idea.program_id, slug=f"{idea.slug}-{n}").exists():
            n += 1
        Idea.objects.filter(pk=idea.pk).update(slug=f"{idea.slug}-{n}")


class Migration(migrations.Migration):
    dependencies = [("gsoc", "0009_signoff_table")]

    operations = [
        migrations.RunPython(merge_skills, migrations.RunPython.noop),
        migrations.RunPython(free_reserved_slugs, migrations.RunPython.noop),
    ]
