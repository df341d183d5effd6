//! The interactive terminal UI: state ([`app`]), keys ([`keymap`]) to
//! [`action`]s, and pure [`view`]s, driven by one event loop.

pub mod action;
pub mod app;
pub mod changes;
pub mod config;
pub mod form;
pub mod history;
pub mod input;
pub mod key;
pub mod keymap;
pub mod overlay_keys;
pub mod remap;
pub mod screens;
pub mod search;
pub mod strings;
pub mod theme;
pub mod tree;
pub mod view;
pub mod watch;

use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use chrono::NaiveDate;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::core::Portfolio;
use action::Action;
use app::{App, Mode};
pub use history::HistoryReader;
use key::{Key, key};
use screens::Screen;

/// Puts the terminal into the TUI's state: ratatui's defaults (raw mode,
/// alternate screen, a panic hook that restores them) plus mouse capture
/// and bracketed paste.
fn enter_terminal() -> io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
    Ok(terminal)
}

/// Gives the terminal back as it was. Safe to call more than once.
pub fn leave_terminal() {
    let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    let _ = ratatui::try_restore();
    let _ = execute!(io::stdout(), crossterm::cursor::Show);
    let _ = io::stdout().flush();
}

/// The screen the TUI opens on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    Tree,
    Standup,
}

/// Runs the TUI on a loaded portfolio until the user quits, its history
/// coming from `history` (started before the load). `today` follows
/// the clock across midnight when `follow_clock` (no `--today` given).
pub fn run(
    portfolio: Portfolio,
    mut history: HistoryReader,
    today: NaiveDate,
    follow_clock: bool,
    start: Start,
    config_file: Option<&std::path::Path>,
) -> Result<(), String> {
    let s = strings::Strings::of(&portfolio);
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(s.get(strings::NEEDS_TERMINAL).into());
    }
    let unsaved = Unsaved::default();
    let data = portfolio.dir.clone();
    // a panic gives the terminal back (mouse and paste too) before the
    // message is printed, and keeps the edits not on disk
    let previous = std::panic::take_hook();
    let (on_panic, data_on_panic) = (unsaved.clone(), data.clone());
    std::panic::set_hook(Box::new(move |info| {
        leave_terminal();
        if let Ok(r) = on_panic.try_lock() {
            keep_for_next_start(&data_on_panic, s, &r);
        }
        previous(info);
    }));
    let suspend = handle_signals(data.clone(), s, unsaved.clone())?;
    let mut terminal = enter_terminal().map_err(|e| s.cannot_set_up_terminal(&e.to_string()))?;
    // the newest earlier week, read beside the load; the older ones follow
    let mut app = App::with_history(portfolio, today, history.newest());
    if follow_clock {
        app.clock.date = Some(|| chrono::Local::now().date_naive());
    }
    let (ui, problem) = config::ui(config_file, |k| std::env::var(k).ok());
    app.clock.ui = ui;
    if let Some(p) = problem {
        app.message = Some(app::Message {
            text: s.config_problem(&p),
            error: true,
        });
    }
    if start == Start::Standup {
        app.open_standup();
    }
    app.offer_recovery();
    let result = event_loop(&mut terminal, &mut app, history, &unsaved, &suspend);
    leave_terminal();
    if result.is_err() {
        // the terminal was lost: what is not on disk goes to the recovery file
        keep_for_next_start(&data, s, &app.unsaved_recovery());
    }
    result.map_err(|e| s.terminal_error(&e.to_string()))
}

/// The edits not on disk, as the event loop last saw them: what the
/// signal thread writes to the recovery file when it ends stride.
type Unsaved = std::sync::Arc<std::sync::Mutex<crate::core::recovery::Recovery>>;

