//! Cues for the gravest violence a statement tells: a firearm carried or used (the
//! Arms Act beside the threat or the hurt), an attack made to kill (attempt to
//! murder, which the rankings place below the hurt and the threat it holds), and an
//! animal poisoned or killed.

use super::cues::{cues, near_pairs};
use std::sync::LazyLock;

/// A firearm: a pistol, a country-made gun, a rifle. Not "fired" ("fired at" stems to
/// "FIR at"), "कट्टा" alone (a sack) or "फायर" (the fire brigade), "country made" alone
/// (liquor). A licensed gun is told too: the officer sees the Arms Act offered.
pub(super) static FIREARM: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    cues(&[
        // English.
        "pistol",
        "revolver",
        "gun",
        "rifle",
        "desi katta",
        "country made pistol",
        "country-made pistol",
        "country made gun",
        "country-made gun",
        // Devanagari.
        "देसी कट्टा",
        "तमंचा",
        "तमंचे",
        "पिस्तौल",
        "पिस्टल",
        "रिवॉल्वर",
        "रिवाल्वर",
        "बंदूक",
        "राइफल",
        // Romanised.
        "tamancha",
        "tamanche",
        "pistaul",
        "banduk",
        "bandook",
        "fire kiya",
        "hawai fire",
    ])
});

/// An attack made to kill, told as done: stabbed, shot at, strangled, set on fire.
/// Not the threat ("maar dunga": [`super::passing::DEADLY`]), not a beating ("मारने की
/// कोशिश" is also "tried to hit"), not petrol poured (a bike filled, a shop burnt).
pub(super) static ATTACK: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let mut told = cues(&[
        // English.
        "stabbed",
        "stabbing",
        "shot at",
        "shot me",
        "shot him",
        "shot her",
        "strangled",
        "strangle me",
        "tried to kill",
        "try to kill",
        "set me on fire",
        "set him on fire",
        "set her on fire",
        // Devanagari.
        "घोंप दिया",
        "घोंप दी",
        "घोंपा",
        "चाकू मार दिया",
        "चाकू मार दी",
        "गोली मार दी",
        "गोली चला दी",
        "गला दबा",
        "गला दबाया",
        "जान से मारने की कोशिश",
        // Romanised.
        "ghonp diya",
        "ghonp di",
        "chaku maar diya",
        "chaaku maar diya",
        "chaku mar diya",
        "goli maar di",
        "goli mar di",
        "goli chala di",
        "gala daba",
        "gala dabaya",
        "jaan se maarne ki koshish",
    ]);
    // A knife drawn and blows struck, told apart ("chaaku nikaal ke pet aur seene pe
    // teen baar waar kiya"); not a knife in one hand and a rod's blow.
    told.extend(near_pairs(
        &[
            "chaku nikaal",
            "chaaku nikaal",
            "chaku nikal",
            "chaaku nikal",
            "चाकू निकाल",
            "pulled out a knife",
            "took out a knife",
        ],
        &["waar kiya", "वार किया", "वार किए", "waar kiye"],
    ));
    told
});

/// An animal poisoned or killed: a neighbour's revenge on a buffalo or a dog (325),
/// named with the animal, or the animal named near the poison ("भैंस ने चारा खाया …
/// डॉक्टर ने कहा कुछ ज़हरीला खिलाया"). Not "zeher khaya" or "जहर खिलाया" alone: said of
/// a person; not "कुतिया" (abuse) or "bail" (the court's, not a bull) near the poison.
pub(super) static ANIMAL_KILLED: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let mut said = cues(&[
        // English.
        "killed my dog",
        "killed our dog",
    ]);
    said.extend(near_pairs(
        &[
            "dog",
            "cow",
            "buffalo",
            "goat",
            "bull",
            "labrador",
            "कुत्ता",
            "कुत्ते",
            "गाय",
            "भैंस",
            "बकरी",
            "बकरियों",
            "बैल",
            "kutta",
            "kutte",
            "gaay",
            "gaai",
            "bhains",
            "bhens",
            "bakri",
            "bakriyon",
        ],
        &[
            "poison",
            "poisoned",
            "जहर",
            "ज़हर",
            "जहरीला",
            "ज़हरीला",
            "जहरीली",
            "ज़हरीली",
            "zeher",
            "zahar",
            "zehar",
            "zehreela",
            "zahreela",
            "zehrila",
        ],
    ));
    said
});

