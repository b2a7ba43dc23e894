"""Parsers: the only code that reads text. Each turns a file into an immutable model with Spans."""
