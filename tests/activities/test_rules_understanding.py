"""Rules understanding: at least ten real-world phrasings per intent (accents missing, typos, emojis, shorthand)."""

from datetime import date

import pytest

from activities.understanding.rules import normalise, understand
from activities.understanding.schema import Catalog, Intent, PartOfDay
from models.seeding import demo_salon
from tests.eval.catalogs import catalog_of

TODAY = date(2026, 11, 24)  # a Tuesday
CATALOG = catalog_of(demo_salon.ATREVETE)

PHRASINGS: dict[Intent, list[str]] = {
    Intent.ANSWER: [
        "sí",
        "siii 😊",
        "vale",
        "la segunda",
        "la 1",
        "la ultima porfa",
        "Me llamo Laura",
        "me llamo laura",
        "soy Carmen",
        "no",
        "perfecto",
    ],
    Intent.BOOKING: [
        "Quiero pedir cita para mechas",
        "hola, quería reservar un corte",
        "tienes hueco mañana para cortarme el pelo?",
        "me gustaria hacerme unas mechass 💕",
        "q disponibilidad tienes el jueves",
        "kiero cita xa la manicura",
        "Reservar manicura semipermanente porfa",
        "quiero un tinte",
        "cita para pedicura el viernes",
        "necesito cortarme el pelo urgente",
        "hay hueco para una limpieza facial?",
    ],
    Intent.FAQ: [
        "¿Qué horario tenéis?",
        "a que hora abris el sabado",
        "donde estais?",
        "cual es la direccion",
        "se puede aparcar cerca?",
        "hay parking",
        "puedo pagar con bizum?",
        "aceptais tarjeta",
        "cual es la politica de cancelacion",
        "si cancelo me devolveis el anticipo?",
        "abris los domingos?",
    ],
    Intent.CANCEL: [
        "quiero cancelar mi cita",
        "cancela la cita porfa",
        "no voy a poder ir el jueves",
        "anular la reserva",
        "Cancelar 😢",
        "no podre ir mañana",
        "tengo q cancelar",
        "me gustaria anular la cita del viernes",
        "quitar la cita",
        "no puedo venir, cancela",
        "cancelacion de mi cita",
    ],
    Intent.MODIFY: [
        "puedo cambiar la cita?",
        "quiero mover mi cita al viernes",
        "me la cambias a otra hora?",
        "necesito otro dia",
        "cambio de hora porfa",
        "podemos aplazar la cita",
        "reprogramar la cita",
        "la puedo adelantar a las 5?",
        "cambiar de dia la reserva",
        "mover la cita a la semana que viene",
    ],
    Intent.RUNNING_LATE: [
        "llego tarde, 10 min",
        "voy tarde!!",
        "llego en 20 min",
        "me retraso un poco",
        "perdona, llegare tarde",
        "voy con retraso de 15 minutos",
        "tardo 5 min",
        "llego en 30 minutos 🙏",
        "me retraso 10m",
        "sorry llego tarde",
    ],
    Intent.MEDICAL: [
        "estoy embarazada, puedo hacerme el tinte?",
        "tengo alergia a los tintes",
        "soy alergica al amoniaco",
        "tengo dermatitis en el cuero cabelludo",
        "tengo psoriasis",
        "estoy tomando medicacion",
        "estoy con quimio",
        "estoy en lactancia",
        "tengo una herida en la cabeza",
        "tengo la piel sensible y reaccion",
    ],
    Intent.HUMAN: [
        "quiero hablar con una persona",
        "puedo hablar con alguien?",
        "eres un humano?",
        "pasame con la encargada",
        "quiero hablar con el salon",
        "necesito una persona real",
        "que me llamen por favor",
        "hablar con un humano",
        "me llame alguien porfa",
        "quiero hablar con alguien del salon",
    ],
    Intent.OPT_OUT: [
        "STOP",
        "stop",
        "BAJA",
        "baja",
        "Baja.",
        "darme de baja",
        "dame de baja",
        "no me escribas mas",
        "Stop!",
        "no quiero recibir mensajes",
    ],
    Intent.USUAL: [
        "lo de siempre",
        "lo de siempre porfa 😊",
        "Lo mismo de siempre",
        "como siempre",
        "lo mismo que la ultima vez",
        "quiero lo de siempre el jueves",
        "lo de la ultima vez",
        "hola! lo de siempre",
        "LO DE SIEMPRE",
        "lo de siempre con pilar",
    ],
    Intent.INDECISION: [
        "no se que hacerme",
        "no se que me va mejor",
        "que me recomiendas?",
        "no estoy segura",
        "me aconsejas algo?",
        "no tengo ni idea de qué hacerme en el pelo",
        "no lo tengo claro",
        "me ayudas a elegir?",
        "estoy indecisa",
        "no se cual elegir",
    ],
    Intent.PAYMENT_PROBLEM: [
        "no puedo pagar",
        "el pago falla",
        "el enlace no funciona",
        "me da error al pago",
        "tarjeta rechazada",
        "no me deja pagar",
        "no consigo pagar el anticipo",
        "el enlace no abre",
        "no me llega el enlace",
        "error en el pago",
    ],
    Intent.GREETING: [
        "hola",
        "Hola!",
        "buenas",
        "buenos dias",
        "buenas tardes 😊",
        "hey",
        "holaa",
        "Hola 🌸",
        "buenas noches",
        "saludos",
    ],
    Intent.SMALL_TALK: [
        "gracias!",
        "muchas gracias",
        "que tal?",
        "como estas",
        "jaja",
        "genial gracias",
        "un saludo",
        "hasta luego",
        "adios",
        "guay",
    ],
    Intent.CATALOGUE: [
        "¿cuánto cuesta un tinte?",
        "precio de la pedicura porfa",
        "q vale el balayage",
        "¿hacéis extensiones de pestañas?",
        "qué servicios tenéis?",
        "me pasas la lista de precios",
        "cuanto sale la keratina mas o menos",
        "¿cuánto dura la limpieza facial?",
        "teneis depilacion laser?",
        "diferencia entre mechas y balayage?",
    ],
    Intent.MY_BOOKINGS: [
        "¿cuándo es mi cita?",
        "a q hora tenia la cita?",
        "me recuerdas mi reserva",
        "que citas tengo?",
        "tengo cita esta semana?",
        "con quien tengo la cita del viernes",
        "sigue en pie lo del sabado?",
        "estoy apuntada para mañana no?",
        "perdi el mensaje, cuando era lo mio?",
        "que dia me tocaba el tinte",
    ],
    Intent.OPT_IN: [
        "ALTA",
        "alta",
        "Alta.",
        "START",
        "quiero volver a recibir mensajes",
        "me dais de alta otra vez?",
        "darme de alta",
        "puedo volver a recibir vuestros mensajes?",
        "dame de alta porfa",
        "quiero darme de alta de nuevo",
    ],
    Intent.UNCLEAR: ["asdfgh", "?", "mmm", "el perro de mi vecino", "zzz", "...", "xyz", "💩", "blablabla", "lorem"],
}


