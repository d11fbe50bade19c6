"""The one place where user Markdown becomes HTML: rendered, then sanitised with nh3.

Templates use the ``markdown`` filter, and markdownx's live preview calls
``render_markdown`` too (settings.MARKDOWNX_MARKDOWNIFY_FUNCTION), so a preview can
never show HTML that the saved page would not.
"""

import html
from functools import lru_cache

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p",
    "pre", "s", "samp", "strong", "sub", "summary", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "ugc nofollow noopener noreferrer"


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


@lru_cache(maxsize=2048)
def render_markdown(text: str) -> str:
    """Markdown source to safe HTML. Pure; cached, since list pages render many ideas."""
    if not text:
        return ""
    # NUL bytes can't be stored in PostgreSQL text and mean nothing in Markdown.
    text = text.replace("\x00", "\ufffd")
    html = markdown_lib.markdown(
        text,
        extensions=["extra", "sane_lists"],
        # Column alignment as the align attribute: sanitising drops style attributes.
        extension_configs={"extra": {"tables": {"use_align_attribute": True}}},
        output_format="html",
    )
    return sanitise_html(html)


@lru_cache(maxsize=2048)
def plain_summary(text: str, length: int = 280) -> str:
    """The first words of rendered Markdown as plain text, for list pages."""
    plain = nh3.clean(render_markdown(text), tags=set())
    plain = " ".join(html.unescape(plain).split())
    if len(plain) <= length:
        return plain
    return plain[:length].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
