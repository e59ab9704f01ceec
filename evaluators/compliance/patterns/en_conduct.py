"""English conduct cues: threats, abuse, impersonation, credit-file promises, third parties, repeat calls.

Each cue pairs a broad vocabulary (arrest, jail, seize, garnish, sue, idiot, officer of
the court…) with structural forms for indirect phrasings ("your car won't be in the
driveway"), and cancels reassurances ("nobody is going to arrest you"), advice to a
fraud victim ("send us your police report"), and lawful hedged statements ("may be
referred for legal review"). Matching is per clause, case-insensitive.
"""

from __future__ import annotations

from evaluators.compliance.cues import Cue, CuePatterns
from evaluators.compliance.patterns.en_words import (
    AUTHORITY,
    GAP,
    GOODS,
    HEDGE,
    LEGAL,
    NEG,
    POSSESSIVE,
    W,
)

ARREST = (
    r"(?:arrest\w*|jail\w*|prison|gaol|imprison\w*|incarcerat\w*|behind bars|locked up|lock you up|custody|detain\w*"
    r"|detention|handcuff\w*|in a cell|criminal\w*|crime|prosecut\w*|police|cops?|warrants?|felony|misdemeanou?r"
    r"|offen[cs]e|charged|law enforcement|the authorities)"
)

