// The MIMI module; see README.md.
