//! The cue phrases of each element, in English, Devanagari Hindi and romanised Hindi,
//! normalised as statements are ([`phrase_words`]). A cue is a phrase the element's
//! telling holds word for word; what it wrongly fires on is noted beside it.

use crate::legal::words::phrase_words;
use std::sync::LazyLock;

/// Between the parts of a cue that are told near each other rather than word for word
/// ("भैंस … ज़हर": the buffalo and the poison within [`super::NEAR_WORDS`] words, in
/// either order). No statement's word is this: it is punctuation.
pub(super) const NEAR: &str = "…";

/// Cue phrases, normalised as statements are; a cue's parts told near each other are
/// kept apart by [`NEAR`].
pub(super) fn cues(list: &[&str]) -> Vec<Vec<String>> {
    let near = [NEAR.to_owned()];
    list.iter()
        .map(|cue| {
            let parts: Vec<Vec<String>> = cue
                .split(NEAR)
                .map(phrase_words)
                .filter(|part| !part.is_empty())
                .collect();
            parts.join(&near[..])
        })
        .filter(|cue| !cue.is_empty())
        .collect()
}

/// Every pair of one of `these` told near one of `those` ([`NEAR`]), as cues: the
/// animal near the poison, the thumb mark near "fake".
pub(super) fn near_pairs(these: &[&str], those: &[&str]) -> Vec<Vec<String>> {
    let pairs: Vec<String> = these
        .iter()
        .flat_map(|this| {
            those
                .iter()
                .map(move |that| format!("{this} {NEAR} {that}"))
        })
        .collect();
    cues(&pairs.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Property that came into the accused's hands: found, left behind, dropped, sent by
/// mistake, kept and not returned.
pub(super) static CAME_TO_HAND: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English. Not "found" alone ("I found out", "found the lock broken", "found it
        // missing") or "picked up" (a thief picks a phone up off the counter), or "left
        // my" (house).
        "who found",
        "someone found",
        "somebody found",
        "found lying",
        "left behind",
        "left it",
        "left my bag",
        "left my phone",
        "left my mobile",
        "left my purse",
        "left my wallet",
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
        // Devanagari. Not "उठा लिया" (picked up: a theft's words too).
        "मिला",
        "मिली",
        "मिल गया",
        "मिल गई",
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
pub(super) static FORCE: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English. Not "pushed" or "surrounded" (a crowded bus), "robbed" or "looted"
        // (said of a burglary), "hurt" (feelings).
        "knife",
        "knives",
        "knifepoint",
        "blade",
        "dagger",
        "pistol",
        "gunpoint",
        "pointed a gun",
        "showed a gun",
        "with a gun",
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
        "caught my collar",
        "grabbed my collar",
        "held my collar",
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
        "कॉलर पकड़",
        "गिरेबान पकड़",
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
        "collar pakad",
        "collar pakda",
        "gala dabaya",
        "hamla",
        "chot",
        "ghayal",
        "loota",
        "lootpaat",
        "nok",
    ])
});

/// The complainant's caste named, or caste abuse: the SC/ST (Prevention of Atrocities)
/// Act protects members of a Scheduled Caste or Tribe, which the statement must tell.
/// Not "नीच" or "neech" alone (a common insult), "jaat"/"jat" (a caste that is not
/// scheduled, and a surname), "जात" or "jaati"/"jati" alone (जाता, "jaati hai": goes),
/// or "भंगी" (it stems to "भंग", as in "शांति भंग").
pub(super) static CASTE: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English ("castes" stems to "cast": a plaster cast also tells it, which only
        // leaves the entry where the rankings put it).
        "caste",
        "castes",
        "casteist",
        "scheduled caste",
        "scheduled tribe",
        "sc st",
        "dalit",
        "dalits",
        "harijan",
        "tribal",
        "adivasi",
        // Devanagari.
        "जाति",
        "जातिसूचक",
        "जातिगत",
        "जात पात",
        "नीच जात",
        "नीची जात",
        "छोटी जात",
        "दलित",
        "हरिजन",
        "आदिवासी",
        "अनुसूचित",
        "चमार",
        "चमारों",
        "मेहतर",
        "वाल्मीकि",
        "बाल्मीकि",
        "जाटव",
        "महार",
        "अहिरवार",
        "मेघवाल",
        "खटीक",
        "मुसहर",
        // Romanised.
        "jaati ka naam",
        "jati ka naam",
        "jaati se",
        "jaat paat",
        "jaatisuchak",
        "jatisuchak",
        "neech jaat",
        "nichi jaat",
        "chhoti jaat",
        "chamar",
        "bhangi",
        "mehtar",
        "valmiki",
        "balmiki",
        "jatav",
        "ahirwar",
        "meghwal",
        "khatik",
        "musahar",
    ])
});

