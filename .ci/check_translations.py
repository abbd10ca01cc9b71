#!/usr/bin/env python
"""Translations: complete, up to date with the code, and compiled into the committed .mo files.

    python .ci/check_translations.py            # the CI check (changes nothing in the checkout)
    python .ci/check_translations.py --update   # makemessages + compilemessages in the checkout

The check fails, saying what to do, when
  1. compilemessages fails on a committed .po file (msgfmt --check-format: a broken placeholder);
  2. a committed .mo file is missing or says something other than its .po file (stale);
  3. makemessages finds strings the committed .po files lack or no longer use (run --update);
  4. a msgid in any of the four languages is untranslated or fuzzy (listed, per language).

It works on a copy of the project in a temporary folder, so the checkout is never touched.
Needs GNU gettext (msgfmt, xgettext, msgmerge): `apt-get install -y gettext`. Running the site
and the tests need none of this: Django reads the committed .mo files with Python alone.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["pt_BR", "es", "fr", "ar"]
# Folders that are not the project's own source (and tests, whose strings no one reads).
IGNORED = [".venv", "node_modules", "tests", "staticfiles", "media", "test-artifacts", "bench"]
# Without line numbers in the locations, moving a string within a file leaves the .po unchanged.
MAKEMESSAGES = [
    "makemessages",
    *(f"--locale={language}" for language in LANGUAGES),
    "--no-obsolete",
    "--add-location=file",
    *(f"--ignore={folder}" for folder in IGNORED),
]
COMPILEMESSAGES = [
    "compilemessages",
    *(f"--locale={language}" for language in LANGUAGES),
    *(f"--ignore={folder}" for folder in IGNORED),
]
# Not copied into the temporary project: big, generated, or private to this machine.
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "staticfiles",
    "media",
    "test-artifacts",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "*.sqlite3",
)


def po_path(root: Path, language: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


def manage(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBUG": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def errors(result: subprocess.CompletedProcess) -> str:
    """A command's error output, less the start-up notices of installed apps (django-axes)."""
    lines = result.stderr.strip().splitlines()
    return "\n".join(line for line in lines if not line.startswith("AXES:"))


def msgids(po_file: Path) -> set[tuple]:
    """The messages a .po file has, however an editor wrapped its lines."""
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in polib.pofile(str(po_file))
    }


def describe(key: tuple) -> str:
    context, msgid, _plural = key
    return f"[{context}] {msgid!r}" if context else repr(msgid)


def without_creation_date(text: str) -> list[str]:
    """A .po file's lines, less the one that changes on every makemessages run."""
    return [line for line in text.splitlines() if not line.startswith('"POT-Creation-Date:')]


def catalogue(mo_file: Path) -> dict:
    """What a .mo file says: every (context, msgid) with its translation(s), and its header."""
    mo = polib.mofile(str(mo_file))
    entries = {
        (entry.msgctxt, entry.msgid, entry.msgid_plural): (
            entry.msgstr,
            tuple(sorted(entry.msgstr_plural.items())),
        )
        for entry in mo
    }
    return {"metadata": dict(mo.metadata), "entries": entries}


def check_compiled(copy: Path) -> list[str]:
    """Compile the committed .po files in the copy; compare with the committed .mo files."""
    for language in LANGUAGES:
        # compilemessages skips a .mo newer than its .po: make it compile every one.
        po_path(copy, language).with_suffix(".mo").unlink(missing_ok=True)
    result = manage(copy, *COMPILEMESSAGES)
    if result.returncode != 0:
        return ["compilemessages failed:\n" + errors(result)]
    problems = []
    for language in LANGUAGES:
        committed = po_path(ROOT, language).with_suffix(".mo")
        fresh = po_path(copy, language).with_suffix(".mo")
        name = committed.relative_to(ROOT)
        if not committed.exists():
            problems.append(f"{name} is missing: run `make messages` and commit it.")
        elif catalogue(committed) != catalogue(fresh):
            problems.append(f"{name} is stale (its .po says otherwise): run `make messages`.")
    return problems


