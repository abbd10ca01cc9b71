"""Every URL name the code and the templates use exists: links are reversed directly (a page
that links to a missing URL fails rather than silently showing no link), and this test finds a
wrong name even on a page no other test renders."""

import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("igfsession", "coalitions", "feedback")
TEMPLATE_NAME = re.compile(r"""\{%\s*url\s+['"]([\w:-]+)['"]""")
CODE_NAME = re.compile(
    r"""\b(?:reverse|reverse_lazy|redirect|redirect_to_login|resolve_url)\(\s*['"]([\w:-]+)['"]"""
)


def defined_names(resolver=None, namespace="") -> set[str]:
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= defined_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def used_names() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    files = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("templates/**/*.txt")]
    for source in SOURCES:
        files += [*(ROOT / source).glob("**/templates/**/*.html"), *(ROOT / source).rglob("*.py")]
    for path in files:
        text = path.read_text()
        pattern = CODE_NAME if path.suffix == ".py" else TEMPLATE_NAME
        for name in pattern.findall(text):
            used.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return used


def test_url_names_used_by_code_and_templates_all_exist():
    used = used_names()
    defined = defined_names()

    missing = {name: sorted(places) for name, places in used.items() if name not in defined}

    assert missing == {}


def test_url_names_finder_sees_the_names_pages_use():
    used = used_names()

    # A few names from templates and from code, so that the finder cannot silently find nothing.
    assert {"feedback:list", "coalitions:output-preview", "igfsession:slot-ics"} <= set(used)
    assert {"feedback:thanks", "coalitions:manage-output"} <= set(used)


def test_url_names_are_all_in_the_architecture_page():
    """docs/architecture.md says where each URL's code lives: a new URL must be added there."""
    page = (ROOT / "docs" / "architecture.md").read_text()
    defined = {name for name in defined_names() if not name.startswith("admin:")}

    missing = sorted(name for name in defined if f"`{name}`" not in page)

    assert missing == []
