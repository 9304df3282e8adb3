"""Inside the language model: what the essay argues about a language model, shown with the real one.

Two pages' logic, importable without Streamlit:
- `inside.steps` (/steps): why writing out the working helps. The probability Gemma 3 270M gives the right
  answer of a multiplication, digit by digit, after the question alone, after correct working, after the
  working stopped before the final sum, and after working with one wrong step.
- `inside.contexts` (/contexts): one word in many sentences. The word's last-layer vector in each sentence
  beside its one fixed input vector.
"""
