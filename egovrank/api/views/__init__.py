"""The API's views, one module per app. Each view fetches objects through the app's
``access.py``, calls the app's actions, and shapes the answer with ``shapes.py``."""
