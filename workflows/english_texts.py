"""Maite's words in English: each Spanish template of the texts modules -> the same message in English.

Keys are the templates exactly as the texts modules write them; tests/workflows/test_english_texts.py fails
when a template has no English here or an entry here is no template any more.
"""

ENGLISH: dict[str, str] = {
    # workflows/dialogue/texts.py
    "¿Hay algo más en lo que pueda ayudarte? 😊": "Is there anything else I can help you with? 😊",
    "corte, tinte, mechas, peinado, manicura, pedicura, limpieza facial…": (
        "haircut, colour, highlights, blow-dry, manicure, pedicure, facial…"
    ),
    "¡Hola! Soy {assistant}, la asistenta virtual de {business} 🌸. Encantada de saludarte.": (
        "Hi! I'm {assistant}, the virtual assistant of {business} 🌸. Lovely to meet you."
    ),
    "{intro} ¿Me confirmas si tu nombre es {name}?": "{intro} Could you confirm your name is {name}?",
    "{intro} ¿Me confirmas tu nombre para dirigirme a ti correctamente?": (
        "{intro} Could you tell me your name so I can address you properly?"
    ),
    "¡Hola, {first_name}! Soy {assistant} 🌸. ¿En qué puedo ayudarte hoy?": (
        "Hi, {first_name}! I'm {assistant} 🌸. How can I help you today?"
    ),
    "¡Hola, {first_name}! 😊": "Hi, {first_name}! 😊",
    "¡Encantada, {first_name}! 💕": "Lovely to meet you, {first_name}! 💕",
    "Perdona, no me ha quedado claro 😅. ¿Cómo te llamas?": "Sorry, I didn't quite get that 😅. What's your name?",
    "¿En qué puedo ayudarte? Puedo reservarte una cita, cambiarla o resolver tus dudas sobre el salón 🌸": (
        "How can I help you? I can book you an appointment, change one or answer your questions about the salon 🌸"
    ),
    "¿Qué te gustaría hacerte? Por ejemplo: {examples} 😊": (
        "What would you like to have done? For example: {examples} 😊"
    ),
    (
        "¡Es normal tener dudas! 😊 Te propongo una consulta gratuita de 15 minutos con una de nuestras "
        "estilistas: te asesora sin compromiso y no tienes que pagar nada. ¿Te la reservo?"
    ): (
        "It's normal to be unsure! 😊 How about a free 15-minute consultation with one of our stylists: "
        "she'll advise you with no commitment and you don't pay anything. Shall I book it for you?"
    ),
    "¡Sin problema! Cuando lo tengas claro, dime qué te gustaría: {examples} 🌸": (
        "No problem! When you've decided, tell me what you'd like: {examples} 🌸"
    ),
    (
        "Por cierto, tenemos el pack {pack} por {price} y te ahorras {saving} frente a pedirlo "
        "por separado 💕. ¿Te apetece el pack o prefieres solo {asked} ({asked_price})?"
    ): (
        "By the way, we have the {pack} pack for {price}, which saves you {saving} compared with booking them "
        "separately 💕. Would you like the pack, or just {asked} ({asked_price})?"
    ),
    (
        "{First} y {second} los hacen equipos distintos (peluquería y estética), "
        "así que no pueden ir en la misma cita 🙏. Te los reservo como dos citas: empezamos por "
        "{first} y luego vamos con {second}. ¿Te parece bien?"
    ): (
        "{First} and {second} are done by different teams (hairdressing and beauty), so they can't be in the "
        "same appointment 🙏. I'll book them as two appointments: first {first} and then {second}. Is that ok?"
    ),
    "¡Claro! ¿Cómo se llama {relation}? Así dejo la cita a su nombre 😊": (
        "Of course! What's {relation}'s name? So I can put the appointment under it 😊"
    ),
    "tu {relation}": "your {relation}",
    "A las {time} no me queda hueco 😔. ": "I have nothing free at {time} 😔. ",
    "{intro}Para {what} ({price}) tengo estos huecos:\n{lines}\n¿Cuál prefieres?": (
        "{intro}For {what} ({price}) I have these slots:\n{lines}\nWhich one would you like?"
    ),
    "{when} con {staff}": "{when} with {staff}",
    "El {day} el salón está cerrado ({reason}) 😔. ": "On {day} the salon is closed ({reason}) 😔. ",
    "{staff} no tiene huecos libres en esas fechas 😔, pero te puedo ofrecer otras compañeras. ": (
        "{staff} has no free slots on those dates 😔, but I can offer you other colleagues. "
    ),
    "¡Claro! Lo de siempre: {services} 😊. ": "Of course! The usual: {services} 😊. ",
    "¡Claro! Lo de siempre: {services} con {staff} 😊. ": "Of course! The usual: {services} with {staff} 😊. ",
    "Todavía no tengo ninguna cita anterior tuya registrada 😊. ¿Qué te gustaría hacerte? ({examples})": (
        "I don't have any previous appointment of yours yet 😊. What would you like to have done? ({examples})"
    ),
    (
        "Vaya, no me quedan huecos para {what} en los próximos días 😔. "
        "¿Te busco a partir de otra fecha? Dime qué día te viene bien."
    ): (
        "Oh, I have no slots left for {what} in the next few days 😔. "
        "Shall I look from another date? Tell me which day suits you."
    ),
    "Perdona, ¿cuál de los {count} huecos prefieres? Puedes decirme el número (por ejemplo, «la 2») 😊": (
        "Sorry, which of the {count} slots would you like? You can tell me the number (for example, “2”) 😊"
    ),
    (
        "Vaya, no he podido preparar el pago del anticipo ahora mismo 😔, así que no te he guardado el hueco. "
        "Una compañera del equipo te escribe por aquí para cerrar la cita contigo 🌸"
    ): (
        "Oh, I couldn't set up the deposit payment just now 😔, so I haven't held the slot for you. "
        "A colleague from the team will write to you here to finish the booking with you 🌸"
    ),
    "¡Vaya! Ese hueco se acaba de ocupar 😔. Te busco otros:": "Oh! That slot has just been taken 😔. Here are others:",
    "Y ahora vamos con {services} 💕. ": "And now for {services} 💕. ",
    (
        "Entiendo tu preocupación 💕. Como no soy profesional sanitaria, prefiero que sea una compañera del "
        "equipo quien te asesore personalmente. Ya le he pasado tu consulta y te escribirá en cuanto pueda 🌸"
    ): (
        "I understand your concern 💕. As I'm not a health professional, I'd rather a colleague from the team "
        "advised you personally. I've passed your question on and she'll write to you as soon as she can 🌸"
    ),
    "¡Por supuesto! Le paso tu mensaje a una compañera del equipo, que te responderá por aquí en cuanto pueda 🌸": (
        "Of course! I'm passing your message to a colleague from the team, who will answer you here as soon as "
        "she can 🌸"
    ),
    (
        "Perdona, ahora mismo no puedo atender tu mensaje como se merece 🙏. Se lo he pasado a una compañera del "
        "equipo, que te responderá por aquí en cuanto pueda."
    ): (
        "Sorry, I can't give your message the attention it deserves right now 🙏. I've passed it to a colleague "
        "from the team, who will answer you here as soon as she can."
    ),
    (
        "Perdona, no te he entendido bien 😅. ¿Me lo cuentas de otra forma? Puedo reservar, cambiar o "
        "cancelar citas y resolver dudas sobre el salón."
    ): (
        "Sorry, I didn't quite understand 😅. Could you put it another way? I can book, change or cancel "
        "appointments and answer questions about the salon."
    ),
    ("Lo siento, sigo sin entenderte 🙈. ¿Quieres pedir una cita, cambiar una que tienes o hacerme una pregunta?"): (
        "Sorry, I still don't understand 🙈. Would you like to book an appointment, change one you have or ask "
        "me a question?"
    ),
    (
        "Creo que una compañera del equipo te ayudará mejor que yo 💕. "
        "Ya le he pasado tu mensaje y te escribirá pronto."
    ): (
        "I think a colleague from the team will help you better than I can 💕. "
        "I've passed your message on and she'll write to you soon."
    ),
    "Perdona, no me ha quedado claro 🙈. ¿Cuál es el nombre de {relation}? Por ejemplo: «Carmen».": (
        "Sorry, I didn't quite get that 🙈. What's {relation}'s name? For example: “Carmen”."
    ),
    (
        "Perdona, tu último mensaje me ha llegado con caracteres que no puedo leer 🙈. ¿Me lo escribes de nuevo?"
    ): "Sorry, your last message reached me with characters I can't read 🙈. Could you write it again?",
    "Me ha llegado un mensaje vacío 🤔. Cuando quieras, escríbeme qué necesitas y te ayudo 😊": (
        "I received an empty message 🤔. Whenever you like, tell me what you need and I'll help you 😊"
    ),
    "¡No te preocupes! Una compañera del equipo seguirá contigo por aquí en un momento 🌸": (
        "Don't worry! A colleague from the team will carry on with you here in a moment 🌸"
    ),
    (
        "¡Gracias! De momento no puedo ver fotos, audios ni archivos 🙈. "
        "¿Me cuentas por escrito qué necesitas? Así te ayudo enseguida 😊"
    ): (
        "Thank you! For now I can't see photos, audio or files 🙈. "
        "Could you tell me in writing what you need? Then I can help you straight away 😊"
    ),
    (
        "Hecho: no volverás a recibir mensajes nuestros 🙏. Si algún día quieres volver a pedir cita, "
        "solo tienes que escribirnos."
    ): ("Done: you won't receive any more messages from us 🙏. If you ever want to book again, just write to us."),
    "¡Gracias a ti! Aquí me tienes para lo que necesites 🌸": "Thank you! I'm here whenever you need me 🌸",
    "¡Gracias a ti! {anything_else}": "Thank you! {anything_else}",
    " y ": " and ",
    # workflows/dialogue/change_texts.py
    "¿Seguro que quieres cancelar tu cita de {services} {at}? 🙏": (
        "Are you sure you want to cancel your {services} appointment {at}? 🙏"
    ),
    (
        "Como faltan menos de {hours} horas para tu cita, el anticipo de {deposit} no se puede devolver 😔. "
        "Pero si quieres, te la cambio a otro día y conservas el anticipo. ¿Te la cambio de día?"
    ): (
        "As your appointment is less than {hours} hours away, the {deposit} deposit can't be refunded 😔. "
        "But if you like, I can move it to another day and you keep the deposit. Shall I move it?"
    ),
    "¡Perfecto! Mantenemos tu cita tal y como estaba 😊": "Perfect! We'll keep your appointment as it was 😊",
    "¡Claro! ¿Para qué día y a qué hora te vendría bien? 😊": "Of course! Which day and time would suit you? 😊",
    "Vamos a cambiar tu cita de {services} {of_at} 🔄. ": "Let's move your {services} appointment {of_at} 🔄. ",
    "Vaya, no he podido mover la cita a ese hueco 😔. Te busco otras opciones:": (
        "Oh, I couldn't move the appointment to that slot 😔. Here are other options:"
    ),
    "No encuentro ninguna cita pendiente a tu nombre 🤔. ¿Quieres que te reserve una?": (
        "I can't find any upcoming appointment in your name 🤔. Would you like me to book one?"
    ),
    "Esa cita ya no se puede cancelar desde aquí 🙏. Le paso tu mensaje al equipo para que te ayude.": (
        "That appointment can no longer be cancelled here 🙏. I'm passing your message to the team so they can "
        "help you."
    ),
    (
        "¡Gracias por avisar! 🙏 Le he dicho al equipo que llegas {delay} tarde. Como la cita es muy pronto, "
        "una compañera te escribirá por aquí para confirmarte si se puede mantener o hay que ajustarla."
    ): (
        "Thanks for letting us know! 🙏 I've told the team you'll be {delay} late. As the appointment is very "
        "soon, a colleague will write to you here to confirm whether it can be kept or needs adjusting."
    ),
    "¡Gracias por avisar! 😊 He anotado que llegarás {delay} tarde y se lo he dicho a tu estilista. ¡Nos vemos!": (
        "Thanks for letting us know! 😊 I've noted you'll be {delay} late and told your stylist. See you soon!"
    ),
    "unos {minutes} minutos": "about {minutes} minutes",
    "un poco": "a little",
    (
        "Siento que el pago te esté dando problemas 😕. Aquí tienes de nuevo el enlace: {url}\n"
        "Si sigue sin funcionar, ya he avisado al equipo para que te ayude 🌸"
    ): (
        "I'm sorry the payment is giving you trouble 😕. Here's the link again: {url}\n"
        "If it still doesn't work, I've already told the team so they can help you 🌸"
    ),
    # workflows/booking/texts.py (" y " too, above)
    "{services} con {staff}": "{services} with {staff}",
    (
        "¡Genial! Te he reservado {what} {at} 🌸\n"
        "Para confirmar la cita, paga el anticipo de {deposit} aquí: {url}\n"
        "Te guardo el hueco {hold_minutes} minutos 😊"
    ): (
        "Great! I've booked {what} {at} for you 🌸\n"
        "To confirm the appointment, pay the {deposit} deposit here: {url}\n"
        "I'll hold the slot for {hold_minutes} minutes 😊"
    ),
    (
        "¡Hola! Tu reserva sigue guardada, pero caduca en {minutes_left} minutos ⏳. "
        "Puedes completar el pago del anticipo aquí: {url} 💕"
    ): (
        "Hi! Your booking is still held, but it expires in {minutes_left} minutes ⏳. "
        "You can complete the deposit payment here: {url} 💕"
    ),
    (
        "Vaya, no hemos recibido el anticipo y he liberado el hueco {of_at} 😔. "
        "Si todavía quieres la cita, escríbeme y buscamos otro momento 🌸"
    ): (
        "Oh, we haven't received the deposit, so I've released the slot {of_at} 😔. "
        "If you still want the appointment, write to me and we'll find another time 🌸"
    ),
    (
        "Parece que el pago no se ha podido completar 😕. No te preocupes: aquí tienes un enlace nuevo "
        "{url} y te guardo la cita {extra_minutes} minutos más 💕"
    ): (
        "It looks like the payment couldn't be completed 😕. Don't worry: here's a new link "
        "{url} and I'll hold the appointment for {extra_minutes} more minutes 💕"
    ),
    (
        "El pago ha vuelto a fallar 😔. He avisado al equipo del salón para que te ayude personalmente; "
        "mientras tanto te mantenemos la reserva 🌸"
    ): (
        "The payment failed again 😔. I've told the salon team so they can help you personally; "
        "meanwhile we're keeping your booking 🌸"
    ),
    "Hemos recibido tu anticipo de {deposit}. ": "We've received your {deposit} deposit. ",
    (
        "¡Cita confirmada! 🎉 Te esperamos {at} para {what}.\n"
        "{paid}Si necesitas cancelar, hazlo con más de {cutoff_hours} horas de antelación y te devolvemos "
        "el anticipo; con menos, puedes cambiar la cita de día y lo conservas 😊"
    ): (
        "Appointment confirmed! 🎉 We'll see you {at} for {what}.\n"
        "{paid}If you need to cancel, do it more than {cutoff_hours} hours ahead and we'll refund the deposit; "
        "with less notice, you can move the appointment to another day and keep it 😊"
    ),
    "¡Buenas noticias! Se ha liberado un hueco del día que esperabas. ": (
        "Good news! A slot has opened up on the day you were waiting for. "
    ),
    (
        "\n\nSi solo te va bien el {day}, dime «lista de espera» y te apunto: si alguien cancela, te guardo el hueco "
        "y te aviso 🙏"
    ): (
        "\n\nIf only {day} works for you, say \"waiting list\" and I'll put you on it: if someone cancels, I'll hold "
        "the slot for you and let you know 🙏"
    ),
    (
        "¡Apuntado! 📝 Estás en la lista de espera para {services} el {day}. Si se libera un hueco, te lo guardo un "
        "ratito y te escribo por aquí para que lo confirmes 🌸"
    ): (
        "Done! 📝 You're on the waiting list for {services} on {day}. If a slot frees up, I'll hold it for a little "
        "while and write to you here so you can confirm it 🌸"
    ),
    "¡Claro! ¿Para qué servicio y qué día quieres que te apunte en la lista de espera? 😊": (
        "Of course! Which service and which day should I put you on the waiting list for? 😊"
    ),
    "¡Gracias por confirmar! 🌸 Te esperamos {at} para {services}.": (
        "Thanks for confirming! 🌸 We'll see you {at} for {services}."
    ),
    (
        "¡Hola! Te recuerdo tu cita {at} para {what} 🌸. ¿Vienes? Responde SÍ para confirmarla; si no puedes venir, "
        "avísame por aquí y la cambiamos 💕"
    ): (
        "Hi! A reminder of your appointment {at} for {what} 🌸. Are you coming? Reply YES to confirm it; if you "
        "can't make it, tell me here and we'll move it 💕"
    ),
    " Te devolvemos el anticipo de {refunded} en unos días.": " We'll refund your {refunded} deposit in a few days.",
    " La devolución del anticipo se ha retrasado: el equipo la hace en cuanto pueda y te avisamos.": (
        " The deposit refund has been delayed: the team will make it as soon as they can and we'll let you know."
    ),
    "Listo, he cancelado tu cita {of_at}.{refund} ¡Esperamos verte pronto! 🌸": (
        "Done, I've cancelled your appointment {of_at}.{refund} We hope to see you soon! 🌸"
    ),
    "¡Hecho! Tu cita para {what} queda {at} 😊. Conservas el anticipo que ya pagaste 💕": (
        "Done! Your appointment for {what} is now {at} 😊. You keep the deposit you already paid 💕"
    ),
    (
        "Hemos recibido tu pago, pero el hueco ya se había liberado y otra persona lo ha reservado 😔. "
        "Te devolvemos los {amount} automáticamente. Escríbeme y buscamos otra hora 🌸"
    ): (
        "We've received your payment, but the slot had already been released and someone else has booked it 😔. "
        "We'll refund the {amount} automatically. Write to me and we'll find another time 🌸"
    ),
    # workflows/dialogue/question_texts.py
    "¡Hola! Soy {assistant}, la asistenta virtual de {business} 🌸.": (
        "Hi! I'm {assistant}, the virtual assistant of {business} 🌸."
    ),
    "¡Genial! Para dejártela reservada, ¿me confirmas si tu nombre es {name}?": (
        "Great! To book it for you, could you confirm your name is {name}?"
    ),
    "¡Genial! Para dejártela reservada, ¿me dices tu nombre?": "Great! To book it for you, what's your name?",
    "Tu cita es {booking} 😊": "Your appointment is {booking} 😊",
    "Tienes estas citas con nosotras 😊:\n{lines}": "These are your appointments with us 😊:\n{lines}",
    "Ahora mismo no tienes ninguna cita pendiente con nosotras 😊. ¿Quieres que te busque un hueco?": (
        "You have no upcoming appointments with us right now 😊. Shall I find you a slot?"
    ),
    "Tienes varias citas 😊. ¿Cuál quieres cancelar?\n{lines}": (
        "You have several appointments 😊. Which one would you like to cancel?\n{lines}"
    ),
    "Tienes varias citas 😊. ¿Cuál quieres cambiar?\n{lines}": (
        "You have several appointments 😊. Which one would you like to change?\n{lines}"
    ),
    "Perdona, ¿cuál de las {count} citas? Dime el número (por ejemplo, «la 1») 😊": (
        'Sorry, which of the {count} appointments? Tell me its number (for example, "1") 😊'
    ),
    "{when}: {services} con {staff}": "{when}: {services} with {staff}",
    "{booking} (pendiente del anticipo)": "{booking} (deposit pending)",
    "Ese servicio no lo tenemos, lo siento 😔. {more}": "Sorry, we don't offer that service 😔. {more}",
    "{name} cuesta {price} y dura unos {minutes} minutos ({description}). ¿Quieres que te busque hueco? 😊": (
        "{name} costs {price} and takes about {minutes} minutes ({description}). Shall I find you a slot? 😊"
    ),
    "Estos son nuestros precios 💕:\n{lines}\n¿Te reservo alguno?": (
        "These are our prices 💕:\n{lines}\nShall I book one for you?"
    ),
    "¡Qué alegría tenerte de vuelta! 🌸 Vuelves a recibir nuestros mensajes. ¿En qué puedo ayudarte?": (
        "Lovely to have you back! 🌸 You'll receive our messages again. How can I help you?"
    ),
}
