"""Which intent a (normalised) Spanish message has: keyword families in priority order, then context."""

import re

from activities.understanding.schema import Intent

# Said alone, these stop or restart the messages (WhatsApp's own opt-out words included).
OPT_OUT = (
    r"^(stop|baja|darme de baja|dame de baja|no me escribas mas|no quiero recibir (mas )?mensajes)\W*$"
    r"|\b(dejad|deja|dejen) de escribirme\b|\bno me (escribais|escribas|mandeis|mandes) mas\b"
)
OPT_IN = (
    r"^(alta|darme de alta|dame de alta|start)\W*$|\b(quiero|puedo) volver a recibir\b|\bda\w* de alta\b"
    r"|\bvolver a (recibir|darme de alta)\b"
)
# Cancelling outright; "no puedo ir" alone is a cancellation unless a new day or time is asked for.
CANCEL_OUTRIGHT = (
    r"\bcancel|\banul|\bquit(a|ar|ame|adme) (la|mi) (cita|reserva)|\bquita(me)? (lo|la) (del|de)\b"
    r"|\bborra(r|d)? (la|mi) (cita|reserva)"
    r"|al final no (voy|vengo|ire)|ya no (necesito|quiero) la cita|ya no la quiero|\bdesapunta|no cuentes conmigo"
    r"|no podre acudir|no voy a ir"
)
CANNOT_COME = (
    r"no (voy a poder|podre|puedo|podemos) (ir|venir|acudir)|no me va a dar tiempo|no me da tiempo"
    r"|me viene (fatal|mal)"
)
# Words that ask for another time for an existing appointment (what the move is to comes with them).
MOVE_TO = (
    r"\b(hay|tienes|teneis|tendrias|tendriais) (algo|hueco|sitio)\b|\bmejor\b|\bpara el\b|\ben vez de\b|\bponer"
    r"|\bpon(me|mela|la)\b|\bal (lunes|martes|miercoles|jueves|viernes|sabado|domingo|dia)\b"
    r"|\bmas (tarde|temprano|pronto)\b|\bantes\b"
)
MOVE = (
    r"(?<!\bun )\bcambi(?!\w* de (look|estilo|color|imagen|aires))\w*|\bmover|\bmueve|\bmodific"
    r"|\bpas(ar|a|arla|armela|ame|amela|amelo)(la|lo)? (a|al|para)\b|reprogram|aplaz|pospon|\bpasar la cita\b"
    r"|\badelant(ar|a|arla|armela|amela)\b|retras(ar|a) la cita|\bdejar(la|lo)? para\b|\bpasarla\b"
    r"|\b(la|lo) podemos (poner|dejar|pasar)\b|\bme lo pasas\b|\bme la pasas\b|\ben vez de (a las|el|la)\b"
    r"|\bal final me viene mejor\b|\bpodria ir mas (tarde|temprano|pronto)\b|\bhay (algo|hueco) (antes|mas tarde)\b"
    r"|\blo (del|de la|de las) [^.?!]{0,20}\bmejor\b"
)
# Another time asked without a verb: a move unless the message cancels ("cancela, ya te escribo otro día").
OTHER_TIME = r"\botro dia\b|\botra hora\b"
# "si cancelo…", "¿qué pasa si al final no puedo ir?": a question about the policy, not a cancellation.
HYPOTHETICAL = r"\b(si|que pasa si|y si)\b[^.?!]{0,40}\b(no (voy|puedo|podre|vengo)|cancel|anul)|hay que cancelar"
MY_BOOKINGS = (
    r"\b(cuando|que dia|a que hora|que hora) (es|era|tengo|tenia|tenemos|me toca|me tocaba) (mi|la|lo)\b|\blo mio\b"
    r"|\b(recuerdas|recordarme|recuerdame|dime|confirmas?|confirmame) (mi|la|lo de mi) (cita|reserva)"
    r"|\b(tengo|tenia) (alguna )?(cita|reserva)( (para|esta|el|este|manana|hoy)|\s*\?|$)|\bmi cita (es|era)\b"
    r"|\bmis citas\b|\bcuando me toca\b|\bpara cuando (es|era|tengo)\b|\bque tengo (reservado|pedido)\b"
    r"|\b(cuando|que dia|a que hora|con quien) (tengo|tenia|era|me toca|me tocaba|me dijisteis)\b"
    r"(?! (vacaciones|el descanso|libre|fiesta|que))|\b(que|cuantas) citas tengo\b|\btengo algo pendiente\b"
    r"|\bme confirmas la hora\b|\bestoy apuntad[ao]\b|\bsigue en pie\b|\bme (lo|la) reenvias\b|\bcuando era\b"
    r"|\bla cita del [^.?!]{0,15}\bera\b"
)
# Prices and what the salon does: with a service named, or about the whole list.
PRICE = (
    r"\bcuanto\b(?! antes)|\bque (vale|sale)\b|\bprecios?\b|\btarifas?\b|\bque cuesta\b|\bcuesta\b|\bsale por\b"
    r"|\bcuanto (tiempo )?dura\b"
    r"|\btardais\b"
)
CATALOGUE_LIST = (
    r"\bque (servicios|tratamientos|cosas)\b.{0,20}\b(teneis|haceis|ofreceis|hay)\b|\bque haceis\b|\bservicios\b"
    r"|\blista de precios\b|\bdiferencia\b"
)
# "¿hacéis keratina?", "¿Víctor hace balayage?": asking what is done, not asking for it ("¿me hacéis…?").
DO_YOU = (
    r"(?<!\bme )\b(haceis|teneis|ofreceis|trabajais|hace|haces|cortais|peinais|arreglais|depilais|poneis|usais"
    r"|llevais|atendeis)\b"
)
FAMILIES: tuple[tuple[Intent, str], ...] = (
    (Intent.OPT_OUT, OPT_OUT),
    (Intent.OPT_IN, OPT_IN),
    (
        Intent.MEDICAL,
        r"embaraz|alergi|alergic|dermatitis|psoriasis|eccema|medicac|medicamento|quimio|lactancia|dando el pecho"
        r"|herida|infecci|tratamiento medico|piel sensible|reaccion|cancer|diabet|operad[ao]|\bdermatolog"
        r"|estoy de \w+ meses|roacutan|isotretinoina|hongos|micosis",
    ),
    (
        Intent.HUMAN,
        r"hablar con (una persona|alguien|un humano|la encargada|el encargado|el salon|la duena|el dueno)"
        r"|persona real|\bhumano\b|atiendame alguien|me llame alguien|que me llamen|pasame con|con alguien de verdad"
        r"|\bno quiero hablar con (un|una) (bot|robot|maquina)\b|\bme (puede|podeis|puedes) llamar\b|\bllamadme\b"
        r"|\bhay alguien (ahi|de verdad)\b|\b(quiero|puedo|necesito) hablar con\b",
    ),
    (
        Intent.RUNNING_LATE,
        r"llego tarde|voy tarde|me retraso|llegare tarde|llego en \d+|retraso|voy con retraso|llegar (un poco )?tarde"
        r"|tardo \d+|\bllego (un|unos|una) (poco|minut|cuart|rat)|\btardare\b|\bme he retrasado\b|\bvoy justa\b"
        r"|\b(llego|llegare|llegar|voy a llegar)\b[^.?!]{0,30}\btarde\b"
        r"|\b(estoy|voy|llego|salgo|aparcando|esperad\w*|esperame|aguant\w*|corriendo|en camino)\b"
        r"[^.?]{0,40}\b(\d+|un|una|cinco|diez|quince|veinte|media) (minut\w*|cuart\w*|hor\w*)"
        r"|\b(\d+|un|una|cinco|diez|quince|veinte|media) (minut\w*|cuart\w*|hor\w*) y (estoy|llego|voy)\b",
    ),
    (
        Intent.PAYMENT_PROBLEM,
        r"(no (puedo|me deja|consigo|logro) pagar|el pago (falla|no)|error (al|en el) pago|no me deja (hacer el )?pago"
        r"|enlace no (funciona|va|abre|carga)|no (me )?(abre|carga|funciona) el enlace|link no (funciona|va|abre)"
        r"|tarjeta (rechazada|no)|rechaza(do)? (la|mi) tarjeta|me rechaza|no me (llega|ha llegado) el enlace"
        r"|me ha cobrado dos veces|cobrado (dos|2) veces"
        r"|(enlace|link)[^.?!]{0,20}\bno (me )?(abre|funciona|va|carga|llega|ha llegado)\b"
        r"|no (me )?(llega|ha llegado) el (enlace|link)"
        r"|(pagar|pago|senal|tarjeta)[^.?!]{0,30}(error|denegad|rechaz|falla)"
        r"|\bpago denegado\b|\bme da error\b|(enlace|link) ha caducado|se queda cargando"
        r"|no me deja (meter|poner|pagar|usar))",
    ),
)
LATER_FAMILIES: tuple[tuple[Intent, str], ...] = (
    (
        Intent.USUAL,
        r"lo de siempre|lo mismo (de siempre|que la (ultima|otra) vez)|como siempre|lo de la (ultima|otra) vez"
        r"|repetir lo de|lo de todos los meses|lo de cada mes",
    ),
    (
        Intent.INDECISION,
        r"no se (que|cual)|no estoy segur|que me (recomiendas|aconsejas)|asesor|indecis|me (recomiendas|aconsejas)"
        r"|no lo tengo claro|me ayudas a elegir|que me pega|no me decido|\bno se si\b|ni idea de (que|q)",
    ),
)
# "no sé si mechas o balayage": undecided between services named.
CHOICE = r"\bno se si\b"
BOOKING = (
    r"\bcita\b|reserv|pedir hora|\b(queda|quedan|hay) (algo|hueco|sitio)\b(?! para aparcar)|\bteneis libre\b"
    r"|\bcabemos\b"
    r"|\bme (podeis|puedes|podriais) (hacer|coger|dar|atender|cortar|peinar|apuntar|reservar|meter|poner)"
    r"|\bme (haceis|hariais|cortais|peinais|atendeis|cogeis|apuntais|dais|poneis|arreglais|depilais|reservais)\b"
    r"|\bme hariais\b|\bpuede ser\b|\bme pasaria\b|\bme apunt"
    r"|\bhueco|disponib|\bhora para\b|quiero (hacerme|ponerme|un|una|cortarme|arreglarme)"
    r"|me gustaria|\bquer(r)?ia\b(?! (preguntar|saber|consultar|comentar))|\bme apuntas\b|\bapuntame\b"
    r"|\bpuedo ir\b|\bpodria ir\b|\btienes algo\b"
    r"|\bteneis algo\b|\bhay algo\b|\bme cogeis\b|\bme podeis coger\b|\bnecesito (un|una|cortar|arreglar)"
)
GREETING = r"^(hola+|holi+|buenas|buenos dias|buenas tardes|buenas noches|hey|ey|saludos)\b"
SMALL_TALK = (
    r"\bgracias\b|que tal|como estas|genial|guay|\bjaja|un saludo|hasta luego|adios|\bbesos?\b|chao|nos vemos"
    r"|\bque maja\b|\beres (un|una|muy) (sol|amor|maquina|crack|encanto|maja)\b|\bque amable\b"
)
YES = (
    r"^(si+(?!\s+(cancel|anul|no\b|me pongo|al final|llego|hay|tengo|puedo|quiero saber))"
    r"|sip|vale|perfecto|de acuerdo|claro|genial|ok|sii|correcto|eso es|exacto|me parece bien|venga|dale"
    r"|por supuesto|me va bien|me viene bien|estupendo|perfe|va,? me vale|me vale|me cuadra|me va de lujo)\b"
)
YES_ANYWHERE = r"(?<!no )\b(me cuadra|me va de lujo|perfecto|me viene genial)\b"
# Asking to wait for a full day: "lista de espera", "avísame si se libera algo", "si alguien cancela, me avisas".
WAITLIST = (
    r"\blista de espera\b|\bavisa(me|d|dme)?\b.{0,20}\b(si|cuando) (se libera|queda|sale|hay|alguien cancela)"
    r"|\bsi (alguien|alguna) (cancela|anula)\b.{0,25}\bavis|\bme (apunto|apuntas|apuntais) (a la|en la) espera\b"
)
# Saying they will come, in the first person (a reminder's "¿Vienes?"): "confirmo", "allí estaré". "¿Me
# confirmas la hora?" asks, it does not answer.
ATTENDING = (
    r"(?<!no )\b(confirm(o|ado|ada|amos|adisimo)|te lo confirmo|(alli|ahi) (estare|estaremos|nos vemos)"
    r"|cuenta(d)? conmigo|contad conmigo|asistire|ire sin falta|voy sin falta|alli voy|ahi voy|no faltare)\b"
)
# "no" answers only on its own ("no", "no, gracias"): "no puedo ir el martes" says something else.
NO = (
    r"^(no+(?=\s*([,.!?]|$|gracias|mejor|tampoco))|nop|mejor no|para nada|ninguna?|no me (va|viene) bien|imposible"
    r"|tampoco)\b|\bninguna\b"
)
# An answer to an offer: it picks one ("la de las 5", "esa de las 10", "con Rosa me va bien"), turns them down
# ("ninguna…", "tampoco"), or asks about another time ("¿y a las 7?", "mejor el martes").
PICK = (
    r"^(vale,? |pues |si,? |venga,? |me quedo con |me va mejor )?(la|el|esa|ese) (de|del|q|que) "
    r"|^([\w,]+ ){0,2}(ninguna|tampoco)\b|^(no,? )?mejor (el|la|a|por|pasado|manana|otro)\b"
    r"|^[¿¡]? ?y (a|el|la|por|pasado|manana)\b"
    r"|^con \w+ me va bien\b|^el primero\b|^la primera\b|^[1-4]$"
)


