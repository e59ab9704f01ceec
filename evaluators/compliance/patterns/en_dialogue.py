"""English dialogue cues: asking for payment, naming the debt, claiming finality, disclosures.

These cues mean nothing alone — "can you pay something today?" is the purpose of a
normal call — and become findings only in a state of the dialogue (`detect_turns`,
`detect_offers`, `disclosures`): after a dispute, to a wrong party, before the identity
check, against a later concession. Their exceptions are the lawful ways of saying the
opposite ("we won't ask for any payment while it's reviewed").
"""

from __future__ import annotations

from evaluators.compliance.cues import Cue, CuePatterns

DIALOGUE: dict[Cue, CuePatterns] = {
    Cue.PAYMENT_ASK: CuePatterns(
        match=(
            r"\b(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:pay|make (?:a|the|some|any|one) (?:[\w'’-]+\s+)?"
            r"payment|settle|clear|put (?:something|some money|anything|money)|commit|transfer|send)",
            r"\bhow much (?:can|could|would|will) you (?:pay|afford|put|manage|do|send|transfer)\b",
            r"\b(?:what|which)\s+(?:[\w'’-]+\s+)?(?:payment|amount|sum)\s+(?:can|could|would|will)\s+you\b",
            r"\b(?:can|could) you (?:manage|afford|stretch to|do)\b",
            r"\bhow (?:are|will|would|do|can) you (?:going to |planning to |be able to )?(?:pay|clear|settle|cover)\b",
            r"\b(?:what|which) (?:date|day) (?:can|could|will|would) you (?:pay|make)\b",
            r"\b(?:please|you(?:'ll|'d| will| would| still)?\s+(?:must|need to|have to|should|'ve got to|got to|ought"
            r" to)|we need you to|i need you to|we expect you to|i'll need you to)\s+(?:[\w'’-]+\s+){0,3}?(?:pay|settle"
            r"|clear|make a payment|commit)\b",
            r"\bwhy (?:don'?t|not) you\s+(?:[\w'’-]+\s+)?(?:pay|make|send|transfer|settle|clear|put)\b",
            r"\bhow much (?:you(?:'ll| will| can| could)?|are you (?:going|able) to)\s+(?:pay|afford|put|send|manage)\b",
            r"\b(?:pay|send|transfer|put)\s+(?:down\s+)?(?:a|an|some)?\s*(?:small|token|partial|minimum|little|first)?"
            r"\s*(?:amount|sum|bit|deposit)\b",
            r"\b(?:i|we) (?:still )?(?:need|expect|want|require)\s+(?:a|some|the|your|one)?\s*(?:[\w'’-]+\s+)?"
            r"(?:payment|money|commitment|date)\b",
            r"\b(?:make|set up|arrange|agree|put in place|schedule|take|get|sort out|sort|work out|organi[sz]e|discuss"
            r"|talk about)\s+(?:a|the|your|some|any|an|one)?\s*"
            r"(?:[\w'’-]+\s+){0,2}?(?:payment|repayment|instal+ment|plan|arrangement)s?\b",
            r"\b(?:pay|settle|clear)\s+(?:it|this|that|the (?:balance|debt|arrears|amount|account|minimum|rest|bill)"
            r"|what you owe|now|today|half|something|a bit|what you can|the lot|in full|off|up)\b",
            r"\byou\s+(?:still\s+)?owe\b",
            r"\b(?:is|are|remains?|still)\s+(?:still\s+)?(?:owed|due|payable|outstanding and due)\b",
            r"\bpayment (?:is|remains) (?:still )?(?:due|required|expected|needed)\b",
            r"\b(?:goodwill|token|small|partial|minimum|first|one|single)\s+payment\b",
            r"\b(?:has to|must|needs to|need to|got to)\s+be\s+paid\b",
            r"\bneeds paying\b",
            r"\b(?:expect|want|need|require)\w*\s+(?:this|it|that|the (?:debt|balance|account|money|arrears))\s+"
            r"(?:to be\s+)?(?:paid|settled|cleared)\b",
            r"\bcommit(?:ment)?\s+to\s+(?:pay|a payment)\b",
            r"\bpayment date\b",
            r"\b(?:some|any|the) money\s+from\s+you\b",
            r"\b(?:pay|paying|paid)\s+(?:us|me)\b",
            r"\b(?:once|until|after|when) you(?:'ve| have)? paid\b",
            r"\bclear the (?:balance|debt|arrears)\b",
            r"\b(?:must|has to|have to|needs to|need to|got to|'s got to|should)\s+(?:still\s+)?be\s+(?:cleared|settled"
            r"|paid|sorted|brought up to date|dealt with|taken care of|covered|squared|made up)\b",
            r"\b(?:doesn'?t|does not|won'?t|will not)\s+change\s+(?:anything|the fact|what you owe|the balance|a thing"
            r"|the amount)\b",
            r"\b(?:get|have|getting)\s+(?:the|this|that|your|it|things)\s*(?:balance|account|debt|arrears|amount|bill)?"
            r"\s+(?:cleared|settled|paid|sorted|squared|brought up to date|taken care of|paid off)\b",
            r"\bbr(?:ing|ought)\s+(?:the|your|this)\s+(?:account|balance|arrears)\s+up to date\b|\bup to date\s+(?:this"
            r"|by|today|before)\b",
            r"\b(?:due|owed|payable|owing)\s+(?:regardless|anyway|either way|all the same|no matter what|whatever)\b",
            r"\b(?:card|debit card|credit card|bank transfer|transfer|direct debit|cheque|cash)\s+or\s+(?:card|debit card"
            r"|bank transfer|transfer|direct debit|cheque|cash)\b",
            r"\b(?:when|how soon|by when|what day)\s+(?:can|could|will|shall|do)\s+(?:we|i)\s+(?:expect|see|get|receive"
            r"|have)\b",
            r"\bput\s+(?:something|a bit|some money|anything|a few (?:quid|bucks|pounds|dollars)|money|\S+)\s+(?:on|towards"
            r"|against|down|into)\b",
            r"\b(?:a few|some|a little|a couple of)\s+(?:quid|bucks|pounds|dollars|hundred)\s+(?:on|towards|into|off)\b",
            r"\b(?:settle|square|pay)\s+(?:it|this|things|the account|up)\s*(?:up|off)?\b(?!\s+(?:later|after))",
            r"\bhow much (?:can|could|will|would) (?:we|i) (?:put you down for|take|expect)\b",
        ),
        suppress=(
            r"\b(?:no|not any|without any|nothing)\s+(?:[\w'’-]+\s+){0,2}?(?:payments?|money|to pay|amount|is due|is owed)"
            r"(?:\s+(?:is|are|will be|would be)\s+(?:due|owed|needed|required|requested|expected|payable|taken))?",
            r"\b(?:no one|nobody)\s+(?:will|is going to|would|can|should)\s+(?:[\w'’-]+\s+){0,3}?(?:ask|request"
            r"|chase|pursue|expect|require|pay)\w*(?:\s+(?:you\s+)?(?:to\s+|for\s+)?(?:[\w'’-]+\s+){0,2}?pay\w*)?",
            r"(?<!why )\b(?:won'?t|will not|wouldn'?t|not going to|are not|aren'?t|am not|i'?m not|we'?re not|never"
            r"|no longer|don'?t|do not|doesn'?t|does not|needn'?t)\s+(?:[\w'’-]+\s+){0,4}?(?:pay|payment|ask|request|collect"
            r"|chase|pursue|expect|require|need)\w*",
            r"\b(?:paus|suspend|hold|stop|halt|freez)\w*\s+(?:[\w'’-]+\s+){0,3}?(?:collection|payment|pay|chasing"
            r"|recovery|the account)",
        ),
    ),
    Cue.DEBT_MENTION: CuePatterns(
        match=(
            r"\b(?:overdue|debts?|arrears|owes?|owed|owing|outstanding|unpaid|past due|in default|defaulted"
            r"|delinquen\w*|collections?|collecting|repayments?|instal+ments?|balance|bill|bills|late payments?"
            r"|missed payments?|minimum payment)\b",
            r"\b(?:behind|fallen behind|fell behind)\s+(?:on|with)\b",
            r"\bmissed\s+(?:[\w'’-]+\s+){0,3}?(?:payments?|repayments?|instal+ments?|bills?)\b",
            r"\b(?:payments?|repayments?|instal+ments?|bills?)\s+(?:they|he|she|you)\s+(?:missed|haven'?t paid|owe)",
            r"\b(?:loan|card|credit card|mortgage|car|the product)\s+(?:payments?|repayments?|bills?|balance)\b",
            r"\b(?:haven'?t|hasn'?t|have not|has not|didn'?t|did not)\s+(?:[\w'’-]+\s+){0,2}?(?:paid|received|"
            r"made)\s+(?:[\w'’-]+\s+){0,2}?(?:payment|bill)",
            r"\bpayments?\s+(?:is|are|was|were|has been|have been)\s+(?:[\w'’-]+\s+)?(?:late|due|missed|overdue)",
            r"\b(?:money|amount)\s+(?:you|they|he|she)\s+owe",
            r"\b(?:haven'?t|hasn'?t|have not|has not|didn'?t|did not|not)\s+(?:been\s+)?paid\b",
            r"\bsettle\s+(?:the|their|his|her|your)\s+(?:arrears|account|balance|debt)",
        ),
    ),
    Cue.FINALITY: CuePatterns(
        match=(
            r"\b(?:final|last|best and final|absolute final|final and best)\s+(?:offer|deal|terms|figure|price"
            r"|proposal|option|chance|adjustment|revision|position|word|amount|arrangement|plan)\b",
            r"\b(?:terms|offer|figure|deal|amount|plan)s?\s+(?:is|are)\s+(?:\w+\s+)?final\b",
            r"\b(?:that'?s|it'?s|this is) final\b",
            r"\b(?:no|not any|isn'?t any|there'?s no)\s+(?:further\s+|more\s+|other\s+)?(?:room|reductions?|changes?"
            r"|adjustments?|flexibility|movement|concessions?|discounts?|lower option|better offer)\b",
            r"\b(?:will not|won'?t|cannot|can'?t|can not|unable to|not able to)\s+(?:be\s+)?(?:reduced|improved"
            r"|lowered|changed|adjusted|revised|go (?:any )?lower|go below|go further|do (?:any )?better|move|budge"
            r"|change|adjust|reduce)\b",
            r"\b(?:lowest|best|most (?:flexible|generous))\s+(?:[\w'’-]+\s+){0,3}?(?:we|i)\s+(?:will|can|could|are"
            r" allowed to|am allowed to)\s+(?:ever\s+)?(?:go|offer|do)\b",
            r"\b(?:this|that) is (?:the|our|my) (?:lowest|best|most flexible)\b",
            r"\b(?:take it or leave it|now or never|one-time offer|today only|expires? today|not negotiable)\b",
            r"\bnothing (?:better|lower|more)\s+(?:will|can|is going to)\s+be\s+offered\b",
            r"\bas (?:low|far) as (?:i|we)(?:'m| am|'re| are)? (?:can|allowed to|able to)?\s*go\b",
            r"\b(?:lowest|best|final|last|cheapest)\s+(?:figure|offer|deal|price|amount|rate|terms|number|option)\s+(?:that\s+)?"
            r"(?:i|we)(?:'m| am|'re| are| can| could)?\s*(?:able to|allowed to|authori[sz]ed to|permitted to|going to)?"
            r"\s*(?:give|offer|do|go|make|put)\b",
            r"\bno (?:better|lower|cheaper|other|further) (?:deal|offer|option|figure|terms|price|discount)s?\b",
            r"\bas good as it (?:gets|'s going to get|will get)\b|\bwiggle room\b|\bnon-?negotiable\b|\bbottom line\b",
            r"\b(?:won'?t|will not|never)\s+(?:ever\s+)?(?:get|find|see|be offered)\s+(?:a\s+)?(?:better|lower|cheaper)\b",
            r"\b(?:anything|nothing)\s+(?:lower|less|better|cheaper)\b",
            r"\b(?:last|final|only) (?:chance|opportunity)\b|\bthis is it\b|\bfull stop\b|\bend of (?:story|discussion)\b",
        ),
    ),
    Cue.DEBT_AMOUNT: CuePatterns(
        match=(
            r"\b(?:owe|owes|owed|owing|balance|outstanding|debt|arrears|total due|amount due|due|in total|stands at"
            r"|comes to|come to|grown to|risen to|leaves|amount (?:you|to) (?:need|pay)|unpaid|total)\b",
        ),
    ),
    Cue.IDENTITY_REQUEST: CuePatterns(  # asking for the identity check again
        match=(
            r"\b(?:last (?:four|4) digits|date of birth|postcode|post code|zip code|try (?:again|once more|one more"
            r" time)|another go|check your card|one more time|what (?:is|are|'s) your|could you (?:confirm|give|tell))\b",
        ),
    ),
    Cue.RECORDING: CuePatterns(
        match=(
            r"\b(?:call|calls|line|conversation|conversations|this)\b[^.!?]{0,40}?\b(?:recorded|monitored|recording)\b",
            r"\brecord(?:s|ing)?\s+(?:[\w'’-]+\s+){0,2}?(?:calls?|conversations?)\b",
            r"\brecorded line\b",
            r"\bfor (?:quality|training)(?: and (?:training|quality|monitoring))? purposes\b",
        ),
        suppress=(r"\b(?:not|isn'?t|won'?t be|never)\s+(?:being\s+)?recorded\b",),
    ),
    Cue.DEBT_COLLECTOR: CuePatterns(
        match=(
            r"\battempt(?:ing|s)?\s+to\s+collect\s+(?:a|the|this)?\s*debt\b",
            r"\bdebt collect(?:or|ors|ion agency|ion call|ion communication)\b",
            r"\binformation\s+(?:[\w'’-]+\s+){0,3}?(?:will|may|shall|is going to)\s+be\s+used\s+(?:for|to)\s+"
            r"(?:that|this|the)?\s*(?:purpose|collect)",
            r"\bcollecting\s+(?:a|the|this)\s+debt\b",
            r"\bcommunication from a debt collector\b",
        ),
    ),
    Cue.IDENTIFY_FIRM: CuePatterns(match=(r"\bfirmname\b",)),  # the creditor's name, replaced by the judge
}
