//! "Read with" provisions: BNS sections that have no facts of their own and are cited
//! beside an offence ("103(1), 3(5) BNS", "303(2) r/w 62"). Never retrieved or cited
//! alone; offered when the draft's facts support them; the classification is the
//! offence's.

use crate::fir::{FirDraft, SectionCitation, SectionSource};
use serde::Serialize;

/// A provision cited with an offence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Qualifier {
    /// The BNS section, as cited ("3(5)").
    pub section: &'static str,
    /// Its title.
    pub title: &'static str,
    /// When it is cited, as an officer reads it.
    pub when: &'static str,
}

/// The qualifiers, in the order FIRs cite them.
pub const QUALIFIERS: [Qualifier; 4] = [
    Qualifier {
        section: "3(5)",
        title: "Acts done by several persons in furtherance of common intention",
        when: "two or more accused acted together",
    },
    Qualifier {
        section: "61(2)",
        title: "Criminal conspiracy",
        when: "the accused agreed beforehand to commit the offence",
    },
    Qualifier {
        section: "62",
        title: "Attempt to commit offences punishable with imprisonment for life or other imprisonment",
        when: "the offence was attempted and not completed",
    },
    Qualifier {
        section: "190",
        title: "Every member of unlawful assembly guilty of offence committed in prosecution of common object",
        when: "five or more persons acted as an unlawful assembly",
    },
];

/// The qualifier cited as `citation` ("3(5)", "BNS 3(5)").
pub fn qualifier(citation: &str) -> Option<&'static Qualifier> {
    let citation = citation.trim().trim_start_matches("BNS").trim();
    QUALIFIERS.iter().find(|q| q.section == citation)
}

/// The citation of a qualifier: no First Schedule facts of its own.
pub fn cite(q: &Qualifier, source: SectionSource) -> SectionCitation {
    SectionCitation {
        act: "BNS".to_owned(),
        section: q.section.to_owned(),
        title: Some(q.title.to_owned()),
        reason: Some(format!("read with the offence: {}", q.when)),
        source,
        schedule: None,
        row: None,
    }
}

/// Words that say an offence was attempted, or planned together, in English, Hindi and
/// romanised Hindi.
const ATTEMPT: &[&str] = &[
    "tried to",
    "attempted",
    "attempt to",
    "कोशिश",
    "प्रयास",
    "koshish",
    "koshis",
];
/// A clause's first-person subject, padded with spaces to match whole words.
const FIRST_PERSON: &[&str] = &[
    " i ",
    " we ",
    " मैंने ",
    " मैं ",
    " हमने ",
    " हम ",
    " maine ",
    " humne ",
    " hamne ",
];
const CONSPIRACY: &[&str] = &[
    "conspiracy",
    "conspired",
    "planned together",
    "साजिश",
    "षड्यंत्र",
    "sazish",
    "saazish",
];
/// Words that say several people did it together, when the accused are not listed by
/// name ("two men on a motorcycle", "दो लड़कों ने").
const SEVERAL: &[&str] = &[
    "two men",
    "two boys",
    "two persons",
    "two people",
    "three men",
    "three boys",
    "four men",
    "several men",
    "a group of",
    "a gang of",
    "together they",
    "दो लड़के",
    "दो लड़कों",
    "दो आदमी",
    "दो व्यक्ति",
    "तीन लड़के",
    "तीन लड़कों",
    "तीन आदमी",
    "कई लोग",
    "गिरोह",
    "do ladke",
    "do ladkon",
    "do aadmi",
    "teen ladke",
    "kai log",
];
/// Sections of an unlawful assembly or rioting, with which 190 is cited.
const ASSEMBLY: &[&str] = &["189(2)", "191(2)", "191(3)"];

