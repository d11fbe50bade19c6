"""import_site refuses an import that can't be complete (not our file, cut off, unknown
version, broken references, a non-empty database) and leaves the database as it was.
"""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError

from tests.factories import IdeaFactory, UserFactory
from tests.gsoc.backup_support import import_file, row_counts, write


def edited(text: str, change) -> str:
    document = json.loads(text)
    change(document)
    return json.dumps(document)


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("make", [IdeaFactory, UserFactory], ids=["an idea", "a user"])
def test_import_into_non_empty_database_is_refused(tmp_path, backup_text, make):
    make()
    before = row_counts()

    with pytest.raises(CommandError, match="The database is not empty"):
        import_file(write(tmp_path, backup_text))

    assert row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        '[{"model": "gsoc.program", "pk": 1, "fields": {"name": "x"}}]',
        '{"format": "someone-elses-backup", "version": 1}',
        '{"version": 1, "data": {}}',
    ],
    ids=["dumpdata", "other format", "no format"],
)
def test_import_of_a_file_that_is_not_ours_is_refused(tmp_path, text):
    before = row_counts()

    with pytest.raises(CommandError, match="is not a GSoC Ideas backup"):
        import_file(write(tmp_path, text))

    assert row_counts() == before


@pytest.mark.django_db
def test_import_of_a_truncated_file_is_refused(tmp_path, backup_text):
    before = row_counts()

    with pytest.raises(CommandError, match="is not valid JSON"):
        import_file(write(tmp_path, backup_text[: len(backup_text) // 2]))

    assert row_counts() == before


@pytest.mark.django_db
def test_import_of_an_unknown_version_is_refused(tmp_path, backup_text):
    text = edited(backup_text, lambda document: document.update(version=2))
    before = row_counts()

    with pytest.raises(CommandError, match="format version 2; this site reads version 1"):
        import_file(write(tmp_path, text))

    assert row_counts() == before


@pytest.mark.django_db
def test_import_with_a_missing_row_is_refused(tmp_path, backup_text):
    text = edited(backup_text, lambda document: document["data"]["idea_revisions"].pop())
    before = row_counts()

    with pytest.raises(CommandError, match="incomplete or was edited"):
        import_file(write(tmp_path, text))

    assert row_counts() == before


@pytest.mark.django_db
def test_import_with_a_broken_reference_is_refused(tmp_path, backup_text):
    def break_idea(document):
        document["data"]["ideas"][0]["program"] = 999_999

    text = edited(backup_text, break_idea)
    before = row_counts()

    with pytest.raises(CommandError, match="program 999999 is not among the programs"):
        import_file(write(tmp_path, text))

    assert row_counts() == before


@pytest.mark.django_db
def test_import_failing_halfway_writes_nothing(tmp_path, backup_text):
    # A second link between the same idea and mentor breaks a unique constraint only when
    # it is inserted, after the users, the new group, the programs and the ideas.
    def duplicate_mentor(document):
        link = document["data"]["idea_mentors"][0]
        document["data"]["idea_mentors"].append({**link, "id": link["id"] + 1000})
        document["counts"]["idea_mentors"] += 1

    text = edited(backup_text, duplicate_mentor)
    before = row_counts()

    with pytest.raises(CommandError, match="breaks a rule of the database, so nothing was"):
        import_file(write(tmp_path, text))

    assert row_counts() == before
    assert not Group.objects.filter(name="translators").exists()
