"""What a reader sees of a figure's labels, read from the SVG that plotly.js drew in a real browser."""
from __future__ import annotations

# The first plotly chart of the page: every drawn text of each trace (with the trace's name) and every
# annotation (a label drawn apart, with a line to its point), with their boxes in viewport pixels.
LABEL_BOXES_JS = """
() => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullData) return null;
  const out = [];
  const traces = [...gd.querySelectorAll('.scatterlayer .trace')];
  traces.forEach((trace, i) => {
    const name = (gd._fullData[i] || {}).name;
    trace.querySelectorAll('.textpoint text').forEach(t => {
      const r = t.getBoundingClientRect();
      if (t.textContent && r.width > 0) out.push({text: t.textContent, group: name, kind: 'text',
                                                   left: r.left, top: r.top, right: r.right, bottom: r.bottom});
    });
  });
  gd.querySelectorAll('.annotation .annotation-text').forEach(t => {
    const r = t.getBoundingClientRect();
    if (t.textContent && r.width > 0) out.push({text: t.textContent, group: 'annotation', kind: 'annotation',
                                                 left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  });
  const f = gd.getBoundingClientRect();
  return {labels: out, frame: {left: f.left, top: f.top, right: f.right, bottom: f.bottom},
          viewport: {width: window.innerWidth, height: window.innerHeight}};
}
"""

ENTERED = {"entered words", "analogy result", "annotation"}


def overlapping_pairs(boxes: list[dict], tolerance: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes share more than `tolerance` pixels both across and down."""
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            across = min(a["right"], b["right"]) - max(a["left"], b["left"])
            down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if across > tolerance and down > tolerance:
                pairs.append((a["text"], b["text"]))
    return pairs


def outside(boxes: list[dict], frame: dict) -> list[str]:
    """Labels not wholly inside `frame` (the figure's box, clipped to the viewport's width)."""
    return [b["text"] for b in boxes if b["left"] < frame["left"] - 0.5 or b["right"] > frame["right"] + 0.5
            or b["top"] < frame["top"] - 0.5 or b["bottom"] > frame["bottom"] + 0.5]
