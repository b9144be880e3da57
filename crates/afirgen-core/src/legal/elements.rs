//! Elements of an offence a statement must tell before retrieval may cite the entry on
//! its own. Robbery is theft with force or its threat: a pickpocketing shares every word
//! with it but the force, and retrieval ranks it second ("somebody took my phone from
//! my pocket"). An entry that names an element ([`super::Entry::requires`]) is cited,
//! unreviewed or on a model's choice, only when the statement holds one of the
//! element's cue phrases; otherwise it is offered beside item 2, for the officer.
//! Ranking is not changed: the entry stays a candidate, as a rule can miss a telling.

use super::words::{phrase_words, runs};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::LazyLock;

/// An element some offences need and a statement tells in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Element {
    /// Violence, a weapon or a threat, used on a person (robbery, dacoity).
    Force,
    /// The property came into the accused's hands without being taken: found, left
    /// behind, dropped, sent by mistake (dishonest misappropriation).
    CameToHand,
}

impl Element {
    /// Every element.
    pub const ALL: &'static [Element] = &[Element::Force, Element::CameToHand];

    /// Its name in the catalogue (`requires`).
    pub fn name(self) -> &'static str {
        match self {
            Element::Force => "force",
            Element::CameToHand => "came_to_hand",
        }
    }

    /// How the statement says it, to be shown to the officer.
    pub fn label(self) -> &'static str {
        match self {
            Element::Force => "force, a weapon or a threat",
            Element::CameToHand => {
                "that the property came into the other's hands (found, left behind, sent by mistake)"
            }
        }
    }

    /// Whether `statement` holds one of the element's cue phrases, word for word.
    pub fn told_in(self, statement: &str) -> bool {
        let cues: &[Vec<String>] = match self {
            Element::Force => &FORCE,
            Element::CameToHand => &CAME_TO_HAND,
        };
        let words = phrase_words(statement);
        let longest = cues.iter().map(Vec::len).max().unwrap_or(0);
        let held: HashSet<&[String]> = runs(&words, longest).collect();
        cues.iter().any(|cue| held.contains(cue.as_slice()))
    }
}

impl std::str::FromStr for Element {
    type Err = String;

    /// An element by its name in the catalogue ("force").
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        serde_json::from_value(serde_json::Value::String(name.trim().to_ascii_lowercase())).map_err(
            |_| {
                format!(
                    "requires names an element the catalogue does not know: {name:?} (known: {})",
                    Element::ALL
                        .iter()
                        .map(|e| e.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
        )
    }
}

/// Cue phrases, normalised as statements are.
fn cues(list: &[&str]) -> Vec<Vec<String>> {
    list.iter()
        .map(|cue| phrase_words(cue))
        .filter(|cue| !cue.is_empty())
        .collect()
}

/// Property that came into the accused's hands: found, left behind, dropped, sent by
/// mistake, kept and not returned.
static CAME_TO_HAND: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "found",
        "picked up",
        "picked it up",
        "left behind",
        "left it",
        "left my",
        "forgot",
        "forgotten",
        "dropped",
        "fell",
        "lost",
        "by mistake",
        "mistakenly",
        "wrongly transferred",
        "kept it",
        "keeping it",
        "refuses to return",
        "refused to return",
        "not returning",
        "won't return",
        "will not return",
        "give it back",
        "gave it back",
        // Devanagari.
        "मिला",
        "मिली",
        "मिल गया",
        "मिल गई",
        "उठा लिया",
        "उठाकर",
        "छूट गया",
        "छूट गई",
        "गिर गया",
        "गिर गई",
        "गिरा",
        "रह गया",
        "रह गई",
        "भूल गया",
        "भूल गई",
        "गलती से",
        "रख लिया",
        "अपने पास रख",
        "वापस नहीं",
        "लौटाने से मना",
        "लौटा नहीं",
        // Romanised.
        "mila",
        "mili",
        "mil gaya",
        "utha liya",
        "uthakar",
        "chhoot gaya",
        "chhut gaya",
        "chhoot gayi",
        "gir gaya",
        "gir gayi",
        "reh gaya",
        "reh gayi",
        "rah gaya",
        "bhool gaya",
        "bhul gaya",
        "galti se",
        "rakh liya",
        "apne paas rakh",
        "wapas nahi",
        "vapas nahi",
        "lautane se mana",
        "lauta nahi",
    ])
});

