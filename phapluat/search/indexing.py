# Placeholder until the search app lands (owned by the search work).
def index_document(document):
    pass


def remove_document(document_id):
    pass
