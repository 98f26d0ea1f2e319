//! Which addresses the bot may fetch from: the guard against server-side request forgery.
//!
//! Anyone in a server can paste a link, so a link must not make the bot read from the machine
//! it runs on or from the network behind it (a database's admin page, a cloud metadata
//! service). The check is made on the *resolved* address, for every hop of a redirect chain,
//! and the connection then goes to exactly the address that was checked
//! ([`super::http`] pins it), so a name that resolves once to a public address and then to a
//! private one (DNS rebinding) cannot slip through.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The addresses a fetch may connect to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressPolicy {
    /// Any address at all: loopback, private networks and the rest (the command line, run by
    /// the operator; the `fetch.allow_private` setting for tests and self-hosted deployments).
    pub allow_private: bool,
    /// Exactly these addresses besides the public ones.
    pub exempt: Vec<IpAddr>,
}

impl AddressPolicy {
    /// Public addresses only: what the bot fetches for strangers.
    pub fn public_only() -> Self {
        AddressPolicy::default()
    }

    /// Every address.
    pub fn any() -> Self {
        AddressPolicy {
            allow_private: true,
            exempt: Vec::new(),
        }
    }

    /// Whether a connection to `ip` is allowed.
    pub fn allows(&self, ip: IpAddr) -> bool {
        self.allow_private || self.exempt.contains(&ip) || is_public(ip)
    }
}

/// Whether `ip` is a public unicast address: not loopback, private, link-local, unique-local,
/// shared (CGNAT), multicast, unspecified, broadcast, reserved, benchmarking or documentation.
/// An IPv6 address that embeds an IPv4 one (mapped, NAT64) is judged by the IPv4 address.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

/// IPv4 ranges that are not public: (network, prefix length).
const V4_BLOCKED: [(u32, u32); 16] = [
    (0x0000_0000, 8),  // 0.0.0.0/8 "this network", unspecified
    (0x0a00_0000, 8),  // 10.0.0.0/8 private
    (0x6440_0000, 10), // 100.64.0.0/10 shared address space (CGNAT)
    (0x7f00_0000, 8),  // 127.0.0.0/8 loopback
    (0xa9fe_0000, 16), // 169.254.0.0/16 link-local (cloud metadata services)
    (0xac10_0000, 12), // 172.16.0.0/12 private
    (0xc000_0000, 24), // 192.0.0.0/24 IETF protocol assignments
    (0xc000_0200, 24), // 192.0.2.0/24 documentation
    (0xc058_6300, 24), // 192.88.99.0/24 6to4 relay anycast
    (0xc0a8_0000, 16), // 192.168.0.0/16 private
    (0xc612_0000, 15), // 198.18.0.0/15 benchmarking
    (0xc633_6400, 24), // 198.51.100.0/24 documentation
    (0xcb00_7100, 24), // 203.0.113.0/24 documentation
    (0xe000_0000, 4),  // 224.0.0.0/4 multicast
    (0xf000_0000, 4),  // 240.0.0.0/4 reserved, and the broadcast address
    (0xffff_ffff, 32), // 255.255.255.255 broadcast
];

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let n = u32::from(ip);
    !V4_BLOCKED
        .iter()
        .any(|&(net, len)| n >> (32 - len) == net >> (32 - len))
}

/// IPv6 ranges that are not public: (network, prefix length).
const V6_BLOCKED: [(u128, u32); 12] = [
    (0, 128),                                        // :: unspecified
    (1, 128),                                        // ::1 loopback
    (0x0100_0000_0000_0000_0000_0000_0000_0000, 64), // 100::/64 discard
    (0x2001_0000_0000_0000_0000_0000_0000_0000, 23), // 2001::/23 IETF assignments (Teredo among them)
    (0x2001_0db8_0000_0000_0000_0000_0000_0000, 32), // 2001:db8::/32 documentation
    (0x2002_0000_0000_0000_0000_0000_0000_0000, 16), // 2002::/16 6to4, any IPv4 behind it
    (0x3fff_0000_0000_0000_0000_0000_0000_0000, 20), // 3fff::/20 documentation
    (0x5f00_0000_0000_0000_0000_0000_0000_0000, 16), // 5f00::/16 segment routing
    (0xfc00_0000_0000_0000_0000_0000_0000_0000, 7),  // fc00::/7 unique local
    (0xfe80_0000_0000_0000_0000_0000_0000_0000, 10), // fe80::/10 link-local
    (0xfec0_0000_0000_0000_0000_0000_0000_0000, 10), // fec0::/10 site-local (deprecated)
    (0xff00_0000_0000_0000_0000_0000_0000_0000, 8),  // ff00::/8 multicast
];

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = embedded_v4(ip) {
        return is_public_v4(v4);
    }
    let n = u128::from(ip);
    !V6_BLOCKED
        .iter()
        .any(|&(net, len)| n >> (128 - len) == net >> (128 - len))
}

