"""report.py 9c3875c2, the checker that grades the 2025 course run: its table, as that script has it.

A test reads that report.py (from ../shared) and holds this file equal to it.
"""

# The course runs whose reports it grades.
RUNS = (2025,)
REPORT_PY = "9c3875c2"
# The number of answers its check() expects, and so the number of rows in its table.
QUESTIONS = 31
# Characters it drops from the start of the file before splitting it on "Answer:".
SKIP_CHARS = 0
# What it throws away as the text before the first question: the first chunk (False),
# or the first answer it kept (True: a report whose first chunk has no '###' loses Question 1).
DROP_FIRST_SPAN = False
# Question: (minimum, maximum) of its word count (LengthConstraints / length_constraints).
WORDS = {
    3: (100, 200),
    4: (100, 200),
    5: (100, 200),
    6: (100, 200),
    7: (50, 100),
    8: (100, 200),
    9: (100, 200),
    10: (100, 200),
    11: (200, 300),
    12: (50, 100),
    13: (100, 200),
    14: (200, 300),
    15: (100, 200),
    16: (100, 200),
    17: (50, 200),
    18: (100, 200),
    22: (100, 200),
    23: (100, 200),
    24: (100, 200),
    25: (100, 200),
    26: (100, 200),
    27: (100, 200),
    28: (0, 200),
    29: (200, 400),
    30: (200, 400),
    31: (50, 300),
}
# Question: (minimum, maximum) of its images (ImageConstraints / image_constrains).
IMAGES = {
    14: (1, 3),
    19: (1, 2),
    20: (1, 2),
    21: (1, 2),
    29: (1, 1),
}
