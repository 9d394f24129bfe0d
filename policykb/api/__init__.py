"""Pieces every app's REST API shares: language, pagination, CSV, access, throttling, errors."""
