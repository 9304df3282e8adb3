"""The two figures of /steps and the sentences that say what they show.

- `answers_figure`: the stones landscape over the candidate answers. One band per context; the answers in numeric
  order, one slot each (360, 408 and 418 stay apart, and 12 and 12345 fit); each answer's probability drawn as a
  stone whose size and colour grow with it, over a density smoothed along the line (the /stones landscape's
  colours).
- `digits_figure`: P(right answer) against the problem's digits, one line per context (the mean over the
  recorded problems, each problem a faint dot), and after the wrong step P(the answer it leads to).
"""
from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from inside.steps.answers import StepsAnswer
from inside.steps.by_size import SizeRow
from inside.steps.working import CONTEXTS, Context
from stones.figure import DENSITY_TOP, LANDSCAPE

GRID_PER_SLOT = 24
BANDWIDTH = 0.22  # the kernel's width, in slots of the number line
LABEL_FROM = 0.02  # stones at least this likely are labelled; the rest show theirs on hover
STRIP = (0.05, 0.4)  # where a context's landscape strip starts and ends, below its row of stones
SHOWN_FROM = 0.005  # an answer gets a slot when some context gives it at least this
# Okabe-Ito: distinguishable with the common colour-vision deficiencies
COLOURS = {Context.QUESTION: "#999999", Context.WORKING: "#0072B2", Context.NO_SUM: "#009E73",
           Context.WRONG: "#D55E00"}
LED_TO_COLOUR = "#CC79A7"


def shown_answers(found: StepsAnswer) -> list[str]:
    """The right answer, the one the wrong step leads to, and every answer some context gives at least `SHOWN_FROM`,
    in numeric order: the number line's slots."""
    right, led_to = str(found.problem.product), str(found.problem.led_to)
    keep = [a for a in found.candidates()
            if a in (right, led_to) or max(found.contexts[c].probability_of(a) for c in CONTEXTS) >= SHOWN_FROM]
    return sorted(keep, key=lambda a: (int(a), len(a), a))


def answers_figure(found: StepsAnswer, *, height: int = 520, title: str = "") -> go.Figure:
    problem = found.problem
    right, led_to = str(problem.product), str(problem.led_to)
    answers = shown_answers(found)
    slot = {a: i for i, a in enumerate(answers)}
    grid = np.linspace(-0.5, len(answers) - 0.5, GRID_PER_SLOT * len(answers))
    density = np.zeros((len(CONTEXTS), len(grid)))
    fig = go.Figure()
    for row, context in enumerate(CONTEXTS):
        for answer in answers:
            p = found.contexts[context].probability_of(answer)
            density[row] += p * np.exp(-((grid - slot[answer]) ** 2) / (2 * BANDWIDTH ** 2))
    # each context's landscape a strip under its stones (y grows downwards), white between, so labels stay legible
    edges = [row + offset for row in range(len(CONTEXTS)) for offset in STRIP]
    strips = [band for row in range(len(CONTEXTS)) for band in (density[row], np.zeros(len(grid)))][:-1]
    fig.add_trace(go.Heatmap(x=grid, y=edges, z=strips, zmin=0.0, zmax=DENSITY_TOP, colorscale=LANDSCAPE,
                             showscale=False, hoverinfo="skip", name="landscape"))
    for answer, colour, name, dash in ((right, COLOURS[Context.WORKING], f"right answer {right}", "solid"),
                                       (led_to, LED_TO_COLOUR, f"where the wrong step leads: {led_to}", "dash")):
        fig.add_trace(go.Scatter(x=[slot[answer]] * 2, y=[-0.5, len(CONTEXTS) - 0.5], mode="lines", name=name,
                                 line=dict(color=colour, width=2, dash=dash), hoverinfo="skip"))
    for row, context in enumerate(CONTEXTS):
        p = np.array([found.contexts[context].probability_of(a) for a in answers])
        labels = [f"{100 * q:.0f}%" if q >= LABEL_FROM else "" for q in p]
        fig.add_trace(go.Scatter(
            x=list(range(len(answers))), y=[row] * len(answers), mode="markers+text", name=context.title,
            text=labels, textposition="top center", textfont=dict(size=12, color="#3b2000"), showlegend=False,
            customdata=np.stack([answers, np.round(100 * p, 3)], axis=1),
            hovertemplate=(f"{html.escape(context.title)}<br><b>%{{customdata[0]}}</b>: "
                           "%{customdata[1]}%<extra></extra>"),
            marker=dict(size=5 + 30 * np.sqrt(p), color=p, colorscale="YlOrRd", cmin=0, cmax=1,
                        line=dict(color="#5a2a00", width=1), opacity=0.9),
        ))
    fig.update_layout(
        title=title or None, height=height, margin=dict(l=10, r=10, t=50 if title else 10, b=10),
        xaxis=dict(title="the answer written (in numeric order)", range=[-0.5, len(answers) - 0.5],
                   tickvals=list(range(len(answers))), ticktext=answers, tickangle=-45, showgrid=False,
                   zeroline=False),
        yaxis=dict(tickvals=list(range(len(CONTEXTS))), ticktext=[c.title for c in CONTEXTS],
                   range=[len(CONTEXTS) - 0.5, -0.6], showgrid=False, zeroline=False),
        plot_bgcolor="white", legend=dict(orientation="h", yanchor="top", y=-0.25, xanchor="left", x=0.0),
    )
    return fig