def check_fresh(copy: Path) -> list[str]:
    """Run makemessages in the copy: the committed .po files must have the same messages."""
    result = manage(copy, *MAKEMESSAGES)
    if result.returncode != 0:
        return ["makemessages failed:\n" + errors(result)]
    problems = []
    for language in LANGUAGES:
        committed, fresh = po_path(ROOT, language), po_path(copy, language)
        name = committed.relative_to(ROOT)
        if not committed.exists():
            problems.append(f"{name} is missing: run `make messages`.")
            continue
        before, after = msgids(committed), msgids(fresh)
        if before != after:
            lines = [f"{name} is out of date with the code: run `make messages`, then translate."]
            lines += [
                f"  new in the code: {describe(key)}" for key in sorted(after - before, key=str)
            ]
            lines += [
                f"  gone from the code: {describe(key)}" for key in sorted(before - after, key=str)
            ]
            problems.append("\n".join(lines))
    return problems


def check_complete() -> list[str]:
    """Every msgid of every language translated, none fuzzy."""
    problems = []
    for language in LANGUAGES:
        path = po_path(ROOT, language)
        if not path.exists():
            continue  # said by check_fresh
        po = polib.pofile(str(path))
        missing = [
            entry
            for entry in po
            if not entry.obsolete
            and (
                "fuzzy" in entry.flags
                or (
                    not entry.msgstr
                    and (not entry.msgstr_plural or not all(entry.msgstr_plural.values()))
                )
            )
        ]
        if missing:
            lines = [f"{path.relative_to(ROOT)}: {len(missing)} of {len(po)} not translated:"]
            for entry in missing:
                flag = "fuzzy" if "fuzzy" in entry.flags else "empty"
                context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
                lines.append(f"  {flag}: {context}{entry.msgid!r}")
            problems.append("\n".join(lines))
    return problems


def update() -> int:
    """makemessages, then compilemessages, in the checkout (the README's `make messages`)."""
    before = {
        language: po_path(ROOT, language).read_text(encoding="utf-8")
        for language in LANGUAGES
        if po_path(ROOT, language).exists()
    }
    for command in (MAKEMESSAGES, COMPILEMESSAGES):
        result = manage(ROOT, *command)
        print(result.stdout, end="")
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr, end="")
            return result.returncode
        if command is MAKEMESSAGES:
            for language, old in before.items():
                # Keep a file that only got a new creation date: no change worth a diff.
                path = po_path(ROOT, language)
                new = path.read_text(encoding="utf-8")
                if without_creation_date(old) == without_creation_date(new):
                    path.write_text(old, encoding="utf-8")
    for language in LANGUAGES:
        po = polib.pofile(str(po_path(ROOT, language)))
        print(
            f"{language}: {len(po)} messages, {len(po.translated_entries())} translated, "
            f"{len(po.untranslated_entries())} untranslated, {len(po.fuzzy_entries())} fuzzy"
        )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--update", action="store_true", help="update the .po and .mo files in the checkout"
    )
    args = parser.parse_args()
    if shutil.which("msgfmt") is None:
        print("GNU gettext is missing: apt-get install -y gettext", file=sys.stderr)
        return 2
    if args.update:
        return update()
    with tempfile.TemporaryDirectory(prefix="igf-translations-") as folder:
        copy = Path(folder) / "project"
        shutil.copytree(ROOT, copy, ignore=NOT_COPIED)
        problems = check_compiled(copy) + check_fresh(copy) + check_complete()
    if problems:
        print("\n\n".join(problems))
        print(f"\nTranslations: {len(problems)} problem(s). See locale/GLOSSARY.md for terms.")
        return 1
    print(f"Translations: {', '.join(LANGUAGES)} complete, up to date and compiled.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
