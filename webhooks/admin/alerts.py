"""What the team must see in /admin because the channel would not deliver it: a refused reply or notice, a
refund Stripe refused, a payment for a closed booking, an alert of its own that went nowhere."""

from typing import Any, ClassVar

from models import TeamAlert
from webhooks.admin.catalog import ReadOnly


class TeamAlertView(ReadOnly, model=TeamAlert):
    name, name_plural, icon = "Aviso", "Avisos sin entregar", "fa-solid fa-bell"
    column_list: ClassVar[Any] = [TeamAlert.created_at, TeamAlert.customer_phone, TeamAlert.text, TeamAlert.reason]
    column_labels: ClassVar[Any] = {
        "created_at": "Fecha",
        "customer_phone": "Cliente",
        "text": "Aviso",
        "reason": "Por qué no llegó",
    }
    column_default_sort: ClassVar[Any] = [(TeamAlert.created_at, True)]
    column_searchable_list: ClassVar[Any] = [TeamAlert.customer_phone, TeamAlert.text]
