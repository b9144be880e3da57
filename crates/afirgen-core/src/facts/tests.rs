//! The rules on many phrasings, including ones they must not match, and the pipeline's
//! promise: nothing the statement does not support reaches the facts.

use super::rules::{extract, RuleFacts};
use super::{combine, Extracted};
use crate::config::ModelValues;
use crate::fir::{AccusedFacts, Facts, FieldNote, PersonFacts, PropertyFacts, Source};
use chrono::{NaiveDate, NaiveDateTime};

/// When the tests' statements reach the station: a Tuesday morning (shared by the
/// facts modules' tests).
pub(crate) fn received() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 24)
        .unwrap()
        .and_hms_opt(10, 30, 0)
        .unwrap()
}

fn rules(text: &str) -> RuleFacts {
    extract(text, received())
}

const SAMPLE: &str = "My name is Ramesh Kumar, son of Suresh Kumar, aged 34, a shopkeeper living at 12 Gandhi Nagar. On 20 November 2026 at about 9:15 in the morning I was travelling to work by city bus number 42. When the bus was crowded near the Rajiv Chowk stop, somebody took my Samsung Galaxy mobile phone from my trouser pocket. I noticed it only when I got down. The phone is worth about 18,000 rupees. I did not see who took it. My phone number is 98100 12345.";

#[test]
fn the_sample_complaint_is_read_right() {
    let r = rules(SAMPLE);
    assert_eq!(r.name.as_deref(), Some("Ramesh Kumar"));
    assert_eq!(r.relative_name.as_deref(), Some("Suresh Kumar"));
    assert_eq!(r.age, Some(34));
    assert_eq!(r.occupation.as_deref(), Some("shopkeeper"));
    assert_eq!(r.address.as_deref(), Some("12 Gandhi Nagar"));
    assert_eq!(r.phone.as_deref(), Some("98100 12345"));
    assert_eq!(r.date_from.as_deref(), Some("2026-11-20"));
    assert_eq!(r.time_from.as_deref(), Some("09:15"));
    assert_eq!(r.place.as_deref(), Some("Rajiv Chowk stop"));
    assert_eq!(r.property_total, Some(18_000));
    assert!(r.accused.is_empty() && r.witnesses.is_empty(), "{r:?}");
    assert!(
        r.property
            .iter()
            .any(|p| p.description.contains("Samsung Galaxy") && p.value_inr == Some(18_000)),
        "{:?}",
        r.property
    );
}

