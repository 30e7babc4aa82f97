"""Running an uploaded import (called by the background task); who may import where is ``units.access``."""

import shutil
from pathlib import Path

from django.conf import settings

from .importing import Importer
from .models import ImportRun


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
