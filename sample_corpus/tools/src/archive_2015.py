# -*- coding: utf-8 -*-
# Source texts for sample_corpus/archive-2015.jsonl.zst (same record format as
# articles.jsonl, all dated 2015).  Original fiction; invented quotes.

ARTICLES = [

dict(
    id="gh-2015-0001",
    title="Iran and world powers seal nuclear deal in Vienna after 18 days of talks",
    date="2015-07-14T16:00:00Z",
    source="Granite Herald",
    author="Tobias Wren",
    body="""
VIENNA, July 14 (Granite Herald) - Iran and six world powers reached a long-sought agreement on Tuesday to curb Tehran's nuclear program in exchange for the lifting of international sanctions, ending 18 days of marathon negotiations in a Vienna hotel.

Under the deal, Iran will cut its stockpile of enriched uranium by about 98 percent, reduce the number of its centrifuges by two-thirds and accept inspections by the International Atomic Energy Agency. In return, U.N., U.S. and European Union sanctions that have crippled its oil exports will be lifted once the agency confirms that Tehran has met its obligations.

The agreement was announced by Iranian Foreign Minister Mohammad Javad Zarif and the EU foreign policy chief, Federica Mogherini, alongside ministers from the United States, Britain, France, Germany, Russia and China. U.S. Secretary of State John Kerry, who had spent more time negotiating with Zarif over the past two years than with any other foreign minister, stood at the end of the row.

In Tehran, thousands of people poured into the streets after the news broke, honking car horns and waving Iranian flags.

"For ten years we have lived with the feeling that the whole world was against us. Tonight it feels like a door has opened," said Shirin Tavakoli, 29, an architect, speaking by telephone from Vanak Square.

The deal faces a difficult review in the U.S. Congress, where Republican leaders have vowed to fight it. Israeli Prime Minister Benjamin Netanyahu denounced the agreement within hours.

"Opponents will say the restrictions expire too soon, and in fifteen years they will have a point. But the alternative on the table was not a better deal. It was no deal at all," said Harold Kessler, a former State Department arms control official who now teaches at Georgetown University in Washington.

Diplomats said sanctions relief was unlikely to begin before early next year.
""",
    quotes=[
        ("Shirin Tavakoli", "direct", "For ten years we have lived with the feeling"),
        ("Harold Kessler", "direct", "Opponents will say the restrictions"),
    ],
    mentioned=["Mohammad Javad Zarif", "Federica Mogherini", "John Kerry", "Benjamin Netanyahu"],
    countries=["AT", "IR", "US", "GB", "FR", "DE", "RU", "CN", "IL"],
),

dict(
    id="eg-2015-0001",
    title="Greek pensioners queue for hours as banks stay shut after referendum NO",
    date="2015-07-06T10:00:00Z",
    source="Eastbrook Gazette",
    author="Ioanna Vlachou",
    body="""
ATHENS — Hundreds of pensioners lined up outside bank branches across Greece on Monday morning, many of them before dawn, to withdraw the 120 euros a week they are allowed under capital controls, a day after voters overwhelmingly rejected the terms of an international bailout.

Banks have been closed for a week and cash machines limit withdrawals to 60 euros a day. Pensioners without bank cards have been permitted to collect part of their pensions in person at selected branches.

"I voted no, and I would vote no again. But I am 78 years old and I have been standing here since six o'clock for my own money," said Giorgos Papadakis, a retired electrician, outside a National Bank of Greece branch in the central district of Exarchia. "Tell that to Mrs. Merkel."

Sunday's referendum, in which 61 percent voted against the creditors' proposals, was a victory for Prime Minister Alexis Tsipras. But in a surprise move on Monday, Finance Minister Yanis Varoufakis resigned, less than 24 hours after celebrating the result with supporters in Syntagma Square.

His departure was seen as an attempt to ease relations with creditors, particularly German Finance Minister Wolfgang Schäuble, with whom he had clashed repeatedly. Euclid Tsakalotos, a soft-spoken economist, was named as his successor.

Eurozone leaders are due to hold an emergency summit in Brussels on Tuesday.

"The referendum changed nothing about the arithmetic. Greek banks will run out of cash within days, and only the European Central Bank can stop that," said Katharina Seidl, an economist at Rheinmark Bank in Frankfurt.

At a small grocery in the Pangrati district, owner Eleni Karra said suppliers were now demanding cash on delivery.

"Nobody trusts anybody. My suppliers want cash, my customers have no cash. How long can a shop live like this?" she said.
""",
    quotes=[
        ("Giorgos Papadakis", "direct", "I voted no, and I would vote no again."),
        ("Giorgos Papadakis", "direct", "Tell that to Mrs. Merkel."),
        ("Katharina Seidl", "direct", "The referendum changed nothing"),
        ("Eleni Karra", "reported", "suppliers were now demanding cash"),
        ("Eleni Karra", "direct", "Nobody trusts anybody."),
    ],
    mentioned=["Merkel", "Alexis Tsipras", "Yanis Varoufakis", "Wolfgang Schäuble", "Euclid Tsakalotos"],
    countries=["GR", "DE", "BE"],
),

dict(
    id="cd-2015-0001",
    title="China devalues yuan by nearly 2 percent, rattling Asian markets",
    date="2015-08-11T09:15:00Z",
    source="Compass Daily",
    author="Wei Lin",
    body="""
SHANGHAI, Aug 11 (Compass Daily) - China's central bank devalued the yuan by nearly 2 percent on Tuesday, the biggest one-day move in two decades, in a step it described as a reform to make the exchange rate more responsive to the market but which many investors saw as a bid to support slumping exports.

The People's Bank of China set the currency's daily reference rate at 6.2298 per dollar, down from 6.1162 on Monday. The yuan fell 1.9 percent in onshore trading, its biggest drop since China unified its official and market exchange rates in 1994.

The move came two days after data showed exports fell 8.3 percent in July from a year earlier, and a month after a stock market crash that wiped trillions of dollars off share values despite an unprecedented government rescue effort.

"Beijing can call it a reform, and in part it is. But nobody devalues by 2 percent in a single morning for purely technical reasons. This is about growth," said Vivian Choi, chief Asia economist at Larkspur Capital in Hong Kong.

Other Asian currencies fell sharply, with the South Korean won and the Australian dollar both losing more than 1 percent, and shares of carmakers and luxury goods companies that depend on Chinese buyers slid in Europe.

In Washington, the Treasury Department said it was monitoring the situation. U.S. lawmakers have long accused Beijing of keeping its currency artificially weak to help its exporters.

At a brokerage in Shanghai's Lujiazui financial district, retail investors who had lost heavily in the summer's stock crash watched the screens with resignation.

"First the shares, now the money. My son tells me to buy gold, but who knows what gold will do," said Zhou Meilan, 61, a retired factory accountant.

Analysts said further declines were possible in the coming weeks if the central bank allowed market forces a greater role.
""",
    quotes=[
        ("Vivian Choi", "direct", "Beijing can call it a reform"),
        ("Zhou Meilan", "direct", "First the shares, now the money."),
    ],
    mentioned=[],
    countries=["CN", "HK", "KR", "AU", "US"],
),

dict(
    id="sc-2015-0001",
    title="Russia launches first airstrikes in Syria; U.S. says targets were not Islamic State",
    date="2015-09-30T18:00:00Z",
    source="Saltmarsh Courier",
    author="Dmitri Sokolov",
    body="""
MOSCOW — Russian warplanes carried out their first airstrikes in Syria on Wednesday, hours after the upper house of parliament unanimously authorized President Vladimir Putin to use military force abroad, marking Moscow's biggest military intervention beyond the former Soviet Union in decades.

The Russian Defence Ministry said its aircraft had struck eight Islamic State targets, including weapons depots and command centres. But the strikes hit areas north of the city of Homs, around the towns of Rastan and Talbiseh, where Islamic State has little or no presence and the main forces are other rebel groups opposed to President Bashar al-Assad.

A U.S. official in Washington said the first strikes did not appear to have targeted Islamic State at all.

"If they are serious about fighting ISIL, they picked a strange place to start," the official said, speaking on condition of anonymity.

Activists in Talbiseh said civilians, including children, had been killed. "The planes came very low, twice. We have never seen planes like these before. The whole market was burning," said Abu Yazan al-Homsi, a local activist who uses a pseudonym, in a message sent through a messaging app.

In Moscow, analysts said the Kremlin's aim was to protect the Syrian government as much as to fight militants.

"Russia will not allow Assad to fall, and it wants a seat at the table when the future of Syria is decided. The airstrikes buy it both," said Yevgeny Rudakov, a researcher at the Institute for Strategic Assessment in Moscow.

The strikes came as Russian Foreign Minister Sergey Lavrov and U.S. Secretary of State John Kerry met at the United Nations in New York. Kerry said afterwards that the two militaries should hold talks as soon as possible to avoid accidental clashes in the skies over Syria.

Russia has also set up an intelligence-sharing centre in Baghdad with Iraq, Iran and Syria.
""",
    quotes=[
        (None, "direct", "If they are serious about fighting ISIL"),
        ("Abu Yazan al-Homsi", "direct", "The planes came very low, twice."),
        ("Yevgeny Rudakov", "direct", "Russia will not allow Assad to fall"),
        ("John Kerry", "reported", "the two militaries should hold talks"),
    ],
    mentioned=["Vladimir Putin", "Bashar al-Assad", "Sergey Lavrov"],
    countries=["RU", "SY", "US", "IQ", "IR"],
),

dict(
    id="bt-2015-0001",
    title="Nearly 200 nations adopt Paris climate agreement in historic first",
    date="2015-12-12T20:30:00Z",
    source="Bellwether Times",
    author="Amira Benali",
    body="""
LE BOURGET, France — Negotiators from 195 countries adopted the first truly global agreement to fight climate change on Saturday evening, committing to hold the rise in global temperatures well below 2 degrees Celsius and to pursue efforts to limit it to 1.5 degrees.

French Foreign Minister Laurent Fabius, who presided over the two-week conference on the outskirts of Paris, brought down a small green gavel to loud cheers, and delegates who had barely slept for three nights hugged and wept in the aisles.

The agreement requires every country to set its own targets for cutting emissions and to review them every five years, and it commits rich nations to continue providing financial support to poorer ones.

The inclusion of the 1.5-degree goal was a victory for a coalition of small island states and vulnerable countries led by the Marshall Islands foreign minister, Tony de Brum, which was later joined by the United States and the European Union.

"For my country, the difference between 1.5 and 2 degrees is the difference between having a home and being a refugee. Today, for the first time, the world has written that down," said Rosario Dimaculangan, a negotiator for the Philippines.

The deal was made possible by compromises from the largest emitters. China agreed to a common system of transparency for reporting emissions, and India accepted stronger language on reviewing pledges after last-minute talks with U.S. Secretary of State John Kerry.

Environmental groups welcomed the deal while warning that current national pledges still put the world on course for about 3 degrees of warming.

"This is a turning point, but a turning point is not a destination," said Miriam Goldfarb, director of the Climate Policy Project in Washington. "The real test comes when governments go home and have to close coal plants."

Outside the conference centre, a group of students from Paris unfurled a banner that read, in English and French, Keep It In The Ground.
""",
    quotes=[
        ("Rosario Dimaculangan", "direct", "For my country, the difference"),
        ("Miriam Goldfarb", "direct", "This is a turning point"),
        ("Miriam Goldfarb", "direct", "The real test comes when governments"),
    ],
    mentioned=["Laurent Fabius", "Tony de Brum", "John Kerry"],
    countries=["FR", "MH", "US", "PH", "CN", "IN"],
    gaz_ignore=["GB"],
),

dict(
    id="bt-2015-0002",
    title="Security Council unanimously backs Syria peace plan in Resolution 2254",
    date="2015-12-18T23:30:00Z",
    source="Bellwether Times",
    author="Marisol Quintero",
    body="""
UNITED NATIONS, Dec 18 (Bellwether Times) - The U.N. Security Council on Friday unanimously endorsed a road map for ending the war in Syria, the first time in nearly five years of fighting that the major powers have agreed on a plan for a political settlement.

Resolution 2254 calls for formal negotiations between the Syrian government and the opposition to begin in early January, for a nationwide ceasefire, and for a process that would lead to a new constitution and free elections within 18 months under U.N. supervision.

The resolution was adopted after a meeting of the International Syria Support Group, a body of 17 countries including Russia, Iran, Saudi Arabia and Turkey, in a New York hotel earlier in the day.

It does not resolve the central dispute over the fate of President Bashar al-Assad. U.S. Secretary of State John Kerry, who chaired the council session, said the differences over Assad remained sharp but that they should not stop the rest of the process from moving forward.

Russian Foreign Minister Sergey Lavrov said that only the Syrian people could decide who governed them, and warned that outside powers should not try to impose a result.

"Nobody in this chamber believes the hard part is over. What changed today is that everybody with influence on the battlefield has now put their name to the same piece of paper," said a senior Western diplomat, who asked not to be named.

Jordan was asked to draw up a list of groups to be considered terrorist organizations and excluded from any ceasefire, a task diplomats said would be among the most contentious. Opposition groups, which met in Riyadh last week to form a negotiating body, said they welcomed the vote but were skeptical.

"We have heard many beautiful words in New York. Syrians will believe in this resolution when the barrel bombs stop falling on their heads," said Lina Khoury, a Syrian-American activist who attended the session.

U.N. envoy Staffan de Mistura is expected to invite the two sides to Geneva next month.
""",
    quotes=[
        ("John Kerry", "reported", "the differences over Assad remained sharp"),
        ("Sergey Lavrov", "reported", "only the Syrian people could decide"),
        ("Sergey Lavrov", "reported", "outside powers should not try to impose"),
        (None, "direct", "Nobody in this chamber believes"),
        ("Lina Khoury", "direct", "We have heard many beautiful words"),
    ],
    mentioned=["Bashar al-Assad", "Staffan de Mistura"],
    countries=["SY", "RU", "IR", "SA", "TR", "US", "JO", "CH"],
),

]
