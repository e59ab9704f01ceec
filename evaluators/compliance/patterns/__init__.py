"""Pattern banks per language, merged: conduct cues (`*_conduct`, `en_pressure`) and dialogue cues.

`BANKS[language]` maps every `Cue` to its `CuePatterns`; `text.compiled` compiles them.
"""

from __future__ import annotations

from evaluators.compliance.cues import Cue, CuePatterns
from evaluators.compliance.patterns.en_conduct import CONDUCT as EN_CONDUCT
from evaluators.compliance.patterns.en_dialogue import DIALOGUE as EN_DIALOGUE
from evaluators.compliance.patterns.en_pressure import PRESSURE as EN_PRESSURE
from evaluators.compliance.patterns.zh_conduct import CONDUCT as ZH_CONDUCT
from evaluators.compliance.patterns.zh_dialogue import DIALOGUE as ZH_DIALOGUE

BANKS: dict[str, dict[Cue, CuePatterns]] = {
    "en": EN_CONDUCT | EN_PRESSURE | EN_DIALOGUE,
    "zh": ZH_CONDUCT | ZH_DIALOGUE,
}
