from .amendment import Amendment, AmendmentKind, AmendmentState
from .document import Document, DocumentType, EffectStatus, Field, Scope, StatusSource
from .provision import Provision, ProvisionNote
from .relation import Relation, RelationType
from .seed_source import SeedSource
from .status_record import StatusRecord
from .version import DocumentVersion

__all__ = [
    "Amendment", "AmendmentKind", "AmendmentState", "Document", "DocumentType", "DocumentVersion", "EffectStatus",
    "Field", "Provision", "ProvisionNote",
    "Relation", "RelationType", "Scope", "SeedSource", "StatusRecord", "StatusSource",
]
