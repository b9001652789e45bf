// smpolicy: small comforts on top of pages that work without script.
// - Check a post: a live count of characters.
// - Our policy: the clause list filters as you type.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const text = document.getElementById("text");
  const help = document.getElementById("text-help");
  if (text && help) {
    const base = help.textContent;
    const update = () => { help.textContent = `${base} ${text.value.length} characters.`; };
    text.addEventListener("input", update);
    update();
  }
  const search = document.getElementById("q");
  const list = document.querySelector("dl.clauses");
  const count = document.querySelector("p.count");
  if (search && list) {
    const terms = () => search.value.toLowerCase().split(/\s+/).filter(Boolean);
    search.addEventListener("input", () => {
      const words = terms();
      let shown = 0;
      for (const dt of list.querySelectorAll("dt")) {
        const dd = dt.nextElementSibling;
        const hay = `${dt.textContent} ${dd ? dd.textContent : ""}`.toLowerCase();
        const visible = words.every((w) => hay.includes(w));
        dt.hidden = !visible;
        if (dd) dd.hidden = !visible;
        if (visible) shown += 1;
      }
      if (count) count.textContent = `${shown} clauses shown`;
    });
  }
});
