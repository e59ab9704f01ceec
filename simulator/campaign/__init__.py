"""A multi-contact campaign: one account worked over simulated days.

One debtor (persona + case) is dialled day after day. Each attempt ends in no
answer, a wrong party or the right party (`attempts`); the dialler keeps every
attempt inside the jurisdiction's calling hours and contact-frequency limits
(`schedule`); a right-party contact is a real dialogue on the same engine as a
single call, remembering the earlier contacts (`simulator.contact_history` on the
dialogue context, and `followup`); an agreed plan's payments are kept or broken
by the repayment model (`simulator.repayment`), and the account cures or rolls
as the days pass (`account`). `loop` runs one account, `batch` a run directory.

The engine's core never imports this package (its settings live in
`simulator.config.CampaignConfig`, the contact record in `simulator.contact_history`),
so it sits above the core with no cycle; this file imports nothing.
"""