#[test]
fn introductions_in_many_forms() {
    struct Want {
        text: &'static str,
        name: &'static str,
        relative: Option<&'static str>,
        age: Option<u32>,
        address: Option<&'static str>,
    }
    for want in [
        Want {
            text: "I, Sunil Verma S/o Ram Prasad Verma, R/o H.No. 45, Shastri Nagar, Meerut, state that my scooter was stolen.",
            name: "Sunil Verma",
            relative: Some("Ram Prasad Verma"),
            age: None,
            address: Some("45, Shastri Nagar"),
        },
        Want {
            text: "I am Kavita Sharma W/o Rajesh Sharma, aged about 29 years, resident of Sector 15, Noida.",
            name: "Kavita Sharma",
            relative: Some("Rajesh Sharma"),
            age: Some(29),
            address: Some("Sector 15"),
        },
        Want {
            text: "मैं राजेश कुमार पुत्र श्री मोहन लाल, उम्र 45 वर्ष, निवासी ग्राम रामपुर, थाना सदर, जिला मेरठ का रहने वाला हूं।",
            name: "राजेश कुमार",
            relative: Some("मोहन लाल"),
            age: Some(45),
            address: Some("ग्राम रामपुर"),
        },
        Want {
            text: "मेरा नाम सुनीता देवी है। मेरे पति का नाम रामकिशन है। मेरी उम्र 38 वर्ष है।",
            name: "सुनीता देवी",
            relative: Some("रामकिशन"),
            age: Some(38),
            address: None,
        },
        Want {
            text: "प्रार्थिनी गीता देवी पत्नी स्व. हरि सिंह निवासी मोहल्ला कटरा, बरेली निवेदन करती है कि",
            name: "गीता देवी",
            relative: Some("हरि सिंह"),
            age: None,
            address: Some("मोहल्ला कटरा"),
        },
        Want {
            text: "Mera naam Rajesh Yadav hai, main Suresh Yadav ka beta hoon, umar 32 saal, Lal Kuan ka rehne wala hoon.",
            name: "Rajesh Yadav",
            relative: Some("Suresh Yadav"),
            age: Some(32),
            address: Some("Lal Kuan"),
        },
        Want {
            text: "Sir, I want to report that my bag was stolen at the bus stand today. Yours faithfully, Anil Mehta, Mob. 9876543210",
            name: "Anil Mehta",
            relative: None,
            age: None,
            address: None,
        },
        Want {
            text: "My name is Priya Singh, daughter of Late R. K. Singh, 24 years old, living at Flat 302, Green Park Apartments.",
            name: "Priya Singh",
            relative: Some("R. K. Singh"),
            age: Some(24),
            address: Some("Flat 302, Green Park Apartments"),
        },
        Want {
            text: "Complainant: P. Lakshmi, D/o P. Narayana, Age 41, Teacher, No. 7, 2nd Cross, Jayanagar. Mob: 9845012345.",
            name: "P. Lakshmi",
            relative: Some("P. Narayana"),
            age: Some(41),
            address: None,
        },
        Want {
            text: "Complaint of Joseph D'Cruz, S/o Francis D'Cruz, aged 58 yrs, R/o 14 Church Street.",
            name: "Joseph D'Cruz",
            relative: Some("Francis D'Cruz"),
            age: Some(58),
            address: Some("14 Church Street"),
        },
        Want {
            text: "Hum Ramavtar Yadav s/o Chhedi Lal, umar 60 saal, gaon Bhitari ke rehne wale hain. Kal raat humari bhains chori ho gayi.",
            name: "Ramavtar Yadav",
            relative: Some("Chhedi Lal"),
            age: Some(60),
            address: None,
        },
        Want {
            text: "Shikayat dene wala: Naveen Tyagi s/o Sh. Omkar Tyagi, 31 saal, Raj Nagar.",
            name: "Naveen Tyagi",
            relative: Some("Omkar Tyagi"),
            age: Some(31),
            address: None,
        },
        Want {
            text: "मैं कमला देवी, गृहिणी, उम्र 52 वर्ष, विधवा स्व. रामलाल, निवासी ग्राम सिरसा की रहने वाली हूँ।",
            name: "कमला देवी",
            relative: Some("रामलाल"),
            age: Some(52),
            address: Some("ग्राम सिरसा"),
        },
        Want {
            text: "बयान श्रीमती नसीम बानो पत्नी शकील अहमद, उम्र 30 वर्ष, निवासी मोहल्ला कटरा।",
            name: "नसीम बानो",
            relative: Some("शकील अहमद"),
            age: Some(30),
            address: Some("मोहल्ला कटरा"),
        },
        Want {
            text: "मेरी दुकान से सामान चोरी हो गया।\nप्रार्थी\nरमेश चंद्र गुप्ता\nपुत्र श्री हरि प्रसाद\nमो. 9414012345",
            name: "रमेश चंद्र गुप्ता",
            relative: Some("हरि प्रसाद"),
            age: None,
            address: None,
        },
    ] {
        let r = rules(want.text);
        assert_eq!(r.name.as_deref(), Some(want.name), "name: {}", want.text);
        assert_eq!(r.relative_name.as_deref(), want.relative, "relative: {}", want.text);
        assert_eq!(r.age, want.age, "age: {}", want.text);
        match want.address {
            Some(address) => assert!(
                r.address.as_deref().is_some_and(|a| a.contains(address)),
                "address {:?}: {}",
                r.address,
                want.text
            ),
            None => assert_eq!(r.address, None, "address: {}", want.text),
        }
    }
}

