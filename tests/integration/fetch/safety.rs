//! The bot fetches what strangers paste: only public addresses unless allowed (checked on the
//! resolved address, on every hop), at most five redirects, and time and size limits counted
//! as the answer arrives (issue 14).

use super::site::{fetch_local, serve, settings};
use std::time::{Duration, Instant};
use whosaid::fetch::{fetch, AddressPolicy, FetchError, FetchSettings};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_14_non_public_addresses_are_refused() {
    let (base, _) = serve().await;
    let port = base.rsplit(':').next().unwrap().to_string();
    let public = AddressPolicy::public_only();
    let cases = [
        ("loopback by address", format!("{base}/jsonld"), "127.0.0.1"),
        (
            "loopback by name",
            format!("http://localhost:{port}/jsonld"),
            "localhost",
        ),
        (
            "IPv6 loopback",
            format!("http://[::1]:{port}/jsonld"),
            "[::1]",
        ),
        (
            "unspecified",
            format!("http://0.0.0.0:{port}/jsonld"),
            "0.0.0.0",
        ),
        (
            "IPv4-mapped loopback",
            format!("http://[::ffff:127.0.0.1]:{port}/"),
            "[::ffff:7f00:1]",
        ),
    ];
    for (name, url, host) in cases {
        let e = fetch(&url, &settings(), &public).await.unwrap_err();
        assert!(
            matches!(&e, FetchError::Refused { host: h, .. } if h == host),
            "{name}: {e}"
        );
        assert!(
            e.to_string().contains("only public web pages"),
            "{name}: {e}"
        );
    }
    // The same page with private addresses allowed.
    let a = fetch(
        &format!("{base}/jsonld"),
        &settings(),
        &AddressPolicy::any(),
    )
    .await;
    assert!(a.is_ok(), "{a:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_14_every_redirect_is_checked_again() {
    let (base, _) = serve().await;
    // 127.0.0.1 is allowed (the first hop); where the redirects point is not.
    let cases = [
        ("to another loopback address", "/to/loopback", "127.0.0.2"),
        ("to IPv6 loopback", "/to/ipv6-loopback", "[::1]"),
        (
            "to the cloud metadata address",
            "/to/metadata",
            "169.254.169.254",
        ),
    ];
    for (name, path, host) in cases {
        let e = fetch_local(&format!("{base}{path}")).await.unwrap_err();
        assert!(
            matches!(&e, FetchError::Refused { host: h, .. } if h == host),
            "{name}: {e}"
        );
    }
    let e = fetch_local(&format!("{base}/to/file")).await.unwrap_err();
    assert!(matches!(e, FetchError::Scheme { .. }), "{e}");
    assert!(fetch_local(&format!("{base}/to/same-site")).await.is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_14_at_most_five_redirects() {
    let (base, _) = serve().await;
    let cases = [
        ("five redirects are followed", 5, None),
        ("six are refused", 6, Some(5)),
        ("many are refused", 40, Some(5)),
    ];
    for (name, hops, refused) in cases {
        let got = fetch_local(&format!("{base}/hop/{hops}")).await;
        match refused {
            None => assert!(got.is_ok(), "{name}: {got:?}"),
            Some(limit) => assert_eq!(
                got.unwrap_err(),
                FetchError::TooManyRedirects { limit },
                "{name}"
            ),
        }
    }
    // A lower setting lowers the limit.
    let strict = FetchSettings {
        max_redirects: 1,
        ..settings()
    };
    let e = fetch(
        &format!("{base}/hop/2"),
        &strict,
        &super::site::local_only(),
    )
    .await
    .unwrap_err();
    assert_eq!(e, FetchError::TooManyRedirects { limit: 1 });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_14_size_and_time_limits() {
    let (base, _) = serve().await;
    let limit = settings().max_bytes;
    for (name, path) in [
        ("counted as bytes arrive", "/huge"),
        ("announced", "/huge-announced"),
    ] {
        let e = fetch_local(&format!("{base}{path}")).await.unwrap_err();
        assert_eq!(e, FetchError::TooLarge { limit }, "{name}");
    }
    let quick = FetchSettings {
        timeout_ms: 700,
        ..settings()
    };
    for (name, path) in [
        ("an answer that never starts", "/slow"),
        ("an answer that trickles", "/trickle"),
    ] {
        let started = Instant::now();
        let e = fetch(&format!("{base}{path}"), &quick, &super::site::local_only())
            .await
            .unwrap_err();
        assert_eq!(e, FetchError::TimedOut { ms: 700 }, "{name}");
        assert!(started.elapsed() < Duration::from_secs(5), "{name}");
    }
}
