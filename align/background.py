"""Sentences about nothing in particular: unrelated text for a side too short to give its own.

The programme scores a bead against how close each of its spans comes to random
sentences of the other side (``align.sides``), so that a span close to everything,
such as a web page's "Home>>", earns nothing for it. A side of fewer than
``align.sides.FEW`` sentences (a headline, a paragraph against a whole page) has no
random sentences to spare: the long side's spans went uncorrected, and any unrelated
line paired with the page's furniture as if it were its translation. These sentences,
in the short side's language, stand in for its random sample. They were written for
this purpose, on everyday topics, and translate nothing in any document.
"""

from __future__ import annotations

from align.sides import FEW

#: Per language (ISO 639-1): everyday sentences on unrelated topics.
BACKGROUND: dict[str, tuple[str, ...]] = {
    "zh": (
        "今天早上下了一场大雨，路上的车都开得很慢。",
        "这家小餐馆的牛肉面在附近很有名。",
        "科学家在深海发现了一种会发光的新鱼类。",
        "他把钥匙忘在办公室，只好在门口等妻子回来。",
        "公司第三季度的销售额比去年同期增长了百分之十二。",
        "请在使用前仔细阅读说明书，并将设备放在干燥通风的地方。",
        "足球比赛最后五分钟，客队打进了一个漂亮的任意球。",
        "祖母每年春天都会在院子里种西红柿和黄瓜。",
        "这座古桥建于明代，至今仍有行人往来。",
        "“你明天几点出发？”她一边收拾行李一边问。",
        "新的地铁线路预计明年年底通车。",
        "医生建议他少吃油炸食品，多散步。",
        "图书馆周末延长开放时间到晚上十点。",
        "这部电影讲述了一个少年在海边小镇长大的故事。",
        "火山喷发后，附近村庄的居民被紧急疏散。",
        "我们需要在周五之前提交项目报告。",
        "那只猫整个下午都趴在窗台上晒太阳。",
        "研究表明，适量运动有助于改善睡眠质量。",
        "会议因为停电推迟了一个小时。",
        "他年轻时曾在一艘货船上当过厨师。",
        "这种软件可以自动备份手机里的照片。",
        "山顶的气温比山脚低了将近十度。",
        "孩子们在操场上排队等候体检。",
        "农民们担心今年的干旱会影响小麦收成。",
    ),
    "en": (
        "The train was delayed for almost an hour because of snow on the tracks.",
        "She learned to play the violin when she was seven years old.",
        "The museum's new exhibition features pottery from ancient Mesopotamia.",
        "Add the flour slowly and stir until the batter is smooth.",
        "Shares of the airline fell sharply after it cut its profit forecast.",
        '"Have you seen my glasses anywhere?" he asked, looking under the sofa.',
        "Volunteers planted more than two thousand trees along the river bank.",
        "The software update fixes a bug that drained the battery overnight.",
        "Our neighbours keep chickens in a small coop behind their garage.",
        "The marathon route passes through the old town and across two bridges.",
        "Researchers measured the growth of coral reefs over a decade.",
        "He missed the last bus and had to walk home in the rain.",
        "The hotel offers free breakfast to guests who book directly.",
        "Heavy winds knocked down power lines across the northern valley.",
        "The novel follows three sisters who inherit a failing vineyard.",
        "Please return the signed form to the front desk by Monday.",
        "A small earthquake shook the coastal town early this morning.",
        "The children built a sandcastle and decorated it with shells.",
        "The city council voted to extend the bicycle lanes next spring.",
        "My uncle repaired old clocks in a tiny workshop for forty years.",
        "The vaccine must be stored at a temperature below eight degrees.",
        "Fans waited outside the stadium for hours to get autographs.",
        "The recipe calls for two cups of rice and a pinch of salt.",
        "Scientists warn that the glacier could disappear within fifty years.",
    ),
    "de": (
        "Der Zug hatte wegen eines Stellwerksfehlers eine halbe Stunde Verspätung.",
        "Meine Schwester backt jeden Sonntag einen Apfelkuchen.",
        "Das Museum zeigt ab nächster Woche Gemälde aus dem 17. Jahrhundert.",
        "Bitte schalten Sie das Gerät vor der Reinigung aus.",
        "Die Firma hat im vergangenen Jahr zweihundert neue Mitarbeiter eingestellt.",
        "„Wo hast du den Schlüssel hingelegt?“, fragte er ungeduldig.",
        "Im Herbst sammeln die Kinder Kastanien im Park.",
        "Das Spiel endete nach Verlängerung unentschieden.",
        "Der Arzt empfahl ihm, mehr Wasser zu trinken.",
        "Die neue Brücke soll den Verkehr in der Innenstadt entlasten.",
        "Nach dem Gewitter war die Luft angenehm kühl.",
        "Sie arbeitet seit zehn Jahren als Übersetzerin für eine Versicherung.",
        "Die Bibliothek bleibt über die Feiertage geschlossen.",
        "Forscher haben eine neue Käferart im Regenwald entdeckt.",
        "Wir haben das Wochenende in einer kleinen Hütte am See verbracht.",
        "Der Preis für Heizöl ist im Winter deutlich gestiegen.",
        "Das Konzert musste wegen Krankheit des Sängers abgesagt werden.",
        "Mein Großvater erzählte gern Geschichten aus seiner Jugend.",
        "Die Software speichert alle Änderungen automatisch.",
        "Auf dem Markt gibt es frisches Gemüse aus der Region.",
        "Der Bürgermeister eröffnete das neue Schwimmbad.",
        "Ein starker Wind riss mehrere Bäume um.",
        "Die Prüfung dauert drei Stunden und findet im großen Saal statt.",
        "Der Hund bellte, als der Briefträger klingelte.",
    ),
    "fr": (
        "Le train est arrivé avec vingt minutes de retard à cause du brouillard.",
        "Ma grand-mère prépare une soupe aux légumes chaque dimanche.",
        "L'exposition présente des photographies prises pendant les années soixante.",
        "Veuillez débrancher l'appareil avant de le nettoyer.",
        "L'entreprise a ouvert une nouvelle usine dans le nord du pays.",
        "« Tu as vu mon parapluie ? » demanda-t-elle en fouillant le placard.",
        "Les enfants ont construit une cabane au fond du jardin.",
        "Le match s'est terminé par une victoire de l'équipe locale.",
        "Le médecin lui a conseillé de marcher une demi-heure par jour.",
        "La mairie a décidé de rénover la place du marché.",
        "Après l'orage, les rues étaient couvertes de feuilles.",
        "Il travaille comme boulanger depuis l'âge de seize ans.",
        "La bibliothèque sera fermée pendant les vacances d'été.",
        "Des chercheurs ont observé une nouvelle espèce de papillon.",
        "Nous avons loué un petit bateau pour explorer la côte.",
        "Le prix de l'électricité augmentera au début de l'année.",
        "Le concert a été reporté en raison de la pluie.",
        "Mon oncle collectionne les timbres depuis quarante ans.",
        "Le logiciel envoie une alerte lorsque la batterie est faible.",
        "On trouve des fromages de la région au marché du samedi.",
        "Le ministre a inauguré la nouvelle ligne de tramway.",
        "Un vent violent a arraché le toit d'une grange.",
        "L'examen écrit dure quatre heures.",
        "Le chat dort toute la journée sur le canapé.",
    ),
}


def background_texts(lang: str, size: int) -> list[str]:
    """The sentences a side of ``size`` sentences in ``lang`` needs as its random sample:
    none when it has enough of its own, or when ``BACKGROUND`` lacks its language."""
    return list(BACKGROUND.get(lang, ())) if size < FEW else []
