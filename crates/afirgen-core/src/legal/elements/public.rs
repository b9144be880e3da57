//! The cue phrases of the elements of offences against the public peace, the road and
//! the land: five or more people acting together (rioting), a nuisance to the
//! neighbourhood, a vehicle that hit someone (rash driving), land entered or occupied
//! (criminal trespass), in English, Devanagari Hindi and romanised Hindi, normalised as
//! statements are.

use super::cues::{cues, near_pairs};
use crate::legal::words::phrase_words;
use std::sync::LazyLock;

/// Counts of people from five up, as a complainant says them ("4-5 साथी" holds "5
/// साथी"; "aath-nau aadmi" holds "nau aadmi"). Not four: an unlawful assembly is five
/// or more, and "four boys beat me" is not one.
#[rustfmt::skip]
const COUNTS: &[&str] = &[
    "5", "6", "7", "8", "9", "10", "11", "12", "15", "20", "25", "30", "40", "50",
    // English.
    "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen", "twenty", "dozen",
    // Devanagari.
    "पाँच", "पांच", "छह", "छः", "सात", "आठ", "नौ", "दस", "बारह", "पंद्रह", "बीस", "पच्चीस",
    "तीस", "पचास",
    // Romanised.
    "paanch", "panch", "chhe", "chhah", "saat", "aath", "nau", "das", "barah", "pandrah",
    "bees", "pachchis", "pachees", "tees", "pachaas",
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

/// Five or more people acting together: a count of attackers from five up, or a mob.
/// Not "भीड़" (the onlookers, or the crowd that caught the thief) or "mob" alone ("Mob.
/// No." heads a statement). "लड़के" is also sons, and "साथी" stems to "साथ" (together):
/// with a count before them both are rare outside an attack.
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
    phrases.extend(cues(&["a mob of", "an armed mob"]));
    phrases
});

/// A nuisance to the neighbourhood: loud music or a DJ at night, loudspeakers,
/// garbage dumped. Each cue names the noise or the dumping: not "speaker" or
/// "generator" alone (stolen ones), "शोर" ("शोर मचाया", an alarm raised), "तेज़ आवाज़"
/// (abuse shouted), "कचरा" or "बदबू" (where a thing or a body was found), "सो नहीं
/// पाते" (children afraid), a DJ without its noise (a wedding's) or smoke (a fire's).
pub(super) static NUISANCE: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "loud music",
        "loudspeaker",
        "loudspeakers",
        "loud speakers",
        "loud dj",
        "blaring",
        "dump garbage",
        "dumps garbage",
        "dumping garbage",
        "throw garbage",
        "throws garbage",
        "public nuisance",
        "nobody can sleep",
        "no one can sleep",
        // Devanagari.
        "तेज़ डीजे",
        "तेज डीजे",
        "डीजे बजता",
        "लाउडस्पीकर",
        "स्पीकर लगाकर",
        "स्पीकर बजते",
        "तेज़ गाने",
        "तेज गाने",
        "तेज़ म्यूज़िक",
        "जनरेटर चलाते",
        "कचरा फेंकते",
        "कचरा डालते",
        "कोई सो नहीं",
        // Romanised.
        "tez dj",
        "dj bajta",
        "speaker lagakar",
        "speaker bajate",
        "tez gaane",
        "tez music",
        "generator chalate",
        "generator chalaate",
        "kachra phenkte",
        "kachra dalte",
        "koi so nahi",
    ])
});

/// Land or a field entered, ploughed or occupied against the owner (criminal trespass).
/// Not a house entered ("चोर घर में घुसे"), said of every burglary, whose sections are
/// house-breaking's; a field entered is the complainant's ("मेरे खेत में घुसा"), not one
/// a buffalo strayed into ("bhains unke khet mein ghus gayi"); a possession taken is
/// of land ("ज़मीन पर कब्ज़ा"), not of jewellery or a flat a tenant keeps.
pub(super) static TRESPASS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "encroached",
        "encroachment",
        "encroaching",
        "grabbed my land",
        "occupied my land",
        "occupied our land",
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
        "ज़मीन पर कब्ज़ा",
        "जमीन पर कब्जा",
        "खेत पर कब्ज़ा",
        "खेत पर कब्जा",
        "प्लॉट पर कब्ज़ा",
        "प्लॉट पर कब्जा",
        "अतिक्रमण",
        "जोत दी",
        "जोत दिया",
        "जोत ली",
        "मेड़ तोड़",
        // Romanised.
        "zameen par kabza",
        "zameen pe kabza",
        "khet par kabza",
        "plot par kabza",
        "plot pe kabza",
        "atikraman",
        "mere khet mein ghus",
        "mere khet me ghus",
        "hamare khet mein ghus",
        "hamare khet me ghus",
        "jot diya",
        "jot di",
        "jot li",
        "medh tod",
    ])
});

