// The demo chat. Customer and bot text is only ever set as text (textContent), never parsed as HTML: a message
// cannot plant markup or script in a page staff open on the same origin as /admin.
const temporalUi = document.body.dataset.temporalUi || "";
const workflowUrl = id => `${temporalUi}/namespaces/default/workflows/${encodeURIComponent(id)}`;

function element(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function link(href, text, className = "") {
  return element("a", {href, className, target: "_blank", rel: "noopener noreferrer", textContent: text});
}

// Text with its http(s) links clickable; everything else stays text.
function linkified(text) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s]+/g)) {
    nodes.push(text.slice(last, match.index), link(match[0], match[0]));
    last = match.index + match[0].length;
  }
  nodes.push(text.slice(last));
  return nodes;
}

function openChat(phone) {
  const id = "chat-" + phone.replace(/\W/g, "");
  if (document.getElementById(id)) return;
  const workflow = link("#", "conversación en Temporal", "wf");
  const bookings = element("span");
  const log = element("div", {className: "log"});
  const input = element("input", {placeholder: "Escribe un mensaje"});
  input.setAttribute("aria-label", "Mensaje");
  const form = element("form", {}, input, element("button", {textContent: "Enviar"}));
  const box = element("section", {className: "chat", id},
    element("h2", {}, element("span", {textContent: phone}), element("span", {}, workflow, bookings)), log, form);
  document.getElementById("chats").appendChild(box);
  let shown = 0;
  // Polled only once the conversation exists (a phone nobody wrote from is a 404 every second otherwise).
  let polling = null;
  const startPolling = () => { polling = polling || setInterval(refresh, 1000); };
  async function refresh() {
    const r = await fetch(`/demo/conversations/${encodeURIComponent(phone)}`);
    if (!r.ok) return;
    startPolling();
    const data = await r.json();
    workflow.href = workflowUrl(data.workflow_id);
    bookings.replaceChildren(...data.bookings.flatMap((b, i) => [" · ", link(workflowUrl(b), `reserva ${i + 1}`, "booking")]));
    for (const m of data.messages.slice(shown)) {
      log.appendChild(element("div", {className: "msg " + m.direction}, ...linkified(m.body)));
    }
    if (data.messages.length !== shown) log.scrollTop = log.scrollHeight;
    shown = data.messages.length;
  }
  // A send that failed says why, and the text stays in the box to try again.
  function failed(status) {
    const why = status === 429 ? "Demasiados mensajes seguidos: espera un momento y vuelve a enviarlo."
      : status === 422 || status === 413 ? "No se ha enviado: el mensaje es demasiado largo o no es válido."
      : `No se ha enviado (error ${status || "de red"}): inténtalo de nuevo.`;
    log.appendChild(element("div", {className: "msg error", role: "alert", textContent: why}));
    log.scrollTop = log.scrollHeight;
  }
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    let r = null;
    try {
      r = await fetch("/demo/messages", {method: "POST", headers: {"content-type": "application/json"},
                                         body: JSON.stringify({phone, text})});
    } catch (error) { /* the network: told below like any refusal */ }
    if (!r || !r.ok) return failed(r && r.status);
    input.value = "";
    startPolling();
    refresh();
  });
  refresh();
}
document.getElementById("open").addEventListener("click", () => openChat(document.getElementById("phone").value.trim()));
openChat(document.getElementById("phone").value.trim());
