"""What the tests share: the test world with one person per role (``world``), the
permission matrix's vocabulary (``matrix``) and the browser's sign-in (``world``).

Test support only: no production module imports it.
"""

# The declaration a head ticks before submitting (``assessments.declaration``).
DECLARED = "Tôi cam kết các số liệu và minh chứng là đúng sự thật."
