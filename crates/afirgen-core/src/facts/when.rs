//! Dates and times of day as complaints state them: "20 November 2026", "20/11/2026",
//! "२० नवम्बर", "yesterday", "परसों", "kal raat", "last Saturday", "3 days ago", "the
//! 3rd of this month"; "9:15 in the morning", "7 pm", "रात करीब 2 बजे", "साढ़े सात बजे
//! शाम", "saade das baje raat", "half past seven in the evening". Relative dates are
//! resolved against the day the information was received.

use super::numbers;
use super::text::{Kind, Token};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use std::ops::Range;

/// A date found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// The day.
    pub date: NaiveDate,
    /// Tokens it spans.
    pub tokens: Range<usize>,
    /// Written as a calendar date (not relative to the day of receipt).
    pub absolute: bool,
    /// "last night", "kal raat": the night before; a time after midnight moves it on a day.
    pub last_night: bool,
}

/// A time of day found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    /// The time.
    pub time: NaiveTime,
    /// Tokens it spans.
    pub tokens: Range<usize>,
    /// Tokens of the time as the complainant put it, with a part-of-day word close by
    /// ("9:15 in the morning", "शाम लगभग सात बजे"): the form's "time period".
    pub described: Range<usize>,
    /// Whether a word fixed the half of the day (am/pm, morning, रात...).
    pub period_known: bool,
}

const MONTHS: [(&[&str], u32); 12] = [
    (&["january", "jan", "जनवरी"], 1),
    (&["february", "feb", "फरवरी"], 2),
    (&["march", "mar", "मार्च"], 3),
    (&["april", "apr", "अप्रैल", "अप्रेल"], 4),
    (&["may", "मई"], 5),
    (&["june", "jun", "जून"], 6),
    (&["july", "jul", "जुलाई"], 7),
    (&["august", "aug", "अगस्त"], 8),
    (&["september", "sept", "sep", "सितंबर", "सितम्बर"], 9),
    (&["october", "oct", "अक्टूबर", "अक्तूबर"], 10),
    (&["november", "nov", "नवंबर", "नवम्बर"], 11),
    (&["december", "dec", "दिसंबर", "दिसम्बर"], 12),
];

const WEEKDAYS: [(&[&str], Weekday); 7] = [
    (&["monday", "somvar", "somwar", "सोमवार"], Weekday::Mon),
    (
        &["tuesday", "mangalvar", "mangalwar", "मंगलवार"],
        Weekday::Tue,
    ),
    (&["wednesday", "budhvar", "budhwar", "बुधवार"], Weekday::Wed),
    (
        &[
            "thursday",
            "guruvar",
            "guruwar",
            "brihaspativar",
            "गुरुवार",
            "बृहस्पतिवार",
            "वीरवार",
        ],
        Weekday::Thu,
    ),
    (
        &["friday", "shukravar", "shukrawar", "शुक्रवार"],
        Weekday::Fri,
    ),
    (
        &["saturday", "shanivar", "shaniwar", "शनिवार"],
        Weekday::Sat,
    ),
    (
        &[
            "sunday",
            "ravivar",
            "raviwar",
            "itvaar",
            "itwar",
            "रविवार",
            "इतवार",
        ],
        Weekday::Sun,
    ),
];

/// Whether `word` names a month or a day of the week.
pub fn names_a_day(word: &str) -> bool {
    month(word).is_some() || weekday(word).is_some()
}

fn month(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .find(|(names, _)| names.contains(&word))
        .map(|(_, m)| *m)
}

fn weekday(word: &str) -> Option<Weekday> {
    WEEKDAYS
        .iter()
        .find(|(names, _)| names.contains(&word))
        .map(|(_, d)| *d)
}

/// "20", "20th", "3rd": a day of the month at `at`; returns the day and the next index.
fn day_at(tokens: &[Token], at: usize) -> Option<(u32, usize)> {
    let t = tokens.get(at).filter(|t| t.kind == Kind::Number)?;
    let day: u32 = t.text.parse().ok().filter(|d| (1..=31).contains(d))?;
    let next = match tokens.get(at + 1) {
        Some(s) if s.is(&["st", "nd", "rd", "th"]) && s.span.start == t.span.end => at + 2,
        _ => at + 1,
    };
    Some((day, next))
}

