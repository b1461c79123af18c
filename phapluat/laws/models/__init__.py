from .document import Document, DocumentType, EffectStatus, Field, Scope
from .provision import Provision
from .relation import Relation, RelationType
from .version import DocumentVersion

__all__ = [
    "Document", "DocumentType", "DocumentVersion", "EffectStatus", "Field", "Provision",
    "Relation", "RelationType", "Scope",
]