CONDUCT: dict[Cue, CuePatterns] = {
    Cue.THREAT_ARREST: CuePatterns(
        match=(
            rf"\b{ARREST}\b",
            r"\b(?:officers?|sheriff|deputies)\s+(?:will|would|are going to|'ll|are coming|can|could|may)\s+"
            rf"{W}{{0,3}}(?:come|visit|arrest|pick you up|be (?:at|round|called|sent|dispatched)|knock|show up"
            r"|turn up|take you|detain|charge|be waiting)",
            r"\b(?:charge you|have you charged|press(?:ing)? charges|put you away|go down for|time inside)\b",
            r"\byou(?:'re| are| were|'ve been| have been)?\s+(?:[\w'’-]+\s+){0,2}?(?:committing|commit|guilty of|accused"
            r" of)\s+(?:[\w'’-]+\s+)?(?:fraud|a crime|theft|an offen[cs]e)\b",
            r"\b(?:this|that|it|what you'?re doing) is (?:[\w'’-]+\s+)?(?:fraud|theft|stealing|a crime|illegal)\b",
            r"\bfraud investigation\b",
            r"\b(?:dispatch\w*|send\w*)\s+(?:[\w'’-]+\s+){0,2}?officers?\b",
            r"\b(?:do|doing|did|serve|serving|facing)\s+(?:some\s+|hard\s+|real\s+)?(?:time|a stretch|a sentence|jail"
            r" time|prison time|porridge|bird)\b(?!\s+(?:to|for you to)\s+(?:talk|pay|think|decide))",
            r"\b(?:sent down|banged up|nicked|lifted by|picked up by|taken in|booked|thrown in|put inside|go inside"
            r"|locked away|in the (?:slammer|clink|nick|can|pen|lockup|cells|dock))\b",
            r"\b(?:report\w*|hand\w*|pass\w*|refer\w*|turn\w*)\s+(?:you\s+)?(?:in\s+)?(?:[\w'’-]+\s+){0,3}?(?:to|over to)"
            r"\s+(?:the\s+)?(?:police|cops|authorities|fraud squad|fbi|law enforcement)\b",
            r"\b(?:police|cops|officers?|sheriff)\s+(?:[\w'’-]+\s+){0,3}?(?:will|'ll|are going to|is going to|might|could"
            r"|can|may)\s+(?:[\w'’-]+\s+){0,2}?(?:call|visit|come|knock|turn up|show up|be round|be in touch|contact"
            r"|pay you a visit|be looking|want a word)",
        ),
        suppress=(
            rf"{NEG}{GAP}(?:be\s+)?{ARREST}",
            r"\b(?:no|not (?:a|any))\s+(?:criminal|police|arrest)\b",
            r"\bcivil (?:matter|debt|issue)\b",
            r"\bcrime (?:reference|number|report|ref)\b",
            r"\bpolice (?:report|reference|receipt|case number)\w*\b",
            r"\b(?:from|by|with|at|of)\s+(?:[\w.'’-]+\s+){0,3}?(?:the\s+)?(?:[\w'’-]+\s+)?police\b",
            r"\bpolice\b(?=[^.]{0,40}\b(?:reference|report|receipt|case number|crime number)\b)",
            r"\b(?:identity[- ]theft|fraud|crime) report\b[^.]{0,60}\bpolice\b",
            r"\b(?:you|please)\b(?:,?\s+[\w'’-]+){0,6}?,?\s+(?:to|with)\s+the\s+police\b",
            r"\b(?:fraud team|fraud department|fraud unit|identity fraud|identity theft|fraud prevention|fraud case"
            r"|our fraud)\b",
        ),
    ),
    Cue.THREAT_SEIZURE: CuePatterns(
        match=(
            r"\b(?:seiz\w*|garnish\w*|repossess\w*|repo man|repo|confiscat\w*|impound\w*|distrain\w*|levy|levies|liens?"
            r"|attachment of earnings|charging order|auction\w*|foreclos\w*|evict\w*|intercept\w*)\b",
            rf"\b(?:bailiffs?|enforcement (?:agents?|officers?))\s+{W}{{0,2}}?(?:will|would|are going to|'ll|are coming"
            r"|come|round|to your|can)\b|\b(?:send|sending|instruct\w*)\s+(?:in\s+)?(?:the\s+)?(?:bailiffs?|enforcement)",
            r"\b(?:take|taking|took|remove|removing|sell|selling|empty|emptying|drain|clean out|freeze|freezing|dock"
            r"|docking|deduct\w*|grab|go after|going after|come after|coming after|clear\w* out|strip\w*|raid\w*"
            rf"|lose|losing)\s+{W}{{0,3}}{POSSESSIVE}\s+{W}?{GOODS}\b",
            r"\b(?:lose|losing)\s+(?:the|your)\s+(?:house|home|car|flat|property)\b",
            rf"\b{POSSESSIVE}\s+{W}?{GOODS}\s+{W}{{0,3}}(?:will|would|is going to|are going to|gets?|get)?\s*"
            r"(?:be\s+)?(?:seiz\w*|taken|frozen|garnish\w*|repossess\w*|sold|deducted|docked|emptied|confiscat\w*"
            r"|auctioned|removed|attached|impounded|towed|intercepted)\b",
            rf"\b(?:freez\w*|frozen|empty\w*|drain\w*|block\w*)\s+{W}{{0,2}}?{POSSESSIVE}\s+(?:bank\s+)?accounts?\b",
            r"\b(?:deducted|docked|taken)\s+(?:straight\s+|directly\s+)?(?:from|out of)\s+(?:your|his|her|their)\b",
            r"\btake\s+(?:the\s+)?(?:funds|money|it)\s+(?:straight\s+|directly\s+)?(?:from|out of)\s+your\b",
            rf"\b(?:take|taking|get|getting|collect\w*)\s+(?:the|your)\s+{GOODS}\s+back\b",
            r"\byour (?:car|vehicle|van|truck|furniture|things)\s+(?:[\w'’-]+\s+){0,2}?(?:won'?t be|will not be|isn'?t"
            r"|is not|might not be|may not be|is not going to be)\s+(?:there|in the driveway|in|outside|parked|yours)\b",
            rf"\b(?:have|get|getting|having|had)\s+{POSSESSIVE}\s+{W}?(?:{GOODS}|accounts|cards?|bank cards?|debit cards?)"
            r"\s+(?:[\w'’-]+\s+)?(?:frozen|seized|taken|garnished|repossessed|blocked|emptied|drained|auctioned|sold"
            r"|towed|impounded|confiscated|attached|docked|stopped|cleaned out|locked)\b",
            rf"\b(?:com\w*|tak\w*|deduct\w*|go\w*|disappear\w*|leav\w*|pull\w*)\s+(?:straight\s+|directly\s+|right\s+)?"
            rf"(?:out of|from|off)\s+{POSSESSIVE}\s+{W}?(?:wages?|salary|pay|paycheck|paycheque|pay ?packet|accounts?"
            r"|bank|benefits|pension|earnings|savings)\b",
            rf"\b(?:put\w*|plac\w*|slap\w*|get\w*|register\w*|secur\w*|whack\w*)\s+(?:a\s+)?(?:charge|charging order"
            rf"|lien|levy|hold|freeze|restriction)\s+(?:on|against|over)\s+{POSSESSIVE}\s+{W}?{GOODS}",
            r"\b(?:take|taking|took|grab\w*|remov\w*|seize|carry off|cart off|load up|haul off|walk off with)\s+(?:away\s+)?"
            r"(?:the|your)\s+(?:tv|telly|television|laptop|car|furniture|sofa|fridge|computer|jewell?ery|van|motor"
            r"|valuables|phone|stuff|belongings|things)\b",
            r"\b(?:whatever(?:'s|’s| is)|anything|everything)\s+(?:[\w'’-]+\s+)?(?:worth|of value|valuable|in there"
            r"|you own|in the house)\b",
            rf"\bdeductions?\s+(?:from|off|on|out of)\s+{POSSESSIVE}\s+{W}?(?:wages?|salary|pay|benefits|pension"
            r"|earnings)\b|\battach\w*\s+(?:your|his|her)\s+(?:earnings|wages|salary|account)\b",
            rf"\b{POSSESSIVE}\s+(?:employer|boss|payroll|bank)\s+(?:will|'ll|is going to|can)\s+(?:be\s+)?(?:ordered|made"
            r"|told|forced|required)\s+to\s+(?:pay|deduct|hand|freeze|take)\b|\b(?:at source|wage arrestment"
            r"|bank arrestment|third party debt order)\b",
        ),
        suppress=(
            rf"{NEG}{GAP}(?:be\s+)?(?:seiz\w*|take\w*|taken|garnish\w*|repossess\w*|freez\w*|frozen|touch\w*"
            r"|confiscat\w*|sell\w*|sold|remov\w*|lose|losing)",
            r"\b(?:no|not any)\s+(?:bailiffs?|enforcement|seizure)\b",
            r"\bdirect debit\b",
        ),
    ),
    Cue.THREAT_LEGAL: CuePatterns(
        match=(
            rf"\b{LEGAL}\b",
            r"\b(?:lawyers?|attorneys?|solicitors?|legal (?:team|department))\s+(?:are|is|will|'ll)\s+(?:[\w'’-]+\s+)?"
            r"(?:starting|filing|preparing|drafting|start|file|be in touch|contact(?:ing)? you|come after)\b",
            r"\bfinal (?:warning|notice) before\b",
        ),
        suppress=(rf"{NEG}{GAP}(?:be\s+)?(?:{LEGAL}|sue|suing|take you|start|file|begin)",),
        hedges=(HEDGE,),
    ),
    Cue.ABUSE: CuePatterns(
        match=(
            r"\b(?:idiots?|idiotic|stupid|morons?|moronic|imbeciles?|dumb|dumbass|dimwits?|deadbeats?|losers?|scum\w*"
            r"|pathetic|useless|worthless|liars?|lying|cheats?|cheating|freeloaders?|scroungers?|parasites?"
            r"|leech(?:es)?|bums?|lazy|clowns?|fools?|foolish|disgrace\w*|shameless|spineless|trash|garbage|cowards?"
            r"|lowlifes?|low-lifes?|crooks?|thie(?:f|ves)|bastards?|bitch\w*|assholes?|arseholes?|jerks?|pricks?"
            r"|crap|shit\w*|fuck\w*|f\*+\w*|damn\w*|hell|bloody|piss\w*|wankers?|tossers?|numpty|pigs?|sponger"
            r"|degenerates?|disgusting|retard\w*|jackass|dense|thick-headed|selfish|irresponsible|childish)\b",
            r"\bshut (?:up|your mouth|it)\b",
            r"\bwaste of (?:[\w'’-]+\s+)?(?:time|space|oxygen|air)\b",
            r"\byou'?re (?:so |such an? |really |just )?(?:thick|dense|slow|dim|simple|hopeless|a child|a baby)\b",
            r"\b(?:grow up|man up|grow a spine)\b",
            r"\b(?:quit|stop) (?:whining|crying|moaning|whingeing|whinging|your excuses|making excuses|lying|wasting"
            r" my time|playing dumb|pretending|acting)\b",
            r"\bwhat(?:'s| is) wrong with you\b",
            r"\bare you (?:deaf|stupid|dumb|thick|slow|an idiot|kidding me|simple|mad|crazy)\b",
            r"\b(?:people|folks) like you\b",
            r"\byou people\b",
            r"\b(?:ashamed of yourself|shame on you|how dare you|don'?t you dare|who do you think you are)\b",
            r"\bget (?:a (?:real )?job|your act together|a grip|lost)\b",
            r"\bwaste of (?:space|oxygen|air)\b",
            r"\bdon'?t give me that\b",
            r"\bsick (?:and tired )?of (?:you|your)\b",
            r"\bnobody (?:cares|believes you)\b",
            r"\byou'?re (?:a|an|such a|such an|an absolute|a complete|a total|a real) (?:absolute |complete |total |real )?"
            r"(?:joke|disappointment|failure|embarrassment|mess|nightmare|waste|con artist|fraud|chancer|sponger"
            r"|scrounger|layabout|waster|lowlife|dosser|nobody)\b",
            r"\b(?:what kind|what sort|what type) of (?:a )?(?:grown )?(?:adult|person|man|woman|human|parent|father"
            r"|mother|idiot|people)\b|\bgrown (?:adult|man|woman)s? (?:can'?t|who can'?t|that can'?t)\b",
            r"\b(?:stop|quit|don'?t|do not|enough of)\s+(?:play|playing|acting)\s+(?:the victim|dumb|games|silly buggers"
            r"|the fool|innocent|stupid|the martyr)\b|\bplaying the victim\b",
            r"\b(?:typical|classic|same old|usual)\s+(?:deadbeat|loser|scrounger|excuses|lies|nonsense|rubbish|sob story)\b",
            r"\b(?:sponging|scrounging|freeloading|mooching|leeching)\b|\bsponge off\b",
            r"\b(?:are you|you) (?:thick|simple|slow|dim|daft|mental|dense) (?:or something|in the head)\b|\bare you thick\b",
            r"\byou (?:people|lot|types?) (?:are all|are|always)\b",
            r"\b(?:wtf|stfu|ffs|pos|fk|fkn|fking|effing|frigging|freaking|bloody hell|for god'?s sake|shite|bollocks"
            r"|sod off|piss off|get stuffed|naff off)\b",
            r"\b(?:have|has) (?:no|zero) (?:shame|self-respect|decency|morals|integrity|backbone)\b",
        ),
        suppress=(
            r"\b(?:don'?t|do not|never|no need to|shouldn'?t)\s+(?:feel|think you'?re|think you are)\s+"
            rf"{W}{{0,2}}(?:stupid|foolish|ashamed|useless|dumb|worthless|selfish|irresponsible)",
            r"\b(?:nothing|not) to be ashamed\b",
            rf"\b(?:not|never)\s+(?:calling|saying|suggesting)\s+you{W}{{0,3}}",
        ),
    ),
    Cue.VIOLENCE: CuePatterns(
        match=(
            r"\bwe know where you (?:live|work|sleep)\b",
            r"\byou(?:'ll| will) (?:regret|be sorry)\b",
            r"\bwatch (?:your|yourself|out)\b(?! for)",
            r"\bor else\b",
            r"\bmake your life (?:hell|a (?:living )?hell|a misery|miserable|difficult)\b",
            r"\b(?:hurt|harm|beat|break)\s+(?:you|your)\b",
            r"\bsomething (?:bad|unfortunate|nasty) (?:will|might|could|is going to) happen\b",
            r"\b(?:pay up or|pay the price)\b",
        ),
        suppress=(rf"{NEG}{GAP}(?:hurt|harm|regret)",),
    ),
    Cue.IMPERSONATION: CuePatterns(
        match=(
            rf"\b(?:this is|i'?m|i am|we'?re|we are|my name is|it'?s|you'?re speaking (?:to|with)|speaking[,:]?)\s+"
            rf"{W}{{0,3}}?(?:officer|detective|sergeant|constable|inspector|federal agent|special agent|judge"
            r"|magistrate|marshal|sheriff|deputy|bailiffs?|prosecutor|court officer|enforcement officer)\b",
            rf"\b(?:calling|ringing|phoning|speaking|call|message|letter|notice|contacting you|here)\s+{W}{{0,2}}?"
            rf"(?:from|on behalf of|for|with|by|representing)\s+(?:the\s+)?(?:[\w.'’-]+\s+){{0,3}}?{AUTHORITY}\b",
            rf"\b(?:we are|we'?re|i am|i'?m|this is)\s+(?:with\s+|from\s+|at\s+|part of\s+)?the\s+{W}{{0,2}}?"
            r"(?:police|court|courts|sheriff'?s? office|government|state|county|federal|magistrates?|tribunal)\b",
            rf"\b(?:division|department|office|unit|branch|section|team|firm)\s+(?:of|for|representing)\s+the\s+"
            rf"{W}{{0,2}}?(?:police|court|courts|government|sheriff|magistrates?|state)\b",
            r"\bwork(?:s|ing)? (?:for|with) the (?:police|court|courts|government|state|county|sheriff)\b",
            rf"\bas an? (?:agent|officer|representative|official) (?:of|for) the\s+{W}{{0,2}}?{AUTHORITY}\b",
            rf"\b(?:this is|it'?s)\s+{W}{{0,2}}?(?:judge|sheriff|magistrate|district attorney)'?s? (?:office|chambers)\b",
            r"\b(?:court[- ]appointed|officer of the court)\b",
            r"\b(?:acting|here) (?:under|on) (?:a )?court order\b",
            r"\bon (?:the )?instructions? (?:of|from) the court\b",
            r"\b(?:legal|official) notice from the (?:court|police|government)\b",
            rf"\bwork(?:s|ing)?\s+(?:closely\s+)?(?:for|with|alongside|together with|hand in hand with|on behalf of|in"
            rf" partnership with|in conjunction with)\s+(?:the\s+)?{W}{{0,2}}?{AUTHORITY}",
            rf"\b(?:authori[sz]ed|instructed|appointed|sent|assigned|commissioned|mandated|empowered|deputi[sz]ed"
            rf"|contracted|engaged|licensed)\s+by\s+(?:the\s+)?{W}{{0,2}}?{AUTHORITY}",
            rf"\b(?:the\s+)?{AUTHORITY}\s+(?:has|have|'s|'ve)\s+(?:[\w'’-]+\s+)?(?:authori[sz]ed|instructed|appointed"
            r"|asked|sent|assigned|passed|handed|given|referred)\s+(?:us|me|this|your (?:case|file|account))",
            rf"\b(?:on behalf of|for|representing)\s+(?:the\s+)?{W}{{0,3}}?(?:court|courts|police|sheriff|hmrc|irs"
            r"|government|magistrates|tax office|attorney general)\b",
            rf"\b(?:i'?m|i am|we'?re|we are|this is|it'?s)\s+(?:an?\s+|the\s+)?{W}{{0,2}}?(?:legal|court|enforcement|tax"
            r"|revenue|government|federal|state|police|judicial) (?:officer|official|agent|investigator|inspector"
            r"|enforcement officer|collector)\b",
            rf"\b(?:speaking|talking) (?:to|with) (?:the\s+)?{W}{{0,2}}?{AUTHORITY}\b",
        ),
        suppress=(
            rf"\b(?:not|never|isn'?t|aren'?t)\s+(?:a|an|the|from the|with the|calling from the)?\s*{W}{{0,2}}?"
            r"(?:police|court|officer|bailiff|government|judge|sheriff)",
        ),
    ),
    Cue.ATTORNEY: CuePatterns(
        match=(
            rf"\b(?:this is|i'?m|i am|we'?re|we are|speaking as)\s+(?:a|an|the|your|their|his|her|firmname'?s?)\s+"
            rf"{W}{{0,2}}?(?:attorneys?|lawyers?|solicitors?|barristers?|legal counsel|counsel|law firm)\b",
            r"\b(?:attorney|solicitor|lawyer)s? at law\b",
            r"\b(?:this is|my name is)\s+[\w'’-]+(?:\s+[\w'’-]+)?,?\s+(?:an?\s+)?(?:attorney|lawyer|solicitor|barrister)\b",
            rf"\bas\s+{W}{{0,3}}?(?:lawyer|attorney|solicitor|legal counsel)\b",
            rf"\b(?:calling|ringing|phoning)\s+{W}{{0,2}}?from\s+(?:the\s+)?{W}{{0,2}}?(?:law firm|law office|chambers)\b",
            r"\b(?:i'?m|i am|we'?re|we are) (?:instructed|retained) (?:in|on|for) your (?:case|matter)\b",
        ),
        suppress=(r"\b(?:not|never)\s+(?:a|an|your)?\s*(?:lawyer|attorney|solicitor)\b",),
    ),
}
