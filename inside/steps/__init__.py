"""With and without the working (/steps): the model's probability of a multiplication's right answer, digit by
digit, in four contexts (`working`), teacher-forced from its next-token probabilities (`digits`), asked of the
recording or of a live server (`sources`), recorded by `record`, drawn by `figure`, linked by `url_state`.
"""
