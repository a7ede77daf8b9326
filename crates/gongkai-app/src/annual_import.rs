//! 表二's figures imported from a file: the report as another system exported it, or the
//! draft downloaded as XLSX and filled in with WPS or Excel. Any format the report parser
//! reads (text, HTML, DOCX, XLSX, PDF) is accepted; the figures replace what was entered for
//! the rows the file has, and the narrative sections stay as they are.

use crate::auth::Actor;
use crate::{App, AppError};
use gongkai_domain::check::Severity;
use gongkai_domain::disclosure::Permission;
use gongkai_domain::report::{AnnualReport, Format, Grid};
use gongkai_store::audit::AuditEntry;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// Rows of 表二 taken from the file.
    pub rows: usize,
    /// What the parser noticed (errors first), for the clerk to look at.
    pub notes: Vec<String>,
}

fn table_two(report: &AnnualReport, year: i32) -> Result<&Grid, AppError> {
    if report.format != Format::Current2021 {
        return Err(AppError::Invalid(
            "文件为2019年试行格式的年度报告，表二的行与现行格式不同，无法导入".into(),
        ));
    }
    if let Some(y) = report.year.filter(|y| *y != year) {
        return Err(AppError::Invalid(format!(
            "文件是{y}年度的报告，当前填写的是{year}年度，未导入"
        )));
    }
    report.proactive.as_ref().ok_or_else(|| {
        AppError::Invalid("文件中没有找到“二、主动公开政府信息情况”表格，未导入".into())
    })
}

impl App {
    /// Imports 表二 for `year` from a file (the 党政办).
    pub async fn import_report_figures(
        &self,
        actor: &Actor,
        year: i32,
        bytes: Vec<u8>,
    ) -> Result<Imported, AppError> {
        actor.require(Permission::Register)?;
        self.report_year(year)?;
        let parsed = tokio::task::spawn_blocking(move || gongkai_report::parse(&bytes))
            .await
            .map_err(|e| AppError::Invalid(format!("文件读取失败：{e}")))?;
        let grid = table_two(&parsed.report, year)?;
        let mut inputs = self.report_inputs(actor.agency_id, year).await?;
        let mut rows = 0;
        for (i, row) in Format::Current2021.proactive_rows().iter().enumerate() {
            if grid.has_row(i) {
                let cells = (0..row.columns.len())
                    .map(|c| grid.cell(i, c).display())
                    .collect();
                inputs.proactive.insert(row.key.to_string(), cells);
                rows += 1;
            }
        }
        self.save_report_inputs(actor, year, &inputs).await?;
        self.audit_import(actor, year, rows).await?;
        let mut diagnostics = parsed.diagnostics;
        diagnostics.sort_by_key(|f| std::cmp::Reverse(f.severity));
        let notes = diagnostics
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .map(|f| f.message.clone())
            .collect();
        Ok(Imported { rows, notes })
    }

    async fn audit_import(&self, actor: &Actor, year: i32, rows: usize) -> Result<(), AppError> {
        let mut tx = self.begin_as(actor).await?;
        let entry = AuditEntry {
            actor: &actor.username,
            action: "report.import_figures",
            entity: "report",
            entity_id: &year.to_string(),
            detail: &format!("表二导入{rows}行"),
        };
        tx.audit(&entry).await?;
        tx.commit().await?;
        Ok(())
    }
}

impl App {
    /// The draft report of `year` as XLSX, to fill 表二 in WPS or Excel and import it back.
    pub async fn draft_xlsx(&self, actor: &Actor, year: i32) -> Result<Vec<u8>, AppError> {
        if !(actor.may(Permission::Register) || actor.may(Permission::Approve)) {
            return Err(AppError::Forbidden);
        }
        let (report, findings) = self.report_with_findings(actor.agency_id, year).await?;
        gongkai_report::xlsx::write(&report, &findings)
            .map_err(|e| AppError::Internal(format!("生成 XLSX 失败：{e}")))
    }
}
