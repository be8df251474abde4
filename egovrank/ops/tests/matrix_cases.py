"""The health answer is for anyone: it needs no sign-in and tells nothing secret."""

from egovrank.testing.matrix import PUBLIC, Case

CASES = [Case("ops:healthz", PUBLIC)]
