//! Rate limits on the forms anyone can post (login, applying, tracking), per client address:
//! a token bucket that allows a burst and then one request per interval. Behind a reverse
//! proxy (`--trust-proxy`) the address is the last `X-Forwarded-For` entry, the one the proxy
//! itself saw.

use crate::{Ctx, WebError};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The most addresses remembered per bucket before full (idle) ones are forgotten.
const MAX_CLIENTS: usize = 10_000;

/// A token bucket per client address.
#[derive(Debug)]
struct Bucket {
    burst: f64,
    every: Duration,
    clients: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl Bucket {
    fn new(burst: u32, every: Duration) -> Bucket {
        Bucket {
            burst: f64::from(burst),
            every,
            clients: Mutex::default(),
        }
    }

    /// Takes a token, or says how many seconds until one is free.
    fn take(&self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        if clients.len() >= MAX_CLIENTS {
            let (burst, every) = (self.burst, self.every);
            clients.retain(|_, (tokens, at)| refill(*tokens, *at, now, burst, every) < burst);
            if clients.len() >= MAX_CLIENTS {
                // Memory stays bounded even under a spread-out flood; the buckets start again.
                clients.clear();
            }
        }
        let (tokens, at) = clients.entry(ip).or_insert((self.burst, now));
        let available = refill(*tokens, *at, now, self.burst, self.every);
        if available >= 1.0 {
            *tokens = available - 1.0;
            *at = now;
            Ok(())
        } else {
            let wait = (1.0 - available) * self.every.as_secs_f64();
            Err(wait.ceil().max(1.0) as u64)
        }
    }
}

fn refill(tokens: f64, at: Instant, now: Instant, burst: f64, every: Duration) -> f64 {
    let gained = now.saturating_duration_since(at).as_secs_f64() / every.as_secs_f64();
    (tokens + gained).min(burst)
}

/// The limits of the public forms.
#[derive(Debug)]
pub struct Limits {
    login: Bucket,
    apply: Bucket,
    track: Bucket,
    letters: Bucket,
    rate: Bucket,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            // 10 attempts, then one every 6 s (the account lockout handles a single user).
            login: Bucket::new(10, Duration::from_secs(6)),
            // 10 applications, then one a minute.
            apply: Bucket::new(10, Duration::from_secs(60)),
            // 20 queries, then one every 3 s: guessing a 查询密码 is hopeless.
            track: Bucket::new(20, Duration::from_secs(3)),
            // Letters downloaded from the tracking page: as many again, at the same pace.
            letters: Bucket::new(20, Duration::from_secs(3)),
            // 社会评议: 10 ratings, then one every 30 s from one address.
            rate: Bucket::new(10, Duration::from_secs(30)),
        }
    }
}

impl Limits {
    fn bucket(&self, path: &str) -> Option<&Bucket> {
        match path {
            "/login" => Some(&self.login),
            "/ysqgk" => Some(&self.apply),
            "/ysqgk/chaxun" | "/ysqgk/buzheng" | "/ysqgk/xiazai" => Some(&self.track),
            "/ysqgk/wenshu" => Some(&self.letters),
            "/ysqgk/pingjia" => Some(&self.rate),
            p if p.starts_with("/xxgk/") && p.ends_with("/pingjia") => Some(&self.rate),
            _ => None,
        }
    }
}

fn client(req: &Request, trust_proxy: bool) -> IpAddr {
    let forwarded = trust_proxy
        .then(|| req.headers().get("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse().ok());
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    forwarded
        .or(peer)
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// The client's address as this request shows it (the peer, or the proxy's
/// `X-Forwarded-For` with `--trust-proxy`); audit rows and login throttling use it.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// Of a request that passed [`limit_posts`] (unspecified otherwise).
    pub fn of(ext: &axum::http::Extensions) -> String {
        ext.get::<ClientAddr>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0)
            .to_string()
    }
}

/// Notes the client's address on the request, and refuses a POST to a limited form when its
/// client has used up its bucket.
pub async fn limit_posts(State(ctx): State<Ctx>, mut req: Request, next: Next) -> Response {
    let ip = client(&req, ctx.config.trust_proxy);
    req.extensions_mut().insert(ClientAddr(ip));
    let bucket = (req.method() == Method::POST)
        .then(|| ctx.limits.bucket(req.uri().path()))
        .flatten();
    if let Some(bucket) = bucket
        && let Err(secs) = bucket.take(ip, Instant::now())
    {
        return WebError::RateLimited(secs).into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_one_request_per_interval_per_address() {
        let bucket = Bucket::new(2, Duration::from_secs(6));
        let (a, b) = (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2]));
        let t0 = Instant::now();
        assert_eq!(bucket.take(a, t0), Ok(()));
        assert_eq!(bucket.take(a, t0), Ok(()));
        assert_eq!(bucket.take(a, t0), Err(6));
        assert_eq!(
            bucket.take(b, t0),
            Ok(()),
            "another address has its own bucket"
        );
        assert_eq!(bucket.take(a, t0 + Duration::from_secs(4)), Err(2));
        assert_eq!(bucket.take(a, t0 + Duration::from_secs(6)), Ok(()));
    }
}
