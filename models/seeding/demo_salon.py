"""The demo salon, Atrévete Peluquería (DESIGN §6): the data `make run` seeds, as plain values."""

from dataclasses import dataclass
from datetime import time
from decimal import Decimal

from models.enums import Category
from models.policies import PolicyKey

SLUG = "atrevete"
NAME = "Atrévete Peluquería"
ASSISTANT = "Maite"
TIMEZONE = "Europe/Madrid"
ADDRESS = "Calle de Fuencarral 45, 28004 Madrid"
MAPS_URL = "https://maps.google.com/?q=Calle+de+Fuencarral+45,+28004+Madrid"
PHONE = "+34910000000"

# weekday (0 = Monday) -> (opens, closes); Sunday closed.
HOURS = {d: (time(10), time(20)) for d in range(5)} | {5: (time(10), time(14))}


@dataclass(frozen=True)
class StaffSeed:
    name: str
    category: Category
    notify_phone: str
    # Her own working intervals per weekday (two a day make a break); None: the salon's hours.
    hours: dict[int, tuple[tuple[time, time], ...]] | None = None


# Rosa stops for lunch from 14:00 to 15:00 on weekdays: the demo shows a stylist's break in /admin and in offers.
ROSA_HOURS: dict[int, tuple[tuple[time, time], ...]] = {
    d: ((time(10), time(14)), (time(15), time(20))) for d in range(5)
} | {5: ((time(10), time(14)),)}
STAFF = (
    StaffSeed("Pilar", Category.HAIRDRESSING, "+34600000101"),
    StaffSeed("Marta", Category.BOTH, "+34600000102"),
    StaffSeed("Rosa", Category.AESTHETICS, "+34600000103", ROSA_HOURS),
    StaffSeed("Harol", Category.HAIRDRESSING, "+34600000104"),
    StaffSeed("Víctor", Category.HAIRDRESSING, "+34600000105"),
)


@dataclass(frozen=True)
class ServiceSeed:
    name: str
    category: Category
    minutes: int
    price: Decimal
    description: str
    needs_deposit: bool = True
    aliases: tuple[str, ...] = ()


H, A = Category.HAIRDRESSING, Category.AESTHETICS
SERVICES = (
    ServiceSeed(
        "Consulta gratuita",
        H,
        15,
        Decimal("0.00"),
        "Te asesoramos sin compromiso",
        needs_deposit=False,
        aliases=("consulta gratis", "consulta gratuita", "asesoramiento", "asesorarme"),
    ),
    ServiceSeed(
        "Corte",
        H,
        45,
        Decimal("40.00"),
        "Corte de pelo con lavado y secado",
        aliases=("corta*", "puntas", "sanear", "flequillo", "pelarme", "haircut", "hair cut", "cut my hair", "trim"),
    ),
    ServiceSeed(
        "Mechas",
        H,
        90,
        Decimal("50.00"),
        "Mechas o reflejos, con lavado",
        aliases=("mecha*", "reflejos", "californianas", "highlights"),
    ),
    ServiceSeed(
        "Tinte",
        H,
        90,
        Decimal("45.00"),
        "Color de raíz o completo",
        aliases=(
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
        ),
    ),
    ServiceSeed(
        "Peinado",
        H,
        30,
        Decimal("20.00"),
        "Lavado y peinado o recogido sencillo",
        aliases=("pein*", "recogido", "moño", "blow dry", "blowdry", "blowout", "updo"),
    ),
    ServiceSeed("Balayage", H, 150, Decimal("95.00"), "Color degradado a mano alzada", aliases=("balay*",)),
    ServiceSeed(
        "Tratamiento de keratina",
        H,
        120,
        Decimal("120.00"),
        "Alisado y nutrición con keratina",
        aliases=("keratina", "alisado", "alisar*", "keratin"),
    ),
    ServiceSeed(
        "Corte infantil",
        H,
        30,
        Decimal("18.00"),
        "Para peques de hasta 12 años",
        aliases=(
            "corte de niño",
            "corte para niños",
            "cortar el pelo a mi hijo",
            "cortarle el pelo a mi hijo",
            "niño",
            "niña",
            "niños",
            "peque",
            "mellizos",
            "crios",
            "kids haircut",
            "kids cut",
        ),
    ),
    ServiceSeed(
        "Manicura",
        A,
        45,
        Decimal("25.00"),
        "Manicura con esmaltado tradicional",
        aliases=("uñas", "manos", "manicur*", "manicure", "nails"),
    ),
    ServiceSeed(
        "Manicura semipermanente",
        A,
        60,
        Decimal("32.00"),
        "Esmaltado que dura hasta tres semanas",
        aliases=("semipermanente", "manicura semi", "uñas semi", "permanente", "gel nails", "gel manicure", "shellac"),
    ),
    ServiceSeed(
        "Pedicura", A, 60, Decimal("35.00"), "Pedicura completa con esmaltado", aliases=("pies", "pedicur*", "pedicure")
    ),
    ServiceSeed(
        "Depilación de cejas",
        A,
        15,
        Decimal("10.00"),
        "Con cera o pinza",
        aliases=("cejas", "depilarme las cejas", "eyebrows", "brows"),
    ),
    ServiceSeed(
        "Depilación piernas completas",
        A,
        45,
        Decimal("30.00"),
        "Con cera tibia",
        aliases=("piernas", "depilacion de piernas", "depilar las piernas", "leg wax", "leg waxing"),
    ),
    ServiceSeed(
        "Limpieza facial",
        A,
        60,
        Decimal("45.00"),
        "Limpieza profunda con hidratación",
        aliases=("facial", "limpieza de cutis", "limpieza de cara", "hacerme la cara", "cutis"),
    ),
)


