// Typing in a text field or a text area sends a "typed" event up to its form, which an
// HTMX trigger can wait on ("change, typed delay:700ms"). HTMX could filter the input
// events itself (input[event.target.type === 'text']), but only by evaluating the
// filter as code, which the pages' Content-Security-Policy forbids.
document.addEventListener("input", function (event) {
  var target = event.target;
  if (target.type === "text" || target.tagName === "TEXTAREA") {
    target.dispatchEvent(new CustomEvent("typed", { bubbles: true }));
  }
});
