"""A person in the loop: a local review queue (most uncertain calls first) whose decisions export honours."""
