"""Writing files so that a crash, a kill or a full disk never leaves a half-written one, and knowing when one is.

`atomic` writes every file the app and the runner keep (a temporary file beside the target, flushed and
fsynced, renamed over it, the folder fsynced); `checksums` records and verifies what a cached file should
hold, so a file damaged after it was written is detected when it is opened rather than drawn from.
"""
