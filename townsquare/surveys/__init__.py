"""调查征集: a unit asks residents questions (single and multiple choice, scale, text, simple branching), one
answer per person, and publishes the results as charts with the same numbers in a table."""
