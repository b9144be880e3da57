//! Citations as officers type them — "303(2)", "303(2) BNS", "BNS 303(2)", "u/s 138 NI
//! Act", "IT Act 66d", "धारा 303(2)" — read as an Act and a section, so the Review
//! screen's search and a typed list of sections find the entry by its number, not by
//! BM25 over the words "Act" and "NI".

/// Short and long names of the Acts the catalogue cites, each as the [`act_key`] of
/// what an officer types, with the catalogue's name. An Act typed as the catalogue
/// names it ("IT Act", "SC/ST Act", "sc st act") needs no entry here.
const ACT_NAMES: &[(&str, &str)] = &[
    ("bharatiyanyayasanhita", "BNS"),
    ("ni", "Negotiable Instruments Act"),
    ("informationtechnology", "IT Act"),
    ("motorvehicles", "MV Act"),
    ("mv", "MV Act"),
    ("pocso", "POCSO Act"),
    ("protectionofchildrenfromsexualoffences", "POCSO Act"),
    ("ndps", "NDPS Act"),
    ("narcoticdrugsandpsychotropicsubstances", "NDPS Act"),
    ("dv", "Domestic Violence Act"),
    ("pwdv", "Domestic Violence Act"),
    (
        "protectionofwomenfromdomesticviolence",
        "Domestic Violence Act",
    ),
    ("dp", "Dowry Prohibition Act"),
    ("atrocities", "SC/ST Act"),
    ("scstpoa", "SC/ST Act"),
    (
        "scheduledcastesandscheduledtribespreventionofatrocities",
        "SC/ST Act",
    ),
    ("pcm", "Child Marriage Act"),
    ("prohibitionofchildmarriage", "Child Marriage Act"),
    ("pita", "ITP Act"),
    ("immoraltrafficprevention", "ITP Act"),
    ("juvenilejustice", "JJ Act"),
    ("juvenilejusticecareandprotectionofchildren", "JJ Act"),
    ("pdpp", "Public Property Act"),
    ("preventionofdamagetopublicproperty", "Public Property Act"),
];

/// Words before or after a section that only say "section": "u/s 138", "Sec. 303(2)",
/// "धारा 303(2)".
const SECTION_WORDS: &[&str] = &["u/s", "us", "sec", "sec.", "section", "s.", "धारा", "under"];

/// An Act's name reduced to letters and digits in lower case, without a trailing
/// "act" or a leading "the": "SC/ST Act" and "sc st act" are both "scst".
pub(super) fn act_key(name: &str) -> String {
    let key: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let key = key.strip_prefix("the").unwrap_or(&key);
    key.strip_suffix("act").unwrap_or(key).to_owned()
}

/// The catalogue's name for an Act typed as `name` ("NI Act" -> "Negotiable
/// Instruments Act"), among `acts` (the catalogue's names); None when it names none.
pub(super) fn act_named<'a>(
    name: &str,
    acts: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let key = act_key(name);
    if key.is_empty() {
        return None;
    }
    let acts: Vec<&str> = acts.into_iter().collect();
    acts.iter()
        .copied()
        .find(|act| act_key(act) == key)
        .or_else(|| {
            let (_, full) = ACT_NAMES.iter().find(|(short, _)| *short == key)?;
            acts.iter().copied().find(|act| act == full)
        })
}

/// Whether `name` is the Indian Penal Code ("IPC", "I.P.C.", "Indian Penal Code"),
/// which the Sanhita replaced: its numbers are looked up in the entries' `ipc`, never
/// read as the Sanhita's ("IPC 302" is murder, BNS 302 is not).
pub(super) fn is_penal_code(name: &str) -> bool {
    matches!(act_key(name).as_str(), "ipc" | "indianpenalcode")
}

/// The catalogue's name for a short one ("NI Act" -> "Negotiable Instruments Act"), or
/// the name as given.
pub fn full_act_name(name: &str) -> &str {
    let key = act_key(name);
    ACT_NAMES
        .iter()
        .find(|(short, _)| *short == key)
        .map_or(name, |(_, full)| full)
}

