"""One word in many sentences (/contexts): the word's last-layer vector in each sentence (`server`, `locate`),
the examples and the reader's sentences (`sentences`), the recording (`recorded`, `record`), the word's one fixed
input vector (`input_vectors`), how far apart the senses are (`geometry`), the figures (`figure`) and the URL
(`url_state`).
"""
