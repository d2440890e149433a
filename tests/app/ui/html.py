"""A small reader of the pages' HTML for tests: elements by id, their attributes and text."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class Page(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, dict[str, str]] = {}
        self._texts: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None]] = []  # (tag, id) of the elements open now
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        id_ = found.get("id")
        if id_ is not None:
            self.attrs[id_] = found | {"tag": tag}
            self._texts[id_] = []
        if tag not in VOID:
            self._open.append((tag, id_))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                return

    def handle_data(self, data: str) -> None:
        for _, id_ in self._open:
            if id_ is not None:
                self._texts[id_].append(data)

    def text(self, id_: str) -> str:
        """The text inside the element with this id, spaces collapsed."""
        return " ".join("".join(self._texts[id_]).split())
