"""The article bank's facts: history of the caliphate."""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    cloze,
    fact,
    mc,
    mr,
    num,
    short,
    tf,
)

FACTS: tuple[FactSpec, ...] = (
    fact(
        "isis-regrouped-some-sources",
        "outcome",
        "The militant group has transformed and, according to some sources, regrouped to stage "
        "a return to its original structure",
        tf(
            "q-regrouped-tf",
            'According to "some sources" cited by the article, ISIS has regrouped to stage a '
            "return to its original structure.",
            True,
            feedback='The article attributes this to "some sources"; it does not confirm it.',
        ),
        front="What do some sources say ISIS has done?",
        back='Regrouped to stage a return to its original structure (per "some sources")',
        tags=("caliphate-history", "claims"),
    ),
    fact(
        "baghdadi-leader",
        "actor",
        "ISIS leader Abu Bakr Al-Baghdadi declared his so-called caliphate",
        short(
            "q-baghdadi-sa",
            "Which ISIS leader declared the so-called caliphate?",
            "Abu Bakr Al-Baghdadi",
            "Abu Bakr Baghdadi",
            "Al-Baghdadi",
            "Baghdadi",
        ),
        front="Who declared the so-called ISIS caliphate?",
        back="Abu Bakr Al-Baghdadi, the ISIS leader",
        tags=("caliphate-history",),
    ),
    fact(
        "caliphate-declared-2014",
        "date",
        "declared his so-called caliphate in 2014",
        mc(
            "q-caliphate-year-mc",
            "In which year did Abu Bakr Al-Baghdadi declare his so-called caliphate?",
            "2014",
            "2011",
            "2015",
            "2003",
        ),
        front="When was the ISIS caliphate declared?",
        back="2014",
        tags=("caliphate-history",),
    ),
    fact(
        "allegiance-al-qaeda",
        "actor",
        "ISIS had pledged allegiance to al-Qaeda",
        mc(
            "q-al-qaeda-mc",
            "To which group had ISIS once pledged allegiance?",
            "Al-Qaeda",
            "The Taliban",
            "Hezbollah",
            "Boko Haram",
        ),
        front="To which group had ISIS pledged allegiance?",
        back="Al-Qaeda",
        tags=("caliphate-history",),
    ),
    fact(
        "iraq-invasion-2003",
        "date",
        "participated in the Iraqi insurgency following the 2003 invasion of Iraq",
        num(
            "q-invasion-year-num",
            "ISIS took part in the Iraqi insurgency that followed the US-led invasion of Iraq. "
            "In which year was that invasion?",
            2003,
        ),
        front="After which invasion did ISIS join the Iraqi insurgency?",
        back="The 2003 US-led invasion of Iraq",
        tags=("caliphate-history",),
    ),
    fact(
        "offensive-2014-iraqi-army",
        "outcome",
        "In 2014, ISIS fighters swept across northern Syria and Iraq in a blistering offensive "
        "that shocked the world, sending the US-funded Iraqi army fleeing.",
        mc(
            "q-army-fleeing-mc",
            "Which army did ISIS's blistering 2014 offensive across northern Syria and Iraq "
            "send fleeing?",
            "The US-funded Iraqi army",
            "The Syrian army",
            "The Kurdish peshmerga",
            "The Turkish army",
        ),
        front="What did ISIS's 2014 offensive across northern Syria and Iraq do?",
        back="It shocked the world and sent the US-funded Iraqi army fleeing",
        tags=("caliphate-history",),
    ),
    fact(
        "yazidi-genocide",
        "actor",
        "Thousands of Yazidis were massacred, and the UN declared it an act of genocide",
        mc(
            "q-yazidis-mc",
            "Thousands of members of which community were massacred by ISIS, in what the UN "
            "declared an act of genocide?",
            "The Yazidis",
            "The Druze",
            "The Alawites",
            "The Assyrians",
        ),
        short(
            "q-un-genocide-sa",
            "Which body declared the massacre of the Yazidis an act of genocide?",
            "The UN",
            "UN",
            "United Nations",
            "The United Nations",
        ),
        front="Whose massacre did the UN declare an act of genocide?",
        back="The Yazidis'",
        tags=("caliphate-history", "civilians"),
    ),
    fact(
        "yazidi-women-unaccounted",
        "outcome",
        "the women taken as sex slaves remain unaccounted for even today",
        tf(
            "q-yazidi-women-tf",
            "The article says that the Yazidi women taken as sex slaves remain unaccounted for "
            "even today.",
            True,
        ),
        front="What became of the Yazidi women taken as sex slaves?",
        back="They remain unaccounted for even today",
        tags=("caliphate-history", "civilians"),
    ),
    fact(
        "caliphate-claimed-authority",
        "outcome",
        "it further claimed religious, political, and military authority over Muslims worldwide",
        mr(
            "q-authority-mr",
            "Having proclaimed itself a worldwide caliphate, what kinds of authority over "
            "Muslims worldwide did the group claim?",
            ["Religious", "Political", "Military"],
            ["Economic", "Tribal"],
        ),
        front="What authority did the caliphate claim over Muslims worldwide?",
        back="Religious, political and military authority",
        tags=("caliphate-history",),
    ),
    fact(
        "baghdadi-holy-war",
        "actor",
        "In a carefully stage-managed address, Bakr called on Muslims around the world to join "
        "his holy war.",
        tf(
            "q-holy-war-tf",
            "In a carefully stage-managed address, the ISIS leader called on Muslims around the "
            "world to join his holy war.",
            True,
        ),
        front="What did the ISIS leader call for in his stage-managed address?",
        back="For Muslims around the world to join his holy war",
        tags=("caliphate-history",),
    ),
    fact(
        "muhajiireens",
        "actor",
        "Thousands of sympathisers and supporters, also known as muhajiireens, played an "
        "important role in furthering the group's influence.",
        short(
            "q-muhajiireens-sa",
            "By what name does the article call the thousands of sympathisers and supporters "
            "who furthered the group's influence?",
            "muhajiireens",
            "muhajireens",
            "muhajireen",
            "muhajirin",
            "muhajiroun",
        ),
        front="Who were the muhajiireens?",
        back="Thousands of sympathisers and supporters who furthered the group's influence",
        tags=("caliphate-history", "foreign-fighters"),
    ),
    fact(
        "muhajiireens-recruitment",
        "outcome",
        "They usually served as recruitment tools, glorifying the caliphate on social media",
        mc(
            "q-muhajiireens-role-mc",
            "How did the muhajiireens usually serve the group, according to the article?",
            "As recruitment tools, glorifying the caliphate on social media",
            "As tax collectors in the caliphate's towns",
            "As guards on the caliphate's borders",
            "As negotiators with local tribes",
        ),
        front="What role did the muhajiireens usually play?",
        back="Recruitment tools: they glorified the caliphate on social media and celebrated "
        "violence against perceived enemies of Islam",
        tags=("caliphate-history",),
    ),
    fact(
        "proto-state-economy",
        "outcome",
        "a functional proto-state that exported oil, relied on taxes, and carried out extortion "
        "and kidnap to sustain itself economically",
        mr(
            "q-proto-state-mr",
            "How did the ISIS proto-state sustain itself economically, according to the "
            "article? Choose all that apply.",
            ["Exporting oil", "Taxes", "Extortion and kidnap"],
            ["Foreign government aid", "Selling electricity abroad"],
        ),
        front="How did the ISIS proto-state sustain itself economically?",
        back="It exported oil, relied on taxes, and carried out extortion and kidnap",
        tags=("caliphate-history",),
    ),
    fact(
        "mass-graves-mosul-raqqa",
        "place",
        "Murderous rampages and mass graves from Mosul to Raqqa marked the ISIS regime in the "
        "region.",
        cloze(
            "q-mass-graves-cloze",
            "Murderous rampages and mass graves from {{1}} to {{2}} marked the ISIS regime in "
            "the region.",
            "Mosul",
            ("Raqqa", "Raqqah", "Rakka"),
        ),
        front="Between which cities did murderous rampages and mass graves mark ISIS rule?",
        back="From Mosul to Raqqa",
        tags=("caliphate-history", "civilians"),
    ),
)
