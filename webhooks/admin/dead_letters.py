"""What a provider sent that reached no workflow (webhooks/channels/dead_letters.py), in /admin: read-only,
newest first, with the raw payload, so staff can answer the customer by hand and an operator can see what was
malformed."""

from typing import Any, ClassVar

from models import DeadLetter
from webhooks.admin.catalog import ReadOnly


class DeadLetterView(ReadOnly, model=DeadLetter):
    name, name_plural, icon = "Sin entregar", "Sin entregar", "fa-solid fa-triangle-exclamation"
    column_list: ClassVar[Any] = [
        DeadLetter.created_at,
        DeadLetter.source,
        DeadLetter.kind,
        DeadLetter.reason,
        DeadLetter.payload,
    ]
    column_details_list: ClassVar[Any] = column_list
    column_labels: ClassVar[Any] = {
        "created_at": "Fecha",
        "source": "Canal",
        "kind": "Tipo",
        "reason": "Motivo",
        "payload": "Contenido recibido",
    }
    column_default_sort: ClassVar[Any] = [(DeadLetter.created_at, True)]
    column_searchable_list: ClassVar[Any] = [DeadLetter.reason]
