"""Reading account pages as a browser shows them (tests/accounts/test_*.py): the
elements, field errors, visible inputs and links of the django-allauth templates.
"""

import re
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

from django.contrib import auth
from django.urls import reverse

NEW_PASSWORD = "violet-harbour-7316"
URL_RE = re.compile(r"https?://\S+")
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.parent = parent
        self.attrs = {name: value or "" for name, value in attrs}
        self.parts = []

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class Page(HTMLParser):
    """The elements of an HTML page, each with its attributes and its text."""

    def __init__(self, html):
        super().__init__()
        self.elements = []
        self._open = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self._open[-1] if self._open else None)
        self.elements.append(element)
        if tag not in VOID_TAGS:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.parts.append(data)

    def find_all(self, tag=None, **attrs) -> list[Element]:
        return [
            element
            for element in self.elements
            if (tag is None or element.tag == tag)
            and all(element.attrs.get(name) == value for name, value in attrs.items())
        ]

    def get(self, tag=None, **attrs) -> Element:
        (element,) = self.find_all(tag, **attrs)
        return element

    def children(self, parent) -> list[Element]:
        return [element for element in self.elements if element.parent is parent]


def page(response) -> Page:
    return Page(response.text)


def main(response) -> Page:
    """The page's <main>: its content without the navbar and footer."""
    text = response.text
    return Page(text[text.index("<main") : text.index("</main>")])


def field_errors(response, field_id) -> list[str]:
    """The messages in the error block tied to ``field_id`` (its ``id_x_error`` element)."""
    parsed = page(response)
    return [child.text for child in parsed.children(parsed.get(id=f"{field_id}_error"))]


def visible_inputs(parsed) -> list[Element]:
    return [
        element
        for element in parsed.find_all()
        if element.tag in {"input", "select", "textarea"}
        and element.attrs.get("type") not in {"hidden", "submit"}
    ]


def signed_in_username(client) -> str:
    """Username of the client's session user; "" for a visitor."""
    return auth.get_user(client).get_username()


def links_in(message) -> list[str]:
    return [urlsplit(url).path for url in URL_RE.findall(message.body)]


def login_url(next_path):
    return f"{reverse('account_login')}?next={quote(next_path)}"
