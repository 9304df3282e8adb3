"""The explorer's analogy scores, computed for real on a part of gensim's questions and stored where the page reads
them: so that a page test neither waits for nor starts the minutes-long scoring of all 19,544 questions."""
from __future__ import annotations

import json
from pathlib import Path

from embeddings import analogy_scores
from embeddings.analogy_scores import AnalogyScores


def sample_questions(path: Path, every: int) -> Path:
    """Every `every`-th question of each section of gensim's file, the section headers kept."""
    lines, n = [], 0
    for line in analogy_scores.questions_file().read_text(encoding="utf-8").splitlines():
        if line.startswith(": "):
            lines.append(line)
            n = 0
            continue
        if n % every == 0:
            lines.append(line)
        n += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def seed_scores(kv, model: str, questions: Path) -> AnalogyScores:
    scores = analogy_scores.score(kv, model, analogy_scores.DEFAULT_RESTRICT, questions)
    path = analogy_scores.cache_path(model, analogy_scores.DEFAULT_RESTRICT)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(scores.to_dict()), encoding="utf-8")
    return scores
