"""The backup file of export_site: its header, passwords only when asked, stdout and stdin,
file permissions, and the progress bar on a terminal.
"""

import io
import json

import pytest
from django.core.management import call_command

from gsoc import backup
from gsoc.models import (
    Idea,
)
from reviews.models import ReviewComment
from tests.factories import IdeaFactory, UserFactory
from tests.gsoc.backup_support import empty_site, export_text, import_file, write


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# --- the file --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_header_counts_and_no_passwords_by_default():
    IdeaFactory()

    document = json.loads(export_text())

    assert (document["format"], document["version"]) == ("gsoc-ideas-backup", 1)
    assert document["with_passwords"] is False
    assert document["counts"] == {k: len(rows) for k, rows in document["data"].items()}
    assert document["counts"]["ideas"] == 1
    assert [sorted(row) for row in document["data"]["users"]] == [
        sorted(set(backup.SECTIONS[1].fields + backup.SECTIONS[1].many) - {"password"})
    ]


@pytest.mark.django_db
def test_export_with_passwords_includes_the_hashes():
    user = UserFactory()

    document = json.loads(export_text("--with-passwords"))

    assert document["with_passwords"] is True
    assert [row["password"] for row in document["data"]["users"]] == [user.password]


@pytest.mark.django_db
def test_export_to_stdout_and_import_from_stdin(backup_text):
    out = io.StringIO()

    call_command("import_site", "-", stdin=io.StringIO(backup_text), stdout=out)

    assert out.getvalue().startswith("Imported ")
    assert Idea.objects.count() == 1
    assert ReviewComment.objects.get().body == "Looks good."


@pytest.mark.django_db
def test_export_file_is_private_and_complete(tmp_path):
    IdeaFactory()
    path = tmp_path / "site.json"

    call_command("export_site", str(path), stdout=io.StringIO())

    assert path.stat().st_mode & 0o777 == 0o600
    assert json.loads(path.read_text())["counts"]["ideas"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["site.json"]


# --- progress bar ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_progress_bar_only_on_a_terminal(tmp_path):
    IdeaFactory()
    path = tmp_path / "site.json"
    piped, terminal = io.StringIO(), Terminal()

    call_command("export_site", str(path), stdout=piped)
    call_command("export_site", str(path), stdout=terminal)

    assert "\r" not in piped.getvalue()
    assert piped.getvalue().startswith("Exported ")
    assert "\rExporting [" in terminal.getvalue()
    assert "100%" in terminal.getvalue()


@pytest.mark.django_db
def test_import_progress_bar_only_on_a_terminal(tmp_path, backup_text):
    path = write(tmp_path, backup_text)

    piped = import_file(path)
    empty_site()
    terminal = Terminal()
    call_command("import_site", str(path), stdout=terminal)

    assert "\r" not in piped
    assert "\rImporting [" in terminal.getvalue()
