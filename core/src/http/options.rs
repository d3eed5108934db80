//! Where requests go and how the client names itself: a [`Region`] or a base URL, an optional
//! bearer token applied after building, and the `User-Agent`.

use crate::redact::Secret;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The version of this crate, sent in the `User-Agent` header.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A Maia region; each has its own API host.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    /// Europe: `https://eu1.api.matillion.com/dpc`.
    Eu1,
    /// United States: `https://us1.api.matillion.com/dpc`.
    Us1,
}

impl Region {
    /// Every region id.
    pub const IDS: &'static [&'static str] = &["eu1", "us1"];

    /// The base URL of the region's API.
    pub fn base_url(self) -> &'static str {
        match self {
            Region::Eu1 => "https://eu1.api.matillion.com/dpc",
            Region::Us1 => "https://us1.api.matillion.com/dpc",
        }
    }

    /// The region with this id (`eu1`, `us1`; case-insensitive).
    pub fn from_id(id: &str) -> Result<Region, OptionError> {
        match id.to_ascii_lowercase().as_str() {
            "eu1" => Ok(Region::Eu1),
            "us1" => Ok(Region::Us1),
            _ => Err(OptionError::new("region", format!("unknown region {}; use `eu1` or `us1`, or give a `baseUrl`", crate::rules::quote(id)))),
        }
    }
}

/// An option of [`crate::build_request`] that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// The option's name (`region`, `baseUrl`, `token`).
    pub option: &'static str,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl OptionError {
    pub(crate) fn new(option: &'static str, message: String) -> OptionError {
        OptionError { option, message }
    }
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for OptionError {}

/// Where requests go, how they authenticate and how the client names itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildOptions {
    base_url: String,
    token: Option<Secret>,
    user_agent: String,
}

impl BuildOptions {
    /// Requests to a region's host.
    pub fn region(region: Region) -> BuildOptions {
        BuildOptions { base_url: region.base_url().to_owned(), token: None, user_agent: format!("maia-provision/{VERSION}") }
    }

    /// Requests to any `http` or `https` base URL (a proxy, an emulator, a non-production host).
    pub fn base_url(url: &str) -> Result<BuildOptions, OptionError> {
        let base_url = super::request::checked_url("baseUrl", url, "https://eu1.api.matillion.com/dpc")?;
        Ok(BuildOptions { base_url, ..BuildOptions::region(Region::Eu1) })
    }

    /// Options from the loose form bindings receive: a region id or a base URL (exactly one), and a token.
    pub fn from_parts(region: Option<&str>, base_url: Option<&str>, token: Option<Secret>) -> Result<BuildOptions, OptionError> {
        let options = match (region, base_url) {
            (Some(_), Some(_)) => return Err(OptionError::new("baseUrl", "give either a region or a base URL, not both".to_owned())),
            (Some(region), None) => BuildOptions::region(Region::from_id(region)?),
            (None, Some(url)) => BuildOptions::base_url(url)?,
            (None, None) => {
                return Err(OptionError::new(
                    "region",
                    "choose where to send the request: a region (`eu1` or `us1`, the region of your Maia account) or a base URL".to_owned(),
                ));
            }
        };
        match token {
            Some(token) => options.with_token(token),
            None => Ok(options),
        }
    }

    /// Sends `Authorization: Bearer <token>` (applied to each built request by
    /// [`crate::HttpRequest::authorize`]).
    pub fn with_token(mut self, token: Secret) -> Result<BuildOptions, OptionError> {
        self.token = Some(bearer_token(&token)?);
        Ok(self)
    }

    /// Adds a product to the `User-Agent` header (for example `python/3.12`).
    pub fn with_user_agent_suffix(mut self, product: &str) -> BuildOptions {
        let clean: String = product.chars().filter(|ch| ch.is_ascii_graphic() || *ch == ' ').collect();
        if !clean.is_empty() {
            self.user_agent.push(' ');
            self.user_agent.push_str(&clean);
        }
        self
    }

    /// The base URL, without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base_url
    }

    /// The bearer token given with [`BuildOptions::with_token`], if any.
    pub fn token(&self) -> Option<&Secret> {
        self.token.as_ref()
    }

    /// The `User-Agent` header value.
    pub fn user_agent(&self) -> &str {
        &self.user_agent
    }
}

/// The access token of `token` (a leading `Bearer ` dropped), checked: non-empty, ASCII, without
/// spaces or line breaks. The token is never quoted.
pub(crate) fn bearer_token(token: &Secret) -> Result<Secret, OptionError> {
    let text = token.expose();
    let text = text.strip_prefix("Bearer ").unwrap_or(text);
    if text.is_empty() || text.chars().any(|ch| ch.is_control() || !ch.is_ascii() || ch == ' ') {
        return Err(OptionError::new(
            "token",
            "the token must be a non-empty access token without spaces, line breaks or non-ASCII characters".to_owned(),
        ));
    }
    Ok(Secret::new(text))
}
