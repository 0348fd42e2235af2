// The admin's own script (no inline script: the Content-Security-Policy forbids it). Every form posts the
// session's CSRF token, so do SQLAdmin's DELETE requests; the booking actions send the rows ticked in the list.
const csrf = document.querySelector('meta[name="csrf-token"]').content;
for (const form of document.querySelectorAll('form[method="post" i]')) {
  const field = document.createElement("input");
  field.type = "hidden"; field.name = "csrf_token"; field.value = csrf;
  form.appendChild(field);
}
if (window.jQuery) window.jQuery.ajaxSetup({headers: {"X-CSRF-Token": csrf}});
for (const form of document.querySelectorAll("form.booking-action")) {
  form.addEventListener("submit", (event) => {
    const pks = [...document.querySelectorAll("input.select-box:checked")].map(box => box.previousElementSibling.value);
    if (pks.length === 0 || !window.confirm(form.dataset.confirm)) { event.preventDefault(); return; }
    form.querySelector('input[name="pks"]').value = pks.join(",");
  });
}
// SQLAdmin's delete dialog says "This will permanently delete <name> <id>?"; after its handler, in Spanish.
if (window.jQuery) {
  window.jQuery(document).on("shown.bs.modal", "#modal-delete", (event) => {
    const name = window.jQuery(event.relatedTarget).data("name") || "";
    window.jQuery("#modal-delete-text").text(`¿Borrar: ${name.toLowerCase()}? No se puede deshacer.`);
  });
}
