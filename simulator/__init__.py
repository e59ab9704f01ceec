"""The engine: dialogue state and graph, agents, backends, noise, and the batch runner."""