@pytest.mark.parametrize(("intent", "text"), [(intent, text) for intent, texts in PHRASINGS.items() for text in texts])
def test_intent(intent: Intent, text: str) -> None:
    assert understand(text, today=TODAY, catalog=CATALOG).intent == intent


def test_every_intent_has_ten_phrasings() -> None:
    assert set(PHRASINGS) == set(Intent)
    assert all(len(texts) >= 10 for texts in PHRASINGS.values())


@pytest.mark.parametrize(
    ("text", "services"),
    [
        ("quiero mechas", ["Mechas"]),
        ("mechass y corte", ["Corte", "Mechas"]),
        ("un corte infantil", ["Corte infantil"]),
        ("manicuraa y pedicura", ["Manicura", "Pedicura"]),
        ("cortarme el pelo", ["Corte"]),
        ("depilarme las cejas", ["Depilación de cejas"]),
        ("keratina", ["Tratamiento de keratina"]),
    ],
)
def test_services_are_named_as_in_the_catalogue(text: str, services: list[str]) -> None:
    assert understand(text, today=TODAY, catalog=CATALOG).services == services


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("mañana", date(2026, 11, 25)),
        ("mñn", date(2026, 11, 25)),
        ("pasado mañana", date(2026, 11, 26)),
        ("el jueves", date(2026, 11, 26)),
        ("el martes", date(2026, 12, 1)),
        ("el 8 de diciembre", date(2026, 12, 8)),
        ("el 3 de enero", date(2027, 1, 3)),
        ("hoy", TODAY),
        ("el 12/12", date(2026, 12, 12)),
        ("por la mañana", None),
    ],
)
def test_days(text: str, day: date | None) -> None:
    assert understand(f"cita {text}", today=TODAY, catalog=CATALOG).day == day


