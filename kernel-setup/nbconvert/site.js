// Draws each chart of a page of the course site from its Vega-Lite spec with vega-embed;
// an animated chart also gets a play control that replays its frames.
"use strict";
(function () {
  const options = { renderer: "svg", actions: { export: true, source: false, compiled: false, editor: false } };

  function draw(figure, view, spec) {
    if (figure.courseView) figure.courseView.finalize();
    return vegaEmbed(view, spec, options).then((result) => {
      figure.courseView = result;
      figure.dataset.drawn = "true";
    });
  }

  /** A frame's spec: the last frame's spec with the frame's rows (src/plots.ts, FRAMES_MIME). */
  function frameSpec(spec, series, frame) {
    const rows = spec.data.values;
    const values = frame.flatMap((entry, k) => {
      if (typeof entry !== "number") return entry;
      return rows.filter((row) => row.series === series[k]).slice(0, entry);
    });
    return { ...spec, data: { values } };
  }

  function playControl(figure, view, spec, { series, frames }) {
    const button = document.createElement("button");
    button.className = "course-chart-play";
    button.textContent = `▶ Play (${frames.length} frames)`;
    const counter = document.createElement("span");
    const controls = document.createElement("div");
    controls.append(button, counter);
    figure.append(controls);
    button.addEventListener("click", async () => {
      button.disabled = true;
      for (let i = 0; i < frames.length; i++) {
        await draw(figure, view, frameSpec(spec, series, frames[i]));
        figure.dataset.frame = String(i + 1);
        counter.textContent = `frame ${i + 1} of ${frames.length}`;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      button.disabled = false;
      button.textContent = "▶ Play again";
    });
  }

  for (const figure of document.querySelectorAll("figure.course-chart")) {
    const view = figure.querySelector(".course-chart-view");
    const spec = JSON.parse(figure.querySelector(".course-chart-spec").textContent);
    draw(figure, view, spec).catch((error) => {
      figure.dataset.error = String(error);
      view.textContent = `This chart could not be drawn: ${error}`;
    });
    const frames = figure.querySelector(".course-chart-frames");
    if (frames) playControl(figure, view, spec, JSON.parse(frames.textContent));
  }
})();
