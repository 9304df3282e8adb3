"""The sentences a word is read in, each with the sense the reader gave it, and the page's examples.

A reader writes one sentence a line, optionally starting with its sense and a colon (`river: We sat on the bank
of the river.`); a line without one gets the sense `-`. Bounds: `MAX_SENTENCES` sentences of at most
`MAX_SENTENCE_CHARS` characters, a word of at most `MAX_WORD_CHARS`, so no request makes the server read much.
Each sentence must hold the word (any case, as a whole word); `find_word` says where.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_SENTENCES = 16
MAX_SENTENCE_CHARS = 200
MAX_WORD_CHARS = 30
MAX_SENSE_CHARS = 24
NO_SENSE = "-"


@dataclass(frozen=True)
class Sentence:
    sense: str
    text: str


@dataclass(frozen=True)
class WordInSentences:
    word: str
    sentences: tuple[Sentence, ...]

    @property
    def senses(self) -> list[str]:
        return list(dict.fromkeys(s.sense for s in self.sentences))


EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "bank": (
        ("river", "We had a picnic on the bank of the river."),
        ("river", "The boat drifted slowly towards the muddy bank."),
        ("river", "Reeds grew thick along the steep bank of the stream."),
        ("river", "The heron waited on the grassy bank for a fish."),
        ("money", "She went to the bank to deposit her salary."),
        ("money", "The bank raised its interest rates again this year."),
        ("money", "He asked the bank for a loan to buy a house."),
        ("money", "My bank charges a fee for every transfer."),
    ),
    "apple": (
        ("fruit", "She picked a ripe apple from the tree in the garden."),
        ("fruit", "He ate an apple with a slice of cheese for lunch."),
        ("fruit", "The pie was filled with apple and cinnamon."),
        ("fruit", "A worm had eaten its way into the apple."),
        ("company", "Apple announced a new phone at its conference in California."),
        ("company", "Shares of Apple rose after the quarterly earnings report."),
        ("company", "The software runs only on computers made by Apple."),
        ("company", "Apple hired thousands of engineers last year."),
    ),
    "bat": (
        ("animal", "A bat flew out of the cave at dusk."),
        ("animal", "The bat hangs upside down while it sleeps."),
        ("animal", "Each bat can eat thousands of insects in one night."),
        ("animal", "The little brown bat hunts by echolocation."),
        ("sport", "He swung the bat and hit the ball over the fence."),
        ("sport", "She bought a new cricket bat before the season."),
        ("sport", "The batter gripped the wooden bat tightly."),
        ("sport", "Hold the bat with both hands and watch the ball."),
    ),
    "play": (
        ("theatre", "We saw a play by Shakespeare at the theatre last night."),
        ("theatre", "The actors rehearsed the play for six weeks."),
        ("theatre", "Her first play opened on Broadway to great reviews."),
        ("games", "The children went outside to play in the snow."),
        ("games", "Do you want to play cards after dinner?"),
        ("games", "The dog loves to play with its ball in the park."),
        ("music", "She learned to play the piano when she was five."),
        ("music", "The band will play their new songs tonight."),
    ),
    "light": (
        ("brightness", "Turn on the light, it is too dark to read."),
        ("brightness", "The morning light came through the curtains."),
        ("brightness", "Plants need light and water to grow."),
        ("brightness", "The light from the lamp cast long shadows."),
        ("weight", "The box is light enough for a child to carry."),
        ("weight", "She packed a light jacket for the summer trip."),
        ("weight", "This bicycle is very light because its frame is carbon."),
        ("weight", "We had a light meal before the concert."),
    ),
}
DEFAULT_WORD = "bank"


def example(word: str) -> WordInSentences:
    return WordInSentences(word, tuple(Sentence(sense, text) for sense, text in EXAMPLES[word]))


def clean(text: str) -> str:
    """One line of printable text: control characters and runs of white space become one space."""
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    return " ".join(text.split())


def check_word(word: str) -> str:
    word = clean(word)
    if not word:
        raise ValueError("type a word")
    if len(word) > MAX_WORD_CHARS or " " in word:
        raise ValueError(f"the word must be one word of at most {MAX_WORD_CHARS} characters")
    return word


def find_word(word: str, text: str) -> tuple[int, int] | None:
    """The character span of the word's first whole-word occurrence in `text`, in any case; None when absent."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.IGNORECASE)
    return found.span() if found else None


def parse_lines(word: str, lines: str) -> tuple[WordInSentences, list[str]]:
    """The reader's sentences, one a line (`sense: sentence`), and a notice for each line left out."""
    word = check_word(word)
    notices: list[str] = []
    sentences: list[Sentence] = []
    for number, raw in enumerate(lines.splitlines(), start=1):
        line = clean(raw)
        if not line:
            continue
        sense, text = NO_SENSE, line
        head, colon, rest = line.partition(":")
        if colon and 0 < len(head.strip()) <= MAX_SENSE_CHARS and rest.strip() and find_word(word, head) is None:
            sense, text = head.strip(), rest.strip()
        if len(text) > MAX_SENTENCE_CHARS:
            notices.append(f"Line {number} is longer than {MAX_SENTENCE_CHARS} characters and was left out.")
        elif find_word(word, text) is None:
            notices.append(f"Line {number} does not use the word “{word}” and was left out.")
        elif len(sentences) >= MAX_SENTENCES:
            notices.append(f"At most {MAX_SENTENCES} sentences: line {number} and after were left out.")
            break
        else:
            sentences.append(Sentence(sense, text))
    return WordInSentences(word, tuple(sentences)), notices


def to_lines(found: WordInSentences) -> str:
    return "\n".join(s.text if s.sense == NO_SENSE else f"{s.sense}: {s.text}" for s in found.sentences)
