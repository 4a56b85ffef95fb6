# -*- coding: utf-8 -*-
# Source texts for sample_corpus/articles.jsonl.
# All articles are original fiction written for the newsdex test corpus.
# Fictional outlets; quotes are invented, including those given to real public figures.
#
# quotes: (speaker or None, "direct" | "reported", anchor) -- anchor is the exact
#         beginning of the quoted text (direct) or of the reported clause, unique in the body.
# mentioned: persons named but not quoted.  countries: ISO 3166-1 alpha-2 codes.
# gaz_ignore / gaz_unknown only silence warnings of the helper gazetteer in build_corpus.py.

ARTICLES = [

# ---------------------------------------------------------------------------
# WORKED EXAMPLE: Kerry in Bogotá
dict(
    id="bt-2016-0001",
    title="Kerry, in Bogotá, says Russia must back Syria pledges with action before Munich talks",
    date="2016-02-08T22:10:00Z",
    source="Bellwether Times",
    author="Marisol Quintero",
    body="""
BOGOTÁ — U.S. Secretary of State John Kerry said on Monday that Russia's bombing around the Syrian city of Aleppo was threatening to wreck the peace effort, and warned that Washington would not allow negotiations to serve "as a cover for a military offensive."

Speaking at a joint news conference with Colombian President Juan Manuel Santos, Kerry said the diplomatic process agreed by world powers in December was still alive, but only just.

"Nobody should mistake patience for weakness. If the regime in Damascus and its backers believe they can bomb their way to a settlement, they are wrong, and the price of that choice is going to keep rising," Kerry said.

"We spent months building a process that the entire international community signed on to," he said. "Russia signed on to it. Now Russia has to show, on the ground, that its signature means something."

Kerry said he had spoken by telephone on Saturday with Russian Foreign Minister Sergey Lavrov, and that both men wanted the International Syria Support Group to meet as planned.

Kerry said he would press Lavrov in Munich on Thursday to agree to a firm date for a nationwide ceasefire and to open the roads into besieged towns to aid convoys.

Kerry said that humanitarian access to those towns could not wait.

"I am not going to Munich to have a conversation about a conversation," Kerry said. "We need to walk out of that room with something concrete: a date, a way to monitor it, and access for food and medicine.

"If we cannot get that, then everybody at that table is going to have to think very hard about what comes next."

"More terrorists are being created every week this war goes on," Kerry said.

The Syrian opposition, which quit the talks as President Bashar al-Assad's forces pushed north of Aleppo under Russian air cover, was in no mood to return.

"We came to the talks in good faith and we were answered with barrel bombs and starvation sieges. We will not go back to the table while Assad kills civilians and blocks humanitarian access," said Salem Al-Meslet, the spokesman for the High Negotiations Committee.

Santos, whose government is negotiating an end to Colombia's half-century conflict with the FARC rebels, offered cautious encouragement.

"Colombia knows better than most that a ceasefire is not signed in one day. It is built day by day, with patience and with verification," Santos said, adding that his government would share what it had learned with anyone who asked.

Kerry insisted that U.S. support for Colombia would continue after a peace deal is signed, calling the partnership "one of the great success stories of American foreign policy."
""",
    quotes=[
        ("John Kerry", "reported", "Russia's bombing around the Syrian city"),
        ("John Kerry", "reported", "Washington would not allow negotiations"),
        ("John Kerry", "direct", "as a cover for a military offensive."),
        ("John Kerry", "reported", "the diplomatic process agreed by world powers"),
        ("John Kerry", "direct", "Nobody should mistake patience for weakness."),
        ("John Kerry", "direct", "We spent months building a process"),
        ("John Kerry", "direct", "Russia signed on to it."),
        ("John Kerry", "reported", "he had spoken by telephone on Saturday"),
        ("John Kerry", "reported", "he would press Lavrov in Munich on Thursday"),
        ("John Kerry", "reported", "humanitarian access to those towns"),
        ("John Kerry", "direct", "I am not going to Munich"),
        ("John Kerry", "direct", "We need to walk out of that room"),
        ("John Kerry", "direct", "More terrorists are being created"),
        ("Salem Al-Meslet", "direct", "We came to the talks in good faith"),
        ("Juan Manuel Santos", "direct", "Colombia knows better than most"),
        ("Juan Manuel Santos", "reported", "his government would share what it had learned"),
        ("John Kerry", "reported", "U.S. support for Colombia would continue"),
        ("John Kerry", "direct", "one of the great success stories"),
    ],
    mentioned=["Sergey Lavrov", "Bashar al-Assad"],
    countries=["SY", "RU", "US", "CO", "DE"],
),

# ---------------------------------------------------------------------------
# Munich meeting
dict(
    id="gh-2016-0001",
    title="Powers agree to seek Syria truce within a week after late-night Munich talks",
    date="2016-02-12T06:40:00Z",
    source="Granite Herald",
    author="Tobias Wren",
    body="""
MUNICH, Feb 12 (Granite Herald) - Major powers agreed early on Friday to work for a nationwide cessation of hostilities in Syria within a week and to rapidly expand aid deliveries to besieged areas, after more than five hours of talks in a Munich hotel that ran well past midnight.

U.S. Secretary of State John Kerry and Russian Foreign Minister Sergey Lavrov announced the deal at a joint news conference with Staffan de Mistura, the U.N. special envoy for Syria, but both men were careful not to oversell it.

"What we have here are words on paper. What we need to see in the next few days are actions on the ground, in the lives of the Syrian people," Kerry said.

Lavrov said the cessation of hostilities would not cover Islamic State or the Nusra Front, which the U.N. Security Council has designated as terrorist organizations, and made clear that Russian aircraft would keep striking them.

"The cessation of hostilities does not extend to terrorist groups. On this there is no disagreement between us, and our operations against them will continue," Lavrov told reporters.

"Nobody here is naive," he added. "A document is only the first step. A great deal will depend on the discipline of those who have influence on the armed groups on the ground."

Under the plan, a task force co-chaired by Washington and Moscow will work out the details of the truce, including where it applies and how violations are to be reported. The 17-nation International Syria Support Group, which also includes Iran, Saudi Arabia and Turkey, will meet again if the truce takes hold.

Kerry acknowledged that the two sides still disagreed over which groups could legitimately be targeted, but said the task force would have to settle that "quickly and clearly."

De Mistura said U.N.-led negotiations between the government of President Bashar al-Assad and the opposition, suspended last week, would resume in line with U.N. Security Council Resolution 2254, adopted unanimously in December, which sets out a timetable for a Syrian-led transition, a new constitution and elections.

Syrian opposition figures reacted with caution. Bassam al-Khatib, a member of the opposition delegation, told the Granite Herald that the group would judge the agreement by one test alone.

"If the planes are still in the sky next Friday, this paper will mean nothing to the people of Aleppo," al-Khatib said.
""",
    quotes=[
        ("John Kerry", "direct", "What we have here are words on paper."),
        ("Sergey Lavrov", "reported", "the cessation of hostilities would not cover Islamic State"),
        ("Sergey Lavrov", "reported", "Russian aircraft would keep striking them"),
        ("Sergey Lavrov", "direct", "The cessation of hostilities does not extend"),
        ("Sergey Lavrov", "direct", "Nobody here is naive,"),
        ("Sergey Lavrov", "direct", "A document is only the first step."),
        ("John Kerry", "reported", "the two sides still disagreed over which groups"),
        ("John Kerry", "reported", "the task force would have to settle that"),
        ("John Kerry", "direct", "quickly and clearly."),
        ("Staffan de Mistura", "reported", "U.N.-led negotiations between the government"),
        ("Bassam al-Khatib", "reported", "the group would judge the agreement"),
        ("Bassam al-Khatib", "direct", "If the planes are still in the sky"),
    ],
    mentioned=["Bashar al-Assad"],
    countries=["DE", "SY", "US", "RU", "IR", "SA", "TR"],
),

# ---------------------------------------------------------------------------
dict(
    id="eg-2016-0001",
    title="Aid trucks reach besieged Syrian towns as Munich deal faces its first test",
    date="2016-02-18T15:20:00Z",
    source="Eastbrook Gazette",
    author="Hannah Okafor",
    body="""
DAMASCUS — Trucks loaded with flour, medicine and blankets rolled into five besieged areas of Syria on Wednesday, the first deliveries under the agreement reached by world powers in Munich last week.

About 100 vehicles from the United Nations, the Syrian Arab Red Crescent and the International Committee of the Red Cross reached Madaya and Zabadani, near the Lebanese border, the government-held villages of Fuaa and Kefraya in Idlib province, and the rebel-held suburb of Muadamiyat al-Sham.

"Today is a good day, but it is one day. The people in these towns need this every week, not once in a season," said Leila Haddad, a spokeswoman for the U.N. Office for the Coordination of Humanitarian Affairs in Damascus.

Doctors in Madaya have reported dozens of deaths from malnutrition since December. A nurse at a makeshift clinic in the town, who asked to be identified only by his first name, Ahmad, said children had been eating boiled grass and leaves for weeks.

"When the first truck came through, people did not cheer. They were too tired to cheer," he said by telephone. "An old man sat down in the road and just held a bag of rice."

The deliveries came as fighting raged north of Aleppo, where government troops backed by Russian airstrikes have cut the main supply route into rebel-held districts of the city, and as Turkish artillery shelled Kurdish militia positions near the border town of Azaz.

Turkish Prime Minister Ahmet Davutoglu has said that Ankara will not allow the Kurdish YPG militia to take Azaz, a position that puts Turkey at odds with Washington, which arms the group's allies in the fight against Islamic State.

Aid groups warned that a single convoy could not be mistaken for a policy.

"Access cannot depend on which way the wind blows in a conference room in Europe," said Marten Holm, who heads the Norwegian Refugee Council's operations in the region. "It has to be unconditional, and it has to be sustained."
""",
    quotes=[
        ("Leila Haddad", "direct", "Today is a good day, but it is one day."),
        ("Ahmad", "reported", "children had been eating boiled grass"),
        ("Ahmad", "direct", "When the first truck came through"),
        ("Ahmad", "direct", "An old man sat down in the road"),
        ("Ahmet Davutoglu", "reported", "Ankara will not allow the Kurdish YPG"),
        ("Marten Holm", "direct", "Access cannot depend on which way"),
        ("Marten Holm", "direct", "It has to be unconditional"),
    ],
    mentioned=[],
    countries=["SY", "DE", "LB", "RU", "TR", "US", "NO"],
),

# ---------------------------------------------------------------------------
dict(
    id="cd-2016-0001",
    title="Colombia's central bank lifts rates to 6.5 percent as drought and weak peso feed inflation",
    date="2016-03-31T20:05:00Z",
    source="Compass Daily",
    author="Rafael Arboleda",
    body="""
BOGOTÁ, March 31 (Compass Daily) - Colombia's central bank raised its benchmark interest rate by a quarter point to 6.5 percent on Thursday, its seventh increase in as many months, as policymakers struggled to tame inflation driven by a weak peso and a drought that has pushed up food prices.

The board of the Banco de la República was split, with five members voting for the increase and two preferring to hold rates steady.

Annual consumer price inflation reached 7.59 percent in February, more than double the bank's 3 percent target and the highest in seven years. The El Niño weather pattern has parched farmland across the Andean country, while the peso lost nearly a third of its value against the dollar last year as oil prices collapsed.

"We are seeing the first signs that inflation expectations are stabilizing, but the board is not going to take any chances," said Catalina Restrepo, the bank's technical manager, at a news conference.

Of 24 economists surveyed by Compass Daily before the meeting, 13 had forecast an increase.

"The bank is paying for credibility with growth. That is a trade it can make for a while, but not forever," said Julián Ospina, chief economist at the Bogotá brokerage Valores del Andes. He said he expected one more increase in April, followed by a long pause.

Deputy Finance Minister Andrés Felipe Rojas told reporters the government still expected the economy to grow about 2.5 percent this year, down from 3.1 percent in 2015, and that spending cuts announced in February would not be deepened.

In New York, investors welcomed the bank's resolve.

"Colombia is one of the few places in Latin America where the central bank is clearly ahead of the curve rather than behind it," said Priya Raman, an emerging-markets strategist at Halden Capital. "That matters when you are deciding where to put your money for the next two years."

The peso strengthened 0.8 percent after the decision to 3,005 per dollar, extending its rally from a record low of 3,434 in February.
""",
    quotes=[
        ("Catalina Restrepo", "direct", "We are seeing the first signs"),
        ("Julián Ospina", "direct", "The bank is paying for credibility"),
        ("Julián Ospina", "reported", "he expected one more increase in April"),
        ("Andrés Felipe Rojas", "reported", "the government still expected the economy"),
        ("Priya Raman", "direct", "Colombia is one of the few places"),
        ("Priya Raman", "direct", "That matters when you are deciding"),
    ],
    mentioned=[],
    countries=["CO", "US"],
),

# ---------------------------------------------------------------------------
dict(
    id="sc-2016-0001",
    title="In São Paulo, Zika fears fill maternity clinics as WHO declares global emergency",
    date="2016-02-02T13:00:00Z",
    source="Saltmarsh Courier",
    author="Beatriz Lacerda",
    body="""
SÃO PAULO — The waiting room at the maternity clinic of the Hospital Santa Clara, in São Paulo's eastern suburbs, was full by 7 a.m. on Tuesday. Most of the women had come with the same question.

"They ask me whether their baby will be born healthy, and I have to tell them the truth, which is that we do not know yet," said Dr. Renata Albuquerque, an obstetrician who has worked at the clinic for 14 years. "It is the hardest sentence of my career."

The World Health Organization on Monday declared the spread of the Zika virus a public health emergency of international concern, citing a suspected link between infection during pregnancy and microcephaly, a condition in which babies are born with abnormally small heads.

Brazil's Health Ministry has recorded more than 4,000 suspected cases of microcephaly since October, most of them in the northeastern state of Pernambuco, compared with fewer than 150 in a typical year. Only a fraction have been confirmed.

According to the ministry's spokeswoman, Ana Duarte, some 220,000 soldiers will go door to door this month to destroy the breeding grounds of the Aedes aegypti mosquito, which also spreads dengue.

The virus has now been detected in more than 20 countries and territories in the Americas. Colombia has reported more than 20,000 cases, and the governments of El Salvador and Jamaica have advised women to put off pregnancy.

"Telling women not to get pregnant is not a health policy. It is an admission that the state has failed to control a mosquito," said Fernanda Vieira, a researcher at the Oswaldo Cruz Foundation in Rio de Janeiro.

Back at the clinic, Juliana Moreira, 27, who is five months pregnant with her first child, said she had stopped visiting her mother's neighborhood, where a canal floods every summer.

"I wear long sleeves even when it is 35 degrees. I sleep with the fan pointed at me so the mosquitoes cannot land," she said, laughing nervously. "My mother thinks I have gone crazy."

The outbreak has also cast a shadow over the Olympic Games, which open in Rio in August.
""",
    quotes=[
        ("Renata Albuquerque", "direct", "They ask me whether their baby"),
        ("Renata Albuquerque", "direct", "It is the hardest sentence"),
        ("Ana Duarte", "reported", "some 220,000 soldiers will go door to door"),
        ("Fernanda Vieira", "direct", "Telling women not to get pregnant"),
        ("Juliana Moreira", "reported", "she had stopped visiting her mother"),
        ("Juliana Moreira", "direct", "I wear long sleeves even when"),
        ("Juliana Moreira", "direct", "My mother thinks I have gone crazy."),
    ],
    mentioned=[],
    countries=["BR", "CO", "SV", "JM"],
),

# ---------------------------------------------------------------------------
dict(
    id="bt-2016-0002",
    title="Pound PLUNGES to 31-year low as Britain votes to leave the EU",
    date="2016-06-24T09:30:00Z",
    source="Bellwether Times",
    author="Oliver Stannard",
    body="""
LONDON, June 24 (Bellwether Times) - Sterling suffered its biggest one-day fall on record on Friday and stock markets around the world tumbled after Britain voted to leave the European Union, a result that caught investors, pollsters and much of the country’s political establishment off guard.

The pound fell more than 10 percent against the dollar at one point in Asian trading, to $1.3229, its weakest level since 1985. London’s FTSE 100 index opened down more than 8 percent before recovering some ground, while Japan’s Nikkei average closed 7.9 percent lower.

Prime Minister David Cameron, who had led the campaign to remain, announced outside Downing Street that he would step down by October and leave the negotiations over Britain’s exit to his successor.

Bank of England Governor Mark Carney said the central bank stood ready to provide more than 250 billion pounds of additional funds to keep markets functioning.

"I have been on this desk for 22 years and I have never seen a night like it," said Graham Pellow, head of currency trading at Marlowe & Finch in the City of London. "At four in the morning people were just staring at their screens. Nobody said a word."

Economists warned that the real damage would take longer to show.

"The immediate market shock is the easy part to measure," said Anjali Mehta, chief European economist at Corran Bank. "What nobody can price yet is two years of uncertainty over trade, over the rights of banks to sell their services across the continent, and over where companies choose to invest.

"My fear is that businesses simply sit on their hands, and that is how a shock to confidence turns into a recession."

German Chancellor Angela Merkel invited the leaders of France and Italy to Berlin for talks on Monday, while officials in Brussels insisted the remaining 27 members would stay united.

In the northern English town of Sunderland, where 61 percent voted to leave, the mood was very different. "We have been ignored for thirty years. Today they had to listen," said Terry Ashworth, 58, a former shipyard welder.
""",
    quotes=[
        ("David Cameron", "reported", "he would step down by October"),
        ("Mark Carney", "reported", "the central bank stood ready to provide"),
        ("Graham Pellow", "direct", "I have been on this desk for 22 years"),
        ("Graham Pellow", "direct", "At four in the morning people"),
        ("Anjali Mehta", "direct", "The immediate market shock"),
        ("Anjali Mehta", "direct", "What nobody can price yet"),
        ("Terry Ashworth", "direct", "We have been ignored for thirty years."),
    ],
    mentioned=["Angela Merkel"],
    countries=["GB", "JP", "DE", "FR", "IT", "BE"],
),

# ---------------------------------------------------------------------------
dict(
    id="gh-2016-0002",
    title="Fiji wins first Olympic gold as sevens side routs Britain in Rio",
    date="2016-08-11T23:55:00Z",
    source="Granite Herald",
    author="Lucy Farrant",
    body="""
RIO DE JANEIRO, Aug 11 (Granite Herald) - Fiji won the first Olympic medal in its history on Thursday, and made it gold, as its rugby sevens team overwhelmed Great Britain 43-7 in the final at Deodoro Stadium and set off celebrations that stretched from the stands in Rio to the streets of Suva.

The Pacific island nation of fewer than 900,000 people had never before stood on an Olympic podium. Its players, many of whom learned the game barefoot on village fields, scored five tries in the first half and were so far ahead at the break that their supporters began singing hymns.

"Thousands of people were in the streets before the final whistle. Grown men were crying in the bus station. I have never seen my country like this," said Semi Ratuvou, a bus driver reached by telephone in Suva.

The team is coached by Ben Ryan, an Englishman who took over in 2013 when the Fiji Rugby Union was so short of money that it struggled to pay for training camps.

"Fiji have always had the most gifted players in the world. What Ryan gave them was structure and fitness, and in the last ten minutes of every match here that was the difference," said Tom Hallam, a former England sevens player working as a television analyst at the Games.

Britain, who had beaten South Africa in the semi-finals, never recovered from conceding two tries in the opening four minutes. South Africa took the bronze medal with a 54-14 win over Japan, whose run to the last four was one of the surprises of the tournament.

Litia Naivalu, a spokeswoman for the Fiji Rugby Union, said the government was already planning a national holiday for the players' return.

"This medal belongs to every village in Fiji," she said. "Every child who ever threw a rugby ball made out of plastic bottles can feel that it is theirs."
""",
    quotes=[
        ("Semi Ratuvou", "direct", "Thousands of people were in the streets"),
        ("Tom Hallam", "direct", "Fiji have always had the most gifted"),
        ("Litia Naivalu", "reported", "the government was already planning"),
        ("Litia Naivalu", "direct", "This medal belongs to every village"),
        ("Litia Naivalu", "direct", "Every child who ever threw a rugby ball"),
    ],
    mentioned=["Ben Ryan"],
    countries=["FJ", "GB", "BR", "ZA", "JP"],
),

# ---------------------------------------------------------------------------
dict(
    id="eg-2016-0002",
    title="Turkey drive comes up short in coastal Georgia as food bank demand climbs",
    date="2016-11-22T17:45:00Z",
    source="Eastbrook Gazette",
    author="Caleb Harwood",
    body="""
SAVANNAH, Ga. — Turkey donations to the Coastal Harvest Food Bank have fallen by nearly a third this year, just as more families than ever are asking for help to put a holiday meal on the table.

The food bank, which serves 11 counties in southeast Georgia, had collected 1,240 frozen birds by Monday, well short of its goal of 1,800 and down from 1,790 at the same point last year.

"Every year we say this is the toughest year, and every year it gets a little tougher," said Jordan Mills, the food bank's director of operations. "We have families coming in who were donors three years ago."

Mills said much of the shortfall could be traced to the closure in August of the Brennan Poultry processing plant in nearby Effingham County, which had donated several hundred birds every November for more than a decade. The closure also put 300 people out of work.

Churches and businesses have tried to fill the gap. At First Bethel Baptist Church on the city's west side, the Rev. Marcus Washington has asked each family in his congregation to bring one extra bird to Sunday service.

"Thanksgiving is about gratitude, and gratitude you keep to yourself isn't worth much," Washington said. He said the church had collected 86 turkeys in two weekends.

State labor figures show unemployment in Chatham County at 5.3 percent, above the statewide rate, and food bank officials in Atlanta and Augusta have reported similar increases in demand.

Keisha Grant, 41, a nursing assistant who volunteers at the Savannah warehouse on weekends, said the people in line were rarely the ones outsiders imagined.

"People think hunger looks a certain way. It looks like your neighbor, your kid's teacher, the man who fixed your car last spring," she said.

Donations of frozen turkeys, canned vegetables and boxed stuffing can be dropped off at the food bank's warehouse on Dean Forest Road until 6 p.m. on Wednesday.
""",
    quotes=[
        ("Jordan Mills", "direct", "Every year we say this is the toughest"),
        ("Jordan Mills", "direct", "We have families coming in"),
        ("Jordan Mills", "reported", "much of the shortfall could be traced"),
        ("Marcus Washington", "direct", "Thanksgiving is about gratitude"),
        ("Marcus Washington", "reported", "the church had collected 86 turkeys"),
        ("Keisha Grant", "reported", "the people in line were rarely"),
        ("Keisha Grant", "direct", "People think hunger looks a certain way."),
    ],
    mentioned=[],
    countries=["US"],
    gaz_ignore=["TR", "JO", "GE"],
),

# ---------------------------------------------------------------------------
dict(
    id="cd-2016-0002",
    title="Trump victory jolts markets and stuns pollsters as Mexican peso hits record low",
    date="2016-11-09T15:30:00Z",
    source="Compass Daily",
    author="Nadia Petrakis",
    body="""
WASHINGTON — Republican Donald Trump's victory in the U.S. presidential election sent the Mexican peso to a record low and briefly knocked stock futures sharply lower overnight, as investors who had bet heavily on a win for Democrat Hillary Clinton scrambled to reposition.

The peso fell as much as 13 percent, to more than 20.7 per dollar, its biggest one-day drop since the 1994 crisis. Futures on the Dow Jones Industrial Average were down more than 800 points at one stage, but by midday on Wednesday the index itself was trading higher as investors turned their attention to promised tax cuts and infrastructure spending.

"The overnight move was pure panic. By the time New York opened, people had started asking what a Trump administration actually means for spending and taxes, and for a lot of sectors the answer is more," said Eleanor Vance, head of equity strategy at Brightwater Partners in Boston.

South of the border the mood was darker. Trump has promised to renegotiate the North American Free Trade Agreement and to make Mexico pay for a wall along the frontier.

"Mexico is on the front line. If trade with the United States is renegotiated on bad terms, there is no part of this economy that escapes," said Arturo Sandoval Reyes, an economist at Grupo Financiero Cumbre in Mexico City.

Pollsters, most of whom had given Clinton a lead of three to four points nationally, faced hard questions.

"We missed something real in the industrial Midwest, and we owe people an explanation," said Dana Whitcomb, director of the Keller Institute poll. She said her team would publish a full review of its methods within weeks.

In Youngstown, Ohio, Wes Dunlap, a 58-year-old retired steelworker, said he had voted for Democrats all his life until this year.

"Nobody in Washington has come here in thirty years and asked us what we need. He did," Dunlap said.
""",
    quotes=[
        ("Eleanor Vance", "direct", "The overnight move was pure panic."),
        ("Arturo Sandoval Reyes", "direct", "Mexico is on the front line."),
        ("Dana Whitcomb", "direct", "We missed something real"),
        ("Dana Whitcomb", "reported", "her team would publish a full review"),
        ("Wes Dunlap", "reported", "he had voted for Democrats all his life"),
        ("Wes Dunlap", "direct", "Nobody in Washington has come here"),
    ],
    mentioned=["Donald Trump", "Hillary Clinton"],
    countries=["US", "MX"],
),

# ---------------------------------------------------------------------------
dict(
    id="sc-2016-0002",
    title="Marrakech climate talks close with vow to keep Paris deal on track despite U.S. doubts",
    date="2016-11-18T21:00:00Z",
    source="Saltmarsh Courier",
    author="Amira Benali",
    body="""
MARRAKECH, Morocco — Nearly 200 countries closed two weeks of climate talks in Marrakech on Friday by declaring that the momentum behind the Paris Agreement could not be reversed, a message aimed squarely at U.S. President-elect Donald Trump, who has called global warming a hoax and promised to pull out of the accord.

The conference, presided over by Moroccan Foreign Minister Salaheddine Mezouar, was meant to be a technical session to begin writing the rulebook for the agreement, which entered into force on Nov. 4. Instead, the American election result hung over nearly every meeting.

"We came here to write the rulebook for Paris, and we spent half our time answering questions about one man," said one European negotiator, who asked not to be named because the talks were private.

Small island states, which face the loss of their land to rising seas, were the most outspoken.

"The islands do not have the luxury of waiting four years to see what Washington decides," said Sione Fakatava, a negotiator for Tonga. "For us this is not a debate about economics. It is a debate about whether our grandchildren have a home."

Liu Wenjun, a deputy head of the Chinese delegation, told reporters that Beijing would honour its commitments to cut the carbon intensity of its economy regardless of what other countries decided, a statement that several delegates described as a quiet bid for leadership.

Countries agreed to finish the rulebook by 2018. Fiji will preside over next year's talks, which will be held in Bonn, Germany, because the islands lack the facilities to host tens of thousands of delegates.

Environmental groups said the outcome was better than they had feared after the election.

"A week ago people were asking whether Paris was dead. It is not. But nobody should pretend that the gap between pledges and the science has closed," said Marta Kowalczyk, a policy adviser at Climate Action Network Europe.
""",
    quotes=[
        (None, "direct", "We came here to write the rulebook"),
        ("Sione Fakatava", "direct", "The islands do not have the luxury"),
        ("Sione Fakatava", "direct", "For us this is not a debate"),
        ("Liu Wenjun", "reported", "Beijing would honour its commitments"),
        ("Marta Kowalczyk", "direct", "A week ago people were asking"),
    ],
    mentioned=["Donald Trump", "Salaheddine Mezouar"],
    countries=["MA", "FR", "US", "TO", "CN", "FJ", "DE"],
),

# ---------------------------------------------------------------------------
dict(
    id="bt-2016-0003",
    title="Tokyo robot maker bets on elder care as Japan's workforce shrinks",
    date="2016-10-05T04:00:00Z",
    source="Bellwether Times",
    author="Kenji Mori",
    body="""
TOKYO — Tsubame Robotics, a mid-sized Tokyo engineering firm best known for its factory welding arms, on Wednesday unveiled a robot designed to lift elderly patients from their beds into wheelchairs, a task that is one of the main causes of back injuries among Japan's care workers.

The 140-kilogram machine, named Hinata, uses padded arms and pressure sensors to cradle a patient of up to 80 kilograms. It will go on sale in April for 3.2 million yen, or about $31,000, and the company hopes to sell 1,200 units in its first year.

「介護の現場では人手が足りません。このロボットは人の代わりではなく、人を支えるための道具です」と、開発責任者の佐藤美咲氏は発表会で語った。

"There are not enough hands in care work. This robot is not a replacement for people, it is a tool to support them," said Misaki Sato, who led the development team, speaking at the launch in Tokyo's Shinagawa district.

Japan has the oldest population of any major economy, with more than a quarter of its people aged 65 or over. The health ministry estimates the country will be short of some 380,000 care workers by 2025, and the government has made nursing-care robots one of the priorities of its growth strategy.

Larger rivals, including Toyota and Panasonic, have shown similar prototypes, but few have reached the market, partly because care homes have been reluctant to pay for expensive machines.

"Japan is the laboratory for the rest of the world on ageing," said Hiroshi Tanabe, an analyst at Kaito Research in Tokyo. "Whoever solves care robotics here will find customers in China, South Korea and Germany within a decade."

At a nursing home in Yokohama that has been testing Hinata since spring, director Emiko Hayashi said staff had been sceptical at first but now competed to use it.

"The residents call it 'the big gentle one,'" she said. "Nobody expected that."
""",
    quotes=[
        ("Misaki Sato", "direct", "介護の現場では人手が足りません。"),
        ("Misaki Sato", "direct", "There are not enough hands in care work."),
        ("Hiroshi Tanabe", "direct", "Japan is the laboratory for the rest"),
        ("Hiroshi Tanabe", "direct", "Whoever solves care robotics here"),
        ("Emiko Hayashi", "reported", "staff had been sceptical at first"),
        ("Emiko Hayashi", "direct", "The residents call it"),
        ("Emiko Hayashi", "direct", "Nobody expected that."),
    ],
    mentioned=[],
    countries=["JP", "CN", "KR", "DE"],
),

# ---------------------------------------------------------------------------
dict(
    id="gh-2016-0003",
    title="German court orders Zürich app maker to stop sharing users' location data",
    date="2016-05-19T11:10:00Z",
    source="Granite Herald",
    author="Friederike Lang",
    body="""
MUNICH — A German court on Thursday ordered Pendel AG, the Zürich-based maker of a popular ride-sharing app, to stop passing its users' location data to advertisers without their explicit consent, in a ruling that consumer groups said could ripple across Europe.

The Munich Regional Court found that Pendel's privacy terms, which users accepted by tapping a single button when they installed the app, did not meet the requirements of German data protection law. The company has about 2.3 million users in Germany, Austria and Switzerland.

Presiding Judge Annette Müller said the company had placed the most important information "on page 14 of a document that almost no one reads."

"Consent that nobody understands is not consent," she said as she delivered the ruling.

The case was brought by the Federation of German Consumer Organisations, known by its German initials vzbv, after a researcher found that the app transmitted precise location data to a dozen advertising networks every few minutes, even when it was not in use.

"This is a very clear signal to the whole industry: the burden is on the company, not on the user," said Klaus Brandauer, a lawyer for the federation. "If you need three pages of legal language to explain what you do with people's data, you are probably doing too much with it."

Pendel, which can appeal, rejected the court's reasoning.

"We take privacy extremely seriously and believe our practices comply fully with Swiss and European law," said Reto Fässler, a spokesman for the company in Zürich. He said Pendel would review the judgment carefully before deciding on its next steps.

The ruling comes weeks after the European Union formally adopted its General Data Protection Regulation, which will replace national laws from May 2018 and allow regulators to fine companies up to 4 percent of their global annual turnover.
""",
    quotes=[
        ("Annette Müller", "reported", "the company had placed the most important"),
        ("Annette Müller", "direct", "on page 14 of a document"),
        ("Annette Müller", "direct", "Consent that nobody understands"),
        ("Klaus Brandauer", "direct", "This is a very clear signal"),
        ("Klaus Brandauer", "direct", "If you need three pages of legal language"),
        ("Reto Fässler", "direct", "We take privacy extremely seriously"),
        ("Reto Fässler", "reported", "Pendel would review the judgment"),
    ],
    mentioned=[],
    countries=["DE", "CH", "AT"],
),

# ===========================================================================
# 2017
dict(
    id="eg-2017-0001",
    title="Macron's victory brings relief in Berlin and Brussels as Le Pen vows to fight on",
    date="2017-05-08T06:00:00Z",
    source="Eastbrook Gazette",
    author="Camille Besson",
    body="""
PARIS — Emmanuel Macron, a 39-year-old former investment banker who had never before run for elected office, was elected president of France on Sunday, defeating the far-right leader Marine Le Pen with 66.1 percent of the vote.

Macron will be the youngest head of state in France since Napoleon. His victory was greeted with visible relief in Berlin and Brussels, where officials had feared that a Le Pen presidency would mean a referendum on leaving the euro and possibly the European Union. German Chancellor Angela Merkel telephoned him within an hour of the first projections.

But turnout was the lowest in a presidential runoff in almost half a century, and a record number of voters cast blank or spoiled ballots.

"I voted for him without enthusiasm, but without hesitation," said Élodie Marchand, 34, a pharmacist in Lyon. "Now he has five years to prove that people like me were right to trust him."

Analysts warned that the harder test would come in June, when France elects a new National Assembly.

"The markets will take this as a big relief, and so will Berlin," said Jens Oberhauser, director of the Europe programme at the Hertling Institute in Berlin. "But the hard part starts now. Macron needs a majority in parliament, and he does not yet have a party worth the name.

"If he fails there, all the energy of this victory could drain away within weeks."

In Hénin-Beaumont, a former mining town in the north where Le Pen won comfortably, her supporters insisted the night was not a defeat.

"Eleven million French people voted for Marine. That is not a defeat, it is a foundation," said Sylvain Roche, a National Front councillor in the town.

The euro rose to a six-month high against the dollar in early Asian trading on Monday before giving up some of its gains.
""",
    quotes=[
        ("Élodie Marchand", "direct", "I voted for him without enthusiasm"),
        ("Élodie Marchand", "direct", "Now he has five years to prove"),
        ("Jens Oberhauser", "direct", "The markets will take this as a big relief"),
        ("Jens Oberhauser", "direct", "But the hard part starts now."),
        ("Sylvain Roche", "direct", "Eleven million French people"),
    ],
    mentioned=["Emmanuel Macron", "Marine Le Pen", "Napoleon", "Angela Merkel"],
    countries=["FR", "DE", "BE"],
),

# ---------------------------------------------------------------------------
dict(
    id="cd-2017-0001",
    title="Fed raises rates for second time in three months but keeps gradual path",
    date="2017-03-15T19:40:00Z",
    source="Compass Daily",
    author="Daniel Okoye",
    body="""
WASHINGTON, March 15 (Compass Daily) - The Federal Reserve raised interest rates by a quarter of a percentage point on Wednesday, its second increase in three months, and signalled that it still expected only two more hikes this year despite a strengthening U.S. economy.

The increase lifts the Fed's target range for the federal funds rate to between 0.75 percent and 1 percent. The decision was backed by nine of the ten voting members of the Federal Open Market Committee; Minneapolis Fed President Neel Kashkari dissented, preferring to wait.

Fed Chair Janet Yellen told reporters that the economy was doing well and that the move reflected confidence in its progress rather than fear of overheating.

Markets, which had fully priced in the increase, focused instead on the Fed's projections, which were almost unchanged from December.

"The Fed is not slamming on the brakes. It is easing its foot off the accelerator, and it wants everyone to know it is doing so slowly," said Ruth Ellison, a former Fed economist who now teaches at Georgetown University.

Stocks rose after the announcement and the dollar fell 1 percent against the Japanese yen, as some traders had bet that the central bank would signal a faster pace of tightening.

"A lot of people positioned for a hawkish surprise, and they did not get one," said Marcus Delgado, chief U.S. economist at Fairhaven Securities in New York. He said he now expected the next move in September.

The unemployment rate fell to 4.7 percent in February, and inflation is close to the Fed's 2 percent target for the first time in nearly five years.

Economists said the biggest uncertainty for the Fed now lay in Washington, where the White House and Congress have yet to agree on the tax cuts and infrastructure spending that President Donald Trump promised during his campaign.
""",
    quotes=[
        ("Janet Yellen", "reported", "the economy was doing well"),
        ("Ruth Ellison", "direct", "The Fed is not slamming on the brakes."),
        ("Marcus Delgado", "direct", "A lot of people positioned"),
        ("Marcus Delgado", "reported", "he now expected the next move"),
    ],
    mentioned=["Neel Kashkari", "Donald Trump"],
    countries=["US", "JP"],
),

# ---------------------------------------------------------------------------
dict(
    id="sc-2017-0001",
    title="Russia, Turkey and Iran agree to police Syria truce as Astana talks end",
    date="2017-01-24T16:30:00Z",
    source="Saltmarsh Courier",
    author="Dmitri Sokolov",
    body="""
ASTANA, Kazakhstan — Russia, Turkey and Iran agreed on Tuesday to set up a joint mechanism to monitor a shaky ceasefire in Syria, ending two days of talks in the Kazakh capital that brought Syrian government and rebel delegations to the same negotiating venue for the first time in nearly six years of war.

The three countries, which back opposing sides in the conflict, said in a joint statement that there was no military solution and that they would work to consolidate the truce that took effect on Dec. 30. But the rebels refused to sign the document, objecting to Iran's role as a guarantor.

The government delegation was led by Bashar al-Jaafari, Syria's ambassador to the United Nations, while the rebels were headed by Mohammad Alloush of the Jaish al-Islam faction. The two sides never sat face to face; Russian and Turkish officials carried messages between rooms.

"How can the country whose militias besiege our towns be a guarantor of a ceasefire? It is like asking the arsonist to run the fire brigade," said Omar bin Khalid al-Tamimi, a legal adviser to the rebel delegation.

Al-Tamimi said the rebels had handed the Russian side a list of more than 30 violations by government forces and allied militias in the Wadi Barada valley near Damascus since the truce began.

Staffan de Mistura, the U.N. envoy for Syria, attended the talks and is expected to convene a new round of negotiations in Geneva next month.

The United States, in the middle of a change of administration, was represented only by its ambassador to Kazakhstan, who attended as an observer.

"Kazakhstan offered a neutral platform, and we are glad that the parties used it," said Aigerim Nurlanovna, a spokeswoman for the Kazakh foreign ministry. "We never expected a peace agreement in two days."

A Turkish diplomat involved in the talks was more blunt. "Everybody leaves Astana unhappy, which in this business is sometimes a sign of progress," he said, speaking on condition of anonymity.
""",
    quotes=[
        ("Omar bin Khalid al-Tamimi", "direct", "How can the country whose militias"),
        ("Omar bin Khalid al-Tamimi", "reported", "the rebels had handed the Russian side"),
        ("Aigerim Nurlanovna", "direct", "Kazakhstan offered a neutral platform"),
        ("Aigerim Nurlanovna", "direct", "We never expected a peace agreement"),
        (None, "direct", "Everybody leaves Astana unhappy"),
    ],
    mentioned=["Bashar al-Jaafari", "Mohammad Alloush", "Staffan de Mistura"],
    countries=["KZ", "RU", "TR", "IR", "SY", "CH", "US"],
),

# ---------------------------------------------------------------------------
dict(
    id="bt-2017-0001",
    title="Merkel wins fourth term but AfD surge redraws German politics",
    date="2017-09-25T08:00:00Z",
    source="Bellwether Times",
    author="Greta Lindqvist",
    body="""
BERLIN, Sept 25 (Bellwether Times) - Angela Merkel secured a fourth term as German chancellor on Sunday, but her conservatives slumped to their worst result since 1949 and the anti-immigration Alternative for Germany became the first far-right party to enter the Bundestag in more than half a century.

Merkel's Christian Democrats and their Bavarian sister party won 33 percent of the vote. The Social Democrats, her partners in the outgoing government, fell to 20.5 percent, and their leader, Martin Schulz, announced within minutes of the first exit polls that the party would go into opposition.

The AfD took 12.6 percent, making it the third-largest party. In the eastern state of Saxony it came first.

Merkel acknowledged on Sunday night that her party had hoped for a better result and promised to listen to the concerns of voters who had abandoned it.

With the Social Democrats out, the most likely coalition is a so-called Jamaica alliance — named after the colours of the three parties — with the pro-business Free Democrats and the Greens, who disagree on everything from diesel cars to refugees.

"This is the end of the idea that Germany was somehow immune to what has happened everywhere else in Europe," said Katrin Vogelsang, a political scientist at the University of Mainz. "The AfD is not a protest that will simply evaporate. It has a base, especially in the east, and it will use the Bundestag as a stage.

"For Merkel, the challenge is that every compromise she makes with the Greens will be used against her on the right."

In Dresden, where the AfD won more than 22 percent, supporters rejected the label of extremists.

"Nobody here is a Nazi. We are people who feel that nobody in Berlin listens to us," said Uwe Kellermann, 61, a retired engineer, outside a polling station in the city's Prohlis district. "Now they will have to."

Coalition talks are expected to take weeks, and possibly months.
""",
    quotes=[
        ("Martin Schulz", "reported", "the party would go into opposition"),
        ("Angela Merkel", "reported", "her party had hoped for a better result"),
        ("Katrin Vogelsang", "direct", "This is the end of the idea that Germany"),
        ("Katrin Vogelsang", "direct", "The AfD is not a protest"),
        ("Uwe Kellermann", "direct", "Nobody here is a Nazi."),
        ("Uwe Kellermann", "direct", "Now they will have to."),
    ],
    mentioned=[],
    countries=["DE"],
    gaz_ignore=["JM"],
),

# ---------------------------------------------------------------------------
dict(
    id="gh-2017-0001",
    title="Kenyan debutant Kiptanui wins Zürich Marathon as Swiss hope takes fifth",
    date="2017-04-23T14:50:00Z",
    source="Granite Herald",
    author="Lucy Farrant",
    body="""
ZÜRICH — Daniel Kiptanui of Kenya, running only the second marathon of his career, broke away from a group of four along the shore of Lake Zürich with five kilometres to go and won the Zürich Marathon on Sunday in 2 hours, 9 minutes and 51 seconds.

Ethiopia's Abebe Desta finished 38 seconds behind, and Kenya's Joseph Rotich was third. Lukas Amstutz, the fastest Swiss man in the field, ran a personal best of 2:14:07 to take fifth place in front of a crowd that packed the bridges of the old town.

"At 35 kilometres my legs were telling me to stop, but my coach told me this morning that the race only begins at 35," Kiptanui said. "So I listened to him and not to my legs."

The 24-year-old, who trains in the highland town of Iten and made his debut at the distance in Lisbon last autumn, said he would use his winnings of 25,000 Swiss francs to build a house for his mother.

Amstutz, a physiotherapist who trains in the evenings after work, was overwhelmed by the support.

"On the Quaibrücke the noise was so loud I could not hear my own breathing. I think every person I have ever met was standing there," he said.

In the women's race, Ethiopia's Yeshi Worku won in 2:28:40 despite stopping briefly at 30 kilometres with a cramp.

"I thought my race was finished. Then I saw the other women coming and I was angry with myself, so I ran again," she said through an interpreter.

Race director Beat Zimmermann said a record 13,500 runners had taken part across all events and that organisers would consider moving the start earlier next year because of the warm spring weather.
""",
    quotes=[
        ("Daniel Kiptanui", "direct", "At 35 kilometres my legs"),
        ("Daniel Kiptanui", "direct", "So I listened to him"),
        ("Daniel Kiptanui", "reported", "he would use his winnings"),
        ("Lukas Amstutz", "direct", "On the Quaibrücke the noise"),
        ("Yeshi Worku", "direct", "I thought my race was finished."),
        ("Beat Zimmermann", "reported", "a record 13,500 runners had taken part"),
    ],
    mentioned=["Abebe Desta", "Joseph Rotich"],
    countries=["CH", "KE", "ET", "PT"],
),

# ---------------------------------------------------------------------------
dict(
    id="cd-2017-0002",
    title="Halvard Systems chief Denise Washington grilled by senators over data breach",
    date="2017-10-04T21:30:00Z",
    source="Compass Daily",
    author="Samuel Reyes",
    body="""
WASHINGTON — The chief executive of Halvard Systems apologized to Congress on Wednesday for a data breach that exposed the personal details of 57 million Americans, but senators from both parties said the company had ignored warnings for months before hackers got in.

"I am here to apologize, and I am here to tell you that we will make this right," Denise Washington told the Senate Commerce Committee in her first public appearance since the breach was disclosed last month.

Washington, who has led the Atlanta-based payroll and identity-verification company since 2012, said investigators had found that the attackers exploited a flaw in a web application that the company had been told about in May but had not fixed.

Sen. Margaret Ostrander, an Ohio Republican, held up a printed copy of the security bulletin.

"You had a fix for this vulnerability sitting on a shelf for four months. Four months," Ostrander said. "What were you waiting for?"

Washington replied that a technician had failed to apply the patch and that the company's scanning tools had not detected the gap. She said she was "deeply sorry" and announced that Halvard would offer five years of free credit monitoring to everyone affected.

Sen. Raymond Okafor, a New Jersey Democrat, said he would introduce legislation requiring companies that hold sensitive data to report breaches within 72 hours, and to pay automatic compensation to consumers.

"Right now the only people who pay for these failures are the victims," he said.

Shares of Halvard fell 3.5 percent in New York after the hearing and have lost nearly a third of their value since the breach became public. The Federal Trade Commission and attorneys general in more than 30 states have opened investigations.
""",
    quotes=[
        ("Denise Washington", "direct", "I am here to apologize"),
        ("Denise Washington", "reported", "investigators had found that the attackers"),
        ("Margaret Ostrander", "direct", "You had a fix for this vulnerability"),
        ("Margaret Ostrander", "direct", "What were you waiting for?"),
        ("Denise Washington", "reported", "a technician had failed to apply the patch"),
        ("Denise Washington", "reported", 'she was "deeply sorry"'),
        ("Denise Washington", "direct", "deeply sorry"),
        ("Denise Washington", "reported", "Halvard would offer five years"),
        ("Raymond Okafor", "reported", "he would introduce legislation"),
        ("Raymond Okafor", "direct", "Right now the only people who pay"),
    ],
    mentioned=[],
    countries=["US"],
),

# ---------------------------------------------------------------------------
dict(
    id="sc-2017-0002",
    title="Bonn climate talks end with Fiji-led dialogue and a rival U.S. message on coal",
    date="2017-11-18T09:00:00Z",
    source="Saltmarsh Courier",
    author="Amira Benali",
    body="""
BONN, Germany — U.N. climate talks ended early on Saturday with an agreement to launch a year-long review of national pledges under the Paris Agreement, a process that the Fijian presidency has named the Talanoa Dialogue after a Pacific tradition of open and inclusive discussion.

It was the first time a small island state had presided over the annual talks. Because Fiji could not host the 25,000 participants, the meeting took place in Bonn, and the German government covered much of the cost.

"In a talanoa you do not point fingers. You tell your story and you listen to the stories of others, and then you decide together," said Mereani Tuivaga, a member of Fiji's delegation. "We want every country to come with its story next year, and with higher ambition."

The talks were overshadowed by the position of the United States, which President Donald Trump has pledged to take out of the accord. Syria signed up during the conference, leaving the U.S. as the only country in the world outside the agreement.

The official American delegation kept a low profile, but a separate event organised by the White House to promote coal and nuclear power drew protesters who sang over the speakers.

Britain and Canada used the conference to launch an alliance of more than 20 countries and regions pledging to phase out coal-fired power, and Germany came under pressure to set a date for its own exit from coal.

"It is hard to lecture the world about coal when a third of your own electricity still comes from lignite," said Jonas Albrecht, a campaigner with the Bonn-based group Germanwatch. He said he expected the issue to dominate the coalition talks in Berlin.

Negotiators left several technical disputes, including how to report financial support for poorer countries, to be settled at next year's conference in Katowice, Poland.
""",
    quotes=[
        ("Mereani Tuivaga", "direct", "In a talanoa you do not point fingers."),
        ("Mereani Tuivaga", "direct", "We want every country to come"),
        ("Jonas Albrecht", "direct", "It is hard to lecture the world"),
        ("Jonas Albrecht", "reported", "he expected the issue to dominate"),
    ],
    mentioned=["Donald Trump"],
    countries=["DE", "FR", "FJ", "US", "SY", "GB", "CA", "PL"],
),

# ---------------------------------------------------------------------------
dict(
    id="bt-2017-0002",
    title="Georgia's ruling party sweeps Tbilisi mayoral race as opposition alleges abuses",
    date="2017-10-23T09:00:00Z",
    source="Bellwether Times",
    author="Nino Kapanadze",
    body="""
TBILISI, Georgia — Kakha Kaladze, a former international footballer running for the governing Georgian Dream party, was elected mayor of Tbilisi on Saturday with 51 percent of the vote, avoiding a runoff and extending the party's grip on the former Soviet republic.

Georgian Dream, founded by the billionaire Bidzina Ivanishvili, also won most of the country's other municipal races, according to preliminary results from the Central Election Commission.

The opposition United National Movement, the party of former President Mikheil Saakashvili, said its observers had recorded voter intimidation and the busing of public-sector workers to polling stations.

"People were told that if they did not vote the right way, their children would lose their places in kindergarten. This is not how a European country holds an election," said Levan Beridze, a spokesman for the United National Movement.

Observers from the International Society for Fair Elections and Democracy, a Georgian monitoring group, said voting had been generally calm but that they had documented cases of pressure on state employees.

Its director, Nana Tsiklauri, said the problems were not on a scale that would have changed the result in the capital. "But the pattern is worrying. When the line between the party and the state disappears, people stop believing their vote matters," she said.

Tamar Gelashvili, a 45-year-old teacher in the Saburtalo district, said she had voted for Kaladze because the city's traffic and air pollution had become unbearable.

"I do not care about the big politics. I want to breathe when I walk my son to school," she said.

The election was the first since constitutional changes that will turn Georgia into a parliamentary republic. Relations with Russia, which has kept troops in the breakaway regions of Abkhazia and South Ossetia since a brief war in 2008, played almost no part in the campaign.
""",
    quotes=[
        ("Levan Beridze", "direct", "People were told that if they did not vote"),
        ("Nana Tsiklauri", "reported", "the problems were not on a scale"),
        ("Nana Tsiklauri", "direct", "But the pattern is worrying."),
        ("Tamar Gelashvili", "reported", "she had voted for Kaladze because"),
        ("Tamar Gelashvili", "direct", "I do not care about the big politics."),
    ],
    mentioned=["Kakha Kaladze", "Bidzina Ivanishvili", "Mikheil Saakashvili"],
    countries=["GE", "RU"],
    gaz_ignore=["US"],
),

# ---------------------------------------------------------------------------
dict(
    id="gh-2017-0002",
    title="Xi pledges billions for Belt and Road as leaders gather in Beijing",
    date="2017-05-15T09:20:00Z",
    source="Granite Herald",
    author="Wei Lin",
    body="""
BEIJING, May 15 (Granite Herald) - Chinese President Xi Jinping pledged another 780 billion yuan, about $124 billion, for his Belt and Road initiative on Sunday, as leaders from 29 countries, including Russian President Vladimir Putin, gathered in Beijing for a two-day forum on the sprawling plan to build trade routes across Asia, Africa and Europe.

For some Chinese exporters the project is already paying off. Freight trains now run regularly from the eastern city of Yiwu, home to the world's largest wholesale market for small goods, to Madrid, a journey of more than 13,000 kilometres.

“以前我们的货物在海上要走四十天，现在坐火车到马德里只要二十一天。对我们这样的小公司来说，这就是机会。”义乌一家小商品出口公司的老板陈建华说。

"Our goods used to spend forty days at sea. Now the train to Madrid takes twenty-one days. For a small company like ours, that is an opportunity," said Chen Jianhua, who runs an export business in Yiwu selling Christmas decorations and kitchenware.

Zhang Yue, a spokeswoman for the Ministry of Commerce, told reporters that Chinese companies had invested more than $50 billion in countries along the routes since 2014.

Not everyone is convinced. India declined to send an official delegation, objecting to a flagship corridor that runs through the part of Kashmir administered by Pakistan, and several European governments refused to endorse a trade statement because it lacked commitments on transparency and labour standards.

"The question is not whether China can build railways. It obviously can. The question is who carries the debt when a project does not pay for itself," said Maya Raghavan, a senior fellow at the Indo-Pacific Policy Centre in Singapore.

In his opening speech, Xi told the forum that the initiative was open to all countries and was not a tool for expanding Chinese influence.
""",
    quotes=[
        ("Chen Jianhua", "direct", "以前我们的货物在海上要走四十天"),
        ("Chen Jianhua", "direct", "Our goods used to spend forty days at sea."),
        ("Zhang Yue", "reported", "Chinese companies had invested more than"),
        ("Maya Raghavan", "direct", "The question is not whether China"),
        ("Xi Jinping", "reported", "the initiative was open to all countries"),
    ],
    mentioned=["Vladimir Putin"],
    countries=["CN", "RU", "ES", "IN", "PK", "SG"],
),

# ---------------------------------------------------------------------------
dict(
    id="eg-2017-0002",
    title="In Jordan's Zaatari camp, Syrian refugees mark five years in limbo",
    date="2017-06-20T07:30:00Z",
    source="Eastbrook Gazette",
    author="Hannah Okafor",
    body="""
ZAATARI, Jordan — When Fatima al-Hariri arrived at the Zaatari refugee camp in the summer of 2012, she was given a tent, two blankets and a ration card, and told that she would probably be home within months.

Five years later she lives in a prefabricated caravan with a small garden of mint and tomatoes, her youngest son has never seen Syria, and the war in her hometown of Daraa, a few miles across the border, shows no sign of ending.

"The children ask me what our house looked like. I describe it to them, and every year I am less sure that I remember it correctly," she said, sitting on a plastic mat outside the caravan on World Refugee Day.

Zaatari, which sprawls across the desert 10 kilometres from the Syrian border, is now home to about 80,000 people, making it one of the largest cities in Jordan. It has its own supermarkets, schools and a shopping street known to residents as the Champs-Élysées.

Jordan hosts some 660,000 Syrian refugees registered with the United Nations, and the government says the real number is twice that.

"We have done more than our share. The world promised to help carry this burden and much of that help never arrived," said Ziad Obeidat, a spokesman for Jordan's Ministry of Interior, in Amman.

Kilian Brandt, who runs the camp for the U.N. refugee agency, said funding for its operations in Jordan had reached only 30 percent of what was needed this year.

"Zaatari has become a town. The problem is that it is a town with no economy and no future that anyone can plan for," he said.

Her eldest son, Yousef al-Hariri, 17, hopes to study engineering in Germany or Canada, but the family has been rejected twice for resettlement.

"I do not want to be a refugee all my life," he said. "I want to be a person who builds something."
""",
    quotes=[
        ("Fatima al-Hariri", "direct", "The children ask me what our house"),
        ("Ziad Obeidat", "direct", "We have done more than our share."),
        ("Kilian Brandt", "reported", "funding for its operations in Jordan"),
        ("Kilian Brandt", "direct", "Zaatari has become a town."),
        ("Yousef al-Hariri", "direct", "I do not want to be a refugee"),
        ("Yousef al-Hariri", "direct", "I want to be a person who builds"),
    ],
    mentioned=[],
    countries=["JO", "SY", "DE", "CA"],
),

# ===========================================================================
# 2018
dict(
    id="cd-2018-0001",
    title="Duque wins Colombian presidency, promising to change FARC peace deal",
    date="2018-06-18T05:00:00Z",
    source="Compass Daily",
    author="Rafael Arboleda",
    body="""
BOGOTÁ — Iván Duque, a 41-year-old conservative senator who promised to rewrite parts of Colombia's peace agreement with the FARC, won the presidency on Sunday, defeating the leftist former guerrilla Gustavo Petro in a runoff.

With nearly all ballots counted, Duque had 54 percent of the vote against 41.8 percent for Petro, a former mayor of Bogotá whose strong showing was the best ever for the left in a country that has long associated it with the armed insurgency.

Duque, who spent more than a decade working at the Inter-American Development Bank in Washington, is the protégé of former President Álvaro Uribe, the most vocal opponent of the 2016 accord negotiated by outgoing President Juan Manuel Santos.

"I voted for Duque because I want peace, but not peace at any price. The people who committed massacres cannot sit in Congress as if nothing happened," said Liliana Cárdenas, 52, who runs a bakery in Medellín.

In Bogotá, where Petro won, some of his supporters were already talking about the next election.

"We lost, but we have never been this close. Four years ago nobody would have believed that eight million people would vote for a candidate like Gustavo," said Andrés Mejía, 24, an economics student at the National University.

Analysts said Duque was unlikely to tear up the agreement, under which some 7,000 FARC fighters have handed in their weapons and the group has become a political party, but that he could slow its implementation.

"The peace deal is now part of the constitutional framework. What Duque can do is starve it of money and political attention, and that can be almost as damaging," said Valentina Herrera, a political scientist at the Universidad de los Andes.

The new president, who takes office on Aug. 7, will also have to deal with the arrival of more than a million Venezuelans who have fled the economic collapse across the border.
""",
    quotes=[
        ("Liliana Cárdenas", "direct", "I voted for Duque because I want peace"),
        ("Andrés Mejía", "direct", "We lost, but we have never been this close."),
        ("Valentina Herrera", "direct", "The peace deal is now part of"),
    ],
    mentioned=["Iván Duque", "Gustavo Petro", "Álvaro Uribe", "Juan Manuel Santos"],
    countries=["CO", "US", "VE"],
),

# ---------------------------------------------------------------------------
dict(
    id="sc-2018-0001",
    title="Turkish lira slump deepens as Erdogan defies calls for rate rise",
    date="2018-08-13T12:00:00Z",
    source="Saltmarsh Courier",
    author="Deniz Arslan",
    body="""
ISTANBUL — The Turkish lira plunged to a record low of 7.24 against the dollar in early Asian trading on Monday before recovering some ground, as President Recep Tayyip Erdogan rejected calls for higher interest rates and described the currency's collapse as an attack on his country.

The lira has lost more than 40 percent of its value this year, and fell 18 percent on Friday alone after U.S. President Donald Trump doubled tariffs on Turkish steel and aluminium in a dispute over the detention of an American pastor, Andrew Brunson.

In a speech in the Black Sea city of Trabzon on Sunday, Erdogan told supporters that Turkey would not surrender to what he called an economic war and urged them to sell their dollars and gold for lira.

The central bank announced steps on Monday to ensure that banks had enough liquidity, but stopped short of the rate increase that most economists say is needed. Finance Minister Berat Albayrak, Erdogan's son-in-law, is due to present a plan to investors this week.

At an exchange office near Istanbul's Grand Bazaar, customers were doing the opposite of what the president asked.

"Since Friday everyone wants dollars or euros. Nobody is bringing me dollars to change into lira, nobody," said Murat Yıldırım, who has run the office for 19 years. "People remember 2001. They do not trust promises."

Investors in London were unconvinced that Ankara had a plan.

"The markets are not asking for a miracle. They are asking for a credible central bank, and at the moment they do not see one," said Clara Fontaine, an emerging-markets economist at Aubert & Cie in London.

Concern spread to European banks with large exposures to Turkey, including lenders in Spain, Italy and France, and the euro fell to its lowest level in more than a year.
""",
    quotes=[
        ("Recep Tayyip Erdogan", "reported", "Turkey would not surrender"),
        ("Murat Yıldırım", "direct", "Since Friday everyone wants dollars"),
        ("Murat Yıldırım", "direct", "People remember 2001."),
        ("Clara Fontaine", "direct", "The markets are not asking for a miracle."),
    ],
    mentioned=["Donald Trump", "Andrew Brunson", "Berat Albayrak"],
    countries=["TR", "US", "GB", "ES", "IT", "FR"],
),

# ---------------------------------------------------------------------------
dict(
    id="eg-2018-0001",
    title="France beats Croatia 4-2 in rain-soaked Moscow final to win second World Cup",
    date="2018-07-16T01:30:00Z",
    source="Eastbrook Gazette",
    author="Caleb Harwood",
    body="""
MOSCOW — France won the World Cup for the second time on Sunday, beating Croatia 4-2 in a thunderous, error-strewn final at the Luzhniki Stadium that ended with presidents and players alike soaked by a sudden summer storm.

A Mario Mandžukić own goal and an Antoine Griezmann penalty, awarded after a video review for a handball by Ivan Perišić, gave France a 2-1 lead at half-time. Paul Pogba and the 19-year-old Kylian Mbappé scored in the second half before Mandžukić pounced on a mistake by goalkeeper Hugo Lloris to make it 4-2.

Croatia, a country of just over four million people playing in its first final, had won three consecutive matches after extra time to get there. Its captain, Luka Modrić, was named the player of the tournament.

"We are crying, but we are proud. Nobody expected us to be here, and we played the final like it was ours," said Ivana Kovačević, 29, from Split, who had travelled to Russia with her two brothers.

At the trophy ceremony, French President Emmanuel Macron and Croatian President Kolinda Grabar-Kitarović embraced the players in the downpour while an umbrella was held over Russian President Vladimir Putin.

Hundreds of thousands of people poured onto the Champs-Élysées in Paris after the final whistle.

"My father was on this street in 1998. Tonight I am here with my son. That is what football does," said Karim Benhadj, 41, a bus driver from the Paris suburb of Saint-Denis, his face painted in blue, white and red.

Russian organisers, who had faced criticism over hooliganism and racism in the run-up to the tournament, declared it a success. Anastasia Orlova, one of 35,000 volunteers, said the month had changed how many foreign visitors saw her country.

"People came expecting bears and bad faces. They leave with Russian friends," she said.
""",
    quotes=[
        ("Ivana Kovačević", "direct", "We are crying, but we are proud."),
        ("Karim Benhadj", "direct", "My father was on this street in 1998."),
        ("Anastasia Orlova", "reported", "the month had changed how many"),
        ("Anastasia Orlova", "direct", "People came expecting bears"),
    ],
    mentioned=["Mario Mandžukić", "Antoine Griezmann", "Ivan Perišić", "Paul Pogba",
               "Kylian Mbappé", "Hugo Lloris", "Luka Modrić", "Emmanuel Macron",
               "Kolinda Grabar-Kitarović", "Vladimir Putin"],
    countries=["FR", "HR", "RU"],
),

# ---------------------------------------------------------------------------
dict(
    id="sc-2018-0002",
    title="London High Court orders Greek shipowner to pay crew stranded in Rotterdam",
    date="2018-03-09T16:45:00Z",
    source="Saltmarsh Courier",
    author="Eleanor Pryce",
    body="""
LONDON — The High Court in London ruled on Friday that a Greek shipowner must pay more than $1.1 million in unpaid wages to 19 seafarers who were left stranded for eight months aboard a cargo ship in the port of Rotterdam.

The crew of the Panama-flagged bulk carrier Aegean Star, most of them from the Philippines, were abandoned in March last year when the ship was detained over unpaid port fees and its owner, the Piraeus-based Argyros Maritime, stopped answering calls.

Justice Philippa Harcourt rejected the company's argument that the seafarers had been employed by a manning agency in Manila and that Argyros Maritime had no obligations towards them.

"The men on that ship were not abstractions on an organisation chart. They were working for the benefit of the defendant, on the defendant's ship, and the defendant knew it," the judge wrote in her ruling.

She ordered that the ship, which has since been moved to a British port, be sold and the proceeds used to pay the crew first.

"For eight months we ate what the port chaplains brought us. Some days it was only rice. My daughter had her first birthday and I watched it on a telephone," said Rodel Santos, the ship's second engineer, who returned to Cebu in November.

The case was supported by the International Transport Workers' Federation, whose inspectors regularly find crews abandoned in European ports.

"This judgment tells every owner who thinks he can disappear that the courts will follow the ship," said Anouk van der Veen, the federation's inspector in Rotterdam. "But no seafarer should need a High Court judge to get paid for work he has already done."

Lawyers for Argyros Maritime said the company was considering an appeal.
""",
    quotes=[
        ("Philippa Harcourt", "direct", "The men on that ship were not abstractions"),
        ("Rodel Santos", "direct", "For eight months we ate what the port"),
        ("Anouk van der Veen", "direct", "This judgment tells every owner"),
        ("Anouk van der Veen", "direct", "But no seafarer should need"),
    ],
    mentioned=[],
    countries=["GB", "GR", "NL", "PA", "PH"],
),

# ---------------------------------------------------------------------------
dict(
    id="bt-2018-0001",
    title="U.N. Security Council demands 30-day Syria truce as Ghouta death toll climbs",
    date="2018-02-25T01:00:00Z",
    source="Bellwether Times",
    author="Marisol Quintero",
    body="""
UNITED NATIONS, Feb 24 (Bellwether Times) - The U.N. Security Council unanimously demanded on Saturday a 30-day ceasefire across Syria to allow aid deliveries and medical evacuations, after a week of government bombardment of the rebel-held Eastern Ghouta enclave near Damascus killed more than 500 people.

The vote on Resolution 2401, drafted by Sweden and Kuwait, was delayed for three days as Russia, the Syrian government's main ally, pressed for changes. The final text calls for the truce to begin "without delay" but does not set a start time.

Russia's ambassador, Vassily Nebenzia, told the council that the ceasefire could only work if the armed groups inside Eastern Ghouta also respected it, and that operations against Islamic State and al-Qaeda-linked groups would continue.

The U.S. ambassador, Nikki Haley, said Moscow had stalled for three days while civilians died.

Inside the enclave, where about 400,000 people have lived under siege since 2013, doctors described hospitals that had been hit repeatedly.

"We are operating in basements by the light of our phones. Yesterday we lost three children because we did not have enough blood," said Dr. Hamza al-Rifai, who works at a field hospital in Douma. "A resolution is paper. We need the planes to stop tonight."

Karin Ekholm, a member of the Swedish delegation, said the co-sponsors had accepted a weaker text in order to keep Russia on board.

"A resolution that passes with fifteen votes is better than a perfect one that is vetoed. But it will be judged only by what happens in Ghouta in the next 72 hours," she said.

Since the start of the war in 2011, Russia has used its veto to block 11 Security Council resolutions on Syria.
""",
    quotes=[
        (None, "direct", "without delay"),
        ("Vassily Nebenzia", "reported", "the ceasefire could only work if the armed"),
        ("Nikki Haley", "reported", "Moscow had stalled for three days"),
        ("Hamza al-Rifai", "direct", "We are operating in basements"),
        ("Hamza al-Rifai", "direct", "A resolution is paper."),
        ("Karin Ekholm", "reported", "the co-sponsors had accepted a weaker text"),
        ("Karin Ekholm", "direct", "A resolution that passes with fifteen"),
    ],
    mentioned=[],
    countries=["SY", "SE", "KW", "RU", "US"],
),

# ---------------------------------------------------------------------------
dict(
    id="eg-2018-0002",
    title="Trump and Kim sign vague denuclearization pledge at historic Singapore summit",
    date="2018-06-12T11:00:00Z",
    source="Eastbrook Gazette",
    author="Grace Han",
    body="""
SINGAPORE — President Donald Trump and North Korean leader Kim Jong Un shook hands on the steps of a colonial-era hotel on Sentosa island on Tuesday, the first meeting between a sitting American president and a leader of North Korea, and signed a brief statement committing Pyongyang to work towards the complete denuclearization of the Korean Peninsula.

The one-and-a-half-page document set no timetable and gave no details of how disarmament would be verified. In return, the United States committed to provide unspecified security guarantees.

At a news conference after the summit, Trump said he would suspend joint military exercises with South Korea, which he called provocative and expensive — a concession that appeared to surprise officials in Seoul.

"The handshake is historic. The text is not," said Lee Soo-min, a North Korea specialist at the Hanul Institute for Peace Studies in Seoul. "The North has signed statements like this before, in 1992, in 2005, in 2012. What matters is whether inspectors ever get into Yongbyon."

South Korean President Moon Jae-in, who brokered the meeting, said in a statement that he hoped working-level talks between Washington and Pyongyang would begin within weeks.

In Tokyo, where the government of Prime Minister Shinzo Abe has pressed for the return of Japanese citizens abducted by North Korean agents in the 1970s and 1980s, the reaction was cautious.

"Japan welcomes dialogue, but we have heard promises from Pyongyang many times," said Takeshi Ono, a former diplomat who now lectures at Keio University. "Tokyo will want to see missiles destroyed, not just words on paper."

China, North Korea's main ally and trading partner, said the summit opened the way for the easing of United Nations sanctions, a suggestion that Washington quickly rejected.
""",
    quotes=[
        ("Donald Trump", "reported", "he would suspend joint military exercises"),
        ("Lee Soo-min", "direct", "The handshake is historic."),
        ("Lee Soo-min", "direct", "The North has signed statements"),
        ("Moon Jae-in", "reported", "he hoped working-level talks between"),
        ("Takeshi Ono", "direct", "Japan welcomes dialogue"),
        ("Takeshi Ono", "direct", "Tokyo will want to see missiles"),
    ],
    mentioned=["Kim Jong Un", "Shinzo Abe"],
    countries=["SG", "US", "KP", "KR", "JP", "CN"],
),

# ---------------------------------------------------------------------------
dict(
    id="cd-2018-0002",
    title="Swiss National Bank keeps rates at minus 0.75 percent, says franc still strong",
    date="2018-12-13T09:40:00Z",
    source="Compass Daily",
    author="Lena Hofstetter",
    body="""
ZÜRICH, Dec 13 (Compass Daily) - The Swiss National Bank left its deposit rate at minus 0.75 percent on Thursday, the lowest of any major central bank, and said it would keep intervening in currency markets if necessary to stop the franc from strengthening further.

SNB Chairman Thomas Jordan told a news conference in Bern that the franc remained highly valued and that the situation on foreign exchange markets was still fragile, citing the budget dispute between Italy and the European Commission and the uncertainty surrounding Britain's departure from the European Union.

The central bank cut its inflation forecast for next year to 0.5 percent from 0.8 percent, and said it expected the economy to grow by about 1.5 percent in 2019.

"The SNB is stuck. The European Central Bank is not going to raise rates before the end of next year at the earliest, and as long as the ECB is at zero, Zürich cannot move first without sending the franc through the roof," said Matthias Grüninger, chief economist at the private bank Hegi & Co.

Negative rates have been a burden for Swiss pension funds and for savers, and some banks have begun passing them on to wealthy clients.

"Our members understand why the policy exists, but after four years it is becoming a structural problem for the whole retirement system," said Sandrine Favre, a spokeswoman for the Swiss Pension Fund Association in Lausanne.

The franc was little changed after the decision at 1.13 per euro. It has gained about 6 percent against the common currency since April.

Jordan said that monetary policy would remain expansionary for as long as needed and that there was no reason to discuss when negative rates might end.
""",
    quotes=[
        ("Thomas Jordan", "reported", "the franc remained highly valued"),
        ("Matthias Grüninger", "direct", "The SNB is stuck."),
        ("Sandrine Favre", "direct", "Our members understand why the policy"),
        ("Thomas Jordan", "reported", "monetary policy would remain expansionary"),
    ],
    mentioned=[],
    countries=["CH", "IT", "GB"],
    gaz_ignore=["JO"],
),

# ---------------------------------------------------------------------------
dict(
    id="sc-2020-0001",
    title="COVID-19: Italy extends lockdown to whole country as Lombardy hospitals strain",
    date="2020-03-10T18:00:00Z",
    source="Saltmarsh Courier",
    author="Giulia Ferraro",
    body="""
ROME — Italy on Tuesday became the first country in Europe to place its entire population under restrictions on movement, as the COVID-19 outbreak in the north overwhelmed hospitals and the death toll rose to 631.

Prime Minister Giuseppe Conte announced late on Monday that the measures first imposed on Lombardy and 14 other provinces would be extended nationwide until at least April 3. Italians may leave home only for work, health reasons or emergencies, and public gatherings are banned.

In Bergamo, one of the worst-hit cities, intensive care units are full, and doctors say they have begun to make decisions about which patients to treat first.

"We have 1,200 patients in hospital in this province alone. We are working 18-hour shifts, and some of my colleagues are now patients themselves," said Dr. Paolo Mancini, an anaesthetist at a hospital in the city. "People in the rest of Europe need to understand that this is not a flu. It is coming to them too."

The number of confirmed infections in Italy rose to 10,149, the highest outside China, where the outbreak began in the city of Wuhan in December.

In Rome, the usually crowded streets around the Trevi Fountain were almost empty on Tuesday morning. Outside a pharmacy in the Monti district, customers waited a metre apart.

"My grandmother lived through the war, and she says she has never seen Rome like this," said Chiara Bellini, 26, a university student. "It is frightening, but everybody is following the rules."

Austria said it would stop most travellers arriving from Italy, and Slovenia closed several border crossings.

The World Health Organization has praised Italy's response. Its director-general, Tedros Adhanom Ghebreyesus, said other governments should study the Italian measures closely and act before their own hospitals were overwhelmed.
""",
    quotes=[
        ("Giuseppe Conte", "reported", "the measures first imposed on Lombardy"),
        ("Paolo Mancini", "direct", "We have 1,200 patients in hospital"),
        ("Paolo Mancini", "direct", "People in the rest of Europe need"),
        ("Chiara Bellini", "direct", "My grandmother lived through the war"),
        ("Chiara Bellini", "direct", "It is frightening, but everybody"),
        ("Tedros Adhanom Ghebreyesus", "reported", "other governments should study the Italian"),
    ],
    mentioned=[],
    countries=["IT", "CN", "AT", "SI"],
),

]
