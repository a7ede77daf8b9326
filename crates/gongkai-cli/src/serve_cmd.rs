//! `gongkai serve`, `gongkai search reindex`, `gongkai agency add`, `gongkai user add`: the
//! commands that run the platform.

use crate::store_cmd::{Database, open};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use gongkai_app::App;
use gongkai_app::agencies::AgencyInput;
use gongkai_app::auth::UserInput;
use gongkai_domain::disclosure::Role;
use gongkai_search::SearchIndex;
use std::io::{BufRead, Write};
use std::process::ExitCode;
use std::time::Duration;

/// `gongkai serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// 监听地址
    #[arg(long, env = "GONGKAI_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// 空数据库时生成演示数据（新乡县政府信息公开平台：县政府、七里营镇等3个镇和3个县直部门），并显示各机关的演示账号和密码
    #[arg(long)]
    demo: bool,
    /// 会话 Cookie 仅经 HTTPS 发送（经 HTTPS 反向代理提供服务时开启）
    #[arg(long, env = "GONGKAI_SECURE_COOKIES")]
    secure_cookies: bool,
    /// 经反向代理提供服务时开启：按 X-Forwarded-For 的最后一项识别访问者地址（用于登录、申请的频率限制）
    #[arg(long, env = "GONGKAI_TRUST_PROXY")]
    trust_proxy: bool,
    /// 发送通知邮件的 SMTP 服务器，例如 smtps://用户名:密码@smtp.example.gov.cn:465
    /// 或 smtp://用户名:密码@smtp.example.gov.cn:587?tls=required；不设置则通知保存在发件箱中
    #[arg(long, env = "GONGKAI_SMTP_URL", requires = "mail_from")]
    smtp_url: Option<String>,
    /// 通知邮件的发件人，例如 "七里营镇人民政府 <gk@example.gov.cn>"
    #[arg(long, env = "GONGKAI_MAIL_FROM")]
    mail_from: Option<String>,
    /// 同时服务的连接数上限（超出的连接排队等候）
    #[arg(long, env = "GONGKAI_MAX_CONNECTIONS", default_value_t = 1024)]
    max_connections: usize,
}

impl ServeArgs {
    /// The app sending notifications when a server is configured.
    fn with_mail(&self, app: App) -> Result<App> {
        let (Some(url), Some(from)) = (&self.smtp_url, &self.mail_from) else {
            return Ok(app);
        };
        let mailer = gongkai_app::mail::Mailer::parse(url, from)?;
        Ok(app.with_mailer(mailer))
    }
}

/// A runtime for the commands that use the app.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    multi_thread()
}

fn multi_thread() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("无法启动异步运行时")
}

/// The app over the configured store and this instance's index.
pub async fn app(db: &Database) -> Result<App> {
    let store = open(db).await?;
    let dir = db.data_dir().join("search-index");
    let index =
        SearchIndex::open(&dir).with_context(|| format!("无法打开全文索引 {}", dir.display()))?;
    let app = App::new(store, index);
    let files = crate::clock_cmd::data_dir_schedules(db.data_dir())?;
    app.load_calendar(files.into_iter().map(|(_, s)| s).collect())
        .await
        .context("无法读取已上传的节假日安排")?;
    Ok(app)
}

fn say(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    out.flush()?;
    Ok(())
}

/// Runs the service until Ctrl-C or SIGTERM.
pub fn serve(args: ServeArgs, db: &Database) -> Result<ExitCode> {
    multi_thread()?.block_on(async {
        let app = args.with_mail(app(db).await?)?;
        if args.demo {
            seed_demo(&app).await?;
        }
        app.sync_index().await.context("全文索引更新失败")?;
        let _follower = app.follow_changes(Duration::from_secs(1));
        let _mail = app
            .mail_configured()
            .then(|| app.follow_outbox(Duration::from_secs(60)));
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .map_err(|e| bind_error(&args.listen, &e))?;
        let addr = listener.local_addr()?;
        say(&format!("gongkai 已启动：\n  政府信息公开平台  http://{addr}/\n  工作人员工作台    http://{addr}/console\n运行日志输出到标准错误（RUST_LOG 调整详细程度，GONGKAI_LOG_JSON=1 输出 JSON）。\n按 Ctrl-C 停止。"))?;
        let pdf_fonts_missing = !gongkai_report::pdf::fonts_installed();
        if pdf_fonts_missing {
            let hint = gongkai_report::pdf::FONT_HINT;
            tracing::warn!("no CJK font installed: letters and reports cannot be made as PDF");
            say(&format!("警告：本机没有中文字体，文书和年度报告暂时不能生成 PDF，只能下载 DOCX。{hint}，然后重启 gongkai。"))?;
        }
        let config = gongkai_web::WebConfig {
            secure_cookies: args.secure_cookies,
            trust_proxy: args.trust_proxy,
            pdf_fonts_missing,
            ..gongkai_web::WebConfig::default()
        };
        let limits = gongkai_web::ServerLimits {
            max_connections: args.max_connections,
            ..gongkai_web::ServerLimits::default()
        };
        gongkai_web::serve(app, config, limits, listener).await?;
        say("gongkai 已停止。")?;
        anyhow::Ok(ExitCode::SUCCESS)
    })
}

