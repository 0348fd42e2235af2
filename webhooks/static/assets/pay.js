// The simulated checkout's buttons: each posts its signed Stripe event (from the page's JSON) to our webhook.
const events = JSON.parse(document.getElementById("events").textContent);
async function send(kind) {
  const ev = events[kind];
  const r = await fetch("/webhooks/stripe", {method: "POST",
    headers: {"content-type": "application/json", "stripe-signature": ev.signature}, body: ev.payload});
  document.getElementById("result").textContent = r.ok
    ? (kind === "pay" ? "¡Pago completado! Ya puedes volver a WhatsApp 🌸" : "El pago ha fallado (simulado).")
    : "No se pudo enviar el evento (" + r.status + ")";
}
document.getElementById("pay").addEventListener("click", () => send("pay"));
document.getElementById("fail").addEventListener("click", () => send("fail"));