#[test]
fn no_introduction_no_name() {
    for text in [
        "I am writing to report that my phone was stolen yesterday.",
        "I am a shopkeeper and my shop was broken into last night.",
        "Somebody took my purse in the market.",
        "मैं घर पर था तभी दो लोग आए।",
        "Two boys on a black Pulsar snatched my chain near the temple.",
        "प्रार्थी व उसका परिवार डरा हुआ है। अतः कार्यवाही की जाए।",
        "Hum log mandi gaye the, wahan bheed thi.",
        "Complaint of theft from my shop, registered late.",
    ] {
        let r = rules(text);
        assert_eq!(r.name, None, "{text}: {:?}", r.name);
        assert_eq!(r.relative_name, None, "{text}");
    }
}

#[test]
fn ages_of_other_people_are_not_the_complainants() {
    let r = rules("My name is Harish Chandra. My son Rohit, aged 12 years, has been missing since yesterday evening.");
    assert_eq!(r.name.as_deref(), Some("Harish Chandra"));
    assert_eq!(r.age, None);
}

#[test]
fn the_complainants_phone_not_the_callers() {
    let r = rules("On Monday I got a call from 7023456789. The caller said he was from my bank. My mobile number is 9812345678.");
    assert_eq!(r.phone.as_deref(), Some("9812345678"));
    let r = rules("I received a call from 9123456780 asking for the OTP.");
    assert_eq!(r.phone, None);
    let r = rules("मेरा मोबाइल नंबर +91-98765 43210 है।");
    assert_eq!(r.phone.as_deref(), Some("+91-98765 43210"));
}

#[test]
fn amounts_and_totals() {
    for (text, total) in [
        ("My gold chain worth ₹1.5 lakh was snatched.", Some(150_000)),
        ("उसने मेरे 22 हज़ार रुपये और मोबाइल छीन लिया।", Some(22_000)),
        ("Dedh lakh ka saamaan chori ho gaya.", Some(150_000)),
        (
            "85,000 rupees were debited in three transactions.",
            Some(85_000),
        ),
        ("He slapped me twice in front of everyone.", None),
    ] {
        assert_eq!(rules(text).property_total, total, "{text}");
    }
}

#[test]
fn dates_and_times_of_the_occurrence() {
    let r = rules("I bought the phone on 3 March 2025. It was stolen yesterday at 8:30 pm.");
    assert_eq!(
        r.date_from.as_deref(),
        Some("2026-11-23"),
        "the purchase date is not the occurrence"
    );
    assert_eq!(r.time_from.as_deref(), Some("20:30"));
    let r = rules("kal raat 2 baje chor ghar mein ghus aaye");
    assert_eq!(
        r.date_from.as_deref(),
        Some("2026-11-24"),
        "after midnight: today"
    );
    assert_eq!(r.time_from.as_deref(), Some("02:00"));
    let r = rules("कल रात 11 बजे चोर घुसे");
    assert_eq!(r.date_from.as_deref(), Some("2026-11-23"));
    assert_eq!(r.time_from.as_deref(), Some("23:00"));
}

#[test]
fn what_a_message_said_is_not_what_happened() {
    let r = rules("Kal shaam mere mobile pe SMS aaya ki aaj raat 9:30 baje aapka connection kaat diya jayega. Maine call kiya aur mere account se 49,500 rupaye nikal gaye.");
    assert_eq!(r.time_from, None, "the time is the message's threat");
    let r = rules("दोपहर 12:40 बजे मैसेज आया कि वह अस्पताल में है और उसे पैसों की ज़रूरत है।");
    assert_eq!(
        r.time_from.as_deref(),
        Some("12:40"),
        "the time before कि is the occurrence's"
    );
    assert_eq!(
        r.place, None,
        "the hospital is where the message said he was"
    );
    let r = rules("On 2 November 2026 he told me that he would come at 10 pm. At 11 pm he came near the Shiv Mandir and hit me.");
    assert_eq!(r.time_from.as_deref(), Some("23:00"));
    assert_eq!(r.place.as_deref(), Some("Shiv Mandir"));
}