fn year_at(tokens: &[Token], at: usize) -> Option<i32> {
    let t = tokens.get(at).filter(|t| t.kind == Kind::Number)?;
    let year: i32 = t.text.parse().ok()?;
    match t.text.len() {
        4 if (1950..=2100).contains(&year) => Some(year),
        2 => Some(2000 + year),
        _ => None,
    }
}

/// The last `day/month` on or before `received` when no year is given.
fn infer_year(day: u32, month: u32, received: NaiveDate) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(received.year(), month, day)?;
    if this <= received {
        Some(this)
    } else {
        NaiveDate::from_ymd_opt(received.year() - 1, month, day)
    }
}

/// Every date the text states, in order.
pub fn dates(tokens: &[Token], received: NaiveDateTime) -> Vec<DateMention> {
    let today = received.date();
    let mut out: Vec<DateMention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((mention, next)) =
            absolute_at(tokens, i, today).or_else(|| relative_at(tokens, i, today))
        {
            out.push(mention);
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

fn absolute_at(tokens: &[Token], at: usize, today: NaiveDate) -> Option<(DateMention, usize)> {
    let mention = |date: NaiveDate, end: usize| {
        Some((
            DateMention {
                date,
                tokens: at..end,
                absolute: true,
                last_night: false,
            },
            end,
        ))
    };
    let t = tokens.get(at)?;
    // 20/11/2026, 20-11-26, 20.11.2026 (day first, as in India); the tokenizer keeps
    // "20.11.2026" as one number token.
    if t.kind == Kind::Number && t.text.contains('.') {
        let parts: Vec<&str> = t.text.split('.').collect();
        if parts.len() == 3 {
            if let Some(date) = dmy(parts[0], parts[1], parts[2]) {
                return mention(date, at + 1);
            }
        }
    }
    if t.kind == Kind::Number {
        // D sep M sep Y with "/" or "-".
        let sep = tokens.get(at + 1).map(|s| s.text.as_str());
        if matches!(sep, Some("/" | "-" | "."))
            && tokens.get(at + 3).map(|s| s.text.as_str()) == sep
        {
            if let (Some(m), Some(y)) = (tokens.get(at + 2), tokens.get(at + 4)) {
                if m.kind == Kind::Number && y.kind == Kind::Number {
                    if t.text.len() == 4 {
                        // 2026-11-20
                        if let Some(date) = dmy(&y.text, &m.text, &t.text) {
                            return mention(date, at + 5);
                        }
                    } else if let Some(date) = dmy(&t.text, &m.text, &y.text) {
                        return mention(date, at + 5);
                    }
                }
            }
        }
        // 20 November 2026, 20th of Nov, २० नवम्बर
        if let Some((day, mut next)) = day_at(tokens, at) {
            if tokens.get(next).is_some_and(|s| s.is(&["of"])) {
                next += 1;
            }
            if let Some(m) = tokens.get(next).and_then(|s| month(&s.text)) {
                if let Some((date, end)) = with_year(tokens, next + 1, day, m, today) {
                    return mention(date, end);
                }
            }
            // "12 tarikh", "12 तारीख": this month (or last, if the day is still to come).
            if tokens
                .get(next)
                .is_some_and(|s| s.is(&["tarikh", "tareekh", "तारीख", "तारिख", "ta"]))
            {
                if let Some(date) = day_of_recent_month(day, today) {
                    return mention(date, next + 1);
                }
            }
            // "the 3rd of this month", "is mahine ki 3 tarikh" is read above
            if tokens.get(next).is_some_and(|s| s.is(&["this"]))
                && tokens.get(next + 1).is_some_and(|s| s.is(&["month"]))
            {
                if let Some(date) = day_of_recent_month(day, today) {
                    return mention(date, next + 2);
                }
            }
        }
    }
    // November 20, 2026
    if let Some(m) = month(&t.text).filter(|_| t.kind == Kind::Word) {
        if let Some((day, next)) = day_at(tokens, at + 1) {
            if let Some((date, end)) = with_year(tokens, next, day, m, today) {
                return mention(date, end);
            }
        }
    }
    None
}

/// The date of `day` `month` with the year written at `at` (after an optional comma), or
/// the last such day on or before `today`; and where the date's words end.
fn with_year(
    tokens: &[Token],
    at: usize,
    day: u32,
    month: u32,
    today: NaiveDate,
) -> Option<(NaiveDate, usize)> {
    let at = if tokens.get(at).is_some_and(|s| s.text == ",") {
        at + 1
    } else {
        at
    };
    match year_at(tokens, at) {
        Some(year) => NaiveDate::from_ymd_opt(year, month, day).map(|d| (d, at + 1)),
        None => infer_year(day, month, today).map(|d| (d, at)),
    }
}

fn day_of_recent_month(day: u32, today: NaiveDate) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(today.year(), today.month(), day)?;
    if this <= today {
        return Some(this);
    }
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)?;
    let last_month = first - Duration::days(1);
    NaiveDate::from_ymd_opt(last_month.year(), last_month.month(), day)
}