/// A vehicle that hit or ran over someone, or was driven fast or on the wrong side:
/// rash driving on a public way (281), which a statement about the injury or the
/// drunk driver tells in a clause. Not "rammed" (folded, it is the name Ram), "रौंद"
/// or "कुचल" (crops trampled, a head crushed), "knocked down" (a wall) or "ran over"
/// alone ("ran over to help").
pub(super) static COLLISION: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "rash driving",
        "rashly",
        "high speed",
        "over speed",
        "overspeeding",
        "speeding",
        "wrong side",
        "ran over him",
        "ran over her",
        "ran over my",
        "knocked him down",
        "knocked her down",
        "knocked me down",
        "collided",
        "hit and run",
        "hit-and-run",
        // Devanagari.
        "टक्कर मार",
        "टक्कर मारी",
        "टक्कर मार दी",
        "तेज रफ्तार",
        "तेज गति",
        "लापरवाही से चला",
        "गलत साइड",
        "ठोक दिया",
        // Romanised.
        "takkar maar",
        "takkar mar",
        "takkar maari",
        "tez speed",
        "tez raftar",
        "tej speed",
        "galat side",
        "thok diya",
        "thok di",
    ])
});

/// A public servant stopped in or for his duty (121(1), 132, 221): the work he came to
/// do, as the servant or the station writes it. Not "on duty" or "duty pe" alone, said
/// of a husband at work ("night duty pe the") or a private guard, nor a uniform (a
/// school's, or impostors' in police uniform), nor a department named (a fraudster
/// "from the electricity department"), nor "कनेक्शन काटा" alone (it stems as a
/// landlord's "कनेक्शन काट दिया" does): the line cut is the department's when a
/// lineman or the department is named near it.
pub(super) static DUTY: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let mut duty = near_pairs(
        &["कनेक्शन काट"],
        &["लाइनमैन", "बिजली विभाग", "विद्युत विभाग", "जेई"],
    );
    duty.extend(cues(&[
        // English.
        "to disconnect",
        "the disconnection",
        "disconnection register",
        "government work",
        "official duty",
        // Devanagari.
        "सरकारी काम में बाधा",
        "सरकारी कार्य में बाधा",
        // Romanised (not stemmed: "kaatne" is not "kaat diya").
        "connection kaatne",
        "connection katne",
        "sarkari kaam mein rukawat",
        "sarkari kaam me rukawat",
        "sarkari kaam mein badha",
    ]));
    duty
});

#[cfg(test)]
mod tests {
    use super::super::{assert_told, Element};

    #[test]
    fn a_collision_is_told_and_a_name_or_a_trampled_field_is_not() {
        assert_told(
            Element::Collision,
            &[
                "ek safed Scorpio galat side se aayi aur bhai ko thok diya",
                "तेज रफ्तार ट्रक ने पीछे से टक्कर मार दी",
                "a bus coming at high speed knocked him down",
            ],
            &[
                "Ram Prasad and his sons beat my brother",
                "उसने ट्रैक्टर से आधे खेत की फ़सल रौंद दी",
                "पत्थर से उसका सिर कुचल दिया",
                "they knocked down the boundary wall",
            ],
        );
    }

    #[test]
    fn a_public_servant_stopped_in_his_duty_is_told_and_a_job_named_is_not() {
        assert_told(
            Element::Duty,
            &[
                "I went with the lineman to disconnect the supply of the house",
                "लाइनमैन के साथ बिजली का कनेक्शन काटने गए तो उन्होंने हमें पीटा",
                "connection kaatne gaya tha to usne dhakka diya, sarkari kaam mein rukawat dali",
            ],
            &[
                "mere pati night duty pe the jab wo ghar mein ghusa",
                "MSEB mein lineman hu, school ke bagal mein gumti hai",
                "बिजली विभाग से बोल रहा हूँ, आपका बिल बकाया है",
                "the constable on duty refused to write my complaint",
                "meri beti school ki vardi mein thi jab usne thappad maara",
                "my husband was beaten while on duty as the society guard",
                "मकान मालिक ने कनेक्शन काट दिया और मारपीट की",
                "do log police ki vardi mein aaye aur thappad maara",
            ],
        );
    }
}
