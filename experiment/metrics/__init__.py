"""The experiment's metrics, each defined once: the command line (`stats`, `analysis-summary`) and every
figure of the experiment page compute their numbers here, so the same words always mean the same numbers.

- answers.py: accuracy per cell with its Wilson interval, the outcome mix, digit accuracy, tokens;
- traces.py: the share of wrong answers that followed the algorithm, where the first error fell, categories;
- wilson.py: the Wilson score interval.

Every function works on one light pandas table, one row per item's latest record (the columns of
experiment/results/queries.py LIGHT_COLUMNS: record fields plus the stored analysis fields; a function needs
only the columns it names), grouped by the columns it is given.
"""

from experiment.metrics.answers import (
                                        CELL,
                                        COUNTED,
                                        GRADED,
                                        NOT_COUNTED,
                                        accuracy,
                                        cells,
                                        digit_accuracy,
                                        outcome_counts,
                                        outcome_shares,
                                        token_counts,
)
from experiment.metrics.traces import (
                                        NO_LASTING_ERROR,
                                        POSITION_BINS,
                                        analysed,
                                        category_counts,
                                        error_categories,
                                        first_error_kinds,
                                        first_error_position,
                                        first_error_share,
                                        followed_share,
                                        with_lasting_error,
)
from experiment.metrics.wilson import Z_95, wilson_interval

__all__ = ["CELL", "COUNTED", "GRADED", "NOT_COUNTED", "NO_LASTING_ERROR", "POSITION_BINS", "Z_95", "accuracy",
           "analysed", "category_counts", "cells", "digit_accuracy", "error_categories", "first_error_kinds",
           "first_error_position", "first_error_share", "followed_share", "outcome_counts", "outcome_shares",
           "token_counts", "wilson_interval", "with_lasting_error"]