#[test]
fn places_that_are_not_the_scene() {
    let r = rules("The cheque drawn on Punjab National Bank was presented in my HDFC Bank account and returned unpaid on 14.10.2026.");
    assert_eq!(
        r.place, None,
        "banks named for an account or a cheque: {r:?}"
    );
    let r = rules("I wish to complain against Rahul, my former colleague at Infosys, Chandigarh. Since 14/11/2026 he posts my photos online.");
    assert_eq!(r.place, None, "the complaint's own sentence: {r:?}");
    let r = rules("Mahesh ne mujhe apna plot Sector 37 me bechne ka sauda kiya. 5 August 2026 ko maine usko 8 lakh rupaye diye.");
    assert_eq!(r.place, None, "the plot for sale: {r:?}");
    let r = rules("I am Pradeep Kumar, security guard at Unity One Mall, Rohini. At 7:40 pm today a customer slapped me.");
    assert_eq!(
        r.place.as_deref(),
        Some("Unity One Mall"),
        "where the complainant is at work"
    );
    let r = rules("At 10 pm someone took my wallet near the Kashmere Gate metro station. I am giving this complaint at the GRP help desk.");
    assert_eq!(r.place.as_deref(), Some("Kashmere Gate metro station"));
}

#[test]
fn named_accused_and_witnesses() {
    let r = rules("My name is Mohan Lal. My neighbour Rakesh Yadav hit me with a stick. Ramesh Gupta saw it. I called my brother Sunil.");
    assert_eq!(r.accused, ["Rakesh Yadav"]);
    assert_eq!(r.witnesses, ["Ramesh Gupta"]);
    let r = rules("राजू ने मुझे जान से मारने की धमकी दी। मोहन ने यह सब देखा।");
    assert_eq!(r.accused, ["राजू"]);
    assert_eq!(r.witnesses, ["मोहन"]);
    let r = rules("Somebody took my phone. Nobody saw it.");
    assert!(r.accused.is_empty() && r.witnesses.is_empty(), "{r:?}");
}

fn model_answer() -> Facts {
    Facts {
        complainant: PersonFacts {
            name: Some(
                "Ramesh Kumar, son of Suresh Kumar, aged 34, a shopkeeper living at 12 Gandhi Nag"
                    .into(),
            ),
            relative_name: Some("Ramesh Kumar, son of Suresh Kumar".into()),
            age: Some(34),
            occupation: Some("Salesman".into()),
            address: Some("12345".into()),
            phone: Some("98100 12345".into()),
        },
        accused: vec![
            AccusedFacts {
                name: Some("Ramesh Kumar".into()),
                ..AccusedFacts::default()
            },
            AccusedFacts {
                name: Some("Vikram Singh".into()),
                description: Some("a tall man".into()),
                address: None,
            },
        ],
        witnesses: vec![PersonFacts {
            name: Some("Ramesh Kumar".into()),
            ..PersonFacts::default()
        }],
        property: vec![PropertyFacts {
            description: "Sell of Samsung Galaxy".into(),
            value_inr: Some(1_800_000_000),
        }],
        delay_reason: Some("Slander".into()),
        summary: "Slander".into(),
        ..Facts::default()
    }
}

