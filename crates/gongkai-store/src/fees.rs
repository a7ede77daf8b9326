//! 信息处理费 notices and payments (国办函〔2020〕109号), amounts in whole 元. A notice is stored
//! with the event that issues it; the payment marks the application's open notice paid.

use crate::{Store, StoreError, Tx, on_pool, on_tx};

/// A fee notice to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFee<'a> {
    /// The application.
    pub application_id: i64,
    /// `items` (按件) or `pages` (按量).
    pub basis: &'a str,
    /// Applications or pages counted.
    pub quantity: i64,
    /// Amount in 元.
    pub amount_yuan: i64,
    /// The notice's date (`YYYY-MM-DD`).
    pub notified_on: &'a str,
}

impl Tx {
    /// Stores a fee notice.
    pub async fn insert_fee(&mut self, f: &NewFee<'_>) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO fees (application_id, basis, quantity, amount_yuan, notified_on) \
                           VALUES ($1, $2, $3, $4, $5)";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(f.application_id)
            .bind(f.basis)
            .bind(f.quantity)
            .bind(f.amount_yuan)
            .bind(f.notified_on)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Marks the application's unpaid notices paid on `paid_on`.
    pub async fn fee_paid(&mut self, application_id: i64, paid_on: &str) -> Result<(), StoreError> {
        const SQL: &str =
            "UPDATE fees SET paid_on = $2 WHERE application_id = $1 AND paid_on IS NULL";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(application_id)
            .bind(paid_on)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

impl Store {
    /// Fees an agency collected in `year`: (applications, total 元).
    pub async fn fees_collected(
        &self,
        agency_id: i64,
        year: i32,
    ) -> Result<(i64, i64), StoreError> {
        const SQL: &str = "SELECT CAST(COUNT(DISTINCT f.application_id) AS BIGINT), \
            CAST(COALESCE(SUM(f.amount_yuan), 0) AS BIGINT) FROM fees f \
            JOIN applications a ON a.id = f.application_id \
            WHERE a.agency_id = $1 AND f.paid_on >= $2 AND f.paid_on <= $3 AND f.waived = 0";
        let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .bind(&from)
            .bind(&to)
            .fetch_one(p)
            .await)?)
    }
}
