"""Building blocks shared by the English pattern banks: gaps, negations, nouns a rule turns on.

Kept as named fragments so a reviewer reads "a negation, up to three words, then an
arrest word" rather than one long expression, and so conduct and dialogue cues agree on
what counts as a third party or a negation.
"""

from __future__ import annotations

W = r"(?:[\w'’-]+\s+)"
"""One word and its trailing space, for bounded gaps: `{W}{{0,3}}`."""
NEG = (
    r"\b(?:no one|nobody|won'?t|will not|wouldn'?t|would not|not going to|never|can'?t|cannot|can not|isn'?t"
    r"|is not|aren'?t|are not|not|no)\b"
)
"""Negations that can cancel a threat; never "don't", which opens its condition ("if you don't pay…")."""
GAP = r"(?:\s+(?!(?:pay|settle|clear|avoid|escape|stop|prevent|help)\b)[\w'’-]+){0,3}?\s+"
"""Up to three words between a negation and what it negates, never across 'pay' or 'avoid'."""
WE = r"\b(?:we|i|someone|somebody|our (?:team|agents?|staff|people|collectors?|field agents?|lawyers?))\b"
POSSESSIVE = r"(?:your|his|her|their|every|each)"
GOODS = (
    r"(?:car|cars|vehicle|van|truck|house|home|flat|apartment|property|properties|belongings|possessions|goods"
    r"|furniture|tv|television|wages?|salary|pay|paycheck|paycheque|earnings|income|benefits|pension|savings"
    r"|bank accounts?|assets|valuables|jewell?ery|stuff|things|tax refund|refund|funds|money|laptop|telly|computer"
    r"|phone|motor|sofa|fridge|bank cards?|debit cards?|pay ?packet|paycheques?|paychecks?|wage packet)"
)
THIRD = (
    r"(?:employer|boss|manager|supervisor|line manager|hr(?: department)?|human resources|workplace|work|office"
    r"|company|colleagues?|co-?workers|family|wife|husband|spouse|partner|parents?|mother|mum|mom|father|dad"
    r"|children|kids|son|daughter|neighbou?rs?|friends?|relatives?|in-laws|brother|sister|landlord|church"
    r"|contacts?(?: list)?|references?|community|school|flatmates?|roommates?)"
)
LEGAL = (
    r"(?:sue|sues|suing|sued|lawsuit|law suit|suit against|file suit|legal proceedings|court proceedings"
    r"|proceedings against|court action|legal action|litigation|take (?:you )?to court|taking (?:you )?to court"
    r"|drag\w* you (?:in)?to court|in court|to court|into court|court (?:papers|date|case|order|claim|summons|hearing)"
    r"|summons|judg(?:e)?ments?|claim against you|file (?:a |the )?claim|filing (?:a |the )?claim|served with"
    r"|issu\w* (?:a |the )?(?:claim|proceedings|writ)|lodg\w* (?:a )?claim|small claims|ccj|pre-action|defending"
    r" a (?:lawsuit|claim)"
    r"|letter before (?:action|claim))"
)
HEDGE = r"\b(?:may|might|could|possibl[ey]|potential(?:ly)?|eventually|if necessary|review\w*|not yet|nothing has been decided)\b"
"""Words that make a statement about legal action a lawful statement of possibility."""
AUTHORITY = (
    r"(?:police|court|courts|sheriff|marshal|district attorney|attorney general|da's office|prosecutor'?s?|fbi|irs"
    r"|internal revenue(?: service)?|hmrc|revenue and customs|tax office|tax authority|department of justice"
    r"|government|fraud unit|law firm|legal firm|judge|magistrates?|bailiffs?|enforcement (?:office|division|unit"
    r"|agency)|state attorney|county|federal|tribunal|dwp|department for work and pensions|ministry of justice"
    r"|crown prosecution(?: service)?|cps|fraud squad|metropolitan police|scotland yard|treasury|homeland security"
    r"|sheriff'?s (?:office|department)|high court|county court|district court|crown court|justice department"
    r"|revenue|tax (?:department|authorities)|court enforcement|attorney general'?s office)"
)
"""Public authorities (and lawyers) a collector must never claim to be or act for."""
