//! Which 专栏 a public request is for, decided before routing (issue 15).
//!
//! URL scheme: with one agency on the platform its 专栏 is at `/` (`/zhinan`, `/fdzdgknr`, …).
//! With several, `/` is the platform home, `/search` searches the platform and `/ysqgk/chaxun`
//! tracks any application; each agency's 专栏 is at `/{机关代码}/` with the same pages under
//! it. The old single-agency URLs then redirect (301; 308 for a form sent there) to the
//! agency they showed, an item's to its own agency.

use crate::{Ctx, WebError};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use gongkai_app::directory::Directory;
use gongkai_app::views::Agency;
use gongkai_domain::agency::AgencyCode;

/// The 专栏 a public page belongs to.
#[derive(Clone, Debug)]
pub enum Site {
    /// One agency's 专栏.
    Agency(AgencySite),
    /// The platform's own pages (several agencies).
    Platform {
        /// The platform's name (its root agency's).
        name: String,
    },
}

/// An agency's 专栏 and where it lives.
#[derive(Clone, Debug)]
pub struct AgencySite {
    /// The agency.
    pub agency: Agency,
    /// The path prefix of its pages: empty at `/`, else `/{code}`.
    pub base: String,
    /// The platform's name when the platform hosts several agencies.
    pub platform: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Site {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Site, WebError> {
        parts
            .extensions
            .get::<Site>()
            .cloned()
            .ok_or(WebError::NotFound)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for AgencySite {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<AgencySite, WebError> {
        match Site::from_request_parts(parts, s).await? {
            Site::Agency(a) => Ok(a),
            Site::Platform { .. } => Err(WebError::NotFound),
        }
    }
}

/// Public pages (the paths under an agency's 专栏).
fn is_portal(path: &str) -> bool {
    const PAGES: [&str; 9] = [
        "/zhinan",
        "/zhidu",
        "/fdzdgknr",
        "/nianbao",
        "/ysqgk",
        "/search",
        "/large-text",
        "/high-contrast",
        "/xxgk",
    ];
    path == "/"
        || PAGES
            .iter()
            .any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

/// `/{code}/rest` → (code, `/rest`), when the first segment could be an agency's.
pub(crate) fn split_code(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix('/')?;
    let (first, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    AgencyCode::looks_like(first).then_some((first, tail))
}

/// The platform's name: its root agency's without "人民政府" (新乡县人民政府 runs the
/// 新乡县政府信息公开平台).
fn platform_name(dir: &Directory) -> String {
    let name = dir.root().map(|a| a.name.as_str()).unwrap_or_default();
    name.strip_suffix("人民政府").unwrap_or(name).to_string()
}

/// The middleware: marks the request with its [`Site`], strips `/{code}`, or redirects.
pub async fn resolve(State(ctx): State<Ctx>, mut req: Request, next: Next) -> Response {
    match decide(&ctx, &mut req).await {
        Ok(None) => next.run(req).await,
        Ok(Some(res)) => res,
        Err(e) => e.into_response(),
    }
}

async fn decide(ctx: &Ctx, req: &mut Request) -> Result<Option<Response>, WebError> {
    let path = req.uri().path().to_string();
    let portal = is_portal(&path);
    if let Some((code, rest)) = split_code(&path) {
        return prefixed(ctx, req, code, rest).await;
    }
    if !portal {
        return Ok(None);
    }
    let dir = ctx.app.directory().await?;
    if let Some(to) = old_report_url(&dir, &path) {
        return Ok(Some(moved(req, &to)));
    }
    let site = match dir.single() {
        Some(a) => Site::Agency(AgencySite {
            agency: a.clone(),
            base: String::new(),
            platform: None,
        }),
        None => {
            if let Some(to) = legacy_target(ctx, &dir, &path).await? {
                return Ok(Some(moved(req, &to)));
            }
            Site::Platform {
                name: platform_name(&dir),
            }
        }
    };
    req.extensions_mut().insert(site);
    Ok(None)
}

/// `/{code}/…`: the agency's 专栏, or 404 (unknown code, or not a public page).
async fn prefixed(
    ctx: &Ctx,
    req: &mut Request,
    code: &str,
    rest: &str,
) -> Result<Option<Response>, WebError> {
    let dir = ctx.app.directory().await?;
    let agency = dir.by_code(code).ok_or(WebError::NotFound)?;
    if rest.is_empty() {
        return Ok(Some(moved(req, &format!("/{code}/"))));
    }
    let site = AgencySite {
        agency: agency.clone(),
        base: format!("/{code}"),
        platform: dir.single().is_none().then(|| platform_name(&dir)),
    };
    if !is_portal(rest) || rest.starts_with("/nianbao/") && rest.matches('/').count() > 2 {
        // Not a page of the 专栏 (the console has no address under an agency's code): a
        // path no route has, so that the 404 is shown in the 专栏's frame.
        *req.uri_mut() = Uri::from_static("/.not-found");
        req.extensions_mut().insert(Site::Agency(site));
        return Ok(None);
    }
    let rest = match req.uri().query() {
        Some(q) => format!("{rest}?{q}"),
        None => rest.to_string(),
    };
    *req.uri_mut() = Uri::try_from(rest).map_err(|_| WebError::NotFound)?;
    req.extensions_mut().insert(Site::Agency(site));
    Ok(None)
}

/// `/nianbao/{agency id}/{year}` (the URL before issue 15) → that agency's `…/nianbao/{year}`.
fn old_report_url(dir: &Directory, path: &str) -> Option<String> {
    let rest = path.strip_prefix("/nianbao/")?;
    let (id, year) = rest.split_once('/')?;
    let agency = dir.by_id(id.parse().ok()?)?;
    let base = match dir.single() {
        Some(_) => String::new(),
        None => format!("/{}", agency.code),
    };
    Some(format!("{base}/nianbao/{year}"))
}

/// Where an old single-agency URL of a multi-agency platform now lives, if it moved.
async fn legacy_target(ctx: &Ctx, dir: &Directory, path: &str) -> Result<Option<String>, WebError> {
    let stays = [
        "/",
        "/search",
        "/large-text",
        "/high-contrast",
        "/ysqgk/chaxun",
        "/ysqgk/buzheng",
        "/ysqgk/xiazai",
        "/ysqgk/wenshu",
        "/ysqgk/pingjia",
    ];
    if stays.contains(&path) {
        return Ok(None);
    }
    if let Some(rest) = path.strip_prefix("/xxgk/") {
        let id = rest.split('/').next().and_then(|id| id.parse().ok());
        let Some(id) = id else { return Ok(None) };
        let owner = match ctx.app.public_item(id).await {
            Ok(p) => dir.by_id(p.item.agency_id),
            Err(_) => None,
        };
        return Ok(owner.map(|a| format!("/{}{path}", a.code)));
    }
    Ok(dir.legacy().map(|a| format!("/{}{path}", a.code)))
}

/// A permanent redirect keeping the query: 301 for a page, 308 for a form sent to it.
fn moved(req: &Request, to: &str) -> Response {
    let to = match req.uri().query() {
        Some(q) => format!("{to}?{q}"),
        None => to.to_string(),
    };
    let status = match *req.method() {
        Method::GET | Method::HEAD => StatusCode::MOVED_PERMANENTLY,
        _ => StatusCode::PERMANENT_REDIRECT,
    };
    (status, [(header::LOCATION, to)]).into_response()
}
