"""The salon's catalogue, edited by staff in /admin: services (and the words customers use for them), stylists,
packs and FAQs (and the words that ask them), every saved difference kept (audited.py) and listed in "Historial de
cambios", with those of the rules and opening hours (rules.py, hours.py)."""

from typing import Any, ClassVar

from models import CatalogChange, Faq, Pack, Service, StaffMember
from webhooks.admin.audited import Audited, CategoryField, ServiceCategoryField, WordsField
from webhooks.admin.catalog import ReadOnly


class StaffView(Audited, model=StaffMember):
    name, name_plural, icon = "Profesional", "Equipo", "fa-solid fa-user"
    # Someone who leaves stops being offered; their calendar is where their bookings go.
    form_columns: ClassVar[Any] = [StaffMember.category, StaffMember.active, StaffMember.calendar_id]
    form_overrides: ClassVar[Any] = {"category": CategoryField}
    column_list: ClassVar[Any] = [StaffMember.name, StaffMember.category, StaffMember.active, StaffMember.calendar_id]
    column_labels: ClassVar[Any] = {
        "name": "Nombre",
        "category": "Especialidad",
        "active": "Activa",
        "calendar_id": "Calendario",
    }
    column_searchable_list: ClassVar[Any] = [StaffMember.name]


class ServiceView(Audited, model=Service):
    name, name_plural, icon = "Servicio", "Servicios", "fa-solid fa-scissors"
    can_create = True
    form_columns: ClassVar[Any] = [
        Service.name,
        Service.aliases,
        Service.category,
        Service.price,
        Service.duration_minutes,
        Service.buffer_minutes,
        Service.needs_deposit,
        Service.active,
        Service.description,
    ]
    form_overrides: ClassVar[Any] = {"aliases": WordsField, "category": ServiceCategoryField}
    form_args: ClassVar[Any] = {
        "aliases": {"description": "Cómo lo llaman vuestras clientas, separado por comas (un * al final: raíz)."},
        "buffer_minutes": {
            "description": "Minutos tras la cita en que esa profesional no empieza otra (limpiar, secar)."
        },
    }
    word_lengths: ClassVar[dict[str, int]] = {"aliases": 40}
    column_list: ClassVar[Any] = [
        Service.name,
        Service.category,
        Service.duration_minutes,
        Service.price,
        Service.needs_deposit,
    ]
    column_labels: ClassVar[Any] = {
        "name": "Nombre",
        "category": "Categoría",
        "duration_minutes": "Minutos",
        "buffer_minutes": "Margen tras la cita (min)",
        "price": "Precio (€)",
        "needs_deposit": "Anticipo",
        "aliases": "También lo llaman",
        "active": "Activo",
        "description": "Descripción",
    }
    column_searchable_list: ClassVar[Any] = [Service.name]
    column_sortable_list: ClassVar[Any] = [Service.name, Service.price, Service.duration_minutes]


class PackView(Audited, model=Pack):
    name, name_plural, icon = "Pack", "Packs", "fa-solid fa-gift"
    column_list: ClassVar[Any] = [Pack.name, Pack.duration_minutes, Pack.price]
    column_labels: ClassVar[Any] = {
        "name": "Nombre",
        "duration_minutes": "Minutos",
        "price": "Precio (€)",
        "description": "Descripción",
    }
    form_columns: ClassVar[Any] = [Pack.price, Pack.duration_minutes, Pack.description]


class FaqView(Audited, model=Faq):
    name, name_plural, icon = "Pregunta frecuente", "Preguntas frecuentes", "fa-solid fa-circle-question"
    can_create = True
    column_list: ClassVar[Any] = [Faq.topic, Faq.question, Faq.answer, Faq.keywords]
    column_labels: ClassVar[Any] = {
        "topic": "Tema",
        "question": "Pregunta",
        "answer": "Respuesta",
        "keywords": "Palabras que la preguntan",
    }
    form_columns: ClassVar[Any] = [Faq.topic, Faq.question, Faq.answer, Faq.keywords]
    form_overrides: ClassVar[Any] = {"keywords": WordsField}
    form_args: ClassVar[Any] = {
        "keywords": {"description": "Palabras o frases que, en un mensaje, preguntan esto; separadas por comas."}
    }
    word_lengths: ClassVar[dict[str, int]] = {"keywords": 60}


class ChangeView(ReadOnly, model=CatalogChange):
    """What staff (or a salon file) changed in the catalogue, rules and hours, newest first."""

    name, name_plural, icon = "Cambio", "Historial de cambios", "fa-solid fa-clock-rotate-left"
    column_list: ClassVar[Any] = [
        CatalogChange.changed_at,
        CatalogChange.changed_by,
        CatalogChange.what,
        CatalogChange.row_name,
        CatalogChange.field,
        CatalogChange.before,
        CatalogChange.after,
    ]
    column_labels: ClassVar[Any] = {
        "changed_at": "Cuándo",
        "changed_by": "Quién",
        "what": "Qué",
        "row_name": "Nombre",
        "field": "Campo",
        "before": "Antes",
        "after": "Después",
    }
    column_default_sort: ClassVar[Any] = [(CatalogChange.changed_at, True)]
