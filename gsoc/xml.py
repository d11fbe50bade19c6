"""Text that XML 1.0 can carry.

XML 1.0 allows tab, newline, carriage return and the Unicode characters from U+0020 up,
except surrogates and U+FFFE/U+FFFF. Anything else (a pasted terminal colour code, a form
feed) makes Django's feed writer raise, so the whole feed would answer 500.
"""

import re

_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids; everything else is kept."""
    return _FORBIDDEN.sub("", text)
