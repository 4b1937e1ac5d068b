"""The hand judgements ``bench/glossary.py`` scores glossaries against: accepted renderings
of each judged term per corpus, and the names and terms its other checks look for.

Kept apart from the measuring code so that a newly judged entry is a one-line change here.
A term missing from a corpus' table is unjudged (shown as "?"), never counted right.
"""

from __future__ import annotations

# How the Bible top 50 was judged: by reading each pair against the King James text
# (the English side) and CC-CEDICT. A pair counts as correct when the English is how
# this translation renders the term (LORD for 耶和华, "children of Israel" for 以色列人),
# wrong when it names something else or only a fragment of the rendering.
BIBLE_ACCEPTED = {
    "耶和华": {"LORD"}, "摩西": {"Moses"}, "以色列人": {"children of Israel", "Israelites"},
    "以色列": {"Israel"}, "亚伦": {"Aaron"}, "儿子": {"son", "sons"}, "亚伯拉罕": {"Abraham"},
    "雅各": {"Jacob"}, "祭司": {"priest", "priests"}, "约瑟": {"Joseph"}, "法老": {"Pharaoh"},
    "埃及": {"Egypt"}, "赎罪": {"atonement"}, "会幕": {"tabernacle of the congregation", "tabernacle"},
    "帐幕": {"tabernacle"}, "埃及人": {"Egyptians"}, "百姓": {"people"},
    "吩咐摩西": {"commanded Moses"}, "子孙": {"children", "sons", "seed"}, "以扫": {"Esau"},
    "利未人": {"Levites"}, "巴兰": {"Balaam"}, "父亲": {"father"}, "舍客勒": {"shekels", "shekel"},
    "牲畜": {"cattle", "beasts"}, "供物": {"offering", "oblation"}, "利亚": {"Leah"},
    "迦南": {"Canaan"}, "幔子": {"curtains", "vail"}, "脂油": {"fat"},
    "起名叫": {"called his name", "called her name"}, "羊羔": {"lamb", "lambs"}, "拉班": {"Laban"},
    "公绵羊": {"ram", "rams"}, "公牛": {"bullock", "bullocks"},
    "火祭": {"made by fire", "offering made by fire"},
    "灾病": {"plague"}, "会众": {"congregation"}, "没有残疾": {"without blemish"},
    "仆人": {"servant", "servants"}, "支派": {"tribe"},
    "以色列全会众": {"congregation of the children of Israel", "congregation of Israel"},
    "公山羊": {"goats", "he goats", "goat"}, "以弗得": {"ephod"}, "朱红色线": {"scarlet"},
    "拉结": {"Rachel"}, "公羊羔": {"he lambs", "lambs"}, "大麻疯": {"leprosy"},
    "旷野": {"wilderness"}, "利百加": {"Rebekah"}, "馨香": {"sweet savour"}, "羊群": {"flocks", "flock"},
    "帐棚": {"tent", "tents"}, "挪亚": {"Noah"}, "洗衣服": {"wash his clothes"},
    "世世代代": {"generations"}, "头生": {"firstborn", "firstlings"}, "巴勒": {"Balak"},
    "公羊": {"rams", "ram"}, "带卯": {"sockets"}, "灯台": {"candlestick"}, "撒拉": {"Sarah"},
    "弟兄": {"brethren", "brother"}, "族长": {"dukes", "duke"}, "亚比米勒": {"Abimelech"},
    "妻子": {"wife"}, "女儿": {"daughter", "daughters"}, "细面": {"fine flour", "flour"},
    "安息日": {"sabbath"}, "便雅悯": {"Benjamin"}, "玛拿西": {"Manasseh"}, "流便": {"Reuben"},
    "罗得": {"Lot"}, "以实玛利": {"Ishmael"}, "后裔": {"seed"}, "施恩座": {"mercy seat"},
    "皂荚木": {"shittim wood"}, "亚摩利人": {"Amorites"}, "祭司亚伦": {"Aaron the priest"},
    "成圣": {"sanctify", "sanctified", "hallow"}, "利未": {"Levi"},
    "亚比": set(), "同献": set(), "晓谕": {"speak"}, "献给耶和华": set(), "儿子以利": set(),
    "晓谕以色列人": {"speak unto the children of Israel"}, "以利亚撒": {"Eleazar"},
}
# How the UN and demo entries were judged: a pair is correct when the Chinese is a term of
# the register (an institution, a name, a concept of these texts; not a general word or a
# piece of a phrase) and the English is how the official translation renders it, whole
# (not a fragment, not with a neighbouring word). An empty set: judged wrong whatever the English.
UN_ACCEPTED = {
    "联合国": {"United Nations"}, "会员国": {"Members", "Member States"}, "本宪章": {"present Charter"},
    "安全理事会": {"Security Council"}, "大会": {"General Assembly"}, "理事会": {"Council"},
    "辅助机关": {"subsidiary organs"}, "权利及特权": {"rights and privileges"},
    "国际合作": {"international cooperation", "international co-operation"},
    "国际和平及安全": {"international peace and security"}, "国际法": {"international law"},
    "国际和平": set(), "人人": set(), "男女": set(), "有权": set(), "人人有权": set(),
    "采取有效": set(),
    "发展中国家": {"developing countries"}, "基本自由": {"fundamental freedoms"},
    "友好关系": {"friendly relations"}, "权利": {"rights"}, "和平方法": {"peaceful means"},
    "国际争端": {"international disputes"}, "人权": {"human rights"}, "发达国家": {"developed countries"},
    "宣言": {"Declaration"}, "负担得起": {"affordable"}, "性别": {"gender", "sex"},
    "人权和基本自由": {"human rights and fundamental freedoms"}, "宗旨": {"Purposes"},
    "基础设施": {"infrastructure"}, "世界人权宣言": {"Universal Declaration of Human Rights"},
    "小岛屿": set(), "生态系统": {"ecosystems"}, "宗旨和原则": {"Purposes and Principles"},
    "违背联合国": set(), "平等机会": {"equal opportunities", "equal opportunity"},
    "社会保护": {"social protection"}, "气候变化": {"climate change"}, "生物多样性": {"biodiversity"},
    "社会保障": {"social security", "social protection"}, "金融服务": {"financial services"},
    "穷人和弱势群体": set(), "伙伴关系": {"partnerships", "partnership"}, "妇女和女童": {"women and girls"},
    "消费和生产模式": {"consumption and production patterns"}, "海洋资源": {"marine resources"},
    "种族": {"race"}, "官方发展援助": {"official development assistance"},
    "联合国会员国": {"Members of the United Nations"}, "大会经安全理事会": set(), "所有人": set(),
    "有权享受": set(), "范围内": set(), "人人有权享受": set(), "自由选择": set(),
    "抵御灾害能力": {"resilience", "resilient"}, "世界贸易组织": {"World Trade Organization"},
    "内陆发展中国家": {"landlocked developing countries"}, "能力建设": {"capacity-building"},
    "性别平等": {"gender equality"}, "信息和通信技术": {"information and communications technology"},
    "弱势群体": {"the vulnerable", "vulnerable"}, "可持续发展": {"sustainable development"},
    "可持续": {"sustainable"}, "发展中国家的": set(), "妇女": {"women"}, "儿童": {"children"},
    "粮食": {"food"}, "国家": set(), "经济": set(), "安全": set(), "国际": set(),
    "宪章": {"Charter"}, "最不发达国家": {"least developed countries"},
    "小岛屿发展中国家": {"small island developing States"}, "地方社区": {"local communities"},
    "财政资源": {"financial resources"}, "非洲国家": {"African countries"},
    "金融机构": {"financial institutions"}, "生活方式": set(), "促进地方文化和产品": set(),
    "地方文化和产品": {"local culture and products"}, "基本药品和疫苗": {"essential medicines and vaccines"},
    "确保所有男女童": set(), "灾害": {"disasters"}, "全球": set(),
    "利用遗传资源": {"utilization of genetic resources"}, "水和环境卫生": {"water and sanitation"},
    "获取经济资源": {"access to economic resources"}, "适应气候变化": {"adaptation to climate change"},
    "危险化学品": {"hazardous chemicals"}, "生产性就业": {"productive employment"},
    "防治荒漠化": {"combat desertification"}, "国籍": {"nationality"},
    "保健服务": {"health-care services"}, "利用陆地": set(), "化石燃料": {"fossil fuel", "fossil fuels"},
    "发展目标": set(), "国际协议": {"international agreements"}, "土著居民": {"indigenous peoples"},
    "基本服务": {"basic services"}, "多哈发展": set(), "多哈发展回合": {"Doha Development Round"},
    "技术援助": {"technical assistance"}, "框架公约": {"Framework Convention"},
    "森林管理": {"forest management"}, "维持国际和平及安全": {
        "maintenance of international peace and security", "maintain international peace and security"},
    "灾害能力": set(), "抵御灾害": set(), "享受法律": set(), "使用效率": set(), "各种渠道": set(),
    "捕捞活动": set(), "纳入国家": set(), "体面工作": {"decent work"},
    "山地生态系统": {"mountain ecosystems"}, "知识产权协议": {"TRIPS Agreement"},
    "可持续管理": {"sustainable management"},
    "可持续森林管理": {"sustainable forest management"}, "国内生产总值": {"gross domestic product"},
    "可持续工业化": {"sustainable industrialization"}, "采取紧急行动": set(),
    "歧视性法律": {"discriminatory laws"}, "可持续发展目标": {"Sustainable Development Goals"},
}
DEMO_ACCEPTED = {
    "人权": {"human rights"}, "巴切莱特": {"Bachelet", "Michelle Bachelet"},
    "全球人权治理": {"global human rights governance"}, "高专": {"High Commissioner"},
    "联合国人权高专办": {"OHCHR", "Office of the United Nations High Commissioner for Human Rights"},
    "联合国人权事务高级专员": {"United Nations High Commissioner for Human Rights",
                        "UN High Commissioner for Human Rights"},
    "人权发展道路": {"path of human rights development", "human rights development path",
               "path on human rights development", "paths of human rights development"},
    "联合国": {"United Nations", "UN"},
    "新疆": {"Xinjiang"}, "去极端化": {"deradicalization"}, "国际人权": {"international human rights"},
    "国际人权事业": {"international human rights cause"}, "马朝旭": {"Ma Zhaoxu"},
    "中国人民": {"Chinese people"}, "全面介绍": set(),
    "中国人权发展道路": {"China's path of human rights development",
                  "China's path on human rights development"},
    "中国人权发展": {"China's human rights development"},
    "联合国人权理事会": {"UN Human Rights Council", "Human Rights Council",
                  "United Nations Human Rights Council"},
    "全过程人民民主": {"whole-process people's democracy"},
    "外交部副部长": {"Vice Foreign Minister", "Chinese Vice Foreign Minister"},
    "社会各界代表": {"representatives from different social sectors"},
    "群体权益保障": set(), "习近平": {"Xi Jinping", "President Xi Jinping", "President Xi"}, "谎言": {"lies"},
    "亲身感受": set(), "人权工作": {"human rights work"}, "人权机构": {"human rights institutions"},
    "人民利益": {"people's interests"}, "作出贡献": set(), "促进人权": {"promoting human rights"},
    "保障人权": {"protecting human rights"}, "人权合作": {"human rights cooperation"},
    "司法保障": {"judicial safeguard", "judicial safeguards"}, "数字空间": {"digital space"},
    "相互尊重": {"mutual respect"}, "重大问题": set(), "发展道路": set(), "方面": set(), "问题": set(),
    "有关": set(), "情况": set(), "会见巴切": set(), "莱特高专": set(), "外交部": {"Foreign Ministry",
    "Ministry of Foreign Affairs"}, "民生": {"people's livelihood", "livelihood", "livelihoods"},
    "少数民族": {"ethnic minorities", "ethnic minority"},
    "涉疆": {"Xinjiang-related"}, "反恐": {"counter-terrorism"}, "种族主义": {"racism"},
    "全人类": {"humanity", "all humanity"}, "公平": set(), "此访": set(), "暴力": set(), "道路": set(),
    "环境保护": {"environmental protection"}, "喀什": {"Kashgar"}, "共识": set(), "对话": set(),
    "中国政府": {"Chinese government"}, "中国共产党": {"CPC", "Communist Party of China"},
    "广州": {"Guangzhou"}, "权益保障": set(), "国情": set(),
}

# Main characters of the six MAC-Dev chapters (10+ mentions), with the spelling their published
# translations use; the translation of 三体 mostly says "Wang" and "Sha", which counts too.
MAC_NAMES = {
    "001": [("陈清扬", {"Chen Qingyang"})],
    "002": [("韦小宝", {"Trinket"})],
    "003": [("宝玉", {"Bao-yu"}), ("袭人", {"Aroma"})],
    "004": [("余占鳌", {"Yu Zhan'ao"}), ("单扁郎", {"Shan Bianlang"})],
    "005": [("王琦瑶", {"Wang Qiyao"}), ("吴佩珍", {"Wu Peizhen"})],
    "006": [("汪淼", {"Wang Miao", "Wang"}), ("沙瑞山", {"Sha Ruishan", "Sha"})],
}
SEED_TERMS = ["外交部发言人", "涉疆", "人权高专办", "美国政府有关部门"]
FURNITURE = ["详细报道", "阅读更多", "展示更多", "图片来源", "原标题", "责任编辑"]
