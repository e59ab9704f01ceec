"""The scenario library: products, creditors and their policies, per jurisdiction and language.

Cases are sampled from per-product ranges with the dialogue's Generator, so a
scenario is as reproducible as a persona. Policies differ by product the way
real ones do (a BNPL lender rarely waives, an auto lender allows long plans),
and where a jurisdiction's rules give a creditor another option, by jurisdiction
too (`policies`). A case is written under the run's jurisdiction profile: its
currency, a lender of that country (named in the case's language) and an
amount sized to that currency, so no run mixes one country's lenders or money
with another's. Every lender here is invented; none names a real firm.

Each product carries a schedule (`terms`: the months a loan runs over; for a card, the
balance over its minimum payment), so a case has a contractual instalment and an amount
past due that grows with the days overdue. Policies set the charged-off settlement floor
per product (notes/collections-practice.md, "Debt economics": settlements commonly at 30-70 %
of the balance; a secured car loan settles higher) and a hardship programme ("fixed payment
over 3-5 years").
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from scenarios.acts import Language
from scenarios.case import DebtCase, Product
from scenarios.jurisdiction import Jurisdiction, JurisdictionProfile, profile_for
from scenarios.policy import CreditorPolicy

Names = dict[Language, str]
"""One name in each language: how an en and a zh speaker call the same lender."""


def _firms(*pairs: tuple[str, str]) -> tuple[Names, ...]:
    return tuple({Language.EN: en, Language.ZH: zh} for en, zh in pairs)


class ProductSpec(BaseModel):
    """One product: its names, its lenders per jurisdiction, principal ranges per currency, policy.

    Ranges are scaled to each currency's income level (see `personas.sampling.INCOME_MEDIAN`),
    so a debt is the same size relative to income in every jurisdiction: USD is GBP × 1.25.
    """

    model_config = ConfigDict(frozen=True)

    names: Names
    creditors: dict[Jurisdiction, tuple[Names, ...]]
    principal_range: dict[str, tuple[float, float]] = Field(description="per currency code")
    fee_rate_range: tuple[float, float]
    terms: tuple[int, ...] = Field(
        description="months the principal is scheduled over; instalment = principal / term"
    )
    policy: CreditorPolicy
    policies: dict[Jurisdiction, CreditorPolicy] = Field(
        default_factory=dict, description="a jurisdiction's own policy where its rules differ"
    )


CARD_POLICY = CreditorPolicy(
    max_waiver_fraction=0.6,
    max_installments=12,
    floor_fraction=0.85,
    settlement_floor_fraction=0.5,
    hardship_max_installments=36,
)

LIBRARY: dict[Product, ProductSpec] = {
    Product.CREDIT_CARD: ProductSpec(
        names={Language.EN: "credit card", Language.ZH: "信用卡"},
        creditors={
            Jurisdiction.US: _firms(
                ("Crestline Bank", "克雷斯特兰银行"),
                ("Harbor Card Services", "港湾信用卡服务公司"),
                ("Lakeshore National Bank", "湖岸国民银行"),
            ),
            Jurisdiction.UK: _firms(
                ("Northgate Bank", "诺斯盖特银行"),
                ("Thistledown Card Services", "蓟绒信用卡服务公司"),
                ("Kingsmead Bank", "金斯米德银行"),
            ),
            Jurisdiction.CN: _firms(
                ("Hanchuan Bank Card Centre", "瀚川银行信用卡中心"),
                ("Qinglan Bank", "青岚银行"),
                ("Hengyue Bank", "恒岳银行"),
            ),
        },
        principal_range={"GBP": (800, 6000), "USD": (1000, 7500), "CNY": (2500, 18000)},
        fee_rate_range=(0.05, 0.2),
        terms=(20, 25, 33),  # a minimum payment of 3-5 % of the balance
        policy=CARD_POLICY,
        policies={
            # 《商业银行信用卡业务监督管理办法》(银监会令 2011 年第 2 号) art. 70: a cardholder in real
            # hardship who is still willing to pay may agree a personalised instalment plan
            # (个性化分期) of at most 5 years. notes/collections-practice.md, "China".
            Jurisdiction.CN: CreditorPolicy(
                **CARD_POLICY.model_dump(exclude={"hardship_max_installments"}), hardship_max_installments=60
            ),
        },
    ),
    Product.CONSUMER_LOAN: ProductSpec(
        names={Language.EN: "personal loan", Language.ZH: "消费贷"},
        creditors={
            Jurisdiction.US: _firms(
                ("Bluebridge Lending", "蓝桥贷款公司"),
                ("Prairie Installment Loans", "草原分期贷款公司"),
                ("Kestrel Credit", "红隼信贷"),
            ),
            Jurisdiction.UK: _firms(
                ("Pinewood Finance", "松木金融"),
                ("Hartwell Lending", "哈特韦尔贷款公司"),
                ("Ashcombe Personal Finance", "阿什库姆个人金融"),
            ),
            Jurisdiction.CN: _firms(
                ("Anhe Consumer Finance", "安禾消费金融"),
                ("Hengyu Microcredit", "恒裕小贷"),
                ("Huimin Consumer Finance", "汇民消费金融"),
            ),
        },
        principal_range={"GBP": (1500, 12000), "USD": (1875, 15000), "CNY": (4500, 36000)},
        fee_rate_range=(0.04, 0.15),
        terms=(12, 24, 36, 48),
        policy=CreditorPolicy(
            max_waiver_fraction=0.5,
            max_installments=18,
            floor_fraction=0.85,
            settlement_floor_fraction=0.55,
            hardship_max_installments=48,
        ),
    ),
    Product.BNPL: ProductSpec(
        names={Language.EN: "buy-now-pay-later plan", Language.ZH: "网贷"},
        creditors={
            Jurisdiction.US: _firms(
                ("SplitEasy", "轻松分"),
                ("Tiller Pay", "蒂勒支付"),
                ("Fourfold Pay", "四分付"),
            ),
            Jurisdiction.UK: _firms(
                ("Paylater Co", "佩莱特公司"),
                ("Instalo", "因斯塔洛"),
                ("Tuppence Pay", "两便士支付"),
            ),
            Jurisdiction.CN: _firms(
                ("Huayifu", "花易付"),
                ("Youfenqi", "悠分期"),
                ("Suixinfu", "随心付"),
            ),
        },
        principal_range={"GBP": (150, 1500), "USD": (187.5, 1875), "CNY": (450, 4500)},
        fee_rate_range=(0.02, 0.1),
        terms=(3, 4, 6),
        policy=CreditorPolicy(
            max_waiver_fraction=0.3,
            max_installments=6,
            floor_fraction=0.9,
            latest_first_payment_days=14,
            settlement_floor_fraction=0.6,
            hardship_max_installments=12,
        ),
    ),
    Product.AUTO_LOAN: ProductSpec(
        names={Language.EN: "car loan", Language.ZH: "车贷"},
        creditors={
            Jurisdiction.US: _firms(
                ("Roadstar Auto Credit", "路星汽车信贷"),
                ("Mesa Motor Finance", "梅萨汽车金融"),
                ("Anchor Auto Finance", "锚点汽车金融"),
            ),
            Jurisdiction.UK: _firms(
                ("Motorline Finance", "摩特兰金融"),
                ("Wheelwright Car Finance", "车匠汽车金融"),
                ("Milestone Motor Credit", "里程碑汽车信贷"),
            ),
            Jurisdiction.CN: _firms(
                ("Antu Auto Finance", "安途汽车金融"),
                ("Zhongxing Car Loans", "众行车贷"),
                ("Shunhe Auto Finance", "顺禾汽车金融"),
            ),
        },
        principal_range={"GBP": (3000, 20000), "USD": (3750, 25000), "CNY": (9000, 60000)},
        fee_rate_range=(0.03, 0.1),
        terms=(36, 48, 60),
        policy=CreditorPolicy(
            max_waiver_fraction=0.4,
            max_installments=24,
            min_down_fraction=0.05,
            floor_fraction=0.9,
            settlement_floor_fraction=0.65,
            hardship_max_installments=48,
        ),
    ),
}


FULL_FEES_DAYS = 180
"""Days past due by which the product's fee rate (`fee_rate_range`) has fully accrued."""
FIRST_FEES = 0.25
"""Share of it charged as soon as a payment is missed (the late fee); the rest accrues daily."""