def intent_of(clean: str, rest: str, *, services: bool, topics: bool, when: bool, picks: bool) -> Intent:
    """`rest` is the message without its FAQ keywords; `services`, `topics`, `when` and `picks` say whether it
    names a service, asks about an FAQ topic, says a day or time, or picks an option or gives a name."""
    cancelling = re.search(CANCEL_OUTRIGHT, rest) is not None
    for intent, pattern in FAMILIES:
        # "me han operado y no puedo ir, cancelad" cancels; the care a medical question needs is for questions.
        if re.search(pattern, clean) and not (intent == Intent.MEDICAL and cancelling):
            return intent
    if re.search(HYPOTHETICAL, clean) and topics:
        return Intent.FAQ
    cannot_come = re.search(CANNOT_COME, rest) is not None
    if cancelling and not re.search(MOVE, rest):
        return Intent.CANCEL
    moving_to = cannot_come and when and re.search(MOVE_TO, rest)
    if re.search(MOVE, rest) or moving_to or (re.search(OTHER_TIME, rest) and not re.search(PICK, clean)):
        return Intent.MODIFY
    if cannot_come:
        return Intent.CANCEL
    if re.search(ATTENDING, clean):
        return Intent.ANSWER
    if re.search(MY_BOOKINGS, rest):
        return Intent.MY_BOOKINGS
    for intent, pattern in LATER_FAMILIES:
        # "la consulta gratis, para saber qué corte me favorece" asks for the consultation itself.
        if re.search(pattern, rest) and not (intent == Intent.INDECISION and services and not re.search(CHOICE, rest)):
            return intent
    # "¿cuánto cuesta el corte? ¿y mañana a las 10 hay sitio?" asks for the booking too.
    books = re.search(BOOKING, clean) is not None
    asks_price = re.search(PRICE, rest) and (services or re.search(CATALOGUE_LIST, rest)) and not (books and when)
    # "¿hacéis extensiones?": what the salon does, even what it does not have (the answer lists what it has).
    do_you = re.search(DO_YOU, rest) and not when and not topics and not books
    if asks_price or re.search(CATALOGUE_LIST, rest) or do_you:
        return Intent.CATALOGUE
    if not services and (picks or re.search(PICK, clean)):
        return Intent.ANSWER
    if books or services:
        return Intent.BOOKING
    if topics:
        return Intent.FAQ
    # A day or a time alone asks for a booking then (at an offer, the dialogue reads it as the answer).
    if when:
        return Intent.BOOKING
    answers = yes_or_no(clean) is not None
    return reply_intent(clean, thanks=r"\bgracias\b", answers=answers, greeting=GREETING, small_talk=SMALL_TALK)


def reply_intent(clean: str, *, thanks: str, answers: bool, greeting: str, small_talk: str) -> Intent:
    """A message that asks for nothing, in either language: thanks close a topic more than they answer one
    ("genial, gracias", "no, gracias": the yes flag still says which), then a yes or no, a greeting, small talk."""
    if re.search(thanks, clean):
        return Intent.SMALL_TALK
    if answers:
        return Intent.ANSWER
    if re.search(greeting, clean):
        return Intent.GREETING
    if re.search(small_talk, clean):
        return Intent.SMALL_TALK
    return Intent.UNCLEAR


def yes_or_no(clean: str) -> bool | None:
    """A plain yes or no; "vale, la de Víctor" picks, it does not just agree."""
    if re.search(PICK, clean) and not re.search(NO, clean):
        return None
    if re.search(NO, clean):
        return False
    return True if re.search(YES, clean) or re.search(YES_ANYWHERE, clean) or re.search(ATTENDING, clean) else None
