"""Rows that organisers make in the admin (no service creates them): checked, then saved."""

from django.db import models


def create(model: type[models.Model], **values) -> models.Model:
    """A new row, checked by ``full_clean()`` (fields, uniqueness, constraints) as the admin's
    form would check it."""
    instance = model(**values)
    instance.full_clean()
    instance.save()
    return instance


def save_changed(instance: models.Model, values: dict) -> bool:
    """Set ``values`` and save, checked, only if one differs: a rerun leaves the row untouched
    (its ``auto_now`` time included). Relations are given by their ``<name>_id``."""
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    if not changed:
        return False
    for name, value in changed.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return True
