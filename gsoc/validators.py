"""Limits on what people type, shared by models and forms."""

from django.core.validators import MaxLengthValidator

# Markdown fields: generous for a real idea (the longest in the 2013 wiki page is about
# 6,000 characters), bounded so that nobody stores or renders megabytes.
MAX_MARKDOWN_LENGTH = 50_000

markdown_length = MaxLengthValidator(MAX_MARKDOWN_LENGTH)
