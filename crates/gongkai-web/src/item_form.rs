//! The drafter's item form (新建 and 修改草稿): what was typed is shown again with the reason
//! when it cannot be saved, and the 标准目录 domain is chosen from the agency's list.

use crate::pages::{Nav, article20_label};
use crate::respond::page_with_status;
use crate::staff::Staff;
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::ItemFields;
use gongkai_domain::disclosure::Permission;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/console/items/new", get(new_item))
        .route("/console/items", post(create_item))
        .route("/console/items/{id}/edit", get(edit_item).post(update_item))
}

/// The drafter's form, as strings (what was typed is shown again on an error).
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ItemForm {
    csrf: String,
    title: String,
    doc_no: String,
    written_on: String,
    publisher: String,
    topic: String,
    article20_item: String,
    domain: String,
    keywords: String,
    summary: String,
    body: String,
}

impl ItemForm {
    /// The fields, or the reason (in Chinese) why the 成文日期 cannot be read.
    fn fields(&self) -> Result<ItemFields, String> {
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let written_on = opt(&self.written_on)
            .map(|d| Date::parse(&d))
            .transpose()
            .map_err(|e| format!("成文日期：{e}"))?;
        Ok(ItemFields {
            title: self.title.trim().into(),
            summary: self.summary.trim().into(),
            body: self.body.trim().into(),
            publisher: self.publisher.trim().into(),
            topic: self.topic.trim().into(),
            doc_no: self.doc_no.trim().into(),
            written_on,
            keywords: self.keywords.trim().into(),
            article20_item: self.article20_item.trim().parse().ok(),
            article21_item: None,
            domain: opt(&self.domain),
        })
    }

    fn of(f: &ItemFields) -> ItemForm {
        ItemForm {
            csrf: String::new(),
            title: f.title.clone(),
            doc_no: f.doc_no.clone(),
            written_on: f.written_on.map(|d| d.to_string()).unwrap_or_default(),
            publisher: f.publisher.clone(),
            topic: f.topic.clone(),
            article20_item: f.article20_item.map(|n| n.to_string()).unwrap_or_default(),
            domain: f.domain.clone().unwrap_or_default(),
            keywords: f.keywords.clone(),
            summary: f.summary.clone(),
            body: f.body.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "item_form.html")]
struct ItemFormPage {
    nav: Nav,
    item_id: Option<i64>,
    f: ItemForm,
    error: Option<String>,
    articles: Vec<(i64, &'static str)>,
    domains: Vec<String>,
    /// 主题分类 offered (the agency's controlled list).
    topics: Vec<String>,
}

async fn form_page(
    ctx: &Ctx,
    staff: &Staff,
    item_id: Option<i64>,
    f: ItemForm,
    error: Option<String>,
) -> Result<Response, WebError> {
    let status = if error.is_some() {
        axum::http::StatusCode::BAD_REQUEST
    } else {
        axum::http::StatusCode::OK
    };
    let articles = (1..=15).map(|n| (n, article20_label(n))).collect();
    let settings = ctx.app.settings(staff.actor.agency_id).await?;
    let (mut domains, mut topics) = (settings.domain_list(), settings.topic_list());
    // A value no longer in the list is still offered, so that nothing typed is lost.
    if !f.domain.is_empty() && !domains.contains(&f.domain) {
        domains.push(f.domain.clone());
    }
    if !f.topic.is_empty() && !topics.contains(&f.topic) {
        topics.push(f.topic.clone());
    }
    page_with_status(
        status,
        &ItemFormPage {
            nav: Nav::of(&staff.actor, &staff.csrf),
            item_id,
            f,
            error,
            articles,
            domains,
            topics,
        },
    )
}

async fn new_item(State(ctx): State<Ctx>, staff: Staff) -> Result<Response, WebError> {
    staff.require(Permission::Draft)?;
    let f = ItemForm {
        publisher: ctx.app.own_agency_name(&staff.actor).await?,
        ..ItemForm::default()
    };
    form_page(&ctx, &staff, None, f, None).await
}

async fn create_item(
    State(ctx): State<Ctx>,
    staff: Staff,
    Form(f): Form<ItemForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Draft)?;
    staff.check_csrf(&f.csrf)?;
    let fields = match f.fields() {
        Ok(fields) => fields,
        Err(why) => return form_page(&ctx, &staff, None, f, Some(why)).await,
    };
    match ctx.app.create_item(&staff.actor, &fields).await {
        Ok(id) => Ok(Redirect::to(&format!("/console/items/{id}?msg=created")).into_response()),
        Err(e) if e.is_input() => form_page(&ctx, &staff, None, f, Some(e.to_string())).await,
        Err(e) => Err(e.into()),
    }
}

async fn edit_item(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    staff.require(Permission::Draft)?;
    let view = ctx.app.item_view(&staff.actor, id).await?;
    form_page(
        &ctx,
        &staff,
        Some(id),
        ItemForm::of(&view.item.fields),
        None,
    )
    .await
}

async fn update_item(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<ItemForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Draft)?;
    staff.check_csrf(&f.csrf)?;
    let fields = match f.fields() {
        Ok(fields) => fields,
        Err(why) => return form_page(&ctx, &staff, Some(id), f, Some(why)).await,
    };
    match ctx.app.edit_item(&staff.actor, id, &fields).await {
        Ok(()) => Ok(Redirect::to(&format!("/console/items/{id}?msg=saved")).into_response()),
        Err(e) if e.is_input() => form_page(&ctx, &staff, Some(id), f, Some(e.to_string())).await,
        Err(e) => Err(e.into()),
    }
}