fn dmy(d: &str, m: &str, y: &str) -> Option<NaiveDate> {
    let day: u32 = d.parse().ok()?;
    let month: u32 = m.parse().ok()?;
    let year: i32 = match y.len() {
        4 => y.parse().ok()?,
        2 => 2000 + y.parse::<i32>().ok()?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

fn relative_at(tokens: &[Token], at: usize, today: NaiveDate) -> Option<(DateMention, usize)> {
    let t = tokens.get(at).filter(|t| t.kind != Kind::Punct)?;
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    let back = |days: i64, end: usize, last_night: bool| {
        Some((
            DateMention {
                date: today - Duration::days(days),
                tokens: at..end,
                absolute: false,
                last_night,
            },
            end,
        ))
    };
    let night = |i: usize| {
        matches!(
            word(i),
            "night" | "raat" | "rat" | "रात" | "रात्रि" | "ratri"
        )
    };
    match t.text.as_str() {
        "today" | "aaj" | "आज" | "tonight" => return back(0, at + 1, false),
        "yesterday" | "कल" | "kal" | "kall" => return back(1, at + 1, night(at + 1)),
        "परसों" | "parson" | "parso" | "parsoon" => return back(2, at + 1, false),
        "बीती" | "beeti" | "pichhli" | "pichli" | "पिछली" if night(at + 1) => {
            return back(1, at + 2, true)
        }
        "this" if matches!(word(at + 1), "morning" | "afternoon" | "evening") => {
            return back(0, at + 2, false)
        }
        "last" if night(at + 1) || word(at + 1) == "evening" => {
            return back(1, at + 2, night(at + 1))
        }
        "day" if word(at + 1) == "before" && word(at + 2) == "yesterday" => {
            return back(2, at + 3, false)
        }
        _ => {}
    }
    // "last Saturday", "pichhle shanivar", "पिछले शनिवार", "on Saturday", "शनिवार को"
    let named = match t.text.as_str() {
        "last" | "pichhle" | "pichle" | "पिछले" => {
            weekday(word(at + 1)).map(|d| (d, at + 2))
        }
        other => weekday(other).map(|d| (d, at + 1)),
    };
    let Some((day, end)) = named else {
        return days_ago(tokens, at, today);
    };
    let mut date = today - Duration::days(1);
    while date.weekday() != day {
        date -= Duration::days(1);
    }
    Some((
        DateMention {
            date,
            tokens: at..end,
            absolute: false,
            last_night: false,
        },
        end,
    ))
}

/// "3 days ago", "teen din pehle", "तीन दिन पहले", "a week ago", "एक हफ्ते पहले".
fn days_ago(tokens: &[Token], at: usize, today: NaiveDate) -> Option<(DateMention, usize)> {
    let (count, len) = if tokens[at].is(&["a", "an", "one"]) {
        (1.0, 1)
    } else {
        let read = numbers::read(tokens, at)?;
        (read.value, read.len)
    };
    let unit = tokens.get(at + len)?;
    let per = if unit.is(&["day", "days", "din", "दिन"]) {
        1
    } else if unit.is(&["week", "weeks", "hafta", "hafte", "हफ्ते", "हफ्ता", "सप्ताह"])
    {
        7
    } else {
        return None;
    };
    let ago = tokens.get(at + len + 1)?;
    if !ago.is(&["ago", "pehle", "pahle", "पहले", "पूर्व", "back"]) {
        return None;
    }
    let days = (count * f64::from(per)).round() as i64;
    (1..=400).contains(&days).then(|| {
        (
            DateMention {
                date: today - Duration::days(days),
                tokens: at..at + len + 2,
                absolute: false,
                last_night: false,
            },
            at + len + 2,
        )
    })
}

/// Half of the day a word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Before noon.
    Morning,
    /// Noon to about four.
    Afternoon,
    /// About four to eight.
    Evening,
    /// Eight to five.
    Night,
}

/// The period a word names, if any.
pub fn period(word: &str) -> Option<Period> {
    Some(match word {
        "morning" | "subah" | "subha" | "सुबह" | "प्रातः" | "प्रात" | "सवेरे" | "savere" | "am" => {
            Period::Morning
        }
        "afternoon" | "dopahar" | "dopehar" | "दोपहर" | "noon" => Period::Afternoon,
        "evening" | "shaam" | "sham" | "शाम" | "सायं" | "pm" => Period::Evening,
        "night" | "raat" | "rat" | "रात" | "रात्रि" | "midnight" | "tonight" => {
            Period::Night
        }
        _ => return None,
    })
}

/// Applies a period to an hour written on a 12-hour clock.
fn with_period(hour: u32, period: Option<Period>) -> u32 {
    match (period, hour) {
        (Some(Period::Morning), 12) => 0,
        (Some(Period::Afternoon | Period::Evening), 1..=11) => hour + 12,
        (Some(Period::Night), 12) => 0,
        (Some(Period::Night), 6..=11) => hour + 12,
        _ => hour,
    }
}

/// Every time of day the text states, in order.
pub fn times(tokens: &[Token]) -> Vec<TimeMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match time_at(tokens, i) {
            Some(mention) => {
                i = mention.tokens.end;
                out.push(mention);
            }
            None => i += 1,
        }
    }
    out
}

