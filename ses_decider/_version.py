# Kept in step with pyproject.toml by a test; used where package metadata is absent (frozen app).
VERSION = "0.1.0"
