"""Running an uploaded import (called by the background task) as a batch of drafts; who may import where
is ``units.access``, who may approve the batch ``ImportRun.may_approve``."""

import shutil
from pathlib import Path

from django.conf import settings

from .importing import Importer
from .models import ImportRun


def run_uploaded_import(run_id):
    ImportRun.fail_stale_runs()  # a worker starting again after a kill ends the runs it left behind
    run = ImportRun.objects.select_related("unit", "channel", "created_by").get(pk=run_id)
    if run.state != ImportRun.State.PENDING:
        return run.state
    # An upload never goes live by itself: its drafts wait for approval (ImportRun.approve).
    importer = Importer(
        unit=run.unit, account_name=run.account_name, channel=run.channel, by=run.created_by, publish=False
    )
    try:
        importer.run(run.upload_path, run=run)
    finally:
        upload = Path(run.upload_path)
        upload_root = Path(settings.ARCHIVE_UPLOAD_DIR).resolve()
        if upload.parent.resolve().parent == upload_root:
            shutil.rmtree(upload.parent, ignore_errors=True)
    return run.state