/// Acid thrown or poured on a person (124(1), 124(2)): the acid named near its
/// throwing, said as done ("kuch phenka … logon ne kaha ye tezaab hai", "तेज़ाब फेंक
/// दिया"). Not the threat of it: the stemmer makes "threw" and "would throw", "फेंका"
/// and "फेंक दूँगा", "जला" and "जला दूँगा" one word, so only forms that keep the deed
/// are parts ("tezaab fenk dunga", "तेज़ाब डाल दूँगा": 351(3)'s), nor a burn alone (acid
/// drunk).
pub(super) static ACID: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let mut thrown = near_pairs(
        &[
            "acid",
            "तेजाब",
            "तेज़ाब",
            "एसिड",
            "tezaab",
            "tezab",
            "tejab",
            "tejaab",
        ],
        &[
            "फेंक दिया",
            "डाल दिया",
            "phenka",
            "fenka",
            "phenk diya",
            "fenk diya",
            "daal diya",
            "was thrown",
            "splashed on",
            // Burnt, as done: cloth or skin ("dupatta jal ke chhed ho gaye").
            "burnt",
            "जल गया",
            "जल गई",
            "jal gaya",
            "jal gayi",
            "jal ke",
        ],
    );
    thrown.extend(cues(&["acid attack"]));
    thrown
});

#[cfg(test)]
mod tests {
    use super::super::{assert_told, Element};

    #[test]
    fn a_firearm_is_told_and_a_man_fired_from_his_job_is_not() {
        assert_told(
            Element::Firearm,
            &[
                "उसने कमर से देसी कट्टा निकाला और कनपटी पर लगा दिया",
                "he took out a pistol and pointed it at me",
                "usne hawai fire kiya",
            ],
            &[
                "I was fired from the factory last month",
                "I lodged an FIR at Sadar thana last year",
                "खाद के दो कट्टे गोदाम से गायब थे",
                "country made liquor is sold near the school",
            ],
        );
    }

    #[test]
    fn an_attack_to_kill_is_told_and_a_threat_to_kill_is_not() {
        assert_told(
            Element::Attack,
            &[
                "जेब से चाकू निकाल के उनके पेट में दो बार घोंप दिया",
                "he stabbed my brother in the stomach",
                "usne mera gala dabaya, main behosh ho gayi",
                "chaaku nikaal ke Aman ke pet aur seene pe teen baar waar kiya",
            ],
            &[
                "he said he would kill me",
                "bola jaan se maar dunga",
                "उसने मुझे मारने की कोशिश की तो मैं भाग गया",
                "usne laathi se mere haath pe waar kiya",
                "Ek ke haath mein chaku tha, doosre ne rod se waar kiya",
            ],
        );
    }

    #[test]
    fn an_animal_poisoned_is_told_and_a_person_who_took_poison_is_not() {
        assert_told(
            Element::AnimalKilled,
            &[
                "the neighbour poisoned our dog last night",
                "पड़ोसी ने हमारी भैंस को जहर दे दिया",
                // The animal and the poison a sentence apart, in either order.
                "रात को भैंस ने चारा खाया और सुबह तक मुँह से झाग आने लगे, तड़प कर मर गई। \
                 डॉक्टर ने कहा कुछ ज़हरीला खिलाया गया है।",
                "Doctor ne bola zeher khaya hai lagta hai, hamara kutta subah mar gaya",
            ],
            &[
                "usne ghar pe zeher kha liya",
                "ससुराल वालों ने मेरी बहन को जहर खिलाया",
                // Far apart, the cow tied at the door and the poison are not one telling.
                "हमारे घर के बाहर एक गाय बंधी रहती है जिसे हम रोज़ चारा देते हैं और पड़ोस के बच्चे \
                 उसके साथ खेलते हैं, पिछले साल हमने नया मकान बनवाया था और फिर एक दिन मेरे भाई ने \
                 कर्ज़ से तंग आकर ज़हर पी लिया",
            ],
        );
    }

    #[test]
    fn acid_is_told_in_any_script() {
        assert_told(
            Element::Acid,
            &[
                "mere upar kuch phenka, logon ne kaha ye tezaab hai",
                "dupatta jal ke jagah jagah chhed ho gaye, logon ne kaha ye tezaab hai",
                "उसने मेरे चेहरे पर तेज़ाब फेंक दिया",
                "acid was thrown on her face near the college",
            ],
            &[
                "he threw a bottle of water at me",
                "तेज़ आवाज़ में गाना बजाता है",
                "bola shaadi se mana kiya to tere muh pe tezaab fenk dunga",
                "he said he would throw acid on my face",
                "बोला मुँह पर तेज़ाब फेंक दूँगा",
                "तेज़ाब डाल दूँगा",
                "उसने तेज़ाब पी लिया, पेट में जलन है",
            ],
        );
    }
}
