// Mediation: the "propose" button of a ranked list stays disabled until someone is checked.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("propose-form");
  if (!form) return;
  const button = form.querySelector("[data-testid=propose]");
  const boxes = form.querySelectorAll("input[name=profiles]");
  if (!button || !boxes.length) return;
  const update = () => {
    button.disabled = !Array.from(boxes).some((box) => box.checked);
  };
  boxes.forEach((box) => box.addEventListener("change", update));
  update();
});
