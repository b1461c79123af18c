"""After an editor publishes a document in the editorial interface, its provisions follow its text."""
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from .models import Document


@receiver(published, sender=Document)
def rebuild_after_publish(sender, instance: Document, **kwargs):
    from .services.documents import document_reparse_versions

    document_reparse_versions(document=instance)


@receiver(unpublished, sender=Document)
def reindex_after_unpublish(sender, instance: Document, **kwargs):
    from ..search import indexing

    indexing.index_document(instance)
