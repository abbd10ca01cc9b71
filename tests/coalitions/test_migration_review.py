"""Migration 0008's data step: outputs declared before the organisers reviewed declarations
count as accepted (their slots and sheets stay); drafts wait, as a new output does."""

import importlib

import pytest
from django.apps import apps

from coalitions.models import Output
from tests.factories import make_output

pytestmark = pytest.mark.django_db

migration = importlib.import_module("coalitions.migrations.0008_declaration_review")


def test_declared_outputs_become_accepted_and_drafts_wait():
    for status in ("final", "wip", "draft"):
        make_output(status=status, title=status, review_state=Output.Review.WAITING)

    migration.accept_existing_declarations(apps, None)

    assert dict(Output.objects.values_list("title", "review_state")) == {
        "final": "accepted",
        "wip": "accepted",
        "draft": "waiting",
    }
