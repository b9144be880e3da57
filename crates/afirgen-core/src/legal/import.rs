//! Reading a catalogue: entries checked one by one, and a station's own entries
//! imported from CSV or JSON Lines, all or nothing.

use super::{CatalogueError, Element, Entry, COURTS};

/// The longest example: a situation in a sentence or two, which the embedding model
/// reads whole (it reads 512 tokens at most).
const MAX_EXAMPLE_CHARS: usize = 400;

/// Checks one entry; the message says what is wrong.
pub fn validate(entry: &Entry) -> Result<(), String> {
    let required = [
        ("act", &entry.act),
        ("section", &entry.section),
        ("title", &entry.title),
        ("punishment", &entry.punishment),
        ("triable_by", &entry.triable_by),
        ("description", &entry.description),
    ];
    if entry.told_by.is_empty() && !entry.unless_told.is_empty() {
        return Err("unless_told is given without told_by, which it qualifies".to_owned());
    }
    if let Some(both) = entry.told_by.iter().find(|e| entry.unless_told.contains(e)) {
        return Err(format!(
            "{} is in both told_by and unless_told, so nothing could tell the entry",
            both.name()
        ));
    }
    for (field, value) in required {
        if value.trim().is_empty() {
            return Err(format!("{field} is empty"));
        }
    }
    let main = entry.section.split('(').next().unwrap_or("");
    if !main.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!(
            "section {:?} does not start with a number",
            entry.section
        ));
    }
    if entry.section.matches('(').count() != entry.section.matches(')').count() {
        return Err(format!(
            "section {:?} has unbalanced brackets",
            entry.section
        ));
    }
    if let Some(old) = entry.ipc.iter().find(|s| {
        !s.starts_with(|c: char| c.is_ascii_digit())
            || !s
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '(' | ')'))
    }) {
        return Err(format!(
            "ipc {old:?} is not a section number (\"379\", \"498A\")"
        ));
    }
    if !entry.ipc.is_empty() && entry.act != "BNS" {
        return Err(format!(
            "ipc is for the Sanhita's entries, not {}'s",
            entry.act
        ));
    }
    if !COURTS.contains(&entry.triable_by.as_str()) {
        return Err(format!(
            "triable_by {:?} is not one of: {}",
            entry.triable_by,
            COURTS.join(", ")
        ));
    }
    if entry.keywords.iter().all(|k| k.trim().is_empty()) {
        return Err("keywords are empty".to_owned());
    }
    if let Some(long) = entry
        .examples
        .iter()
        .find(|e| e.trim().is_empty() || e.chars().count() > MAX_EXAMPLE_CHARS)
    {
        return Err(format!(
            "an example must be 1 to {MAX_EXAMPLE_CHARS} characters, not {}",
            long.chars().count()
        ));
    }
    for row in &entry.conditions {
        if row.when.trim().is_empty() || row.punishment.trim().is_empty() {
            return Err("a condition's when and punishment must be given".to_owned());
        }
        if !COURTS.contains(&row.triable_by.as_str()) {
            return Err(format!(
                "condition {:?}: triable_by {:?} is not one of: {}",
                row.when,
                row.triable_by,
                COURTS.join(", ")
            ));
        }
    }
    Ok(())
}

