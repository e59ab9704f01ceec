"""The two parties of a call: how each decides its move and turns it into a turn."""