/// The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`)
/// or NAT64 (`64:ff9b::a.b.c.d`, `64:ff9b:1::/48`) address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let n = u128::from(ip);
    let low = Ipv4Addr::from((n & 0xffff_ffff) as u32);
    let mapped = n >> 32 == 0xffff;
    let compatible = n >> 32 == 0 && n > 1;
    let nat64 = n >> 32 == 0x0064_ff9b_0000_0000_0000_0000 || n >> 80 == 0x0064_ff9b_0001;
    (mapped || compatible || nat64).then_some(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_public_addresses_are_refused() {
        let refused = [
            ("loopback", "127.0.0.1"),
            ("loopback, anywhere in 127/8", "127.4.5.6"),
            ("unspecified", "0.0.0.0"),
            ("private 10/8", "10.1.2.3"),
            ("private 172.16/12", "172.31.255.255"),
            ("private 192.168/16", "192.168.0.1"),
            ("shared address space (CGNAT)", "100.64.0.1"),
            ("link-local, cloud metadata", "169.254.169.254"),
            ("documentation", "192.0.2.10"),
            ("documentation", "198.51.100.7"),
            ("documentation", "203.0.113.9"),
            ("benchmarking", "198.18.0.1"),
            ("multicast", "224.0.0.1"),
            ("reserved", "240.0.0.1"),
            ("broadcast", "255.255.255.255"),
            ("IPv6 loopback", "::1"),
            ("IPv6 unspecified", "::"),
            ("IPv6 unique local", "fd00::1"),
            ("IPv6 link-local", "fe80::1"),
            ("IPv6 multicast", "ff02::1"),
            ("IPv6 documentation", "2001:db8::1"),
            ("IPv4-mapped loopback", "::ffff:127.0.0.1"),
            ("IPv4-mapped private", "::ffff:10.0.0.1"),
            ("NAT64 of link-local", "64:ff9b::a9fe:a9fe"),
            ("6to4", "2002:c0a8:0001::1"),
            ("Teredo", "2001:0:4136:e378::1"),
        ];
        for (name, ip) in refused {
            let ip: IpAddr = ip.parse().unwrap();
            assert!(!is_public(ip), "{name}: {ip}");
            assert!(!AddressPolicy::public_only().allows(ip), "{name}: {ip}");
            assert!(AddressPolicy::any().allows(ip), "{name}: {ip}");
        }
    }

    #[test]
    fn public_addresses_are_allowed() {
        let allowed = [
            ("IPv4", "93.184.216.34"),
            ("just past 172.16/12", "172.32.0.1"),
            ("just past CGNAT", "100.128.0.1"),
            ("IPv4 public DNS", "8.8.8.8"),
            ("IPv6 global", "2606:4700:4700::1111"),
            ("IPv4-mapped public", "::ffff:8.8.8.8"),
        ];
        for (name, ip) in allowed {
            let ip: IpAddr = ip.parse().unwrap();
            assert!(is_public(ip), "{name}: {ip}");
        }
    }

    #[test]
    fn exempt_addresses_are_exactly_those() {
        let policy = AddressPolicy {
            allow_private: false,
            exempt: vec!["127.0.0.1".parse().unwrap()],
        };
        assert!(policy.allows("127.0.0.1".parse().unwrap()));
        assert!(!policy.allows("127.0.0.2".parse().unwrap()));
        assert!(!policy.allows("10.0.0.1".parse().unwrap()));
    }
}
