"""Each business's own words for its services ("reflejos" for Mechas), as data instead of code.

Until now one list in the understanding gave every business the demo salon's words, by service name; the
services that carry those names keep them, so nothing a customer could say stops being understood.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels = None
depends_on = None

# The words the understanding knew before this revision, by service name (frozen here: a migration must not
# follow later edits of the seed).
WORDS_BEFORE = {
    "Corte": ["cortar", "cortarme"],
    "Tinte": ["teñir", "teñirme", "color", "raíz"],
    "Mechas": ["reflejos"],
    "Peinado": ["peinar", "recogido"],
    "Manicura": ["uñas", "manos"],
    "Pedicura": ["pies"],
    "Depilación de cejas": ["cejas"],
    "Limpieza facial": ["facial", "limpieza de cutis"],
    "Tratamiento de keratina": ["keratina", "alisado"],
    "Consulta gratuita": ["consulta", "asesoramiento"],
}


def upgrade() -> None:
    op.add_column(
        "service",
        sa.Column("aliases", postgresql.ARRAY(sa.String(length=40)), server_default="{}", nullable=False),
    )
    service = sa.table("service", sa.column("name", sa.String), sa.column("aliases", postgresql.ARRAY(sa.String)))
    for name, words in WORDS_BEFORE.items():
        op.execute(service.update().where(service.c.name == name).values(aliases=words))


def downgrade() -> None:
    op.drop_column("service", "aliases")
