"""The demo salon's words become the ones the understanding of issue 18 reads: FAQ keywords that ask about each
topic (phrases and stems, Spanish and English) and service aliases (stems, typos, English).

The old keywords were single words ("cancelar", "hora", "sabado") that now, read as data, would turn "quiero
cancelar mi cita" into a question about the policy. Only rows still holding exactly the old seed's lists change:
a list staff or a salon file wrote is theirs.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels = None
depends_on = None

Words = dict[str, list[str]]
# Frozen here: a migration must not follow later edits of the seed.
KEYWORDS_BEFORE = {
    "hours": ["horario", "hora", "abierto", "abris", "cerrais", "sabado", "domingo"],
    "address": ["donde", "direccion", "ubicacion", "mapa", "llegar", "calle"],
    "parking": ["aparcar", "aparcamiento", "parking", "coche"],
    "payment": ["pagar", "pago", "tarjeta", "efectivo", "bizum"],
    "cancellation": ["cancelar", "cancelacion", "anular", "devolucion", "reembolso", "anticipo"],
}
KEYWORDS_AFTER = {
    "hours": [
        "horario*",
        "abierto*",
        "abris",
        "abren",
        "abrir",
        "cerrais",
        "cierran",
        "cerrado*",
        "a que hora abr*",
        "a que hora cerr*",
        "hasta que hora",
        "que dias trabaj*",
        "trabajais",
        "festivo*",
        "opening hours",
        "opening times",
        "what time do you open",
        "what time do you close",
        "are you open",
        "open on",
        "open today",
    ],
    "address": [
        "donde",
        "direccion",
        "la dire",
        "ubicacion",
        "ubicad*",
        "mapa",
        "como llego",
        "como se llega",
        "en que calle",
        "en que numero",
        "address",
        "where are you",
        "where is the salon",
        "location",
        "how do i get there",
        "directions",
    ],
    "parking": [
        "aparcar",
        "aparco",
        "aparcamiento",
        "parking",
        "dejar el coche",
        "estacionar",
        "zona azul",
        "park",
        "leave my car",
    ],
    "payment": [
        "pagar con",
        "como se paga",
        "como pago",
        "formas de pago",
        "metodo* de pago",
        "tarjeta",
        "efectivo",
        "bizum",
        "pay by",
        "pay with",
        "pay in cash",
        "card",
        "cash",
        "payment method*",
    ],
    "cancellation": [
        "politica de cancelacion",
        "politica de anulacion",
        "si cancelo",
        "si anulo",
        "devolv*",
        "devuelv*",
        "devolucion",
        "reembolso",
        "anticipo",
        "senal",
        "fianza",
        "se pierde",
        "pierdo",
        "antelacion",
        "que pasa si",
        "lo que pague",
        "el dinero que pague",
        "cancellation policy",
        "if i cancel",
        "refund*",
        "money back",
        "deposit back",
    ],
}
ALIASES_BEFORE = {
    "Consulta gratuita": ["consulta", "asesoramiento"],
    "Corte": ["cortar", "cortarme"],
    "Mechas": ["reflejos"],
    "Tinte": ["teñir", "teñirme", "color", "raíz"],
    "Peinado": ["peinar", "recogido"],
    "Tratamiento de keratina": ["keratina", "alisado"],
    "Manicura": ["uñas", "manos"],
    "Pedicura": ["pies"],
    "Depilación de cejas": ["cejas"],
    "Limpieza facial": ["facial", "limpieza de cutis"],
}
ALIASES_AFTER = {
    "Consulta gratuita": ["consulta gratis", "consulta gratuita", "asesoramiento", "asesorarme"],
    "Corte": ["corta*", "puntas", "sanear", "flequillo", "pelarme", "haircut", "hair cut", "cut my hair", "trim"],
    "Mechas": ["mecha*", "reflejos", "californianas", "highlights"],
    "Tinte": [
        "teñir",
        "teñirme",
        "color",
        "raíz",
        "raices",
        "canas",
        "tiñ*",
        "colour",
        "roots",
        "dyed",
        "hair dye",
        "dye my hair",
    ],
    "Peinado": ["pein*", "recogido", "moño", "blow dry", "blowdry", "blowout", "updo"],
    "Tratamiento de keratina": ["keratina", "alisado", "alisar*", "keratin"],
    "Manicura": ["uñas", "manos", "manicur*", "manicure", "nails"],
    "Pedicura": ["pies", "pedicur*", "pedicure"],
    "Depilación de cejas": ["cejas", "depilarme las cejas", "eyebrows", "brows"],
    "Limpieza facial": ["facial", "limpieza de cutis", "limpieza de cara", "hacerme la cara", "cutis"],
}

FAQ = sa.table("faq", sa.column("topic", sa.String), sa.column("keywords", postgresql.ARRAY(sa.String)))
SERVICE = sa.table("service", sa.column("name", sa.String), sa.column("aliases", postgresql.ARRAY(sa.String)))


def upgrade() -> None:
    _replace(FAQ.c.topic, FAQ.c.keywords, KEYWORDS_BEFORE, KEYWORDS_AFTER)
    _replace(SERVICE.c.name, SERVICE.c.aliases, ALIASES_BEFORE, ALIASES_AFTER)


def downgrade() -> None:
    _replace(FAQ.c.topic, FAQ.c.keywords, KEYWORDS_AFTER, KEYWORDS_BEFORE)
    _replace(SERVICE.c.name, SERVICE.c.aliases, ALIASES_AFTER, ALIASES_BEFORE)


def _replace(key: sa.ColumnClause[str], words: sa.ColumnClause[list[str]], old: Words, new: Words) -> None:
    for name, before in old.items():
        same = words == sa.cast(before, postgresql.ARRAY(sa.String))
        op.execute(sa.update(key.table).where(key == name, same).values({words.name: new[name]}))
