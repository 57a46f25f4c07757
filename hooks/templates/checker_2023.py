"""report.py 64ea22b7, the checker that grades the 2024 course run: its table, as that script has it.

The 2023 run's final report.py (32dc517e) reads the report the same way and has the same table, so this
file grades 27-question reports of both runs. A test reads 64ea22b7 (from ../shared) and holds this file
equal to it.
"""

# The course runs whose reports it grades.
RUNS = (2023, 2024)
REPORT_PY = "64ea22b7"
# The number of answers its check() expects, and so the number of rows in its table.
QUESTIONS = 27
# Characters it drops from the start of the file before splitting it on "Answer:".
SKIP_CHARS = 43
# What it throws away as the text before the first question: the first chunk (False),
# or the first answer it kept (True: a report whose first chunk has no '###' loses Question 1).
DROP_FIRST_SPAN = True
# Question: (minimum, maximum) of its word count (LengthConstraints / length_constraints).
WORDS = {
    3: (100, 200),
    4: (100, 200),
    5: (100, 200),
    6: (50, 100),
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
    24: (25, 100),
    25: (200, 400),
    26: (200, 400),
    27: (50, 200),
}
# Question: (minimum, maximum) of its images (ImageConstraints / image_constrains).
IMAGES = {
    14: (1, 3),
    19: (1, 2),
    20: (1, 1),
    21: (1, 1),
    25: (1, 1),
}
