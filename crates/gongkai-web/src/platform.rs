//! 平台首页: the root agency's own 专栏 first, then the directory of every agency the platform
//! hosts, as a tree grouped into 政府部门 and 乡镇（街道）, each with what it published this
//! year and when it last published (issue 15).

use crate::chrome::{Chrome, chrome};
use crate::respond::page;
use crate::site::Site;
use crate::{Ctx, WebError};
use askama::Template;
use axum::http::HeaderMap;
use axum::response::Response;
use gongkai_app::directory::DirectoryLine;
use gongkai_domain::report::deadline::AgencyKind;
use std::collections::HashMap;

/// A row of the directory: a group heading or an agency, at a depth of the tree.
pub struct Row {
    /// Indentation level.
    depth: usize,
    /// A group heading (政府部门, 乡镇（街道）) instead of an agency.
    heading: Option<&'static str>,
    /// The agency's name.
    name: String,
    /// Its 专栏.
    href: String,
    /// Items published this year.
    this_year: i64,
    /// Last publication date.
    last_update: String,
}

#[derive(Template)]
#[template(path = "platform.html")]
struct PlatformHome {
    chrome: Chrome,
    rows: Vec<Row>,
    agencies: usize,
    year: i32,
}

/// The platform home.
pub async fn home(ctx: &Ctx, site: &Site, headers: &HeaderMap) -> Result<Response, WebError> {
    let chrome = chrome(site, headers, "/");
    let lines = ctx.app.directory_lines().await?;
    page(&PlatformHome {
        chrome,
        agencies: lines.len(),
        rows: tree(&lines),
        year: ctx.app.today().year(),
    })
}

/// The directory as rows: every root with, under it, its departments and then its
/// subordinate governments (each with its own subtree), in order of creation.
fn tree(lines: &[DirectoryLine]) -> Vec<Row> {
    let mut children: HashMap<Option<i64>, Vec<&DirectoryLine>> = HashMap::new();
    for l in lines {
        children.entry(l.agency.parent_id).or_default().push(l);
    }
    let known: std::collections::HashSet<i64> = lines.iter().map(|l| l.agency.id).collect();
    let mut rows = Vec::new();
    let roots = lines
        .iter()
        .filter(|l| l.agency.parent_id.is_none_or(|p| !known.contains(&p)));
    for root in roots {
        walk(root, 0, &children, &mut rows);
    }
    rows
}

fn walk(
    line: &DirectoryLine,
    depth: usize,
    children: &HashMap<Option<i64>, Vec<&DirectoryLine>>,
    rows: &mut Vec<Row>,
) {
    if depth > 16 {
        return;
    }
    rows.push(agency_row(line, depth));
    let under = children
        .get(&Some(line.agency.id))
        .map_or(&[][..], Vec::as_slice);
    for (kind, heading) in [
        (AgencyKind::Department, "政府部门"),
        (AgencyKind::Government, "乡镇（街道）"),
    ] {
        let group: Vec<_> = under.iter().filter(|l| l.agency.kind == kind).collect();
        if group.is_empty() {
            continue;
        }
        rows.push(heading_row(heading, depth + 1));
        for l in group {
            walk(l, depth + 1, children, rows);
        }
    }
}

fn agency_row(l: &DirectoryLine, depth: usize) -> Row {
    Row {
        depth,
        heading: None,
        name: l.agency.name.clone(),
        href: format!("/{}/", l.agency.code),
        this_year: l.this_year,
        last_update: crate::pages::day(l.last_update),
    }
}

fn heading_row(heading: &'static str, depth: usize) -> Row {
    Row {
        depth,
        heading: Some(heading),
        name: String::new(),
        href: String::new(),
        this_year: 0,
        last_update: String::new(),
    }
}
