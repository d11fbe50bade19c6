"""Backup and restore of the whole site as one JSON file (``export_site``, ``import_site``).

- ``format``: the file format (described in its docstring), the sections and their fields;
- ``export``: writing a backup; ``restore``: reading, checking and loading one;
- ``progress``: the progress bar the commands draw on a terminal.
"""

from gsoc.backup.export import export_site
from gsoc.backup.format import (
    FORMAT,
    OPTIONAL_FIELDS,
    SECTION_BY_LABEL,
    SECTIONS,
    VERSION,
    BackupError,
    Section,
    describe,
)
from gsoc.backup.progress import Progress
from gsoc.backup.restore import import_site, read_backup, site_contents

__all__ = [
    "FORMAT",
    "OPTIONAL_FIELDS",
    "SECTIONS",
    "SECTION_BY_LABEL",
    "VERSION",
    "BackupError",
    "Progress",
    "Section",
    "describe",
    "export_site",
    "import_site",
    "read_backup",
    "site_contents",
]