#[test]
fn the_pipeline_keeps_only_what_the_statement_supports() {
    let mut model = model_answer();
    model.incident.time_from = Some("12:15".into());
    let out: Extracted = combine(SAMPLE, received(), Some(&model), ModelValues::Suggest);
    let f = &out.facts;
    assert_eq!(f.complainant.name.as_deref(), Some("Ramesh Kumar"));
    assert_eq!(f.complainant.relative_name.as_deref(), Some("Suresh Kumar"));
    assert_eq!(f.complainant.address.as_deref(), Some("12 Gandhi Nagar"));
    assert_eq!(f.complainant.occupation.as_deref(), Some("shopkeeper"));
    assert_eq!(f.incident.time_from.as_deref(), Some("09:15"));
    assert!(f.accused.is_empty(), "{:?}", f.accused);
    assert!(f.witnesses.is_empty(), "{:?}", f.witnesses);
    assert_eq!(out.property_total, Some(18_000));
    assert!(f
        .property
        .iter()
        .all(|p| p.value_inr != Some(1_800_000_000)));
    assert_eq!(f.delay_reason, None);
    assert!(
        f.summary.starts_with("My name is Ramesh Kumar"),
        "{}",
        f.summary
    );
    assert_eq!(out.sources.get("complainant.name"), Some(&Source::Rule));
    // The officer sees what the model said and why it was left out; a name that only
    // wraps the rule's ("Ramesh Kumar, son of ...") is no other reading.
    assert!(out.notes.iter().all(|n| n.field != "complainant.name"));
    // What the statement does not hold is never offered for use.
    for note in out.notes.iter().filter(|n| n.message.contains("does not")) {
        assert_eq!(note.alternative, None, "{note:?}");
    }
    for field in ["accused", "witnesses", "summary", "delay_reason"] {
        assert!(
            out.notes.iter().any(|n| n.field == field),
            "a note for {field}: {:?}",
            out.notes
        );
    }
}

#[test]
fn a_person_absent_from_the_statement_never_reaches_the_facts() {
    let text = "Two unknown boys snatched my chain near the temple last evening.";
    let model = Facts {
        accused: vec![AccusedFacts {
            name: Some("Vikram Singh".into()),
            description: Some("two unknown boys".into()),
            address: None,
        }],
        witnesses: vec![PersonFacts {
            name: Some("Anita Sharma".into()),
            ..PersonFacts::default()
        }],
        complainant: PersonFacts {
            name: Some("Pooja".into()),
            ..PersonFacts::default()
        },
        ..Facts::default()
    };
    let out = combine(text, received(), Some(&model), ModelValues::Suggest);
    let names: Vec<Option<&str>> = out
        .facts
        .accused
        .iter()
        .map(|a| a.name.as_deref())
        .collect();
    assert!(!names.contains(&Some("Vikram Singh")), "{names:?}");
    assert!(out.facts.witnesses.is_empty());
    assert_eq!(out.facts.complainant.name, None);
    let json = serde_json::to_string(&out.facts).unwrap();
    for invented in ["Vikram", "Anita", "Pooja"] {
        assert!(
            !json.contains(invented),
            "{invented} reached the facts: {json}"
        );
    }
}

const DEEPAK: &str = "Yesterday evening my purse was stolen. Deepak, the shopkeeper's helper, had been watching me; he ran away.";

fn deepak_answer() -> Facts {
    Facts {
        accused: vec![AccusedFacts {
            name: Some("Deepak".into()),
            ..AccusedFacts::default()
        }],
        ..Facts::default()
    }
}

#[test]
fn a_grounded_model_value_fills_what_the_rules_miss_when_the_station_says_so() {
    let out = combine(
        DEEPAK,
        received(),
        Some(&deepak_answer()),
        ModelValues::Fill,
    );
    assert_eq!(out.facts.accused.len(), 1);
    assert_eq!(out.sources.get("accused"), Some(&Source::Model));
    assert!(
        out.notes.iter().all(|n| !n.message.contains("suggests")),
        "{:?}",
        out.notes
    );
}

#[test]
fn by_default_a_grounded_model_value_is_only_offered() {
    let out = combine(
        DEEPAK,
        received(),
        Some(&deepak_answer()),
        ModelValues::Suggest,
    );
    assert!(out.facts.accused.is_empty(), "{:?}", out.facts.accused);
    assert!(
        out.sources.values().all(|s| *s != Source::Model),
        "{:?}",
        out.sources
    );
    assert!(
        out.notes
            .iter()
            .any(|n| n.field == "accused" && n.alternative.as_deref() == Some("Deepak")),
        "Deepak offered: {:?}",
        out.notes
    );
}

