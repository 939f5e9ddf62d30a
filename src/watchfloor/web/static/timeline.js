// Hover on a timeline dot shows its summary in a box beside it; a click follows its link.
// Text goes in with textContent, never as HTML.
(function () {
  const svg = document.getElementById("timeline");
  const tip = document.getElementById("tooltip");
  if (!svg || !tip) return;
  function show(dot, event) {
    tip.textContent = dot.dataset.summary;
    const box = svg.parentElement.getBoundingClientRect();
    tip.style.left = (event.clientX - box.left + 12) + "px";
    tip.style.top = (event.clientY - box.top + 12) + "px";
    tip.hidden = false;
  }
  for (const dot of svg.querySelectorAll("a.dot")) {
    dot.addEventListener("mousemove", (event) => show(dot, event));
    dot.addEventListener("mouseleave", () => { tip.hidden = true; });
  }
})();