/// Why the address cannot be listened on, in words an operator acts on.
fn bind_error(listen: &str, e: &std::io::Error) -> anyhow::Error {
    use std::io::ErrorKind;
    let why = match e.kind() {
        ErrorKind::AddrInUse => "该地址已被占用：可能已有一个 gongkai 或其他程序在使用这个端口，请先停止它，或用 --listen 换一个端口".to_string(),
        ErrorKind::PermissionDenied => "没有权限监听该地址（1024 以下的端口需要管理员权限，建议用 8080 等端口并由反向代理转发）".to_string(),
        ErrorKind::AddrNotAvailable => "本机没有这个地址，请检查 --listen 中的 IP".to_string(),
        _ => format!("{e}"),
    };
    anyhow::anyhow!("无法监听 {listen}：{why}")
}

async fn seed_demo(app: &App) -> Result<()> {
    if !app.is_empty().await? {
        return say("数据库中已有数据，未再生成演示数据（演示账号的密码只在首次生成时显示）。");
    }
    say("正在生成演示数据：新乡县政府信息公开平台，县政府、3个镇、3个县直部门（约需一分钟）……")?;
    let users = match app.seed_demo().await {
        Ok(users) => users,
        Err(gongkai_app::AppError::Store(e)) if e.is_unique_violation() => {
            return say("另一个实例正在或已经生成演示数据，本实例直接使用这些数据。");
        }
        Err(e) => return Err(e.into()),
    };
    let mut text = String::from("演示账号（密码只显示这一次，请妥善保存）：\n");
    let mut agency = String::new();
    for u in users {
        if u.agency != agency {
            text.push_str(&format!("{}\n", u.agency));
            agency = u.agency.clone();
        }
        text.push_str(&format!(
            "  用户名 {:<14} 密码 {}  {}：{}\n",
            u.username,
            u.password,
            u.role.label(),
            u.display_name
        ));
    }
    say(&text)
}

/// `gongkai search …`.
#[derive(Subcommand)]
pub enum SearchCommand {
    /// 从数据库重建全文索引（索引是派生数据，可随时删除重建）
    Reindex,
}

/// `gongkai search reindex`.
pub fn search(cmd: SearchCommand, db: &Database) -> Result<ExitCode> {
    let SearchCommand::Reindex = cmd;
    let dir = db.data_dir().join("search-index");
    say(&format!(
        "全文索引目录：{}（与 serve 相同的规则：--data-dir 下的 search-index）",
        dir.display()
    ))?;
    let n = multi_thread()?.block_on(async {
        let app = app(db).await?;
        anyhow::Ok(app.reindex().await?)
    })?;
    say(&format!("全文索引已重建：{n} 条已公开信息。"))?;
    Ok(ExitCode::SUCCESS)
}

/// `gongkai agency …`.
#[derive(Subcommand)]
pub enum AgencyCommand {
    /// 新增机关
    Add {
        /// 统一社会信用代码或组织机构代码（用于索引号）
        #[arg(long)]
        code: String,
        /// 机关名称
        #[arg(long)]
        name: String,
        /// 层级，如 县级、乡级
        #[arg(long, default_value = "乡级")]
        level: String,
        /// government（人民政府，3月31日前报送年报）或 department（部门，1月31日前）
        #[arg(long, default_value = "government")]
        kind: String,
        /// 上级机关的代码
        #[arg(long)]
        parent: Option<String>,
    },
}

/// `gongkai agency add`.
pub fn agency(cmd: AgencyCommand, db: &Database) -> Result<ExitCode> {
    let AgencyCommand::Add {
        code,
        name,
        level,
        kind,
        parent,
    } = cmd;
    let input = AgencyInput {
        code: code.clone(),
        name: name.clone(),
        level,
        kind,
        parent_code: parent.unwrap_or_default(),
    };
    multi_thread()?.block_on(async {
        let app = app(db).await?;
        app.add_agency(None, &input, None).await?;
        anyhow::Ok(())
    })?;
    say(&format!("已新增机关：{name}（{code}）"))?;
    Ok(ExitCode::SUCCESS)
}

/// `gongkai user …`.
#[derive(Subcommand)]
pub enum UserCommand {
    /// 新增用户（密码从标准输入读取一行）
    Add {
        /// 用户名
        #[arg(long)]
        username: String,
        /// 姓名
        #[arg(long)]
        name: String,
        /// 角色：drafter、registrar、approver、admin、auditor、supervisor（可多次给出）
        #[arg(long, required = true)]
        role: Vec<String>,
        /// 所属机关的代码
        #[arg(long)]
        agency: String,
    },
}

/// `gongkai user add`.
pub fn user(cmd: UserCommand, db: &Database) -> Result<ExitCode> {
    let UserCommand::Add {
        username,
        name,
        role,
        agency,
    } = cmd;
    let roles = role
        .iter()
        .map(|r| Role::parse(r))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .context("无法从标准输入读取密码")?;
    multi_thread()?.block_on(async {
        let app = app(db).await?;
        let dir = app.directory().await?;
        let agency_id = dir
            .by_code(agency.trim())
            .map(|a| a.id)
            .with_context(|| format!("找不到机关 {agency}"))?;
        let input = UserInput {
            username: username.clone(),
            display_name: name,
            password: password.trim().to_string(),
            roles,
            agency_id: Some(agency_id),
        };
        app.create_user(None, &input).await?;
        anyhow::Ok(())
    })?;
    say(&format!("已新增用户：{username}"))?;
    Ok(ExitCode::SUCCESS)
}
