"""Load a backup written by ``export_site`` into an empty database, all or nothing."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gsoc import backup


class Command(BaseCommand):
    help = (
        "Load a backup written by export_site into an empty database (after `migrate`). "
        "Everything is loaded in one transaction: on any problem nothing is written."
    )
    # Lets tests pass a stream for FILE "-".
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by export_site; - for standard input.")

    def handle(self, *args, file, verbosity, **options):
        progress_to = self.stdout if verbosity > 0 and self.stdout.isatty() else None
        try:
            if file == "-":
                data = backup.read_backup(options.get("stdin") or sys.stdin, "standard input")
            else:
                data = self._read_file(Path(file))
            counts = backup.import_site(data, progress_to=progress_to)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        if verbosity > 0:
            self.stdout.write(f"Imported {backup.describe(counts)}.")
            if not data["header"].get("with_passwords"):
                self.stdout.write(
                    "The backup has no passwords: people set a new one with 'Forgot "
                    "password?'. For an administrator, run `manage.py changepassword "
                    "USERNAME` (or `createsuperuser` for a new one)."
                )

    def _read_file(self, path: Path) -> dict:
        try:
            with path.open(encoding="utf-8") as stream:
                return backup.read_backup(stream, str(path))
        except OSError as exc:
            raise CommandError(f"Can't read {path}: {exc.strerror}.") from exc