/// Reads `text` as one citation: a single section number ("303(2)", "66D", "25(1-B)(a)";
/// a space before a bracket allowed) with an Act's name before or after it, and words
/// that only say "section". None when it is anything else (a sentence, two numbers).
pub(super) fn parse(text: &str) -> Option<(Option<String>, String)> {
    // "303 (2)" -> "303(2)".
    let joined = text.trim().replace(" (", "(");
    let mut section = None;
    let mut act = Vec::new();
    for word in joined.split_whitespace() {
        let lower = word.to_lowercase();
        if SECTION_WORDS.contains(&lower.as_str()) {
            continue;
        }
        if is_section(word) {
            if section.replace(word.trim_end_matches([',', '.'])).is_some() {
                return None;
            }
        } else {
            act.push(word);
        }
    }
    let section = section?;
    let act = (!act.is_empty()).then(|| act.join(" "));
    Some((act, section.to_owned()))
}

/// A section number: a digit first, then digits, letters, brackets and hyphens.
fn is_section(word: &str) -> bool {
    let word = word.trim_end_matches([',', '.']);
    word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '(' | ')' | '-'))
}

/// Whether the catalogue's `section` is what `typed` names: the same label, whatever
/// the case ("66d" = "66D"), or a sub-section of a bare number ("303" names "303(2)").
pub(super) fn names(typed: &str, section: &str) -> bool {
    section.eq_ignore_ascii_case(typed)
        || (!typed.contains('(')
            && section
                .get(..typed.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(typed))
            && section[typed.len()..].starts_with('('))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_read_as_officers_type_them() {
        let p = |t: &str| parse(t);
        assert_eq!(p("303(2)"), Some((None, "303(2)".into())));
        assert_eq!(
            p("303 (2) BNS"),
            Some((Some("BNS".into()), "303(2)".into()))
        );
        assert_eq!(
            p("u/s 138 NI Act"),
            Some((Some("NI Act".into()), "138".into()))
        );
        assert_eq!(p("धारा 303(2)"), Some((None, "303(2)".into())));
        assert_eq!(
            p("Arms Act 25(1-B)(a)"),
            Some((Some("Arms Act".into()), "25(1-B)(a)".into()))
        );
        assert_eq!(p("someone stole my phone"), None);
        assert_eq!(p("303 304"), None, "two numbers are not one citation");
        assert_eq!(
            p("phone worth 5000"),
            Some((Some("phone worth".into()), "5000".into()))
        );
    }

    #[test]
    fn acts_are_known_by_short_and_long_names() {
        let acts = ["BNS", "IT Act", "SC/ST Act", "Negotiable Instruments Act"];
        assert_eq!(
            act_named("NI Act", acts),
            Some("Negotiable Instruments Act")
        );
        assert_eq!(act_named("ni", acts), Some("Negotiable Instruments Act"));
        assert_eq!(act_named("sc st act", acts), Some("SC/ST Act"));
        assert_eq!(
            act_named("Information Technology Act", acts),
            Some("IT Act")
        );
        assert_eq!(act_named("the IT Act", acts), Some("IT Act"));
        assert_eq!(act_named("phone worth", acts), None);
        assert_eq!(full_act_name("NI Act"), "Negotiable Instruments Act");
        assert_eq!(full_act_name("IT Act"), "IT Act");
        assert!(is_penal_code("I.P.C.") && is_penal_code("Indian Penal Code"));
        assert!(!is_penal_code("BNS"));
    }

    #[test]
    fn a_bare_number_names_its_sub_sections() {
        assert!(names("303", "303(2)"));
        assert!(names("66d", "66D"));
        assert!(names("303(2)", "303(2)"));
        assert!(!names("30", "303(2)"));
        assert!(!names("303(1)", "303(2)"));
    }
}