#[test]
fn a_model_reading_that_wraps_the_rules_value_is_none_and_one_not_in_the_statement_is_not_offered()
{
    let mut model = Facts::default();
    model.complainant.name = Some("Ramesh Kumar, son of Suresh Kumar".into());
    model.complainant.relative_name = Some("Vijay Kumar".into());
    model.complainant.occupation = Some("not mentioned".into());
    let out = combine(SAMPLE, received(), Some(&model), ModelValues::Suggest);
    assert_eq!(out.facts.complainant.name.as_deref(), Some("Ramesh Kumar"));
    for field in ["complainant.name", "complainant.occupation"] {
        assert!(
            out.notes.iter().all(|n| n.field != field),
            "no note for {field}: {:?}",
            out.notes
        );
    }
    // A name the statement does not hold is shown, not offered as another reading.
    let relative = out
        .notes
        .iter()
        .find(|n| n.field == "complainant.relative_name")
        .expect("the disagreement is shown");
    assert!(relative.message.contains("Vijay Kumar"), "{relative:?}");
    assert_eq!(relative.alternative, None);
}

#[test]
fn old_stored_facts_still_read() {
    let facts = serde_json::to_value(Facts {
        summary: "s".into(),
        ..Facts::default()
    })
    .unwrap();
    let read = Extracted::from_stored(facts).unwrap();
    assert_eq!(read.facts.summary, "s");
    let new =
        serde_json::to_value(combine(SAMPLE, received(), None, ModelValues::Suggest)).unwrap();
    assert!(Extracted::from_stored(new).is_ok());
}

#[test]
fn a_summed_total_an_old_check_removed_is_read_back() {
    let stored = |alternative: &str| {
        let old = Extracted {
            facts: Facts {
                property: vec![
                    PropertyFacts {
                        description: "purse".into(),
                        value_inr: Some(200),
                    },
                    PropertyFacts {
                        description: "cash".into(),
                        value_inr: Some(1_850),
                    },
                ],
                ..Facts::default()
            },
            property_total: None,
            notes: vec![FieldNote {
                field: "total_property_value_inr".into(),
                message: "Rs 2050 is more than any amount the statement gives".into(),
                alternative: Some(alternative.into()),
            }],
            ..Extracted::default()
        };
        Extracted::from_stored(serde_json::to_value(old).unwrap()).unwrap()
    };
    assert_eq!(stored("2050").property_total, Some(2_050));
    assert_eq!(stored("2050").deciding_value(), Some(2_050));
    // A total removed that was not the items' sum stays removed.
    assert_eq!(stored("20500").property_total, None);
}

/// The items' values as the rules pair them: (a word of the description, value).
fn valued(text: &str) -> Vec<(String, Option<u64>)> {
    rules(text)
        .property
        .into_iter()
        .map(|p| (p.description, p.value_inr))
        .collect()
}

#[test]
fn each_item_takes_the_value_said_nearest_it() {
    // The purse is named first, but 1,700 is the cash's and 1,500 the anklet's.
    let items = valued(
        "Purse mein 1,700 rupaye cash the, ek chandi ki chhoti payal jo repair karwani thi, \
         kareeb 1,500 ki, aur mera Aadhaar card tha.",
    );
    let value = |word: &str| {
        items
            .iter()
            .find(|(d, _)| d.to_lowercase().contains(word))
            .and_then(|(_, v)| *v)
    };
    assert_eq!(value("cash"), Some(1_700), "{items:?}");
    assert_eq!(value("payal"), Some(1_500), "{items:?}");
    // A card takes no value: what is said beside it is another item's.
    assert_eq!(value("card"), None, "{items:?}");
    assert_eq!(value("purse"), None, "{items:?}");
    // The purse's own value, said in a later sentence, joins it.
    let items = valued(
        "Kisi ne jhole se mera chhota purse nikaal liya, usme 1,850 rs cash aur mera \
         Aadhaar card tha. Purse khud 200 rupaye ka hoga.",
    );
    assert!(
        items.contains(&("purse".to_owned(), Some(200))),
        "{items:?}"
    );
    assert!(
        items
            .iter()
            .any(|(d, v)| d.contains("cash") && *v == Some(1_850)),
        "{items:?}"
    );
}