def fee_accrual(overdue_days: int) -> float:
    """Share of the product's fee rate accrued after `overdue_days`: fees grow with the arrears."""
    return FIRST_FEES + (1 - FIRST_FEES) * min(1.0, overdue_days / FULL_FEES_DAYS)


def policy_for(product: Product, jurisdiction: Jurisdiction | str | None = None) -> CreditorPolicy:
    """The creditor's policy for `product`: the jurisdiction's own where it has one, else the product's."""
    spec = LIBRARY[product]
    if jurisdiction is None:
        return spec.policy
    return spec.policies.get(Jurisdiction(jurisdiction), spec.policy)


def sample_case(
    rng: np.random.Generator,
    product: Product,
    language: Language,
    case_id: str,
    customer: tuple[str, str],
    principal_range: tuple[float, float] | None = None,
    profile: JurisdictionProfile | None = None,
) -> DebtCase:
    """A case for `customer` = (full name, salutation), as a lender under `profile` would file it.

    `profile` None: the language's default jurisdiction. The identity digits and then the
    schedule's term are the last draws, so adding them moved none of the amounts drawn before.
    """
    language = Language(language)
    spec, profile = LIBRARY[product], profile or profile_for(None, language)
    lo, hi = principal_range or spec.principal_range[profile.currency]
    principal = round(float(rng.uniform(lo, hi)), 2)
    principal_due = round(principal * float(rng.uniform(0.35, 1.0)), 2)
    fee_rate = float(rng.uniform(*spec.fee_rate_range))
    creditors = spec.creditors[profile.id]
    creditor = creditors[int(rng.integers(len(creditors)))][language]
    overdue_days = int(rng.integers(10, 240))
    fees = round(principal_due * fee_rate * fee_accrual(overdue_days), 2)
    id_last4 = f"{int(rng.integers(0, 10_000)):04d}"
    term = spec.terms[int(rng.integers(len(spec.terms)))]
    return DebtCase(
        case_id=case_id,
        creditor=creditor,
        customer_name=customer[0],
        customer_salutation=customer[1],
        product=product,
        product_name=spec.names[language],
        principal=principal,
        principal_due=principal_due,
        fees_interest=fees,
        overdue_days=overdue_days,
        currency=profile.currency,
        language=language,
        id_last4=id_last4,
        instalment=round(principal / term, 2),
    )
