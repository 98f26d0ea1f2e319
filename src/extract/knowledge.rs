//! Optional knowledge about people: canonical names, aliases and roles.
//!
//! Read from `config/speakers.toml`:
//!
//! ```toml
//! [[speaker]]
//! name = "Bashar al-Assad"
//! aliases = ["Assad"]
//! roles = ["Syrian leader", "Syrian president"]
//! ```
//!
//! The extractor works without it; with it, a role mention such as "the Syrian leader" can be
//! resolved when the article itself never says who holds the role.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Knowledge {
    #[serde(default, rename = "speaker")]
    pub speakers: Vec<KnownSpeaker>,
    /// Every name and alias, by its matching key, to its speaker's index (built by `parse`).
    #[serde(skip)]
    by_name: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownSpeaker {
    /// The canonical name quotes are attributed to.
    pub name: String,
    /// Other names for the same person ("Assad", "al-Assad").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Role descriptions, without the article ("Syrian leader").
    #[serde(default)]
    pub roles: Vec<String>,
}

impl Knowledge {
    /// Parses a `speakers.toml` document; the error says where and what is wrong.
    pub fn parse(text: &str) -> Result<Knowledge, String> {
        let mut k: Knowledge = toml::from_str(text).map_err(|e| e.to_string())?;
        for (i, s) in k.speakers.iter().enumerate() {
            if s.name.trim().is_empty() {
                return Err(format!("speaker #{}: `name` is empty", i + 1));
            }
        }
        let mut by_name = BTreeMap::new();
        for (i, s) in k.speakers.iter().enumerate() {
            for n in std::iter::once(&s.name).chain(&s.aliases) {
                by_name.entry(super::coref::key(n)).or_insert(i);
            }
        }
        k.by_name = by_name;
        Ok(k)
    }

    /// The canonical name of the speaker a name or alias stands for.
    pub fn name_of(&self, name: &str) -> Option<&str> {
        if self.speakers.is_empty() {
            return None;
        }
        let k = super::coref::key(name);
        if !self.by_name.is_empty() {
            return self
                .by_name
                .get(&k)
                .and_then(|&i| self.speakers.get(i))
                .map(|s| s.name.as_str());
        }
        // built without `parse`: compare every name
        self.speakers
            .iter()
            .find(|s| {
                super::coref::key(&s.name) == k
                    || s.aliases.iter().any(|a| super::coref::key(a) == k)
            })
            .map(|s| s.name.as_str())
    }
}
