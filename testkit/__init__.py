"""What the tests and the benchmarks both use: real servers (Streamlit, llama-server, nginx) on free ports,
Debian's chromium, a client that reads the app like a browser, synthetic results and long traces.

A package of its own, so that bench/ and scripts/ import it without `tests` being a package the project
ships."""