@dataclass(frozen=True)
class PackSeed:
    name: str
    services: tuple[str, ...]
    minutes: int
    price: Decimal
    description: str


PACKS = (
    PackSeed("Mechas + Corte", ("Mechas", "Corte"), 120, Decimal("80.00"), "Mechas y corte por 80 € en vez de 90 €"),
    PackSeed("Manicura + Pedicura", ("Manicura", "Pedicura"), 105, Decimal("52.00"), "Manos y pies por 52 €"),
)

POLICIES: dict[PolicyKey, object] = {
    PolicyKey.SLOT_MINUTES: 30,
    PolicyKey.MIN_LEAD_MINUTES: 60,
    PolicyKey.DEPOSIT_PERCENT: 20,
    PolicyKey.HOLD_MINUTES: 30,
    PolicyKey.HOLD_MINUTES_SAME_DAY: 15,
    PolicyKey.HOLD_REMINDER_BEFORE_MINUTES: 5,
    PolicyKey.PAYMENT_FAILURE_EXTENSION_MINUTES: 15,
    PolicyKey.MAX_PAYMENT_FAILURES: 2,
    PolicyKey.REFUND_CUTOFF_HOURS: 24,
    PolicyKey.REMINDER_BEFORE_HOURS: 48,
    PolicyKey.MAX_CLARIFICATIONS: 3,
    PolicyKey.MAX_NAME_ATTEMPTS: 2,
    PolicyKey.HUMAN_MODE_TIMEOUT_HOURS: 24,
    PolicyKey.STAFF_AGENDA_HOUR: 8,
    PolicyKey.SLOTS_OFFERED: 3,
    PolicyKey.SEARCH_DAYS: 14,
    PolicyKey.ATTENDANCE_CONFIRM_BY_HOURS: 24,
    PolicyKey.OWNER_TOLD_OF_CHANGES: True,
}


@dataclass(frozen=True)
class FaqSeed:
    topic: str
    question: str
    answer: str
    keywords: tuple[str, ...]


FAQS = (
    FaqSeed(
        "hours",
        "¿Qué horario tenéis?",
        "Abrimos de lunes a viernes de 10:00 a 20:00 y los sábados de 10:00 a 14:00. Los domingos descansamos 😊",
        (
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
        ),
    ),
    FaqSeed(
        "address",
        "¿Dónde estáis?",
        f"Estamos en {ADDRESS} 📍 Aquí tienes el mapa: {MAPS_URL}",
        (
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
        ),
    ),
    FaqSeed(
        "parking",
        "¿Hay aparcamiento?",
        "No tenemos parking propio, pero a 2 minutos tienes el parking público de la Plaza de San Ildefonso 🚗",
        (
            "aparcar",
            "aparco",
            "aparcamiento",
            "parking",
            "dejar el coche",
            "estacionar",
            "zona azul",
            "park",
            "leave my car",
        ),
    ),
    FaqSeed(
        "payment",
        "¿Cómo se paga?",
        "En el salón aceptamos efectivo, tarjeta y Bizum 💳 "
        "El anticipo de la reserva se paga con tarjeta en el enlace.",
        (
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
        ),
    ),
    FaqSeed(
        "cancellation",
        "¿Puedo cancelar?",
        "Claro 💕 Para reservar pedimos un anticipo del 20 % del precio. Si cancelas con más de 24 horas de "
        "antelación te lo devolvemos entero; con menos de 24 horas no se devuelve, pero puedes cambiar la cita "
        "de día y lo conservas 🌸",
        (
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
        ),
    ),
)


@dataclass(frozen=True)
class Salon:
    """Everything seeded for one business; the demo salon is one, a test's second business another."""

    slug: str
    name: str
    assistant: str
    timezone: str
    address: str
    maps_url: str
    phone: str
    hours: dict[int, tuple[time, time]]
    staff: tuple[StaffSeed, ...]
    services: tuple[ServiceSeed, ...]
    packs: tuple[PackSeed, ...]
    policies: dict[PolicyKey, object]
    faqs: tuple[FaqSeed, ...]
    whatsapp_phone_number_id: str | None = None
    chatwoot_inbox_id: int | None = None
    stripe_account_id: str | None = None
    # The policies a salon file states itself (the others are the demo's): applying it again sets only these.
    stated_policies: tuple[PolicyKey, ...] = ()


ATREVETE = Salon(
    SLUG, NAME, ASSISTANT, TIMEZONE, ADDRESS, MAPS_URL, PHONE, HOURS, STAFF, SERVICES, PACKS, POLICIES, FAQS
)
