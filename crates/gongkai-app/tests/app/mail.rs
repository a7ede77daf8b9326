//! Letter templates and e-mail notifications (issue 7): the agency's own wording, the outbox
//! written with the letter, delivery over real SMTP, retries and giving up.

use crate::support::{Fixture, app_on, each_backend};
use base64::Engine;
use gongkai_app::AppError;
use gongkai_app::cases::ApplicationInput;
use gongkai_app::mail::Mailer;
use gongkai_domain::clock::{ApplicantType, Date, Event, Outcome};
use gongkai_domain::letters::LetterKind;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn applicant(contact: &str) -> ApplicationInput {
    ApplicationInput {
        applicant_type: Some(ApplicantType::NaturalPerson),
        name: "王小明".into(),
        id_no: "11010519491231002X".into(),
        contact: contact.into(),
        address: "七里营镇七里营村".into(),
        request: "七里营村道路硬化工程招标文件".into(),
        provision: "电子邮件".into(),
        ..ApplicationInput::default()
    }
}

/// An answered application; returns its id.
async fn answered(f: &Fixture, contact: &str) -> i64 {
    let id = f
        .app
        .apply_online(f.registrar.agency_id, &applicant(contact))
        .await
        .unwrap()
        .id;
    for e in [
        Event::Confirmed {
            on: d("2025-06-03"),
        },
        Event::Answered {
            on: d("2025-06-03"),
            outcome: Outcome::Granted,
        },
    ] {
        f.app.record_event(&f.registrar, id, e, "").await.unwrap();
    }
    id
}

#[tokio::test]
async fn the_answer_uses_the_agencys_own_template_and_a_template_missing_the_remedy_is_refused() {
    for f in each_backend("letter_template").await {
        let own = "{{收件人}}同志：\n关于“{{申请内容}}”：{{答复决定}}{{区分处理说明}}{{不予公开理由}}{{获取方式}}\n不服的，可向{{复议机关}}申请复议。\n{{机关}}";
        let save = |a, t: &'static str| f.app.save_letter_template(a, LetterKind::Answer, t);
        assert!(matches!(
            save(&f.drafter, own).await,
            Err(AppError::Forbidden)
        ));
        let refused = save(
            &f.registrar,
            "{{收件人}}：\n{{答复决定}}{{区分处理说明}}{{不予公开理由}}{{获取方式}}",
        )
        .await;
        let Err(e @ AppError::Template(_)) = refused else {
            panic!("a template without the 复议机关 must be refused: {refused:?}");
        };
        assert_eq!(e.code(), "letter-template-missing-field");
        assert!(e.to_string().contains("{{复议机关}}"), "{e}");
        save(&f.registrar, own).await.unwrap();
        let id = answered(&f, "13812345678").await;
        let letter = f.app.letters_of(id).await.unwrap().remove(0);
        assert_eq!(letter.paragraphs[0], "王小明同志：");
        assert!(
            letter.paragraphs[2].contains("可向上一级行政机关申请复议"),
            "{letter:?}"
        );
        save(&f.registrar, "  ").await.unwrap();
        let back = f
            .app
            .letter_template(f.registrar.agency_id, LetterKind::Answer)
            .await
            .unwrap();
        assert_eq!(
            back.text(),
            LetterKind::Answer.default_template().trim_end()
        );
    }
}

/// A received mail: its `RCPT TO` lines and the message.
type Mail = (Vec<String>, String);

/// A minimal SMTP server that keeps what it receives (`RCPT TO` lines and the message).
#[derive(Clone, Default)]
struct Sink {
    mails: Arc<Mutex<Vec<Mail>>>,
}

impl Sink {
    async fn start() -> (Sink, u16) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let sink = Sink::default();
        let keep = sink.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(keep.clone().session(socket));
            }
        });
        (sink, port)
    }

    async fn session(self, socket: tokio::net::TcpStream) {
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read).lines();
        let _ = write.write_all(b"220 sink ESMTP\r\n").await;
        let (mut rcpt, mut data, mut in_data) = (Vec::new(), String::new(), false);
        while let Ok(Some(line)) = lines.next_line().await {
            let reply: &[u8] = if in_data {
                if line == "." {
                    in_data = false;
                    let mail = (std::mem::take(&mut rcpt), std::mem::take(&mut data));
                    self.mails.lock().unwrap().push(mail);
                    b"250 queued\r\n"
                } else {
                    data.push_str(&line);
                    data.push('\n');
                    continue;
                }
            } else if line.starts_with("RCPT") {
                rcpt.push(line);
                b"250 ok\r\n"
            } else if line.starts_with("DATA") {
                in_data = true;
                b"354 go ahead\r\n"
            } else if line.starts_with("QUIT") {
                let _ = write.write_all(b"221 bye\r\n").await;
                return;
            } else {
                b"250 ok\r\n"
            };
            let _ = write.write_all(reply).await;
        }
    }

    fn mails(&self) -> Vec<Mail> {
        self.mails.lock().unwrap().clone()
    }
}

