"""The one place where user Markdown becomes HTML: rendered, then sanitised with nh3.

Templates use the ``markdown`` filter, and the live preview (gsoc.views_preview) calls
``render_markdown`` too, so a preview can never show HTML that the saved page would not.

The dialect is CommonMark (markdown-it-py) with tables, strikethrough, footnotes,
definition lists and bare http(s) URLs and e-mail addresses turned into links. Raw HTML is
allowed in the source; the sanitiser decides what of it survives.
"""

import hashlib
import html
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Hashable

import nh3
from django.conf import settings
from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from gsoc.validators import MAX_MARKDOWN_LENGTH

__all__ = ["MAX_MARKDOWN_LENGTH", "plain_summary", "render_markdown", "sanitise_html"]

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p",
    "pre", "s", "samp", "strong", "sub", "summary", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "li": {"id"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "ugc nofollow noopener noreferrer"
# Footnote anchors are the only ids kept: "fn-<doc>-1", "fnref-<doc>-1", "fnref-<doc>-1:2".
# The per-text <doc> part keeps two fields with footnotes on one page from sharing ids.
FOOTNOTE_ID_RE = re.compile(r"fn(?:ref)?-[0-9a-f]{8}-[0-9]{1,5}(?::[0-9]{1,5})?")
ALIGN_STYLE_RE = re.compile(r"text-align:(left|center|right)")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if FOOTNOTE_ID_RE.fullmatch(value) else None
    return value


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def _align_table_cells(state) -> None:
    # Column alignment as the align attribute: the sanitiser drops style attributes, and
    # the Content-Security-Policy would block inline styles anyway.
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            match = ALIGN_STYLE_RE.fullmatch(str(token.attrs.pop("style", "")))
            if match:
                token.attrs["align"] = match[1]


def _build_parser() -> MarkdownIt:
    parser = (
        MarkdownIt("commonmark", {"linkify": True})
        .enable(["table", "strikethrough", "linkify"])
        .use(footnote_plugin)
        .use(deflist_plugin)
    )
    # Only URLs with a scheme become links: fuzzy matching would link "setup.py" and
    # "README.md" (country-code domains). ftp: and scheme-less "//host" links are not
    # allowed by the sanitiser, so they stay text.
    parser.linkify.set({"fuzzy_link": False})
    parser.linkify.add("ftp:", None)
    parser.linkify.add("//", None)
    parser.core.ruler.push("align_table_cells", _align_table_cells)
    # markdown-it leaves [x](javascript:...) as literal text; let every link through and
    # have the sanitiser, which also sees raw HTML, be the one URL policy (it drops href).
    parser.validateLink = lambda url: True
    return parser


# The linkify matcher keeps the text it last scanned on itself, so threads (gunicorn's
# gthread workers) each get their own parser rather than one shared across them.
_local = threading.local()


def _parser() -> MarkdownIt:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = _build_parser()
    return parser


class ByteBoundedCache:
    """A thread-safe LRU mapping whose budget is bytes, not entries.

    ``functools.lru_cache(maxsize=2048)`` keyed on whole texts let a worker keep 2048
    one-megabyte previews. Here keys are digests of the text, so sources aren't kept;
    each value counts with its size; the least recently used entries go once the total
    passes settings.MARKDOWN_CACHE_BYTES; and a value over a sixteenth of that isn't kept.
    """

    # The key tuple, its digest and the OrderedDict's own node, roughly.
    ENTRY_OVERHEAD = 256

    def __init__(self):
        self._entries: OrderedDict[Hashable, tuple[str, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.size = 0

    def get(self, key: Hashable) -> str | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: Hashable, value: str) -> None:
        # Read on every call, so a changed setting (in tests) takes effect at once.
        max_bytes = getattr(settings, "MARKDOWN_CACHE_BYTES", 8 * 1024 * 1024)
        cost = sys.getsizeof(value) + self.ENTRY_OVERHEAD
        if cost > max_bytes // 16:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self._entries[key] = (value, cost)
            self.size += cost
            while self.size > max_bytes:
                _, (_, evicted_cost) = self._entries.popitem(last=False)
                self.size -= evicted_cost


_cache = ByteBoundedCache()


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def render_markdown(text: str) -> str:
    """Markdown source to safe HTML. Pure; cached, since list pages render many ideas."""
    if not text:
        return ""
    digest = _digest(text)
    key = ("html", digest)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    # NUL bytes can't be stored in PostgreSQL text and mean nothing in Markdown.
    source = text.replace("\x00", "\ufffd")
    env = {"docId": digest.hex()[:8]}
    result = sanitise_html(_parser().render(source, env)).rstrip("\n")
    _cache.put(key, result)
    return result


def plain_summary(text: str, length: int = 280) -> str:
    """The first words of rendered Markdown as plain text, for list pages."""
    if not text:
        return ""
    key = ("summary", _digest(text), length)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    plain = nh3.clean(render_markdown(text), tags=set())
    plain = " ".join(html.unescape(plain).split())
    if len(plain) > length:
        plain = plain[:length].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    _cache.put(key, plain)
    return plain
