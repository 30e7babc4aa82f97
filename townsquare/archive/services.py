"""Who may import into which unit, and running an uploaded import (called by the background task)."""

import shutil
from pathlib import Path

from django.conf import settings

from townsquare.units.models import Membership, Unit

from .importing import Importer
from .models import ImportRun


def is_county_staff(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, unit__kind=Unit.Kind.COUNTY).exists()


def importable_units(user):
    """County staff import for any unit; a unit's own staff for their unit."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Unit.objects.none()
    if is_county_staff(user):
        return Unit.objects.all()
    return Unit.objects.filter(memberships__user=user).distinct()


def visible_runs(user):
    return ImportRun.objects.filter(unit__in=importable_units(user)).select_related("unit", "created_by")


def run_uploaded_import(run_id):
    run = ImportRun.objects.select_related("unit", "channel", "created_by").get(pk=run_id)
    if run.state != ImportRun.State.PENDING:
        return run.state
    importer = Importer(unit=run.unit, account_name=run.account_name, channel=run.channel, by=run.created_by)
    try:
        importer.run(run.upload_path, run=run)
    finally:
        upload = Path(run.upload_path)
        upload_root = Path(settings.ARCHIVE_UPLOAD_DIR).resolve()
        if upload.parent.resolve().parent == upload_root:
            shutil.rmtree(upload.parent, ignore_errors=True)
    return run.state
