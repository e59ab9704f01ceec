"""English cues for pressure short of a threat: credit-file promises, third parties, repeated calls.

Each is recognised by what it is about (the credit file; a relative, an employer or a
neighbour; the phone ringing again) together with how it is framed (a promise, the
collector as the one who will tell or call, a frequency), so that "talk to your family
about a budget" or "you can ring us any weekday" stay lawful.
"""

from __future__ import annotations

from evaluators.compliance.cues import Cue, CuePatterns
from evaluators.compliance.patterns.en_words import POSSESSIVE, THIRD, WE, W

CREDIT = r"(?:credit(?:\s+(?:file|report|record|history|rating|score|profile|bureaus?|agenc(?:y|ies)))?|your (?:file|record|report|history|rating|score))"
FREQUENCY = (
    r"(?:every (?:single )?(?:day|hour|morning|night|evening|few hours|minute|weekday)|daily|hourly|day and night"
    r"|night and day|all day|around the clock|round the clock|morning,? noon,? and night|morning and (?:evening|night)"
    r"|again and again|over and over|non-?stop|constantly|repeatedly|relentlessly|endlessly|until you (?:pay|answer"
    r"|pick up|settle|give)|till you (?:pay|answer)|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|several|many|multiple|a few) times (?:a|per|every|each) (?:day|hour)"
    r"|as (?:often|many times) as|and again after that|all the time|(?:\d+|two|three|four|five|six|ten|several|many|multiple|a few) calls (?:a|per) day)"
)