/// Handles the signals that would leave the terminal as stride set it, from
/// a thread of their own (when the terminal is gone, the event loop may
/// never get back to look at a flag). SIGTERM, SIGHUP, SIGINT and SIGQUIT
/// write the unsaved edits to the recovery file, give the terminal back
/// and end the process; SIGTSTP (a `kill -TSTP`; `Ctrl-z` is a key in raw
/// mode) is sent to the event loop, which gives the terminal back, stops,
/// and takes it again when continued.
fn handle_signals(
    dir: std::path::PathBuf,
    s: strings::Strings,
    unsaved: Unsaved,
) -> Result<std::sync::mpsc::Receiver<()>, String> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])
            .map_err(|e| e.to_string())?;
    let (suspend_tx, suspend_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if signal == SIGTSTP {
                let _ = suspend_tx.send(());
                continue;
            }
            let r = unsaved
                .lock()
                .map_or_else(|e| e.into_inner().clone(), |r| r.clone());
            leave_terminal();
            keep_for_next_start(&dir, s, &r);
            std::process::exit(128 + signal);
        }
    });
    Ok(suspend_rx)
}

/// Writes unsaved edits to the data folder's recovery file (after those
/// already there), which the next start offers; says so on stderr.
fn keep_for_next_start(
    dir: &std::path::Path,
    s: strings::Strings,
    r: &crate::core::recovery::Recovery,
) {
    if r.is_empty() {
        return;
    }
    match crate::core::recovery::add(dir, r) {
        Ok(path) => eprintln!(
            "{}",
            s.kept_for_next_start(r.len(), &path.display().to_string())
        ),
        Err(e) => eprintln!("{}", s.not_kept(r.len(), &e.to_string())),
    }
}

/// Hands the signal thread the edits not on disk, when they changed.
fn share_unsaved(app: &App, unsaved: &Unsaved) {
    let now = app.unsaved_recovery();
    if let Ok(mut shared) = unsaved.lock()
        && *shared != now
    {
        *shared = now;
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    mut history: HistoryReader,
    unsaved: &Unsaved,
    suspended: &std::sync::mpsc::Receiver<()>,
) -> io::Result<()> {
    terminal.clear()?;
    let mut areas = None;
    let mut clock = std::time::Instant::now();
    // files changed by others (an editor, git pull, another stride)
    let (changes, _watcher) = watch(&app.portfolio.dir);
    // who changed what, from git, read in the background; a sync runs there too
    let (team_tx, team_rx) = std::sync::mpsc::channel();
    read_changes(app, team_tx.clone());
    let mut syncing = false;
    loop {
        let now = std::time::Instant::now();
        app.update(Action::Tick(now - clock));
        clock = now;
        if let Some(older) = history.older() {
            app.add_older_history(older);
        }
        while let Ok(name) = changes.try_recv() {
            let known = app
                .portfolio
                .files
                .iter()
                .position(|f| f.path.file_name() == Some(name.as_os_str()));
            let exists = app.portfolio.dir.join(&name).exists();
            match known {
                Some(i) if exists => app.update(Action::FileChanged(i)),
                // a file that went, or a new objective file
                Some(_) => app.update(Action::FolderChanged),
                None if exists
                    && name
                        .to_str()
                        .is_some_and(crate::core::load::is_objective_file) =>
                {
                    app.update(Action::FolderChanged)
                }
                None => {}
            }
        }
        while let Ok(news) = team_rx.try_recv() {
            match news {
                TeamNews::Changes(c) => app.changes = c,
                TeamNews::Synced(outcome) => {
                    syncing = false;
                    app.update(Action::Synced(outcome));
                    app.update(Action::FolderChanged);
                    read_changes(app, team_tx.clone());
                }
            }
        }
        if suspended.try_recv().is_ok() {
            suspend(terminal)?;
        }
        terminal.draw(|frame| areas = view::draw(app, frame))?;
        let flushed = app.flush();
        share_unsaved(app, unsaved);
        if flushed {
            continue;
        }
        if app.quit {
            app.record_history();
            return Ok(());
        }
        // the older weeks of history, while they are read, are looked for often
        let wait = if history.pending() { 20 } else { 200 };
        if !event::poll(Duration::from_millis(wait))? {
            // the keys paused: the moment for the week's history file
            app.record_history();
            continue;
        }
        let ev = event::read()?;
        let pressed = match &ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => Key::of_event(k),
            _ => None,
        };
        match &ev {
            Event::Key(_) if pressed == Some(Key::ctrl('z')) => suspend(terminal)?,
            Event::Mouse(m) if matches!(app.mode, Mode::Normal) && app.screen == Screen::Tree => {
                if let Some(action) = mouse_action(app, m, areas) {
                    app.update(action);
                }
            }
            Event::Resize(..) => {
                terminal.autoresize()?;
                terminal.clear()?;
            }
            // too small to show anything: only the quit keys work
            Event::Key(_) if areas.is_none() => {
                if pressed.is_some_and(|k| QUIT_KEYS.iter().any(|q| key(q) == k)) {
                    app.update(Action::Quit);
                }
            }
            _ => {
                if let Some(action) = input::action_for(app, &ev) {
                    if action == Action::Sync && matches!(app.mode, Mode::Normal) {
                        if syncing {
                            app.info(app.strings().get(strings::team::SYNC_BUSY));
                            continue;
                        }
                        // edits are on disk before git sees the folder
                        app.flush();
                        syncing = true;
                        start_sync(app, team_tx.clone());
                    }
                    app.update(action);
                }
            }
        }
    }
}

