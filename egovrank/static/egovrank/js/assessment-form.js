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

document.addEventListener("htmx:beforeRequest", function (event) {
  var status = document.getElementById("save-status");
  if (status) status.textContent = status.dataset.saving;
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
