"""Addresses in 旭川市 (real town names, invented lot numbers) and places people move from or to."""

import random

CITY = "旭川市"

# (town, highest 条 or 0 for none, highest 丁目). 条通 is the grid in the city centre.
_JO_TOWNS = (
    ("神居", 9, 5),
    ("永山", 14, 5),
    ("春光", 7, 5),
    ("春光台", 5, 5),
    ("末広", 8, 5),
    ("末広東", 3, 5),
    ("東光", 27, 5),
    ("豊岡", 16, 5),
    ("神楽", 7, 5),
    ("神楽岡", 15, 5),
    ("忠和", 9, 5),
    ("大町", 3, 5),
    ("曙", 3, 5),
    ("川端町", 7, 5),
    ("旭町", 2, 5),
    ("新富", 3, 5),
    ("住吉", 7, 5),
    ("旭神", 3, 5),
    ("緑が丘東", 5, 4),
    ("西御料", 5, 4),
    ("東旭川北", 3, 3),
    ("東旭川南", 2, 3),
    ("東", 8, 5),
)
_PLAIN_TOWNS = (("花咲町", 7), ("錦町", 23), ("緑町", 23), ("常盤通", 3), ("宮下通", 24), ("北門町", 21))
_RURAL = ("江丹別町中央", "東鷹栖3線", "東鷹栖4線", "西神楽1線", "西神楽2線", "東旭川町共栄")

OTHER_PLACES = (
    "北海道札幌市中央区北1条西2丁目",
    "北海道札幌市北区北24条西5丁目",
    "北海道札幌市豊平区平岸3条7丁目",
    "北海道上川郡東神楽町南1条西1丁目",
    "北海道上川郡鷹栖町南1条3丁目",
    "北海道名寄市西5条南7丁目",
    "北海道富良野市本町",
    "北海道稚内市中央2丁目",
    "北海道北見市北2条西3丁目",
    "北海道函館市五稜郭町",
    "東京都新宿区西新宿2丁目",
    "東京都世田谷区三軒茶屋1丁目",
    "神奈川県横浜市港北区日吉本町1丁目",
    "宮城県仙台市青葉区一番町3丁目",
    "埼玉県さいたま市大宮区桜木町2丁目",
    "大阪府大阪市北区梅田1丁目",
)

COUNTRIES = {
    "中国": "中華人民共和国",
    "韓国": "大韓民国",
    "ベトナム": "ベトナム社会主義共和国",
    "フィリピン": "フィリピン共和国",
    "ネパール": "ネパール",
    "インドネシア": "インドネシア共和国",
    "ミャンマー": "ミャンマー連邦共和国",
    "米国": "アメリカ合衆国",
}


def city_address(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.18:
        return f"{CITY}{rng.randint(1, 10)}条通{rng.randint(1, 22)}丁目{rng.randint(1, 450)}番地"
    if roll < 0.28:
        town, chome = rng.choice(_PLAIN_TOWNS)
        return f"{CITY}{town}{rng.randint(1, chome)}丁目{rng.randint(1, 30)}番{rng.randint(1, 25)}号"
    if roll < 0.31:
        return f"{CITY}{rng.choice(_RURAL)}{rng.randint(1, 90)}番地"
    town, jo, chome = rng.choice(_JO_TOWNS)
    return f"{CITY}{town}{rng.randint(1, jo)}条{rng.randint(1, chome)}丁目{rng.randint(1, 20)}番{rng.randint(1, 30)}号"


def other_place(rng: random.Random) -> str:
    return f"{rng.choice(OTHER_PLACES)}{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
