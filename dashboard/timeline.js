// Incidents per day, stacked by event type, drawn on a canvas; dragging across the bars
// selects days, sent back as the "brush" trigger {start, end} (ISO days, both included).
// Every text written here goes in as text (textContent), never as markup.
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector(".timeline");
  const canvas = root.querySelector("canvas");
  const band = root.querySelector(".brush-band");
  const tip = root.querySelector(".timeline-tip");
  const legend = root.querySelector(".timeline-legend");
  const note = root.querySelector(".timeline-note");
  const DAY_MS = 86400000;
  const PAD = { left: 44, right: 12, top: 10, bottom: 26 };
  const height = data.height || 240;

  const days = data.days || [];
  const types = data.types || [];
  const totals = days.map((_, i) => types.reduce((sum, t) => sum + t.counts[i], 0));
  const first = days.length ? days[0] : 0;
  const last = days.length ? days[days.length - 1] : 0;
  const span = last - first + 1;
  const iso = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  const byDay = new Map(days.map((day, i) => [day, i]));

  legend.replaceChildren();
  types.forEach((t) => {
    const item = document.createElement("span");
    const swatch = document.createElement("i");
    swatch.style.background = t.color;
    item.append(swatch, document.createTextNode(t.name));
    legend.appendChild(item);
  });
  note.textContent = data.title || "";

  function niceStep(max, ticks) {
    const raw = Math.max(max / ticks, 1);
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const m of [1, 2, 5, 10]) {
      if (raw <= m * power) return m * power;
    }
    return 10 * power;
  }

  let geometry = null;
  function draw() {
    const width = Math.max(root.clientWidth, 200);
    const scale = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    canvas.style.width = width + "px";
    canvas.style.height = height + "px";
    const ctx = canvas.getContext("2d");
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const plotW = width - PAD.left - PAD.right, plotH = height - PAD.top - PAD.bottom;
    const top = Math.max(1, ...totals);
    const step = niceStep(top, 4);
    const yMax = Math.ceil(top / step) * step;
    const x = (day) => PAD.left + ((day - first) / span) * plotW;
    const y = (count) => PAD.top + plotH - (count / yMax) * plotH;
    geometry = { width, plotW, x, toDay: (px) => first + Math.floor(((px - PAD.left) / plotW) * span) };
    band.style.top = PAD.top + "px";
    band.style.height = plotH + "px";
    const styles = getComputedStyle(root);
    const ink = styles.color || "#333";
    ctx.font = "11px " + (styles.fontFamily || "sans-serif");
    ctx.fillStyle = ink;
    ctx.strokeStyle = "rgba(128,128,128,0.25)";
    ctx.lineWidth = 1;
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (let v = 0; v <= yMax; v += step) {
      const py = Math.round(y(v)) + 0.5;
      ctx.beginPath(); ctx.moveTo(PAD.left, py); ctx.lineTo(PAD.left + plotW, py); ctx.stroke();
      ctx.fillText(String(v), PAD.left - 6, py);
    }
    const barW = Math.max(1, plotW / span - (plotW / span > 4 ? 1 : 0));
    days.forEach((day, i) => {
      let base = 0;
      types.forEach((t) => {
        const n = t.counts[i];
        if (!n) return;
        ctx.fillStyle = t.color;
        ctx.fillRect(x(day), y(base + n), barW, y(base) - y(base + n));
        base += n;
      });
    });
    ctx.fillStyle = ink;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    const labels = Math.max(2, Math.min(8, Math.floor(plotW / 110)));
    for (let k = 0; k < labels && days.length; k++) {
      const day = first + Math.round((k * (span - 1)) / Math.max(labels - 1, 1));
      const px = Math.min(Math.max(x(day) + barW / 2, PAD.left + 32), PAD.left + plotW - 32);
      ctx.fillText(iso(day), px, PAD.top + plotH + 6);
    }
    canvas.setAttribute("aria-label", `Incidents per day from ${iso(first)} to ${iso(last)}, by event type`);
    root.setAttribute("data-days", String(days.length));
  }

  function dayAt(event) {
    const box = canvas.getBoundingClientRect();
    const px = event.clientX - box.left;
    return { px, day: Math.min(last, Math.max(first, geometry.toDay(px))) };
  }

  let dragFrom = null;
  canvas.onpointerdown = (event) => {
    if (!days.length) return;
    dragFrom = dayAt(event).px;
    canvas.setPointerCapture(event.pointerId);
    band.style.display = "none";
  };
  canvas.onpointermove = (event) => {
    if (!days.length || !geometry) return;
    const { px, day } = dayAt(event);
    if (dragFrom !== null) {
      band.style.display = "block";
      band.style.left = Math.min(dragFrom, px) + "px";
      band.style.width = Math.abs(px - dragFrom) + "px";
      tip.style.display = "none";
      return;
    }
    const i = byDay.get(day);
    const lines = [iso(day) + ": " + (i === undefined ? 0 : totals[i]) + " incidents"];
    if (i !== undefined) types.forEach((t) => { if (t.counts[i]) lines.push(t.name + ": " + t.counts[i]); });
    tip.textContent = lines.join("\n");
    tip.style.display = "block";
    tip.style.left = Math.min(px + 12, geometry.width - 220) + "px";
  };
  canvas.onpointerleave = () => { tip.style.display = "none"; };
  canvas.onpointerup = (event) => {
    if (dragFrom === null) return;
    const to = dayAt(event).px;
    const from = dragFrom;
    dragFrom = null;
    band.style.display = "none";
    if (Math.abs(to - from) < 4) return;  // a click, not a drag
    const a = geometry.toDay(Math.min(from, to)), b = geometry.toDay(Math.max(from, to));
    const start = Math.max(first, a), end = Math.min(last, b);
    if (start <= end) setTriggerValue("brush", { start: iso(start), end: iso(end) });
  };

  draw();
  const observer = new ResizeObserver(() => draw());
  observer.observe(root);
  return () => observer.disconnect();
}
