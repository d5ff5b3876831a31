"""The article bank's facts: what next."""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    cloze,
    fact,
    matching,
    mc,
    mr,
    num,
    short,
    tf,
)

FACTS: tuple[FactSpec, ...] = (
    fact(
        "experts-hubris",
        "actor",
        'to suggest that ISIS has been "100% defeated" would be the height of hubris, claim '
        "experts",
        mc(
            "q-hubris-mc",
            'Who, according to the article, claims that suggesting ISIS has been "100% '
            'defeated" would be "the height of hubris"?',
            "Experts",
            "Human Rights Watch",
            "The SDF's spokesman",
            "Peace-keeping officials in the region",
        ),
        front='What do experts say about calling ISIS "100% defeated"?',
        back="That it would be the height of hubris",
        tags=("claims", "aftermath"),
    ),
    fact(
        "isis-will-not-disappear",
        "outcome",
        "Even though the loss of territory marks a huge military defeat for ISIS, it will not "
        "disappear but continue to wreak havoc and death in areas it used to control",
        tf(
            "q-not-disappear-tf",
            "The article predicts that, having lost its territory, ISIS will disappear.",
            False,
            feedback='It says ISIS "will not disappear but continue to wreak havoc and death '
            'in areas it used to control".',
        ),
        front="Will ISIS disappear now that it has lost its territory?",
        back="No: it will continue to wreak havoc and death in areas it used to control",
        tags=("aftermath",),
    ),
    fact(
        "constitutional-committee",
        "outcome",
        "Peace-keeping officials in the region believe that the creation of a constitutional "
        "committee will bring true peace to Syria",
        mc(
            "q-constitutional-committee-mc",
            "What do peace-keeping officials in the region believe will bring true peace to Syria?",
            "The creation of a constitutional committee",
            "Syria's return to the Arab League",
            "The withdrawal of all foreign troops",
            "New presidential elections",
        ),
        front="What do peace-keeping officials believe will bring true peace to Syria?",
        back="The creation of a constitutional committee",
        note="This is the belief of peace-keeping officials in the region, as the article "
        "reports it.",
        tags=("aftermath", "syria"),
    ),
    fact(
        "susa-destroyed",
        "place",
        "constant artillery and air strikes from coalition aircraft on the village of Susa, "
        "recently liberated from ISIS stronghold, has left it completely destroyed",
        mc(
            "q-susa-mc",
            "Which village, recently liberated from ISIS, does the article give as an example "
            "of one left completely destroyed by coalition artillery and air strikes?",
            "Susa",
            "Baghouz",
            "Hajin",
            "Kobani",
        ),
        front="Which village was left completely destroyed by coalition artillery and air strikes?",
        back="Susa",
        tags=("coalition", "civilians"),
    ),
    fact(
        "operation-inherent-resolve",
        "actor",
        "The coalition launched more than 30,000 air strikes during Operation Inherent Resolve",
        short(
            "q-inherent-resolve-sa",
            "What is the name of the coalition's operation against ISIS, during which it "
            "launched more than 30,000 air strikes?",
            "Operation Inherent Resolve",
            "Inherent Resolve",
        ),
        front="What was the coalition's operation against ISIS called?",
        back="Operation Inherent Resolve",
        tags=("coalition",),
    ),
    fact(
        "coalition-strikes-and-deaths",
        "outcome",
        "The coalition launched more than 30,000 air strikes during Operation Inherent Resolve, "
        "laying waste to towns and cities in the process; it took responsibility for 1,190 "
        "civilian deaths, although the numbers are likely higher.",
        num(
            "q-air-strikes-num",
            "The coalition launched more than how many air strikes during Operation Inherent "
            "Resolve?",
            30000,
            display="more than 30,000",
        ),
        num(
            "q-civilian-deaths-num",
            "For how many civilian deaths did the coalition take responsibility?",
            1190,
            display="1,190",
            feedback='The article adds that "the numbers are likely higher".',
        ),
        matching(
            "q-coalition-figures-match",
            "Match each figure with what it counts in Operation Inherent Resolve.",
            [
                ("Air strikes the coalition launched", "More than 30,000"),
                ("Civilian deaths the coalition took responsibility for", "1,190"),
            ],
            extra_options=["11,000", "5,000"],
        ),
        front="What toll does the article give for Operation Inherent Resolve?",
        back="More than 30,000 air strikes; the coalition took responsibility for 1,190 "
        "civilian deaths, likely an undercount",
        tags=("coalition", "civilians", "casualties"),
    ),
    fact(
        "destruction-gained-followers",
        "outcome",
        "Mass destruction may have helped the group to gain more followers, many believe.",
        tf(
            "q-destruction-followers-tf",
            "The article presents it as established fact that mass destruction helped ISIS "
            "gain more followers.",
            False,
            feedback='It is what "many believe": mass destruction "may have helped" the '
            "group gain more followers.",
        ),
        front="What do many believe mass destruction did for ISIS?",
        back="It may have helped the group gain more followers",
        tags=("aftermath", "claims"),
    ),
    fact(
        "potent-force-iraq-syria",
        "place",
        "ISIS is likely to remain a potent force in both Iraq and Syria",
        mr(
            "q-potent-force-mr",
            "In which countries does the article say ISIS is likely to remain a potent force?",
            ["Iraq", "Syria"],
            ["Turkey", "Jordan"],
        ),
        front="Where is ISIS likely to remain a potent force?",
        back="In both Iraq and Syria",
        tags=("aftermath",),
    ),
    fact(
        "existed-longer-without-territory",
        "outcome",
        "It has, after all, existed longer without territory than with it.",
        tf(
            "q-without-territory-tf",
            "According to the article, ISIS has existed longer without territory than with it.",
            True,
        ),
        front="Has ISIS existed longer with territory or without it?",
        back="Without territory",
        tags=("aftermath",),
    ),
    fact(
        "morph-insurgent-group",
        "outcome",
        "as it will morph back from a caliphate into an insurgent group",
        cloze(
            "q-insurgent-cloze",
            "Eliminating ISIS geographically is not good enough, as it will morph back from a "
            "caliphate into an {{1}} group.",
            ("insurgent", "insurgency"),
        ),
        front="What will ISIS morph back into, according to the article?",
        back="An insurgent group",
        tags=("aftermath",),
    ),
    fact(
        "foreign-members-return",
        "outcome",
        "surviving foreign ISIS members seeking to return home can present a major security "
        "challenge in the years ahead",
        mc(
            "q-foreign-members-mc",
            "Why, according to the article, is public safety of paramount priority?",
            "Surviving foreign ISIS members seeking to return home can present a major "
            "security challenge",
            "Returning refugees may include ISIS sleeper cells",
            "ISIS still controls oil fields that pay for attacks abroad",
            "The 200 US troops cannot police the whole region",
        ),
        front="What can present a major security challenge in the years ahead?",
        back="Surviving foreign ISIS members seeking to return home",
        tags=("aftermath", "foreign-fighters"),
    ),
    fact(
        "kurdish-counter-terrorism",
        "actor",
        "Kurdish forces are reportedly switching to counter-terrorism tasks in areas reclaimed "
        "from ISIS",
        cloze(
            "q-counter-terrorism-cloze",
            "Kurdish forces are reportedly switching to {{1}} tasks in areas reclaimed from ISIS.",
            ("counter-terrorism", "counterterrorism", "anti-terrorism"),
        ),
        front="What are Kurdish forces reportedly switching to?",
        back="Counter-terrorism tasks in areas reclaimed from ISIS",
        tags=("aftermath",),
    ),
)
