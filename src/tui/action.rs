//! What a key press means: plain values, testable without a terminal.

use tui_input::InputRequest;

/// Everything the user can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    // moving
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Expand,
    Collapse,
    ToggleAll,
    /// Select the row at this index of the visible rows (a mouse click).
    SelectRow(usize),
    /// Move the selection without wrapping (the mouse wheel).
    Scroll(isize),
    /// Scroll the detail pane by this many lines (its text is longer than
    /// the pane).
    DetailScroll(isize),
    // editing
    Percent(f64),
    StageNext,
    StagePrev,
    StatusMenu,
    Edit,
    Add,
    Delete,
    Undo,
    Redo,
    /// Write edits that could not be saved.
    Retry,
    /// Read the selected item's file again from disk, keeping unsaved edits.
    Reload,
    /// Settle a conflict a git merge left on the selected item: mine or theirs.
    Settle,
    // finding
    Search,
    SearchNext,
    SearchPrev,
    Filter,
    ClearFilter,
    // screens
    /// Open the stand-up walkthrough.
    Standup,
    /// Open the overdue review.
    Review,
    /// Open the pipeline board of the selected project.
    Board,
    /// Open the trend of the selected item: its weekly percent and forecast.
    Trend,
    /// Write the weekly report to a file.
    Report,
    /// Open the operations view: metrics and the week's incidents.
    Operations,
    /// Operations view: the previous or next week's incidents.
    PrevWeek,
    NextWeek,
    /// Leave a screen for the tree.
    Back,
    /// Stand-up: next or previous project.
    NextPage,
    PrevPage,
    /// Board: the column to the left or right.
    Left,
    Right,
    /// Overdue review: a new due date, mark done, record a blocker.
    Reschedule,
    MarkDone,
    RecordBlocker,
    /// Time passed (the stand-up's timers).
    Tick(std::time::Duration),
    /// The file (an index into the portfolio's files) changed on disk.
    FileChanged(usize),
    /// Objective files came or went (a `git pull`, a checkout).
    FolderChanged,
    /// Commit, merge and push with the team (the event loop runs git).
    Sync,
    /// A sync ended, saying how.
    Synced(SyncOutcome),
    Help,
    ToggleDetail,
    Quit,
    // inside menus, forms and prompts
    MenuUp,
    MenuDown,
    NextField,
    PrevField,
    Confirm,
    Cancel,
    /// Answer a yes/no prompt, or pick a menu entry by its letter.
    Choose(char),
    Input(InputRequest),
    Paste(String),
    /// A form: a new line in a field of paragraphs (`Ctrl-j`).
    NewLine,
    /// A form: save it from any field (`Ctrl-s`; `Enter` makes a new line
    /// in a field of paragraphs).
    Save,
}

/// How a sync ended, as the TUI tells it.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncOutcome {
    /// Committed (or nothing to commit), merged and pushed.
    Done { committed: bool },
    /// Committed here only: no remote, or no upstream branch (why).
    LocalOnly(String),
    /// The merge stopped on conflicts in this many fields.
    Conflicts(usize),
    /// It failed: git's words.
    Failed(String),
}
