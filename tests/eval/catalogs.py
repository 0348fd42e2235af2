"""Each corpus business's catalogue as the understanding sees it, from the same seed data `make run` loads."""

from functools import cache
from pathlib import Path

from activities.understanding.schema import Catalog
from models.seeding.demo_salon import ATREVETE, Salon
from models.seeding.salon_file import read_salon_file

EXAMPLE_SALON = Path(__file__).parents[2] / "deploy" / "salons" / "example.toml"


def catalog_of(salon: Salon) -> Catalog:
    return Catalog(
        services=[service.name for service in salon.services],
        staff=[member.name for member in salon.staff],
        aliases={service.name: list(service.aliases) for service in salon.services if service.aliases},
        faq_keywords={faq.topic: list(faq.keywords) for faq in salon.faqs},
    )


@cache
def salons() -> dict[str, Salon]:
    return {salon.slug: salon for salon in (ATREVETE, read_salon_file(EXAMPLE_SALON))}
