"""A customer who writes in English is answered in English through the whole booking (the booking's payment link
and confirmation too), and a Spanish message afterwards switches the conversation back to Spanish."""

import httpx
from temporalio.worker import Worker

from tests.scenarios.chat import Chat


async def test_an_english_customer_books_a_haircut_in_english(
    phone: str, api: httpx.AsyncClient, worker: Worker
) -> None:
    chat = Chat(api, phone)

    [offer] = await chat.say("Hi! I would like to book a haircut tomorrow afternoon please")
    assert offer.startswith("Hi! I'm Maite, the virtual assistant of Atrévete Peluquería 🌸"), offer
    assert "For corte (40,00 €) I have these slots:" in offer, offer
    options = [line for line in offer.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert options and all(" on " in line and " at " in line and " with " in line for line in options), offer
    assert offer.endswith("Which one would you like?")

    [ask] = await chat.say("the first one")
    assert ask == "Great! To book it for you, what's your name?"
    # A name says nothing of the language: the conversation stays in English.
    [link] = await chat.say("Emma")
    assert link.startswith("Great! I've booked Corte with "), link
    assert "pay the 8,00 € deposit here:" in link and "/pay/" in link
    await chat.press(link, "pay")
    confirmation = await chat.wait_for("Appointment confirmed! 🎉 We'll see you on ")
    assert "We've received your 8,00 € deposit." in confirmation

    [thanks] = await chat.say("thanks a lot!")
    assert thanks == "Thank you! Is there anything else I can help you with? 😊"

    [spanish] = await chat.say("¿Cuál es la dirección?")
    assert spanish.endswith("¿Hay algo más en lo que pueda ayudarte? 😊"), spanish