fn is_clock_word(t: &Token) -> bool {
    t.is(&["baje", "bje", "बजे", "oclock", "hrs", "hours"])
}

/// Periods named by words standing near a time (not "am"/"pm", read with the number).
/// The first part-of-day word in `range` before a clause ends, and where it stands.
fn nearby_period(tokens: &[Token], range: impl Iterator<Item = usize>) -> Option<(Period, usize)> {
    for k in range {
        let t = &tokens[k];
        if t.ends_clause() {
            break;
        }
        if !t.is(&["am", "pm"]) {
            if let Some(p) = period(&t.text) {
                return Some((p, k));
            }
        }
    }
    None
}

fn time_at(tokens: &[Token], at: usize) -> Option<TimeMention> {
    let t = tokens.get(at)?;
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    // Whether the words themselves make it a clock time (":", बजे, o'clock, am/pm).
    let mut clock = false;
    let (hour, minute, mut end) = match t.text.as_str() {
        // "half past seven", "quarter past/to ten".
        "half" | "quarter" if matches!(word(at + 1), "past" | "to") => {
            let read = numbers::read(tokens, at + 2)?;
            let h = read.value as u32;
            clock = true;
            let (h, m) = match (t.text.as_str(), word(at + 1)) {
                ("half", "past") => (h, 30),
                ("quarter", "past") => (h, 15),
                ("quarter", _) => (if h <= 1 { 12 } else { h - 1 }, 45),
                _ => return None,
            };
            (h, m, at + 2 + read.len)
        }
        _ if t.kind == Kind::Number && t.text.contains('.') => {
            // "9.15": a time only beside a clock word or am/pm (checked below).
            let (h, m) = t.text.split_once('.')?;
            if m.len() != 2 {
                return None;
            }
            (h.parse().ok()?, m.parse().ok()?, at + 1)
        }
        _ => {
            // "9", "9:15", "साढ़े सात" (7.5 is 7:30), "seven".
            let read = numbers::read(tokens, at)?;
            if read.scaled {
                return None;
            }
            let end = at + read.len;
            let whole = read.value.trunc();
            let minute = ((read.value - whole) * 60.0).round() as u32;
            if word(end) == ":"
                && tokens
                    .get(end + 1)
                    .is_some_and(|m| m.kind == Kind::Number && m.text.len() == 2)
            {
                clock = true;
                (whole as u32, tokens[end + 1].text.parse().ok()?, end + 2)
            } else {
                (whole as u32, minute, end)
            }
        }
    };
    if hour > 24 || minute > 59 {
        return None;
    }
    // What follows: am/pm, a.m., "o'clock", "बजे", "hrs".
    let mut period_word: Option<Period> = None;
    loop {
        let w = word(end);
        if tokens.get(end).is_some_and(is_clock_word) {
            clock = true;
            end += 1;
        } else if w == "o" && word(end + 1) == "'" && word(end + 2) == "clock" {
            clock = true;
            end += 3;
        } else if matches!(w, "am" | "pm") {
            period_word = period(w);
            clock = true;
            end += 1;
        } else if matches!(w, "a" | "p") && word(end + 1) == "." && word(end + 2) == "m" {
            period_word = period(if w == "a" { "am" } else { "pm" });
            clock = true;
            end += if word(end + 3) == "." { 4 } else { 3 };
        } else {
            break;
        }
    }
    // A period word close by: "9:15 in the morning", "रात करीब 2 बजे", "subah 9 baje".
    let mut described = at..end;
    if period_word.is_none() {
        let near = nearby_period(tokens, end..(end + 4).min(tokens.len()))
            .or_else(|| nearby_period(tokens, (at.saturating_sub(4)..at).rev()));
        if let Some((found, k)) = near {
            period_word = Some(found);
            described = at.min(k)..end.max(k + 1);
        }
    }
    // A bare number ("at 7 in the evening") is a time only with a period word and "at",
    // "around", "करीब" or the period word just before it; and never a day of a month
    // ("the morning of 19 December").
    let month_follows = tokens.get(end).is_some_and(|t| month(&t.text).is_some())
        || tokens
            .get(end)
            .is_some_and(|t| t.is(&["st", "nd", "rd", "th"]));
    if !clock
        && (hour > 12 || month_follows || !(period_word.is_some() && clock_context(tokens, at)))
    {
        return None;
    }
    let hour = match hour {
        24 => 0,
        h if h <= 12 => with_period(h, period_word),
        h => h,
    };
    Some(TimeMention {
        time: NaiveTime::from_hms_opt(hour, minute, 0)?,
        tokens: at..end,
        described,
        period_known: period_word.is_some() || hour > 12,
    })
}

