//! The cue phrases of the elements of offences against the public peace and the land:
//! five or more people acting together (rioting), a nuisance to the neighbourhood, land
//! entered or occupied (criminal trespass), in English, Devanagari Hindi and romanised
//! Hindi, normalised as statements are.

use super::cues::cues;
use crate::legal::words::phrase_words;
use std::sync::LazyLock;

/// Counts of people from four up, as a complainant says them ("4-5 साथी" holds "5
/// साथी"; "aath-nau aadmi" holds "nau aadmi"). Four is counted: "and his 4-5
/// companions" beside the named accused makes five.
const COUNTS: &[&str] = &[
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "10",
    "11",
    "12",
    "15",
    "20",
    "25",
    "30",
    "40",
    "50",
    // English.
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "twelve",
    "fifteen",
    "twenty",
    "dozen", // Devanagari.
    "चार",
    "पाँच",
    "पांच",
    "छह",
    "छः",
    "सात",
    "आठ",
    "नौ",
    "दस",
    "बारह",
    "पंद्रह",
    "बीस",
    "पच्चीस",
    "तीस",
    "पचास", // Romanised.
    "chaar",
    "char",
    "paanch",
    "panch",
    "chhe",
    "chhah",
    "saat",
    "aath",
    "nau",
    "das",
    "barah",
    "pandrah",
    "bees",
    "pachchis",
    "pachees",
    "tees",
    "pachaas",
];

/// The people counted: the words said of those who come to attack ("4-5 लड़के",
/// "uske saathi"), not "people" or "लोग", said of those who stood watching ("15-20 लोग
/// खड़े देख रहे थे").
const PEOPLE: &[&str] = &[
    // English.
    "men",
    "boys",
    "youths",
    "companions",
    "associates",
    "goons",
    // Devanagari.
    "आदमी",
    "लड़के",
    "लड़कों",
    "साथी",
    "साथियों",
    "युवक",
    "बदमाश",
    "बदमाशों",
    // Romanised.
    "aadmi",
    "admi",
    "ladke",
    "ladkon",
    "saathi",
    "sathi",
    "saathiyon",
    "yuvak",
    "badmash",
    "badmashon",
];

/// Five or more people acting together: a count of people from four up, or a mob.
pub(super) static CROWD: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let mut phrases: Vec<Vec<String>> = COUNTS
        .iter()
        .flat_map(|count| {
            PEOPLE
                .iter()
                .map(move |people| phrase_words(&format!("{count} {people}")))
        })
        // A count with another "aur" between ("5-6 aur log").
        .chain(COUNTS.iter().flat_map(|count| {
            ["aur log", "और लोग", "more men", "other men"]
                .iter()
                .map(move |people| phrase_words(&format!("{count} {people}")))
        }))
        .filter(|cue| !cue.is_empty())
        .collect();
    phrases.extend(cues(&[
        "mob",
        "a gang of",
        "armed group",
        "भीड़ ने",
        "भीड़ जमा",
        "हुजूम",
        "bheed ne",
    ]));
    phrases
});

/// A nuisance to the neighbourhood: noise at night, loudspeakers, filth. Not "शोर" or
/// "shor" alone ("शोर मचाया", raised an alarm, is said of every theft), a DJ without
/// its noise (a wedding's), or smoke (a fire's).
pub(super) static NUISANCE: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "loud music",
        "loudspeaker",
        "loudspeakers",
        "loud speaker",
        "loud dj",
        "speakers",
        "generator",
        "blaring",
        "garbage",
        "stench",
        "sewage",
        "nuisance",
        "nobody can sleep",
        "no one can sleep",
        // Devanagari.
        "तेज़ डीजे",
        "तेज डीजे",
        "डीजे बजता",
        "डीजे बजाते",
        "लाउडस्पीकर",
        "स्पीकर",
        "जनरेटर",
        "तेज़ गाने",
        "तेज गाने",
        "तेज़ आवाज़",
        "तेज आवाज",
        "कचरा",
        "गंदगी",
        "बदबू",
        "कोई सो नहीं",
        "सो नहीं पाते",
        "सो नहीं पाता",
        // Romanised.
        "speaker",
        "tez dj",
        "dj bajta",
        "dj bajate",
        "tez gaane",
        "tez awaaz",
        "tez aawaz",
        "kachra",
        "gandagi",
        "badbu",
        "badboo",
        "so nahi paate",
        "so nahi pate",
    ])
});

/// Land or a field entered, ploughed or occupied against the owner (criminal trespass).
/// Not a house entered ("चोर घर में घुसे"), said of every burglary, whose sections are
/// house-breaking's; a field entered is the complainant's ("मेरे खेत में घुसा"), not one
/// a buffalo strayed into ("bhains unke khet mein ghus gayi").
pub(super) static TRESPASS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "encroached",
        "encroachment",
        "encroaching",
        "trespassed",
        "trespassing",
        "grabbed my land",
        "occupied my land",
        "occupied our land",
        "took possession of my",
        "entered my field",
        "entered our field",
        "ploughed my",
        "ploughed our",
        // Devanagari.
        "मेरे खेत में घुस",
        "मेरे खेत में घुसा",
        "मेरे खेत में घुसकर",
        "हमारे खेत में घुस",
        "हमारे खेत में घुसा",
        "हमारे खेत में घुसकर",
        "कब्ज़ा कर",
        "कब्जा कर",
        "कब्ज़ा करने",
        "कब्जा करने",
        "अवैध कब्ज़ा",
        "अवैध कब्जा",
        "अतिक्रमण",
        "जोत दी",
        "जोत दिया",
        "जोत ली",
        "मेड़ तोड़",
        // Romanised.
        "kabza kar",
        "kabja kar",
        "kabza karne",
        "kabza kar liya",
        "atikraman",
        "mere khet mein ghus",
        "mere khet me ghus",
        "hamare khet mein ghus",
        "hamare khet me ghus",
        "jot di",
        "jot diya",
        "jot li",
        "medh tod",
    ])
});
