//! The HTTP transport: Discord's interactions endpoint, served with axum. Each request is
//! checked before anything else — size (413), Ed25519 signature and timestamp freshness
//! (401) — then handed to the same [`Bot`] as the gateway; the response JSON is the body.

use crate::discord::handler::{Answer, Bot};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serenity::all::{Http, Interaction};
use serenity::interactions_endpoint::Verifier;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Largest request body accepted, in bytes.
pub const MAX_BODY: usize = 1 << 20;

/// Oldest (or furthest in the future) signature timestamp accepted.
pub const MAX_AGE: Duration = Duration::from_secs(5 * 60);

/// What the endpoint needs.
pub struct Endpoint {
    pub bot: Arc<Bot>,
    pub verifier: Verifier,
    /// REST client to fill in deferred replies; without it, slow work is awaited instead.
    pub http: Option<Arc<Http>>,
}

/// The routes: `POST /` and `POST /interactions`.
pub fn router(endpoint: Arc<Endpoint>) -> Router {
    Router::new()
        .route("/", post(interactions))
        .route("/interactions", post(interactions))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(endpoint)
}

/// Serves `router` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    endpoint: Arc<Endpoint>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(endpoint))
        .with_graceful_shutdown(shutdown)
        .await
}

fn reject(status: StatusCode, why: &'static str) -> Response {
    (status, why).into_response()
}

/// Is the signed timestamp (seconds since the epoch) within [`MAX_AGE`] of now?
pub fn fresh(timestamp: &str, now: SystemTime) -> bool {
    let Ok(ts) = timestamp.trim().parse::<u64>() else {
        return false;
    };
    let now = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    now.abs_diff(ts) <= MAX_AGE.as_secs()
}

async fn interactions(
    State(endpoint): State<Arc<Endpoint>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let (Some(signature), Some(timestamp)) = (
        header("x-signature-ed25519"),
        header("x-signature-timestamp"),
    ) else {
        return reject(StatusCode::UNAUTHORIZED, "missing request signature");
    };
    if endpoint
        .verifier
        .verify(signature, timestamp, &body)
        .is_err()
    {
        return reject(StatusCode::UNAUTHORIZED, "invalid request signature");
    }
    if !fresh(timestamp, SystemTime::now()) {
        return reject(StatusCode::UNAUTHORIZED, "stale request timestamp");
    }
    let interaction: Interaction = match serde_json::from_slice(&body) {
        Ok(i) => i,
        Err(e) => {
            tracing::warn!("unreadable interaction: {e}");
            return reject(StatusCode::BAD_REQUEST, "unreadable interaction");
        }
    };
    let token = interaction.token().to_string();
    let application = interaction.application_id();
    tracing::debug!(interaction = %crate::discord::handler::describe(&interaction), "received");
    let answer = match (&endpoint.http, endpoint.bot.answer(interaction).await) {
        (_, Answer::Now(r)) => r,
        (Some(http), Answer::Later { ack, rest }) => {
            let http = http.clone();
            http.set_application_id(application);
            tokio::spawn(async move {
                let reply = rest.await.unwrap_or_else(|e| {
                    crate::discord::handler::incident("answering", &anyhow::anyhow!("{e}"))
                });
                crate::discord::gateway::fill_in(&http, &token, reply).await;
            });
            ack
        }
        (None, Answer::Later { rest, .. }) => rest
            .await
            .unwrap_or_else(|e| {
                crate::discord::handler::incident("answering", &anyhow::anyhow!("{e}"))
            })
            .into_response(),
    };
    match answer {
        // Exactly `{"type":1}`, as Discord's documentation shows it.
        serenity::all::CreateInteractionResponse::Pong => {
            axum::Json(serde_json::json!({"type": 1})).into_response()
        }
        other => axum::Json(other).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_within_five_minutes_are_fresh() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        for (ts, ok) in [
            ("1700000000", true),
            ("1699999700", true),
            ("1699999699", false),
            ("1700000300", true),
            ("1700000301", false),
            ("", false),
            ("-5", false),
            ("17e8", false),
        ] {
            assert_eq!(fresh(ts, now), ok, "{ts}");
        }
    }
}