@pytest.mark.parametrize(
    ("text", "time", "part"),
    [
        ("a las 5", "17:00", None),
        ("a las 17:30", "17:30", None),
        ("a las 11", "11:00", None),
        ("a las 5 y media", "17:30", None),
        ("por la tarde", None, PartOfDay.AFTERNOON),
        ("por la mañana", None, PartOfDay.MORNING),
        ("a las 10 y cuarto", "10:15", None),
        ("18h", "18:00", None),
    ],
)
def test_times(text: str, time: str | None, part: PartOfDay | None) -> None:
    result = understand(f"cita {text}", today=TODAY, catalog=CATALOG)
    assert (result.time, result.part_of_day) == (time, part)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("cámbiamela a la tarde en vez de por la mañana", PartOfDay.AFTERNOON),
        ("por la mañana no puedo, lo siento", PartOfDay.AFTERNOON),
        ("no puedo ir por la tarde", PartOfDay.MORNING),
        ("mejor por la tarde que por la mañana", PartOfDay.AFTERNOON),
        ("antes por la mañana que por la tarde", PartOfDay.MORNING),
        ("en lugar de por la tarde, a primera hora", PartOfDay.MORNING),
        ("la tengo por la mañana y la quiero pasar a la tarde", PartOfDay.AFTERNOON),
        ("por la tarde imposible", PartOfDay.MORNING),
        ("que no sea por la mañana, porfa", PartOfDay.AFTERNOON),
        ("por la mañana no, por la tarde tampoco", None),
    ],
)
def test_the_part_of_day_wanted_is_not_the_one_turned_down(text: str, part: PartOfDay | None) -> None:
    assert understand(f"quiero cambiar la cita, {text}", today=TODAY, catalog=CATALOG).part_of_day == part


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("se llama Carmen Ruiz", ["Carmen", "Ruiz"]),
        ("mi madre se llama carmen", ["Carmen"]),
        ("su nombre es Rosa López García", ["Rosa", "López", "García"]),
        ("se llama Ana, y quiere un corte", ["Ana"]),
    ],
)
def test_names_said_of_someone_else(text: str, names: list[str]) -> None:
    assert understand(text, today=TODAY, catalog=CATALOG).names == names


def test_choices_names_groups_and_delays() -> None:
    assert understand("la segunda", today=TODAY, catalog=CATALOG).option == 2
    assert understand("la 1", today=TODAY, catalog=CATALOG).option == 1
    assert understand("me llamo Lucía Pérez", today=TODAY, catalog=CATALOG).names == ["Lucía", "Pérez"]
    assert understand("María", today=TODAY, catalog=CATALOG).names == ["María"]
    assert understand("hola! me llamo laura", today=TODAY, catalog=CATALOG).names == ["Laura"]
    assert understand("soy alérgica al tinte", today=TODAY, catalog=CATALOG).names == []
    group = understand("corte para mi hija y para mi", today=TODAY, catalog=CATALOG)
    assert (group.party_size, group.beneficiary, group.companions) == (2, "mi hija", ["mi hija"])
    other = understand("quiero cita para mi madre", today=TODAY, catalog=CATALOG)
    assert (other.party_size, other.beneficiary) == (1, "mi madre")
    assert understand("llego en 20 min", today=TODAY, catalog=CATALOG).delay_minutes == 20
    assert understand("con Pilar", today=TODAY, catalog=CATALOG).staff == "Pilar"
    assert understand("si vale", today=TODAY, catalog=CATALOG).yes is True
    assert understand("no gracias", today=TODAY, catalog=CATALOG).yes is False


def test_a_compound_question_names_every_topic() -> None:
    result = understand("¿Qué horario tenéis y dónde estáis? ¿Se puede aparcar?", today=TODAY, catalog=CATALOG)
    assert result.intent == Intent.FAQ
    assert result.faq_topics == ["hours", "address", "parking"]


