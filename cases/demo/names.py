"""Name tables: every kanji spelling carries its reading, so a demo person's カナ氏名 always matches.

Given names carry the generation they are typical of, so a 78-year-old is 節子 and a 21-year-old 結衣.
A few old and variant kanji (髙, 邉, 齋, 﨑) are included on purpose: search must fold them.
"""

from typing import NamedTuple


class Name(NamedTuple):
    kanji: str
    kana: str


class GivenName(NamedTuple):
    kanji: str
    kana: str
    era: str  # "old" born before 1960, "mid" 1960–1989, "young" 1990 on


class ForeignName(NamedTuple):
    kanji: str  # as written on the 住民票: the alphabet, or kanji for Chinese/Korean names
    kana: str
    sex: str
    nationality: str


# Full-width space between family and given name, as the resident registry writes it.
SEP = "\u3000"

_FAMILY = """
佐藤 サトウ|鈴木 スズキ|高橋 タカハシ|髙橋 タカハシ|田中 タナカ|伊藤 イトウ|渡辺 ワタナベ|渡邉 ワタナベ|山本 ヤマモト
中村 ナカムラ|小林 コバヤシ|加藤 カトウ|吉田 ヨシダ|山田 ヤマダ|佐々木 ササキ|山口 ヤマグチ|松本 マツモト|井上 イノウエ
木村 キムラ|林 ハヤシ|斎藤 サイトウ|齋藤 サイトウ|清水 シミズ|山崎 ヤマザキ|山﨑 ヤマザキ|森 モリ|池田 イケダ|橋本 ハシモト
阿部 アベ|石川 イシカワ|山下 ヤマシタ|中島 ナカジマ|石井 イシイ|小川 オガワ|前田 マエダ|岡田 オカダ|長谷川 ハセガワ
藤田 フジタ|後藤 ゴトウ|近藤 コンドウ|村上 ムラカミ|遠藤 エンドウ|青木 アオキ|坂本 サカモト|福田 フクダ|太田 オオタ
西村 ニシムラ|藤井 フジイ|金子 カネコ|岡本 オカモト|藤原 フジワラ|中野 ナカノ|三浦 ミウラ|原田 ハラダ|中川 ナカガワ
松田 マツダ|竹内 タケウチ|小野 オノ|田村 タムラ|中山 ナカヤマ|和田 ワダ|石田 イシダ|工藤 クドウ|菊地 キクチ|千葉 チバ
佐野 サノ|大野 オオノ|高田 タカダ|今井 イマイ|丸山 マルヤマ|高木 タカギ|武田 タケダ|上田 ウエダ|杉山 スギヤマ|村田 ムラタ
小山 コヤマ|大塚 オオツカ|平田 ヒラタ|荒木 アラキ|東 アズマ|庄司 ショウジ|東海林 ショウジ|今野 コンノ|成田 ナリタ
菅原 スガワラ|菊池 キクチ|畠山 ハタケヤマ|及川 オイカワ|蛯名 エビナ|本間 ホンマ|新田 ニッタ|服部 ハットリ|北村 キタムラ
"""

# kanji kana era
_MALE = """
茂 シゲル old|勇 イサム old|清 キヨシ old|稔 ミノル old|進 ススム old|武 タケシ old|昭 アキラ old|博 ヒロシ old
義男 ヨシオ old|幸雄 ユキオ old|正雄 マサオ old|勝 マサル old|修 オサム old|一郎 イチロウ old|昭二 ショウジ old
隆 タカシ mid|浩 ヒロシ mid|誠 マコト mid|健一 ケンイチ mid|正樹 マサキ mid|直樹 ナオキ mid|和也 カズヤ mid
大輔 ダイスケ mid|拓也 タクヤ mid|健太 ケンタ mid|達也 タツヤ mid|雄一 ユウイチ mid|秀樹 ヒデキ mid|康弘 ヤスヒロ mid
克也 カツヤ mid|剛 ツヨシ mid|徹 トオル mid|純一 ジュンイチ mid|俊介 シュンスケ mid|恭平 キョウヘイ mid|亮 リョウ mid
智也 トモヤ mid|慎也 シンヤ mid|翔 ショウ young|翔太 ショウタ young|翔平 ショウヘイ young|亮太 リョウタ young
涼介 リョウスケ young|駿 シュン young|匠 タクミ young|蓮 レン young|湊 ミナト young|陽翔 ハルト young|悠真 ユウマ young
大翔 ヒロト young|颯太 ソウタ young|悠斗 ユウト young|樹 イツキ young|陸 リク young|海斗 カイト young|蒼 アオイ young
優太 ユウタ young|大樹 ダイキ young|拓海 タクミ young|隼人 ハヤト young|航 ワタル young
"""

