"""Helpers for the browser tests: the Chromium flags, one open page, screenshots."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "tests" / "artifacts"


class Session:
    """One open page and everything it reported: errors, dialogs, network attempts."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []

    def call(self, name: str, *args):
        """``window.paperkg.NAME(*args)`` in the page: the small API the page offers."""
        return self.page.evaluate("([n, a]) => window.paperkg[n](...a)", [name, list(args)])


def screenshot(session: Session, name: str) -> Path:
    """Save what the page shows now to tests/artifacts/NAME.png (kept for people to look at)."""
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    session.page.screenshot(path=str(target))
    return target