/// Force, a weapon or a threat, in English, Devanagari Hindi and romanised Hindi.
static FORCE: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English. Not "pushed" or "surrounded" (a crowded bus), "robbed" or "looted"
        // (said of a burglary), "hurt" (feelings).
        "knife",
        "knives",
        "knifepoint",
        "blade",
        "dagger",
        "pistol",
        "gun",
        "gunpoint",
        "revolver",
        "weapon",
        "rod",
        "stick",
        "sword",
        "stab",
        "stabbed",
        "beat",
        "beaten",
        "hit me",
        "slapped",
        "punched",
        "kicked",
        "shoved",
        "threatened",
        "threatening",
        "threat",
        "force",
        "forced",
        "forcibly",
        "snatched",
        "grabbed",
        "pinned",
        "choked",
        "strangled",
        "attacked",
        "assaulted",
        "injured",
        "overpowered",
        "tied",
        "mugged",
        "waylaid",
        "held me",
        "caught hold",
        // Devanagari.
        "चाकू",
        "छुरा",
        "छुरी",
        "तमंचा",
        "कट्टा",
        "पिस्तौल",
        "बंदूक",
        "हथियार",
        "लाठी",
        "डंडा",
        "रॉड",
        "तलवार",
        "मारा",
        "मारे",
        "मारपीट",
        "पीटा",
        "पिटाई",
        "थप्पड़",
        "घूंसा",
        "लात",
        "धक्का",
        "धमकी",
        "धमकाया",
        "धमकाकर",
        "डराया",
        "डराकर",
        "जबरदस्ती",
        "छीन",
        "छीना",
        "छीनकर",
        "झपट",
        "झपटा",
        "घेरकर",
        "दबोच",
        "दबोचा",
        "गला दबा",
        "हमला",
        "चोट",
        "घायल",
        "लूट",
        "लूटा",
        "लूटपाट",
        "नोक",
        // Romanised. Not "pita" (father), "bandh" (closed), "maar" ("mar gaya", died) or
        // "loot" (the English "looted").
        "chaku",
        "chakku",
        "chhura",
        "chhuri",
        "tamancha",
        "katta",
        "bandook",
        "hathiyar",
        "lathi",
        "danda",
        "talwar",
        "maara",
        "maare",
        "maarpeet",
        "marpit",
        "pitai",
        "thappad",
        "ghusa",
        "laat",
        "dhakka",
        "dhamki",
        "dhamkaya",
        "dhamka",
        "daraya",
        "darakar",
        "jabardasti",
        "zabardasti",
        "chheen",
        "chheena",
        "chhin",
        "jhapat",
        "jhapta",
        "gherkar",
        "daboch",
        "dabocha",
        "gala daba",
        "gala dabaya",
        "hamla",
        "chot",
        "ghayal",
        "loota",
        "lootpaat",
        "nok",
    ])
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_that_came_to_hand_is_told_and_a_pickpocketing_does_not_tell_it() {
        for told in [
            "I dropped my wallet at the bus stop; a man picked it up and refuses to return it",
            "मेरा फ़ोन ऑटो में छूट गया, ड्राइवर ने अपने पास रख लिया",
            "galti se mere account se 20 hazaar uske account me chale gaye",
        ] {
            assert!(Element::CameToHand.told_in(told), "{told}");
        }
        let pickpocketing = "When the bus was crowded near the Rajiv Chowk stop, somebody took my \
            Samsung Galaxy mobile phone from my trouser pocket. I noticed it only when I got \
            down. I did not see who took it.";
        assert!(!Element::CameToHand.told_in(pickpocketing));
    }

    #[test]
    fn force_is_told_in_any_script_and_a_quiet_theft_tells_none() {
        for told in [
            "Near the ATM a man pointed a knife at me and took my wallet",
            "दो लड़कों ने पिस्तौल दिखाकर मेरा पर्स ले लिया",
            "raat ko gali me do ladkon ne gala dabaya aur mobile le gaye",
            "he threatened to stab me unless I gave him the phone",
            "he forced me to hand over my purse",
        ] {
            assert!(Element::Force.told_in(told), "{told}");
        }
        for name in Element::ALL {
            assert_eq!(name.name().parse::<Element>(), Ok(*name));
        }
        assert!("violence".parse::<Element>().unwrap_err().contains("force"));
        assert!(Element::Force.told_in("Two men stabbed him"));
        for quiet in [
            "When the bus was crowded somebody took my phone from my trouser pocket. I noticed it only when I got down.",
            "मेरी साइकिल कॉलेज के बाहर खड़ी थी, लौटकर देखा तो गायब थी",
            "mandir ke bahar joote utaare the, wapas aaya to gayab the",
            "mere pita ji ka phone chori ho gaya, dukan bandh thi",
            "bus mein bahut bheed thi, sab pushed and surrounded, kisi ne jeb se phone nikaal liya",
            "my feelings were hurt when he took my bicycle without asking",
            "thieves robbed our house while we were away and looted the almirah",
        ] {
            assert!(!Element::Force.told_in(quiet), "{quiet}");
        }
    }
}