/// Parses a CSV file with a header row naming the fields; `keywords` are separated by
/// `;` or `|`, `examples` (optional) by `|` only. All or nothing.
pub fn parse_csv(text: &str) -> Result<Vec<Entry>, Vec<CatalogueError>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(err) => {
            return Err(vec![CatalogueError::Invalid {
                line: 1,
                message: err.to_string(),
            }])
        }
    };
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                errors.push(CatalogueError::Invalid {
                    line,
                    message: err.to_string(),
                });
                continue;
            }
        };
        let field = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|i| record.get(i))
                .unwrap_or("")
        };
        // A column of several values, parted by any of `parts`.
        let list = |name: &str, parts: &[char]| -> Vec<String> {
            field(name)
                .split(parts)
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_owned)
                .collect()
        };
        // A column of element names.
        let elements = |name: &str| -> Result<Vec<Element>, String> {
            list(name, &[';', '|'])
                .iter()
                .map(|e| e.parse().map_err(|m: String| format!("{name} {m}")))
                .collect()
        };
        let flag = |name: &str| match field(name).to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Ok(true),
            "false" | "no" | "0" => Ok(false),
            other => Err(format!("{name} must be true or false, not {other:?}")),
        };
        let entry = flag("cognizable").and_then(|cognizable| {
            Ok(Entry {
                act: field("act").to_owned(),
                section: field("section").to_owned(),
                title: field("title").to_owned(),
                punishment: field("punishment").to_owned(),
                cognizable,
                bailable: flag("bailable")?,
                triable_by: field("triable_by").to_owned(),
                description: field("description").to_owned(),
                keywords: list("keywords", &[';', '|']),
                // Examples hold commas and semicolons; only '|' parts them.
                examples: list("examples", &['|']),
                source: Some(field("source"))
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
                // A conditional row needs its own columns; a station adds those in the
                // JSON Lines form.
                conditions: Vec::new(),
                ipc: list("ipc", &[';', '|']),
                requires: elements("requires")?,
                told_by: elements("told_by")?,
                unless_told: elements("unless_told")?,
            })
        });
        match entry.and_then(|e| validate(&e).map(|()| e)) {
            Ok(entry) => entries.push(entry),
            Err(message) => errors.push(CatalogueError::Invalid { line, message }),
        }
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// Parses JSON Lines into entries, all or nothing.
pub fn parse_jsonl(text: &str) -> Result<Vec<Entry>, Vec<CatalogueError>> {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Entry>(line) {
            Ok(entry) => match validate(&entry) {
                Ok(()) => entries.push(entry),
                Err(message) => errors.push(CatalogueError::Invalid {
                    line: i + 1,
                    message,
                }),
            },
            Err(err) => errors.push(CatalogueError::Invalid {
                line: i + 1,
                message: err.to_string(),
            }),
        }
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legal::Told;

    #[test]
    fn a_station_entry_may_require_an_element() {
        let csv = "act,section,title,punishment,cognizable,bailable,triable_by,description,keywords,requires\n\
                   Gambling Act,4,Gaming with force,Fine,true,true,Any Magistrate,A gambling den,juaa,force\n";
        let entries = parse_csv(csv).unwrap();
        assert_eq!(entries[0].requires, [Element::Force]);
        assert_eq!(entries[0].untold("they play cards"), Some(Element::Force));
        assert_eq!(entries[0].untold("they beat me and play cards"), None);
        let errors = parse_csv(&csv.replace(",force\n", ",violence\n")).unwrap_err();
        assert!(
            errors[0].to_string().contains("violence") && errors[0].to_string().contains("force"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_station_entry_may_be_told_by_elements() {
        let csv = "act,section,title,punishment,cognizable,bailable,triable_by,description,keywords,told_by,unless_told\n\
                   Local Act,7,Threat by a moneylender,Fine,false,true,Any Magistrate,A moneylender's threat,sood,threat,weapon\n";
        let entry = &parse_csv(csv).unwrap()[0];
        assert_eq!(entry.told_by, [Element::Threat]);
        assert_eq!(entry.unless_told, [Element::Weapon]);
        assert!(entry.told_in(&Told::new("he said pay by Monday or else")));
        assert!(!entry.told_in(&Told::new(
            "he said pay by Monday or else, and showed a knife"
        )));
        assert!(!entry.told_in(&Told::new("he asked for the money")));
        let errors = parse_csv(&csv.replace(",weapon\n", ",threat\n")).unwrap_err();
        assert!(errors[0].to_string().contains("both"), "{errors:?}");
        let errors = parse_csv(&csv.replace(",threat,", ",menace,")).unwrap_err();
        assert!(
            errors[0].to_string().contains("menace") && errors[0].to_string().contains("threat"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_csv_row_parts_its_examples_by_bars_only() {
        let csv = "act,section,title,punishment,cognizable,bailable,triable_by,description,keywords,examples\n\
                   Gambling Act,3,Gaming house,Fine,true,true,Any Magistrate,A gambling den,juaa;जुआ,\"they play cards for money, every night; loudly | रोज़ रात जुआ होता है\"\n";
        let entries = parse_csv(csv).unwrap();
        assert_eq!(
            entries[0].examples,
            vec![
                "they play cards for money, every night; loudly".to_owned(),
                "रोज़ रात जुआ होता है".to_owned()
            ]
        );
        // Without the column, none; an example past the limit is refused.
        let plain = csv.replace(",examples", "").replace(
            ",\"they play cards for money, every night; loudly | रोज़ रात जुआ होता है\"",
            "",
        );
        assert!(parse_csv(&plain).unwrap()[0].examples.is_empty());
        let mut entry = entries[0].clone();
        entry.examples = vec!["x".repeat(MAX_EXAMPLE_CHARS + 1)];
        assert!(validate(&entry).unwrap_err().contains("example"));
        entry.examples = vec![" ".to_owned()];
        assert!(validate(&entry).is_err());
    }
}