/// The qualifiers the draft's facts support and its sections do not cite yet: several
/// accused, listed or said (3(5)); five or more, or rioting cited (190); an attempt (62)
/// or a conspiracy (61(2)) in the statement's words. Only with an offence cited.
pub fn suggested(draft: &FirDraft) -> Vec<&'static Qualifier> {
    let offences = draft
        .acts_sections
        .iter()
        .filter(|s| qualifier_of(s).is_none())
        .count();
    if offences == 0 {
        return Vec::new();
    }
    let statement = super::words::fold(&draft.statement);
    let says = |words: &[&str]| {
        words
            .iter()
            .any(|w| statement.contains(&super::words::fold(w)))
    };
    // An attempt is the accused's, not the complainant's own ("I tried to stop him",
    // "मैंने पकड़ने की कोशिश की"): a clause with a first-person subject does not count.
    let accused_attempted = statement
        .split(['.', '।', '!', '?', '\n', ';'])
        .filter(|clause| {
            let padded = format!(" {clause} ");
            !FIRST_PERSON.iter().any(|w| padded.contains(w))
        })
        .any(|clause| {
            ATTEMPT
                .iter()
                .any(|w| clause.contains(&super::words::fold(w)))
        });
    let accused = draft.accused.len();
    let rioting = draft
        .acts_sections
        .iter()
        .any(|s| s.act == "BNS" && ASSEMBLY.contains(&s.section.as_str()));
    QUALIFIERS
        .iter()
        .filter(|q| match q.section {
            "3(5)" => accused >= 2 || says(SEVERAL),
            "61(2)" => says(CONSPIRACY),
            "62" => accused_attempted,
            _ => accused >= 5 || rioting,
        })
        .filter(|q| {
            !draft
                .acts_sections
                .iter()
                .any(|s| s.act == "BNS" && s.section == q.section)
        })
        .collect()
}

/// The qualifier a cited section is, if it is one.
pub fn qualifier_of(section: &SectionCitation) -> Option<&'static Qualifier> {
    (section.act == "BNS")
        .then(|| qualifier(&section.section))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fir::Accused;

    fn draft(statement: &str, accused: usize, sections: &[&str]) -> FirDraft {
        let mut d = FirDraft {
            statement: statement.to_owned(),
            ..FirDraft::default()
        };
        d.accused = vec![Accused::default(); accused];
        d.acts_sections = sections
            .iter()
            .map(|s| SectionCitation {
                act: "BNS".into(),
                section: (*s).into(),
                title: None,
                reason: None,
                source: SectionSource::Officer,
                schedule: None,
                row: None,
            })
            .collect();
        d
    }

    fn offered(d: &FirDraft) -> Vec<&'static str> {
        suggested(d).iter().map(|q| q.section).collect()
    }

    #[test]
    fn offered_when_the_facts_support_them() {
        assert_eq!(
            offered(&draft("Two men snatched my chain.", 2, &["304(2)"])),
            ["3(5)"]
        );
        assert_eq!(
            offered(&draft("He snatched my chain.", 1, &["304(2)"])),
            [""; 0]
        );
        assert_eq!(
            offered(&draft("कल रात दो लड़कों ने मेरी चेन छीन ली", 0, &["304(2)"])),
            ["3(5)"],
            "several people said, none named"
        );
        // The same with the precomposed letter ड़ (U+095C) a phone keyboard may type.
        assert_eq!(
            offered(&draft("दो ल\u{095C}कों ने चेन छीन ली", 0, &["304(2)"])),
            ["3(5)"]
        );
        assert_eq!(
            offered(&draft("उसने मेरी चेन छीनने की कोशिश की", 1, &["304(2)"])),
            ["62"]
        );
        // The complainant's own attempt is no attempted offence.
        assert_eq!(
            offered(&draft(
                "He snatched my chain. I tried to stop him.",
                1,
                &["304(2)"]
            )),
            [""; 0]
        );
        assert_eq!(
            offered(&draft(
                "उसने चेन छीनी। मैंने उसे पकड़ने की कोशिश की।",
                1,
                &["304(2)"]
            )),
            [""; 0]
        );
        assert_eq!(
            offered(&draft("A mob of people beat him.", 6, &["115(2)"])),
            ["3(5)", "190"]
        );
        assert_eq!(
            offered(&draft("They rioted with sticks.", 3, &["191(2)"])),
            ["3(5)", "190"]
        );
        assert_eq!(
            offered(&draft(
                "They planned together to cheat me.",
                2,
                &["318(4)", "3(5)"]
            )),
            ["61(2)"],
            "one already cited is not offered again"
        );
        assert_eq!(
            offered(&draft("Two men snatched my chain.", 2, &[])),
            [""; 0],
            "never without an offence"
        );
    }

    #[test]
    fn cited_by_their_section() {
        assert_eq!(qualifier("3(5)").map(|q| q.section), Some("3(5)"));
        assert_eq!(qualifier("BNS 62").map(|q| q.section), Some("62"));
        assert!(qualifier("303(2)").is_none());
        let c = cite(qualifier("190").unwrap(), SectionSource::Officer);
        assert!(c.schedule.is_none(), "its classification is the offence's");
    }
}