def digits_figure(rows: list[SizeRow], *, height: int = 460, title: str = "") -> go.Figure:
    fig = go.Figure()
    for context in CONTEXTS:
        colour = COLOURS[context]
        dots_x = [r.digits for r in rows for _ in r.right[context]]
        dots_y = [p for r in rows for p in r.right[context]]
        names = [n for r in rows for n in r.problems]
        fig.add_trace(go.Scatter(
            x=dots_x, y=dots_y, mode="markers", name=f"{context.title}, each problem", showlegend=False,
            marker=dict(color=colour, size=7, opacity=0.35), text=names,
            hovertemplate=f"{html.escape(context.title)}<br>%{{text}}: %{{y:.3f}}<extra></extra>",
        ))
        fig.add_trace(go.Scatter(
            x=[r.digits for r in rows], y=[r.mean(context) for r in rows], mode="lines+markers", name=context.title,
            line=dict(color=colour, width=3), marker=dict(size=9, color=colour),
            hovertemplate=f"{html.escape(context.title)}<br>%{{x}} x %{{x}} digits: mean %{{y:.3f}}<extra></extra>",
        ))
    fig.add_trace(go.Scatter(
        x=[r.digits for r in rows], y=[r.mean_led_to for r in rows], mode="lines+markers",
        name="after the wrong step: P(the answer it leads to)", line=dict(color=LED_TO_COLOUR, width=2, dash="dash"),
        marker=dict(size=8, color=LED_TO_COLOUR, symbol="diamond"),
        hovertemplate="P(the answer the wrong step leads to)<br>%{x} x %{x} digits: mean %{y:.3f}<extra></extra>",
    ))
    fig.update_layout(
        title=title or None, height=height, margin=dict(l=10, r=10, t=50 if title else 10, b=10),
        xaxis=dict(title="digits of each number (n x n)", tickvals=[r.digits for r in rows], showgrid=False),
        yaxis=dict(title="P(answer), teacher-forced", range=[-0.03, 1.03], gridcolor="#eeeeee", zeroline=False),
        plot_bgcolor="white", legend=dict(orientation="h", yanchor="top", y=-0.18, xanchor="left", x=0.0),
    )
    return fig


def answers_summary(found: StepsAnswer) -> str:
    """The landscape in one sentence, for screen readers and under the figure."""
    p = found.problem
    parts = [f"{c.title} {100 * found.right(c):.1f}%" for c in CONTEXTS]
    led = found.contexts[Context.WRONG].led_to.probability
    return (f"{p.a} x {p.b} = {p.product}. The model's probability of the right answer: " + "; ".join(parts)
            + f". After the wrong step, {100 * led:.1f}% goes to {p.led_to}, the answer that step leads to.")


def digits_summary(rows: list[SizeRow]) -> str:
    parts = []
    for r in rows:
        means = ", ".join(f"{c.title} {r.mean(c):.2f}" for c in CONTEXTS)
        parts.append(f"{r.digits} x {r.digits} digits ({len(r.problems)} problems): {means}; "
                     f"the answer the wrong step leads to {r.mean_led_to:.2f}")
    return "Mean P(right answer) by size. " + ". ".join(parts) + "."
