"""Read a page the way a browser would and list what a strict CSP or an XSS check forbids.

Parsed with html.parser, so escaped text (``&lt;script&gt;``) is text, not a tag.
"""

import re
from html.parser import HTMLParser

# Containers of sanitised user Markdown in our templates.
USER_CONTENT_CLASSES = {"markdown-body", "program-intro"}
USER_LINK_REL = "ugc nofollow noopener noreferrer"
# Our templates use none of these; user content reaching the page as markup might.
FORBIDDEN_TAGS = {
    "applet", "base", "embed", "frame", "frameset", "iframe", "math", "object", "style",
}  # fmt: skip
# Our templates draw charts in inline SVG; user content must not bring any.
FORBIDDEN_IN_USER_CONTENT = {"svg", "form", "input", "button", "textarea", "select"}
URL_ATTRIBUTES = {
    "action", "background", "cite", "data", "formaction", "href", "poster", "src", "srcset",
    "xlink:href",
}  # fmt: skip
# Browsers ignore whitespace and control characters inside a scheme: "java\tscript:".
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class _Auditor(HTMLParser):
    def __init__(self, *, fragment_is_user_content: bool, csp_only: bool):
        super().__init__(convert_charrefs=True)
        self.csp_only = csp_only
        self.problems: list[str] = []
        self.text: list[str] = []
        self.user_links: list[dict] = []
        # Open elements as (tag, is_user_content_container).
        self.stack: list[tuple[str, bool]] = []
        self.fragment_is_user_content = fragment_is_user_content
        self.in_script = False

    @property
    def in_user_content(self) -> bool:
        return self.fragment_is_user_content or any(container for _, container in self.stack)

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)
        if tag not in VOID_TAGS:
            classes = set((dict(attrs).get("class") or "").split())
            self.stack.append((tag, bool(classes & USER_CONTENT_CLASSES)))
        if tag == "script":
            self.in_script = True

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append(f"inline script: {data[:80]!r}")
        self.text.append(data)

    def _check(self, tag, attrs):
        values = dict(attrs)
        if tag == "style" or (tag in FORBIDDEN_TAGS and not self.csp_only):
            self.problems.append(f"<{tag}> element")
        if tag in FORBIDDEN_IN_USER_CONTENT and self.in_user_content:
            self.problems.append(f"<{tag}> element in user content")
        if tag == "script":
            src = values.get("src") or ""
            ours = src.startswith("/static/") or (self.csp_only and src.startswith("/"))
            if not ours or src.startswith("//"):
                self.problems.append(f"<script> not from /static/: {values}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name}={value!r} on <{tag}>")
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>: {value!r}")
            if name in URL_ATTRIBUTES and value:
                scheme = _IGNORED_IN_SCHEME.sub("", value).lower()
                if scheme.startswith(BAD_SCHEMES):
                    self.problems.append(f"{name}={value[:60]!r} on <{tag}>")
        if tag == "a" and self.in_user_content:
            self.user_links.append(values)
            if values.get("rel") != USER_LINK_REL:
                self.problems.append(f"user link without rel={USER_LINK_REL!r}: {values}")


def user_links(html: str, *, fragment_is_user_content: bool = False) -> list[dict]:
    """The attributes of every link inside user content."""
    auditor = _Auditor(fragment_is_user_content=fragment_is_user_content, csp_only=False)
    auditor.feed(html)
    auditor.close()
    return auditor.user_links


def audit(
    html: str, *, fragment_is_user_content: bool = False, csp_only: bool = False
) -> tuple[list[str], str]:
    """(problems, visible text) of an HTML page or, for a preview, a user-content fragment.

    ``csp_only`` checks just what the Content-Security-Policy would block (for pages
    whose markup is not ours to change, like the admin's inline SVG icons).
    """
    auditor = _Auditor(fragment_is_user_content=fragment_is_user_content, csp_only=csp_only)
    auditor.feed(html)
    auditor.close()
    return auditor.problems, "".join(auditor.text)