PRESSURE: dict[Cue, CuePatterns] = {
    Cue.CREDIT_FILE: CuePatterns(
        match=(
            r"\b(?:remov\w*|delet\w*|eras\w*|wip\w*|clear\w*|clean\w*|scrub\w*|expung\w*|purg\w*|disappear\w*"
            r"|vanish\w*|tak\w* (?:it|this|them) off)\b(?:\s+\S+){0,6}?\s+(?:from|off|on)\s+(?:your|the)\s+"
            r"(?:credit\s+)?(?:file|report|record|history|profile)\b",
            rf"\b{CREDIT}\s+(?:[\w'’-]+\s+){{0,3}}?(?:will|'ll|would|is going to|goes|go|gets|get|bounces?)\s+"
            r"(?:[\w'’-]+\s+){0,3}?(?:be\s+)?(?:clean|cleared|clear|spotless|restored|repaired|fixed|perfect|normal"
            r"|good as new|jump\w*|go up|recover\w*|wiped|unaffected|untouched|fine|healthy|back|excellent|great)\b",
            r"\b(?:erases?|wipes?|removes?|clears?|cleans?|deletes?)\s+(?:[\w'’-]+\s+){0,3}?(?:negative|bad|late|missed"
            r"|adverse|default)\s+(?:marks?|entries|records?|payments?|history|markers?)",
            r"\bas (?:if|though) (?:it|this|nothing|you) (?:never|had never|didn'?t|hadn'?t)\b",
            r"\b(?:nothing|no record|no trace|no mark|it won'?t|this won'?t|it will not|this will not|won'?t)\s+"
            r"(?:[\w'’-]+\s+){0,3}?(?:show\w*|appear\w*|be (?:reported|recorded|listed)|stay\w*|turn\w* up)\s+"
            r"(?:up\s+)?(?:on|in)\s+(?:your|the)\s+(?:credit\s+)?(?:file|report|record|history)",
            r"\b(?:won'?t|will not|wouldn'?t)\s+be\s+(?:any|a)\s+(?:trace|record|mark|sign|note|entry)\b",
            r"\b(?:report|mark|record|list)\w*\s+(?:it|this|the account|you)\s+as\s+(?:never late|never missed|paid on"
            r" time|current|in good standing|never (?:missed|overdue|late))",
            r"\b(?:credit (?:bureaus?|agencies|reference agencies)|the bureaus?|the agencies)\s+(?:[\w'’-]+\s+){0,4}?"
            r"(?:never know|never find out|delete|remove|wipe|erase|forget|mark)",
            r"\btell the (?:credit )?(?:bureaus?|agencies) to (?:delete|remove|wipe|erase|clear)",
            r"\b(?:guarantee|promise)\w*\b(?:\s+\S+){0,6}?\s+(?:credit|file|report|record|score)\b",
            r"\b(?:come|comes|coming|drop|drops|fall|falls|wiped|taken)\s+off\s+(?:your|the)\s+(?:credit\s+)?(?:file"
            r"|report|record|history)",
            r"\b(?:report|file|record|history)\s+(?:will\s+)?shows?\s+(?:that\s+)?(?:nothing|no|you were never|you"
            r" never)\b",
            r"\b(?:payments?|records?|defaults?|history|marks?|entries|arrears|late payments?)\s+(?:[\w'’-]+\s+){0,2}?"
            r"(?:will|'ll|would|is going to|are going to|gets?)\s+(?:be\s+)?(?:erased|removed|deleted|wiped|cleared"
            r"|expunged|gone|forgotten)\b",
            r"\b(?:perfect|clean|spotless|flawless|blank)\s+credit\s+(?:record|file|history|score|report|rating)\b",
            r"\b(?:clean|fix|repair|restore|rebuild)\w*\s+(?:up\s+)?(?:your\s+)?credit\s*(?:record|file|score|rating"
            r"|history|report)?\b",
            r"\b(?:improve|boost|raise)\w*\s+(?:your\s+)?credit\s+(?:score|rating)\s+(?:immediately|overnight|straight"
            r" away|right away|instantly|at once)",
        ),
        suppress=(
            rf"\b(?:won'?t|will not|doesn'?t|does not|can'?t|cannot|not|never|isn'?t)\s+{W}{{0,3}}?(?:remov\w*"
            r"|delet\w*|eras\w*|wip\w*|clear\w*|chang\w*|disappear|restor\w*|fix\w*)",
        ),
    ),
    Cue.THIRD_PARTY_PRESSURE: CuePatterns(
        match=(
            rf"{WE}(?:'ll|'d|'m|'re|\s+will|\s+would|\s+can|\s+could|\s+may|\s+might|\s+shall|\s+should|\s+must"
            rf"|\s+am|\s+are|\s+have to|\s+need to)?\s+{W}{{0,3}}?(?:tell\w*|inform\w*|call\w*|ring\w*|phon\w*"
            r"|contact\w*|notify\w*|alert\w*|speak\w* (?:to|with)|talk\w* to|have a word with|let|writ\w* to|email\w*"
            r"|text\w*|messag\w*|visit\w*|reach\w* out to|get in touch with|go to|explain\w*(?:\s+[\w'’-]+){0,3} to"
            r"|drop (?:by|in at|round to)|pop round to|stop by|call round to|come round to|send (?:someone|somebody|a letter"
            r"|letters|people|an agent)(?: round| over)? to|come to|turn up at|show up at|knock on)\s+"
            rf"{W}{{0,2}}?{POSSESSIVE}\s+{W}?{THIRD}\b",
            rf"\b{POSSESSIVE}\s+{W}?{THIRD}\s+{W}{{0,3}}?(?:will|would|might|may|could|is going to|are going to|'ll"
            r"|should|needs? to|ought to|can)\s+(?:[\w'’-]+\s+){0,2}?(?:know|hear|find out|be told|be informed|be"
            r" contacted|be called|learn|like to hear|want to know|be hearing|get a call|see|be interested|like to know"
            r"|want to hear|be curious)",
            rf"\b{POSSESSIVE}\s+{W}?{THIRD}\b.{{0,50}}?\b(?:we|i)\s+{W}{{0,2}}?(?:told|tell|called|call|contacted"
            r"|contact|informed|inform|rang|ring|visited|visit)\b",
            rf"\b{POSSESSIVE}\s+{W}?{THIRD}\s+(?:finding out|hearing|learning|knowing)\b",
            r"\b(?:everyone|everybody|all|people)\s+(?:[\w'’-]+\s+){0,4}?(?:will|would|is going to|are going to|'ll)"
            r"\s+(?:[\w'’-]+\s+){0,2}?(?:know|find out|hear|see|learn)\b",
            r"\b(?:post|publish|put|share|display|advertise|announce|pin)\w*\s+(?:[\w'’-]+\s+){0,6}?(?:debt|arrears"
            r"|name|notice|details)\b.{0,50}?(?:neighbou?rs|social media|facebook|online|public|everyone|internet"
            r"|community|notice ?board)",
            r"\b(?:ask|asking)\s+for you (?:there|at work|at your work)\b",
        ),
        suppress=(
            r"\b(?:won'?t|will not|never|don'?t|do not|not going to|wouldn'?t|would never|not)\s+(?:[\w'’-]+\s+){0,2}?"
            r"(?:tell|inform|call|ring|phone|contact|notify|speak|talk|let|visit|write|discuss|share|know|involve)\w*\b",
            r"\bif you(?:'d| would)? like\b",
        ),
    ),
    Cue.REPEAT_CALLS: CuePatterns(
        match=(
            r"\b(?:keep|keeps|continue|continues|carry on)\s+(?:on\s+)?(?:calling|ringing|phoning|contacting|dial\w*|trying"
            r"|chasing|hounding|bothering|pestering)\b(?!\s+to\s+\w)",
            rf"\b(?:call|ring|phone|contact|bother|chase|text)\w*\s+(?:you\s+)?(?:back\s+)?(?:[\w'’-]+\s+){{0,6}}?,?\s*"
            rf"{FREQUENCY}",
            rf"\b(?:calls?|phone calls?|the phone)\b.{{0,40}}?{FREQUENCY}",
            rf"{FREQUENCY}.{{0,30}}?\b(?:calls?|call you|ring you|phone you|on the phone)\b",
            r"\b(?:won'?t|will not|never|not going to|aren'?t going to)\s+stop\s+(?:calling|ringing|contacting"
            r"|phoning|chasing)",
            r"\bphone\s+(?:[\w'’-]+\s+){0,2}?(?:won'?t|will not|never|isn'?t going to)\s+stop\s+ringing",
            rf"\b(?:hearing|hear)\s+from\s+(?:us|me)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{FREQUENCY}|a lot|several times)",
            r"\btomorrow,? and the day after\b",
            r"\b(?:hear from|hearing from|calls? from)\s+(?:us|me)\s+(?:a lot\s+)?(?:more\s+)?(?:often|frequently)\b",
            r"\bblow up your phone\b",
            r"\b(?:several|many|multiple|lots of|a few|\d+|two|three|four|five|six|ten)\s+calls?\s+(?:a|per|every|each)"
            r"\s+(?:day|hour)\b",
            r"\bcalls?\s+(?:[\w'’-]+\s+){0,3}?(?:keep coming|won'?t stop|will not stop|never stop|will continue"
            r"|don'?t stop|are not going to stop)",
            r"\b(?:won'?t|will not|isn'?t going to)\s+be\s+the\s+last\s+(?:call|time)\b|\bnot the last (?:call|time)\b",
            r"\b(?:from|with|using|on)\s+(?:other|different|new|withheld)\s+numbers\b",
        ),
        suppress=(
            r"\b(?:won'?t|will not|never|no longer)\s+(?:[\w'’-]+\s+){0,2}?(?:call|ring|phone)\w*\s+(?:you\s+)?again\b",
            r"\b(?:you can|feel free to|please|you may|do)\s+(?:[\w'’-]+\s+){0,2}?(?:call|ring|phone|contact)\s+us\b",
            r"\b(?:lines|line) (?:are|is) open\b",
        ),
    ),
}
