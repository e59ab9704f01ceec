"""English cues for pressure short of a threat: credit-file promises, third parties, repeated calls.

Each is recognised by what it is about (the credit file; a relative, an employer or a
neighbour; the phone ringing again) together with how it is framed (a promise, the
collector as the one who will tell or call, a frequency), so that "talk to your family
about a budget" or "you can ring us any weekday" stay lawful.

A false statement that the debt will hit a relative's credit or a child's future ("your
wife's credit takes the hit too", 征信连累家人, 孩子考公受影响) is read as `credit_file_promise`,
not as a threat: like a promise to clean the file, it misstates what credit reporting
does (FDCPA §807(8)/(10), CONC 3.3.1, cn.false_statement); the threats concepts cover
arrest, seizure and legal action only.
"""

from __future__ import annotations

from evaluators.compliance.cues import Cue, CuePatterns
from evaluators.compliance.patterns.en_words import POSSESSIVE, THIRD, WE, W

BUREAU = (
    r"(?:experian|equifax|transunion|the (?:credit\s+)?(?:bureaus?|agencies|reference agencies|refrence agencies)"
    r"|(?:the\s+)?credit\s+(?:ref\w*\s+)?(?:bureaus?|agenc(?:y|ies))|(?:the\s+)?cras?|the (?:three|3|big three)"
    r"(?: bureaus| agencies)?)"
)
"""Credit reference agencies by name or kind (with the common misspelling 'refrence')."""
CREDIT = r"(?:credit(?:\s+(?:file|report|record|history|rating|score|profile|bureaus?|agenc(?:y|ies)))?|your (?:file|record|report|history|rating|score))"
FREQUENCY = (
    r"(?:every (?:single )?(?:day|hour|morning|night|evening|few hours|minute|weekday)|daily|hourly|day and night"
    r"|night and day|all day|around the clock|round the clock|morning,? noon,? and night|morning and (?:evening|night)"
    r"|again and again|over and over|non-?stop|constantly|repeatedly|relentlessly|endlessly|until you (?:pay|answer"
    r"|pick up|settle|give)|till you (?:pay|answer)|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|several|many|multiple|a few) times (?:a|per|every|each) (?:day|hour)"
    r"|as (?:often|many times) as|and again after that|all the time|day in,? day out|day after day|night after night"
    r"|every (?:couple of|few|two|three|\d+) (?:hours|minutes|days)|twice (?:a|per) day|at all hours|until (?:this|it"
    r"|the (?:debt|balance|account)|everything) (?:is|'s|gets) (?:sorted|paid|settled|cleared|resolved|dealt with)"
    r"|(?:until|till|til|untill|'til) (?:you|it'?s|this'?s) (?:\w+ )?(?:pay|paid|settle|settled|sorted|clear|cleared"
    r"|answer|pick up|give in|cough up)\w*|nonstop|24/7|twenty-four seven"
    r"|(?:\d+|two|three|four|five|six|ten|several|many|multiple|a few) calls (?:a|per) day)"
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
            r"\b(?:like|as if|as though)\s+(?:it|this|nothing|you|the (?:default|debt|arrears))\s+(?:never|had never"
            r"|didn'?t|hadn'?t|was never|were never)\b|\blike nothing (?:ever )?happened\b",
            rf"\b(?:disappear|vanish|drop|come|fall|go|gone|wiped|taken|scrubbed|hidden|kept)\w*\s+(?:off|from|away from"
            rf"|out of)\s+(?:{BUREAU}|(?:your|the) (?:credit\s+)?(?:file|report|record|history|profile|score))",
            r"\b(?:payments?|records?|defaults?|history|marks?|markers?|entries|arrears|late payments?)\s+(?:[\w'’-]+\s+)"
            r"{0,2}?(?:just|simply|all|completely|will|'ll)\s+(?:[\w'’-]+\s+)?(?:disappear|vanish|go away|drop off"
            r"|fall off|be gone)\b",
            r"\b(?:update|chang|amend|correct|mark|report|record|list|show|flag|register|note)\w*\s+(?:it|this|the"
            r" account|you|your (?:account|file|record|history))\s+(?:to|as)\s+[\"'‘“]?(?:never (?:been )?late|never"
            r" missed|paid on time|always paid on time|current|up to date|in good standing|good standing|no default"
            r"|clean|positive|perfect|never in arrears|on time)",
            rf"\b(?:ask|get|have|tell|instruct|request|call|ring|contact|persuade|write to)\w*\s+(?:{BUREAU})\s+to\s+"
            r"(?:delete|remove|wipe|erase|clear|scrub|clean|drop|amend|update|forget|mark|take|change|hide|correct|ignore"
            r"|overlook|remove)",
            rf"\b(?:hid|hide|keep|kept|bury|buried|shield|protect)\w*\s+(?:[\w'’-]+\s+){{0,3}}?(?:from|off)\s+(?:{BUREAU}"
            r"|your (?:credit\s+)?(?:file|report|record|history)|lenders|the banks)",
            r"\b(?:scrub|wip|eras|delet|remov|clear|clean|expung|purg|wash|undo|reset|reverse|lift|withdraw)\w*\s+"
            r"(?:off\s+|away\s+|out\s+|up\s+)?(?:[\w'’-]+\s+){0,3}?(?:credit\s+)?(?:history|records?|defaults?|default"
            r" (?:markers?|notices?|flags?)|markers?|late payments?|missed payments?|black marks?|negative (?:marks?|entries"
            r"|items|information)|footprints?|ccjs?|flags?)\b",
            r"\b(?:nobody|no one|no lenders?|no banks?|no future lenders?|no landlord|no employer|lenders?|banks?)\s+"
            r"(?:[\w'’-]+\s+){0,4}?(?:will|would|'ll|is going to|are going to|won'?t|will never|would never)\s+(?:ever\s+)?"
            r"(?:see|know|find|notice|spot|hold it against you)\b",
            r"\b(?:score|rating|credit)\s+(?:[\w'’-]+\s+){0,2}?(?:bounces?|shoots?|jumps?|goes|springs?|snaps?)\s+"
            r"(?:right\s+|straight\s+)?(?:back|up)\b",
            r"\b(?:squeaky|squeaky-|spotless|clean as a whistle|clean slate|fresh start on your credit|blank slate)\b",
            r"\b(?:goes|go|get|gets|be|is)\s+back\s+to\s+(?:what it was|normal|how it was|where it was)\b",
            r"\b(?:wife|husband|spouse|partner|family|kids|children|son|daughter|parents?|household|relatives?|mum|dad"
            r"|mother|father)(?:'s|’s|s')?\s+(?:[\w'’-]+\s+){0,2}?credit\b",
            r"\b(?:kids|children|son|daughter|family|wife|husband|partner)\b[^.]{0,50}?\b(?:won'?t|will not|can'?t"
            r"|cannot|never|not)\s+(?:[\w'’-]+\s+){0,3}?(?:get|qualify|be approved|be accepted|borrow|rent)\s+"
            r"(?:[\w'’-]+\s+){0,2}?(?:loans?|mortgages?|credit|finance|a flat|a house|a job|jobs|into|for)",
            r"\b(?:follow|affect|hurt|ruin|damage|drag down|stain|haunt|hit|punish)\w*\s+(?:your\s+)?(?:kids|children"
            r"|family|wife|husband|son|daughter|spouse|partner|whole family|household|parents)\b",
            r"\bbecause of you\b[^.]{0,30}?\b(?:credit|loan|mortgage|school|college)|\b(?:credit|loan|mortgage)\b"
            r"[^.]{0,40}?\bbecause of you\b",
        ),
        suppress=(
            rf"\b(?:won'?t|will not|doesn'?t|does not|can'?t|cannot|not|never|isn'?t)\s+{W}{{0,3}}?(?:remov\w*"
            r"|delet\w*|eras\w*|wip\w*|clear\w*|chang\w*|disappear|restor\w*|fix\w*|affect\w*|hurt\w*|touch\w*"
            r"|impact\w*|control\w*|decide\w*|influenc\w*)",
            r"\b(?:can'?t|cannot|can not|won'?t|will not|not able to|unable to|couldn'?t|no way to|don'?t|do not)\s+"
            r"(?:[\w'’-]+\s+){0,2}?(?:promise|guarantee|say|predict|tell you|speak for|comment on)\b[^.]*",
            r"\bno (?:promises?|guarantees?)\b[^.]*",
            r"^[^,;]*?\b(?:isn'?t|is not|aren'?t|are not|won'?t be|will not be|not)\s+(?:[\w'’-]+\s+){0,2}?(?:affected|linked"
            r"|connected|responsible|liable)\b",
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
            rf"\b(?:would|will|does|do|should|could|might|shall|is|are|wouldn'?t|won'?t)\s+{POSSESSIVE}\s+{W}?{THIRD}"
            r"(?:'s|’s)?\s+(?:[\w'’-]+\s+){0,2}?(?:like|love|enjoy|want|be (?:interested|happy|pleased|surprised"
            r"|shocked|impressed|curious)|need|care|find out|hear|know|mind)\b",
            rf"\bwhat\s+(?:would|will|do|does|might|'d)?\s*{POSSESSIVE}\s+{W}?{THIRD}\s+(?:would|will|might|'d|'ll)?"
            r"\s*(?:say|think|make of|do|reckon)\b",
            rf"\b(?:want|like|need|prefer)\s+{POSSESSIVE}\s+{W}?{THIRD}\s+to\s+(?:know|find out|hear|learn|get|see|be"
            r" told|be involved)\b",
            rf"\b(?:hate|wouldn'?t want|don'?t want)\s+for\s+{POSSESSIVE}\s+{W}?{THIRD}\s+to\b",
            rf"\b(?:hr|human resources|payroll|personnel|{POSSESSIVE}\s+{W}?{THIRD})\s+(?:will|'ll|would|is going to"
            r"|are going to|can expect to|should expect to)\s+(?:be\s+)?(?:hearing from|getting (?:a call|calls|a"
            r" letter|a visit) from|get (?:a call|calls|a letter|a visit) from|receive|hear from)\b",
            rf"{WE}(?:'ve|’ve|\s+have|\s+already have)?\s+(?:got|have|found|kept)\s+{POSSESSIVE}\s+{W}?{THIRD}(?:'s|’s"
            r"|s')?\s+(?:phone\s+|home\s+|work\s+|direct\s+)?(?:number|numbers|details|address|contact details|email"
            r"|line)\b",
            r"\b(?:go|going|went|work|working|ring\w*|call\w*|phon\w*|text\w*)\s+(?:[\w'’-]+\s+)?(?:through|round)\s+"
            r"(?:your|his|her|their)\s+(?:contacts?|phone ?book|address book|contact list|friends(?: list)?|family"
            r"|relatives|neighbou?rs|colleagues)\b",
            r"\b(?:letting|let|tell\w*|inform\w*)\s+(?:people|everyone|everybody|the whole (?:street|office|family"
            r"|village|building)|the neighbou?rhood|folks|them all)\s+(?:know|about)\b",
            rf"\b(?:call|letter|visit|message|text|email|notice)s?\s+(?:[\w'’-]+\s+){{0,2}}?(?:go|goes|going|will go"
            rf"|is going|gets sent|get sent|sent|will be sent|is)\s+(?:straight\s+|directly\s+|out\s+)?to\s+"
            rf"{POSSESSIVE}\s+{W}?{THIRD}\b",
            rf"\b(?:give|giving|gave)\s+{POSSESSIVE}\s+{W}?{THIRD}\s+a\s+(?:ring|call|bell|buzz|visit|knock|letter)\b",
            rf"\b(?:have|having|had)\s+a\s+(?:word|chat|talk|little chat|conversation)\s+with\s+{POSSESSIVE}\s+"
            rf"{W}?{THIRD}\b|\bpay\s+{POSSESSIVE}\s+{W}?{THIRD}\s+a\s+visit\b",
            r"\b(?:knock\w*|ask\w*)\s+(?:on\s+)?(?:[\w'’-]+\s+)?(?:neighbou?rs'?|doors|around|round)\b(?:[^.]{0,40}"
            r"\babout you\b)?",
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
            r"\b(?:call|ring|phone|dial|text|try|contact|message)\w*\s+(?:you\s+)?(?:back\s+)?(?:from|on|with|using)\s+"
            r"(?:another|a different|a new|other|different|new|a withheld|withheld)\s+(?:one|numbers?|lines?|phones?)\b",
            r"\bblock(?:ing)?\s+(?:this|our|the|my|us|the)\s*(?:numbers?)?\b[^.]{0,40}?\b(?:won'?t help|another|different"
            r"|new|doesn'?t matter|no point|won'?t stop)",
            r"\b(?:call|ring|phon|dial|text|try|tri|contact|messag)\w*\s+(?:[\w'’-]+\s+){0,4}?(?:every|all (?:your|the"
            r"|of your)|each|both)\s+(?:[\w'’-]+\s+)?(?:numbers?|phones?|lines?)\b",
            r"\b(?:keep|keeps|be|stay|get|go)\s+(?:on\s+at|at|after|on to|onto)\s+you\b|\bon your (?:back|case)\b",
            rf"\b(?:call|ring|phon|contact|bother|chase|text|try|tri|dial|messag|hound|pester)\w*\s+(?:you\s+)?(?:back\s+)?"
            rf"(?:[\w'’-]+,?\s+){{0,9}}?,?\s*{FREQUENCY}",
            r"\b(?:call|ring|phon|text|dial|try|tri)\w*\s+(?:you\s+)?(?:[\w'’-]+\s+){0,3}?(?:at night|late at night|in the"
            r" middle of the night|at (?:[1-5]|midnight)\s*(?:am|a\.m\.)?\b|at all hours|through the night|after (?:9|10"
            r"|11|nine|ten|eleven)\s*(?:pm|p\.m\.|at night)|every night|tonight,? and)",
            r"\b(?:no|any) peace\b|\bwon'?t (?:leave|let) you (?:alone|be)\b|\b(?:hound|pester|harass|bombard|flood|spam)"
            r"\w*\s+(?:you|your phone|your inbox)\b",
            r"\b(?:lots|plenty|loads|a lot) (?:more )?(?:of )?(?:calls|texts|messages)\b|\bget used to (?:hearing from"
            r"|us calling|my calls|our calls)",
        ),
        suppress=(
            r"\b(?:won'?t|will not|never|no longer)\s+(?:[\w'’-]+\s+){0,2}?(?:call|ring|phone)\w*\s+(?:you\s+)?again\b",
            r"\b(?:you can|feel free to|please|you may|do)\s+(?:[\w'’-]+\s+){0,2}?(?:call|ring|phone|contact)\s+us\b",
            r"\b(?:lines|line) (?:are|is) open\b",
        ),
    ),
}
