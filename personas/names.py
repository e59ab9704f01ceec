"""Synthetic name, occupation and region pools, per language.

Pools are plain tuples so sampling is one integer draw; they are deliberately
generic so no sampled identity points at a real person.
"""

from __future__ import annotations

EN_GIVEN = {
    "female": (
        "Emma", "Olivia", "Sophia", "Grace", "Chloe", "Hannah", "Megan", "Laura", "Rachel", "Naomi",
        "Julia", "Alice", "Fiona", "Irene", "Kate", "Linda", "Monica", "Paula", "Rosa", "Tina",
    ),
    "male": (
        "James", "Daniel", "Michael", "David", "Ryan", "Kevin", "Brian", "Peter", "Mark", "Jason",
        "Owen", "Eric", "Simon", "Victor", "Adam", "Colin", "Frank", "Gavin", "Henry", "Luke",
    ),
}
EN_FAMILY = (
    "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Walker",
    "Wright", "Hughes", "Green", "Hall", "Wood", "Clarke", "Turner", "Hill", "Moore", "Cooper",
    "Ward", "Morris", "King", "Baker", "Harris", "Lewis", "Young", "Allen", "Scott", "Price",
)
ZH_FAMILY = (
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
)
ZH_GIVEN = {
    "female": ("静", "丽", "芳", "敏", "婷", "雪", "慧", "娜", "佳怡", "晓红", "秀英", "梦琪", "欣然", "雅琴"),
    "male": ("伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "建国", "志明", "浩然", "俊杰", "子轩", "宇航"),
}
OCCUPATIONS = {
    "en": (
        "warehouse worker", "nurse", "delivery driver", "teacher", "shop owner", "software tester",
        "electrician", "accountant", "chef", "sales associate", "freelance designer", "bus driver",
        "hairdresser", "construction worker", "office clerk", "retired", "student", "mechanic",
    ),
    "zh": (
        "仓库管理员", "护士", "快递员", "教师", "个体店主", "软件测试", "电工", "会计", "厨师",
        "销售", "自由设计师", "公交司机", "理发师", "建筑工人", "文员", "退休", "学生", "汽修工",
    ),
}
REGIONS = {
    "en": (
        "Manchester", "Leeds", "Bristol", "Glasgow", "Cardiff", "Ohio", "Texas", "Oregon", "Ontario",
        "Queensland", "Dublin", "Auckland",
    ),
    "zh": ("北京", "上海", "广州", "深圳", "成都", "武汉", "杭州", "西安", "南京", "重庆", "长沙", "郑州"),
}
COLLECTOR_NAMES = {
    "en": ("Sarah", "Tom", "Anna", "Mike", "Lucy", "Chris", "Helen", "Sam", "Jenny", "Alex", "Ben", "Kelly"),
    "zh": ("小王", "小李", "小陈", "小刘", "小张", "小周", "小林", "小何", "小赵", "小吴", "小郑", "小孙"),
}