/// A person taken away by force or deceit: kidnapping, abduction, a ransom, or a caller
/// who says the child is with them. Not "le gaye" alone (said of property taken).
pub(super) static ABDUCTION: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "kidnap",
        "kidnapped",
        "kidnapping",
        "kidnappers",
        "abduct",
        "abducted",
        "abduction",
        "ransom",
        "hostage",
        "took him away",
        "took her away",
        "took them away",
        "taken away",
        "dragged him into",
        "dragged her into",
        "pulled him into",
        "pulled her into",
        "forced him into",
        "forced her into",
        "eloped",
        "ran away with",
        "lured",
        "is with us",
        "we have your",
        // Devanagari.
        "अपहरण",
        "अगवा",
        "उठा ले गए",
        "उठा ले गया",
        "उठाकर ले गए",
        "उठाकर ले गया",
        "फिरौती",
        "बंधक",
        "भगा ले गया",
        "भगाकर ले गया",
        "बहला फुसलाकर",
        "बहला-फुसलाकर",
        "गाड़ी में डाल",
        "गाड़ी में डाला",
        "गाड़ी में डालकर",
        "हमारे पास है",
        "हमारे कब्ज़े में",
        "हमारे कब्जे में",
        // Romanised.
        "apharan",
        "agwa",
        "utha le gaye",
        "utha le gaya",
        "utha ke le gaye",
        "uthakar le gaye",
        "firauti",
        "phirauti",
        "bandhak",
        "bhaga le gaya",
        "bhaga ke le gaya",
        "behla phusla",
        "behla phuslakar",
        "gaadi mein dala",
        "gaadi me dala",
        "gaadi mein daal",
        "gadi me daal",
        "hamare paas hai",
        "humare paas hai",
        "hamare pass hai",
        "hamare kabze",
    ])
});

/// A religion, caste, community, language or region spoken of as a group, or its
/// places and objects of worship: what enmity between groups and wounded religious
/// feelings are about. A temple in an address tells it too, which only leaves the entry
/// where the rankings put it. Not names ("Sunita Devi", "Geeta"), "god" ("thank god"),
/// or "बाहरी" (it stems to "बाहर", outside).
pub(super) static COMMUNITY: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "religion",
        "religious",
        "community",
        "communal",
        "hindu",
        "hindus",
        "muslim",
        "muslims",
        "sikh",
        "sikhs",
        "christian",
        "christians",
        "caste",
        "temple",
        "mosque",
        "church",
        "gurudwara",
        "idol",
        "quran",
        "bible",
        "prophet",
        "anti national",
        "traitor",
        "pakistani",
        "outsiders",
        "north indians",
        "south indians",
        "biharis",
        // Devanagari.
        "धर्म",
        "धार्मिक",
        "मज़हब",
        "मजहब",
        "समुदाय",
        "कौम",
        "हिंदू",
        "हिन्दू",
        "मुस्लिम",
        "मुसलमान",
        "सिख",
        "ईसाई",
        "जाति",
        "मंदिर",
        "मस्जिद",
        "गुरुद्वारा",
        "चर्च",
        "मूर्ति",
        "भगवान",
        "देवता",
        "अल्लाह",
        "कुरान",
        "देशद्रोही",
        "गद्दार",
        "पाकिस्तानी",
        // Romanised.
        "dharm",
        "dharma",
        "mazhab",
        "majhab",
        "samuday",
        "samudaay",
        "kaum",
        "qaum",
        "musalman",
        "musalmaan",
        "mandir",
        "masjid",
        "murti",
        "bhagwan",
        "devta",
        "allah",
        "deshdrohi",
        "gaddar",
    ])
});

