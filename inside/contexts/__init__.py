"""One word in many sentences (/contexts): the word's last-layer vector in each sentence (`server`, `locate`),
the examples and the reader's sentences (`sentences`), the recording (`recorded`, `record`), how far apart the
senses are (`geometry`), the figures (`figure`) and the URL (`url_state`).
"""
