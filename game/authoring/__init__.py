"""Tools for scenario authors: validation with line numbers, inheritance, templates, schema."""
