# -*- coding: utf-8 -*-
# Source texts for sample_corpus/wire.jsonl (fictional outlet "Kestrel Wire").
# The wire feed uses alternative keys: text / published (RFC 2822) / outlet, no lang.
# The article with id=None is written without an "id" key; its gold id is
# "wire.jsonl:N" (N = 1-based line number).  Original fiction; invented quotes.

ARTICLES = [

dict(
    id="kw-2016-0001",
    title="U.N. halts Syria talks in Geneva as government offensive closes in on Aleppo",
    date="2016-02-03T19:20:00Z",
    author="Jonas Ekberg",
    body="""
GENEVA, Feb 3 (Kestrel Wire) - The United Nations suspended Syria peace talks on Wednesday, only two days after they formally began, as a government offensive backed by Russian airstrikes threatened to cut off rebel-held districts of Aleppo from the Turkish border.

U.N. envoy Staffan de Mistura told reporters he had decided to halt the negotiations until Feb. 25 to give the powers backing the two sides time to deliver on their promises of humanitarian access and a reduction in violence.

The opposition delegation, which had spent most of the week in its hotel refusing to meet de Mistura until the bombing stopped, said the offensive had made a mockery of the process.

"They invited us to talk about peace, and on the same day they sent the planes to finish off the villages north of Aleppo. What kind of negotiation is that?" said Nour Kassem, a member of the opposition delegation.

Hours earlier, government forces and allied militias had broken a three-year rebel siege of the Shi'ite towns of Nubl and Zahraa, severing the main route between Aleppo and Turkey.

U.S. Secretary of State John Kerry said in a statement that the Syrian government and its supporters had shown that they wanted a military solution, and called on Russia to stop bombing opposition groups. He said he had discussed the situation with Russian Foreign Minister Sergey Lavrov by telephone.

A Western diplomat in Geneva was blunter about the prospects.

"Everybody knew the timing was terrible. Nobody wanted to be the one to say so out loud," the diplomat said, speaking on condition of anonymity.

Aid agencies warned that up to 300,000 people still living in eastern Aleppo could soon be encircled.
""",
    quotes=[
        ("Staffan de Mistura", "reported", "he had decided to halt the negotiations"),
        ("Nour Kassem", "direct", "They invited us to talk about peace"),
        ("John Kerry", "reported", "the Syrian government and its supporters had shown"),
        ("John Kerry", "reported", "he had discussed the situation with Russian"),
        (None, "direct", "Everybody knew the timing was terrible."),
    ],
    mentioned=["Sergey Lavrov"],
    countries=["CH", "SY", "RU", "TR", "US"],
),

dict(
    id="kw-2016-0002",
    title="Oil producers' Doha talks collapse after Saudi Arabia insists on Iran joining freeze",
    date="2016-04-17T21:45:00Z",
    author="Hessa Al-Mansoori",
    body="""
DOHA, April 17 (Kestrel Wire) - Talks between the world's biggest oil producers on freezing output ended in failure on Sunday after Saudi Arabia refused to sign any deal that did not include its regional rival Iran, which boycotted the meeting.

Ministers and officials from 18 countries, including Russia, had gathered in the Qatari capital expecting to approve a draft agreement to hold production at January levels until October. Instead, the meeting dragged on for more than six hours past its scheduled end before Qatar's energy minister, Mohammed bin Saleh al-Sada, announced that members needed "more time" for consultations.

The decisive intervention came from Riyadh, where Deputy Crown Prince Mohammed bin Salman had said in an interview this month that the kingdom would freeze output only if every major producer did the same.

"The Saudis decided that hurting Iran was worth more than a few dollars on the oil price. That is a political decision, not an economic one," said Fiona Carraway, head of commodities research at Ashdown Securities in London.

Iran, which is trying to win back market share after the lifting of international sanctions in January, has said it will not discuss limits until its output returns to pre-sanctions levels of about 4 million barrels a day.

Russian Energy Minister Alexander Novak told reporters in Doha that he was disappointed and that Russia saw no need to hold back its own production now that the talks had failed.

Brent crude, which had rallied about 50 percent since January partly on hopes of a deal, is expected to fall sharply when markets open in Asia.

"The whole rally was built on this meeting. I would not be surprised to see Brent lose five or six percent on Monday morning," said Rashid Qureshi, an oil trader in Dubai.
""",
    quotes=[
        ("Mohammed bin Saleh al-Sada", "reported", "members needed"),
        ("Mohammed bin Saleh al-Sada", "direct", "more time"),
        ("Mohammed bin Salman", "reported", "the kingdom would freeze output only"),
        ("Fiona Carraway", "direct", "The Saudis decided that hurting Iran"),
        ("Alexander Novak", "reported", "he was disappointed and that Russia"),
        ("Rashid Qureshi", "direct", "The whole rally was built on this meeting."),
    ],
    mentioned=[],
    countries=["QA", "SA", "IR", "RU", "GB", "AE"],
),

dict(
    id="kw-2016-0003",
    title="Louisiana flood victims return to ruined homes as death toll reaches 11",
    date="2016-08-16T14:03:00Z",
    author="Claire Boudreaux",
    body="""
DENHAM SPRINGS, La., Aug 16 (Kestrel Wire) - Residents of this town east of Baton Rouge began returning to their homes on Tuesday to find carpets soaked, furniture floating and the contents of their kitchens spread across their front lawns, after some of the worst flooding in Louisiana's history.

At least 11 people have died and more than 40,000 homes have been damaged since a slow-moving storm dumped more than two feet of rain on parts of the state over three days last week. Many of the flooded neighbourhoods lie outside federal flood zones, and most homeowners there do not have flood insurance.

"We were told we were on high ground. We have lived here for 26 years and the water never came close to the door," said Dwayne Thibodeaux, 63, as he carried a waterlogged recliner to the curb. "This time it came up to my chest."

Gov. John Bel Edwards said more than 20,000 people had been rescued by boat or helicopter, many of them by neighbours using their own fishing boats.

The American Red Cross said it was running dozens of shelters across the region. At one of them, in a church gymnasium in Walker, a volunteer described a community that had organised itself long before help arrived.

"People showed up with boats, with trucks, with pots of jambalaya. Half the people serving food tonight lost their own houses last week," said Annette Guidry, a volunteer coordinator.

Federal officials said President Barack Obama had approved a disaster declaration for 20 parishes, which will allow residents to apply for grants to cover temporary housing and repairs.

Forecasters said more rain was expected later in the week, though not on the scale of last week's storm.
""",
    quotes=[
        ("Dwayne Thibodeaux", "direct", "We were told we were on high ground."),
        ("Dwayne Thibodeaux", "direct", "This time it came up to my chest."),
        ("John Bel Edwards", "reported", "more than 20,000 people had been rescued"),
        ("Annette Guidry", "direct", "People showed up with boats"),
    ],
    mentioned=["Barack Obama"],
    countries=["US"],
),

dict(
    id="kw-2016-0004",
    title="Samsung halts Galaxy Note 7 sales and recalls phones over battery fires",
    date="2016-09-02T10:30:00Z",
    author="Min-jung Seo",
    body="""
SEOUL, Sept 2 (Kestrel Wire) - Samsung Electronics on Friday stopped sales of its new Galaxy Note 7 smartphone and said it would replace every device sold so far, after reports that some of the phones had caught fire while charging.

The South Korean company said it had found a problem with the battery cells and had confirmed 35 cases of damage worldwide. About 2.5 million Note 7 phones have been sold in ten countries since the launch last month, including South Korea and the United States.

Koh Dong-jin, the head of Samsung's mobile business, apologised at a news conference in Seoul and said customers would be able to exchange their phones within two weeks regardless of where they had bought them.

Analysts said the recall could cost the company as much as $1 billion and came at a particularly bad moment, a week before Apple is expected to unveil its new iPhone in California.

"Samsung has done the right thing quickly, which is more than many companies would do. But in this business, the word fire next to your flagship product is a nightmare," said Park Hye-rin, a technology analyst at Hanbit Securities in Seoul.

Shares of Samsung Electronics fell 3.9 percent in Seoul, their biggest one-day drop in eight months.

In New York, some early buyers said they would wait before deciding whether to take a replacement.

"I loved this phone for about a week. Now I put it on the kitchen counter at night, away from anything that can burn," said Tyler Brooks, a 29-year-old graphic designer in Brooklyn.
""",
    quotes=[
        ("Koh Dong-jin", "reported", "customers would be able to exchange"),
        ("Park Hye-rin", "direct", "Samsung has done the right thing quickly"),
        ("Tyler Brooks", "direct", "I loved this phone for about a week."),
    ],
    mentioned=[],
    countries=["KR", "US"],
),

dict(
    id="kw-2016-0005",
    title="U.N. suspends Syria aid convoys after deadly attack near Aleppo",
    date="2016-09-20T08:15:00Z",
    author="Jonas Ekberg",
    body="""
BEIRUT, Sept 20 (Kestrel Wire) - The United Nations suspended all aid convoys in Syria on Tuesday after an attack on a convoy west of Aleppo killed about 20 civilians, most of them drivers and aid workers, hours after the Syrian army declared an end to a week-long truce brokered by the United States and Russia.

The convoy of 31 trucks carrying flour, medicine and winter clothes for 78,000 people was hit on Monday evening as it unloaded at a Syrian Arab Red Crescent warehouse in Urum al-Kubra, in rebel-held territory.

The U.N. humanitarian chief, Stephen O’Brien, said that if the attack was found to be deliberate it would amount to a war crime.

"We had the green light from every side. Everybody knew exactly where these trucks were and what they were carrying," said Rami Suleiman, a Red Crescent volunteer who was at the warehouse when the strikes began. "I saw a driver I have known for five years burn inside his cab."

Washington said it held Moscow responsible, because only Syrian or Russian aircraft were operating in the area. The Russian Defence Ministry said it had examined drone footage and found no signs that the convoy had been hit from the air.

The attack came as world leaders gathered in New York for the U.N. General Assembly, where U.S. Secretary of State John Kerry and Russian Foreign Minister Sergey Lavrov were due to meet again on Tuesday to try to save the ceasefire they had negotiated in Geneva on Sept. 9.

"If this is what a ceasefire looks like, nobody will believe in the next one," said Hana Dabbagh, who coordinates relief work in northern Syria for a coalition of Syrian charities based in the Turkish city of Gaziantep.
""",
    quotes=[
        ("Stephen O’Brien", "reported", "if the attack was found to be deliberate"),
        ("Rami Suleiman", "direct", "We had the green light from every side."),
        ("Rami Suleiman", "direct", "I saw a driver I have known"),
        ("Hana Dabbagh", "direct", "If this is what a ceasefire looks like"),
    ],
    mentioned=["John Kerry", "Sergey Lavrov"],
    countries=["LB", "SY", "US", "RU", "CH", "TR"],
),

dict(
    id=None,
    title="Shelling in eastern Ukraine leaves Avdiivka without heat in freezing cold",
    date="2017-02-01T12:00:00Z",
    author="Olena Hrytsenko",
    body="""
AVDIIVKA, Ukraine, Feb 1 (Kestrel Wire) - Thousands of residents of this industrial town in eastern Ukraine spent a third night without heating or electricity on Wednesday as the heaviest fighting in months between government troops and Russian-backed separatists damaged power lines with temperatures falling to minus 20 degrees Celsius.

At least 13 soldiers and civilians have been killed on both sides since Sunday, according to the two warring parties. Ukrainian authorities have begun preparing to evacuate children and the sick from the town, which lies just north of the rebel stronghold of Donetsk.

"We are sleeping in our coats and boots. My granddaughter asks me when the radiators will be warm again and I have no answer for her," said Valentina Kovalenko, 71, as she queued for hot tea at a tent set up by emergency workers.

Monitors from the Organization for Security and Co-operation in Europe reported thousands of explosions in the area in a single day and said both sides were using heavy weapons that should have been withdrawn under the Minsk peace agreements of 2015.

Ukrainian President Petro Poroshenko cut short a visit to Berlin to return to Kiev, while the Kremlin accused Ukrainian forces of provoking the escalation.

The fighting is being closely watched in Western capitals for signs of how the new U.S. administration will approach the conflict.

"The town's coke plant is the only source of heat for 25,000 people. If it stops for more than a few days, the pipes freeze and burst, and then you have a humanitarian disaster that lasts all winter," said Marko Stanić, a Croatian engineer working with an international relief group in the town.

He said emergency crews had managed to restore power to parts of the plant for a few hours on Tuesday before renewed shelling cut the lines again.
""",
    quotes=[
        ("Valentina Kovalenko", "direct", "We are sleeping in our coats and boots."),
        ("Marko Stanić", "direct", "The town's coke plant is the only source"),
        ("Marko Stanić", "reported", "emergency crews had managed to restore"),
    ],
    mentioned=["Petro Poroshenko"],
    countries=["UA", "RU", "BY", "DE", "US", "HR"],
),

dict(
    id="kw-2017-0001",
    title="Federer beats Nadal in five sets for 18th Grand Slam title in Melbourne",
    date="2017-01-29T13:40:00Z",
    author="Sam Whitford",
    body="""
MELBOURNE, Jan 29 (Kestrel Wire) - Roger Federer won the Australian Open on Sunday, beating his old rival Rafael Nadal 6-4, 3-6, 6-1, 3-6, 6-3 in a final that few people thought either man would reach, and claimed his 18th Grand Slam title nearly five years after his 17th.

The 35-year-old Swiss, who had missed the second half of last season with a knee injury and arrived in Melbourne seeded 17th, came from a break down in the fifth set, winning the last five games against the Spaniard.

It was the first time the two had met in a major final since 2011, and Rod Laver Arena was full more than an hour before the start.

“I’ve been coming to watch this tournament since 1988 and I have never heard a noise like the one at the end. People were hugging strangers,” said Margaret Hollis, 67, from the Melbourne suburb of Brighton.

Outside the stadium, supporters of both players sat together in the sunshine watching the big screens.

“I came all the way from Valencia for Rafa, and I’m going home sad,” said Lucía Ferrer, 31, draped in a Spanish flag. “But if he had to lose to somebody, I’m glad it was to Roger.”

Former Australian Davis Cup player Neil Carmody, who now coaches juniors in Sydney, said the final showed how much the two men had pushed each other to change their games over more than a decade.

“Five years ago Federer would have lost that match from the back of the court. Today he stood on the baseline and took the ball early, and that’s something he learned from having to beat Nadal,” Carmody said.

Serena Williams’s victory over her sister Venus in the women’s final on Saturday, which gave her a 23rd Grand Slam singles title, was still being discussed in the stands.
""",
    quotes=[
        ("Margaret Hollis", "direct", "I’ve been coming to watch this tournament"),
        ("Lucía Ferrer", "direct", "I came all the way from Valencia"),
        ("Lucía Ferrer", "direct", "But if he had to lose to somebody"),
        ("Neil Carmody", "reported", "the final showed how much the two men"),
        ("Neil Carmody", "direct", "Five years ago Federer would have lost"),
    ],
    mentioned=["Roger Federer", "Rafael Nadal", "Serena Williams", "Venus"],
    countries=["AU", "CH", "ES"],
),

]
