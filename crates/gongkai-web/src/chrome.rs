//! What every public page shows around its content: the 专栏's name, the menu and the 大字版
//! setting, for the agency whose 专栏 is shown.

use crate::staff::cookie;
use crate::{Ctx, WebError};
use axum::http::HeaderMap;
use gongkai_app::views::Agency;

/// What every portal page shows around its content.
pub struct Chrome {
    /// The agency whose 专栏 this is.
    pub site: String,
    /// 适老化 large text.
    pub large: bool,
    /// The menu entry of this page.
    pub current: &'static str,
}

const MENU: [(&str, &str); 8] = [
    ("/", "首页"),
    ("/zhinan", "政府信息公开指南"),
    ("/zhidu", "政府信息公开制度"),
    ("/fdzdgknr", "法定主动公开内容"),
    ("/nianbao", "政府信息公开年报"),
    ("/ysqgk", "依申请公开"),
    ("/search", "搜索"),
    ("/login", "工作人员登录"),
];

impl Chrome {
    /// The menu: (href, label).
    pub fn menu(&self) -> &'static [(&'static str, &'static str)] {
        &MENU[..7]
    }
}

/// The agency whose 专栏 this site is ([`gongkai_app::App::portal_agency`]).
pub async fn portal_agency(ctx: &Ctx) -> Result<Agency, WebError> {
    Ok(ctx.app.portal_agency().await?)
}

pub async fn chrome(
    ctx: &Ctx,
    headers: &HeaderMap,
    current: &'static str,
) -> Result<(Chrome, Agency), WebError> {
    let agency = portal_agency(ctx).await?;
    let large = cookie(headers, "gk_large").is_some_and(|v| v == "1");
    Ok((
        Chrome {
            site: agency.name.clone(),
            large,
            current,
        },
        agency,
    ))
}
