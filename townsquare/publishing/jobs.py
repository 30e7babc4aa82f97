from datetime import timedelta

from django.core.management import call_command

from townsquare.core.scheduling import periodic_job


@periodic_job("publish_scheduled", every=timedelta(minutes=1), label="定时发布与到期下线")
def publish_scheduled():
    """Publish revisions whose time has come and unpublish pages past their expiry."""
    call_command("publish_scheduled", verbosity=0)
