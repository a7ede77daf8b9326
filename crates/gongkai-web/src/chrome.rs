//! What every public page shows around its content: the 专栏's (or the platform's) name, the
//! menu with its links under the 专栏's path, the way back to the platform, the 大字版 and 高对比度.

use crate::site::{AgencySite, Site};
use crate::staff::cookie;
use axum::http::HeaderMap;

/// What every portal page shows around its content.
pub struct Chrome {
    /// The agency whose 专栏 this is, or the platform's name.
    pub site: String,
    /// "政府信息公开专栏" or "政府信息公开平台".
    pub kind: &'static str,
    /// The path prefix of this 专栏's pages (empty at `/`).
    pub base: String,
    /// The platform's name, when this 专栏 is one of several.
    pub platform: Option<String>,
    /// 适老化 large text.
    pub large: bool,
    /// 高对比度.
    pub contrast: bool,
    /// The menu entry of this page (its path under the 专栏).
    pub current: &'static str,
    /// The menu: (path under the 专栏, label).
    menu: &'static [(&'static str, &'static str)],
}

const MENU: [(&str, &str); 7] = [
    ("/", "首页"),
    ("/zhinan", "政府信息公开指南"),
    ("/zhidu", "政府信息公开制度"),
    ("/fdzdgknr", "法定主动公开内容"),
    ("/nianbao", "政府信息公开年报"),
    ("/ysqgk", "依申请公开"),
    ("/search", "搜索"),
];

const PLATFORM_MENU: [(&str, &str); 3] = [
    ("/", "平台首页"),
    ("/search", "全平台搜索"),
    ("/ysqgk/chaxun", "申请办理查询"),
];

impl Chrome {
    /// The menu: (href, path under the 专栏, label).
    pub fn menu(&self) -> Vec<(String, &'static str, &'static str)> {
        self.menu
            .iter()
            .map(|(path, label)| (self.href(path), *path, *label))
            .collect()
    }

    /// A path of this 专栏 as a link.
    pub fn href(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Whether the menu entry at `path` is this page's.
    pub fn is_current(&self, path: &str) -> bool {
        path == self.current
    }

    /// The classes of the page's body: the display preferences chosen.
    pub fn body_class(&self) -> &'static str {
        match (self.large, self.contrast) {
            (true, true) => "large contrast",
            (true, false) => "large",
            (false, true) => "contrast",
            (false, false) => "",
        }
    }

    /// The 专栏's home.
    pub fn home(&self) -> String {
        self.href("/")
    }
}

/// The chrome of an agency's 专栏.
pub fn agency_chrome(site: &AgencySite, headers: &HeaderMap, current: &'static str) -> Chrome {
    Chrome {
        site: site.agency.name.clone(),
        kind: "政府信息公开专栏",
        base: site.base.clone(),
        platform: site.platform.clone(),
        large: on(headers, "gk_large"),
        contrast: on(headers, "gk_contrast"),
        current,
        menu: &MENU,
    }
}

/// The chrome of any public page.
pub fn chrome(site: &Site, headers: &HeaderMap, current: &'static str) -> Chrome {
    match site {
        Site::Agency(a) => agency_chrome(a, headers, current),
        Site::Platform { name } => Chrome {
            site: name.clone(),
            kind: "政府信息公开平台",
            base: String::new(),
            platform: None,
            large: on(headers, "gk_large"),
            contrast: on(headers, "gk_contrast"),
            current,
            menu: &PLATFORM_MENU,
        },
    }
}

fn on(headers: &HeaderMap, name: &str) -> bool {
    cookie(headers, name).is_some_and(|v| v == "1")
}
