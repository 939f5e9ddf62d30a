// Scroll each source's article text so that its highlighted evidence is in view.
for (const box of document.querySelectorAll(".article-text")) {
  const mark = box.querySelector("mark.evidence");
  if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 40);
}
