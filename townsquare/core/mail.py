"""The e-mail backend of a machine without a mail server: messages kept as files under var/mail, 0600."""

import os

from django.core.mail.backends.filebased import EmailBackend

from .varfiles import PRIVATE_FILE_MODE


class PrivateFileEmailBackend(EmailBackend):
    # Residents' addresses and booking codes are in these files: our own user only, as the folder.
    def open(self):
        opened = super().open()
        if opened:
            os.chmod(self._fname, PRIVATE_FILE_MODE)
        return opened
