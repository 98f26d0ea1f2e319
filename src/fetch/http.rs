//! Getting a page's bytes over HTTP, within limits.
//!
//! Every hop of a redirect chain is followed here, not by the HTTP client, so each one is
//! checked like the first: its scheme, its resolved addresses (the connection is pinned to
//! the addresses checked) and the count of hops. The time limit covers the whole chain and the
//! size limit is counted as bytes arrive, so a slow or endless answer costs at most the
//! limits. The content type is checked before a byte of the body is read.

use super::guard::AddressPolicy;
use super::url::check_scheme;
use super::{shown, FetchError, FetchSettings};
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, LOCATION};
use reqwest::{Client, Url};
use std::net::SocketAddr;
use std::time::Duration;

/// How the fetcher introduces itself.
const USER_AGENT: &str = concat!("whosaid/", env!("CARGO_PKG_VERSION"), " (article fetcher)");

/// A page as it came: where it ended up, its declared type and its bytes.
#[derive(Debug, Clone)]
pub struct Page {
    /// The address of the last hop.
    pub url: Url,
    /// The `Content-Type` header, as sent.
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// Gets `url`, following at most `settings.max_redirects` redirects, within the time and size
/// limits, connecting only to addresses `policy` allows.
pub async fn get(
    url: Url,
    settings: &FetchSettings,
    policy: &AddressPolicy,
) -> Result<Page, FetchError> {
    let limit = Duration::from_millis(settings.timeout_ms);
    tokio::time::timeout(limit, follow(url, settings, policy))
        .await
        .map_err(|_| FetchError::TimedOut {
            ms: settings.timeout_ms,
        })?
}

async fn follow(
    mut url: Url,
    settings: &FetchSettings,
    policy: &AddressPolicy,
) -> Result<Page, FetchError> {
    for hop in 0..=settings.max_redirects {
        check_scheme(&url)?;
        let addrs = resolve(&url, policy).await?;
        let response = client(&url, &addrs)?
            .get(url.clone())
            .send()
            .await
            .map_err(network)?;
        let status = response.status();
        if status.is_redirection() {
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|l| l.to_str().ok())
                .ok_or(FetchError::Status {
                    status: status.as_u16(),
                })?;
            let next = url.join(location).map_err(|e| FetchError::BadUrl {
                url: shown(location),
                reason: format!(
                    "the redirect from {} points nowhere: {e}",
                    shown(url.as_str())
                ),
            })?;
            if hop == settings.max_redirects {
                return Err(FetchError::TooManyRedirects {
                    limit: settings.max_redirects,
                });
            }
            url = next;
            continue;
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                status: status.as_u16(),
            });
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        super::page::check_content_type(content_type.as_deref())?;
        let announced = response
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let bytes = read_capped(response, announced, settings.max_bytes).await?;
        return Ok(Page {
            url,
            content_type,
            bytes,
        });
    }
    Err(FetchError::TooManyRedirects {
        limit: settings.max_redirects,
    })
}

/// The addresses `url`'s host resolves to, every one of them allowed by `policy`.
async fn resolve(url: &Url, policy: &AddressPolicy) -> Result<Vec<SocketAddr>, FetchError> {
    let port = url.port_or_known_default().unwrap_or(80);
    let host = url.host_str().unwrap_or_default();
    let addrs: Vec<SocketAddr> = match url.host() {
        Some(url::Host::Ipv4(ip)) => vec![SocketAddr::new(ip.into(), port)],
        Some(url::Host::Ipv6(ip)) => vec![SocketAddr::new(ip.into(), port)],
        _ => tokio::net::lookup_host((host, port))
            .await
            .map_err(|e| FetchError::Resolve {
                host: host.to_string(),
                message: e.to_string(),
            })?
            .collect(),
    };
    if addrs.is_empty() {
        return Err(FetchError::Resolve {
            host: host.to_string(),
            message: "no address".into(),
        });
    }
    // One address the policy refuses is enough to refuse the host: a name that mixes public
    // and private addresses is a trap.
    if let Some(bad) = addrs.iter().find(|a| !policy.allows(a.ip())) {
        return Err(FetchError::Refused {
            host: host.to_string(),
            addr: bad.ip(),
        });
    }
    Ok(addrs)
}

/// A client for one hop: no redirects of its own, no proxy (a proxy would resolve the name
/// itself), and the host pinned to the addresses checked. The time limit is [`get`]'s, over
/// the whole chain.
fn client(url: &Url, addrs: &[SocketAddr]) -> Result<Client, FetchError> {
    let mut builder = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .user_agent(USER_AGENT);
    if let Some(url::Host::Domain(domain)) = url.host() {
        builder = builder.resolve_to_addrs(domain, addrs);
    }
    builder.build().map_err(network)
}

/// Reads the body, refusing it as soon as more than `max` bytes have come.
async fn read_capped(
    mut response: reqwest::Response,
    announced: Option<u64>,
    max: u64,
) -> Result<Vec<u8>, FetchError> {
    if announced.is_some_and(|n| n > max) {
        return Err(FetchError::TooLarge { limit: max });
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(network)? {
        if bytes.len() as u64 + chunk.len() as u64 > max {
            return Err(FetchError::TooLarge { limit: max });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// A transport failure, with its causes (a refused connection, a bad certificate…).
fn network(e: reqwest::Error) -> FetchError {
    if e.is_timeout() {
        return FetchError::Network {
            message: "it took too long".into(),
        };
    }
    let e = e.without_url();
    let mut message = e.to_string();
    let mut cause = std::error::Error::source(&e);
    while let Some(c) = cause {
        message.push_str(": ");
        message.push_str(&c.to_string());
        cause = c.source();
    }
    FetchError::Network {
        message: shown(&message),
    }
}
