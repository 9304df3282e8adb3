"""The replay is HTML the app builds around a model's text: whatever the model wrote, every tag in it is the
app's own, and the text reads back exactly as the model wrote it up to the replay's position."""
from __future__ import annotations

import html
import re

from hypothesis import example, given
from hypothesis import strategies as st

from experiment.analysis.result import TraceVerdict
from experiment.results_page.replay_frames import STYLE, build_replay, render_html
from tests.hostile.strategies import hostile_text

APP_TAGS = re.compile(r'<div class="replay" data-testid="replay-text">|<div class="source">(reasoning|answer)</div>'
                      r'|<span class="step (right|wrong|unchecked)( first-error)?"( id="first-error")? title="[^"<>]*">'
                      r'|<span class="cursor">&nbsp;</span>|</span>|</div>')


@st.composite
def replays(draw):
    reasoning, answer = draw(hostile_text), draw(hostile_text)
    steps = []
    for index in range(draw(st.integers(0, 4))):
        source = draw(st.sampled_from(["reasoning", "answer"]))
        length = len(reasoning if source == "reasoning" else answer)
        start = draw(st.integers(0, length))
        end = draw(st.integers(start, length))
        steps.append({"source": source, "span": [start, end], "index": index, "kind": "partial_product",
                      "claimed": draw(st.integers()), "true": draw(st.integers()),
                      "label": draw(st.sampled_from(["correct", "local_error", "propagated", "unchecked"]))})
    first = next((s for s in steps if s["label"] == "local_error"), None)
    analysis = TraceVerdict.from_dict({"category": "no_algorithm", "steps": steps, "first_wrong": first})
    return build_replay(reasoning, answer, analysis), draw(st.integers(-5, 2 * (len(reasoning) + len(answer)) + 5))


@given(replays())
@example((build_replay("<img src=x onerror=window.__pwned=1>", "<script>x</script>", None), 10**6))
def test_the_replay_html_holds_the_models_text_only_as_text(replay_and_position):
    replay, position = replay_and_position
    out = render_html(replay, position)
    assert out.startswith(STYLE)
    body = out[len(STYLE):]
    leftover = APP_TAGS.sub("", body)
    assert "<" not in leftover and ">" not in leftover  # every tag is one of the app's own
    shown = html.unescape(leftover)
    written = (replay.reasoning + replay.answer)[: replay.clamp(position)]
    assert shown.replace("\n", "") == written.replace("\n", "")
