"""The app layer: the commands and stages that wire the domain, the engine and the judges together."""
