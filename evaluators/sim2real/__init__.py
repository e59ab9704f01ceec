"""How far simulated calls are from real ones, feature by feature, with bootstrap CIs (`debtsim sim2real`)."""

from evaluators.sim2real.compare import FeatureResult, compare_runs
from evaluators.sim2real.features import CallFeatures, call_features

__all__ = ["CallFeatures", "FeatureResult", "call_features", "compare_runs"]