_FEMALE = """
節子 セツコ old|和子 カズコ old|幸子 サチコ old|文子 フミコ old|千代子 チヨコ old|良子 ヨシコ old|静江 シズエ old
キヨ キヨ old|ハナ ハナ old|トシ トシ old|恵子 ケイコ old|京子 キョウコ old|洋子 ヨウコ old|信子 ノブコ old
恭子 キョウコ mid|陽子 ヨウコ mid|久美子 クミコ mid|由美子 ユミコ mid|真由美 マユミ mid|智子 トモコ mid|裕子 ユウコ mid
直美 ナオミ mid|明美 アケミ mid|美穂 ミホ mid|香織 カオリ mid|純子 ジュンコ mid|涼子 リョウコ mid|翔子 ショウコ mid
友美 トモミ mid|沙織 サオリ mid|典子 ノリコ mid|順子 ジュンコ mid|麻美 アサミ mid|千秋 チアキ mid|みゆき ミユキ mid
美咲 ミサキ young|麻衣 マイ young|愛 アイ young|彩 アヤ young|舞 マイ young|結衣 ユイ young|陽菜 ヒナ young
優奈 ユウナ young|莉子 リコ young|芽依 メイ young|葵 アオイ young|結愛 ユア young|凛 リン young|杏 アン young
紬 ツムギ young|彩花 アヤカ young|千尋 チヒロ young|春香 ハルカ young|奈々 ナナ young|さくら サクラ young
ひなた ヒナタ young|あかり アカリ young|ちひろ チヒロ young|珠希 タマキ young|美優 ミユ young|京香 キョウカ young
"""

_FOREIGN = """
王　偉 ワン　ウェイ 1 中国|李　娜 リ　ナ 2 中国|張　敏 チャン　ミン 2 中国|劉　洋 リュウ　ヤン 1 中国|陳　静 チン　ジン 2 中国
金　敏俊 キム　ミンジュン 1 韓国|朴　智妍 パク　チヨン 2 韓国|李　秀賢 イ　スヒョン 1 韓国|崔　由利 チェ　ユリ 2 韓国
NGUYEN　VAN　AN グエン　ヴァン　アン 1 ベトナム|TRAN　THI　HOA チャン　ティ　ホア 2 ベトナム
PHAM　MINH　DUC ファム　ミン　ドゥック 1 ベトナム|LE　THI　LAN レ　ティ　ラン 2 ベトナム
SANTOS　MARIA サントス　マリア 2 フィリピン|REYES　JOSE レジェス　ホセ 1 フィリピン
GURUNG　BIKASH グルン　ビカス 1 ネパール|SHRESTHA　SITA シュレスタ　シタ 2 ネパール
ADI　PRATAMA アディ　プラタマ 1 インドネシア|SITI　RAHAYU シティ　ラハユ 2 インドネシア
AUNG　KYAW アウン　チョー 1 ミャンマー|SMITH　JOHN スミス　ジョン 1 米国|JOHNSON　EMILY ジョンソン　エミリー 2 米国
"""


def _entries(table: str) -> list[list[str]]:
    return [entry.split(" ") for line in table.strip().splitlines() for entry in line.split("|")]


FAMILY_NAMES: tuple[Name, ...] = tuple(Name(*e) for e in _entries(_FAMILY))
MALE_NAMES: tuple[GivenName, ...] = tuple(GivenName(*e) for e in _entries(_MALE))
FEMALE_NAMES: tuple[GivenName, ...] = tuple(GivenName(*e) for e in _entries(_FEMALE))
FOREIGN_NAMES: tuple[ForeignName, ...] = tuple(ForeignName(*e) for e in _entries(_FOREIGN))
NATIONALITIES: tuple[str, ...] = tuple(dict.fromkeys(n.nationality for n in FOREIGN_NAMES))


_BY_ERA = {
    (sex, era): tuple(n for n in table if n.era == era)
    for sex, table in (("1", MALE_NAMES), ("2", FEMALE_NAMES))
    for era in ("old", "mid", "young")
}


def given_names(sex: str, birth_year: int) -> tuple[GivenName, ...]:
    era = "old" if birth_year < 1960 else "mid" if birth_year < 1990 else "young"
    return _BY_ERA[(sex, era)]
