// Metrics module; see README.md.
