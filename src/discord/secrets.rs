//! Secrets and per-deployment identifiers from the environment (or `.env`).
//!
//! Kept apart from the settings file so a token can never be committed with it, and wrapped
//! so it can never be printed: [`Token`]'s `Debug` and `Display` are redacted.

use serenity::model::id::GuildId;
use std::fmt;

/// Where to get a token, for error messages.
const HOW_TO_GET_A_TOKEN: &str =
    "create an application at https://discord.com/developers/applications, \
open Bot → Reset Token, and put the token in the environment or in .env as DISCORD_TOKEN=… \
(see .env.example)";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SecretError {
    #[error("DISCORD_TOKEN is not set: {HOW_TO_GET_A_TOKEN}")]
    MissingToken,
    #[error(
        "DISCORD_TOKEN does not look like a bot token (three parts separated by dots): \
         {HOW_TO_GET_A_TOKEN}"
    )]
    MalformedToken,
    #[error(
        "DISCORD_PUBLIC_KEY is not set: copy the public key from your application's General \
         Information page at https://discord.com/developers/applications into .env"
    )]
    MissingPublicKey,
    #[error("DISCORD_PUBLIC_KEY must be the 64 hexadecimal digits shown on the application's General Information page")]
    MalformedPublicKey,
    #[error("{name} must be a server id (a number; right-click the server → Copy Server ID), not {value:?}")]
    BadId { name: &'static str, value: String },
}

/// Reads `.env` from the working directory when there is one. Variables already in the
/// environment win. A malformed `.env` is reported, not fatal.
pub fn load_dotenv() {
    match dotenvy::dotenv() {
        Ok(_) => {}
        Err(e) if e.not_found() => {}
        Err(e) => tracing::warn!("ignoring .env: {e}"),
    }
}

/// A bot token. Never printed: `Debug` and `Display` show `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Checks the shape of a token (serenity's rule: three non-empty dot-separated parts).
    pub fn parse(raw: &str) -> Result<Token, SecretError> {
        let raw = raw.trim();
        let raw = raw.strip_prefix("Bot ").unwrap_or(raw).trim();
        if raw.is_empty() {
            return Err(SecretError::MissingToken);
        }
        if serenity::utils::token::validate(raw).is_err() || raw.contains(char::is_whitespace) {
            return Err(SecretError::MalformedToken);
        }
        Ok(Token(raw.to_string()))
    }

    /// `DISCORD_TOKEN` from the environment.
    pub fn from_env() -> Result<Token, SecretError> {
        match std::env::var("DISCORD_TOKEN") {
            Ok(v) => Token::parse(&v),
            Err(std::env::VarError::NotPresent) => Err(SecretError::MissingToken),
            Err(std::env::VarError::NotUnicode(_)) => Err(SecretError::MalformedToken),
        }
    }

    /// The token itself, for handing to serenity. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// The application's Ed25519 public key (`DISCORD_PUBLIC_KEY`), checked and ready to verify
/// interaction signatures.
pub fn public_key_from_env() -> Result<serenity::interactions_endpoint::Verifier, SecretError> {
    let raw = std::env::var("DISCORD_PUBLIC_KEY").map_err(|_| SecretError::MissingPublicKey)?;
    verifier(&raw)
}

/// A verifier for a hex public key.
pub fn verifier(hex: &str) -> Result<serenity::interactions_endpoint::Verifier, SecretError> {
    let hex = hex.trim();
    if hex.is_empty() {
        return Err(SecretError::MissingPublicKey);
    }
    let bytes = parse_hex32(hex).ok_or(SecretError::MalformedPublicKey)?;
    serenity::interactions_endpoint::Verifier::try_new(bytes)
        .map_err(|_| SecretError::MalformedPublicKey)
}

fn parse_hex32(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// `DISCORD_GUILD_ID`: when set, commands are registered to that one server (instantly)
/// instead of globally.
pub fn guild_from_env() -> Result<Option<GuildId>, SecretError> {
    match std::env::var("DISCORD_GUILD_ID") {
        Ok(v) if !v.trim().is_empty() => parse_guild("DISCORD_GUILD_ID", &v).map(Some),
        _ => Ok(None),
    }
}

/// A server id given on the command line or in the environment.
pub fn parse_guild(name: &'static str, value: &str) -> Result<GuildId, SecretError> {
    match value.trim().parse::<u64>() {
        Ok(n) if n > 0 => Ok(GuildId::new(n)),
        _ => Err(SecretError::BadId {
            name,
            value: value.chars().take(40).collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB";

    #[test]
    fn token_is_never_printed() {
        let t = Token::parse(SAMPLE).unwrap();
        assert_eq!(format!("{t:?}"), "Token(<redacted>)");
        assert_eq!(format!("{t}"), "<redacted>");
        assert_eq!(t.expose(), SAMPLE);
    }

    #[test]
    fn token_shapes() {
        assert_eq!(Token::parse(""), Err(SecretError::MissingToken));
        assert_eq!(Token::parse("   "), Err(SecretError::MissingToken));
        assert_eq!(Token::parse("abc"), Err(SecretError::MalformedToken));
        assert_eq!(Token::parse("a.b"), Err(SecretError::MalformedToken));
        assert_eq!(Token::parse("a..c"), Err(SecretError::MalformedToken));
        assert_eq!(Token::parse("a.b c.d"), Err(SecretError::MalformedToken));
        assert!(Token::parse(&format!("Bot {SAMPLE}")).is_ok());
        let msg = SecretError::MissingToken.to_string();
        assert!(msg.contains("developers/applications"), "{msg}");
    }

    #[test]
    fn public_keys() {
        assert!(
            verifier("67c6bd767ca099e79efac9fcce4d2022a63bf7dea780e7f3d813f694c1597089").is_ok()
        );
        assert_eq!(verifier("").err(), Some(SecretError::MissingPublicKey));
        assert_eq!(verifier("xyz").err(), Some(SecretError::MalformedPublicKey));
        assert_eq!(
            verifier(&"zz".repeat(32)).err(),
            Some(SecretError::MalformedPublicKey)
        );
    }

    #[test]
    fn guild_ids() {
        assert_eq!(parse_guild("X", " 42 ").unwrap().get(), 42);
        assert!(parse_guild("X", "0").is_err());
        assert!(parse_guild("X", "server").is_err());
    }
}