/// An order of a public servant or the administration the accused disobeyed: a
/// prohibitory order, a curfew, a ban. A noise or a nuisance complaint tells none. Not
/// "order" or "ban" alone ("ordered online", "ban gaya"). "section 144" normalises to
/// "section 14" (the spelling key folds doubled letters), which says no less.
pub(super) static ORDER: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "prohibitory order",
        "prohibitory orders",
        "collector's order",
        "order of the collector",
        "order of the dm",
        "dm's order",
        "administration's order",
        "curfew",
        "section 144",
        "banned",
        "lockdown",
        // Devanagari.
        "आदेश",
        "हुक्म",
        "कर्फ्यू",
        "धारा 144",
        "निषेधाज्ञा",
        "प्रतिबंध",
        "प्रतिबंधित",
        "पाबंदी",
        "लॉकडाउन",
        // Romanised.
        "aadesh",
        "adesh",
        "hukm",
        "hukum",
        "pabandi",
        "karfu",
        "dhara 144",
    ])
});

/// A court's order to a husband or his family, told: a protection order, an order to
/// stay away (the Domestic Violence Act; its breach is the Act's 31). A court's order
/// said without a husband or in-laws within [`NEAR`]'s reach is not one: a court that
/// sent the complaint to the police, a land or a maintenance case. Not "court ne mana"
/// (also माना, "the court held"), nor a case "in court".
pub(super) static COURT_ORDER: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let mut told = cues(&[
        "protection order",
        "restraining order",
        "stay away order",
        "संरक्षण आदेश",
        "दूर रहने का आदेश",
        "door rehne ka order",
        "door rehne ka aadesh",
    ]);
    told.extend(near_pairs(
        &[
            "court order",
            "court's order",
            "order of the court",
            "court ordered",
            "magistrate ordered",
            "judge ordered",
            "कोर्ट का आदेश",
            "कोर्ट के आदेश",
            "कोर्ट ने आदेश",
            "अदालत का आदेश",
            "अदालत के आदेश",
            "अदालत ने आदेश",
            "न्यायालय का आदेश",
            "न्यायालय के आदेश",
            "न्यायालय ने आदेश",
            "जज ने आदेश",
            "मजिस्ट्रेट ने आदेश",
            "कोर्ट ने रोका",
            "court ka order",
            "court ke order",
            "court ne order",
            "judge ne order",
            "judge sahab ne order",
            "magistrate ne order",
            "court ne roka",
            "court ka aadesh",
            "court ne aadesh",
        ],
        &[
            "husband",
            "in-laws",
            "son-in-law",
            "pati",
            "shauhar",
            "sasural",
            "sasuraal",
            "पति",
            "शौहर",
            "ससुराल",
            "दामाद",
            "damad",
        ],
    ));
    told
});

/// Someone who said he was a police officer or another public servant: a crime-branch
/// man who asks an old man to take off his chain, a fake inspector who comes to
/// collect. Not "said he was from the bank" or "बैंक अधिकारी बनकर" (cheating by
/// personation, not of a public servant), "complained to the crime branch", or "uska
/// jija police se hai" (a threat).
pub(super) static IMPOSTOR: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "from crime branch",
        "from the crime branch",
        "crime branch police se",
        "fake police",
        "fake policeman",
        "fake policemen",
        "fake inspector",
        "posing as police",
        "posing as a police",
        "posed as police",
        "pretending to be police",
        "claimed to be police",
        "claimed to be a police",
        "said he was a police",
        "said they were police",
        "income tax officer",
        "cbi officer",
        // Devanagari.
        "क्राइम ब्रांच से",
        "नकली पुलिस",
        "फर्जी पुलिस",
        "फ़र्ज़ी पुलिस",
        "पुलिस बनकर",
        "पुलिसवाला बनकर",
        "पुलिस वाले बनकर",
        "खुद को पुलिस",
        "ख़ुद को पुलिस",
        "दरोगा बनकर",
        "इंस्पेक्टर बनकर",
        // Romanised.
        "crime branch se",
        "nakli police",
        "farzi police",
        "police bankar",
        "police wale bankar",
        "khud ko police",
        "daroga bankar",
        "inspector bankar",
    ])
});
