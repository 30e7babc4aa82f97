"""Background work: re-segmenting the documents a dictionary change affects."""

from django_tasks import task

from .indexer import resegment_containing


@task()
def resegment_word(word):
    return resegment_containing(word)