/// "at", "around", "about", "करीब", "लगभग", "approx" just before a number.
fn clock_context(tokens: &[Token], at: usize) -> bool {
    (at.saturating_sub(2)..at).any(|k| {
        tokens[k].is(&[
            "at",
            "around",
            "about",
            "approx",
            "approximately",
            "karib",
            "kareeb",
            "करीब",
            "लगभग",
            "lagbhag",
            "takreeban",
            "तकरीबन",
            "by",
        ])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::text::{tokens, Folded};

    use crate::facts::tests::received;

    fn first_date(text: &str) -> Option<NaiveDate> {
        let folded = Folded::new(text);
        dates(&tokens(folded.text()), received())
            .first()
            .map(|m| m.date)
    }

    fn first_time(text: &str) -> Option<String> {
        let folded = Folded::new(text);
        times(&tokens(folded.text()))
            .first()
            .map(|m| m.time.format("%H:%M").to_string())
    }

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn absolute_dates() {
        for text in [
            "On 20 November 2026 at about",
            "on 20th November, 2026",
            "on the 20th of November",
            "November 20, 2026",
            "on 20/11/2026",
            "dated 20-11-26",
            "दिनांक 20.11.2026 को",
            "२० नवम्बर २०२६ को",
            "20 नवंबर को",
            "2026-11-20",
        ] {
            assert_eq!(first_date(text), ymd(2026, 11, 20), "{text}");
        }
        // A day still to come this year was last year.
        assert_eq!(first_date("on 5 December"), ymd(2025, 12, 5));
        assert_eq!(first_date("12 tarikh ko"), ymd(2026, 11, 12));
        assert_eq!(first_date("on the 28th of this month"), ymd(2026, 10, 28));
    }

    #[test]
    fn relative_dates() {
        assert_eq!(first_date("yesterday evening around 7"), ymd(2026, 11, 23));
        assert_eq!(first_date("कल शाम"), ymd(2026, 11, 23));
        assert_eq!(first_date("परसों रात"), ymd(2026, 11, 22));
        assert_eq!(first_date("the day before yesterday"), ymd(2026, 11, 22));
        assert_eq!(first_date("today morning"), ymd(2026, 11, 24));
        assert_eq!(first_date("this morning at 9"), ymd(2026, 11, 24));
        assert_eq!(first_date("last Saturday"), ymd(2026, 11, 21));
        assert_eq!(first_date("pichhle shanivar ko"), ymd(2026, 11, 21));
        assert_eq!(first_date("on Monday I got a call"), ymd(2026, 11, 23));
        assert_eq!(first_date("on Tuesday"), ymd(2026, 11, 17));
        assert_eq!(first_date("3 days ago"), ymd(2026, 11, 21));
        assert_eq!(first_date("तीन दिन पहले"), ymd(2026, 11, 21));
        assert_eq!(first_date("a week ago"), ymd(2026, 11, 17));
        assert_eq!(first_date("ek hafta pehle"), ymd(2026, 11, 17));
        let folded = Folded::new("kal raat 2 baje");
        let found = dates(&tokens(folded.text()), received());
        assert!(found[0].last_night);
    }

    #[test]
    fn not_dates() {
        for text in [
            "bus number 42",
            "Rs. 18,000",
            "aged 34",
            "98100 12345",
            "house no. 12/4",
            "may I ask",
            "2 kg",
        ] {
            assert_eq!(first_date(text), None, "{text}");
        }
    }

    #[test]
    fn times_of_day() {
        for (text, expected) in [
            ("at about 9:15 in the morning", "09:15"),
            ("9:15 am", "09:15"),
            ("around 7 pm", "19:00"),
            ("7 p.m.", "19:00"),
            ("at 7 in the evening", "19:00"),
            ("half past seven in the evening", "19:30"),
            ("at 14:30", "14:30"),
            ("रात करीब 2 बजे", "02:00"),
            ("रात 10 बजे", "22:00"),
            ("शाम 6 बजे", "18:00"),
            ("दोपहर 3 बजे", "15:00"),
            ("सुबह 9:15 बजे", "09:15"),
            ("साढ़े सात बजे शाम", "19:30"),
            ("saade das baje raat", "22:30"),
            ("subah 9 baje", "09:00"),
            ("shaam ko 6 baje", "18:00"),
            ("सवा आठ बजे सुबह", "08:15"),
            ("ढाई बजे दोपहर", "14:30"),
            ("at 12 noon", "12:00"),
            ("at 12 midnight", "00:00"),
            ("10 o'clock at night", "22:00"),
        ] {
            assert_eq!(first_time(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn the_time_as_said_keeps_its_part_of_day() {
        for (text, said) in [
            (
                "On 20 November at about 9:15 in the morning I was",
                "9:15 in the morning",
            ),
            ("कल शाम लगभग सात बजे बाज़ार से", "शाम लगभग सात बजे"),
            ("at 14:30 near the gate", "14:30"),
            ("around 7 pm, two men", "7 pm"),
        ] {
            let folded = Folded::new(text);
            let tokens = tokens(folded.text());
            let time = times(&tokens).into_iter().next().expect(text);
            let span =
                tokens[time.described.start].span.start..tokens[time.described.end - 1].span.end;
            assert_eq!(&folded.text()[span], said, "{text}");
        }
    }

    #[test]
    fn not_times() {
        for text in [
            "bus number 42",
            "Rs. 18,000",
            "aged 34 years",
            "2 boys came",
            "in the evening",
            "1,50,000 rupees",
            "20 November 2026",
            "3 days ago",
        ] {
            assert_eq!(first_time(text), None, "{text}");
        }
    }
}
