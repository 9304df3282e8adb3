"""Tossing stones: a language model's next-word probabilities drawn on the explorer's map of words.

The essay's picture: words are points in a space, and a model writing text tosses a stone into that space for
each next word; where it can land is the model's probability distribution over the next token. This package
holds everything the `/stones` page needs, importable without Streamlit: the mapping from tokens to words
(`tokens`), distributions, temperature and seeded tosses (`distribution`), the prompt, its tosses and their
bounds (`walk`), the landscape on the map (`landscape`), the figure (`figure`), the live server client
(`server`), the recorded examples (`recorded`, re-recorded by `record`), recorded-then-live look-up
(`sources`), links and downloads (`share`) and the URL state (`url_state`).
"""
