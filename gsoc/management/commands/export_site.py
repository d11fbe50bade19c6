"""Write the whole site to one JSON file: ``manage.py export_site backup.json``.

The format is described in gsoc/backup/format.py; ``import_site`` reads it back.
"""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gsoc import backup


class Command(BaseCommand):
    help = (
        "Write the whole site (programs, ideas, reviews, people, notifications) to one JSON "
        "file that import_site loads into an empty database. Password hashes are left out "
        "unless --with-passwords is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup; - for standard output.")
        parser.add_argument(
            "--with-passwords",
            action="store_true",
            help="Include password hashes, so people keep their passwords after an import. "
            "Keep such a file as safe as the database itself.",
        )

    def handle(self, *args, file, with_passwords, verbosity, **options):
        to_stdout = file == "-"
        # The backup itself may be on stdout; messages and the progress bar go elsewhere.
        messages = self.stderr if to_stdout else self.stdout
        progress_to = messages if verbosity > 0 and messages.isatty() else None
        if to_stdout:
            counts = backup.export_site(
                lambda text: self.stdout.write(text, ending=""),
                with_passwords=with_passwords,
                progress_to=progress_to,
            )
        else:
            counts = self._export_to_file(Path(file), with_passwords, progress_to)
        if verbosity > 0:
            where = "standard output" if to_stdout else file
            messages.write(
                f"Exported {backup.describe(counts)} to {where}, "
                + (
                    "with password hashes."
                    if with_passwords
                    else "without passwords: after an import, people set a new one with "
                    "'Forgot password?'."
                )
            )

    def _export_to_file(self, path: Path, with_passwords: bool, progress_to) -> dict:
        # Written next to the target and renamed when complete, so a failed export never
        # leaves a half file under the real name. The file is private (mode 600): it holds
        # email addresses, and perhaps password hashes.
        directory = path.resolve().parent
        if not directory.is_dir():
            raise CommandError(f"The folder {directory} does not exist.")
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                counts = backup.export_site(
                    out.write, with_passwords=with_passwords, progress_to=progress_to
                )
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return counts
