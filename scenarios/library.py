"""The scenario library: products, creditors and their policies, in zh and en.

Cases are sampled from per-product ranges with the dialogue's Generator, so a
scenario is as reproducible as a persona. Policies differ by product the way
real ones do (a BNPL lender rarely waives, an auto lender allows long plans).
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict

from scenarios.acts import Language
from scenarios.case import DebtCase, Product
from scenarios.policy import CreditorPolicy


class ProductSpec(BaseModel):
    """Per-language ranges are scaled to that language's income level (see personas.sampling),
    so a zh run and an en run face debts of the same relative size."""

    model_config = ConfigDict(frozen=True)

    names: dict[Language, str]
    creditors: dict[Language, tuple[str, ...]]
    principal_range: dict[Language, tuple[float, float]]
    fee_rate_range: tuple[float, float]
    policy: CreditorPolicy


CURRENCY = {Language.EN: "GBP", Language.ZH: "CNY"}

LIBRARY: dict[Product, ProductSpec] = {
    Product.CREDIT_CARD: ProductSpec(
        names={Language.EN: "credit card", Language.ZH: "信用卡"},
        creditors={
            Language.EN: ("Northgate Bank", "Harbor Card Services", "Crestline Bank"),
            Language.ZH: ("华信银行", "东方银行信用卡中心", "瑞丰银行"),
        },
        principal_range={Language.EN: (800, 6000), Language.ZH: (2500, 18000)},
        fee_rate_range=(0.05, 0.2),
        policy=CreditorPolicy(max_waiver_fraction=0.6, max_installments=12, floor_fraction=0.85),
    ),
    Product.CONSUMER_LOAN: ProductSpec(
        names={Language.EN: "personal loan", Language.ZH: "个人消费贷款"},
        creditors={
            Language.EN: ("Pinewood Finance", "Bluebridge Lending", "Kestrel Credit"),
            Language.ZH: ("安信消费金融", "恒通小贷", "汇民消费金融"),
        },
        principal_range={Language.EN: (1500, 12000), Language.ZH: (4500, 36000)},
        fee_rate_range=(0.04, 0.15),
        policy=CreditorPolicy(max_waiver_fraction=0.5, max_installments=18, floor_fraction=0.85),
    ),
    Product.BNPL: ProductSpec(
        names={Language.EN: "buy-now-pay-later plan", Language.ZH: "先买后付分期"},
        creditors={
            Language.EN: ("Paylater Co", "SplitEasy", "Tiller Pay"),
            Language.ZH: ("花易付", "乐分期", "随心付"),
        },
        principal_range={Language.EN: (150, 1500), Language.ZH: (450, 4500)},
        fee_rate_range=(0.02, 0.1),
        policy=CreditorPolicy(
            max_waiver_fraction=0.3, max_installments=6, floor_fraction=0.9, latest_first_payment_days=14
        ),
    ),
    Product.AUTO_LOAN: ProductSpec(
        names={Language.EN: "car loan", Language.ZH: "汽车贷款"},
        creditors={
            Language.EN: ("Motorline Finance", "Roadstar Auto Credit", "Anchor Auto Finance"),
            Language.ZH: ("顺驰汽车金融", "安途汽车金融", "众行车贷"),
        },
        principal_range={Language.EN: (3000, 20000), Language.ZH: (9000, 60000)},
        fee_rate_range=(0.03, 0.1),
        policy=CreditorPolicy(
            max_waiver_fraction=0.4, max_installments=24, min_down_fraction=0.05, floor_fraction=0.9
        ),
    ),
}


def policy_for(product: Product) -> CreditorPolicy:
    return LIBRARY[product].policy


def sample_case(
    rng: np.random.Generator,
    product: Product,
    language: Language,
    case_id: str,
    customer: tuple[str, str],
    principal_range: tuple[float, float] | None = None,
) -> DebtCase:
    """A case for `customer` = (full name, salutation), as the creditor's file would hold it."""
    spec, language = LIBRARY[product], Language(language)
    lo, hi = principal_range or spec.principal_range[language]
    principal = round(float(rng.uniform(lo, hi)), 2)
    principal_due = round(principal * float(rng.uniform(0.35, 1.0)), 2)
    fees = round(principal_due * float(rng.uniform(*spec.fee_rate_range)), 2)
    creditors = spec.creditors[language]
    return DebtCase(
        case_id=case_id,
        creditor=creditors[int(rng.integers(len(creditors)))],
        customer_name=customer[0],
        customer_salutation=customer[1],
        product=product,
        product_name=spec.names[language],
        principal=principal,
        principal_due=principal_due,
        fees_interest=fees,
        overdue_days=int(rng.integers(10, 240)),
        currency=CURRENCY[language],
        language=language,
    )