#[test]
fn a_value_said_apart_is_the_one_item_left_without_one() {
    // The price it was bought for is not its value now; the value in a clause of its
    // own is the motor's, the one item without one.
    let text = "मेरे खेत में एक पुरानी पानी की मोटर लगी थी, जो मैंने तीन साल पहले 7,500 रुपये में \
                ली थी। आज के हिसाब से उसकी कीमत मुश्किल से 4,000 रुपये होगी। सुबह मोटर गायब थी।";
    let items = valued(text);
    assert!(
        items
            .iter()
            .any(|(d, v)| d.contains("मोटर") && *v == Some(4_000)),
        "{items:?}"
    );
    assert_eq!(rules(text).property_total, Some(4_000));
    // Two items left without one: the value is neither's.
    let items = valued(
        "My phone and my watch were taken from the table. Together they were worth 9,000 \
         rupees.",
    );
    assert!(items.iter().all(|(_, v)| v.is_none()), "{items:?}");
    // Money itself taken, or an amount in a sentence that names another item, is no
    // item's worth.
    for text in [
        "TV chori hua. Almari se 10,000 rupaye bhi gaye.",
        "Cash 5,000 aur 2,000 rupaye khulle the. Phone bhi gaya.",
    ] {
        let items = valued(text);
        assert!(
            items
                .iter()
                .all(|(d, v)| !(d.contains("TV") || d.contains("Phone")) || v.is_none()),
            "{text}: {items:?}"
        );
    }
}

#[test]
fn papers_and_cards_have_no_value_to_know() {
    for document in [
        "Aadhaar card",
        "mera PAN card",
        "आधार कार्ड",
        "documents",
        "passport",
    ] {
        assert!(super::is_document(document), "{document}");
    }
    for valuable in [
        "Aadhaar card wala purse",
        "certificates and gold coins",
        "licence wali pistol",
        "Samsung phone",
        "payal",
        "cash",
    ] {
        assert!(!super::is_document(valuable), "{valuable}");
    }
}

#[test]
fn a_bags_zip_is_no_item_and_a_chain_taken_is() {
    for text in [
        "Match ke beech mein dekha to bag ki chain khuli thi aur mobile gayab, 3,200 ka tha.",
        "भीड़ में देखा तो मेरे बैग की चेन खुली थी और 3,200 रुपये का मोबाइल गायब था।",
    ] {
        let items = valued(text);
        assert!(
            items
                .iter()
                .all(|(d, _)| !d.contains("chain") && !d.contains("चेन")),
            "{items:?}"
        );
        assert!(items.iter().any(|(_, v)| *v == Some(3_200)), "{items:?}");
    }
    let items = valued("Two boys pulled the gold chain off my neck, worth 60,000.");
    assert!(items.iter().any(|(d, _)| d.contains("chain")), "{items:?}");
}

#[test]
fn things_said_to_be_left_untouched_are_not_the_property() {
    let has = |items: &[(String, Option<u64>)], word: &str| {
        items.iter().any(|(d, _)| d.to_lowercase().contains(word))
    };
    let items = valued(
        "Mera phone gayab tha, 3,200 ka tha. Baaki cheezein, wallet, chabi sab wahi pe \
         tha, sirf phone nahi tha.",
    );
    assert!(has(&items, "phone") && !has(&items, "wallet"), "{items:?}");
    let items = valued("My bag was still there but the laptop inside, worth 40,000, was gone.");
    assert!(has(&items, "laptop") && !has(&items, "bag"), "{items:?}");
    for taken in [
        // Taken before it was said the rest were left.
        "The laptop, worth 40,000, was gone but my bag was still there.",
        // A thing left somewhere and taken from there.
        "Mera laptop wahi table pe rakha tha, wapas aaya to gayab tha.",
        // "sab wahi" of people, not things.
        "Laptop chheenne wale sab wahi ladke the jo roz chhedte hain.",
        "मेरा लैपटॉप छीनकर भागे, बाकी लड़के सब वहीं खड़े रहे।",
        "They took the laptop and my chain; luckily the children were safe.",
    ] {
        let items = valued(taken);
        assert!(
            has(&items, "laptop") || has(&items, "लैपटॉप"),
            "{taken}: {items:?}"
        );
    }
}
