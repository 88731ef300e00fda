"""A small browser for the web wizard's tests: reads a page's form and submits it as a browser would.

Only what the pages use: one form per page, hidden fields, radio buttons and checkboxes named ``choice``,
and submit buttons with a name, a value and perhaps a ``formaction``. Submitting sends exactly what a
browser sends (the hidden fields, the checked choices, the pressed button), so a test walks the pages
without knowing how the answers are carried.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any


@dataclass
class Button:
    name: str
    value: str
    text: str
    formaction: str | None


@dataclass
class Parsed(HTMLParser):
    action: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)  # hidden inputs, in order
    choices: list[dict[str, Any]] = field(default_factory=list)  # radio buttons and checkboxes
    buttons: list[Button] = field(default_factory=list)
    ids: dict[str, dict[str, str]] = field(default_factory=dict)
    _button: dict[str, str] | None = None
    _text: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v if v is not None else "" for k, v in attrs}
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids[a["id"]] = {"tag": tag, **a}
        if tag == "form":
            self.action = a.get("action", "")
        elif tag == "input" and a.get("type") == "hidden":
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "input" and a.get("type") in ("radio", "checkbox"):
            self.choices.append(a)
        elif tag == "button":
            self._button = a
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._button is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "button" and self._button is not None:
            b = self._button
            text = " ".join("".join(self._text).split())
            self.buttons.append(Button(b.get("name", ""), b.get("value", ""), text, b.get("formaction")))
            self._button = None


class Page:
    """A response from the web wizard, with its form."""

    def __init__(self, client: Any, response: Any) -> None:
        self.client = client
        self.response = response
        self.status = response.status_code
        self.text: str = response.text
        self.form = Parsed()
        if response.headers.get("content-type", "").startswith("text/html"):
            self.form.feed(self.text)

    @property
    def title(self) -> str:
        match = re.search(r"<title>(.*?)</title>", self.text, re.S)
        return html.unescape(match.group(1)) if match else ""

    @property
    def h1(self) -> str:
        match = re.search(r"<h1[^>]*>(.*?)</h1>", self.text, re.S)
        return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""

    @property
    def question(self) -> str | None:
        """The id of the question on this page (None on other pages)."""
        return next((v for k, v in self.form.fields if k == "at"), None)

    @property
    def offered(self) -> list[str]:
        return [c["value"] for c in self.form.choices]

    @property
    def checked(self) -> list[str]:
        return [c["value"] for c in self.form.choices if "checked" in c]

    @property
    def answers(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, value in self.form.fields:
            if name.startswith("a:"):
                out.setdefault(name[2:], []).append(value)
        return out

    def button(self, value: str) -> Button:
        for b in self.form.buttons:
            if b.value == value:
                return b
        raise AssertionError(
            f"no button {value!r} on the page; there are {[b.value for b in self.form.buttons]}"
        )

    def submit(self, value: str, choose: list[str] | None = None, pick: dict[str, str] | None = None) -> Page:
        """Press the button with this value, with ``choose`` checked among the question's choices (default:
        what is checked now) and, in other radio groups (a statement, the leaning), what is checked now
        unless ``pick`` chooses another value by the group's name."""
        button = self.button(value)
        own = [c for c in self.form.choices if c.get("name") == "choice"]
        chosen = [c["value"] for c in own if "checked" in c] if choose is None else choose
        for option in chosen:
            assert option in self.offered, f"{option!r} is not offered; the page offers {self.offered}"
        groups = {
            c["name"]: c["value"] for c in self.form.choices if c["name"] != "choice" and "checked" in c
        }
        for name, picked in (pick or {}).items():
            values = [c["value"] for c in self.form.choices if c["name"] == name]
            assert picked in values, f"{picked!r} is not offered in {name!r}; it offers {values}"
            groups[name] = picked
        data = list(self.form.fields) + [("choice", c) for c in chosen] + list(groups.items())
        if button.name:
            data.append((button.name, button.value))
        return post(self.client, button.formaction or self.form.action, data)


def post(client: Any, url: str, data: list[tuple[str, str]]) -> Page:
    from urllib.parse import urlencode

    return Page(
        client,
        client.post(
            url, content=urlencode(data), headers={"content-type": "application/x-www-form-urlencoded"}
        ),
    )


def start(client: Any, url: str = "/") -> Page:
    return Page(client, client.get(url))
