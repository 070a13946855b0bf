"""The page's Content-Security-Policy lets its own inline scripts run and nothing else:
a script or an event handler that got into the page (if escaping ever failed) is
refused by the browser. Checked in a real Chromium."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from paperkg.viz.html import render_html

INJECTED = (
    '<img src="data:," onerror="window.pwnedByHandler = 1">'
    "<script>window.pwnedByScript = 1</script>"
)


def _policy(page: str) -> dict[str, list[str]]:
    content = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert content is not None
    return {
        name: values
        for name, *values in (d.split() for d in content.group(1).split(";") if d.strip())
    }


def test_script_src_lists_a_hash_per_inline_script_and_no_unsafe_inline(small_graph) -> None:
    page = render_html(small_graph)
    script_src = _policy(page)["script-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    bodies = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(bodies) >= 2  # vis-network and the page's own code
    digests = [hashlib.sha256(b.encode("utf-8")).digest() for b in bodies]
    assert script_src == [f"'sha256-{base64.b64encode(d).decode()}'" for d in digests]


@pytest.mark.browser
def test_injected_script_and_handler_never_run_but_the_page_does(
    open_page, small_graph, tmp_path: Path
) -> None:
    page = render_html(small_graph)
    clean, dirty = tmp_path / "clean.html", tmp_path / "injected.html"
    clean.write_text(page, encoding="utf-8")
    dirty.write_text(page.replace("<body>", f"<body>\n{INJECTED}", 1), encoding="utf-8")
    session = open_page(clean)  # waits until the page's own scripts have drawn it
    assert not [e for e in session.errors if "Content Security Policy" in e]
    session = open_page(dirty)
    ran = session.page.evaluate("[window.pwnedByHandler, window.pwnedByScript]")
    assert ran == [None, None]
    refused = [e for e in session.errors if "Content Security Policy" in e]
    assert len(refused) == 2, session.errors
