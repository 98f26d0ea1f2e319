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

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Knowledge {
    #[serde(default, rename = "speaker")]
    pub speakers: Vec<KnownSpeaker>,
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
        let k: Knowledge = toml::from_str(text).map_err(|e| e.to_string())?;
        for (i, s) in k.speakers.iter().enumerate() {
            if s.name.trim().is_empty() {
                return Err(format!("speaker #{}: `name` is empty", i + 1));
            }
        }
        Ok(k)
    }
}