/// Watches the data folder: the names of files whose content changed
/// ([`watch::watch`]: writes, never reads).
fn watch(
    dir: &std::path::Path,
) -> (
    std::sync::mpsc::Receiver<std::ffi::OsString>,
    Option<watch::Watcher>,
) {
    watch::watch(dir)
}

/// What the background threads of git report.
enum TeamNews {
    Changes(crate::team::log::Changes),
    Synced(crate::tui::action::SyncOutcome),
}

/// Reads who changed what from git, in a thread (nothing outside a
/// repository). At most a thousand commits back.
fn read_changes(app: &App, tx: std::sync::mpsc::Sender<TeamNews>) {
    let dir = app.portfolio.dir.clone();
    let monday = app.today
        - chrono::Days::new(u64::from(
            chrono::Datelike::weekday(&app.today).num_days_from_monday(),
        ));
    std::thread::spawn(move || {
        if let Ok(c) = crate::team::log::Changes::read(&dir, monday, 1000) {
            let _ = tx.send(TeamNews::Changes(c));
        }
    });
}

/// Commits, merges and pushes in a thread; says how it ended.
fn start_sync(app: &App, tx: std::sync::mpsc::Sender<TeamNews>) {
    use crate::team::sync::{SyncOptions, Synced, describe_conflicts, sync};
    use crate::tui::action::SyncOutcome;
    let dir = app.portfolio.dir.clone();
    let opts = SyncOptions {
        message: None,
        zh: app.portfolio.settings.language == crate::core::settings::Language::Zh,
    };
    std::thread::spawn(move || {
        let outcome = match sync(&dir, &opts) {
            Ok(Synced::Done {
                local_only: Some(why),
                ..
            }) => SyncOutcome::LocalOnly(why),
            Ok(Synced::Done { committed, .. }) => SyncOutcome::Done {
                committed: committed.is_some(),
            },
            Ok(Synced::Conflicts(files)) => {
                SyncOutcome::Conflicts(describe_conflicts(&files).len())
            }
            Err(e) => SyncOutcome::Failed(e.to_string()),
        };
        let _ = tx.send(TeamNews::Synced(outcome));
    });
}

/// The keys that work when the terminal is too small to show anything.
const QUIT_KEYS: [&str; 3] = ["q", "<Esc>", "Ctrl-c"];

/// Ctrl-z or SIGTSTP: give the terminal back, stop, and take it again on
/// `fg` (SIGCONT), redrawn. Stops with SIGSTOP, as SIGTSTP is handled.
fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    leave_terminal();
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    *terminal = enter_terminal()?;
    terminal.clear()
}

fn mouse_action(app: &App, m: &event::MouseEvent, areas: Option<view::Areas>) -> Option<Action> {
    let tree = areas?.tree;
    match m.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll(3)),
        MouseEventKind::ScrollUp => Some(Action::Scroll(-3)),
        MouseEventKind::Down(event::MouseButton::Left)
            if m.row >= tree.y && m.row < tree.bottom() && m.column < tree.right() =>
        {
            Some(Action::SelectRow(
                app.tree.offset + (m.row - tree.y) as usize,
            ))
        }
        _ => None,
    }
}
