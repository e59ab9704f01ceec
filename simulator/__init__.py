"""The engine: dialogue state and graph, agents, backends, noise, runner and CLI."""
