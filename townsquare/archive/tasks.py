"""Background work: an import started from the admin upload form."""

from django_tasks import task


@task()
def run_import(run_id):
    from .services import run_uploaded_import

    return run_uploaded_import(run_id)