/// The text of a single-part message, decoded from base64 or quoted-printable.
fn body_text(message: &str) -> String {
    let (head, body) = message.split_once("\n\n").unwrap();
    if head.contains("Content-Transfer-Encoding: base64") {
        let joined: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(joined)
            .unwrap();
        String::from_utf8(bytes).unwrap()
    } else {
        body.to_string()
    }
}

#[tokio::test]
async fn a_letter_is_queued_with_its_event_and_delivered_over_smtp_once_a_server_is_configured() {
    for mut f in each_backend("outbox_smtp").await {
        let id = answered(&f, "13812345678，wang@example.com").await;
        answered(&f, "13812345678").await;
        let queued = f.app.outbox(&f.registrar).await.unwrap();
        assert_eq!(queued.len(), 1, "only the applicant with an e-mail address");
        assert_eq!(
            (queued[0].state.as_str(), queued[0].application_id),
            ("queued", Some(id))
        );
        assert_eq!(
            f.app.deliver_outbox().await.unwrap().sent,
            0,
            "no server yet"
        );

        let (sink, port) = Sink::start().await;
        let url = format!("smtp://127.0.0.1:{port}");
        let mailer = Mailer::parse(&url, "七里营镇人民政府 <gk@qiliying.gov.cn>").unwrap();
        f.app = f.app.clone().with_mailer(mailer.clone());
        // A second instance on the same database sends at the same moment: one mail goes out.
        let other = app_on(&f.url).await.with_mailer(mailer);
        let (a, b) = tokio::join!(f.app.deliver_outbox(), other.deliver_outbox());
        assert_eq!(a.unwrap().sent + b.unwrap().sent, 1);
        let mails = sink.mails();
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].0, ["RCPT TO:<wang@example.com>"]);
        let text = body_text(&mails[0].1);
        assert!(text.starts_with("政府信息公开申请答复书"), "{text}");
        assert!(
            text.contains("60日内向上一级行政机关申请行政复议"),
            "{text}"
        );
        let sent = f.app.outbox(&f.registrar).await.unwrap();
        assert_eq!((sent[0].state.as_str(), sent[0].attempts), ("sent", 1));
        assert_eq!(f.app.deliver_outbox().await.unwrap().sent, 0, "sent once");
    }
}

#[tokio::test]
async fn an_unreachable_server_is_retried_with_pauses_then_given_up_until_staff_resend() {
    for mut f in each_backend("outbox_retry").await {
        answered(&f, "wang@example.com").await;
        let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("smtp://127.0.0.1:{}", closed.local_addr().unwrap().port());
        drop(closed);
        let mailer = Mailer::parse(&url, "gk@qiliying.gov.cn").unwrap();
        f.app = f.app.clone().with_mailer(mailer);
        assert_eq!(f.app.deliver_outbox().await.unwrap().failed, 1);
        assert_eq!(f.app.deliver_outbox().await.unwrap().failed, 0, "paused");
        let mut now = f.app.clock().now_ms();
        for _ in 0..4 {
            now += 13 * 3_600_000;
            f.app.clock().set(now);
            assert_eq!(f.app.deliver_outbox().await.unwrap().failed, 1);
        }
        let given_up = f.app.outbox(&f.registrar).await.unwrap().remove(0);
        assert_eq!((given_up.state.as_str(), given_up.attempts), ("failed", 5));
        assert!(!given_up.last_error.is_empty());
        assert!(matches!(
            f.app.resend_message(&f.drafter, given_up.id).await,
            Err(AppError::Forbidden)
        ));
        f.app
            .resend_message(&f.registrar, given_up.id)
            .await
            .unwrap();
        assert_eq!(
            f.app.outbox(&f.registrar).await.unwrap()[0].state,
            gongkai_domain::letters::DeliveryState::Queued
        );
    }
}
