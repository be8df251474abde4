// The review page: each verdict and comment posts with HTMX and the criterion's block
// comes back with the totals out of band. A refused post (400: incomplete input, 409:
// stale verdict or a state that refuses it) is swapped too, so the reviewer reads why.
htmx.config.responseHandling = [
  { code: "204", swap: false },
  { code: "[23]..", swap: true },
  { code: "400", swap: true, error: false },
  { code: "409", swap: true, error: false },
  { code: "[45]..", swap: false, error: true },
];
htmx.config.historyCacheSize = 0;

function reviewStatus(key) {
  var status = document.getElementById("review-status");
  if (status) status.textContent = status.dataset[key];
}

document.addEventListener("htmx:beforeRequest", function () {
  reviewStatus("saving");
});
document.addEventListener("htmx:responseError", function () {
  reviewStatus("failed");
});
document.addEventListener("htmx:sendError", function () {
  reviewStatus("offline");
});
// The block the reviewer was working in is replaced: keep their place by moving the
// focus to its verdict, which the status message describes.
document.addEventListener("htmx:afterSwap", function (event) {
  var block = event.detail.target;
  if (!block || !block.id || block.id.indexOf("criterion-") !== 0) return;
  var fresh = document.getElementById(block.id);
  var verdict = fresh && fresh.querySelector(".review-criterion__verdict");
  if (verdict) verdict.focus({ preventScroll: true });
});
