// The self-assessment form: HTMX saves each criterion as it changes. A refused save
// (400: bad input, 409: stale or locked) still shows its answer in the page, so the
// person sees why instead of a silent failure.
htmx.config.responseHandling = [
  { code: "204", swap: false },
  { code: "[23]..", swap: true },
  { code: "400", swap: true, error: false },
  { code: "409", swap: true, error: false },
  { code: "[45]..", swap: false, error: true },
];
// Never let the browser cache fragments as if they were pages.
htmx.config.historyCacheSize = 0;

// A criterion's answer, without the fields that change on every save.
function answerOf(form) {
  var data = new URLSearchParams(new FormData(form));
  data.delete("revision");
  data.delete("csrfmiddlewaretoken");
  return data.toString();
}

document.addEventListener("htmx:beforeRequest", function (event) {
  var form = event.detail.elt;
  // Leaving a field after its typed answer was saved fires "change" with the same answer:
  // no second save (it would only repeat the first and could be the last status shown).
  if (form.dataset && form.hasAttribute("data-skip-unchanged")) {
    var answer = answerOf(form);
    if (form.dataset.sent === answer) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = answer;
  }
  var status = document.getElementById("save-status");
  if (status) status.textContent = status.dataset.saving;
});
// What was not saved must be sent again, even unchanged.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.detail.elt;
  var xhr = event.detail.xhr;
  if (form.dataset && (!xhr || xhr.status !== 200)) delete form.dataset.sent;
});
// The response itself says "saved" or why not (out of band); only a server error,
// which is not swapped, is reported here.
document.addEventListener("htmx:responseError", function () {
  var status = document.getElementById("save-status");
  if (status) status.textContent = status.dataset.failed;
});
// A network failure must not pass unnoticed: the answer would look saved.
document.addEventListener("htmx:sendError", function () {
  var status = document.getElementById("save-status");
  if (status) status.textContent = status.dataset.offline;
});
