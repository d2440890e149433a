// While a form's work runs on the server (solving a plan takes seconds), say so and keep
// its buttons from being pressed twice. Forms opt in with data-busy="what is happening…".
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.busy) return;
  const pressed = event.submitter;
  // A disabled button sends no name=value: keep the pressed one's in a hidden field.
  if (pressed && pressed.name) {
    const kept = document.createElement("input");
    kept.type = "hidden";
    kept.name = pressed.name;
    kept.value = pressed.value;
    form.appendChild(kept);
  }
  for (const button of document.querySelectorAll("form[data-busy] button")) {
    button.disabled = true;
  }
  form.setAttribute("aria-busy", "true");
  const note = document.querySelector(".busy-note");
  if (note) {
    note.textContent = form.dataset.busy;
    note.hidden = false;
  }
  if (pressed) pressed.textContent = form.dataset.busy;
});

// Back to a page the browser kept: its buttons work again.
window.addEventListener("pageshow", () => {
  for (const button of document.querySelectorAll("form[data-busy] button")) {
    button.disabled = false;
  }
});
