// Progressive enhancement only: every page works without this file.
import { initAll as initGovuk } from "./govuk-frontend.min.js";
import { initAll as initMoj } from "./moj-frontend.min.js";

initGovuk();
initMoj();

// A background job's progress (publishing, a large import): poll its JSON and update the
// live region, without refreshing the page; the person can pause the updates. When the job
// ends, the page is loaded again to show the outcome.
const POLL_MS = 2000;
for (const box of document.querySelectorAll("[data-yj-progress]")) {
  const text = box.querySelector("[data-yj-progress-text]");
  const bar = box.querySelector("[data-yj-progress-bar]");
  const pause = box.querySelector("[data-yj-progress-pause]");
  let paused = false;
  let timer = null;
  const poll = async () => {
    timer = null;
    try {
      const response = await fetch(box.dataset.yjProgress, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const job = await response.json();
        if (job.state !== "running" && job.state !== "importing") {
          window.location.reload();
          return;
        }
        if (text.textContent !== job.text) text.textContent = job.text;
        bar.max = job.total || 1;
        bar.value = job.done;
      }
    } catch (error) {
      // A dropped connection: try again at the next tick.
    }
    if (!paused) timer = window.setTimeout(poll, POLL_MS);
  };
  pause.hidden = false;
  pause.addEventListener("click", () => {
    paused = !paused;
    pause.textContent = paused ? pause.dataset.resumeText : pause.dataset.pauseText;
    pause.setAttribute("aria-pressed", String(paused));
    if (!paused && timer === null) poll();
    if (paused && timer !== null) {
      window.clearTimeout(timer);
      timer = null;
    }
  });
  pause.setAttribute("aria-pressed", "false");
  timer = window.setTimeout(poll, POLL_MS);
}
