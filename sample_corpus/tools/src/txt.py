# -*- coding: utf-8 -*-
# Source texts for sample_corpus/txt/*.txt -- plain text, title line, blank line, body.
# No date or source metadata is written to these files.  Original fiction; invented quotes.

ARTICLES = [

dict(
    file="halifax-ferry-strike.txt",
    title="Halifax harbour ferries idle as crews walk out over staffing",
    body="""
HALIFAX — Commuters crowded onto buses and the bridges across Halifax harbour on Monday after ferry crews walked off the job, halting the service between downtown Halifax and Dartmouth for the first time in more than two decades.

About 60 deckhands, engineers and captains employed by Halifax Transit began the strike at 6 a.m. after talks with the municipality broke down over the weekend. The union says the ferries have been sailing with the bare minimum crew allowed under federal safety rules, and that overtime has become routine.

"Our members are exhausted. Some of them have worked 14 days straight this month. When you are tired on the water, that is when mistakes happen," said Colleen MacAulay, president of the local union.

"We did not want to do this in the middle of the tourist season. But the city has known about this problem for three years, and every year the answer is the same: next budget.

"Well, this is the next budget."

The ferry, which has run in some form since 1752, carries about 5,000 people on an average weekday and is one of the oldest saltwater ferry services in North America.

Mayor Derek Halloran said the city had offered to hire eight additional crew members over two years and called the strike premature. He urged the union to return to the table.

"We have a fair offer on the table and a mediator who is ready to meet tomorrow morning. Nobody wins when the boats are tied up," Halloran said.

At the Alderney terminal in Dartmouth, where a handful of confused passengers were turned away by a security guard, reaction was mixed.

"I support the crews, I really do. I just wish they had picked a week when it wasn't raining," said Priya Desai, a nurse at the Halifax Infirmary, as she waited for a bus.

Nova Scotia's labour minister said the province had no plans to intervene.
""",
    quotes=[
        ("Colleen MacAulay", "direct", "Our members are exhausted."),
        ("Colleen MacAulay", "direct", "We did not want to do this"),
        ("Derek Halloran", "reported", "the city had offered to hire eight"),
        ("Derek Halloran", "direct", "We have a fair offer on the table"),
        ("Priya Desai", "direct", "I support the crews, I really do."),
    ],
    mentioned=[],
    countries=["CA"],
),

dict(
    file="baku-chess-olympiad.txt",
    title="United States wins Chess Olympiad in Baku on tiebreak as China takes women's gold",
    body="""
BAKU, Azerbaijan — The United States won the Chess Olympiad for the first time in 40 years on Tuesday, finishing level on match points with Ukraine but taking the gold medal on the tiebreak after a tense final round in the Azerbaijani capital.

The American team, led by Fabiano Caruana, Hikaru Nakamura and Wesley So, beat Canada in the last round while Ukraine defeated Slovenia, leaving the two teams tied with 20 match points each. Russia, the top seed, took bronze.

"I have been following these Olympiads since I was a boy, and I never thought I would see an American team win one. This generation is something special," said Daniel Whitaker, a chess coach from St. Louis who travelled to Baku to watch.

Ukraine's players were gracious in defeat, although several admitted that losing on a mathematical tiebreak was painful.

"We did not lose a single match. Sometimes sport is cruel like that," said Oksana Bilyk, a Ukrainian journalist covering the event. "But the team can be proud. Nobody expected us to fight for gold."

In the women's section, China won gold ahead of Poland and Ukraine, extending its long dominance of the event.

The tournament drew about 1,600 players from more than 170 countries to a purpose-built hall on the shore of the Caspian Sea. Organisers said they had received more than 50,000 visitors over the two weeks.

Farid Mammadov, a volunteer who worked as a translator for several African teams, said the Olympiad was unlike any other sporting event.

"Where else does a grandmaster from Russia play a schoolteacher from Malawi in the same hall on the same day? For two weeks the whole world sat at the same table," he said.

The next Olympiad will be held in Batumi, Georgia, in 2018.
""",
    quotes=[
        ("Daniel Whitaker", "direct", "I have been following these Olympiads"),
        ("Oksana Bilyk", "direct", "We did not lose a single match."),
        ("Oksana Bilyk", "direct", "But the team can be proud."),
        ("Farid Mammadov", "reported", "the Olympiad was unlike any other"),
        ("Farid Mammadov", "direct", "Where else does a grandmaster"),
    ],
    mentioned=["Fabiano Caruana", "Hikaru Nakamura", "Wesley So"],
    countries=["AZ", "US", "UA", "CA", "SI", "RU", "CN", "PL", "MW", "GE"],

),

dict(
    file="burgundy-frost.txt",
    title="A night of frost wipes out up to half the harvest for Burgundy’s winemakers",
    body="""
CHABLIS, France — Thibault de Lamarche walked between the rows of his family’s vineyard on Thursday morning and pinched the young shoots between his fingers. Most of them were brown and brittle, killed in a single night when the temperature fell to minus 4 degrees.

“In 1985 my father lost everything to the cold. I thought I would never see it myself,” said de Lamarche, 44, whose family has made wine in the village of Préhy for five generations. “Last night I saw it.”

The frost, which struck before dawn on Wednesday after a warm start to spring had pushed the buds out early, hit vineyards across Burgundy, from the Chablis region in the north to the Côte de Beaune and the Mâconnais further south. Growers’ associations estimated that between 30 and 50 percent of the 2016 crop could be lost, and in some villages much more.

Many growers spent the night lighting candles and small fires between the vines, or hiring helicopters to churn the warmer air above the fields down towards the ground. It was not enough.

“We burned 2,000 candles between midnight and seven o’clock. It cost us more than 15,000 euros, and I think we saved perhaps one row in three,” said Hélène Vautrin, who runs a 12-hectare estate near Meursault with her brother.

She said the loss would be felt mostly in 2017, when the wine from this vintage should have reached the market.

Burgundy’s top wines already sell for hundreds of euros a bottle in Japan and the United States, and merchants warned that a smaller harvest would push prices higher.

“The big names will survive. It is the young growers, the ones who borrowed to buy a few rows of vines, who will really suffer,” said Marc Girardot, a wine merchant in Beaune.

The French agriculture ministry said it would examine requests for emergency aid from affected regions.
""",
    quotes=[
        ("Thibault de Lamarche", "direct", "In 1985 my father lost everything"),
        ("Thibault de Lamarche", "direct", "Last night I saw it."),
        ("Hélène Vautrin", "direct", "We burned 2,000 candles"),
        ("Hélène Vautrin", "reported", "the loss would be felt mostly in 2017"),
        ("Marc Girardot", "direct", "The big names will survive."),
    ],
    mentioned=[],
    countries=["FR", "JP", "US"],
),

dict(
    file="lagos-fintech.txt",
    title="Lagos startups bet that mobile money will finally take off in Nigeria",
    body="""
LAGOS — In a converted warehouse in the Yaba district of Lagos, about 40 young engineers sit at long tables writing the code for what their company hopes will become Nigeria's most popular way to pay for everything from bus tickets to school fees.

The company, Owo Labs, raised $12 million last month from investors in San Francisco and London, one of the largest early-stage rounds ever for a Nigerian technology startup. Its app lets users send money to each other and pay at thousands of small shops using only a phone number.

"Sixty million Nigerians do not have a bank account. That is not a problem, it is the largest untapped market in Africa," said Adaeze Okonkwo, Owo's 31-year-old co-founder and chief executive, who left a job at an investment bank in London to start the company.

Mobile money has transformed daily life in Kenya, where the M-Pesa service is used by most adults, but it has been slow to catch on in Nigeria, Africa's most populous country. Until recently the Central Bank of Nigeria allowed only banks, not telecom operators, to run such services.

That is starting to change. The central bank's director of payments, Ibrahim Danjuma, told a conference in Abuja this month that the regulator would license more non-bank payment providers this year, provided they met strict rules on fraud and customer identification.

Not everyone is convinced that the new money will last.

"Every three years there is a new wave of foreign money and a new set of headlines about Africa rising. Some of these companies will be great. Many of them are building for investors, not for customers," said Tunde Bakare, who runs a small venture fund in Lagos.

Okonkwo said her company was spending most of its money on agents who teach market traders how to use the app.

"In the end it is not about the technology. It is about trust. A woman selling tomatoes in Mushin has to believe that the money on her phone is as real as the money in her hand," she said.
""",
    quotes=[
        ("Adaeze Okonkwo", "direct", "Sixty million Nigerians do not have"),
        ("Ibrahim Danjuma", "reported", "the regulator would license more"),
        ("Tunde Bakare", "direct", "Every three years there is a new wave"),
        ("Adaeze Okonkwo", "reported", "her company was spending most of its money"),
        ("Adaeze Okonkwo", "direct", "In the end it is not about the technology."),
    ],
    mentioned=[],
    countries=["NG", "US", "GB", "KE"],
),

]