def test_normalise_expands_shorthand_and_drops_accents_and_emojis() -> None:
    assert normalise("Q tal? 💕 xq mñn NO puedo") == "que tal? porque manana no puedo"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("el jueves no puedo, ¿tienes el viernes?", date(2026, 11, 27)),
        ("no puedo ir el miércoles, pásamela al jueves", date(2026, 11, 26)),
        ("necesito cambiar mi cita del lunes, ¿tendrías algo el martes?", date(2026, 12, 1)),
        ("lo de mañana, ¿lo podemos dejar para el viernes?", date(2026, 11, 27)),
        ("hoy me viene fatal, mejor el sábado", date(2026, 11, 28)),
        ("el viernes o el sábado, me da igual", date(2026, 11, 27)),
    ],
)
def test_the_day_left_behind_is_not_the_day_wanted(text: str, day: date) -> None:
    assert understand(text, today=TODAY, catalog=CATALOG).day == day


@pytest.mark.parametrize(
    ("text", "services"),
    [
        ("estoy hasta las cejas de trabajo, ¿me hacéis un tinte?", ["Tinte"]),
        ("me da corte pedirlo tan tarde pero quería unas mechas", ["Mechas"]),
        ("salgo del Corte Inglés y me he acordado: quiero la pedicura", ["Pedicura"]),
        ("quiero hacerme unas mechas", ["Mechas"]),
        ("me hago las uñas y los pies", ["Manicura", "Pedicura"]),
        ("me apuntas el viernes a las 5?", []),
        ("el banco me pide reconocimiento facial, jaja, necesito un corte", ["Corte"]),
        ("cita para tinde", ["Tinte"]),
        ("he cogido dos citas sin querer", []),
        ("un balayash porfa", ["Balayage"]),
        ("que me peinéis para una boda", ["Peinado"]),
    ],
)
def test_everyday_words_and_sayings_do_not_become_services(text: str, services: list[str]) -> None:
    assert understand(text, today=TODAY, catalog=CATALOG).services == services


def test_faq_topics_and_their_words_are_the_business_data() -> None:
    wifi = Catalog(services=["Corte"], staff=[], faq_keywords={"wifi": ["wifi", "contraseña*"]})
    asked = understand("¿tenéis wifi? ¿cuál es la contraseña?", today=TODAY, catalog=wifi)
    assert (asked.intent, asked.faq_topics) == (Intent.FAQ, ["wifi"])
    assert understand("¿tenéis wifi?", today=TODAY, catalog=CATALOG).faq_topics == [], "the demo has no such FAQ"
    policy = understand("si cancelo, ¿me devolvéis el anticipo?", today=TODAY, catalog=CATALOG)
    assert (policy.intent, policy.faq_topics) == (Intent.FAQ, ["cancellation"]), "a policy question, not a cancel"


@pytest.mark.parametrize(
    "text",
    [
        "Confirmo!",
        "sí, ahí estaré",
        "allí estaremos las dos",
        "confirmado 👍",
        "Sii confirmadísimo jaja",
        "contad conmigo",
        "asistiré, gracias",
        "te lo confirmo, nos vemos",
        "Sí, confirmo la cita del viernes",
        "no faltaré",
    ],
)
def test_saying_they_will_come_is_a_yes(text: str) -> None:
    u = understand(text, today=TODAY, catalog=CATALOG)
    assert (u.intent, u.yes) == (Intent.ANSWER, True)


@pytest.mark.parametrize(
    "text",
    [
        "¿me confirmas la hora de mi cita?",
        "no confirmo nada todavía, te digo algo",
        "no puedo ir, lo siento",
        "sí, pero ¿me la cambias a la tarde?",
    ],
)
def test_asking_refusing_or_changing_is_not_a_yes_to_come(text: str) -> None:
    u = understand(text, today=TODAY, catalog=CATALOG)
    assert not (u.intent == Intent.ANSWER and u.yes is True)


@pytest.mark.parametrize(
    "text",
    [
        "apúntame en la lista de espera",
        "¿me pones en lista de espera para el viernes?",
        "avísame si se libera algo ese día",
        "si alguien cancela el jueves me avisas porfa",
        "vale, pues lista de espera",
        "me apuntas a la espera?",
        "Please put me on the waiting list",
    ],
)
def test_asking_to_wait_for_a_full_day_is_the_waitlist(text: str) -> None:
    assert understand(text, today=TODAY, catalog=CATALOG).waitlist


@pytest.mark.parametrize(
    "text", ["quiero un corte el viernes", "avísame cuando puedas", "¿cuánto hay que esperar para el tinte?"]
)
def test_other_requests_are_not_the_waitlist(text: str) -> None:
    assert not understand(text, today=TODAY, catalog=CATALOG).waitlist
