//! Published 年度报告 for the portal's 年报 column: immutable snapshots of the canonical JSON,
//! rendered by the report engine into a page and downloads.

use crate::views::ReportVersion;
use crate::{App, AppError};
use gongkai_domain::check::Severity;
use gongkai_domain::report::AnnualReport;
use gongkai_store::reports::Snapshot;

/// A published report, read back.
#[derive(Debug, Clone)]
pub struct PublishedReport {
    /// The stored snapshot (body, hash, version).
    pub snapshot: ReportVersion,
    /// The report.
    pub report: AnnualReport,
    /// The agency's name.
    pub agency_name: String,
}

/// A download format of the 年报 column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Download {
    /// Word.
    Docx,
    /// Excel.
    Xlsx,
    /// PDF.
    Pdf,
    /// Canonical JSON.
    Json,
    /// Markdown.
    Markdown,
    /// HTML (the official table layout).
    Html,
    /// Plain text (tab-separated tables).
    Text,
}

impl Download {
    /// From the file extension.
    pub fn parse(ext: &str) -> Option<Download> {
        match ext {
            "docx" => Some(Download::Docx),
            "xlsx" => Some(Download::Xlsx),
            "pdf" => Some(Download::Pdf),
            "json" => Some(Download::Json),
            "md" => Some(Download::Markdown),
            "html" => Some(Download::Html),
            "txt" => Some(Download::Text),
            _ => None,
        }
    }

    /// The media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Download::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Download::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Download::Pdf => "application/pdf",
            Download::Json => "application/json",
            Download::Markdown => "text/markdown; charset=utf-8",
            Download::Html => "text/html; charset=utf-8",
            Download::Text => "text/plain; charset=utf-8",
        }
    }

    /// Every format, with its file extension.
    pub const ALL: [(Download, &'static str); 7] = [
        (Download::Pdf, "pdf"),
        (Download::Docx, "docx"),
        (Download::Xlsx, "xlsx"),
        (Download::Html, "html"),
        (Download::Markdown, "md"),
        (Download::Text, "txt"),
        (Download::Json, "json"),
    ];

    /// Its name for people.
    pub fn label(self) -> &'static str {
        match self {
            Download::Docx => "Word（DOCX）",
            Download::Xlsx => "Excel（XLSX）",
            Download::Pdf => "PDF",
            Download::Json => "JSON",
            Download::Markdown => "Markdown",
            Download::Html => "网页（HTML）",
            Download::Text => "纯文本",
        }
    }
}

impl App {
    /// Publishes report text (any format the parser reads) as the next version of the
    /// agency's report for `year`; refused while the checker finds errors.
    pub async fn publish_report_file(
        &self,
        agency_id: i64,
        year: i64,
        bytes: &[u8],
        user_id: i64,
        actor: &str,
    ) -> Result<i64, AppError> {
        let parsed = gongkai_report::parse(bytes);
        let errors = parsed
            .findings(None)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        if errors > 0 {
            return Err(AppError::NotNow(format!(
                "年度报告有 {errors} 处错误，改正后才能发布"
            )));
        }
        let body = gongkai_report::json::write(&parsed.report, &[]);
        let mut tx = self.begin_scoped(Some(agency_id), "").await?;
        let version = tx
            .publish_report(
                (agency_id, year),
                &body,
                "",
                user_id,
                actor,
                self.clock.now_ms(),
            )
            .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// The published reports of an agency (latest version of each), newest year first.
    pub async fn published_reports(
        &self,
        agency_id: i64,
    ) -> Result<Vec<PublishedReport>, AppError> {
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for s in self.store.snapshots(Some(agency_id)).await? {
            if seen.contains(&(s.agency_id, s.year)) {
                continue;
            }
            seen.push((s.agency_id, s.year));
            out.push(self.read_snapshot(s).await?);
        }
        Ok(out)
    }

    /// The latest version of an agency's report for a year.
    pub async fn published_report(
        &self,
        agency_id: i64,
        year: i64,
    ) -> Result<PublishedReport, AppError> {
        let s = self.store.snapshot(agency_id, year).await?;
        self.read_snapshot(s.ok_or(AppError::NotFound("该年度报告"))?)
            .await
    }

    async fn read_snapshot(&self, snapshot: Snapshot) -> Result<PublishedReport, AppError> {
        let parsed = gongkai_report::json::read(&snapshot.body)
            .map_err(|e| AppError::Internal(format!("年度报告快照无法读取：{e}")))?;
        let agency = self.store.agency(snapshot.agency_id).await?;
        Ok(PublishedReport {
            snapshot: snapshot.into(),
            report: parsed.report,
            agency_name: agency.map(|a| a.name).unwrap_or_default(),
        })
    }
}

/// A published report as a file.
pub fn report_file(r: &PublishedReport, format: Download) -> Result<Vec<u8>, AppError> {
    match format {
        Download::Json => Ok(r.snapshot.body.clone().into_bytes()),
        _ => report_bytes(&r.report, format),
    }
}

/// Any report as a file in `format`.
pub fn report_bytes(report: &AnnualReport, format: Download) -> Result<Vec<u8>, AppError> {
    use gongkai_report::render;
    let fail = |e: String| AppError::Internal(format!("生成文件失败：{e}"));
    match format {
        Download::Json => Ok(gongkai_report::json::write(report, &[]).into_bytes()),
        Download::Markdown => Ok(render::markdown(report).into_bytes()),
        Download::Html => Ok(render::html(report).into_bytes()),
        Download::Text => Ok(render::text(report).into_bytes()),
        Download::Docx => gongkai_report::docx::write(report).map_err(fail),
        Download::Xlsx => gongkai_report::xlsx::write(report, &[]).map_err(|e| fail(e.to_string())),
        Download::Pdf => {
            let fonts =
                gongkai_report::pdf::Fonts::discover(None).map_err(|e| fail(e.to_string()))?;
            gongkai_report::pdf::write(report, &fonts).map_err(fail)
        }
    }
}
