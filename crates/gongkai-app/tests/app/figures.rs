//! 表二's figures imported from a file (issue 7): a published report as another system exported
//! it, and the draft XLSX filled in and uploaded back.

use crate::support::each_backend;
use gongkai_app::AppError;
use gongkai_app::annual::ReportInputs;
use gongkai_domain::report::Grid;

const SEED: &[u8] = include_bytes!("../../../../test_data/reports/qiliying-zhen-2025.txt");
/// A report whose table 二 has large figures (淮安市 2024: 行政许可 447228).
const HUAIAN: &[u8] = include_bytes!("../../../../test_data/reports/huaian-shi-2024.txt");

fn same_values(ours: &Grid, theirs: &Grid) {
    for (row, col, cell) in theirs.iter() {
        if let Some(v) = cell.value() {
            assert_eq!(ours.value(row, col), Some(v), "row {row} col {col}");
        }
    }
}

#[tokio::test]
async fn table_two_is_imported_from_a_published_report_and_round_trips_through_the_draft_xlsx() {
    for f in each_backend("import_figures").await {
        let agency = f.registrar.agency_id;
        let theirs = gongkai_report::parse(HUAIAN).report;
        let their_table = theirs.proactive.as_ref().unwrap();
        let imported = f
            .app
            .import_report_figures(&f.registrar, 2024, HUAIAN.to_vec())
            .await
            .unwrap();
        assert_eq!(imported.rows, 6, "规章、规范性文件、许可、处罚、强制、收费");
        let computed = f.app.compute_report(agency, 2024).await.unwrap();
        let ours = computed.proactive.as_ref().unwrap();
        same_values(ours, their_table);
        assert_eq!(ours.cell(2, 0).display(), "447228", "行政许可");

        let xlsx = f.app.draft_xlsx(&f.registrar, 2024).await.unwrap();
        f.app
            .save_report_inputs(&f.registrar, 2024, &ReportInputs::default())
            .await
            .unwrap();
        let emptied = f.app.compute_report(agency, 2024).await.unwrap();
        assert_eq!(
            emptied.proactive.as_ref().unwrap().cell(2, 0).display(),
            "0"
        );
        f.app
            .import_report_figures(&f.registrar, 2024, xlsx)
            .await
            .unwrap();
        let again = f.app.compute_report(agency, 2024).await.unwrap();
        same_values(again.proactive.as_ref().unwrap(), their_table);
    }
}

#[tokio::test]
async fn a_file_of_another_year_another_format_or_without_table_two_is_refused_and_nothing_changes()
{
    for f in each_backend("import_refused").await {
        let refuse = |year: i32, bytes: &[u8]| {
            f.app
                .import_report_figures(&f.registrar, year, bytes.to_vec())
        };
        let Err(AppError::Invalid(m)) = refuse(2024, SEED).await else {
            panic!("another year");
        };
        assert!(m.contains("2025年度"), "{m}");
        let trial = include_bytes!("../../../../test_data/reports/shanghai-bgt-2019.txt");
        let Err(AppError::Invalid(m)) = refuse(2019, trial).await else {
            panic!("the 2019 format");
        };
        assert!(m.contains("2019年试行格式"), "{m}");
        let Err(AppError::Invalid(m)) = refuse(2025, "一份会议纪要".as_bytes()).await else {
            panic!("no table");
        };
        assert!(m.contains("没有找到"), "{m}");
        assert!(matches!(
            f.app
                .import_report_figures(&f.drafter, 2025, SEED.to_vec())
                .await,
            Err(AppError::Forbidden)
        ));
        let inputs = f
            .app
            .report_inputs(f.registrar.agency_id, 2025)
            .await
            .unwrap();
        assert!(inputs.proactive.is_empty());
    }
}
