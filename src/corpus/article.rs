use serde::{Deserialize, Serialize};
use std::fmt;

/// One news article: its text and what is known about where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: the file stem of a `.txt`, the `id` field of a JSONL line.
    pub id: String,
    /// The headline; for a `.txt` its first non-empty line. May be empty.
    pub title: String,
    /// The whole article text. Every offset in the project is a byte offset into this.
    pub text: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// Publication date, when known.
    pub published: Option<Date>,
    /// True when the metadata was inferred from the article text rather than given by the
    /// publisher.
    #[serde(default)]
    pub metadata_inferred: bool,
    /// The name the article came in under (an uploaded file's name, a feed line's own id):
    /// shown so people recognise what they added, never its identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_as: Option<String>,
    /// The collection the article belongs to (a Discord server's, see
    /// [`crate::corpus::collection_name`]); `None` for the base collection, the configured
    /// corpus every server shares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
}

impl Article {
    /// The article as an article of `collection` (`None`: the base). Its id gets the
    /// collection's name in front, so two collections holding the same text hold two
    /// articles.
    pub fn in_collection(mut self, collection: Option<&str>) -> Article {
        if let Some(c) = collection {
            self.id = format!("{c}/{}", self.id);
        }
        self.collection = collection.map(String::from);
        self
    }

    /// An article with only an id and a text; the headline is its first non-empty line.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let title = first_line(&text).to_string();
        Article {
            id: id.into(),
            title,
            text,
            outlet: None,
            url: None,
            published: None,
            metadata_inferred: false,
            added_as: None,
            collection: None,
        }
    }
}

/// The first non-empty line of `text`, trimmed.
fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// A calendar date (`YYYY-MM-DD`), ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, also accepting a longer ISO 8601 timestamp that starts with one
    /// (`2018-04-16T09:30:00Z`).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let head = s.get(..10)?;
        let rest = &s[10..];
        if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
            return None;
        }
        let b = head.as_bytes();
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: u16 = head[0..4].parse().ok()?;
        let month: u8 = head[5..7].parse().ok()?;
        let day: u8 = head[8..10].parse().ok()?;
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// "16 April 2018".
    pub fn long(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS[usize::from(self.month.clamp(1, 12)) - 1];
        format!("{} {} {}", self.day, month, self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date (YYYY-MM-DD): {s:?}")))
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s).ok_or_else(|| format!("not a date (expected YYYY-MM-DD): {s:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_order() {
        let a = Date::parse("2018-04-16").unwrap();
        let b = Date::parse("2019-02-06T10:00:00Z").unwrap();
        assert!(a < b);
        assert_eq!(a.to_string(), "2018-04-16");
        assert_eq!(a.long(), "16 April 2018");
    }

    #[test]
    fn bad_dates_are_rejected() {
        for bad in [
            "",
            "2018-4-16",
            "2018-02-30",
            "2018-13-01",
            "16/04/2018",
            "2018-04-16x",
            "२०१८-04-16",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
        }
        assert!(Date::parse("2020-02-29").is_some());
    }

    #[test]
    fn from_text_takes_first_line_as_title() {
        let a = Article::from_text("x", "\n\n  Headline here \n\nBody.");
        assert_eq!(a.title, "Headline here");
    }
}
